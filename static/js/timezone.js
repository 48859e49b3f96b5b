// This device's time zone, where the journal needs one (the sign-up page and
// includes/timezone_note.html load this file):
// - a time zone choice marked data-detect-timezone (signing up) is set to it, as it
//   comes into view;
// - a hidden note marked data-journal-timezone is shown when the journal counts days
//   in another zone, with a link to Settings that suggests this device's zone.
//   "Keep" hides the note for that pair of zones on this device.
(function () {
  "use strict";

  // Asking for the zone the first time costs a slow phone a tenth of a second: only
  // where it is needed, and for a choice only once it comes into view.
  function deviceZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return null;
    }
  }

  function fill(select) {
    var device = deviceZone();
    var known = device && Array.prototype.some.call(select.options, function (option) {
      return option.value === device;
    });
    if (known) {
      select.value = device;
    }
  }

  document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
    if (!("IntersectionObserver" in window)) {
      fill(select);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        fill(select);
      }
    });
    observer.observe(select);
  });

  var notes = document.querySelectorAll("[data-journal-timezone]");
  var device = notes.length ? deviceZone() : null;
  if (!device) {
    return;
  }

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
