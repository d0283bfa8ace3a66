// "Also open by" (issue 19): while this story's change form is open, tell the server every heartbeat that this person
// still has it open, and tell it when they leave, so others see who is here now (articles/services/presence.py).
"use strict";
(function () {
  const script = document.currentScript;
  const form = document.getElementById(script.dataset.form);
  const url = script.dataset.url;
  const every = parseInt(script.dataset.interval, 10) || 45000;
  if (!form || !url) {
    return;
  }
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  const message = function (state) {
    const data = new FormData();
    data.append("state", state);
    if (token) {
      data.append("csrfmiddlewaretoken", token.value);
    }
    return data;
  };
  const timer = setInterval(function () {
    if (document.visibilityState !== "hidden") {
      fetch(url, { method: "POST", body: message("here"), credentials: "same-origin" }).catch(function () {});
    }
  }, every);
  window.addEventListener("pagehide", function () {
    clearInterval(timer);
    // Saving leaves the page too; the save itself clears the person (presence.closed), so nothing to add then.
    if (!form.dataset.submitting && navigator.sendBeacon) {
      navigator.sendBeacon(url, message("left"));
    }
  });
})();
