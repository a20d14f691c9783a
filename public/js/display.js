// hackday projector: shows one scene at a time, chosen from the live state
// (the organiser's choice, or the phase), and keeps its timers on the
// server's clock. Runs for days: it only updates text in place, keeps one
// interval, and never reloads (live.js reconnects by itself).
(function () {
  "use strict";
  var stage = document.getElementById("stage");
  if (!stage) return;
  var scenes = {};
  stage.querySelectorAll(".scene").forEach(function (s) { scenes[s.getAttribute("data-scene")] = s; });
  var $ = function (id) { return document.getElementById(id); };
  var current = "welcome";

  function live() { return window.hackdayLive; }
  function serverNow() { var l = live(); return Date.now() + ((l && l.offset) || 0); }

  function chooseScene(e, teams) {
    if (!e) return "welcome";
    if (e.scene) return e.scene;
    switch (e.phase) {
      case "pitching": return teams > 0 ? "pitching" : "welcome";
      case "team_forming": return "team_forming";
      case "hacking": return "hacking";
      case "judging": return e.now_presenting !== null ? "presentations" : "judging";
      case "results": case "closed": return "results";
      default: return "welcome";
    }
  }

  function show(name) {
    if (!scenes[name]) name = "welcome";
    if (name === current && !scenes[name].hidden) return;
    Object.keys(scenes).forEach(function (k) { scenes[k].hidden = k !== name; });
    current = name;
    document.body.setAttribute("data-scene", name);
  }

  function title(id) {
    var t = id !== null && id !== undefined ? live().teams.get(id) : null;
    return t ? t.title : "—";
  }

  function nextAfter(e) {
    var order = e.running_order || [];
    var at = order.indexOf(e.now_presenting);
    return order.length ? title(order[at + 1 === 0 ? 0 : at + 1]) : "—";
  }

  // The people in the room want to hear their names.
  function names(prize) { return (prize.team || []).join(", "); }

  // "1 team", "2 teams": the count and its word, as the server first drew them.
  function howMany(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function set(id, text) { var el = $(id); if (el && el.textContent !== text) el.textContent = text; }

  function render() {
    var l = live();
    if (!l || !l.event) return;
    var e = l.event;
    show(chooseScene(e, l.teams.size));
    set("w-code-value", e.join_code || "");
    var code = $("w-code"); if (code) code.hidden = !e.join_code;
    var now = e.now_presenting !== null ? l.teams.get(e.now_presenting) : null;
    set("p-now", now ? now.title : "Pitches are starting");
    set("p-by", now ? "by " + now.pitcher : "");
    set("p-next", nextAfter(e));
    set("p-count", howMany(l.teams.size, "pitch", "pitches"));
    set("board-count", howMany(l.teams.size, "team", "teams"));
    set("pr-now", now ? now.title : "—");
    set("pr-next", nextAfter(e));
    var pct = e.to_judge > 0 ? Math.round(100 * e.judged / e.to_judge) : 0;
    set("j-percent", pct + "%");
    set("j-done", String(e.judged));
    set("j-total", String(e.to_judge));
    var bar = $("j-bar"); if (bar) bar.style.width = pct + "%";
    var revealed = e.revealed || [];
    var latest = revealed[revealed.length - 1];
    set("r-label", latest ? "The winner of" : "Prizes coming up…");
    set("r-prize", latest ? latest.prize : "");
    set("r-title", latest ? latest.title : "");
    set("r-team", latest ? names(latest) : "");
    var list = $("r-all");
    if (list && list.childElementCount !== revealed.length) {
      list.replaceChildren.apply(list, revealed.map(function (r) {
        var li = document.createElement("li");
        var text = document.createElement("div"); text.className = "clamp-3";
        var strong = document.createElement("strong"); strong.textContent = r.prize + ": ";
        text.appendChild(strong); text.appendChild(document.createTextNode(r.title));
        var team = document.createElement("span"); team.className = "muted-light"; team.textContent = " — " + names(r);
        if (r.team && r.team.length) text.appendChild(team);
        li.appendChild(text);
        return li;
      }));
    }
    tick();
  }

  function clock(ms, withHours) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var mm = (withHours || h ? String(m).padStart(2, "0") : String(m));
    return (withHours || h ? h + ":" : "") + mm + ":" + String(sec).padStart(2, "0");
  }

  // Timers: the shared countdown and the deadline, on the server's clock.
  function tick() {
    var l = live();
    if (!l || !l.event) return;
    var t = l.event.timer || { remaining_ms: 0 };
    var left = t.ends_at_ms ? t.ends_at_ms - serverNow() : t.remaining_ms;
    var text = left <= 0 && t.ends_at_ms ? "Time!" : clock(left, false);
    stage.querySelectorAll("[data-timer]").forEach(function (el) {
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle("ending", left > 0 && left <= 10000);
      el.classList.toggle("paused", !t.ends_at_ms);
    });
    var d = l.event.deadline_ms;
    var closed = d && d - serverNow() <= 0;
    set("h-label", closed ? "Demo submissions are closed" : "Demo submissions close in");
    set("h-countdown", d ? clock(d - serverNow(), true) : "No deadline set");
    var countdown = $("h-countdown"); if (countdown) countdown.hidden = !!closed;
  }

  // Paging: more teams than fit on the screen show a screenful at a time.
  // Pages are worked out from the cards (a page starts at the first card
  // that does not wholly fit on the one before), so no card is cut in two
  // and the label counts the pages in order. The board has room below
  // its last card, so the last page scrolls to its own top like the rest.
  var page = 0, lastTurn = Date.now();

  function pageStarts(board) {
    var first = board.firstElementChild, starts = [0];
    if (!first) return starts;
    var top = first.offsetTop, height = board.clientHeight, start = 0;
    for (var c = first; c; c = c.nextElementSibling) {
      var y = c.offsetTop - top;
      if (y > start && y + c.offsetHeight > start + height + 1) { start = y; starts.push(start); }
    }
    return starts;
  }

  function layoutBoard() {
    var board = $("board"), label = $("board-page");
    if (!board || current !== "team_forming") return;
    var starts = pageStarts(board);
    if (page >= starts.length) page = 0;
    var start = starts[page], end = starts[page + 1] !== undefined ? starts[page + 1] : Infinity;
    board.style.paddingBottom = starts.length > 1 ? board.clientHeight + "px" : "";
    board.scrollTop = start;
    var top = board.firstElementChild ? board.firstElementChild.offsetTop : 0;
    for (var c = board.firstElementChild; c; c = c.nextElementSibling) {
      var y = c.offsetTop - top;
      c.classList.toggle("offpage", y < start || y >= end || y + c.offsetHeight > start + board.clientHeight + 1);
    }
    if (label) {
      label.hidden = starts.length <= 1;
      label.textContent = "· page " + (page + 1) + " of " + starts.length;
    }
  }

  // Turns the page every 8 s (data-page-ms on the board changes it).
  function turnPage() {
    var board = $("board");
    if (!board || current !== "team_forming") { lastTurn = Date.now(); return; }
    var every = Number(board.getAttribute("data-page-ms")) || 8000;
    if (Date.now() - lastTurn < every) return;
    lastTurn = Date.now();
    page += 1;
    layoutBoard();
  }

  document.addEventListener("hackday:change", function () { render(); layoutBoard(); });
  // Announcements (announce.js) take room at the top: page the board again.
  document.addEventListener("hackday:layout", layoutBoard);
  setInterval(function () { tick(); turnPage(); }, 250);
})();
