// "Turn on notifications on this device" in Settings: asks the browser for permission,
// subscribes through the service worker (registered by the base layout) with the site's
// VAPID public key, and posts the subscription to BackCare.
(function () {
  "use strict";

  var box = document.querySelector("form[data-push-key]");
  if (!box) {
    return;
  }
  var button = box.querySelector("[data-push-on]");
  var status = box.querySelector("[data-push-status]");
  var label = box.querySelector("input[name=label]");
  var WORKER_WAIT_MS = 10000;

  function say(text, tone) {
    status.textContent = text;
    status.className = "mt-2 alert alert-" + tone;
    status.hidden = false;
  }

  function refuse(text) {
    var error = new Error(text);
    error.forPerson = true;
    return error;
  }

  // The key as PushManager takes it: bytes, from the base64url text in the page.
  function keyBytes(text) {
    var base64 = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  // navigator.serviceWorker.ready never settles without a worker: give up after a while.
  function workerReady() {
    return Promise.race([
      navigator.serviceWorker.ready,
      new Promise(function (resolve, reject) {
        window.setTimeout(function () {
          reject(refuse("BackCare's background helper is not running in this browser. Reload the page and try again."));
        }, WORKER_WAIT_MS);
      })
    ]);
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("This browser cannot show notifications from BackCare. Check-ins can come by email instead.", "warning");
    button.disabled = true;
    return;
  }
  if (Notification.permission === "denied") {
    say("Notifications from BackCare are blocked in this browser. Allow them in the browser's site settings, then try again.", "warning");
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    say("Asking this browser…", "info");
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") {
          throw refuse("Notifications were not allowed, so none will be shown on this device. You can allow them in the browser's site settings.");
        }
        return workerReady();
      })
      .then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.getAttribute("data-push-key"))
        });
      })
      .then(function (subscription) {
        var data = subscription.toJSON();
        data.label = label.value;
        return fetch(box.getAttribute("data-push-url"), {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            "X-CSRFToken": box.querySelector("input[name=csrfmiddlewaretoken]").value
          },
          body: JSON.stringify(data)
        });
      })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) {
            throw refuse(answer.error || "BackCare could not save this device. Please try again.");
          }
          say(answer.message, "success");
          window.location.reload();
        });
      })
      .catch(function (error) {
        button.disabled = false;
        say(error.forPerson ? error.message : "This browser could not turn on notifications (" + error.message + ").", "danger");
      });
  });
})();
