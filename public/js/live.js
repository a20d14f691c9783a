// hackday live client: keeps the team board (and the projector) in step over
// the websocket at /e/{slug}/live. Snapshot on connect, small deltas after;
// a gap in versions asks for a fresh snapshot. Join and Leave go over the
// socket when it is open and fall back to the plain form post when not.
// Reconnects with backoff and says so while offline. No framework.
(function () {
  "use strict";
  var body = document.body;
  var slug = body.getAttribute("data-live");
  if (!slug || !window.WebSocket) return;
  var isDisplay = body.classList.contains("display");
  var board = document.getElementById("board");
  var status = document.getElementById("live-status");
  var csrfInput = document.querySelector("input[name=csrf]");
  var csrf = csrfInput ? csrfInput.value : "";

  // offset: the server's clock minus this device's, for timers.
  var state = { version: -1, teams: new Map(), event: null, me: null, connected: false, snapshots: 0, deltas: 0, offset: 0 };
  window.hackdayLive = state;
  var socket = null, attempt = 0, lastHeard = 0, pending = new Map(), nextId = 1, restarting = false;
  // What the server last said about itself (its database out of reach), kept
  // on screen while reconnecting.
  var serverStatus = "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function setStatus(text) {
    if (!status) return;
    status.textContent = text || "";
    status.hidden = !text;
  }

  function myTeam() {
    var found = null;
    state.teams.forEach(function (t) {
      t.members.forEach(function (m) { if (m.id === state.me) found = t.id; });
    });
    return found;
  }

  // The board's cards are clones of the page's own team card (a
  // <template> rendered from partials/team_card.hbs), filled in here.
  var cardTemplate = document.getElementById("team-card-template");

  function displayCard(team, cap, full) {
    var d = el("li", "display-card" + (full ? " full" : ""));
    d.id = "project-" + team.id;
    d.appendChild(el("strong", "clamp-2", team.title));
    d.appendChild(el("span", "display-size", team.members.length + " / " + cap));
    if (team.still_needed.length) d.appendChild(el("span", "needs", "needs " + team.still_needed.join(", ")));
    return d;
  }

  // Shows or drops an optional part of a card.
  function part(card, selector, show) {
    var node = card.querySelector(selector);
    if (node && !show) node.remove();
    return show ? node : null;
  }

  function cardFrom(team, mine, cap, full) {
    var li = cardTemplate.content.firstElementChild.cloneNode(true);
    li.id = "project-" + team.id;
    li.classList.toggle("mine", mine === team.id);
    li.querySelector("a").href = "/e/" + slug + "/p/" + team.id;
    li.querySelector(".title").textContent = team.title;
    li.querySelector(".pitcher").textContent = "Pitched by " + team.pitcher;
    li.querySelector(".team-size").textContent = team.members.length + " of " + cap + " in the team" + sizeNote(team, cap, full);
    var names = part(li, ".member-names", team.members.length > 0);
    if (names) names.textContent = team.members.map(function (m) { return m.name; }).join(", ");
    var needs = part(li, ".needs", team.still_needed.length > 0);
    if (needs) {
      needs.textContent = "Needs: ";
      team.still_needed.forEach(function (s) { needs.appendChild(el("span", "chip small", s)); });
    }
    part(li, ".submitted-badge", !!team.submitted);
    var canJoin = state.me !== null && state.event && state.event.teams_open;
    part(li, "[data-command=leave]", canJoin && mine === team.id);
    var join = part(li, "[data-command=join]", canJoin && mine !== team.id && !full);
    if (join) {
      join.setAttribute("formaction", "/e/" + slug + "/p/" + team.id + "/join");
      join.setAttribute("data-team", String(team.id));
      join.textContent = mine ? "Move here" : "Join";
    }
    return li;
  }

  // A cap lowered below a team's size: its members stay, nobody new joins.
  function sizeNote(team, cap, full) {
    return team.members.length > cap ? " · over the cap: no new members" : (full ? " · full" : "");
  }

  function renderCard(team, mine) {
    var cap = state.event ? state.event.cap : team.cap;
    var full = team.members.length >= cap;
    if (isDisplay || !cardTemplate) return displayCard(team, cap, full);
    return cardFrom(team, mine, cap, full);
  }

  // The project page's team: its members, size and Join/Leave follow live.
  var teamPanel = document.getElementById("team");
  function renderTeamPanel() {
    if (!teamPanel || !teamPanel.hasAttribute("data-project") || !state.event) return;
    var team = state.teams.get(Number(teamPanel.getAttribute("data-project")));
    if (!team) return;
    var cap = state.event.cap, full = team.members.length >= cap, mine = myTeam();
    var size = document.getElementById("team-size");
    if (size) size.textContent = team.members.length + " of " + cap + sizeNote(team, cap, full);
    var list = document.getElementById("team-members");
    if (list) {
      var frag = document.createDocumentFragment();
      team.members.forEach(function (m) {
        var li = el("li", null, m.name);
        if (m.skills.length) li.appendChild(el("span", "muted", " · " + m.skills.join(", ")));
        frag.appendChild(li);
      });
      list.replaceChildren(frag);
    }
    var needs = document.getElementById("team-needs");
    if (needs) {
      needs.textContent = "Still needs: ";
      team.still_needed.forEach(function (s) { needs.appendChild(el("span", "chip small", s)); });
      needs.hidden = !team.still_needed.length;
    }
    var open = state.event.teams_open;
    var leave = teamPanel.querySelector("form[data-command=leave]");
    var join = teamPanel.querySelector("form[data-command=join]");
    var note = document.getElementById("team-full-note");
    if (leave) leave.hidden = !open || mine !== team.id;
    if (join) {
      join.hidden = !open || mine === team.id || full;
      var button = join.querySelector("button");
      button.textContent = button.getAttribute(mine ? "data-move-label" : "data-join-label");
    }
    if (note) note.hidden = !open || mine === team.id || !full;
  }

  function render(changed) {
    renderProgress();
    renderTeamPanel();
    if (!board) return;
    var mine = myTeam();
    var frag = document.createDocumentFragment();
    state.teams.forEach(function (team) {
      var card = renderCard(team, mine);
      if (changed && changed.has(team.id)) card.classList.add("changed");
      frag.appendChild(card);
    });
    board.replaceChildren(frag);
    var count = document.getElementById("team-count");
    if (count) count.textContent = String(state.teams.size);
    var phase = document.querySelector(".phase-pill");
    if (phase && state.event) phase.textContent = state.event.phase_label;
  }

  // How many teams have submitted, and who is presenting now.
  function renderProgress() {
    if (!state.event) return;
    var submitted = document.getElementById("submitted-count");
    if (submitted) submitted.textContent = String(state.event.submitted);
    var total = document.getElementById("team-total");
    if (total) total.textContent = String(state.teams.size);
    var now = document.getElementById("now-presenting");
    if (now) {
      var team = state.event.now_presenting !== null ? state.teams.get(state.event.now_presenting) : null;
      now.textContent = team ? team.title : "nobody yet";
      if (now.parentElement && now.parentElement.classList.contains("now-presenting")) now.parentElement.hidden = !team && !body.classList.contains("organise-order");
    }
  }

  function applySnapshot(msg) {
    state.version = msg.version;
    state.event = msg.event;
    state.teams = new Map();
    msg.teams.forEach(function (t) { state.teams.set(t.id, t); });
    state.snapshots += 1;
    render(null);
    changed();
  }

  // Lets other scripts on the page (the judge panel, results) follow along.
  function changed() {
    document.dispatchEvent(new CustomEvent("hackday:change"));
  }

  function applyDelta(msg) {
    // The server lost track (a bus reconnect) or the change was too big to carry.
    if (msg.resync) { send({ type: "sync" }); return; }
    if (msg.version <= state.version) return; // already have it
    if (msg.from > state.version + 1) { send({ type: "sync" }); return; }
    var changedTeams = new Set();
    msg.teams.forEach(function (t) { state.teams.set(t.id, t); changedTeams.add(t.id); });
    msg.removed.forEach(function (id) { state.teams.delete(id); });
    if (msg.event) state.event = msg.event;
    // Keep the board in pitch order (ids grow with each pitch).
    state.teams = new Map(Array.from(state.teams.entries()).sort(function (a, b) { return a[0] - b[0]; }));
    state.version = msg.version;
    state.deltas += 1;
    render(changedTeams);
    changed();
  }

  function send(obj) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(obj)); return true; }
    return false;
  }

  function onMessage(ev) {
    lastHeard = Date.now();
    var msg;
    try { msg = JSON.parse(ev.data); } catch (e) { return; }
    switch (msg.type) {
      case "hello": state.me = msg.you; break;
      case "pong": if (typeof msg.now === "number") state.offset = msg.now - Date.now(); break;
      case "snapshot": serverStatus = ""; applySnapshot(msg); break;
      case "status": serverStatus = msg.message || ""; setStatus(serverStatus); break;
      case "delta": applyDelta(msg); break;
      // The server is stopping gracefully; it closes with 1012 next.
      case "restarting": restarting = true; setStatus("Restarting — back in a moment"); break;
      case "ack": case "error":
        var done = pending.get(msg.id);
        if (done) { pending.delete(msg.id); done(msg); }
        else if (msg.type === "error") setStatus(msg.message);
        break;
    }
  }

  function connect() {
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/e/" + slug + "/live";
    socket = new WebSocket(url);
    socket.onopen = function () { attempt = 0; lastHeard = Date.now(); state.connected = true; restarting = false; setStatus(""); };
    socket.onmessage = onMessage;
    socket.onclose = function (ev) {
      state.connected = false;
      pending.forEach(function (done) { done({ type: "error", message: "The connection dropped; try again" }); });
      pending.clear();
      // 1012: the server restarts; the usual backoff and a fresh snapshot follow.
      setStatus(restarting || ev.code === 1012 ? "Restarting — back in a moment" : (serverStatus || "Offline — reconnecting…"));
      attempt += 1;
      var delay = Math.min(10000, 500 * Math.pow(2, attempt - 1)) * (0.5 + Math.random() / 2);
      setTimeout(connect, delay);
    };
  }

  // Heartbeat: a ping every 20 s; silence for 45 s means a dead connection.
  setInterval(function () {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - lastHeard > 45000) { socket.close(); return; }
    send({ type: "ping" });
  }, 20000);

  // Join and Leave over the socket; the form posts as usual when offline.
  // The command is on the form (the project page) or on the button that
  // submitted the board's shared form.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var from = ev.submitter && ev.submitter.hasAttribute("data-command") ? ev.submitter : form;
    var command = from.getAttribute && from.getAttribute("data-command");
    if (!command || !state.connected) return;
    var id = "r" + (nextId++);
    var msg = command === "join" ? { type: "join", id: id, team: Number(from.getAttribute("data-team")) } : { type: "leave", id: id };
    if (!send(msg)) return;
    ev.preventDefault();
    var button = from === form ? form.querySelector("button") : from;
    if (button) button.disabled = true;
    pending.set(id, function (reply) {
      if (button) button.disabled = false;
      setStatus(reply.type === "error" ? reply.message : "");
    });
  });

  window.addEventListener("online", function () { if (!state.connected && socket) socket.close(); });
  connect();
})();
