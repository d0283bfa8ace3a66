// Autosave (issue 19): while the story's form has changes not yet kept, post its fields to the story's autosave
// address every half minute and once more when the page is hidden or left. The server keeps them as this user's draft
// copy (articles/services/autosave.py), never over the story; the form's own CSRF token travels with them.
"use strict";
(function () {
  const script = document.currentScript;
  const form = document.getElementById(script.dataset.form);
  const url = script.dataset.url;
  const status = document.getElementById("autosave-status");
  if (!form || !url) {
    return;
  }
  let pending = script.dataset.restored === "1"; // changes since the last copy was kept
  const changed = function () {
    pending = true;
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  const fields = function () {
    const data = new FormData(form);
    // Chosen files are uploaded by Save only, never every half minute.
    const files = [];
    data.forEach(function (value, name) {
      if (value instanceof File) {
        files.push(name);
      }
    });
    files.forEach(function (name) {
      data.delete(name);
    });
    return data;
  };

  const send = function (leaving) {
    if (!pending || form.dataset.submitting) {
      return;
    }
    pending = false;
    const data = fields();
    if (leaving && navigator.sendBeacon && navigator.sendBeacon(url, data)) {
      return;
    }
    fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: leaving })
      .then(function (response) {
        if (!response.ok) {
          pending = true;
        }
        return response.json();
      })
      .then(function (answer) {
        if (status && answer.message) {
          status.textContent = answer.message;
        }
      })
      .catch(function () {
        pending = true; // tried again at the next turn
      });
  };

  window.setInterval(function () {
    send(false);
  }, Number(script.dataset.interval) || 30000);
  window.addEventListener("pagehide", function () {
    send(true);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      send(true);
    }
  });
})();
