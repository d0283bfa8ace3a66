"""A busy desk on one database: twenty editors saving at once never get "database is locked", and a request that
only reads never waits for the write lock (newsroom/db/reading.py). Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import roles
from articles.models import Article
from newsroom.db.reading import only_reading

EDITORS = 20
# The figure: twenty editors saving for thirty seconds. NEWSROOM_BUSY_DESK_SECONDS shortens it locally.
SECONDS = float(os.environ.get("NEWSROOM_BUSY_DESK_SECONDS", "30"))

sqlite_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0] != "sqlite", reason="about SQLite's write lock"
)


class FormFields(HTMLParser):
    """What a browser posts back from a page's forms as rendered: a thread-safe stand-in for conftest's
    ``admin_form_data`` (the test client's ``response.context`` is filled by a process-wide signal, so with twenty
    threads rendering at once it may hold another thread's form)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def _add(self, name: str | None, value: str) -> None:
        if name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self._add(name, attributes.get("value") or ("on" if kind in ("checkbox", "radio") else ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self._add(self._select, attributes.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_data(response, **changes) -> dict:
    data = FormFields(response.content.decode()).data
    data.pop("csrfmiddlewaretoken", None)  # the test client does not check CSRF
    data.update({name: [value] for name, value in changes.items()})
    return data


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def editors(transactional_db, django_user_model):
    call_command("setup_roles", stdout=None)
    group = Group.objects.get(name=roles.EDITOR)
    users = []
    for number in range(EDITORS):
        user = django_user_model.objects.create_user(f"editor{number}", password="pass-for-tests-123", is_staff=True)
        user.groups.add(group)
        users.append(user)
    return users


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_read_never_waits_for_the_write_lock(editors, make_article):
    """Another connection holds SQLite's write lock for three seconds; opening a story's change form (a GET that
    the admin and django-reversion wrap in a transaction) answers at once instead of queueing behind it."""
    article = make_article(headline="Dibaca saat kunci tulis dipegang")
    client = Client()
    client.force_login(editors[0])
    url = change_url(article)
    assert client.get(url).status_code == 200
    locked, release = threading.Event(), threading.Event()

    def hold_the_write_lock():
        other = sqlite3.connect(connection.settings_dict["NAME"], timeout=10, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE articles_publicpagesversion SET changed_at = changed_at")
        locked.set()
        release.wait(timeout=3)
        other.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    try:
        assert locked.wait(timeout=5)
        started = time.monotonic()
        response = client.get(url)
        took = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    assert response.status_code == 200
    assert took < 1.5, f"the change form waited {took:.1f}s for a lock it does not need"


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_reads_begin_deferred_and_writes_immediate():
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Article.objects.exists()
    assert any(query["sql"] == "BEGIN IMMEDIATE" for query in queries), queries.captured_queries
    with only_reading(), CaptureQueriesContext(connection) as queries, transaction.atomic():
        Article.objects.exists()
    assert any(query["sql"] == "BEGIN DEFERRED" for query in queries), queries.captured_queries


@pytest.mark.django_db(transaction=True)
def test_twenty_editors_saving_at_once_never_see_database_is_locked(editors, make_article):
    """Each editor opens their own story and saves it again and again for SECONDS, all at once, while a reader
    browses: every save is saved (302) and nothing answers 5xx or "database is locked"."""
    stories = [make_article(headline=f"Cerita meja sibuk {number}") for number in range(EDITORS)]
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    saves_per_editor = [0] * EDITORS
    lock = threading.Lock()
    deadline = [0.0]
    # Everyone starts together; the clock starts when the last one is ready.
    start = threading.Barrier(EDITORS + 1, action=lambda: deadline.__setitem__(0, time.monotonic() + SECONDS))

    def note(kind: str, detail: str = "") -> None:
        with lock:
            outcomes[kind] += 1
            if detail and len(failures) < 10:
                failures.append(detail)

    def edit(index: int) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(editors[index])
        url = change_url(stories[index])
        try:
            start.wait()
            round_ = 0
            while time.monotonic() < deadline[0]:
                form = client.get(url)
                if form.status_code != 200:
                    note(f"form {form.status_code}", form.content[:300].decode(errors="replace"))
                    continue
                round_ += 1
                saved = client.post(url, form_data(form, headline=f"Cerita meja sibuk {index}, versi {round_}"))
                body = saved.content.decode(errors="replace")
                if "database is locked" in body:
                    note("locked", body[:300])
                elif saved.status_code == 302:
                    note("saved")
                    saves_per_editor[index] += 1
                else:
                    errors = re.findall(r"class=\"(?:errornote|errorlist)[^>]*>(.*?)</", body, re.S)
                    note(f"save {saved.status_code}", " | ".join(errors)[:500])
        finally:
            connections.close_all()

    def read() -> None:
        client = Client(raise_request_exception=False)
        try:
            start.wait()
            while time.monotonic() < deadline[0]:
                for url in ["/", stories[0].section.get_absolute_url(), "/cari/?q=cerita"]:
                    status = client.get(url).status_code
                    note("read" if status == 200 else f"read {status}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(index,)) for index in range(EDITORS)]
    threads.append(threading.Thread(target=read))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 120)
    assert not any(thread.is_alive() for thread in threads), "an editor never finished"
    unexpected = {kind: count for kind, count in outcomes.items() if kind not in ("saved", "read")}
    assert not unexpected, (unexpected, failures)
    assert all(saves_per_editor), saves_per_editor  # every editor got saves through, none starved
    versions = dict(Article.objects.filter(pk__in=[s.pk for s in stories]).values_list("pk", "version"))
    for story, saves in zip(stories, saves_per_editor, strict=True):
        assert versions[story.pk] == 1 + saves  # every save counted, none lost
    print(f"\n{outcomes['saved']} saves by {EDITORS} editors and {outcomes['read']} reads in {SECONDS:.0f}s")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_writers_turn_ends_with_its_transaction_however_it_ends(settings):
    """Commit, rollback by an error, or a connection closed mid-transaction: the next writer starts at once."""
    from newsroom.db.sqlite3.base import _write_turn

    turn = _write_turn(connection.settings_dict["NAME"])
    with transaction.atomic():
        Article.objects.exists()
        assert turn.locked()
    assert not turn.locked()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        Article.objects.exists()
        1 / 0  # noqa: B018
    assert not turn.locked()
    block = transaction.atomic()
    block.__enter__()
    Article.objects.exists()
    assert turn.locked()
    connection.close()  # as when a request's connection is dropped mid-transaction
    assert not turn.locked()
    block.__exit__(None, None, None)
    started = time.monotonic()
    with transaction.atomic():
        Article.objects.exists()
    assert time.monotonic() - started < 1
