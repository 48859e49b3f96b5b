// This device's time zone, where the journal needs one (the sign-up page and
// includes/timezone_note.html load this file):
// - a time zone choice marked data-detect-timezone (signing up) is set to it;
// - a hidden note marked data-journal-timezone is shown when the journal counts days
//   in another zone, with a link to Settings that suggests this device's zone.
//   "Keep" hides the note for that pair of zones on this device.
(function () {
  "use strict";

  var selects = document.querySelectorAll("select[data-detect-timezone]");
  var notes = document.querySelectorAll("[data-journal-timezone]");
  if (!selects.length && !notes.length) {
    return; // asking for the zone is slow on a phone: only where it is needed
  }
  var device;
  try {
    device = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!device) {
    return;
  }

  selects.forEach(function (select) {
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === device;
    });
    if (known) {
      select.value = device;
    }
  });

  notes.forEach(function (note) {
    var journal = note.getAttribute("data-journal-timezone");
    var kept = "backcare-keep-timezone:" + journal + ">" + device;
    var storage;
    try {
      storage = window.localStorage;
    } catch (error) {
      storage = null;
    }
    if (journal === device || (storage && storage.getItem(kept))) {
      return;
    }
    note.querySelector("[data-device-timezone]").textContent = device.replace(/_/g, " ");
    var change = note.querySelector("[data-change-timezone]");
    change.href = change.getAttribute("href") + "?timezone=" + encodeURIComponent(device);
    note.querySelector("[data-keep-timezone]").addEventListener("click", function () {
      if (storage) {
        storage.setItem(kept, "1");
      }
      note.classList.add("d-none");
    });
    note.classList.remove("d-none");
  });
})();
