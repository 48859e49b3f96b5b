/* The "Copy link" button beside a share link just made. It stays hidden without
 * JavaScript or a clipboard, where the link can still be selected and copied by hand. */
(function () {
  "use strict";
  var button = document.getElementById("copy-share-url");
  if (!button || !navigator.clipboard) {
    return;
  }
  var field = document.getElementById(button.dataset.copyFrom);
  var status = document.getElementById("copy-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(
      function () {
        status.textContent = "Link copied.";
      },
      function () {
        field.select();
        status.textContent = "Could not copy: the link is selected, copy it by hand.";
      }
    );
  });
})();
