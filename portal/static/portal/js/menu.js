// The header's menu on small screens: one button shows or hides the navigation, search,
// language and account links. Loaded from the page's own origin (no inline script: CSP).
// Without JavaScript nothing is collapsed: the html element never gets the "js" class, and the
// whole header shows, as on a desktop.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function init() {
    var button = document.getElementById("menu-toggle");
    var panel = document.getElementById("header-panel");
    if (!button || !panel) { return; }
    button.hidden = false;
    var set = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-collapsed", !open);
    };
    set(false);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
