"""The XSS matrix: every hostile payload, in every text field a user can set, through every output that shows text.

For each payload (tests/xss_fields.py PAYLOADS) one published story is made with everything around it — section,
tag, contributor with an account, source with a title over time, an approved photo placed in the story, a pull
quote, a correction, an editorial note, a breaking-news banner, a front-page pin, a rejected-then-approved credit in
the audit log, two revisions — and every covered text field carries the payload, with a marker naming the field.
Then every output is fetched: readers' pages, search and quote search (the payload as the query: highlights and the
echoed query), the RSS feeds, the sitemaps, the staff previews, the "who gets quoted" report with its SVG charts and
its CSV, the admin's change list (plain and searched for the payload) and change form of every registered model, the
story's history and revision comparison. Each answer must:

- not be a server error (the 10,000-character payload included);
- (HTML) hold no element, attribute or script the same page made from harmless words lacks — beyond the tags the
  story body's allowlist lets an editor write — no ``on…`` attribute, no javascript:/vbscript:/data:text URL, and
  every JSON block must parse and hold no ``</script`` or ``<!--`` (tests/xss_checks.py);
- (XML) parse with defusedxml, the payload only as text; (SVG) every chart parses as XML alone, only the chart's
  elements; (CSV) no cell a spreadsheet would run;
- show the text of the fields it is expected to show (SHOWN below), as text: the field's value is found among the
  parsed page's text nodes and attribute values, so a check can never pass because the payload went missing.

The admin's own forms are posted with every payload in full (test_admin_forms_turn_every_payload_into_a_save_or_a_
field_error): a save, or a form error on the field (too long, a NUL character) — never a server error.
"""

from __future__ import annotations

import contextlib
import html
from datetime import timedelta
from urllib.parse import urlencode

import html5lib
import pytest
import reversion
from defusedxml import ElementTree as SafeET
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import timezone
from taggit.models import Tag

from articles import audit
from articles.models import (
    Agency,
    Article,
    ArticlePhoto,
    AuditEntry,
    BreakingNews,
    Byline,
    Contributor,
    Correction,
    EditorialNote,
    FrontPagePin,
    Photo,
    Quote,
    Section,
    Source,
    SourceTitle,
)
from articles.services import moderation
from articles.text.xml_chars import without_control_characters
from tests import xss_checks, xss_fields
from tests.conftest import admin_form_data, image_file

pytestmark = pytest.mark.django_db

PAYLOAD_NAMES = list(xss_fields.PAYLOADS)

# The fields each output must show (by field key); every other covered field may be absent from it. A field listed
# here whose text is missing from the output fails the test: the escaping checks would otherwise pass on a page that
# simply lost the payload.
STORY_PAGE = {
    "articles.Article.kicker",
    "articles.Article.headline",
    "articles.Article.dek",
    "articles.Article.seo_title",
    "articles.Article.seo_description",
    "articles.Article.social_title",
    "articles.Article.body",
    "articles.Section.name_en",
    "articles.Contributor.name",
    "articles.Photo.alt_text",
    "articles.Photo.credit",
    "articles.ArticlePhoto.caption",
    "articles.Quote.text",
    "articles.Quote.speaker_title",
    "articles.Source.name",
    "articles.Correction.text",
    "taggit.Tag.name",
}
FEED = {"articles.Article.headline", "articles.Article.dek", "articles.Photo.credit"}
LISTING = {"articles.Article.kicker", "articles.Article.headline", "articles.Article.dek", "articles.Contributor.name"}
# Tests read the site in English at / (tests/conftest.py): sections show their English name there, and their own
# (Indonesian) name at the other language's address, /id/….
SHOWN: dict[str, set[str]] = {
    "home": LISTING | {"articles.Section.name_en", "articles.BreakingNews.text"},
    "home_other_language": LISTING | {"articles.Section.name", "articles.BreakingNews.text"},
    "section": LISTING | {"articles.Section.name_en"},
    "section_other_language": LISTING | {"articles.Section.name"},
    "tag": LISTING | {"taggit.Tag.name"},
    "contributor": LISTING | {"articles.Contributor.title", "articles.Contributor.bio", "articles.Photo.caption"},
    "source": {"articles.Source.name", "articles.Source.title", "articles.Source.organisation", "articles.Quote.text"},
    "story": STORY_PAGE,
    "search": {"articles.Article.headline"},
    "quote_search": {"articles.Quote.text", "articles.Source.name", "articles.Article.headline"},
    "corrections": {"articles.Correction.text", "articles.Article.headline"},
    "feed": FEED | {"articles.Contributor.name", "articles.Section.name_en", "taggit.Tag.name"},
    "atom_feed": FEED | {"articles.Contributor.name", "articles.Section.name_en", "taggit.Tag.name"},
    "feed_other_language": FEED | {"articles.Section.name"},
    "section_feed": FEED | {"articles.Section.name_en"},
    "section_atom_feed": FEED | {"articles.Section.name_en"},
    "contributor_feed": FEED | {"articles.Contributor.name"},
    "tag_feed": FEED | {"taggit.Tag.name"},
    "sitemap_index": set(),
    "sitemap_stories": set(),
    "sitemap_sections": set(),
    "sitemap_news": {"articles.Article.headline"},
    # A preview is for the desk: no social card (social_title shows only in og:title and twitter:title).
    "preview": STORY_PAGE - {"articles.Article.social_title"},
    "preview_revision": {"articles.Article.headline", "articles.Article.body", "auth.User.first_name"},
    "report": {"articles.Source.name", "articles.Source.organisation", "articles.Article.headline"},
    "report_svg": {"articles.Source.organisation"},
    "report_csv": {"articles.Source.name", "articles.Source.organisation", "articles.Article.headline"},
    "article_history": {"auth.User.first_name", "auth.User.last_name"},
    "admin_index": {"articles.Photo.caption", "articles.Source.name", "articles.Section.name", "auth.Group.name"},
    "article_restore": {"articles.Article.headline"},
    "admin:articles.photo:history": {"articles.Photo.caption"},
    "admin:articles.source:history": {"articles.Source.name"},
    "article_compare": {"articles.Article.headline", "articles.Article.dek", "articles.Article.kicker"},
    "admin:articles.article:changelist": {"articles.Article.headline", "articles.Section.name"},
    "admin:articles.article:change": {
        "articles.Article.headline",
        "articles.Article.kicker",
        "articles.Article.dek",
        "articles.Article.seo_title",
        "articles.Article.seo_description",
        "articles.Article.social_title",
        "articles.Quote.text",
        "articles.Quote.speaker_title",
        "articles.ArticlePhoto.caption",
        "articles.EditorialNote.text",
        "taggit.Tag.name",
    },
    "admin:articles.photo:changelist": {"articles.Photo.caption", "articles.Photo.credit"},
    "admin:articles.photo:change": {
        "articles.Photo.caption",
        "articles.Photo.credit",
        "articles.Photo.source",
        "articles.Photo.copyright_notice",
        "articles.Photo.alt_text",
        "articles.Photo.usage_terms",
        "articles.Photo.moderation_note",
    },
    "admin:articles.quote:changelist": {"articles.Quote.text", "articles.Source.name"},
    "admin:articles.quote:change": {"articles.Quote.text", "articles.Quote.speaker_title"},
    "admin:articles.contributor:changelist": {"articles.Contributor.name", "articles.Contributor.title"},
    "admin:articles.contributor:change": {
        "articles.Contributor.name",
        "articles.Contributor.title",
        "articles.Contributor.bio",
    },
    "admin:articles.agency:changelist": {
        "articles.Agency.name",
        "articles.Agency.credit_name",
        "articles.Agency.usage_terms",
    },
    "admin:articles.agency:change": {
        "articles.Agency.name",
        "articles.Agency.credit_name",
        "articles.Agency.aliases",
        "articles.Agency.usage_terms",
    },
    "admin:articles.source:changelist": {
        "articles.Source.name",
        "articles.Source.title",
        "articles.Source.organisation",
    },
    "admin:articles.source:change": {
        "articles.Source.name",
        "articles.Source.title",
        "articles.Source.organisation",
        "articles.SourceTitle.title",
        "articles.SourceTitle.organisation",
    },
    "admin:articles.auditentry:changelist": {"articles.AuditEntry.note", "auth.User.username"},
    "admin:articles.breakingnews:changelist": {"articles.BreakingNews.text", "articles.Article.headline"},
    "admin:articles.breakingnews:change": {"articles.BreakingNews.text"},
    "admin:articles.frontpagepin:changelist": {"articles.Article.headline"},
    "admin:articles.section:changelist": {"articles.Section.name"},
    "admin:articles.section:change": {"articles.Section.name"},
    "admin:auth.user:changelist": {"auth.User.username", "auth.User.first_name", "auth.User.last_name"},
    "admin:auth.user:change": {"auth.User.username", "auth.User.first_name", "auth.User.last_name"},
    "admin:auth.group:changelist": {"auth.Group.name"},
    "admin:auth.group:change": {"auth.Group.name"},
    "admin:taggit.tag:changelist": {"taggit.Tag.name"},
    "admin:taggit.tag:change": {"taggit.Tag.name"},
}

# Records whose admin history is Django's log (the story's is its revisions: article_history).
ADMIN_LOGGED = [Photo, Quote, Contributor, Source, Section, BreakingNews, Tag, Group]

# Outputs counted for the matrix, filled as the tests run: output → number of payloads it was checked with.
MATRIX: dict = {"outputs": {}, "checks": 0, "payloads": set(), "fields": 0, "admin_forms": {}}


# --- the content -------------------------------------------------------------------------------------------------


class Content:
    """Everything one payload is stored in, and the value each covered field holds."""

    def __init__(self, payload: str) -> None:
        covered, _excluded, _unknown = xss_fields.classify()
        self.payload = payload
        self.fields = {field.key: field for field in covered}
        self.markers = xss_fields.markers(covered)
        self.values = {
            key: xss_fields.value_for(payload, field, self.markers[key]) for key, field in self.fields.items()
        }
        # What the admin's searches look for (the headline, cut below the admin's 20 words: the whole payload as a
        # query is test_a_whole_payload_as_a_query_…), and a query key named with the payload.
        self.payload_query = self.values["articles.Article.headline"][:100]
        self.payload_key = xss_fields.payload_text(payload).replace("{m}", "zz99")[:100]

    def v(self, key: str) -> str:
        return self.values[key]

    def build(self, *, staff=None) -> Content:
        """Make every record; ``staff``, the account the admin pages are read with, is who the admin's log names
        (the admin index lists one's own actions)."""
        now = timezone.now()
        v = self.v
        self.user = _user(v)
        self.group = Group.objects.create(name=v("auth.Group.name"))
        self.user.groups.add(self.group)
        self.section = Section.objects.create(
            name=v("articles.Section.name"), name_en=v("articles.Section.name_en"), slug="xss-section", order=99
        )
        self.contributor = Contributor.objects.create(
            name=v("articles.Contributor.name"),
            slug="xss-contributor",
            title=v("articles.Contributor.title"),
            bio=v("articles.Contributor.bio"),
            user=self.user,
        )
        self.source = Source.objects.create(
            name=v("articles.Source.name"),
            title=v("articles.Source.title"),
            organisation=v("articles.Source.organisation"),
            source_type=Source.Type.GOVERNMENT,
            status=Source.Status.CONFIRMED,
        )
        self.agency = Agency.objects.create(
            name=v("articles.Agency.name"),
            credit_name=v("articles.Agency.credit_name"),
            aliases=v("articles.Agency.aliases"),
            usage_terms=v("articles.Agency.usage_terms"),
        )
        SourceTitle.objects.create(
            source=self.source,
            title=v("articles.SourceTitle.title"),
            organisation=v("articles.SourceTitle.organisation"),
            first_seen=timezone.localdate(),
            last_seen=timezone.localdate(),
        )
        # Revision 1 with plain words, revision 2 with the payloads: the comparison shows both.
        with reversion.create_revision():
            self.article = Article.objects.create(
                headline="Pasar dibuka lagi",
                slug="xss-story",
                section=self.section,
                body="<p>Isi berita.</p>",
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(hours=1),
                created_by=self.user,
            )
            reversion.set_user(self.user)
        with reversion.create_revision():
            article = self.article
            for name in ("kicker", "headline", "dek", "seo_title", "seo_description", "social_title"):
                setattr(article, name, v(f"articles.Article.{name}"))
            marker = self.markers["articles.Article.body"]
            # The body is HTML: the payload goes in as markup (the cleaner's job), beside its marker as a word.
            article.body = f"<p>{marker}</p>{v('articles.Article.body')}"
            article.save()
            article.tags.add(v("taggit.Tag.name"))
            Byline.objects.create(article=article, contributor=self.contributor, order=1)
            self.photo = self._photo()
            ArticlePhoto.objects.create(
                article=article, photo=self.photo, order=0, caption=v("articles.ArticlePhoto.caption")
            )
            self.quote = Quote.objects.create(
                article=article,
                text=v("articles.Quote.text"),
                source=self.source,
                speaker_title=v("articles.Quote.speaker_title"),
                status=Quote.Status.CONFIRMED,
                is_pull_quote=True,
                position=1,
            )
            reversion.add_to_revision(article)
            reversion.set_user(self.user)
        Correction.objects.create(article=article, text=v("articles.Correction.text"), created_by=self.user)
        EditorialNote.objects.create(article=article, author=self.user, text=v("articles.EditorialNote.text"))
        self.banner = BreakingNews.objects.create(
            text=v("articles.BreakingNews.text"), article=article, starts_at=now - timedelta(hours=1), ends_at=now
        )
        BreakingNews.objects.filter(pk=self.banner.pk).update(ends_at=now + timedelta(hours=2))
        self.pin = FrontPagePin.objects.create(article=article, slot=FrontPagePin.Slot.LEAD)
        # The admin's own log (its index's “recent actions” and the history of records without revisions) keeps each
        # record's name as it was.
        for model in ADMIN_LOGGED:
            record = self.object_for(model)
            LogEntry.objects.log_actions(
                (staff or self.user).pk, model.objects.filter(pk=record.pk), CHANGE, [{"changed": {"fields": ["Name"]}}]
            )
        return self

    def _photo(self) -> Photo:
        v = self.v
        photo = Photo.objects.create(
            image=image_file(),
            caption=v("articles.Photo.caption"),
            credit=v("articles.Photo.credit"),
            source=v("articles.Photo.source"),
            copyright_notice=v("articles.Photo.copyright_notice"),
            alt_text=v("articles.Photo.alt_text"),
            usage_terms=v("articles.Photo.usage_terms"),
            photographer=self.contributor,
        )
        # The desk rejects the credit with the payload as its reason (the audit log's note), then approves it.
        moderation.moderate_photo(photo=photo, decision="reject", user=self.user, reason=v("articles.AuditEntry.note"))
        photo = moderation.moderate_photo(photo=photo, decision="approve", user=self.user)
        Photo.objects.filter(pk=photo.pk).update(moderation_note=v("articles.Photo.moderation_note"))
        audit.record_change(
            target=photo,
            action=AuditEntry.Action.PHOTO_CHANGED,
            user=self.user,
            before={"caption": "Foto lama"},
            after={"caption": v("articles.Photo.caption")},
        )
        photo.refresh_from_db()
        return photo

    def object_for(self, model) -> object | None:
        """The record of ``model`` carrying the payload, for its admin change form."""
        return {
            Article: self.article,
            Photo: self.photo,
            Quote: self.quote,
            Contributor: self.contributor,
            Source: self.source,
            Agency: self.agency,
            Section: self.section,
            BreakingNews: self.banner,
            FrontPagePin: self.pin,
            # Stored without its control characters (articles/models/text_fields.py).
            Tag: Tag.objects.filter(name=without_control_characters(self.v("taggit.Tag.name"))).first(),
            type(self.user): self.user,
            Group: self.group,
        }.get(model)


def _user(v):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        v("auth.User.username"),
        password="pass-for-tests-123",
        first_name=v("auth.User.first_name"),
        last_name=v("auth.User.last_name"),
        is_staff=True,
        is_superuser=True,  # moderates the photo's credit and edits the story, as a chief editor would
    )


# --- the outputs ---------------------------------------------------------------------------------------------------


def outputs(content: Content) -> list[tuple[str, str, str, str]]:
    """(name, kind, who, address) of every output: public pages, feeds, sitemaps, previews, reports, admin."""
    article, v = content.article, content.v
    tag = Tag.objects.get(name=without_control_characters(v("taggit.Tag.name")))
    versions = sorted(version.pk for version in reversion.models.Version.objects.get_for_object(article))
    found = [
        ("home", "html", "reader", reverse("articles:home")),
        ("home_other_language", "html", "reader", translate_url(reverse("articles:home"), "id")),
        ("section", "html", "reader", content.section.get_absolute_url()),
        ("section_other_language", "html", "reader", translate_url(content.section.get_absolute_url(), "id")),
        ("tag", "html", "reader", reverse("articles:tag", args=[tag.slug])),
        ("contributor", "html", "reader", content.contributor.get_absolute_url()),
        ("source", "html", "reader", content.source.get_absolute_url()),
        ("story", "html", "reader", article.get_absolute_url()),
        # The payload as the reader's query, cut to what the forms accept (the whole one: test_long_queries_…);
        # the quote search also names query keys it does not know, so one key is the payload too.
        ("search", "html", "reader", _query(reverse("articles:search"), q=v("articles.Article.headline")[:200])),
        (
            "quote_search",
            "html",
            "reader",
            _query(
                reverse("articles:quote_search"),
                text=without_control_characters(v("articles.Quote.text"))[:200],
                **{content.payload_key: "1"},
            ),
        ),
        ("corrections", "html", "reader", reverse("articles:corrections")),
        ("feed", "xml", "reader", reverse("articles:feed")),
        ("atom_feed", "xml", "reader", reverse("articles:atom_feed")),
        ("feed_other_language", "xml", "reader", translate_url(reverse("articles:feed"), "id")),
        ("section_feed", "xml", "reader", reverse("articles:section_feed", args=[content.section.slug])),
        ("section_atom_feed", "xml", "reader", reverse("articles:section_atom_feed", args=[content.section.slug])),
        ("contributor_feed", "xml", "reader", reverse("articles:contributor_feed", args=[content.contributor.slug])),
        ("tag_feed", "xml", "reader", reverse("articles:tag_feed", args=[tag.slug])),
        ("sitemap_index", "xml", "reader", reverse("sitemap_index")),
        ("sitemap_stories", "xml", "reader", reverse("sitemap_stories", args=[content.section.slug])),
        ("sitemap_sections", "xml", "reader", "/sitemap-sections.xml"),
        ("sitemap_news", "xml", "reader", reverse("sitemap_news")),
        ("preview", "html", "staff", article.get_preview_url()),
        ("preview_revision", "html", "staff", reverse("articles:preview_revision", args=[article.pk, versions[-1]])),
        ("report", "html", "staff", reverse("articles:source_report")),
        ("report_svg", "svg", "staff", reverse("articles:source_report")),
        ("report_csv", "csv", "staff", reverse("articles:source_report") + "?export=csv"),
        ("article_history", "html", "staff", reverse("admin:articles_article_history", args=[article.pk])),
        (
            "article_compare",
            "html",
            "staff",
            reverse("admin:articles_article_compare", args=[article.pk]) + f"?old={versions[0]}&new={versions[-1]}",
        ),
    ]
    found += [
        ("admin_index", "html", "staff", reverse("admin:index")),
        (
            "article_restore",
            "html",
            "staff",
            reverse("admin:articles_article_restore", args=[article.pk, versions[0]]),
        ),
    ]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        name = f"admin:{model._meta.label_lower}"
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        # The photo list opens on the photo desk's queue; the payload's photo is approved, so: every photo.
        every = {"state": "all"} if model is Photo else {}
        found.append((f"{name}:changelist", "html", "staff", _query(changelist, **every) if every else changelist))
        if model_admin.search_fields:
            found.append((f"{name}:search", "html", "staff", _query(changelist, q=content.payload_query, **every)))
        record = content.object_for(model)
        if record is not None:
            change = reverse("admin:{}_{}_change".format(*info), args=[record.pk])
            found.append((f"{name}:change", "html", "staff", change))
            if model in ADMIN_LOGGED:
                history = reverse("admin:{}_{}_history".format(*info), args=[record.pk])
                found.append((f"{name}:history", "html", "staff", history))
    return found


def _query(path: str, **params: str) -> str:
    return f"{path}?{urlencode(params)}"


def fetch_all(content: Content, clients: dict[str, Client]) -> dict[str, tuple[int, str, bytes]]:
    """Every output's (status, name of the kind, body)."""
    cache.clear()  # a page cached for other content under the same version is never the one checked
    answers = {}
    for name, kind, who, address in outputs(content):
        response = clients[who].get(address)
        answers[name] = (response.status_code, kind, response.content)
    return answers


@pytest.fixture
def clients(staff_user):
    staff = Client()
    staff.force_login(staff_user)
    return {"reader": Client(), "staff": staff, "staff_user": staff_user}


# The structure of every output for harmless content, made once per run (in a transaction rolled back).
_BASELINE: dict[str, dict] = {}


def baseline(clients) -> dict:
    if not _BASELINE:
        with contextlib.suppress(_Rollback), transaction.atomic():
            content = Content("harmless").build(staff=clients["staff_user"])
            for name, (status, kind, body) in fetch_all(content, clients).items():
                assert status == 200, f"{name}: the harmless page answers {status}"
                if kind == "html":
                    _BASELINE[name] = xss_checks.Structure.of(body.decode())
                elif kind == "xml":
                    _BASELINE[name] = xss_checks.xml_tags(body)
            raise _Rollback
        cache.clear()
    return _BASELINE


class _Rollback(Exception):
    pass


# --- the tests ------------------------------------------------------------------------------------------------------


def test_every_text_field_is_covered_or_excluded_with_a_reason():
    """A text field added to a model fails this test until it is put in the matrix or left out with a reason."""
    covered, excluded, unknown = xss_fields.classify()
    assert unknown == [], f"text fields neither covered nor excluded (tests/xss_fields.py): {unknown}"
    keys = {field.key for field in covered}
    assert keys == xss_fields.COVERED, f"covered fields that no longer exist: {xss_fields.COVERED - keys}"
    assert set(xss_fields.EXCLUDED) <= set(excluded), "excluded fields that no longer exist"
    shown_somewhere = set().union(*SHOWN.values())
    assert shown_somewhere <= keys
    # Every covered field is checked as shown in at least one output, except the ones no page shows by design.
    assert keys - shown_somewhere == set(), f"covered fields no output is expected to show: {keys - shown_somewhere}"


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_no_payload_breaks_or_runs_in_any_output(payload, clients, django_user_model):
    structures = baseline(clients)
    content = Content(payload).build(staff=clients["staff_user"])
    problems = []
    checks = 0
    for name, (status, kind, body) in fetch_all(content, clients).items():
        if status != 200:
            problems.append(f"{name}: answered {status}")
            continue
        text = body.decode()
        if kind == "html":
            found = xss_checks.check_html(text, structures[name], body_allowed=_shows_body(name))
        elif kind == "xml":
            found = xss_checks.check_xml(body, structures[name])
        elif kind == "svg":
            found = xss_checks.check_svg(text)
        else:
            found = xss_checks.check_csv(text)
        for key in sorted(SHOWN.get(name, set())):
            # The body is markup, cleaned before it is stored: its marker must be there, its tags need not.
            as_text = key == "articles.Article.body" or found.shows(content.v(key))
            found.check(
                content.markers[key] in found.shown and as_text,
                f"{key} is not shown as text: {content.v(key)[:40]!r}",
            )
        for what, shown, key in exact_values(name, body):
            found.check(
                xss_checks.visible(shown) == xss_checks.visible(content.v(key)),
                f"{what} is {shown[:40]!r}, not the {key} it comes from",
            )
        if name == "quote_search":
            found.check("zz99" in found.shown, "the query key it does not know is not named")
        problems += [f"{name}: {problem}" for problem in found.problems]
        checks += found.checks
        MATRIX["outputs"][name] = MATRIX["outputs"].get(name, 0) + 1
    MATRIX["checks"] += checks
    MATRIX["payloads"].add(payload)
    MATRIX["fields"] = len(content.fields)
    assert problems == [], "\n".join(problems[:40])


def exact_values(output: str, body: bytes) -> list[tuple[str, str, str]]:
    """(what, the value as parsed, the field it must equal) for the values an output carries whole: Open Graph and
    the description in the story page's head, the lead photo's alt text, the feed's item title and description. An
    attribute value that round-trips exactly was neither broken out of nor double-escaped."""
    if output == "story":
        page = html5lib.parse(body.decode(), treebuilder="etree", namespaceHTMLElements=False)
        og_title = page.find(".//meta[@property='og:title']")
        description = page.find(".//meta[@name='description']")
        lead = next(
            figure.find("img") for figure in page.iter("figure") if "lead-photo" in figure.get("class", "").split()
        )
        return [
            ("og:title", og_title.get("content"), "articles.Article.social_title"),
            ("the meta description", description.get("content"), "articles.Article.seo_description"),
            ("the lead photo's alt", lead.get("alt"), "articles.Photo.alt_text"),
        ]
    if output == "feed":
        item = SafeET.fromstring(body).find("./channel/item")
        return [
            # Escaped twice, as Django's feeds do: a reader decodes the text once more as HTML.
            ("the item's title", html.unescape(item.findtext("title")), "articles.Article.headline"),
            ("the item's description", html.unescape(item.findtext("description")), "articles.Article.dek"),
        ]
    return []


def _shows_body(output: str) -> bool:
    # Outputs that render the cleaned body as HTML (the story page and previews) or a diff of it (the comparison).
    return output in {"story", "preview", "preview_revision", "article_compare", "admin:articles.article:change"}


# --- the admin's forms, with every payload in full ----------------------------------------------------------------

# The records whose admin form carries text fields, each with the covered fields the form shows.
ADMIN_FORMS = [Article, Photo, Quote, Contributor, Source, Section, BreakingNews, Tag, Group, Agency]


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_admin_forms_turn_every_payload_into_a_save_or_a_field_error(payload, clients):
    """Each form posted with every text field holding the whole payload (10,000 characters for the long one): the
    record is saved with exactly those words, or the form comes back naming the field — a value longer than the
    field allows always does; a server error never."""
    content = Content("harmless").build()  # plain words, so every post changes every field it sends
    staff = clients["staff"]
    problems = []
    outcomes = {"saved": 0, "field errors": 0}
    for model in ADMIN_FORMS:
        record = content.object_for(model)
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
        form_page = staff.get(url)
        form = form_page.context["adminform"].form
        changes = {}
        for name in form.fields:
            key = f"{model._meta.label}.{name}"
            if key in content.fields:
                whole = xss_fields.payload_text(payload).replace("{m}", content.markers[key])[: xss_fields.LONG_LENGTH]
                changes[name] = whole
        answer = staff.post(url, admin_form_data(form_page, **changes))
        label = model._meta.label
        assert changes, f"{label}'s form shows none of the covered fields"
        outcomes["saved" if answer.status_code == 302 else "field errors"] += 1
        if answer.status_code == 302:
            record.refresh_from_db()
            for name, value in changes.items():
                stored = getattr(record, name)
                # The newsroom's records drop control characters on save (articles/models/text_fields.py); the rest is
                # kept. Django's own (a group) keep what was typed.
                kept = value if model is Group else without_control_characters(value)
                if name != "body" and stored != kept.strip():
                    problems.append(f"{label}.{name}: saved as {stored[:40]!r}, posted {value[:40]!r}")
            too_long = [name for name, value in changes.items() if len(value) > (form.fields[name].max_length or 10**9)]
            if too_long:
                problems.append(f"{label}: saved although {too_long} are longer than allowed")
        elif answer.status_code == 200:
            errors = answer.context["adminform"].form.errors
            if not errors:
                problems.append(f"{label}: answered 200 with no field error")
            for name, value in changes.items():
                limit = form.fields[name].max_length
                if limit and len(value) > limit and name not in errors:
                    problems.append(f"{label}.{name}: {len(value)} characters (limit {limit}) but no error on it")
        else:
            problems.append(f"{label}: answered {answer.status_code}")
    print(f"admin forms, payload {payload}: {outcomes}")
    MATRIX["admin_forms"][payload] = outcomes
    assert problems == [], "\n".join(problems)


# --- the checks themselves -------------------------------------------------------------------------------------------

HARMLESS_PAGE = '<html><head><script src="/static/site.js"></script></head><body><p class="x">{}</p></body></html>'


@pytest.mark.parametrize("payload", ["script", "svg_onload", "javascript_link", "script_end_in_json"])
def test_the_checks_catch_a_payload_written_without_escaping(payload):
    """The matrix would catch a template that forgot to escape: the payload pasted raw into a page is reported."""
    raw = xss_fields.payload_text(payload).replace("{m}", "zz01")
    baseline = xss_checks.Structure.of(HARMLESS_PAGE.format("Warga menonton"))
    assert xss_checks.check_html(HARMLESS_PAGE.format(raw), baseline, body_allowed=False).problems
    escaped = xss_checks.check_html(HARMLESS_PAGE.format(html.escape(raw)), baseline, body_allowed=False)
    assert escaped.problems == [] and escaped.shows(raw)


def test_the_checks_catch_a_json_block_broken_by_its_content():
    """A JSON-LD block whose text was not escaped for <script> ends early: both the parse and the raw text say so.
    (Stories carry no JSON-LD yet — issue 20 — and every <script type="application/ld+json"> is checked once they
    do.)"""
    page = '<html><head><script type="application/ld+json">{{"headline": "{}"}}</script></head><body></body></html>'
    baseline = xss_checks.Structure.of(page.format("Warga"))
    broken = xss_checks.check_html(page.format("</script><script>alert(1)</script>"), baseline, body_allowed=False)
    assert any("JSON block" in problem for problem in broken.problems)
    # Django's json_script escapes < > & as \\u003C …: the same words in a safe block pass.
    safe = page.format("\\u003C/script\\u003E")
    assert xss_checks.check_html(safe, baseline, body_allowed=False).problems == []


def test_the_checks_catch_broken_xml_a_foreign_svg_element_and_a_formula_cell():
    assert xss_checks.check_xml(b"<rss><title>a\x01b</title></rss>").problems
    assert xss_checks.check_xml(b"<rss><title>a</title><script/></rss>", {"rss", "title"}).problems
    chart = '<p></p><svg xmlns="http://www.w3.org/2000/svg"><text>a</text><foreignObject/></svg>'
    assert xss_checks.check_svg(chart).problems
    assert xss_checks.check_csv('table,label\ntop_source,"=HYPERLINK(""x"")"\n').problems
    assert xss_checks.check_csv("table,label\ntop_source,'=HYPERLINK(1)\n").problems == []


# --- tags: a name is free text, its address is made from it ---------------------------------------------------------


def test_a_tag_of_any_name_leaves_the_story_page_working(client, make_article):
    """Tag names are typed freely and taggit makes the address from them (Unicode kept): accented and non-Latin
    names get a page of their own, and a name with no letter or digit at all (no address) is shown unlinked — the
    story page never fails because of a tag."""
    article = make_article()
    names = ["Café Ñandú", "日本", '"><', "🔥🔥", "\u202e"]
    article.tags.add(*names)
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    found = xss_checks.check_html(
        page.content.decode(), xss_checks.Structure.of(page.content.decode()), body_allowed=False
    )
    assert all(found.shows(name) for name in names if name != "\u202e")
    for tag in Tag.objects.exclude(slug=""):
        address = reverse("articles:tag", args=[tag.slug])
        assert f'href="{address}"' in page.content.decode()
        listing = client.get(address)
        assert listing.status_code == 200 and article.headline in listing.content.decode()
    assert Tag.objects.filter(slug="").exists()  # the case the unlinked name is for


# --- queries: what a reader or an editor types into a search box -------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_a_whole_payload_as_a_query_is_answered_never_a_server_error(payload, clients):
    """The whole payload (10,000 characters for the long one) in every search box: the readers' search and quote
    search answer with their results or a form error naming the limit, every admin list searched with it answers."""
    content = Content("harmless").build()
    query = xss_fields.payload_text(payload).replace("{m}", "zz99")
    problems = []
    for name, address in [
        ("search", _query(reverse("articles:search"), q=query)),
        ("quote_search", _query(reverse("articles:quote_search"), text=query, speaker=query, organisation=query)),
    ]:
        answer = clients["reader"].get(address)
        if answer.status_code != 200:
            problems.append(f"{name}: answered {answer.status_code}")
        elif len(query) > 200 and "at most 200 characters" not in answer.content.decode():
            problems.append(f"{name}: a {len(query)}-character query without the form error")
    for model, model_admin in admin.site._registry.items():
        if model_admin.search_fields:
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            answer = clients["staff"].get(_query(changelist, q=query))
            if answer.status_code != 200:
                problems.append(f"admin {model._meta.label} searched: answered {answer.status_code}")
    assert content.article.pk and problems == [], "\n".join(problems)


def test_a_search_of_thousands_of_words_in_any_admin_list_is_cut_with_a_message(clients):
    """10,000 characters of one-letter words in an admin list's search box: every list answers, searching the first
    words only and saying so (SQLite refused the 5,000-term query — “Expression tree is too large” — a server error)."""
    query = "a " * 5_000
    problems = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        answer = clients["staff"].get(_query(changelist, q=query))
        if answer.status_code != 200:
            problems.append(f"{model._meta.label}: answered {answer.status_code}")
        elif "Only the first 20 words of the search were used." not in answer.content.decode():
            problems.append(f"{model._meta.label}: no message that the search was cut")
    assert problems == [], "\n".join(problems)


def test_a_nul_character_or_markup_in_a_slug_is_a_field_error(clients):
    """What the matrix leaves out of the stored payloads comes back as field errors: a NUL character (PostgreSQL
    cannot store one) in any text field, markup in a slug (tests/xss_fields.py EXCLUDED)."""
    content = Content("harmless").build()
    url = reverse("admin:articles_article_change", args=[content.article.pk])
    form_page = clients["staff"].get(url)
    answer = clients["staff"].post(
        url,
        admin_form_data(form_page, headline="Pasar\x00dibuka", dek="Warga\x00", slug="\"><svg onload=alert('zz01')>"),
    )
    assert answer.status_code == 200
    errors = answer.context["adminform"].form.errors
    assert set(errors) == {"headline", "dek", "slug"}, errors
    assert "Null characters are not allowed." in errors["headline"]
    content.article.refresh_from_db()
    assert content.article.headline == content.v("articles.Article.headline")


def test_matrix_counts():
    """The figures to quote (run the whole file with -s to see them): payloads x fields x outputs, and the checks
    made. Runs last; with only part of the file selected there is nothing whole to count."""
    if MATRIX["payloads"] != set(PAYLOAD_NAMES) or len(MATRIX["admin_forms"]) != len(PAYLOAD_NAMES):
        pytest.skip("the counts need every payload's tests in the same run")
    covered, excluded, _unknown = xss_fields.classify()
    outputs_checked = MATRIX["outputs"]
    # Every output was checked with every payload.
    assert set(outputs_checked.values()) == {len(PAYLOAD_NAMES)}
    cells = len(PAYLOAD_NAMES) * len(covered) * len(outputs_checked)
    shown_cells = len(PAYLOAD_NAMES) * sum(len(fields) for fields in SHOWN.values())
    forms = sum(sum(outcome.values()) for outcome in MATRIX["admin_forms"].values())
    print(
        f"\nXSS matrix: {len(PAYLOAD_NAMES)} payloads x {len(covered)} fields x {len(outputs_checked)} outputs"
        f" = {cells} cells; {shown_cells} (payload, field, output) cells where the field must show as text;"
        f" {MATRIX['checks']} checks made; {len(excluded)} text fields left out with a reason;"
        f" admin forms posted with every payload in full: {forms}"
    )
    # At least one check per cell where a field must show (each is one), besides the structure checks.
    assert MATRIX["checks"] > shown_cells and MATRIX["fields"] == len(covered)
