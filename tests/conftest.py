"""Shared fixtures: a temporary media folder for every test, and small builders for stories and photos."""

from __future__ import annotations

import contextlib
import io
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image

if TYPE_CHECKING:
    from django.core.files.uploadedfile import SimpleUploadedFile

# ../shared (the team's extra corpus, never in the repository): see SHARED_STORY and SHARED_PHOTOS in
# tests/unit/conftest.py, and why tests that read it are defined only when it is there.
SHARED = Path(__file__).resolve().parents[2] / "shared"

# Django is imported inside the fixtures and helpers below, never at the top: this file is also loaded for the pure
# tests in tests/unit/, which run without Django (``pytest -p no:django tests/unit``).


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """No test ever writes into the real media/ folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _addresses_follow_the_default_language():
    """Django builds its table of addresses once per language and keeps it, language prefix included; readers'
    addresses depend on the default language (no prefix for it), which tests change: rebuild the table then."""
    from django.core.signals import setting_changed
    from django.urls import clear_url_caches

    def rebuild(setting, **kwargs):
        if setting in {"LANGUAGE_CODE", "LANGUAGES"}:
            clear_url_caches()

    setting_changed.connect(rebuild)
    yield
    setting_changed.disconnect(rebuild)
    clear_url_caches()


@pytest.fixture(autouse=True)
def _english_messages(_addresses_follow_the_default_language, settings):
    """Tests read messages in English (the source text); the site's default stays Indonesian, which
    tests/test_language.py checks, and tests of Indonesian pages ask for them with Accept-Language."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests create many users and do not test the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Every test starts with an empty cache (pages cached by one test never leak into another), and reads the pages'
    version on every request, as one worker sees every change at once (tests/test_page_cache.py turns the
    once-a-second reading of several workers back on)."""
    from django.core.cache import cache

    from articles.cache import forget_pages_version

    settings.NEWSROOM_PAGE_VERSION_SECONDS = 0
    cache.clear()
    forget_pages_version()
    yield
    # A test may have pointed the cache at a server that is down on purpose.
    with contextlib.suppress(Exception):
        cache.clear()


@pytest.fixture
def process_local_cache(settings):
    """Time travel (time-machine) moves this process's clock, not Redis's: tests that let cache entries expire by
    travelling in time use the in-process cache, whose expiry reads the patched clock."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}


def inline_management(prefix: str, total: int = 0) -> dict:
    """The management form of an admin inline formset with ``total`` new forms and none loaded."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def photo_add_data(image, caption: str, **changes) -> dict:
    """What the photo desk's add form posts for a staff photo credited to Dwi Arif, with ``changes``."""
    return {
        "image": image,
        "caption": caption,
        "alt_text": "",
        "credit": "Dwi Arif",
        "source": "",
        "copyright_notice": "",
        "licence_type": "staff",
        "usage_terms": "",
        **inline_management("uses"),
        **changes,
    }


def admin_form_data(response, **changes) -> dict:
    """What a browser posts back from an admin form as rendered: every field, every inline row and management form
    (a stored file is not sent back), with ``changes`` applied on top."""
    from django import forms
    from django.forms import MultiWidget

    rendered = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        rendered += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in rendered:
        for name, field in form.fields.items():
            if isinstance(field, forms.FileField):
                continue
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, MultiWidget):
                parts = value if isinstance(value, list) else field.widget.decompress(value)
                data.update({f"{bound.html_name}_{i}": "" if part is None else part for i, part in enumerate(parts)})
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [getattr(item, "pk", item) for item in value]
            elif value is True:
                data[bound.html_name] = "on"
            elif value is not None and value is not False:
                data[bound.html_name] = getattr(value, "pk", value)
    data.update(changes)
    return data


def image_file(name: str = "photo.jpg", size: tuple[int, int] = (64, 48), fmt: str = "JPEG") -> SimpleUploadedFile:
    """A real image made in memory with Pillow."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def section(db):
    from articles.models import Section

    return Section.objects.create(name="Kota", slug="kota", order=1)


@pytest.fixture
def make_article(db, section):
    """Build a story; published one hour ago unless told otherwise."""
    from django.utils import timezone

    from articles.models import Article

    counter = iter(range(1, 10_000))

    def build(**fields):
        number = next(counter)
        fields.setdefault("headline", f"Berita nomor {number}")
        fields.setdefault("slug", f"berita-{number}")
        fields.setdefault("section", section)
        fields.setdefault("body", f"<p>Isi berita {number}.</p>")
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        return Article.objects.create(**fields)

    return build


@pytest.fixture
def make_photo(db):
    from articles.models import Photo

    def build(*, approved: bool = True, with_image: bool = True, **fields):
        fields.setdefault("caption", "Warga menonton pawai")
        fields.setdefault("credit", "Dwi Arif")
        if approved:
            fields.setdefault("credit_status", Photo.CreditStatus.APPROVED)
        if with_image:
            fields.setdefault("image", image_file())
        return Photo.objects.create(**fields)

    return build


@pytest.fixture(scope="session")
def _roles_once(django_db_setup, django_db_blocker):
    """The role groups, set up once for the whole run (committed beside the test database's migrations)."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("setup_roles", stdout=io.StringIO())


@pytest.fixture
def people(_roles_once, db, django_user_model):
    """One staff account per newsroom role (groups from setup_roles), keyed by role; two reporters."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from articles import roles

    # A transactional test empties every table when it ends, groups included: set them up again only then.
    if Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).count() < len(roles.ROLE_PERMISSIONS):
        call_command("setup_roles", stdout=io.StringIO())
    users = {}
    for key, group in [
        ("reporter", roles.REPORTER),
        ("other_reporter", roles.REPORTER),
        ("photo_desk", roles.PHOTO_DESK),
        ("editor", roles.EDITOR),
        ("chief_editor", roles.CHIEF_EDITOR),
    ]:
        user = django_user_model.objects.create_user(key, password="pass-for-tests-123", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[key] = user
    return users


@pytest.fixture
def editor_client(client, staff_user):
    """A client logged in as a superuser."""
    client.force_login(staff_user)
    return client


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "s3cret-pass-123")


@pytest.fixture(autouse=True)
def _tasks_run_immediately(request, monkeypatch):
    """Background tasks (articles/tasks.py) run at once, in the test's process and transaction: the immediate
    backend, and no waiting for a commit that the test's own transaction never makes (tests/test_renditions_task.py
    checks the waiting itself). Nothing to do without pytest-django (the pure tests, ``-p no:django tests/unit``)."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from articles import tasks

    settings = request.getfixturevalue("settings")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(tasks, "after_commit", lambda callback, using=None: callback())


# --- Tests that need a Debian program -----------------------------------------------------------------------------
# ``@pytest.mark.system("wrk", "gunicorn")`` and ``@pytest.mark.browser`` name the programs a test runs. ``make test``
# skips such a test, saying which program is missing; ``.ci/run`` installs them and sets NEWSROOM_REQUIRE_PROGRAMS=1,
# which turns that skip into a failure, so CI never passes with them silently left out.

BROWSER_PROGRAM = "/usr/bin/chromium"  # Debian's chromium; Playwright is launched with this path, never a download


def _missing_programs(item) -> list[str]:
    import importlib.util
    import os
    import shutil
    import sys

    needed: list[str] = []
    for mark in item.iter_markers("system"):
        needed.extend(mark.args)
    missing = []
    # Debian puts servers (nginx) in /usr/sbin, off a normal user's PATH; the lock's programs (gunicorn) are in the
    # virtualenv beside this Python.
    search_path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin", str(Path(sys.executable).parent)])
    for program in needed:
        if not shutil.which(program, path=search_path):
            missing.append(program)
    if item.get_closest_marker("browser"):
        if not os.path.exists(BROWSER_PROGRAM):
            missing.append("chromium (apt-get install chromium)")
        if importlib.util.find_spec("playwright") is None:
            missing.append("playwright (pip install playwright)")
    return missing


def pytest_runtest_setup(item):
    import os

    missing = _missing_programs(item)
    if not missing:
        return
    reason = "needs " + ", ".join(missing)
    if os.environ.get("NEWSROOM_REQUIRE_PROGRAMS") == "1":
        pytest.fail(f"{reason} (CI must install it: .ci/run)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under .ci/run a `browser` or `system` test that skips for any reason (not only a missing program) fails."""
    import os

    outcome = yield
    report = outcome.get_result()
    required = os.environ.get("NEWSROOM_REQUIRE_PROGRAMS") == "1"
    if required and report.skipped and (item.get_closest_marker("browser") or item.get_closest_marker("system")):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: a browser/system test skipped under .ci/run ({report.longrepr})"


@pytest.fixture
def browser_page(request, tmp_path, monkeypatch):
    """A chromium page; a failure leaves its screenshot in the test's tmp folder (the path is printed)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs its own event loop in this thread; the test's database calls are still plain
    # synchronous calls, which Django would otherwise refuse beside a running loop.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER_PROGRAM, args=["--no-sandbox"])
        page = browser.new_page(locale="en-US")
        page.set_default_timeout(10_000)
        failures_before = request.session.testsfailed
        yield page
        # A test's exception never reaches its fixture; pytest has counted the failed call by the time this runs.
        if request.session.testsfailed > failures_before:
            shot = tmp_path / "failure.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failure ({page.url}): {shot}")
        browser.close()
