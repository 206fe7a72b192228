// The offline check-in desk. It keeps the event's attendees in IndexedDB, checks each badge on
// this device (the QR's ed25519 signature with the bundled tweetnacl, the list, the dates),
// queues the arrivals and sends them when the network is back, each with its own id so that the
// server records it once. No inline script (CSP): the settings come in a JSON data block.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("desk-config").textContent);
  var T = config.strings;
  var $ = function (id) { return document.getElementById(id); };
  var DB_NAME = "liaison-desk";
  var db = null;
  var copy = null;        // the downloaded event: {event, keys, sessions, attendees, arrived, ...}
  var people = new Map(); // code -> [code, name, country, status]
  var arrivals = new Map(); // code|session -> {at, device}
  var device = null;
  var syncing = false;
  var retried = false;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key] == null ? "" : String(values[key]); });
  }
  function say(kind, title, text) {
    var box = $("desk-result");
    box.className = "checkin-result checkin-" + kind;
    box.hidden = false;
    box.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = title;
    box.appendChild(strong);
    box.appendChild(document.createTextNode(" " + text));
  }
  function status(text) { $("desk-status").textContent = text; }
  function when(iso) {
    return new Date(iso).toLocaleString(config.language, {
      timeZone: copy ? copy.event.time_zone : undefined, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
    });
  }

  // --- storage -------------------------------------------------------------------------------
  function request(r) {
    return new Promise(function (resolve, reject) { r.onsuccess = function () { resolve(r.result); }; r.onerror = function () { reject(r.error); }; });
  }
  function open() {
    var r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = function () {
      var d = r.result;
      d.createObjectStore("meta");
      d.createObjectStore("scans", { keyPath: "id" });
    };
    return request(r);
  }
  function store(name, mode) { return db.transaction(name, mode || "readonly").objectStore(name); }
  function get(name, key) { return request(store(name).get(key)); }
  function put(name, value, key) { return request(store(name, "readwrite").put(value, key)); }
  function all(name) { return request(store(name).getAll()); }

  function remember(data) {
    copy = data;
    people = new Map(data.attendees.map(function (row) { return [row[0], row]; }));
    arrivals = new Map();
    data.arrived.forEach(function (row) { arrivals.set(row[0] + "|" + (row[1] || ""), { at: row[2], device: row[3] }); });
    var select = $("desk-session");
    var chosen = select.value;
    select.textContent = "";
    var whole = document.createElement("option");
    whole.value = "";
    whole.textContent = format(T.the_event, { event: data.event.name });
    select.appendChild(whole);
    data.sessions.forEach(function (s) {
      var option = document.createElement("option");
      option.value = String(s.id);
      option.textContent = when(s.starts_at) + " — " + s.title;
      select.appendChild(option);
    });
    select.value = chosen;
  }

  function showCounts(scans) {
    var waiting = scans.filter(function (s) { return !s.sent; }).length;
    $("desk-waiting").textContent = format(T.waiting, { n: waiting });
    $("desk-copy").textContent = copy
      ? format(T.copy, { n: copy.attendees.length.toLocaleString(config.language), at: when(copy.generated_at), device: device })
      : T.no_copy;
    var list = $("desk-scans");
    list.textContent = "";
    scans.slice().sort(function (a, b) { return a.at < b.at ? 1 : -1; }).slice(0, 50).forEach(function (s) {
      var row = document.createElement("tr");
      [when(s.at), s.name || s.code, s.sent ? s.message || T.sent : T.not_sent].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      row.setAttribute("data-outcome", s.outcome || "queued");
      list.appendChild(row);
    });
  }
  function refresh() { return all("scans").then(showCounts); }

  // --- the server ----------------------------------------------------------------------------
  function download() {
    status(T.downloading);
    var started = performance.now();
    return fetch(config.download, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 403 || response.redirected) { throw new Error(T.signed_out); }
        if (response.status === 410) { throw new Error(T.closed); }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        if (expired(data)) { throw new Error(T.closed); } // this device's clock is past the event
        config.csrf = data.csrf;
        delete data.csrf;
        return put("meta", data, "copy:" + config.event).then(function () {
          remember(data);
          document.documentElement.setAttribute("data-desk-loaded-ms", String(Math.round(performance.now() - started)));
          status(T.online);
          return refresh();
        });
      })
      .catch(function (error) { status(navigator.onLine ? error.message : T.offline); });
  }
  function expired(data) { return new Date(data.event.expires_at).getTime() < Date.now(); }

  function sync() {
    if (syncing || !navigator.onLine) { return Promise.resolve(); }
    syncing = true;
    return all("scans").then(function (scans) {
      var waiting = scans.filter(function (s) { return !s.sent; }).slice(0, 500);
      if (!waiting.length) { return null; }
      status(T.sending);
      var body = { device: device, scans: waiting.map(function (s) { return { id: s.id, code: s.raw, at: s.at, session: s.session }; }) };
      return fetch(config.sync, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf, Accept: "application/json" },
        body: JSON.stringify(body)
      }).then(function (response) {
        if (response.status === 403 && !retried) {
          // A token from before a new sign-in: the download brings a fresh one, then send again.
          retried = true;
          syncing = false;
          return download().then(sync).then(function () { return null; });
        }
        if (!response.ok) { throw new Error(String(response.status)); }
        retried = false; // a later stale token gets its own fresh download and second try
        return response.json();
      }).then(function (answer) {
        if (!answer) { return null; }
        var byId = new Map(waiting.map(function (s) { return [s.id, s]; }));
        var refused = [];
        var writes = answer.results.map(function (r) {
          var scan = byId.get(r.id);
          scan.sent = true;
          scan.outcome = r.outcome;
          scan.message = r.message;
          if (!r.accepted) { refused.push(scan); }
          if (r.outcome === "already" && r.device && r.device !== device) {
            arrivals.set(scan.code + "|" + (scan.session || ""), { at: r.at, device: r.device });
          }
          return put("scans", scan);
        });
        return Promise.all(writes).then(function () {
          var report = $("desk-report");
          report.textContent = "";
          refused.forEach(function (scan) {
            var item = document.createElement("li");
            item.textContent = scan.message;
            report.appendChild(item);
          });
          $("desk-report-box").hidden = !refused.length;
          status(format(T.sent_n, { n: answer.results.length }));
          return download();
        });
      });
    }).catch(function (error) { status(format(T.not_sent_yet, { reason: error.message })); })
      .then(function () { syncing = false; return refresh(); });
  }

  // --- one badge -----------------------------------------------------------------------------
  function b64(text) {
    var s = text.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) { s += "="; }
    var raw = atob(s);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }
  function readBadge(raw) {
    // {code, payload} for a signed QR text that verifies; {forged: true} if it does not;
    // {code} for a code typed by hand.
    var text = raw.trim();
    if (text.indexOf("LIA1.") !== 0) { return { code: text.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 16) }; }
    var parts = text.split(".");
    var key = parts.length === 4 && copy.keys[parts[1]];
    if (!key) { return { forged: true }; }
    try {
      var message = b64(parts[2]);
      if (!window.nacl.sign.detached.verify(message, b64(parts[3]), b64(key))) { return { forged: true }; }
      var payload = JSON.parse(new TextDecoder().decode(message));
      return { code: String(payload.c), payload: payload };
    } catch (e) { return { forged: true }; }
  }
  function localDay(date) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: copy.event.time_zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  }
  function timing(now, session) {
    if (session) {
      if (now < new Date(session.starts_at).getTime() - 30 * 60000) { return "too_early"; }
      if (now > new Date(session.ends_at).getTime()) { return "too_late"; }
      return null;
    }
    var day = localDay(new Date(now));
    if (day < copy.event.start_date) { return "too_early"; }
    if (day > copy.event.end_date) { return "too_late"; }
    return null;
  }

  function check(raw) {
    if (!copy) { say("unknown", T.no_copy_title, T.no_copy); return Promise.resolve(); }
    var badge = readBadge(raw);
    if (badge.forged) { say("forged", T.refused, T.forged); return Promise.resolve(); }
    if (!badge.code) { return Promise.resolve(); }
    var row = people.get(badge.code);
    var payload = badge.payload;
    if (!row && payload && payload.w === copy.event.week && payload.e.indexOf(copy.event.slug) >= 0) {
      row = [badge.code, payload.n, payload.k, "approved"]; // registered after the download: the signature vouches
    }
    if (!row) {
      say("unknown", T.unknown_title, payload ? format(T.not_this_event, { name: payload.n }) + " " + T.to_desk : T.unknown);
      return Promise.resolve();
    }
    var name = row[1];
    if (row[3] !== "approved") {
      say("not_approved", T.refused, format(T["status_" + row[3]] || T.status_other, { name: name, event: copy.event.name }) + " " + T.to_desk);
      return Promise.resolve();
    }
    var sessionId = $("desk-session").value;
    var session = copy.sessions.filter(function (s) { return String(s.id) === sessionId; })[0] || null;
    var now = Date.now();
    var late = timing(now, session);
    if (late) {
      say(late, T.refused, format(T[late], { name: name }) + " " + T.online_only);
      return Promise.resolve();
    }
    var key = badge.code + "|" + (session ? session.id : "");
    var earlier = arrivals.get(key);
    if (earlier) {
      var where = earlier.device && earlier.device !== device ? format(T.elsewhere, { device: earlier.device }) : T.here;
      say("already", T.already_title, format(T.already, { name: name, at: when(earlier.at), where: where }));
      return Promise.resolve();
    }
    var at = new Date(now).toISOString();
    arrivals.set(key, { at: at, device: device });
    var scan = { id: (crypto.randomUUID ? crypto.randomUUID() : String(now) + Math.random()).slice(0, 40), code: badge.code, raw: raw.trim(),
      at: at, session: session ? session.id : null, name: name, sent: false };
    say("arrived", T.welcome, format(T.arrived, { name: name, country: row[2], place: session ? session.title : copy.event.name }));
    return put("scans", scan).then(refresh).then(sync);
  }

  // --- reading QR codes ------------------------------------------------------------------------
  var detector = null;
  function qrReader() {
    if (detector) { return Promise.resolve(detector); }
    var native = window.BarcodeDetector && window.BarcodeDetector.getSupportedFormats
      ? window.BarcodeDetector.getSupportedFormats().catch(function () { return []; }) : Promise.resolve([]);
    return native.then(function (formats) {
      if (formats.indexOf("qr_code") >= 0) { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); return detector; }
      var api = window.BarcodeDetectionAPI; // the bundled polyfill: zxing-cpp in WebAssembly, from this site
      api.setZXingModuleOverrides({ locateFile: function (path, prefix) { return path.slice(-5) === ".wasm" ? config.wasm : prefix + path; } });
      detector = new api.BarcodeDetector({ formats: ["qr_code"] });
      return detector;
    });
  }
  function readImage(source) {
    return qrReader().then(function (reader) { return reader.detect(source); }).then(function (codes) {
      if (!codes.length) { say("unknown", T.unknown_title, T.no_qr); return; }
      return check(codes[0].rawValue);
    });
  }

  // --- start ---------------------------------------------------------------------------------
  $("desk-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("desk-code");
    var value = input.value;
    input.value = "";
    check(value).then(function () { input.focus(); });
  });
  $("desk-photo").addEventListener("change", function () {
    var file = this.files[0];
    if (!file) { return; }
    createImageBitmap(file).then(readImage).catch(function () { say("unknown", T.unknown_title, T.no_qr); });
    this.value = "";
  });
  $("desk-download").addEventListener("click", function () { download(); });
  $("desk-send").addEventListener("click", function () { sync(); });
  $("desk-wipe").addEventListener("click", function () {
    all("scans").then(function (scans) {
      var waiting = scans.filter(function (s) { return !s.sent; }).length;
      if (waiting && !window.confirm(format(T.wipe_unsent, { n: waiting }))) { return; }
      db.close();
      if (window.caches) { caches.delete("liaison-desk"); }
      // A new, empty database at once (same desk name), so the next scan says "not ready"
      // instead of failing on a closed connection.
      return request(indexedDB.deleteDatabase(DB_NAME)).then(open).then(function (opened) {
        db = opened;
        copy = null;
        people = new Map();
        arrivals = new Map();
        return put("meta", device, "device");
      }).then(refresh).then(function () {
        status(T.wiped);
        $("desk-report-box").hidden = true;
      });
    });
  });
  var camera = $("desk-camera");
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    camera.hidden = false;
    camera.addEventListener("click", function () {
      var video = $("desk-video");
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var look = function () {
          qrReader().then(function (reader) { return reader.detect(video); }).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              video.hidden = true;
              check(codes[0].rawValue);
            } else { window.setTimeout(look, 150); }
          }).catch(function () { window.setTimeout(look, 300); });
        };
        look();
      }).catch(function () { camera.hidden = true; say("unknown", T.unknown_title, T.no_camera); });
    });
  }
  window.addEventListener("online", function () { status(T.online); sync(); });
  window.addEventListener("offline", function () { status(T.offline); });

  open().then(function (opened) {
    db = opened;
    return get("meta", "device");
  }).then(function (known) {
    device = known || ("desk-" + Math.random().toString(36).slice(2, 6).toUpperCase());
    $("desk-device").textContent = device;
    return put("meta", device, "device");
  }).then(function () {
    return get("meta", "copy:" + config.event);
  }).then(function (stored) {
    if (stored && expired(stored)) {
      // After the event the attendees leave this device; scans not sent yet stay to be sent.
      return request(store("meta", "readwrite").delete("copy:" + config.event)).then(refresh).then(function () {
        status(T.expired);
        return "expired";
      });
    }
    if (stored) { remember(stored); }
    status(navigator.onLine ? T.online : T.offline);
    return refresh();
  }).then(function (state) {
    if (state === "expired" || !navigator.onLine) { return null; }
    return sync().then(function () { return copy ? null : download(); });
  }).then(function () {
    document.documentElement.setAttribute("data-desk-ready", "1");
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.worker, { scope: config.scope }).then(function () {
      if (!window.caches) { return; }
      return caches.open("liaison-desk").then(function (cache) { return cache.addAll([config.scope].concat(config.assets)); });
    }).then(function () { document.documentElement.setAttribute("data-desk-cached", "1"); })
      .catch(function () { /* no offline copy of the page: the desk still works while it stays open */ });
  }
})();
