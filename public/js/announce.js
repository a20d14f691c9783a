// hackday announcements: shows the organisers' announcements that are not
// cleared as banners at the top of every live page (and over the scene on
// the projector), from the live state that live.js keeps. A phone may
// dismiss one; the dismissal is remembered on the device by announcement id.
// The event page also lists the latest few in #announce-list.
(function () {
  "use strict";
  var slug = document.body.getAttribute("data-live");
  var slot = document.getElementById("announce-banners");
  var template = document.getElementById("announce-template");
  if (!slug || !slot || !template) return;
  var key = "hackday-dismissed-" + slug;
  var shownKey = "";

  function dismissed() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }

  function dismiss(id) {
    var ids = dismissed().filter(function (x) { return x !== id; });
    ids.push(id);
    // Only the latest few can come back; keep the list short.
    try { localStorage.setItem(key, JSON.stringify(ids.slice(-50))); } catch (e) { /* private mode */ }
    render();
  }

  function banner(a) {
    var node = template.content.firstElementChild.cloneNode(true);
    node.setAttribute("data-id", String(a.id));
    node.querySelector(".announce-text").textContent = a.text;
    node.querySelector(".announce-dismiss").addEventListener("click", function () { dismiss(a.id); });
    return node;
  }

  function listItem(a) {
    var li = document.createElement("li");
    li.className = a.cleared ? "cleared" : "";
    var time = document.createElement("span");
    time.className = "time";
    time.textContent = new Date(a.at_ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " ";
    li.appendChild(time);
    li.appendChild(document.createTextNode(a.text));
    return li;
  }

  function render() {
    var live = window.hackdayLive;
    var all = (live && live.event && live.event.announcements) || [];
    var gone = dismissed();
    var shown = all.filter(function (a) { return !a.cleared && gone.indexOf(a.id) < 0; });
    var newKey = shown.map(function (a) { return a.id; }).join(",");
    if (newKey !== shownKey) {
      shownKey = newKey;
      slot.replaceChildren.apply(slot, shown.map(banner));
      // The projector's scene starts below the banners (see app.css).
      document.body.style.setProperty("--announce-height", slot.offsetHeight + "px");
      document.dispatchEvent(new CustomEvent("hackday:layout"));
    }
    var list = document.getElementById("announce-list");
    if (list) {
      list.replaceChildren.apply(list, all.map(listItem));
      var section = document.getElementById("announce-section");
      if (section) section.hidden = all.length === 0;
    }
  }

  document.addEventListener("hackday:change", render);
})();
