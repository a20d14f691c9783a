// The event page's board tools: a search over titles, problems, pitchers
// and skills, and "teams that need what I do" (the signed-in person's skills
// against what each team still needs). Shown only with JavaScript: without
// it every team is listed. Applied to the cards on the page, and again after
// every live change (live.js redraws the board, then fires hackday:change).
(function () {
  "use strict";
  var board = document.getElementById("board");
  var tools = document.getElementById("board-tools");
  if (!board || !tools) return;
  var search = document.getElementById("board-search");
  var needMine = document.getElementById("board-mine");
  var shown = document.getElementById("board-shown");
  var mySkills = needMine ? needMine.getAttribute("data-skills").split("|").filter(Boolean) : [];

  // What each team's card does not show but the search covers (its
  // problem and every skill it asked for), by project id: fetched from the
  // public API the first time someone searches, so the page itself stays
  // small on venue Wi-Fi. Until it arrives, the search covers the card.
  var extra = null, asked = false;
  function fetchExtra() {
    if (asked || !window.fetch) return;
    asked = true;
    var slug = document.body.getAttribute("data-live");
    fetch("/api/v1/events/" + encodeURIComponent(slug) + "/projects")
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) { asked = false; return; }
        extra = new Map();
        body.projects.forEach(function (p) { extra.set("project-" + p.id, [p.problem].concat(p.skills_needed).join(" ")); });
        applyFilter();
      })
      .catch(function () { asked = false; });
  }

  function matches(li, words, mine) {
    var text = (li.textContent + " " + ((extra && extra.get(li.id)) || "")).toLowerCase();
    var needs = Array.prototype.map.call(li.querySelectorAll(".needs .chip"), function (c) { return c.textContent; });
    return words.every(function (w) { return text.indexOf(w) !== -1; }) &&
      (!mine || mySkills.some(function (s) { return needs.indexOf(s) !== -1; }));
  }

  function applyFilter() {
    var words = (search ? search.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    var mine = !!(needMine && needMine.checked);
    if (words.length) fetchExtra();
    var total = 0, visible = 0;
    Array.prototype.forEach.call(board.children, function (li) {
      var ok = matches(li, words, mine);
      li.hidden = !ok;
      total += 1;
      if (ok) visible += 1;
    });
    if (!shown) return;
    if (!words.length && !mine) shown.textContent = "";
    else if (!visible) shown.textContent = "No team matches. Clear the search to see all " + total + ".";
    else shown.textContent = "Showing " + visible + " of " + total + " teams.";
  }

  tools.hidden = false;
  if (search) search.addEventListener("input", applyFilter);
  if (needMine) needMine.addEventListener("change", applyFilter);
  document.addEventListener("hackday:change", applyFilter);
  applyFilter();
})();
