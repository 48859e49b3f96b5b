// BackCare on a phone with no connection:
// - registers the service worker (/sw.js), which keeps the guidance readable offline;
// - a quick log ("Log it now") made offline is kept on this phone, in IndexedDB, with
//   the time it was made, the person it belongs to and a key the phone makes up, and
//   the page says "Saved on this phone" and how many logs are waiting;
// - when the connection is back (the page loads, the "online" event, or the worker's
//   Background Sync), each waiting log of the person last logged in here is sent; the
//   key makes a log sent twice stored once. Each log names its owner, and the server
//   refuses it for anyone else, so one person's log is never stored as another's.
// Without this script the form posts as usual.
(function () {
  "use strict";

  var DB_NAME = "backcare";
  var STORE = "waiting-logs";
  var LAST_USER = "backcare-user";
  var SYNC_TAG = "send-waiting-logs";
  var SAVED = "Saved on this phone; it will be sent when you're back online.";

  var me = document.querySelector('meta[name="backcare-user"]');
  var signedIn = me ? me.getAttribute("content") : null;
  var logoutPath = me ? me.getAttribute("data-logout") : null;
  var worker = "serviceWorker" in navigator ? navigator.serviceWorker : null;
  var canKeep = Boolean(window.indexedDB && window.crypto && window.crypto.randomUUID);

  function remember(user) {
    try {
      if (user) {
        localStorage.setItem(LAST_USER, user);
      } else {
        localStorage.removeItem(LAST_USER);
      }
    } catch (error) {
      // Storage refused (a private window): offline pages will not offer the log.
    }
  }

  // Whose logs this page keeps and shows: the person logged in, or on a page the worker
  // gave from its copies, the last person logged in on this phone.
  function owner() {
    if (signedIn) {
      return signedIn;
    }
    try {
      return localStorage.getItem(LAST_USER);
    } catch (error) {
      return null;
    }
  }

  function tellWorker(message) {
    if (worker && worker.controller) {
      worker.controller.postMessage(message);
    }
  }

  // The queue: one IndexedDB store of logs, each keyed by the phone's key.
  function withStore(mode, work) {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open(DB_NAME, 1);
      opening.onupgradeneeded = function () {
        opening.result.createObjectStore(STORE, { keyPath: "key" });
      };
      opening.onerror = function () {
        reject(opening.error);
      };
      opening.onsuccess = function () {
        var db = opening.result;
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(request.result);
        };
        transaction.onerror = transaction.onabort = function () {
          db.close();
          reject(transaction.error);
        };
      };
    });
  }

  function waitingLogs(user) {
    return withStore("readonly", function (store) {
      return store.getAll();
    }).then(function (logs) {
      return logs.filter(function (log) {
        return log.user === user;
      });
    });
  }

  function keep(log) {
    return withStore("readwrite", function (store) {
      return store.add(log);
    });
  }

  function forget(key) {
    return withStore("readwrite", function (store) {
      return store.delete(key);
    });
  }

  // What the page says, in each live region marked data-waiting-logs.
  function say(notes) {
    var regions = document.querySelectorAll("[data-waiting-logs]");
    var user = owner();
    if (!regions.length || !canKeep) {
      return Promise.resolve();
    }
    return (user ? waitingLogs(user) : Promise.resolve([])).then(function (logs) {
      var lines = notes.slice();
      if (logs.length) {
        lines.push({
          kind: "info",
          text: logs.length === 1 ? "1 log waiting to send" : logs.length + " logs waiting to send",
        });
      }
      regions.forEach(function (region) {
        region.replaceChildren.apply(region, lines.map(function (line) {
          var paragraph = document.createElement("p");
          paragraph.className = "alert alert-" + line.kind + " py-2 mb-2";
          paragraph.textContent = line.text;
          return paragraph;
        }));
      });
    });
  }

  function askForSync() {
    if (!worker) {
      return;
    }
    worker.ready.then(function (registration) {
      return registration.sync ? registration.sync.register(SYNC_TAG) : null;
    }).catch(function () {
      // No Background Sync here: the next page load or "online" event sends it.
    });
  }

  function keepOffline(event, form) {
    var user = owner();
    if (!user || !canKeep) {
      return;
    }
    event.preventDefault();
    // forms.js would mark the form as sent and refuse the next tap.
    event.stopImmediatePropagation();
    var data = new FormData(form);
    var severity = data.get("severity");
    var where = data.get("location");
    if (severity === null || where === null) {
      say([{
        kind: "danger",
        text: severity === null ? "Choose how bad the pain is, from 0 to 10." : "Choose where the pain is.",
      }]);
      return;
    }
    var separate = event.submitter && event.submitter.name === "separate";
    keep({
      key: crypto.randomUUID(),
      user: user,
      severity: severity,
      location: where,
      separate: separate,
      logged_at: new Date().toISOString(),
      send_to: new URL(form.getAttribute("action"), location.href).pathname,
    }).then(function () {
      form.reset();
      // The tapped button keeps no look of being chosen once the form is empty again.
      if (form.contains(document.activeElement)) {
        document.activeElement.blur();
      }
      askForSync();
      return say([{ kind: "success", text: SAVED }]);
    }).catch(function () {
      say([{ kind: "danger", text: "This phone could not keep the log. Please log it again when you are back online." }]);
    });
  }

  function csrfToken() {
    var cookie = document.cookie.split("; ").find(function (part) {
      return part.indexOf("csrftoken=") === 0;
    });
    if (cookie) {
      return cookie.slice("csrftoken=".length);
    }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // One log to the server: {sent: true} (stored, or stored before), {refused: message}
  // (it will never be stored: dropped), or {later: message} (kept to send again).
  function sendOne(log) {
    var body = new URLSearchParams({
      severity: log.severity,
      location: log.location,
      logged_at: log.logged_at,
      client_key: log.key,
      // The server refuses a log that is not the logged-in person's, and it waits here.
      owner: log.user,
    });
    if (log.separate) {
      body.set("separate", "1");
    }
    return fetch(log.send_to, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      if (response.ok) {
        return { sent: true };
      }
      if (response.status === 401 || response.type === "opaqueredirect") {
        return { later: "Log in to send the logs kept on this phone." };
      }
      if (response.status === 409) {
        return { later: null };
      }
      if (response.status === 403) {
        return { later: "Reload the page to send the logs kept on this phone." };
      }
      if (response.status >= 400 && response.status < 500 && response.status !== 408 &&
          response.status !== 429) {
        return response.json().catch(function () {
          return {};
        }).then(function (answer) {
          return { refused: "A log kept on this phone was not saved. " + (answer.message || "") };
        });
      }
      return { later: "The logs kept on this phone could not be sent yet. They will be tried again." };
    }, function () {
      // No connection after all, though the phone said there was (so no "online" event
      // may follow): quietly try again in a while.
      retrySoon();
      return { later: null };
    });
  }

  var sending = false;
  var retry = null;

  function retrySoon() {
    if (retry === null) {
      retry = setTimeout(function () {
        retry = null;
        sendWaiting();
      }, 30000);
    }
  }

  var sendAgain = false;

  function sendWaiting() {
    var user = owner();
    if (!user || !canKeep || !navigator.onLine) {
      return Promise.resolve();
    }
    if (sending) {
      // The connection came back while a send was under way: go again once it is done.
      sendAgain = true;
      return Promise.resolve();
    }
    sending = true;
    var notes = [];
    var sent = 0;
    function next(logs) {
      if (!logs.length) {
        return Promise.resolve();
      }
      return sendOne(logs[0]).then(function (result) {
        if (result.later !== undefined) {
          if (result.later) {
            notes.push({ kind: "warning", text: result.later });
          }
          return null;
        }
        if (result.refused) {
          notes.push({ kind: "danger", text: result.refused.trim() });
        } else {
          sent += 1;
        }
        return forget(logs[0].key).then(function () {
          return next(logs.slice(1));
        });
      });
    }
    return waitingLogs(user).then(function (logs) {
      return next(logs).then(function () {
        if (sent) {
          notes.unshift({
            kind: "success",
            text: sent === 1 ? "Sent to your journal: 1 log kept on this phone." :
              "Sent to your journal: " + sent + " logs kept on this phone.",
          });
        }
        // Nothing sent and nothing to say: what the page says already stands.
        return sent || notes.length ? say(notes) : null;
      });
    }).catch(function () {
      // IndexedDB unavailable: nothing can be waiting.
    }).then(function () {
      sending = false;
      if (sendAgain) {
        sendAgain = false;
        return sendWaiting();
      }
      return null;
    });
  }

  // The phone thinks it is online, but the connection may be too weak to carry the log.
  // The form posts as usual, with a key and its owner: if it cannot get through, the
  // worker keeps it in the queue (the key makes it stored once, should it arrive after
  // all) and shows the offline page saying so.
  function markForWorker(form) {
    var user = owner();
    if (!user || !canKeep || !worker || !worker.controller) {
      return;
    }
    [["client_key", crypto.randomUUID()], ["owner", user]].forEach(function (pair) {
      var field = form.querySelector("input[name=" + pair[0] + "]");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = pair[0];
        form.appendChild(field);
      }
      field.value = pair[1];
    });
  }

  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-offline-log]") && !navigator.onLine) {
      keepOffline(event, form);
    } else if (form.matches("form[data-offline-log]")) {
      markForWorker(form);
    } else if (logoutPath && new URL(form.action, location.href).pathname === logoutPath) {
      // The logs kept on this phone stay, to be sent when this person logs in again;
      // the worker empties its copies when it sees the logout go by.
      remember(null);
    }
  }, true);

  if (signedIn) {
    remember(signedIn);
  }
  document.querySelectorAll("[data-offline-journal]").forEach(function (section) {
    section.hidden = !(owner() && canKeep);
  });
  if (worker) {
    worker.register("/sw.js").then(function () {
      if (navigator.onLine) {
        tellWorker({ type: "keep-copies" });
      }
    }).catch(function () {
      // No worker (an old browser, or a private window): the site works online as before.
    });
    worker.addEventListener("message", function (event) {
      if (event.data && event.data.type === SYNC_TAG) {
        sendWaiting();
      }
    });
  }
  window.addEventListener("online", sendWaiting);
  var keptByWorker = location.hash === "#kept";
  if (keptByWorker) {
    history.replaceState(null, "", location.pathname + location.search);
  }
  say(keptByWorker ? [{ kind: "success", text: SAVED }] : []).then(sendWaiting);
})();
