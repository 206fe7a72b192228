// Title suggestions for the search box, fed into its <datalist>. No inline script (CSP).
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var url = input.getAttribute("data-autocomplete-url");
  var language = input.getAttribute("data-language") || "en";
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
})();
