// hackday scoring panel service worker: lets a judge reopen their panel with
// no connection. It is registered only by the panel, with the panel's own
// scope (/e/{slug}/judge), and handles only GET requests for the panel page
// itself and for /static/ files; everything else goes to the network as if it
// were not here. Network first, always: an online judge gets the page fresh
// from the server, and the copy kept here is only the fallback when the
// network fails. A panel answer that is not a plain 200 (signed out, not a
// judge, an error) deletes the kept copy, so it never outlives the judge's
// access. Sign-out clears it too (Clear-Site-Data).
"use strict";
var CACHE = "hackday-panel-v1";

function isPanel(url) { return /^\/e\/[^/]+\/judge$/.test(url.pathname); }

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

// The panel asks for itself and its files to be kept as soon as the worker
// runs (the first visit's page was fetched before the worker existed), and
// again after each save. Only the panel page and /static/ files of this
// origin are ever kept. The answer is "kept" only when every file was
// fetched and stored; otherwise "not kept", and the panel asks again.
function keep(cache, path) {
  var url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin) return null;
  var panel = isPanel(url);
  if (!panel && url.pathname.indexOf("/static/") !== 0) return null;
  var key = panel ? url.origin + url.pathname : url.href;
  return fetch(url.href, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
    if (response.status === 200 && response.type === "basic") return cache.put(key, response).then(function () { return true; });
    if (panel) return cache.delete(key).then(function () { return false; });
    return false;
  }).catch(function () { return false; });
}
self.addEventListener("message", function (event) {
  var paths = event.data && event.data.keep;
  if (!Array.isArray(paths)) return;
  var reply = event.ports && event.ports[0];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(paths.slice(0, 20).map(function (p) { return keep(cache, String(p)); }));
  }).then(function (results) {
    var all = results.every(function (ok) { return ok !== false; }); // null: not ours to keep
    if (reply) reply.postMessage(all ? "kept" : "not kept");
  }, function () { if (reply) reply.postMessage("not kept"); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var panel = request.mode === "navigate" && isPanel(url);
  if (!panel && url.pathname.indexOf("/static/") !== 0) return;
  // The panel is kept once, whatever its filter: the script applies the filter.
  var key = panel ? url.origin + url.pathname : request.url;
  event.respondWith(fetch(request).then(function (response) {
    var keep = response.status === 200 && response.type === "basic" && !response.redirected;
    var copy = keep ? response.clone() : null; // before the page reads the body
    var done = caches.open(CACHE).then(function (cache) {
      if (copy) return cache.put(key, copy);
      if (panel) return cache.delete(key);
    });
    event.waitUntil(done);
    return response;
  }, function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(key); }).then(function (hit) {
      return hit || Response.error();
    });
  }));
});
