// hackday paper pages: the "Print" button opens the browser's print dialog
// (a script file, since the CSP forbids inline handlers).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
