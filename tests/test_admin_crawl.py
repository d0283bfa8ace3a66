"""No 5xx anywhere in the admin: a crawl opens every admin address for every role, on stories made every way.

The addresses come from ``admin.site._registry`` and each ModelAdmin's ``get_urls()``, so a ModelAdmin or a custom
view added later is crawled too: list (plain, searched, sorted, paged past the end, every filter link it shows, the
date hierarchy at the edges of the calendar), add, change, history, delete (the confirmation page), every custom view
that takes an object (transitions, compare, restore, notes, moderate …: GET, where 405 is fine, and POST), every
admin action, django-reversion's revision, recover list and recover pages, the autocomplete endpoint for every
autocomplete field of every ModelAdmin, inline and form, the indexes, password change, the audit log and the staff
preview pages. Stories are made through the admin's add form, the ``import_story`` command, ``seed_demo``, the
workflow service and the ``extract_quotes`` command, in every state, one of them deleted through the admin so the
recover pages have something to show.

Every request runs in a savepoint that is rolled back, so the crawl changes nothing and one failure cannot spoil the
next request. Each role is one test; a failure lists every 5xx, grouped by origin, with role, method, address,
exception and the line that raised it. A few risky forms are posted as an editor with their effects kept: the add
form twice, out-of-range dates, the recover form (twice), recovering onto a taken address.
"""

from __future__ import annotations

import html
import io
import logging
import re
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode

import pytest
import reversion
from django import forms as django_forms
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from articles.models import (
    Article,
    ArticlePhoto,
    BreakingNews,
    Byline,
    Contributor,
    Correction,
    EditorialNote,
    FrontPagePin,
    Quote,
    Source,
    SourceTitle,
)
from articles.services import workflow
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "photo_desk", "editor", "chief_editor", "superuser"]
PROJECT = Path(__file__).resolve().parents[1]
# Objects opened per model besides every story made below: the first ones and the newest one.
SAMPLE_FIRST, SAMPLE_LAST = 2, 1
MISSING_PK = "999999"
# Filter and sort links followed per list page (as a superuser sees them).
LINKS_PER_LIST = 15
# What a custom URL's other captured strings are filled with: the names it knows, and one it does not.
STRING_VALUES = {
    "name": [*workflow.TRANSITIONS, "nonsense"],
    "decision": ["approve", "reject", "request_info", "nonsense"],
}
OTHER_STRING = "nonsense"
# The admin's own per-object views; every other object URL is a custom view and is POSTed to as well.
STANDARD_VIEWS = ("change", "history", "delete", "revision")


def _tomorrow() -> dict:
    day = timezone.localtime() + timedelta(days=1)
    return {"publish_at_0": f"{day:%Y-%m-%d}", "publish_at_1": "10:00:00"}


def post_body() -> dict:
    """One body for every custom view's POST: a note, a text, a reason, a time tomorrow (each view reads its own)."""
    return {"note": "Periksa lagi.", "text": "Catatan redaksi.", "reason": "Kredit tidak jelas.", **_tomorrow()}


# URL x role requests crawled, per role; written to the terminal when the module ends.
CRAWLED: dict[str, int] = {}

STORY_FILE = """# Warga memadati taman kota saat peresmian. Foto: Rina Wulandari

Taman Kota Kenanga Resmi Dibuka untuk Warga

Pemerintah kota meresmikan taman baru di Kelurahan Kenanga pada Sabtu pagi.

“Kami ingin warga punya ruang hijau yang dekat dengan rumah,” ujar Kepala Dinas Pertamanan Ratna Kusumawardani.

“Taman ini dibuka setiap hari, dari pagi sampai malam,” ujarnya.
"""

QUOTED_BODY = (
    "<p>Warga Kenanga bergotong royong membersihkan saluran air.</p>"
    "<p>“Kami tidak mau banjir lagi tahun ini,” kata Ketua RW 05 Sutrisno Hadi.</p>"
    "<p>“Semua warga ikut turun ke jalan,” ujarnya.</p>"
)


# --- requests and reports ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    data: dict | None = None

    def __str__(self) -> str:
        action = (self.data or {}).get("action")
        if action:
            return f"{self.method} {self.url} action={action}" + (" (confirmed)" if "post" in self.data else "")
        return f"{self.method} {self.url}"


@dataclass
class Failure:
    role: str
    request: Request
    status: int | str
    error: str
    where: str


def describe(exc_info) -> tuple[str, str]:
    """The exception in one line, and where it was raised: the template line, the innermost project line and the
    innermost line of all."""
    if not exc_info:
        return "(no exception recorded)", "?"
    _, error, tb = exc_info
    message = " ".join(str(error).split())[:300]
    frames = traceback.extract_tb(tb)
    places = []
    template = getattr(error, "template_debug", None)
    if template:
        name = template["name"].replace(str(PROJECT) + "/", "")
        places.append(f"template {name}:{template['line']} {template['during'].strip()[:110]!r}")
    ours = [
        frame
        for frame in frames
        if frame.filename.startswith(str(PROJECT))
        and "/.venv/" not in frame.filename
        and not frame.filename.startswith(str(PROJECT / "tests"))
    ]
    if ours:
        places.append(f"{Path(ours[-1].filename).relative_to(PROJECT)}:{ours[-1].lineno} `{ours[-1].line}`")
    if frames and (not ours or frames[-1] is not ours[-1]):
        last = frames[-1]
        places.append(f"{re.sub(r'.*/site-packages/', '', last.filename)}:{last.lineno} `{last.line}`")
    return f"{type(error).__module__}.{type(error).__qualname__}: {message}", " ← ".join(places) or "?"


def report(failures: list[Failure], crawled: int) -> str:
    """Every 5xx, grouped by what raised it, each group with the requests that hit it."""
    origins: dict[str, list[Failure]] = {}
    for failure in failures:
        origins.setdefault(f"{failure.error[:200]}\n        at {failure.where}", []).append(failure)
    lines = [f"{len(failures)} of {crawled} requests answered 5xx, from {len(origins)} distinct errors:"]
    for origin, group in origins.items():
        lines.append(f"  [{len(group)}x] {origin}")
        lines += [f"          {f.role} {f.request} → {f.status}" for f in group[:10]]
        if len(group) > 10:
            lines.append(f"          … and {len(group) - 10} more")
    return "\n".join(lines)


def send(client: Client, role: str, request: Request, *, keep: bool = False):
    """One request; returns (response, Failure or None). Unless ``keep``, inside a savepoint that is always rolled
    back: the crawl changes nothing, and a failed request cannot leave a broken transaction behind."""
    savepoint = None if keep else transaction.savepoint()
    try:
        post = request.method == "POST"
        response = client.post(request.url, request.data or {}) if post else client.get(request.url)
    except Exception as error:  # the test client itself failed, outside the view
        return None, Failure(role, request, "exception", *describe((type(error), error, error.__traceback__)))
    finally:
        if savepoint is not None:
            transaction.savepoint_rollback(savepoint)
            transaction.set_rollback(False)
    if response.status_code >= 500:
        return response, Failure(role, request, response.status_code, *describe(getattr(response, "exc_info", None)))
    return response, None


def crawl_client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(scope="module", autouse=True)
def _print_crawl_count(request):
    """The number of URL x role requests, on the terminal even when output is captured."""
    started = time.perf_counter()
    yield
    if CRAWLED:
        per_role = ", ".join(f"{role} {count}" for role, count in CRAWLED.items())
        line = (
            f"admin crawl: {sum(CRAWLED.values())} URL x role requests ({per_role}); "
            f"this module took {time.perf_counter() - started:.1f} s"
        )
        terminal = request.config.pluginmanager.get_plugin("terminalreporter")
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if terminal is None or capture is None:
            print(line)
            return
        with capture.global_and_fixture_disabled():
            terminal.write_line("")
            terminal.write_line(line)


@pytest.fixture
def quiet_and_traceable(settings, caplog):
    """Template errors carry their template name and line (only the report reads it; nothing else changes), and
    Django's log of every 4xx/5xx stays quiet: the report says it better."""
    caplog.set_level(logging.CRITICAL, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="reversion")
    settings.TEMPLATES = [
        {**engine, "OPTIONS": {**engine.get("OPTIONS", {}), "debug": True}} for engine in django_settings.TEMPLATES
    ]


# --- the stories, made every way -----------------------------------------------------------------------------


def form_errors(response) -> str:
    context = getattr(response, "context", None)
    if not context or "adminform" not in context:
        return f"status {response.status_code}"
    errors = [context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in context.get("inline_admin_formsets", [])]
    return repr(errors)


def add_form_data(client: Client, *, headline: str, section, contributor) -> dict:
    """The story add form as rendered (with whatever hidden fields it has), filled in as an editor would."""
    page = client.get(reverse("admin:articles_article_add"))
    assert page.status_code == 200
    return admin_form_data(
        page,
        kicker="Lingkungan",
        headline=headline,
        slug=slugify(headline),
        body=QUOTED_BODY,
        section=section.pk,
        language="id",
        new_tags="Kenanga, kerja bakti",
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-contributor": contributor.pk,
            "bylines-0-role": "reporter",
            "bylines-0-order": "1",
        },
    )


def admin_add_story(client: Client, *, headline: str, section, contributor) -> Article:
    response = client.post(
        reverse("admin:articles_article_add"),
        add_form_data(client, headline=headline, section=section, contributor=contributor),
    )
    assert response.status_code == 302, form_errors(response)
    return Article.objects.get(headline=headline)


def import_story_file(tmp_path: Path, section) -> Article:
    path = tmp_path / "taman-kenanga.txt"
    path.write_text(STORY_FILE, encoding="utf-8")
    call_command("import_story", str(path), "--section", section.slug, stdout=io.StringIO(), stderr=io.StringIO())
    return Article.objects.get(headline="Taman Kota Kenanga Resmi Dibuka untuk Warga")


def delete_in_admin(client: Client, article: Article) -> int:
    pk = article.pk
    url = reverse("admin:articles_article_delete", args=[pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=pk).exists()
    return pk


def article_versions(pk) -> list[str]:
    return [
        str(v)
        for v in Version.objects.get_for_object_reference(Article, pk).order_by("pk").values_list("pk", flat=True)
    ]


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pass-for-tests-123")


@pytest.fixture
def desk(people, superuser, make_article, make_photo, section, tmp_path):
    """Stories made every way and in every state, with the records around them, keyed by how each was made."""
    editor, reporter = people["editor"], people["reporter"]
    editor_client = Client()
    editor_client.force_login(editor)
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari", user=reporter)
    denny = Source.objects.create(name="Denny Ramdany", title="Asisten Pemerintahan", status=Source.Status.CONFIRMED)
    today = timezone.localdate()
    SourceTitle.objects.create(
        source=denny, title="Asisten Pemerintahan", organisation="Pemkot", first_seen=today, last_seen=today
    )
    stories: dict[str, Article] = {}

    # Through the admin's add form, as an editor: a byline, new tags, a quoted body.
    stories["admin_add_form"] = admin_add_story(
        editor_client, headline="Warga Kenanga kerja bakti bersihkan saluran", section=section, contributor=rina
    )
    # Through import_story: a draft, its photo record (credit pending, no image), proposed quotes and sources, and
    # a first revision without a user.
    stories["import_story_command"] = import_story_file(tmp_path, section)
    # Through seed_demo: hand-written stories (imported and published, revisions without a user) and generated
    # ones (bulk inserts, no revision at all). --no-admin leaves the role accounts above alone.
    before = set(Article.objects.values_list("pk", flat=True))
    call_command("seed_demo", "--stories", "3", "--seed", "7", "--no-admin", stdout=io.StringIO())
    seeded = Article.objects.exclude(pk__in=before).order_by("pk")
    with_versions = {int(pk) for pk in Version.objects.get_for_model(Article).values_list("object_id", flat=True)}
    stories["seed_demo_handwritten"] = seeded.filter(pk__in=with_versions).first()
    stories["seed_demo_generated"] = seeded.exclude(pk__in=with_versions).last()
    # Through the workflow service: written by a reporter, submitted, approved and published.
    service = make_article(
        headline="Pompa banjir Kali Kenanga", status=Article.Status.DRAFT, publish_at=None, created_by=reporter
    )
    Byline.objects.create(article=service, contributor=rina, order=1)
    workflow.perform_transition(article=service, name="submit", user=reporter)
    workflow.perform_transition(article=service, name="approve", user=editor)
    stories["workflow_published"] = workflow.perform_transition(article=service, name="publish", user=editor)
    # Through the extract_quotes command: quotes and sources proposed by a command.
    extracted = make_article(headline="Kerja bakti RW 05", body=QUOTED_BODY, created_by=editor)
    call_command("extract_quotes", "--article", str(extracted.pk), stdout=io.StringIO())
    stories["extract_quotes_command"] = extracted
    # Every state.
    stories["draft_of_other_reporter"] = make_article(
        headline="Draf reporter lain", status=Article.Status.DRAFT, publish_at=None, created_by=people["other_reporter"]
    )
    stories["draft_of_reporter"] = make_article(
        headline="Draf sendiri", status=Article.Status.DRAFT, publish_at=None, created_by=reporter
    )
    in_review = make_article(headline="Menunggu suntingan", status=Article.Status.DRAFT, publish_at=None)
    Article.objects.filter(pk=in_review.pk).update(created_by=reporter)
    stories["in_review"] = workflow.perform_transition(article=in_review, name="submit", user=reporter)
    scheduled = make_article(headline="Terjadwal besok", status=Article.Status.APPROVED, publish_at=None)
    Byline.objects.create(article=scheduled, contributor=rina, order=1)  # scheduling needs a byline
    stories["scheduled"] = workflow.perform_transition(
        article=scheduled, name="schedule", user=editor, publish_at=timezone.now() + timedelta(days=1)
    )
    stories["unpublished"] = workflow.perform_transition(
        article=make_article(headline="Ditarik dari situs"), name="unpublish", user=editor
    )
    stories["expired"] = make_article(
        headline="Sudah kedaluwarsa",
        publish_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(days=1),
        embargo_until=timezone.now() - timedelta(days=3),
    )
    # Published with photos (approved, pending), quotes (confirmed, proposed), a correction, a note, front-page
    # pins and a breaking-news banner; one version saved by the editor, the next by nobody.
    approved, pending = make_photo(), make_photo(approved=False, with_image=False, caption="Menunggu kredit")
    with reversion.create_revision():
        rich = make_article(headline="Pasar Cempaka dibuka lagi", created_by=reporter)
        Byline.objects.create(article=rich, contributor=rina, order=1)
        ArticlePhoto.objects.create(article=rich, photo=approved, order=0)
        ArticlePhoto.objects.create(article=rich, photo=pending, order=1)
        Quote.objects.create(article=rich, text="Kami menyambut baik.", source=denny, status=Quote.Status.CONFIRMED)
        Quote.objects.create(article=rich, text="Pedagang kembali.", position=1)
        reversion.set_user(editor)
    with reversion.create_revision():
        rich.headline = "Pasar Cempaka resmi dibuka lagi"
        rich.save()
    Correction.objects.create(article=rich, text="Tanggal pembukaan dibetulkan.", created_by=editor)
    EditorialNote.objects.create(article=rich, text="Cek angka anggaran.", author=editor)
    FrontPagePin.objects.create(article=rich, slot=FrontPagePin.Slot.LEAD)
    FrontPagePin.objects.create(article=rich, slot=FrontPagePin.Slot.SECTION, section=section, order=1)
    BreakingNews.objects.create(text="Pasar Cempaka dibuka", article=rich, ends_at=timezone.now() + timedelta(hours=2))
    stories["published_with_parts"] = rich
    # Deleted through the admin's delete view, so django-reversion keeps its version for the recover pages.
    with reversion.create_revision():
        doomed = make_article(headline="Akan dihapus", created_by=reporter)
        Byline.objects.create(article=doomed, contributor=rina, order=1)
        ArticlePhoto.objects.create(article=doomed, photo=approved, order=0)
        Quote.objects.create(article=doomed, text="Ini akan hilang.", source=denny)
        reversion.set_user(editor)
    deleted_pk = delete_in_admin(editor_client, doomed)
    assert all(stories.values()), [key for key, story in stories.items() if not story]
    return {"stories": stories, "deleted_pk": deleted_pk, "users": {**people, "superuser": superuser}}


# --- the addresses, from the registry ------------------------------------------------------------------------


def pattern_params(pattern) -> list[str]:
    """What a URL pattern captures, in order. django-reversion's regex patterns capture unnamed groups: one is a
    version (recover), two are an object and a version (revision)."""
    if isinstance(pattern.pattern, RoutePattern):
        return list(pattern.pattern.converters)
    regex = pattern.pattern.regex
    if regex.groupindex:
        return list(regex.groupindex)
    return {0: [], 1: ["version_id"], 2: ["object_id", "version_id"]}.get(regex.groups, ["object_id"] * regex.groups)


def versions_of(model, pk) -> list[str]:
    if not reversion.is_registered(model):
        return []
    versions = Version.objects.get_for_object_reference(model, pk).order_by("pk")
    return [str(version_pk) for version_pk in versions.values_list("pk", flat=True)]


def sample_pks(model, desk, *, every_story: bool = True) -> list[str]:
    """The first and newest objects of a model, and for Article every story made above (unless not asked)."""
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    chosen = pks[:SAMPLE_FIRST] + pks[-SAMPLE_LAST:]
    if model is Article and every_story:
        chosen = [story.pk for story in desk["stories"].values()] + chosen
    return list(dict.fromkeys(str(pk) for pk in chosen))


def argument_lists(pattern, params, model, pk, recoverable: list[str]):
    """Every argument list to reverse ``pattern`` with for object ``pk`` (None: a pattern without an object), and
    whether it carries the first of the values tried for a captured string (a transition name …)."""
    if "version_id" in params:
        versions = [*(versions_of(model, pk) if pk is not None else recoverable), MISSING_PK]
    else:
        versions = [None]
    strings = {name: STRING_VALUES.get(name, [OTHER_STRING]) for name in params}
    string_name = next((name for name in params if name not in ("object_id", "id", "pk", "version_id")), None)
    for version in versions:
        for index, value in enumerate(strings[string_name] if string_name else [None]):
            args = []
            for name in params:
                if name in ("object_id", "id", "pk"):
                    args.append(pk)
                elif name == "version_id":
                    args.append(version)
                elif isinstance(pattern.pattern, RoutePattern) and type(pattern.pattern.converters[name]).__name__ == (
                    "IntConverter"
                ):
                    args.append(1)
                else:
                    args.append(value)
            yield args, index == 0


def list_variants(model_admin, url: str, harvest: Client) -> list[str]:
    """The list as it is, searched, sorted, paged past the end, every filter link on it (as a superuser sees it),
    and the date hierarchy at the edges of the calendar."""
    variants = [url, f"{url}?q=ka", f"{url}?q=%25%27%22", f"{url}?o=-1", f"{url}?p=99", f"{url}?all=", f"{url}?e=1"]
    page = harvest.get(url)
    if page.status_code == 200:
        # One link per set of parameters (the other values of a filter take the same path through the code).
        links = {}
        for link in re.findall(r'href="(\?[^"]*)"', page.content.decode()):
            link = html.unescape(link)
            links.setdefault(tuple(sorted(parse_qs(link[1:], keep_blank_values=True))), link)
        variants += [url + link for link in links.values()][:LINKS_PER_LIST]
    field = model_admin.date_hierarchy
    if field:
        variants += [
            f"{url}?{field}__year=1",
            f"{url}?{field}__year=1&{field}__month=1&{field}__day=1",
            f"{url}?{field}__year=9999",
            f"{url}?{field}__year=9999&{field}__month=12",
            f"{url}?{field}__year=9999&{field}__month=12&{field}__day=31",
            f"{url}?{field}__year=2024&{field}__month=13",
            f"{url}?{field}__year=abc",
        ]
    return variants


def autocomplete_fields(model_admin) -> list[tuple[str, str, str]]:
    """(app_label, model_name, field_name) of every autocomplete on a ModelAdmin, its inlines and its form."""
    fields = [(model_admin.model, name) for name in model_admin.autocomplete_fields]
    for inline in model_admin.inlines:
        fields += [(inline.model, name) for name in getattr(inline, "autocomplete_fields", [])]
    for form_field in getattr(model_admin.form, "base_fields", {}).values():
        if isinstance(form_field.widget, AutocompleteMixin):
            fields.append((form_field.widget.field.model, form_field.widget.field.name))
    return [(model._meta.app_label, model._meta.model_name, name) for model, name in dict.fromkeys(fields)]


def action_names(model_admin, user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return list(model_admin.get_actions(request))


def crawl(desk) -> list[Request]:
    """Every admin request to make, built from the registry so a new ModelAdmin or custom view is crawled too."""
    superuser = desk["users"]["superuser"]
    harvest = Client()
    harvest.force_login(superuser)
    urls = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
        reverse("admin:login"),
        reverse("admin:jsi18n"),
    ]
    urls += [
        reverse("admin:app_list", kwargs={"app_label": app_label})
        for app_label in sorted({model._meta.app_label for model in admin.site._registry})
    ]
    posts = []
    live = Version.objects.get_for_model(Article).filter(object_id__in=[str(s.pk) for s in desk["stories"].values()])
    # Recover pages: deleted stories' versions, and (must not 500 either) a few versions of live stories.
    recoverable = [str(pk) for pk in Version.objects.get_deleted(Article).values_list("pk", flat=True)]
    recoverable += [str(pk) for pk in live.order_by("pk").values_list("pk", flat=True)[:4]]
    for model, model_admin in admin.site._registry.items():
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        changelist = reverse(f"admin:{info}_changelist")
        for app_label, model_name, field_name in autocomplete_fields(model_admin):
            query = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
            for extra in [{"term": ""}, {"term": "ka"}, {"term": "%'\""}, {"term": "a", "page": "99"}]:
                urls.append(f"{reverse('admin:autocomplete')}?{urlencode({**query, **extra})}")
        pks = sample_pks(model, desk)
        for pattern in model_admin.get_urls():
            params = pattern_params(pattern)
            if pattern.name is None:  # Django's “<object_id>/” redirect to the change page has no name
                urls += [f"{changelist}{quote(pk)}/" for pk in [*pks, MISSING_PK]]
                continue
            if not params:
                url = reverse(f"admin:{pattern.name}")
                urls += list_variants(model_admin, url, harvest) if url == changelist else [url]
                continue
            has_object = bool({"object_id", "id", "pk"} & set(params))
            custom = not pattern.name.endswith(tuple(f"_{view}" for view in STANDARD_VIEWS)) and has_object
            for pk in [*pks, MISSING_PK] if has_object else [None]:
                for args, first_value in argument_lists(pattern, params, model, pk, recoverable):
                    try:
                        url = reverse(f"admin:{pattern.name}", args=args)
                    except NoReverseMatch:
                        continue
                    # A custom view is opened (GET) with every value on the first object, the first value on the
                    # others; it is posted to with every value on every object.
                    if first_value or pk == (pks[0] if pks else MISSING_PK):
                        urls.append(url)
                    if custom and pk != MISSING_PK:
                        posts.append(Request("POST", url, post_body()))
        if hasattr(model, "get_absolute_url"):
            content_type = ContentType.objects.get_for_model(model)
            urls += [reverse("admin:view_on_site", args=[content_type.pk, pk]) for pk in [*pks, MISSING_PK]]
        # Every action on the sample: as first posted (an intermediate page, for some) and confirmed.
        # About five of the sample, spread over it (for stories: over the states).
        selected = {"_selected_action": pks[:: max(1, len(pks) // 5)], "index": "0"}
        for action in action_names(model_admin, superuser):
            confirmed = {"post": "yes", "apply": "1", "keep": pks[0], "reason": "Kredit tidak jelas."} if pks else {}
            posts.append(Request("POST", changelist, {"action": action, **selected}))
            posts.append(Request("POST", changelist, {"action": action, **selected, **confirmed}))
    urls += story_urls(desk)
    return [Request("GET", url) for url in dict.fromkeys(urls)] + posts


def story_urls(desk) -> list[str]:
    """What the registry cannot know: comparisons with and without (odd) parameters, and the staff previews."""
    stories = desk["stories"]
    foreign = article_versions(stories["published_with_parts"].pk)[0]
    # A version of another story, and one that does not exist: 404s, asked of one story.
    first = next(iter(stories.values())).pk
    urls = [reverse("articles:preview_revision", args=[first, version]) for version in (foreign, MISSING_PK)]
    for pk in [*(story.pk for story in stories.values()), desk["deleted_pk"]]:
        versions = article_versions(pk)
        compare = reverse("admin:articles_article_compare", args=[pk])
        # Odd values, another story's version, and (when there are versions) the oldest against the newest, both ways.
        queries = [{"old": "abc", "new": MISSING_PK}, {"old": foreign, "new": "-1"}]
        if versions:
            queries += [{"old": versions[0]}, {"old": versions[0], "new": versions[-1]}]
            queries.append({"old": versions[-1], "new": versions[0]})
        urls += [compare] + [f"{compare}?{urlencode(query)}" for query in queries]
        urls.append(reverse("articles:preview", args=[pk]))
        urls += [reverse("articles:preview_revision", args=[pk, version]) for version in versions]
    return urls


# --- the crawl -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_address_answers_5xx(role, desk, quiet_and_traceable, record_property, settings):
    """Every admin address, action and custom view (and the staff previews) answers below 500 for this role, on
    every kind of story; the crawl itself changes nothing."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # a thousand requests: no session queries
    client = crawl_client(desk["users"].get(role))
    requests = crawl(desk)
    failures = [failure for request in requests if (failure := send(client, role, request)[1])]
    gets = sum(request.method == "GET" for request in requests)
    CRAWLED[role] = len(requests)
    record_property("requests_crawled", len(requests))
    print(f"admin crawl as {role}: {len(requests)} requests ({gets} GET, {len(requests) - gets} POST)")
    assert not failures, report(failures, len(requests))


# --- risky forms, posted as an editor, effects kept ----------------------------------------------------------


@pytest.fixture
def editor(people):
    return crawl_client(people["editor"])


@pytest.fixture
def rina(db):
    return Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")


def test_add_form_submitted_twice_creates_one_story(editor, section, rina, quiet_and_traceable):
    """A double click on “Save” (the same add form posted twice) makes one story, and the second answer is clear."""
    request = Request(
        "POST",
        reverse("admin:articles_article_add"),
        add_form_data(editor, headline="Dua kali disimpan", section=section, contributor=rina),
    )
    first, failure = send(editor, "editor", request, keep=True)
    assert failure is None, report([failure], 1)
    assert first.status_code == 302, form_errors(first)
    _, failure = send(editor, "editor", request, keep=True)
    assert failure is None, report([failure], 1)
    assert Article.objects.filter(headline="Dua kali disimpan").count() == 1


@pytest.fixture
def published(make_article, people):
    with reversion.create_revision():
        return make_article(headline="Tanggal di luar jangkauan", created_by=people["reporter"])


@pytest.mark.parametrize("field", ["expires_at", "embargo_until", "publish_at"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_out_of_range_date_on_the_change_form_is_a_form_error(editor, published, quiet_and_traceable, field, day):
    """A year-0001 (or year-9999) date in a story's time fields answers below 500; refused, nothing is saved."""
    url = reverse("admin:articles_article_change", args=[published.pk])
    moment = {f"{field}_0": day, f"{field}_1": "23:59:59" if day.startswith("9") else "00:00:00"}
    before = Article.objects.values().get(pk=published.pk)
    response, failure = send(
        editor, "editor", Request("POST", url, admin_form_data(editor.get(url), **moment)), keep=True
    )
    assert failure is None, report([failure], 1)
    if response.status_code == 302:  # accepted: then it was stored as given
        stored = Article.objects.values_list(field, flat=True).get(pk=published.pk)
        assert stored is not None and timezone.localtime(stored).year in (1, 9999)
    else:
        assert response.status_code == 200 and "errornote" in response.text, response.status_code
        assert Article.objects.values().get(pk=published.pk) == before


EDGE_MOMENTS = {"year 1": ("0001-01-01", "00:00:00"), "year 9999": ("9999-12-31", "23:59:59")}


def date_inputs(response, day: str, time_of_day: str):
    """For every date or time field on an admin form and its inline rows: the posted values setting it to
    ``day`` (and ``time_of_day``), with the field's name."""
    forms = [response.context["adminform"].form]
    forms += [form for inline in response.context["inline_admin_formsets"] for form in inline.formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            html_name = form[name].html_name
            if isinstance(field, django_forms.SplitDateTimeField):
                yield html_name, {f"{html_name}_0": day, f"{html_name}_1": time_of_day}
            elif isinstance(field, django_forms.DateTimeField):
                yield html_name, {html_name: f"{day} {time_of_day}"}
            elif isinstance(field, django_forms.DateField):
                yield html_name, {html_name: day}


def test_every_admin_date_field_takes_the_edges_of_the_calendar(desk, quiet_and_traceable):
    """Year 1 and year 9999 in every date and time field of every add and change form of every ModelAdmin (its
    first and newest objects) answer below 500, as a superuser, who sees every form. Nothing is kept."""
    superuser = crawl_client(desk["users"]["superuser"])
    failures, posted = [], 0
    for model in admin.site._registry:
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        pages = [reverse(f"admin:{info}_add")]
        pages += [reverse(f"admin:{info}_change", args=[pk]) for pk in sample_pks(model, desk, every_story=False)]
        for url in pages:
            page = superuser.get(url)
            if page.status_code != 200 or not page.context or "adminform" not in page.context:
                continue
            for label, (day, time_of_day) in EDGE_MOMENTS.items():
                for name, values in date_inputs(page, day, time_of_day):
                    request = Request("POST", url, admin_form_data(page, **values))
                    _, failure = send(superuser, "superuser", request)
                    posted += 1
                    if failure:
                        failure.error = f"[{name} = {label}] {failure.error}"
                        failures.append(failure)
    print(f"posted {posted} forms with a date at the edge of the calendar")
    assert posted, "no admin form with a date field was found"
    assert not failures, report(failures, posted)


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        (
            "admin:articles_breakingnews_add",
            {"text": "Banjir", "starts_at_0": "0001-01-01", "starts_at_1": "00:00:00"}
            | {"ends_at_0": "0001-01-02", "ends_at_1": "00:00:00"},
        ),
        (
            "admin:articles_frontpagepin_add",
            {"slot": "top", "order": "0", "pinned_until_0": "0001-01-01", "pinned_until_1": "00:00:00"},
        ),
    ],
)
def test_out_of_range_date_on_front_page_forms_answers_below_500(
    editor, published, quiet_and_traceable, url_name, fields
):
    """The front page's times in year 0001 answer below 500."""
    request = Request("POST", reverse(url_name), {**fields, "article": published.pk})
    _, failure = send(editor, "editor", request, keep=True)
    assert failure is None, report([failure], 1)


def test_schedule_in_year_0001_is_refused_clearly(editor, make_article, quiet_and_traceable):
    """The “Schedule” button with a year-0001 time answers below 500 and schedules nothing."""
    story = make_article(headline="Jadwal aneh", status=Article.Status.APPROVED, publish_at=None)
    url = reverse("admin:articles_article_transition", args=[story.pk, "schedule"])
    request = Request("POST", url, {"publish_at_0": "0001-01-01", "publish_at_1": "00:00:00", "note": ""})
    _, failure = send(editor, "editor", request, keep=True)
    assert failure is None, report([failure], 1)
    story.refresh_from_db()
    assert story.status == Article.Status.APPROVED


@pytest.fixture
def deleted_story(people, make_article, rina):
    """A story with a byline, deleted through the admin; its version is what the recover pages show."""
    with reversion.create_revision():
        article = make_article(headline="Dihapus lalu dipulihkan", created_by=people["reporter"])
        Byline.objects.create(article=article, contributor=rina, order=1)
        reversion.set_user(people["editor"])
    client = Client()
    client.force_login(people["editor"])
    pk = delete_in_admin(client, article)
    return pk, Version.objects.get_deleted(Article).get(object_id=str(pk))


def recover_form(editor, version) -> Request:
    url = reverse("admin:articles_article_recover", args=[version.pk])
    page, failure = send(editor, "editor", Request("GET", url), keep=True)
    assert failure is None, report([failure], 1)
    assert page.status_code == 200
    return Request("POST", url, admin_form_data(page))


def test_recover_form_brings_the_deleted_story_back(editor, deleted_story, quiet_and_traceable):
    """Posting the recover form brings the deleted story back, with its byline."""
    pk, version = deleted_story
    response, failure = send(editor, "editor", recover_form(editor, version), keep=True)
    assert failure is None, report([failure], 1)
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get(pk=pk).bylines.count() == 1


def test_recover_form_submitted_twice_answers_clearly(editor, deleted_story, quiet_and_traceable):
    """The recover form posted twice (a double click, or two editors recovering at once): the second answers below
    500 and there is still one story."""
    _, version = deleted_story
    request = recover_form(editor, version)
    send(editor, "editor", request, keep=True)
    _, failure = send(editor, "editor", request, keep=True)
    assert failure is None, report([failure], 1)
    assert Article.objects.filter(headline="Dihapus lalu dipulihkan").count() == 1


def test_recover_when_the_address_was_taken_meanwhile_answers_clearly(
    editor, deleted_story, make_article, quiet_and_traceable
):
    """Another story published since on the same day under the same slug: the recover page does not open (the old
    version cannot be saved beside it); the editor is sent back to the list with a message, and nothing changes."""
    deleted_pk, version = deleted_story
    # A primary key of its own, as on PostgreSQL: SQLite would hand the deleted story's key out again, making the
    # version look like one of a live story (test_recover_of_a_live_storys_version_answers_clearly covers that).
    make_article(
        pk=deleted_pk + 100,
        headline="Pengganti",
        slug=version.field_dict["slug"],
        publish_at=version.field_dict["publish_at"],
    )
    url = reverse("admin:articles_article_recover", args=[version.pk])
    page, failure = send(editor, "editor", Request("GET", url), keep=True)
    assert failure is None, report([failure], 1)
    assert (page.status_code, page["Location"]) == (302, reverse("admin:articles_article_changelist"))
    assert [str(message) for message in get_messages(page.wsgi_request)] == [
        "Could not save Dihapus lalu dipulihkan version - missing dependency."
    ]
    assert list(Article.objects.values_list("pk", "headline")) == [(deleted_pk + 100, "Pengganti")]


def test_recover_of_a_live_storys_version_answers_clearly(editor, published, quiet_and_traceable):
    """“Recover” opened on an older version of a story that was never deleted (and was saved since) answers below
    500, GET and POST."""
    with reversion.create_revision():
        published.headline = "Tanggal di luar jangkauan, diperbarui"
        published.save()
    version = article_versions(published.pk)[0]
    url = reverse("admin:articles_article_recover", args=[version])
    page, failure = send(editor, "editor", Request("GET", url), keep=True)
    assert failure is None, report([failure], 1)
    data = admin_form_data(page) if page.status_code == 200 and page.context else {}
    _, failure = send(editor, "editor", Request("POST", url, data), keep=True)
    assert failure is None, report([failure], 1)


def test_history_of_an_imported_story_answers(editor, section, tmp_path, quiet_and_traceable):
    """An imported story's first revision has no user; its history page and that revision's preview still open."""
    story = import_story_file(tmp_path, section)
    history, failure = send(
        editor, "editor", Request("GET", reverse("admin:articles_article_history", args=[story.pk]))
    )
    assert failure is None, report([failure], 1)
    assert history.status_code == 200 and len(history.context["versions"]) == 1
    version = article_versions(story.pk)[0]
    preview = Request("GET", reverse("articles:preview_revision", args=[story.pk, version]))
    _, failure = send(editor, "editor", preview)
    assert failure is None, report([failure], 1)
