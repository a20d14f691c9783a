// hackday scoring panel: saves each score as it is entered. Every change is
// first kept in this browser (localStorage), then sent; when the connection
// is down the panel says so and sends what is kept when it returns, so
// nothing entered is lost. Without this script the forms post as usual (each
// with its Save button, which this script removes). It also keeps the
// "Now presenting" link and the "not scored yet" filter, and registers the
// service worker that lets the panel open offline (panel-sw.js).
(function () {
  "use strict";
  var list = document.querySelector(".judge-list");
  if (!list || !window.fetch || !window.localStorage) return;
  var slug = list.getAttribute("data-slug");
  var key = "hackday-judge-queue-" + slug;
  var sync = document.getElementById("judge-sync");
  var progress = document.getElementById("judge-progress");
  var retryTimer = null;
  var bar = document.getElementById("panel-bar");
  var nowLink = document.getElementById("panel-now");
  // The offline banner stacks under the live channel's, never beneath it,
  // and the panel's own bar (now presenting, the filter) sticks under both.
  var banners = document.getElementById("banners");
  if (banners && sync) banners.appendChild(sync);
  if (banners && bar) { banners.appendChild(bar); bar.classList.add("in-banners"); }
  // Scores save as they are entered: no Save button.
  list.querySelectorAll(".save-button").forEach(function (b) { b.remove(); });
  var sending = false;
  var rekeep = null;
  var worker = null; // the service worker, once it runs (see the end)

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
        if (c) c.classList.toggle("complete", complete(c));
        if (r.body.to_score !== undefined) counts(r.body.scored, r.body.to_score);
        // The offline copy of the panel shows what is saved, too.
        // An answer still on its way describes the copy from before this save.
        keepRound += 1;
        if (worker) list.setAttribute("data-offline-ready", "false");
        clearTimeout(rekeep);
        rekeep = setTimeout(function () { keepForOffline(); }, 1000);
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
  // Signing out clears what this browser kept (Clear-Site-Data): say so
  // first when some of it has not reached the server.
  document.querySelectorAll("form[action='/signout']").forEach(function (f) {
    f.addEventListener("submit", function (ev) {
      if (load().length && !window.confirm("Some scores are kept on this device and not sent yet: signing out deletes them. Sign out anyway?")) ev.preventDefault();
    });
  });
  window.addEventListener("online", flush);
  setInterval(flush, 5000);

  function complete(c) {
    var sets = c.querySelectorAll("fieldset.criterion");
    return sets.length > 0 && Array.prototype.every.call(sets, function (fs) { return !!fs.querySelector("input:checked"); });
  }
  function counts(scored, toScore) {
    if (progress) progress.textContent = scored + " of " + toScore;
    var left = document.getElementById("unscored-count");
    if (left) left.textContent = String(toScore - scored);
  }

  // The filter: "not scored yet" hides what is scored (or may not be
  // scored) at the moment it is chosen; a card scored meanwhile stays until
  // the filter is chosen again, so it never vanishes under the judge's hand.
  function filter(onlyUnscored) {
    list.querySelectorAll(".judge-card").forEach(function (c) {
      c.hidden = onlyUnscored && (c.classList.contains("complete") || !c.querySelector("form.score-form"));
    });
    var shown = list.querySelectorAll(".judge-card:not([hidden])").length;
    var done = document.getElementById("all-scored");
    if (done) done.hidden = !(onlyUnscored && shown === 0);
    document.querySelectorAll("#panel-filter a").forEach(function (a) {
      if ((a.getAttribute("data-show") === "unscored") === onlyUnscored) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  }
  document.querySelectorAll("#panel-filter a").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      var only = a.getAttribute("data-show") === "unscored";
      filter(only);
      history.replaceState(null, "", a.getAttribute("href"));
      window.scrollTo(0, 0);
    });
  });
  // The offline copy is the same page whatever the filter: apply it here.
  filter(/[?&]show=unscored(&|$)/.test(location.search));

  // "Now presenting": follow the live channel; the link always reaches the
  // card, even one the filter hid.
  function presenting(id) {
    var c = id ? card(id) : null;
    list.querySelectorAll(".judge-card").forEach(function (x) { x.classList.toggle("presenting", x === c); });
    if (!nowLink) return;
    nowLink.hidden = !c;
    if (!c) return;
    nowLink.setAttribute("href", "#project-" + id);
    nowLink.querySelector(".now-title").textContent = c.querySelector("h2").textContent;
  }
  function goTo(c) {
    if (!c) return;
    c.hidden = false;
    c.scrollIntoView({ block: "start" });
  }
  if (nowLink) nowLink.addEventListener("click", function (ev) {
    var c = list.querySelector(".judge-card.presenting");
    if (!c) return;
    ev.preventDefault();
    history.replaceState(null, "", location.pathname + location.search + "#" + c.id);
    goTo(c);
  });
  document.addEventListener("hackday:change", function () {
    var live = window.hackdayLive;
    if (!live || !live.event) return;
    presenting(live.event.now_presenting);
    // Judging opened or closed: the server's page says what may be done now.
    var open = live.event.judging_open;
    if (typeof open === "boolean" && String(open) !== list.getAttribute("data-open")) location.reload();
  });
  // The panel opens on the project presenting now (unless a link named one).
  if (!location.hash) goTo(list.querySelector(".judge-card.presenting"));

  // The service worker keeps this page and its files so that the panel
  // opens with no connection; once they are kept, the list says so
  // (data-offline-ready) for anyone, or any test, that wants to know.
  // A busy or restarting worker can drop the request, or fail to fetch:
  // ask again every few seconds until it answers that all were kept. Each
  // save starts a new round, and only the latest round's answer counts: an
  // older answer may describe a copy from before that save.
  var offlineFiles = [location.pathname];
  var keepRound = 0;
  function keepForOffline(tries) {
    if (!worker || !window.MessageChannel) return;
    tries = tries || 0;
    if (!tries) keepRound += 1;
    var round = keepRound;
    var kept = false;
    var channel = new MessageChannel();
    channel.port1.onmessage = function (ev) {
      if (ev.data !== "kept" || round !== keepRound) return;
      kept = true;
      list.setAttribute("data-offline-ready", "true");
    };
    var to = navigator.serviceWorker.controller || worker;
    to.postMessage({ keep: offlineFiles }, [channel.port2]);
    if (tries < 10) {
      setTimeout(function () { if (!kept && round === keepRound) keepForOffline(tries + 1); }, 6000);
    }
  }
  if (navigator.serviceWorker && navigator.onLine !== false) {
    navigator.serviceWorker.register("/panel-sw.js", { scope: "/e/" + slug + "/judge" })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        worker = registration.active;
        document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach(function (el) {
          offlineFiles.push(el.getAttribute("href") || el.getAttribute("src"));
        });
        keepForOffline();
      })
      .catch(function () {});
  }
  flush();
})();
