/* The body editor's toolbar in the reader's language.
 *
 * django-prose-editor translates its dialogs with window.gettext (Django's JavaScript catalogue, admin:jsi18n), but
 * writes its toolbar buttons' titles in English ("bold", "undo") with no hook to change them. This renames them
 * through the same catalogue (locale/id/LC_MESSAGES/djangojs.po) as the editor draws its toolbars, now or later.
 * Loaded on every admin page by templates/admin/base_site.html; it does nothing where there is no editor.
 */
(function () {
  "use strict";

  var translate = function (text) {
    return typeof window.gettext === "function" ? window.gettext(text) : text;
  };
  var ATTRIBUTES = ["title", "aria-label"];
  var DONE = "data-labels-translated";

  function translateButtons(root) {
    if (!root.querySelectorAll) {
      return;
    }
    root.querySelectorAll(".prose-menubar [title]:not([" + DONE + "])").forEach(function (element) {
      ATTRIBUTES.forEach(function (name) {
        var value = element.getAttribute(name);
        if (value) {
          element.setAttribute(name, translate(value));
        }
      });
      element.setAttribute(DONE, "");
    });
    // The block-type menu shows each choice as a sample of itself ("Heading 2", "Paragraph"): its text, not a title.
    root.querySelectorAll(".prose-menubar__option > *:not([" + DONE + "])").forEach(function (element) {
      if (element.children.length === 0 && element.textContent.trim()) {
        element.textContent = translate(element.textContent.trim());
      }
      element.setAttribute(DONE, "");
    });
  }

  function start() {
    translateButtons(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            translateButtons(node.parentNode || node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
