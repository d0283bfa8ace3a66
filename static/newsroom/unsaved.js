// Leaving a story's form with unsaved changes asks first (issue 19, "never lose work").
// Any input or change inside the form marks it unsaved — the body editor's typing too, whose events bubble up from
// the editor inside the form; submitting the form (Save or a workflow button) clears the mark.
"use strict";
(function () {
  const script = document.currentScript;
  const form = document.getElementById(script.dataset.form);
  if (!form) {
    return;
  }
  // A restored draft copy is in the form but not in the story yet.
  let unsaved = script.dataset.restored === "1";
  const mark = function () {
    unsaved = true;
    form.dataset.unsaved = "1";
  };
  if (unsaved) {
    mark();
  }
  form.addEventListener("input", mark);
  form.addEventListener("change", mark);
  form.addEventListener("submit", function () {
    unsaved = false;
    delete form.dataset.unsaved;
    form.dataset.submitting = "1";
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = ""; // older browsers show the dialog only when this is set
    }
  });
})();
