// Refreshes the parts of a page marked data-refresh-on-live whenever the
// live channel reports a change (at most once a second), without a reload.
(function () {
  "use strict";
  var pending = null;
  document.addEventListener("hackday:change", function () {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      fetch(location.href, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-refresh-on-live]").forEach(function (old) {
          var next = old.id && fresh.getElementById(old.id);
          if (next) old.replaceWith(document.adoptNode(next));
        });
      }).catch(function () {});
    }, 1000);
  });
})();
