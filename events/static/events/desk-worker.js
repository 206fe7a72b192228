// The check-in desk's service worker: the desk page and its scripts from the cache the page
// filled ("liaison-desk"), so that the desk opens without network. The page first, from the
// network when there is one; scripts and the WebAssembly reader from the cache first.
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.endsWith(".json")) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.open("liaison-desk").then(function (cache) { return cache.match(url.pathname); });
    }));
    return;
  }
  event.respondWith(caches.open("liaison-desk").then(function (cache) {
    return cache.match(request).then(function (hit) { return hit || fetch(request); });
  }));
});
