// The light table (issue 21): keyboard shortcuts over the photo list's own buttons and actions, which work without
// this file. Every decision is a plain form post (the card's button, or the list's action with its reason box), so the
// server's moderation rules and audit are the same whichever way the desk decides. The keys are listed on the page.
"use strict";
(function () {
  const table = document.getElementById("result_list");
  const form = document.getElementById("changelist-form");
  if (!table || !form || !table.tBodies.length) {
    return;
  }
  const rows = Array.from(table.tBodies[0].rows);
  if (!rows.length) {
    return;
  }
  const status = document.getElementById("light-table-status");
  const bulkReason = document.getElementById("light-table-bulk-reason");
  const actionSelect = form.querySelector("select[name=action]");
  const goButton = form.querySelector("button[name=index]");
  const keys = document.getElementById("light-table-keys");
  // Which card had the focus, kept over the reload a decision causes (the decided photo leaves the queue, so the same
  // place holds the next one).
  const place = "light-table:" + location.pathname + location.search;
  const bulkActions = { approve: "approve_credits", reject: "reject_credits", request_info: "request_information" };
  let current = -1;

  // The page's words (templates/admin/articles/photo/change_list.html), translated there: the admin's JavaScript
  // catalogue holds only Django's own.
  const words = status ? status.dataset : {};
  const say = function (text) {
    if (status) {
      status.textContent = text;
    }
  };

  // Keys move the view to the card; a click or a tab into a card only marks it (scrolling under the pointer between
  // press and release would lose the click).
  const choose = function (index, scroll) {
    if (index < 0 || index >= rows.length) {
      return;
    }
    if (current >= 0) {
      rows[current].classList.remove("light-table-current");
    }
    current = index;
    const row = rows[current];
    row.classList.add("light-table-current");
    if (!row.contains(document.activeElement)) {
      row.focus({ preventScroll: true });
    }
    if (scroll) {
      row.scrollIntoView({ block: "nearest" });
    }
  };

  rows.forEach(function (row) {
    row.tabIndex = -1;
    // Typing in a card's reason box is not an edit of the list (Django's actions.js would warn before "Go").
    row.querySelectorAll("textarea").forEach(function (box) {
      box.addEventListener("change", function (event) {
        event.stopPropagation();
      });
    });
  });
  table.addEventListener("focusin", function (event) {
    const row = event.target.closest("tbody tr");
    if (row && rows.indexOf(row) !== current) {
      choose(rows.indexOf(row), false);
    }
  });

  const submit = function (button) {
    sessionStorage.setItem(place, String(current));
    form.requestSubmit(button);
  };

  const selectedRows = function () {
    return rows.filter(function (row) {
      const box = row.querySelector("input.action-select");
      return box && box.checked;
    });
  };

  // A reason is asked for in a box; Enter sends the decision, Escape leaves the box without deciding.
  let waiting = null;
  const askReason = function (box, send, prompt) {
    waiting = { box: box, send: send };
    box.focus();
    say(prompt);
  };
  form.addEventListener("keydown", function (event) {
    if (!waiting || event.target !== waiting.box) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      waiting = null;
      say("");
      if (current >= 0) {
        rows[current].focus();
      }
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (!waiting.box.value.trim()) {
        say(words.reasonFirst);
        return;
      }
      const send = waiting.send;
      waiting = null;
      send();
    }
  });

  const decideSelected = function (decision, chosen) {
    const action = bulkActions[decision];
    const offered = actionSelect && Array.from(actionSelect.options).some(function (option) {
      return option.value === action;
    });
    if (!offered || !goButton) {
      say(words.nothingToChange);
      return;
    }
    actionSelect.value = action;
    if (decision === "approve") {
      submit(goButton);
    } else if (bulkReason) {
      askReason(bulkReason, function () { submit(goButton); }, words.bulkReason);
    }
  };

  const decide = function (decision) {
    const chosen = selectedRows();
    if (chosen.length) {
      decideSelected(decision, chosen);
      return;
    }
    if (current < 0) {
      choose(0, true);
    }
    const row = rows[current];
    const button = row.querySelector('button[name=decide][data-decision="' + decision + '"]');
    if (!button) {
      say(words.nothingToChange);
      return;
    }
    if (decision === "approve") {
      submit(button);
      return;
    }
    const box = row.querySelector("textarea.light-table-reason");
    askReason(box, function () { submit(button); }, words.reason);
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    const target = event.target;
    if (target.closest("input, textarea, select, button, [contenteditable]") && target.type !== "checkbox") {
      return;
    }
    const move = { j: 1, n: 1, ArrowRight: 1, ArrowDown: 1, k: -1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (move) {
      event.preventDefault();
      choose(current < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, current + move)), true);
      return;
    }
    const decision = { a: "approve", r: "reject", i: "request_info" }[event.key];
    if (decision) {
      event.preventDefault();
      decide(decision);
    } else if (event.key === "x" && current >= 0) {
      event.preventDefault();
      const box = rows[current].querySelector("input.action-select");
      if (box) {
        box.click();  // through Django's actions.js, which counts the selection
      }
    } else if (event.key === "o" && current >= 0) {
      const link = rows[current].querySelector(".field-thumbnail a");
      if (link) {
        event.preventDefault();
        location.href = link.href;
      }
    } else if (event.key === "?" && keys) {
      event.preventDefault();
      keys.open = !keys.open;
    }
  });

  // Back after a decision: the same place in the queue (clamped: the last photo may have left it).
  const kept = sessionStorage.getItem(place);
  if (kept !== null) {
    sessionStorage.removeItem(place);
    choose(Math.min(parseInt(kept, 10) || 0, rows.length - 1), true);
  }
})();
