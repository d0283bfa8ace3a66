"""Revisions of a story: the saved versions, the story and its parts as one of them saved it, what changed between
two, and who changed the story under an editor.

django-reversion stores the revisions (registered in articles/models/revisions.py); this module reads them the way
the desk needs them and answers in plain data: a comparison says which fields, paragraphs and parts changed, with
their old and new text and the word-level operations between them. Showing it is the admin's business
(articles/admin/comparison.py). Restoring is articles/services/restoring.py; the story as readers saw it in one
version, articles/services/story_as_of.py.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import Article
from articles.models.revisions import STORY_PARTS
from articles.text.html_paragraphs import body_paragraphs

# The story's own fields a comparison shows, in the change form's order. The version counter, the timestamps and
# the derived publication date change with every save and tell an editor nothing.
COMPARED_FIELDS = (
    "kicker",
    "headline",
    "dek",
    "slug",
    "body",
    "section",
    "language",
    "status",
    "publish_at",
    "expires_at",
    "embargo_until",
    "seo_title",
    "seo_description",
    "social_title",
)
# How far back the conflict message looks for the version an editor started from.
CONFLICT_LOOKBACK = 50
# Unchanged paragraphs a body comparison keeps around each change; longer unchanged runs are folded.
CONTEXT_PARAGRAPHS = 1
# Word-by-word comparison costs the product of the two lengths (difflib); past this many word pairs a changed text
# is shown as removed and added whole, so no comparison of two huge paragraphs can stall an admin page.
MAX_WORD_PAIRS = 250_000


@dataclass
class Snapshot:
    """One saved version of a story: its own fields and its parts (field values by primary key)."""

    version: Version
    fields: dict
    parts: dict[str, dict[int, dict]]
    part_versions: list[Version]

    @property
    def number(self) -> int | None:
        return self.fields.get("version")


@dataclass
class Conflict:
    """Who saved the story since an editor opened it, and what they changed (when the revisions say)."""

    savers: list[str]
    saved_at: datetime | None
    changed: list[str]
    base: Version | None
    latest: Version | None


# --- reading revisions ---------------------------------------------------------------------------------------


def story_versions(article_pk) -> models.QuerySet:
    """The story's saved versions, newest first, with their revision and who saved it."""
    return (
        Version.objects.get_for_object_reference(Article, article_pk).select_related("revision__user").order_by("-pk")
    )


def snapshot(version: Version) -> Snapshot:
    """The story and its parts as they were saved in ``version``'s revision."""
    article_pk = int(version.object_id)
    part_types = {ContentType.objects.get_for_model(model).pk: name for name, model in STORY_PARTS.items()}
    parts: dict[str, dict[int, dict]] = {name: {} for name in STORY_PARTS}
    part_versions = []
    for part in version.revision.version_set.filter(content_type__in=list(part_types)):
        data = part.field_dict
        if data.get("article_id") == article_pk:
            parts[part_types[part.content_type_id]][int(part.object_id)] = data
            part_versions.append(part)
    return Snapshot(version=version, fields=version.field_dict, parts=parts, part_versions=part_versions)


def current_version(article_pk) -> int | None:
    """The story's version number now. Inside a transaction the row stays locked until it ends, so no other save
    can slip in between this check and the caller's own save."""
    queryset = Article.objects.filter(pk=article_pk)
    if transaction.get_connection().in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.values_list("version", flat=True).first()


def describe_conflict(article_pk, base_number: int) -> Conflict:
    """What happened to the story since an editor opened it at version ``base_number``."""
    versions = list(story_versions(article_pk)[:CONFLICT_LOOKBACK])
    newer = [version for version in versions if (version.field_dict.get("version") or 0) > base_number]
    base = next((version for version in versions if version.field_dict.get("version") == base_number), None)
    latest = versions[0] if versions else None
    savers = list(dict.fromkeys(person_name(version.revision.user) for version in reversed(newer)))
    changed = compare(snapshot(base), snapshot(latest)).changed if base and latest and base != latest else []
    return Conflict(
        savers=savers,
        saved_at=newer[0].revision.date_created if newer else None,
        changed=changed,
        base=base,
        latest=latest if newer else None,
    )


# --- comparing -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordDiff:
    """Two texts word by word: the words (each keeps the space before it, so spaces never match on their own) and
    difflib's operations between them (``equal``, ``replace``, ``delete``, ``insert`` with their index ranges)."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    opcodes: tuple[tuple[str, int, int, int, int], ...]

    @property
    def segments(self) -> list[tuple[str, str]]:
        """The texts in order as ``(kind, text)``: ``equal``, ``removed`` or ``added`` (a replacement is both)."""
        pieces = []
        for op, i1, i2, j1, j2 in self.opcodes:
            if op == "equal":
                pieces.append(("equal", "".join(self.old[i1:i2])))
                continue
            if i1 < i2:
                pieces.append(("removed", "".join(self.old[i1:i2])))
            if j1 < j2:
                pieces.append(("added", "".join(self.new[j1:j2])))
        return pieces


@dataclass(frozen=True)
class SameParagraph:
    """A paragraph both versions print, kept around a change for context."""

    text: str


@dataclass(frozen=True)
class FoldedParagraphs:
    """A run of unchanged paragraphs far from any change, left out."""

    count: int


@dataclass(frozen=True)
class BodyDiff:
    """A body compared as the paragraphs readers see: each changed paragraph word by word (paired in order with the
    one that took its place; one side is empty for a paragraph added or removed), unchanged ones around it, longer
    unchanged runs folded. ``markup_only``: the paragraphs are the same, and the one block compares the HTML."""

    blocks: tuple[WordDiff | SameParagraph | FoldedParagraphs, ...]
    markup_only: bool = False


@dataclass(frozen=True)
class Change:
    """One field or part that differs: its label, both values as an editor reads them, and for texts the words
    (``words``) or, for the body, the paragraphs (``body``) that changed. A value that is neither (a section, a
    time, a status) has only ``old`` and ``new``."""

    label: str
    old: str
    new: str
    words: WordDiff | None = None
    body: BodyDiff | None = None


@dataclass
class Comparison:
    old: Snapshot
    new: Snapshot
    fields: list[Change]
    parts: list[Change]

    @property
    def changed(self) -> list[str]:
        """The names of what changed, once each: “Headline, Body, Byline”."""
        return list(dict.fromkeys(change.label for change in [*self.fields, *self.parts]))


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """Field by field and part by part, what differs between two saved versions of a story."""
    show = Display()
    fields = []
    for name in COMPARED_FIELDS:
        field = cast("models.Field", Article._meta.get_field(name))
        before, after = old.fields.get(field.attname), new.fields.get(field.attname)
        if before == after:
            continue
        label = str(capfirst(field.verbose_name))
        if name == "body":
            fields.append(Change(label, before or "", after or "", body=paragraph_diff(before or "", after or "")))
        elif isinstance(field, models.CharField | models.TextField) and not field.choices:
            fields.append(Change(label, before or "", after or "", words=word_diff(before or "", after or "")))
        elif (shown_before := show(field, before)) != (shown_after := show(field, after)):
            # (A time saved again without its microseconds shows the same: nothing a reader could see changed.)
            fields.append(Change(label, shown_before, shown_after))
    parts = []
    for name, model in STORY_PARTS.items():
        before_parts, after_parts = old.parts[name], new.parts[name]
        # The names every part line shows (contributors, photos, sources), in one query per kind, not one per part.
        for related in model._meta.concrete_fields:
            if related.is_relation and related.name != "article":
                rows = [*before_parts.values(), *after_parts.values()]
                show.load(related.related_model, {row[related.attname] for row in rows if row.get(related.attname)})
        for pk in sorted(before_parts.keys() | after_parts.keys()):
            before, after = show.part(model, before_parts.get(pk)), show.part(model, after_parts.get(pk))
            if before != after:
                label = str(capfirst(model._meta.verbose_name))
                parts.append(Change(label, before, after, words=word_diff(before, after)))
    return Comparison(old=old, new=new, fields=fields, parts=parts)


def word_diff(old: str, new: str) -> WordDiff:
    """Two texts compared word by word. Past ``MAX_WORD_PAIRS`` the whole text is one replacement."""
    before, after = tuple(re.findall(r"\s*\S+|\s+", old)), tuple(re.findall(r"\s*\S+|\s+", new))
    opcodes: tuple[tuple[str, int, int, int, int], ...]
    if len(before) * len(after) > MAX_WORD_PAIRS:
        opcodes = (("replace", 0, len(before), 0, len(after)),) if before or after else ()
    else:
        opcodes = tuple(difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes())
    return WordDiff(old=before, new=after, opcodes=opcodes)


def paragraph_diff(old: str, new: str) -> BodyDiff:
    """Two story bodies compared as the paragraphs readers see (articles/text/html_paragraphs.py), then word by word
    inside each paragraph that changed. When only markup changed (a link, bold), the HTML itself is compared."""
    before, after = body_paragraphs(old), body_paragraphs(new)
    if before == after:
        return BodyDiff(blocks=(word_diff(old, new),), markup_only=True)
    blocks: list[WordDiff | SameParagraph | FoldedParagraphs] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op != "equal":
            removed, added = before[i1:i2], after[j1:j2]
            for index in range(max(len(removed), len(added))):
                old_paragraph = removed[index] if index < len(removed) else ""
                new_paragraph = added[index] if index < len(added) else ""
                blocks.append(word_diff(old_paragraph, new_paragraph))
            continue
        same = before[i1:i2]
        keep_head = CONTEXT_PARAGRAPHS if i1 > 0 else 0
        keep_tail = CONTEXT_PARAGRAPHS if i2 < len(before) else 0
        if len(same) > keep_head + keep_tail + 1:
            blocks += [SameParagraph(text) for text in same[:keep_head]]
            blocks.append(FoldedParagraphs(len(same) - keep_head - keep_tail))
            blocks += [SameParagraph(text) for text in same[len(same) - keep_tail :]]
        else:
            blocks += [SameParagraph(text) for text in same]
    return BodyDiff(blocks=tuple(blocks))


class Display:
    """Values as an editor reads them: names instead of ids, labels instead of codes, times in WIB."""

    def __init__(self) -> None:
        self._names: dict[tuple, str] = {}

    def __call__(self, field, value) -> str:
        if value is None or value == "":
            return "—"
        if field.is_relation:
            return self.name(field.related_model, value)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        return str(value)

    def part(self, model, data: dict | None) -> str:
        """One byline, photo or quote as a line: “contributor: Rina Wulandari; role: Reporter; order: 1”."""
        if data is None:
            return ""
        fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name != "article"]
        return "; ".join(
            f"{field.verbose_name}: {self(field, data.get(field.attname))}"
            for field in fields
            if data.get(field.attname) not in (None, "")
        )

    def name(self, model, pk) -> str:
        key = (model, pk)
        if key not in self._names:
            found = model._base_manager.filter(pk=pk).first()
            self._names[key] = str(found) if found else _deleted(pk)
        return self._names[key]

    def load(self, model, pks) -> None:
        """Look up the names of many records of ``model`` (by their integer keys) in one query, so ``name`` then
        answers from memory instead of asking once per record."""
        wanted = {pk for pk in pks if (model, pk) not in self._names}
        found = model._base_manager.in_bulk(wanted) if wanted else {}
        for pk in wanted:
            self._names[(model, pk)] = str(found[pk]) if pk in found else _deleted(pk)


def _deleted(pk) -> str:
    return _("#%(pk)s (deleted)") % {"pk": pk}


def person_name(user) -> str:
    """Who made a change, for the desk to read: a name, or what made it when no account did."""
    if user is None:
        return _("an import or a command")
    return user.get_full_name() or user.get_username()
