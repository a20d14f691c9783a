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

  function matches(li, words, mine) {
    var text = (li.getAttribute("data-search") || "").toLowerCase();
    var needs = (li.getAttribute("data-needs") || "").split("|");
    return words.every(function (w) { return text.indexOf(w) !== -1; }) &&
      (!mine || mySkills.some(function (s) { return needs.indexOf(s) !== -1; }));
  }

  function applyFilter() {
    var words = (search ? search.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    var mine = !!(needMine && needMine.checked);
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
