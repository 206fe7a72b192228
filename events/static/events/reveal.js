// A checkbox with data-reveals="ID" shows the element ID only while it is ticked (the passport
// fields of the visa letter). Progressive enhancement: without JavaScript the fields stay
// visible and the server still checks them. No inline script (CSP).
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[type=checkbox][data-reveals]");
  Array.prototype.forEach.call(boxes, function (box) {
    var target = document.getElementById(box.getAttribute("data-reveals"));
    if (!target) { return; }
    var update = function () {
      target.hidden = !box.checked;
      box.setAttribute("aria-expanded", box.checked ? "true" : "false");
    };
    box.addEventListener("change", update);
    update();
  });
})();
