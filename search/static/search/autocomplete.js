// Title suggestions for every search box that asks for them (data-autocomplete-url), fed
// into its <datalist>: the header's quick search and the search page. No inline script (CSP);
// without JavaScript the boxes are plain search fields.
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) { return; }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-autocomplete-url");
    var language = input.getAttribute("data-language") || document.documentElement.lang || "en";
    if (!list || !url) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) { return; }
        last = text;
        fetch(url + "?q=" + encodeURIComponent(text) + "&lang=" + encodeURIComponent(language), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) {
            while (list.firstChild) { list.removeChild(list.firstChild); }
            items.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience: stay quiet on errors */ });
      }, 150);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete-url]"), attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
