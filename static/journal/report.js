/* The report's "Print or save as PDF" button. It stays hidden without JavaScript, where
 * the browser's own Print menu does the same. */
(function () {
  "use strict";
  var button = document.getElementById("print-report");
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
