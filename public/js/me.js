// The personal link on /e/{slug}/me: a Copy button (the Clipboard API, or
// the link selected for the phone's own copy menu where that is refused)
// and a Share button only where the browser can share (Web Share API).
// Without JavaScript the link is still there to select by hand.
(function () {
  "use strict";
  var input = document.getElementById("personal-link");
  if (!input) return;
  var copy = document.getElementById("copy-link");
  var share = document.getElementById("share-link");
  var status = document.getElementById("copy-status");

  function say(text) { if (status) status.textContent = text; }

  function selectLink() {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
  }

  // Selects the link first (so it is ready for the phone's copy menu
  // whatever happens), then tries the clipboard.
  function copyLink() {
    selectLink();
    var fallback = function () {
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(copied ? "Copied. Paste it somewhere safe." : "The link is selected: copy it with your phone's menu.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        say("Copied. Paste it somewhere safe.");
      }, fallback);
    } else {
      fallback();
    }
  }

  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", copyLink);
  }
  if (share && typeof navigator.share === "function") {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: document.title, text: "My personal link for " + document.title, url: input.value })
        .catch(function () { /* cancelled: nothing to say */ });
    });
  }
  input.addEventListener("focus", function () { input.select(); });
})();
