// hackday scoring panel: saves each score as it is entered. Every change is
// first kept in this browser (localStorage), then sent; when the connection
// is down the panel says so and sends what is kept when it returns, so
// nothing entered is lost. Without this script the forms post as usual.
(function () {
  "use strict";
  var list = document.querySelector(".judge-list");
  if (!list || !window.fetch || !window.localStorage) return;
  var slug = list.getAttribute("data-slug");
  var key = "hackday-judge-queue-" + slug;
  var sync = document.getElementById("judge-sync");
  var progress = document.getElementById("judge-progress");
  var retryTimer = null;
  // The offline banner stacks under the live channel's, never beneath it.
  var banners = document.getElementById("banners");
  if (banners && sync) banners.appendChild(sync);
  var sending = false;

  function load() { try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; } }
  function store(queue) { localStorage.setItem(key, JSON.stringify(queue)); }
  function card(project) { return document.getElementById("project-" + project); }
  // state: "saving", "pending" (kept here, not sent), "saved" or "bad".
  function say(project, text, state) {
    var c = card(project);
    var el = c && c.querySelector(".save-state");
    if (!el) return;
    el.textContent = text;
    ["saved", "pending", "late"].forEach(function (k) { el.classList.remove(k); });
    if (state === "saved") el.classList.add("saved");
    if (state === "pending") el.classList.add("pending");
    if (state === "bad") el.classList.add("late");
  }
  function banner(text) { if (sync) { sync.textContent = text || ""; sync.hidden = !text; } }

  function sheet(form) {
    var scores = {};
    form.querySelectorAll("fieldset.criterion").forEach(function (fs) {
      var checked = fs.querySelector("input[type=radio]:checked");
      if (checked) scores[fs.getAttribute("data-criterion")] = Number(checked.value);
    });
    var notes = form.querySelector("textarea[name=notes]");
    return { scores: scores, notes: notes ? notes.value : null };
  }

  function enqueue(form) {
    var project = form.closest("[data-project]").getAttribute("data-project");
    var queue = load().filter(function (item) { return item.project !== project; });
    var entry = sheet(form);
    entry.project = project;
    entry.csrf = form.querySelector("input[name=csrf]").value;
    queue.push(entry);
    store(queue);
    say(project, "Saving…");
    flush();
  }

  function flush() {
    if (sending) return;
    var queue = load();
    if (!queue.length) { banner(""); return; }
    sending = true;
    var item = queue[0];
    fetch("/e/" + slug + "/judge/p/" + item.project + "/scores.json", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": item.csrf },
      body: JSON.stringify({ scores: item.scores, notes: item.notes })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
    }).then(function (r) {
      sending = false;
      if (r.status >= 500) throw new Error("server");
      store(load().filter(function (i) { return i !== undefined && !(i.project === item.project && JSON.stringify(i.scores) === JSON.stringify(item.scores) && i.notes === item.notes); }));
      if (r.ok) {
        say(item.project, "Saved ✓", "saved");
        var c = card(item.project);
        if (c) c.classList.add("saved");
        if (progress && r.body.to_score !== undefined) progress.textContent = r.body.scored + " of " + r.body.to_score;
      } else {
        say(item.project, r.body.message || "Not saved", "bad");
      }
      banner("");
      flush();
    }).catch(function () {
      sending = false;
      banner("Offline — your scores are kept on this device and will be sent when the connection returns.");
      load().forEach(function (i) { say(i.project, "Kept on this device, not sent yet", "pending"); });
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, 3000);
    });
  }

  // Put back anything entered but not yet sent (say, before a reload).
  load().forEach(function (item) {
    var c = card(item.project);
    if (!c) return;
    Object.keys(item.scores).forEach(function (criterion) {
      var input = c.querySelector("fieldset[data-criterion='" + criterion + "'] input[value='" + item.scores[criterion] + "']");
      if (input) input.checked = true;
    });
    var notes = c.querySelector("textarea[name=notes]");
    if (notes && item.notes !== null) notes.value = item.notes;
    say(item.project, "Kept on this device, not sent yet", "pending");
  });

  var typing = {};
  list.addEventListener("change", function (ev) {
    var form = ev.target.closest && ev.target.closest("form.score-form");
    if (form && ev.target.type === "radio") enqueue(form);
  });
  list.addEventListener("input", function (ev) {
    var form = ev.target.closest && ev.target.closest("form.score-form");
    if (!form || ev.target.tagName !== "TEXTAREA") return;
    clearTimeout(typing[form.action]);
    typing[form.action] = setTimeout(function () { enqueue(form); }, 800);
  });
  list.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList.contains("score-form")) return;
    ev.preventDefault();
    enqueue(form);
  });
  window.addEventListener("online", flush);
  setInterval(flush, 5000);

  // Follow "now presenting" from the live channel.
  document.addEventListener("hackday:change", function () {
    var live = window.hackdayLive;
    if (!live || !live.event) return;
    list.querySelectorAll(".judge-card").forEach(function (c) {
      c.classList.toggle("presenting", Number(c.getAttribute("data-project")) === live.event.now_presenting);
    });
  });
  flush();
})();
