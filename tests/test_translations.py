"""Indonesian everywhere in the admin: the catalogue is complete and clean, and admin pages asked for in Indonesian
carry no English leftovers (strings of django-reversion and django-prose-editor included, which ship no Indonesian).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import django_prose_editor
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale" / "id" / "LC_MESSAGES"
CATALOGUES = [LOCALE / "django.po", LOCALE / "djangojs.po"]
# The project's own source, copied aside so that extraction never writes into the repository's locale folder.
SOURCE_DIRS = ["articles", "newsroom", "templates", "api", "webhooks", "wire"]

needs_gettext = pytest.mark.skipif(
    not (shutil.which("msgfmt") and shutil.which("msgattrib") and shutil.which("xgettext")),
    reason="GNU gettext (msgfmt, msgattrib, xgettext) is not installed: apt-get install gettext",
)


def _msgattrib(po: Path, *flags: str) -> list[str]:
    """The msgids (header left out) msgattrib selects from ``po`` with ``flags``."""
    out = subprocess.run(
        ["msgattrib", "--no-wrap", "--no-location", *flags, str(po)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line[len("msgid ") :] for line in out.splitlines() if line.startswith("msgid ") and line != 'msgid ""']


@needs_gettext
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.name)
def test_catalogue_compiles_cleanly(po):
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@needs_gettext
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.name)
def test_catalogue_has_no_empty_or_fuzzy_entries(po):
    assert _msgattrib(po, "--untranslated") == []
    assert _msgattrib(po, "--only-fuzzy") == []


@needs_gettext
def test_every_message_of_the_project_is_in_the_catalogue(tmp_path):
    """Django's own extraction, run on a copy of the source whose locale folder is a copy too: any msgid of the
    admin templates and Python code that the catalogue lacks comes out untranslated (or fuzzy, guessed from a near
    neighbour) in the copy's merged catalogue."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copytree(ROOT / "locale", copy / "locale")
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "PYTHONPATH": str(copy)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    merged = copy / "locale" / "id" / "LC_MESSAGES" / "django.po"
    missing = _msgattrib(merged, "--untranslated") + _msgattrib(merged, "--only-fuzzy")
    assert missing == [], "msgids without an Indonesian translation:\n" + "\n".join(missing)


# English strings an Indonesian editor must not meet on the page (Django admin's and django-reversion's).
ENGLISH_LEFTOVERS = [
    "Recover deleted",
    "Change story",
    "Save and continue editing",
    "History",
    "Revert",
    "Choose a date from the list below",
    "There are no deleted objects",
]


@pytest.fixture
def indonesian_admin(editor_client, make_article, make_photo):
    story = make_article()
    make_photo()
    return editor_client, story


class _VisibleText(HTMLParser):
    """What a reader sees or hears: text outside scripts and styles, and the attributes shown as text (a widget's
    configuration in data-* attributes names extensions, "History" among them, that nobody reads)."""

    SHOWN_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "value"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        self.parts += [value or "" for name, value in attrs if name in self.SHOWN_ATTRIBUTES]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _indonesian(client, url: str) -> str:
    response = client.get(url, headers={"accept-language": "id"})
    assert response.status_code == 200, url
    assert 'lang="id"' in response.text
    parser = _VisibleText()
    parser.feed(response.text)
    return " ".join(parser.parts)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    ["story change form", "photo list", "user list", "user change form", "story history", "recover list"],
)
def test_admin_pages_in_indonesian_carry_no_english(indonesian_admin, staff_user, page):
    client, story = indonesian_admin
    url = {
        "story change form": reverse("admin:articles_article_change", args=[story.pk]),
        "photo list": reverse("admin:articles_photo_changelist"),
        "user list": reverse("admin:auth_user_changelist"),
        "user change form": reverse("admin:auth_user_change", args=[staff_user.pk]),
        "story history": reverse("admin:articles_article_history", args=[story.pk]),
        "recover list": reverse("admin:articles_article_recoverlist"),
    }[page]
    text = _indonesian(client, url)
    found = [english for english in ENGLISH_LEFTOVERS if english in text]
    assert found == []


@pytest.mark.django_db
def test_the_body_editors_dialogs_are_in_the_admins_script_catalogue(editor_client, make_article):
    """django-prose-editor labels its dialogs with window.gettext, which the change form's admin:jsi18n script
    defines; the project's djangojs catalogue gives them Indonesian words."""
    story = make_article()
    form = editor_client.get(
        reverse("admin:articles_article_change", args=[story.pk]), headers={"accept-language": "id"}
    )
    jsi18n = reverse("admin:jsi18n")
    assert f'src="{jsi18n}"' in form.text
    catalogue = editor_client.get(jsi18n, headers={"accept-language": "id"}).text
    assert "Sisipkan tabel" in catalogue and "Ubah tautan" in catalogue


# Words Indonesian newsrooms use as they are: the same in both languages, on purpose.
SAME_IN_BOTH = {"ID", "slug", "status", "kicker", "slot", "byline"}


def _articles_fields():
    """(model, field) for every field an editor meets in a form or a change message, in the articles app and the
    user admin."""
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    for model in [*apps.get_app_config("articles").get_models(), User, Group]:
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name") and (field.concrete or field.many_to_many):
                yield model, field


def _in(language: str, text) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(text)


def test_every_model_and_field_name_is_in_indonesian():
    from django.apps import apps

    untranslated = [
        f"{model.__name__}: {name}"
        for model in apps.get_app_config("articles").get_models()
        for name in [model._meta.verbose_name, model._meta.verbose_name_plural]
        if _in("en", name) == _in("id", name) and _in("en", name) not in SAME_IN_BOTH
    ]
    untranslated += [
        f"{model.__name__}.{field.name}: {_in('en', field.verbose_name)}"
        for model, field in _articles_fields()
        if _in("en", field.verbose_name) == _in("id", field.verbose_name)
        and _in("en", field.verbose_name) not in SAME_IN_BOTH
    ]
    assert not untranslated, "\n".join(untranslated)


def test_change_messages_name_fields_as_the_form_does():
    """Django stores "Changed {fields}." with the form's English labels, capitalised, and translates each label when
    the message is shown: "Embargo until" needs its own entry, or the history reads "Embargo until berubah"."""
    from django.utils import translation
    from django.utils.text import capfirst

    def shown(label: str) -> str:
        with translation.override("id"):
            return translation.gettext(label)

    # Indonesian, not necessarily the form's very word: "Body" is "Isi berita" in the history and "Isi" on the form.
    wrong = [
        f"{model.__name__}.{field.name}: {label!r}"
        for model, field in _articles_fields()
        if shown(label := capfirst(_in("en", field.verbose_name))) == label
        and _in("en", field.verbose_name) not in SAME_IN_BOTH
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_storys_history_names_the_changed_fields_in_indonesian(make_article, staff_user):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation

    story = make_article()
    entry = LogEntry.objects.create(
        user=staff_user,
        content_type=ContentType.objects.get_for_model(story),
        object_id=str(story.pk),
        object_repr=str(story),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Embargo until", "Publish time"]}}]',
    )
    with translation.override("id"):
        message = entry.get_change_message()
    assert "Embargo hingga" in message and "Waktu terbit" in message and "until" not in message


# --- messages name fields by their labels, never by their names in the code ----------------------------------------


@pytest.mark.django_db
def test_a_credit_sent_back_is_audited_with_the_fields_labels(people, make_photo):
    from django.utils import translation

    from articles.models import AuditEntry
    from articles.services import moderation

    photo = make_photo(credit="Dwi Arif")
    with translation.override("id"):
        assert moderation.credit_edited(photo=photo, user=people["photo_desk"], changed_fields=["credit", "source"])
    note = AuditEntry.objects.get(action=AuditEntry.Action.CREDIT_CHANGED, object_id=photo.pk).note
    assert note == "kredit dan sumber / kantor berita"


@pytest.mark.django_db
def test_a_refused_timing_field_is_named_by_its_label(client, people, make_article):
    """A reporter's form may not set the publish time: the refusal names the field as the form shows it."""
    story = make_article(status="draft", created_by=people["reporter"])
    client.force_login(people["reporter"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(
        url, {"publish_at_0": "2026-12-07", "publish_at_1": "10:00:00"}, headers={"accept-language": "id"}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("waktu terbit" in message for message in shown), shown
    assert not any("publish_at" in message for message in shown)


def test_field_labels_list_the_labels_in_the_active_language():
    from django.utils import translation

    from articles.field_labels import field_labels
    from articles.models import Article

    with translation.override("id"):
        assert field_labels(Article, ["publish_at", "embargo_until"]) == "waktu terbit dan embargo hingga"
    assert field_labels(Article, ["publish_at", "not_a_field"]) == "publish time and not a field"


# --- groups and permissions: English names in the database, shown in the reader's language --------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["user change form", "user list", "group list", "group change form"])
def test_groups_and_permissions_are_shown_in_indonesian(client, people, django_user_model, page):
    from django.contrib.auth.models import Group

    from articles import roles

    # A superuser sees every group and the individual permissions.
    editor_client = client
    editor_client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "pass-123-x"))

    url = {
        "user change form": reverse("admin:auth_user_change", args=[people["editor"].pk]),
        "user list": reverse("admin:auth_user_changelist"),
        "group list": reverse("admin:auth_group_changelist"),
        "group change form": reverse("admin:auth_group_change", args=[Group.objects.get(name=roles.EDITOR).pk]),
    }[page]
    text = _indonesian(editor_client, url)
    if page != "group change form":
        assert "Pemimpin redaksi" in text
    if page in {"user change form", "user list"}:
        # (The group list's row checkboxes keep the stored name in their aria-label: Django's own markup.)
        assert "Chief editor" not in text
    if page.endswith("change form"):
        assert "Dapat mengubah berita" in text and "Can change story" not in text
        assert "Dapat menerbitkan" in text and "Can publish" not in text


def test_permissions_and_groups_keep_their_stored_names_in_english():
    """Only the display is translated: settings and code find the groups by their stored names."""
    from django.utils import translation

    from articles import roles
    from articles.admin.access_labels import role_name

    assert roles.CHIEF_EDITOR == "Chief editor"
    with translation.override("en"):
        assert role_name(roles.CHIEF_EDITOR) == "Chief editor"
    assert role_name("Night shift") == "Night shift"


# --- error pages: Indonesian first, the admin's look under /admin/ -------------------------------------------------


@pytest.mark.django_db
def test_a_refused_admin_page_says_so_in_indonesian_in_the_admins_look(client, people):
    client.force_login(people["reporter"])
    response = client.get(reverse("admin:auth_user_changelist"), headers={"accept-language": "id"})
    assert response.status_code == 403
    assert 'lang="id"' in response.text and "Akses ditolak" in response.text
    assert "admin/css/base.css" in response.text and "Kembali ke meja redaksi" in response.text
    assert "403 Forbidden" not in response.text


@pytest.mark.django_db
def test_a_missing_admin_page_says_so_in_indonesian_in_the_admins_look(editor_client):
    response = editor_client.get("/admin/articles/no-such-page/", headers={"accept-language": "id"})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text and "admin/css/base.css" in response.text


@pytest.mark.django_db
def test_a_missing_public_page_keeps_the_sites_look(client, settings):
    settings.LANGUAGE_CODE = "id"
    response = client.get("/no-such-page-anywhere/", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text and "newsroom/site.css" in response.text


def test_the_server_error_page_needs_nothing_but_the_language():
    """Django renders 500.html with an empty context (no request, no database): it must still read in Indonesian."""
    from django.template import loader
    from django.utils import translation

    with translation.override("id"):
        page = loader.get_template("500.html").render()
    assert 'lang="id"' in page and "Terjadi kesalahan" in page


PROSE_EDITOR_JS = Path(django_prose_editor.__file__).parent / "static" / "django_prose_editor" / "editor.js"


def test_every_toolbar_title_of_the_body_editor_has_an_indonesian_word():
    """The library's toolbar titles (material("format_bold", "bold"), title: "Styles") and its gettext'd dialog
    strings, read from the installed editor.js so a new version's new words fail here."""
    import re

    source = PROSE_EDITOR_JS.read_text(encoding="utf-8")
    wanted = set(re.findall(r'material\("[a-z_0-9]+","([^"]+)"\)', source))
    wanted |= set(re.findall(r'title:"([^"]+)"', source)) | {"Block style"}
    wanted |= set(re.findall(r'pX\("([^"]+)"\)', source))
    po = (LOCALE / "djangojs.po").read_text(encoding="utf-8")
    catalogued = {re.sub(r'"\n"', "", m) for m in re.findall(r'^msgid ((?:"[^\n]*"\n)+)', po, re.M)}
    catalogued = {m.strip().strip('"') for m in catalogued}
    assert len(wanted) > 40
    assert sorted(wanted - catalogued) == []


@pytest.mark.django_db
def test_the_admin_loads_the_toolbar_translation(editor_client, make_article):
    story = make_article()
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).text
    assert "newsroom/prose_editor_labels.js" in page
    catalogue = editor_client.get(reverse("admin:jsi18n"), headers={"accept-language": "id"}).text
    assert '"Tebal"' in catalogue and '"Urungkan"' in catalogue
