// Writing aids on the story form (issue 19, point 5; articles/admin/writing_aids.py sets the data attributes):
// the body's word count and reading time, length counters for the SEO and social titles, and a search-result and a
// social-card preview drawn from the fields as they are typed. Every translated word comes from the server; user
// text is only ever written with textContent (never innerHTML), and the admin's CSP allows no inline script.
"use strict";
// Loaded in the page's head (the form's Media): it starts once the form is there.
const startWritingAids = function () {
  const headline = document.getElementById("id_headline");
  if (!headline || !headline.dataset.writingAids) {
    return;
  }
  const words = JSON.parse(headline.dataset.writingAids);
  const form = headline.form;
  const field = function (name) {
    return document.getElementById("id_" + name);
  };
  const value = function (name) {
    const element = field(name);
    return element ? element.value.trim() : "";
  };
  const fill = function (template, figures) {
    let text = template;
    Object.keys(figures).forEach(function (placeholder) {
      text = text.split(placeholder).join(String(figures[placeholder]));
    });
    return text;
  };
  // The help line under a field, kept live: the server wrote today's figure in it; the script rewrites only its own
  // span after the field's own help text.
  const liveNote = function (element) {
    const row = element.closest(".form-row, .fieldBox") || element.parentNode;
    let note = row.querySelector(".writing-aid-note");
    if (!note) {
      note = document.createElement("div");
      note.className = "help writing-aid-note";
      note.setAttribute("aria-live", "polite");
      // Below the field's help text, outside the admin's flex row: beside the field it would squeeze the body editor
      // into a third of the form's width.
      const help = row.querySelector(".help");
      (help || element).insertAdjacentElement("afterend", note);
    }
    return note;
  };

  // --- word count and reading time ---------------------------------------------------------------------------
  const body = field("body");
  const bodyText = function () {
    // The editor's own text when it is on the page (what the reader reads), else the stored HTML's text.
    const editor = body && body.parentNode.querySelector(".ProseMirror[contenteditable]");
    if (editor) {
      return editor.innerText || editor.textContent || "";
    }
    if (!body) {
      return "";
    }
    const parsed = new DOMParser().parseFromString(body.value, "text/html");
    return parsed.body.textContent || "";
  };
  let savedCount = null; // the count the server's help text already gives
  const countBody = function () {
    if (!body || !body.dataset.bodyNoteMany) {
      return;
    }
    const count = bodyText().split(/\s+/).filter(Boolean).length;
    if (savedCount === null) {
      savedCount = count;
    }
    const minutes = count ? Math.ceil(count / Number(body.dataset.wordsPerMinute)) : 0;
    const template = count === 1 ? body.dataset.bodyNoteOne : body.dataset.bodyNoteMany;
    // Said once: the live line appears only when the text no longer has the count the help text gives.
    const text = count === savedCount ? "" : fill(template, { 999001: count, 999002: minutes });
    liveNote(body.closest(".prose-editor") || body).textContent = text;
  };

  // --- length counters ---------------------------------------------------------------------------------------
  const counted = Array.prototype.slice.call(form.querySelectorAll("[data-recommended-length]"));
  const countLength = function (element) {
    const limit = Number(element.dataset.recommendedLength);
    const length = element.value.length;
    const note = liveNote(element);
    note.textContent = fill(element.dataset.lengthNote, { 999001: length, 999002: limit });
    note.classList.toggle("writing-aid-over", length > limit);
  };

  // --- previews ----------------------------------------------------------------------------------------------
  const element = function (tag, className, text) {
    const made = document.createElement(tag);
    made.className = className;
    if (text !== undefined) {
      made.textContent = text;
    }
    return made;
  };
  const previews = element("div", "writing-aid-previews");
  const searchBox = element("section", "writing-aid-search");
  searchBox.appendChild(element("h3", "writing-aid-heading", words.searchPreview));
  const searchTitle = searchBox.appendChild(element("div", "writing-aid-search-title"));
  const searchUrl = searchBox.appendChild(element("div", "writing-aid-search-url"));
  const searchDescription = searchBox.appendChild(element("div", "writing-aid-search-description"));
  const socialBox = element("section", "writing-aid-social");
  socialBox.appendChild(element("h3", "writing-aid-heading", words.socialPreview));
  const socialImage = socialBox.appendChild(element("div", "writing-aid-social-image"));
  const socialTitle = socialBox.appendChild(element("div", "writing-aid-social-title"));
  const socialDescription = socialBox.appendChild(element("div", "writing-aid-social-description"));
  previews.appendChild(searchBox);
  previews.appendChild(socialBox);
  const seoRow = field("seo_title") && field("seo_title").closest("fieldset");
  if (seoRow) {
    seoRow.appendChild(previews);
  }
  const cut = function (text, limit) {
    return text.length > limit ? text.slice(0, limit - 1).trimEnd() + "\u2026" : text;
  };
  const drawPreviews = function () {
    const title = value("seo_title") || value("headline");
    const description = value("seo_description") || value("dek");
    searchTitle.textContent = cut(title, 60);
    searchUrl.textContent = words.siteUrl + (words.dayPath || "/\u2026") + "/" + (value("slug") || "\u2026") + "/";
    searchDescription.textContent = cut(description, 160);
    socialTitle.textContent = cut(value("social_title") || value("headline"), 70);
    socialDescription.textContent = cut(description, 200);
    const image = field("social_image");
    const chosen = image && image.selectedIndex > 0 ? image.options[image.selectedIndex] : null;
    socialImage.textContent = "";
    if (chosen && chosen.dataset.thumbnail) {
      const picture = document.createElement("img");
      picture.src = chosen.dataset.thumbnail; // an address the server wrote, of the story's own photo
      picture.alt = chosen.textContent;
      socialImage.appendChild(picture);
    } else {
      socialImage.textContent = chosen ? chosen.textContent : words.noImage;
    }
  };

  const update = function () {
    countBody();
    counted.forEach(countLength);
    drawPreviews();
  };
  // Typing in the body editor bubbles input events up to the form; the editor's own changes may come without one,
  // so a slow poll catches those too.
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  window.setInterval(countBody, 2000);
  update();

  // --- preview of unsaved changes ----------------------------------------------------------------------------
  // The preview button submits this form to a new tab (formtarget): nothing is saved, so the form keeps counting as
  // changed for static/newsroom/unsaved.js, which clears its mark on every submit.
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.id === "unsaved-preview") {
      window.setTimeout(function () {
        delete form.dataset.submitting;
        form.dispatchEvent(new Event("input", { bubbles: true }));
      }, 0);
    }
  });
};
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startWritingAids);
} else {
  startWritingAids();
}
