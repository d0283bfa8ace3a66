"""Editors for ``benchmarks/load.py``: each logs in to the admin and saves one story again and again, as a browser.

Every save is the real admin POST: the change form is fetched, every field it rendered (inline rows and their
management forms, the hidden edit-conflict version) is posted back with one small edit to the dek, and after the
save the form is opened again, as "Save and continue editing" does. Only the standard library is used, so the load
script needs nothing beyond the virtualenv.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

ERROR_HEADER = "X-Load-Error"  # set by benchmarks/load_wsgi.py on a response Django made from an exception
FORM_ID = "article_form"
EDITED_FIELD = "dek"
EDIT_MARK = re.compile(r" \[load \d+\]$")
# Messages the editor reads (English: the editors send Accept-Language: en).
CONFLICT_TEXTS = ("after you opened it", "at the same moment")
SAVED_TEXT = "was changed successfully"


class FormFields(HTMLParser):
    """What a browser would submit from the form with id ``form_id``: name/value pairs in document order.

    Unchecked boxes, disabled controls, buttons and file inputs are left out, a select without a selected option
    sends its first one, and a textarea sends its text without the one newline that follows the opening tag."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.found = False
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._in_form = attributes.get("id") == self.form_id
            self.found = self.found or self._in_form
            return
        if not self._in_form:
            return
        name = attributes.get("name")
        disabled = "disabled" in attributes
        if tag == "input" and name and not disabled:
            kind = (attributes.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.pairs.append((name, attributes.get("value") or "on"))
                return
            self.pairs.append((name, attributes.get("value") or ""))
        elif tag == "select" and name and not disabled:
            self._select = {"name": name, "multiple": "multiple" in attributes, "selected": [], "first": None}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attributes.get("value"), "text": "", "selected": "selected" in attributes}
        elif tag == "textarea" and name and not disabled:
            self._textarea = {"name": name, "text": []}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"].append(data)
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            chosen = self._select["selected"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self.pairs.extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea["text"])
            text = text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text
            self.pairs.append((self._textarea["name"], text))
            self._textarea = None

    def _close_option(self):
        option, self._option = self._option, None
        if option is None or self._select is None:
            return
        value = option["value"] if option["value"] is not None else option["text"].strip()
        if self._select["first"] is None:
            self._select["first"] = value
        if option["selected"]:
            self._select["selected"].append(value)


@dataclass
class Reply:
    status: int
    body: str
    location: str = ""
    error: str = ""  # the X-Load-Error header: what the server raised


class Browser:
    """One editor's session: cookies, CSRF token, one HTTP request at a time."""

    def __init__(self, host: str, port: int, timeout: float = 120.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: list[tuple[str, str]] | None = None) -> Reply:
        headers = {"Accept-Language": "en", "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            location = urlsplit(response.headers.get("Location", "")).path
            return Reply(response.status, text, location, response.headers.get(ERROR_HEADER, ""))
        finally:
            connection.close()

    def log_in(self, username: str, password: str) -> None:
        page = self.request("GET", "/admin/login/?next=/admin/")
        fields = form_fields(page.body, form_id="login-form")
        fields = [(name, value) for name, value in fields if name not in {"username", "password"}]
        reply = self.request(
            "POST", "/admin/login/?next=/admin/", [*fields, ("username", username), ("password", password)]
        )
        if reply.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(
                f"{username} could not log in to /admin/ (HTTP {reply.status}, {reply.error or 'no error'})"
            )


def form_fields(html: str, form_id: str = FORM_ID) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    parser.close()
    if not parser.found:
        raise ValueError(f"no form with id {form_id!r} in the page")
    return parser.pairs


def with_edit(fields: list[tuple[str, str]], number: int) -> list[tuple[str, str]]:
    """The form as rendered, its dek given a new ending (the same dek otherwise, so it never grows)."""
    edited = [
        (name, EDIT_MARK.sub("", value) + f" [load {number}]" if name == EDITED_FIELD else value)
        for name, value in fields
    ]
    if not any(name == EDITED_FIELD for name, _ in fields):
        raise ValueError(f"the change form has no {EDITED_FIELD!r} field")
    return [*edited, ("_continue", "1")]


@dataclass
class EditorTally:
    """What one editor saw. Failure kinds: locked (a 5xx saying "database is locked"), server_error (any other 5xx),
    conflict (the form refused a stale version), form_error (any other refusal), other (unexpected answer, network).
    A failed opening of the form counts as a failure too, then the form is opened again."""

    saves: int = 0
    save_seconds: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    server_errors: int = 0  # 5xx answers to any of the editor's requests, form openings included
    locked: int = 0  # of those, how many said "database is locked"
    examples: dict[str, str] = field(default_factory=dict)  # the first failure of each kind, as it was seen

    def fail(self, kind: str, step: str, detail: str) -> None:
        """Counted as "kind/step": step is open (the form), save (the POST) or reopen (the form after a save)."""
        key = f"{kind}/{step}"
        self.failures[key] = self.failures.get(key, 0) + 1
        self.examples.setdefault(key, detail[:300])

    def saw(self, reply: Reply) -> Reply:
        self.requests += 1
        if reply.status >= 500:
            self.server_errors += 1
            self.locked += is_locked(reply)
        return reply


def failure_kind(reply: Reply) -> str:
    if reply.status < 500:
        return "other"
    return "locked" if is_locked(reply) else "server_error"


def is_locked(reply: Reply) -> bool:
    return "database is locked" in reply.error or "database is locked" in reply.body


def run_editor(browser: Browser, story_id: int, stop: threading.Event, tally: EditorTally) -> None:
    """Open-edit-save-reopen one story until ``stop`` is set, with a browser that has logged in."""
    change_url = f"/admin/articles/article/{story_id}/change/"
    page: Reply | None = None
    number = 0
    while not stop.is_set():
        step = "open"
        try:
            if page is None or page.status != 200:
                page = tally.saw(browser.request("GET", change_url))
                if page.status != 200:
                    tally.fail(failure_kind(page), "open", f"HTTP {page.status} {page.error}")
                    page = None
                    time.sleep(0.2)
                    continue
            number += 1
            step = "save"
            data = with_edit(form_fields(page.body), number)
            started = time.perf_counter()
            reply = tally.saw(browser.request("POST", change_url, data))
            elapsed = time.perf_counter() - started
            page = None
            if reply.status >= 500:
                tally.fail(failure_kind(reply), "save", f"HTTP {reply.status} {reply.error}")
            elif reply.status == 302 and reply.location == change_url:
                step = "reopen"
                page = tally.saw(browser.request("GET", change_url))  # open the form again, as the redirect does
                if page.status != 200:
                    tally.fail(failure_kind(page), "reopen", f"HTTP {page.status} {page.error}")
                elif any(text in page.body for text in CONFLICT_TEXTS):
                    tally.fail("conflict", "save", "the save raced another and was refused")
                elif SAVED_TEXT in page.body:
                    tally.saves += 1
                    tally.save_seconds.append(elapsed)
                else:
                    tally.fail("other", "save", "redirected back without a saved message")
            elif reply.status == 200 and any(text in reply.body for text in CONFLICT_TEXTS):
                tally.fail("conflict", "save", "the form refused a stale version")
            elif reply.status == 200:
                errors = re.findall(r'class="errornote"[^>]*>(.*?)</', reply.body, re.S) or ["(no error note)"]
                tally.fail("form_error", "save", " ".join(errors[0].split()))
            else:
                tally.fail("other", "save", f"HTTP {reply.status} to {reply.location}")
        except (OSError, http.client.HTTPException, ValueError) as error:
            tally.fail("other", step, f"{type(error).__name__}: {error}")
            page = None
            time.sleep(0.2)
