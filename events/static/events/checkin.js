// The check-in page: camera scanning where the browser reads QR codes (BarcodeDetector, or
// the bundled polyfill when the desk loads it), and the live counts. No inline script (CSP).
(function () {
  "use strict";
  var button = document.getElementById("checkin-scan");
  var video = document.getElementById("checkin-video");
  var input = document.getElementById("checkin-code");
  if (button && "BarcodeDetector" in window && navigator.mediaDevices) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var look = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              input.value = codes[0].rawValue;
              input.form.submit();
            } else {
              window.requestAnimationFrame(look);
            }
          }).catch(function () { window.requestAnimationFrame(look); });
        };
        look();
      }).catch(function () { button.hidden = true; });
    });
  }

  // Live counts: asked every 10 seconds while the page is visible.
  var counts = document.getElementById("checkin-counts");
  if (!counts || !window.fetch) { return; }
  var refresh = function () {
    if (document.hidden) { return; }
    fetch(counts.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var put = function (row, values) {
          if (!row) { return; }
          row.querySelector("[data-field=checked_in]").textContent = values.checked_in.toLocaleString(document.documentElement.lang);
          row.querySelector("[data-field=expected]").textContent = values.expected.toLocaleString(document.documentElement.lang);
        };
        put(counts.querySelector("[data-count=event]"), data);
        data.sessions.forEach(function (s) { put(counts.querySelector('[data-count="' + s.id + '"]'), s); });
      })
      .catch(function () { /* the next round tries again */ });
  };
  window.setInterval(refresh, 10000);
})();
