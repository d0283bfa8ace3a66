// Batch ingest (templates/admin/articles/photo/ingest.html): every dropped or chosen file is posted on its own, one
// request after another, so the per-request size cap holds and one bad file never stops the others. Each answer
// (JSON, articles/admin/photo_ingest.py) becomes the file's card: preview, the fields filled with their labels in
// the user's language, warnings, or the file's own error. Text is set with textContent only: nothing is parsed.
"use strict";

(function () {
  const form = document.getElementById("ingest-form");
  if (!form) return;
  const input = document.getElementById("ingest-files");
  const drop = document.getElementById("ingest-drop");
  const results = document.getElementById("ingest-results");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const maxBytes = Number(form.dataset.maxBytes);
  let queue = Promise.resolve();

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showError(card, message) {
    card.classList.add("ingest-error");
    card.querySelector(".ingest-state").textContent = message;
  }

  function showThumbnail(figure, url) {
    const image = element("img");
    image.src = url;
    image.alt = "";
    figure.replaceChildren(image);
  }

  // The background task makes the small web size right after the upload: ask again every two seconds, for a minute.
  function waitForThumbnail(figure, url, tries) {
    if (tries >= 30) return;
    window.setTimeout(function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (answer.thumbnail) showThumbnail(figure, answer.thumbnail);
          else if (answer.failed) figure.firstChild.textContent = form.dataset.previewFailed;
          else if (!answer.done) waitForThumbnail(figure, url, tries + 1);
        })
        .catch(function () {
          waitForThumbnail(figure, url, tries + 1);
        });
    }, 2000);
  }

  function showPhoto(card, answer) {
    card.classList.add("ingest-done");
    const state = card.querySelector(".ingest-state");
    state.textContent = answer.status + (answer.size ? " · " + answer.size : "");
    const figure = element("div", "ingest-preview");
    if (answer.thumbnail) {
      showThumbnail(figure, answer.thumbnail);
    } else {
      figure.appendChild(element("span", "ingest-pending", form.dataset.noThumbnail));
      waitForThumbnail(figure, answer.preview_url, 0);
    }
    card.insertBefore(figure, card.firstChild);
    const list = element("dl", "ingest-fields");
    answer.fields.forEach(function (field) {
      const term = element("dt", null, field.label);
      list.appendChild(term);
      list.appendChild(element("dd", field.from_file ? "ingest-from-file" : null, field.value));
    });
    card.appendChild(list);
    answer.warnings.concat(answer.problems).forEach(function (text) {
      card.appendChild(element("p", "ingest-warning", text));
    });
    const link = element("a", "ingest-open", form.dataset.open);
    link.href = answer.change_url;
    card.appendChild(link);
  }

  function send(file) {
    const card = element("li", "ingest-card");
    card.appendChild(element("strong", "ingest-name", file.name));
    card.appendChild(element("p", "ingest-state", form.dataset.sending));
    results.appendChild(card);
    if (file.size > maxBytes) {
      showError(card, form.dataset.tooLarge);
      return Promise.resolve();
    }
    const body = new FormData();
    body.append("image", file, file.name);
    return fetch(window.location.pathname, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": token, Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return { ok: false, error: form.dataset.failed + " (" + response.status + ")" };
          });
      })
      .then(function (answer) {
        if (answer.ok) showPhoto(card, answer);
        else showError(card, answer.error || form.dataset.failed);
      })
      .catch(function () {
        showError(card, form.dataset.failed);
      });
  }

  function sendAll(files) {
    // One after another: the desk sees the cards fill in order and the server takes one upload at a time per page.
    Array.prototype.forEach.call(files, function (file) {
      queue = queue.then(function () {
        return send(file);
      });
    });
  }

  input.addEventListener("change", function () {
    sendAll(input.files);
    input.value = "";
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("ingest-over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () {
      drop.classList.remove("ingest-over");
    });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    sendAll(event.dataTransfer.files);
  });
})();
