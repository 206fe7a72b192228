// Saves a questionnaire answer as soon as it is chosen (the form's own Save button works
// without this script). Sends the whole dimension, as the button would, and asks for JSON.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch) { return; }
  var timer = null;
  function save() {
    fetch(form.action || window.location.href, {
      method: "POST", credentials: "same-origin", body: new FormData(form),
      headers: { Accept: "application/json", "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      if (!result.ok) { status.textContent = result.answer.error || status.getAttribute("data-failed"); return; }
      status.textContent = status.getAttribute("data-saved");
      if (result.answer.next) { window.location.assign(result.answer.next); } // the round is complete
    }).catch(function () { status.textContent = status.getAttribute("data-failed"); });
  }
  form.addEventListener("change", function (event) {
    if (event.target.type === "radio") { save(); }
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { window.clearTimeout(timer); timer = window.setTimeout(save, 800); }
  });
})();
