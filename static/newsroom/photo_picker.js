/* The body editor's "Photo" button: pick a photo of the photo desk and insert it as a figure with caption and credit.
 *
 * It takes the place of the editor's own image button (django-prose-editor's Figure, a dialog asking for any URL):
 * a story body may picture only the desk's renditions (articles/body_images.py). The button opens a dialog in the
 * page that searches the photos this user may place in the story (articles/admin/photo_picker.py answers in JSON;
 * its address is the body textarea's data-photo-picker, set only on a body the user may edit). The chosen photo goes
 * in as <figure><img data-file="id"><figcaption>caption</figcaption></figure> (pages add the credit line as it
 * reads then); saving the story makes
 * it one of the story's photo uses, so the credit gate covers it.
 *
 * The editor announces each editor it makes with the "prose-editor:ready" event; its toolbar is drawn when the
 * editor's "create" event fires, after that. Loaded by the story form's Media (a static file: the admin's CSP allows
 * no inline script or style attribute). Words come from Django's JavaScript catalogue (djangojs.po); text from the
 * server is written with textContent only.
 */
(function () {
  "use strict";

  var gettext = function (text) {
    return typeof window.gettext === "function" ? window.gettext(text) : text;
  };
  var ngettext = function (one, many, count) {
    return typeof window.ngettext === "function" ? window.ngettext(one, many, count) : count === 1 ? one : many;
  };
  var SEARCH_DELAY = 250; // ms after the last key before searching
  var dialogs = 0;

  var element = function (tag, className, text) {
    var made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text !== undefined) {
      made.textContent = text;
    }
    return made;
  };

  // --- the toolbar button ------------------------------------------------------------------------------------

  function install(editor, address) {
    var menubar = editor.view.dom.parentElement.querySelector(":scope > .prose-menubar");
    if (!menubar || menubar.querySelector(".photo-picker-button")) {
      return;
    }
    var button = element("button", "prose-menubar__button material-icons photo-picker-button", "add_photo_alternate");
    button.type = "button";
    button.setAttribute("aria-label", gettext("Photo"));
    button.setAttribute("title", gettext("Insert a photo from the photo desk"));
    button.setAttribute("aria-haspopup", "dialog");
    // Already in the reader's language: prose_editor_labels.js leaves it alone.
    button.setAttribute("data-labels-translated", "");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      openPicker(editor, address, button);
    });
    // Figure's own button asks for any URL: the picker takes its place (or the nodes group's end, should the
    // editor one day draw no such button).
    var figure = menubar.querySelector('[data-name="figure"]');
    if (figure) {
      figure.replaceWith(button);
    } else {
      (menubar.querySelector(".prose-menubar__group") || menubar).appendChild(button);
    }
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var address = event.detail.textarea.getAttribute("data-photo-picker");
    if (!address || !editor.isEditable) {
      return;
    }
    if (editor.isInitialized) {
      install(editor, address);
    } else {
      editor.on("create", function () {
        install(editor, address);
      });
    }
  });

  // --- the dialog --------------------------------------------------------------------------------------------

  function openPicker(editor, address, opener) {
    var id = "photo-picker-" + ++dialogs;
    var dialog = element("dialog", "prose-editor-dialog photo-picker");
    dialog.setAttribute("aria-labelledby", id + "-title");
    dialog.setAttribute("aria-describedby", id + "-help");
    var title = dialog.appendChild(element("h2", "prose-editor-dialog-title", gettext("Insert a photo")));
    title.id = id + "-title";
    var help = dialog.appendChild(
      element(
        "p",
        "photo-picker-help",
        gettext("Photos from the photo desk. A photo whose credit is not approved yet holds the story back until it is.")
      )
    );
    help.id = id + "-help";
    var field = dialog.appendChild(element("div", "prose-editor-dialog-field"));
    var label = field.appendChild(element("label", "", gettext("Search photos")));
    label.htmlFor = id + "-q";
    var input = field.appendChild(element("input"));
    input.type = "search";
    input.id = id + "-q";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", id + "-results");
    input.setAttribute("aria-describedby", id + "-hint");
    var hint = field.appendChild(
      element("span", "photo-picker-hint", gettext("Caption, credit, agency or file name. Down arrow: to the results."))
    );
    hint.id = id + "-hint";
    var status = dialog.appendChild(element("p", "photo-picker-status"));
    status.setAttribute("role", "status");
    var list = dialog.appendChild(element("ul", "photo-picker-results"));
    list.id = id + "-results";
    list.setAttribute("aria-label", gettext("Photos found"));
    var buttons = dialog.appendChild(element("div", "prose-editor-dialog-buttons"));
    var cancel = buttons.appendChild(element("button", "", gettext("Cancel")));
    cancel.type = "button";

    var choices = function () {
      return Array.prototype.slice.call(list.querySelectorAll(".photo-picker-choice"));
    };
    var inserted = false;
    var pick = function (photo) {
      inserted = true;
      dialog.close();
      insertFigure(editor, photo);
    };

    var latest = 0;
    var timer = null;
    var search = function () {
      var asked = ++latest;
      status.textContent = gettext("Searching…");
      var separator = address.indexOf("?") === -1 ? "?" : "&";
      fetch(address + separator + "q=" + encodeURIComponent(input.value.trim()), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (answer) {
          if (asked === latest) {
            showResults(list, status, answer, pick);
          }
        })
        .catch(function () {
          if (asked === latest) {
            list.textContent = "";
            status.textContent = gettext("The photos could not be loaded. Try again in a moment.");
          }
        });
    };

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, SEARCH_DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // searches at once rather than waiting
        window.clearTimeout(timer);
        search();
      } else if (event.key === "ArrowDown" && choices().length) {
        event.preventDefault();
        choices()[0].focus();
      }
    });
    // Arrow keys move between the results (Tab does too); Enter or Space on one inserts it.
    list.addEventListener("keydown", function (event) {
      var all = choices();
      var index = all.indexOf(document.activeElement);
      if (index === -1) {
        return;
      }
      var next = null;
      if (event.key === "ArrowDown" || event.key === "ArrowRight") {
        next = all[Math.min(index + 1, all.length - 1)];
      } else if (event.key === "ArrowUp" || event.key === "ArrowLeft") {
        next = index === 0 ? input : all[index - 1];
      } else if (event.key === "Home") {
        next = all[0];
      } else if (event.key === "End") {
        next = all[all.length - 1];
      }
      if (next) {
        event.preventDefault();
        next.focus();
      }
    });
    cancel.addEventListener("click", function () {
      dialog.close();
    });
    // Escape closes the dialog (the browser's own "cancel"); closing by any way removes it and gives the focus back.
    dialog.addEventListener("close", function () {
      window.clearTimeout(timer);
      dialog.remove();
      if (!inserted) {
        opener.focus();
      }
    });

    document.body.appendChild(dialog);
    dialog.showModal();
    input.focus();
    search();
  }

  function showResults(list, status, answer, pick) {
    var photos = answer.photos || [];
    list.textContent = "";
    var found = ngettext("%(count)s photo found.", "%(count)s photos found.", photos.length);
    var text = found.replace("%(count)s", String(photos.length));
    if (!photos.length) {
      text = gettext("No photo found. A new upload appears here once its web sizes are made.");
    } else if (answer.more) {
      text += " " + gettext("Only the newest are shown: add a word to narrow the search.");
    }
    status.textContent = text;
    photos.forEach(function (photo) {
      var item = list.appendChild(element("li", "photo-picker-result"));
      var choice = item.appendChild(element("button", "photo-picker-choice"));
      choice.type = "button";
      var thumbnail = choice.appendChild(element("img", "photo-picker-thumbnail"));
      thumbnail.src = photo.thumbnail.url;
      thumbnail.width = photo.thumbnail.width;
      thumbnail.height = photo.thumbnail.height;
      thumbnail.alt = ""; // the caption beside it says what it shows
      thumbnail.loading = "lazy";
      var words = choice.appendChild(element("span", "photo-picker-words"));
      words.appendChild(element("span", "photo-picker-caption", photo.caption || gettext("No caption")));
      words.appendChild(element("span", "photo-picker-credit", photo.credit_line || gettext("No credit yet")));
      var state = words.appendChild(element("span", "photo-picker-state", photo.credit_status_label));
      state.classList.add("photo-picker-state-" + photo.credit_status);
      choice.addEventListener("click", function () {
        pick(photo);
      });
    });
  }

  // --- the figure --------------------------------------------------------------------------------------------

  function insertFigure(editor, photo) {
    // The caption only: readers' pages add the credit line as it reads when they are drawn (articles/body_images.py),
    // so a credit the photo desk corrects later is never left behind in the story's text.
    var caption = photo.caption || "";
    var content = [{ type: "image", attrs: { src: photo.src, alt: photo.alt || "", file: String(photo.id) } }];
    if (caption) {
      content.push({ type: "caption", content: [{ type: "text", text: caption }] });
    }
    editor.chain().focus().insertContent({ type: "figure", content: content }).run();
  }
})();
