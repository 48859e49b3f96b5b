{% autoescape off %}// BackCare's service worker, served from /sw.js so that it looks after the whole site.
//
// It keeps a copy of the site's shell and the published guidance (fetched as nobody in
// particular, without cookies), so the guidance can be read with no connection. It never
// keeps a copy of anything under the private addresses, or of any answer to a logged-in
// request: a person's journal stays on the server. Logs kept while offline live in the
// page's IndexedDB queue (static/js/offline-log.js), not here.
"use strict";

const VERSION = "{{ version }}";
const CACHE = "backcare-" + VERSION;
const PRECACHE = {{ precache }};
const PRIVATE_PREFIXES = {{ private_prefixes }};
const OFFLINE_URL = {{ offline_url }};
const DASHBOARD_URL = {{ dashboard_url }};
const LOGOUT_URL = {{ logout_url }};
const ICON_URL = {{ icon_url }};
const QUICK_LOG_URL = {{ quick_log_url }};
const CHECKIN_TITLE = "Your BackCare check-in";
// How long a quick log may take to get through before it is kept on the phone instead.
const QUICK_LOG_PATIENCE_MS = 10000;

function keepCopies() {
  return caches.open(CACHE).then(function (cache) {
    return cache.addAll(
      PRECACHE.map(function (url) {
        return new Request(url, { credentials: "omit" });
      })
    );
  });
}

function deleteCopies(keep) {
  return caches.keys().then(function (names) {
    return Promise.all(
      names
        .filter(function (name) {
          return name.startsWith("backcare-") && name !== keep;
        })
        .map(function (name) {
          return caches.delete(name);
        })
    );
  });
}

// Chores on the copies are done one after the other: a logout, then the next page's
// "keep-copies", empties them, then fills them again.
let lastChore = Promise.resolve();

function inTurn(chore) {
  lastChore = lastChore.then(chore, chore);
  return lastChore;
}

self.addEventListener("install", function (event) {
  event.waitUntil(keepCopies().then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(deleteCopies(CACHE).then(function () {
    return self.clients.claim();
  }));
});

function isPrivate(url) {
  return PRIVATE_PREFIXES.some(function (prefix) {
    return url.pathname.startsWith(prefix);
  });
}

// The copy of a request, if kept (caches.open would make an empty cache where there
// is none, and "keep-copies" would then think them kept).
function kept(request) {
  return caches.match(request, { cacheName: CACHE, ignoreVary: true });
}

function offlinePage() {
  return kept(new Request(OFFLINE_URL)).then(function (page) {
    return page || Response.error();
  });
}

// A quick log kept by the worker joins the page's queue (static/js/offline-log.js keeps
// the same store, and sends it from there).
function keepLog(log) {
  return new Promise(function (resolve, reject) {
    const opening = indexedDB.open("backcare", 1);
    opening.onupgradeneeded = function () {
      opening.result.createObjectStore("waiting-logs", { keyPath: "key" });
    };
    opening.onerror = function () {
      reject(opening.error);
    };
    opening.onsuccess = function () {
      const db = opening.result;
      const transaction = db.transaction("waiting-logs", "readwrite");
      transaction.objectStore("waiting-logs").put(log);
      transaction.oncomplete = function () {
        db.close();
        resolve();
      };
      transaction.onerror = transaction.onabort = function () {
        db.close();
        reject(transaction.error);
      };
    };
  });
}

// "Log it now" posted while the phone believed it was online. If it cannot get through
// in time, the log is kept, when the page gave it a key and an owner, and the offline
// page says so. Should the first try arrive after all, the key makes it stored once.
function sendOrKeep(request) {
  const copy = request.clone();
  const tooLong = new Promise(function (resolve, reject) {
    setTimeout(function () {
      reject(new Error("no answer in time"));
    }, QUICK_LOG_PATIENCE_MS);
  });
  return Promise.race([fetch(request), tooLong]).catch(function () {
    return copy.formData().then(function (form) {
      const key = form.get("client_key");
      const user = form.get("owner");
      if (!key || !user || form.get("severity") === null || form.get("location") === null) {
        return offlinePage();
      }
      return keepLog({
        key: key,
        user: user,
        severity: form.get("severity"),
        location: form.get("location"),
        separate: form.has("separate"),
        logged_at: new Date().toISOString(),
        send_to: QUICK_LOG_URL,
      }).then(function () {
        return Response.redirect(new URL(OFFLINE_URL + "#kept", self.location.origin).href, 303);
      });
    }).catch(offlinePage);
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && request.mode === "navigate" && url.pathname === QUICK_LOG_URL &&
      url.origin === self.location.origin) {
    event.respondWith(sendOrKeep(request));
    return;
  }
  if (request.method === "POST" && url.pathname === LOGOUT_URL) {
    // Logging out: the copies hold nobody's data, but they are emptied all the same
    // (the next page fills them again, as anybody's). The network answers as usual.
    event.waitUntil(inTurn(function () {
      return deleteCopies(null);
    }));
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (url.origin !== self.location.origin) {
    return;
  }
  if (isPrivate(url)) {
    // Straight to the network; with none, the offline page instead of the browser's.
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(offlinePage));
    }
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(kept(request).then(function (copy) {
      return copy || fetch(request);
    }));
    return;
  }
  if (request.mode === "navigate") {
    // The network first, so a page is never older than it need be; the copy (kept
    // without cookies, so it holds nobody's name) when there is no connection.
    event.respondWith(fetch(request).catch(function () {
      return kept(request).then(function (copy) {
        return copy || offlinePage();
      });
    }));
  }
});

self.addEventListener("message", function (event) {
  if (event.origin && event.origin !== self.location.origin) {
    return;
  }
  const type = event.data && event.data.type;
  if (type === "keep-copies") {
    // After a logout emptied them, the next page seen online fills them again.
    event.waitUntil(inTurn(function () {
      return caches.has(CACHE).then(function (has) {
        return has ? null : keepCopies();
      });
    }));
  }
});

// Background Sync: the connection is back. The pages send what is waiting (they know
// who is logged in, and hold the form's security token); ask any open one to.
self.addEventListener("sync", function (event) {
  if (event.tag !== "send-waiting-logs") {
    return;
  }
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (windows) {
    windows.forEach(function (client) {
      client.postMessage({ type: "send-waiting-logs" });
    });
  }));
});

// A same-origin address from a notification, or null for anything else.
function ownAddress(value) {
  if (typeof value !== "string" || value === "") {
    return null;
  }
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin ? url.href : null;
  } catch (error) {
    return null;
  }
}

self.addEventListener("push", function (event) {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch (error) {
    data = null;
  }
  if (data === null || typeof data !== "object") {
    data = {};
  }
  const title = typeof data.title === "string" && data.title.trim() ? data.title : CHECKIN_TITLE;
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof data.body === "string" ? data.body : "",
    icon: ICON_URL,
    tag: "backcare-checkin",
    data: { url: ownAddress(data.url) || new URL(DASHBOARD_URL, self.location.origin).href },
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  const target = ownAddress(event.notification.data && event.notification.data.url) ||
    new URL(DASHBOARD_URL, self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true })
    .then(function (windows) {
      const open = windows.filter(function (client) {
        return new URL(client.url).origin === self.location.origin;
      });
      const same = open.find(function (client) {
        return client.url === target;
      });
      if (same) {
        return same.focus();
      }
      if (open.length) {
        return open[0].focus().then(function (client) {
          return client && client.navigate ? client.navigate(target) : null;
        });
      }
      return self.clients.openWindow(target);
    }));
});
{% endautoescape %}
