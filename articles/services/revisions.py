"""Revisions of a story: what changed between two, who changed the story under an editor, the story as it was, and
restoring an old version.

django-reversion stores the revisions (registered in articles/models/revisions.py); this module reads them the way
the desk needs them. Restoring is itself a new revision and an audit entry, in one transaction.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from articles import access
from articles.choices import QuoteStatus
from articles.models import Article, AuditEntry, Contributor, Correction, Photo, Section, Source
from articles.models.revisions import STORY_PARTS

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
# What a restore brings back besides the parts. State and times belong to the workflow and stay as they are now:
# restoring an old version never publishes, unpublishes or reschedules a story.
RESTORED_FIELDS = (
    "kicker",
    "headline",
    "dek",
    "slug",
    "body",
    "section",
    "language",
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


class RestoreRefused(Exception):
    """A restore that may not happen; the message says why, for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
class Change:
    label: str
    diff: SafeString


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


@dataclass
class Conflict:
    """Who saved the story since an editor opened it, and what they changed (when the revisions say)."""

    savers: list[str]
    saved_at: datetime | None
    changed: list[str]
    base: Version | None
    latest: Version | None


@dataclass
class StoryAsOf:
    article: Article
    quotes: list
    version: Version


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


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """Field by field and part by part, what differs between two saved versions of a story."""
    show = _Display()
    fields = []
    for name in COMPARED_FIELDS:
        field = Article._meta.get_field(name)
        before, after = old.fields.get(field.attname), new.fields.get(field.attname)
        if before == after:
            continue
        if name == "body":
            diff = body_diff(before or "", after or "")
        elif isinstance(field, models.CharField | models.TextField) and not field.choices:
            diff = text_diff(before or "", after or "")
        elif show(field, before) == show(field, after):
            continue  # e.g. a time saved again without its microseconds: nothing a reader could see changed
        else:
            diff = format_html("<del>{}</del> → <ins>{}</ins>", show(field, before), show(field, after))
        fields.append(Change(str(capfirst(field.verbose_name)), diff))
    parts = []
    for name, model in STORY_PARTS.items():
        before_parts, after_parts = old.parts[name], new.parts[name]
        for pk in sorted(before_parts.keys() | after_parts.keys()):
            before, after = show.part(model, before_parts.get(pk)), show.part(model, after_parts.get(pk))
            if before != after:
                parts.append(Change(str(capfirst(model._meta.verbose_name)), text_diff(before, after)))
    return Comparison(old=old, new=new, fields=fields, parts=parts)


def text_diff(old: str, new: str) -> SafeString:
    """Word by word: removed words in <del>, added ones in <ins>, the rest as it was (all of it escaped)."""
    # Each word keeps the space before it, so spaces never match on their own: “a b” → “a c b” is “a<ins> c</ins> b”.
    before, after = re.findall(r"\s*\S+|\s+", old), re.findall(r"\s*\S+|\s+", new)
    if len(before) * len(after) > MAX_WORD_PAIRS:
        opcodes = [("replace", 0, len(before), 0, len(after))]
    else:
        opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    pieces = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            pieces.append(format_html("{}", "".join(before[i1:i2])))
            continue
        if i1 < i2:
            pieces.append(format_html("<del>{}</del>", "".join(before[i1:i2])))
        if j1 < j2:
            pieces.append(format_html("<ins>{}</ins>", "".join(after[j1:j2])))
    return mark_safe("".join(pieces))  # every piece was escaped by format_html


def body_diff(old: str, new: str) -> SafeString:
    """A story body compared as the paragraphs readers see, then word by word inside each paragraph that changed
    (paired in order with the paragraph that took its place).

    Unchanged paragraphs far from any change are folded, so a one-word fix in a long story reads at a glance.
    When only markup changed (a link, bold), the HTML itself is compared."""
    before, after = body_paragraphs(old), body_paragraphs(new)
    if before == after:
        return text_diff(old, new)
    blocks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op != "equal":
            removed, added = before[i1:i2], after[j1:j2]
            for index in range(max(len(removed), len(added))):
                old_paragraph = removed[index] if index < len(removed) else ""
                new_paragraph = added[index] if index < len(added) else ""
                blocks.append(text_diff(old_paragraph, new_paragraph))
            continue
        same = before[i1:i2]
        keep_head = CONTEXT_PARAGRAPHS if i1 > 0 else 0
        keep_tail = CONTEXT_PARAGRAPHS if i2 < len(before) else 0
        if len(same) > keep_head + keep_tail + 1:
            folded = len(same) - keep_head - keep_tail
            kept = [*same[:keep_head], None, *same[len(same) - keep_tail :]]
        else:
            folded, kept = 0, same
        for paragraph in kept:
            if paragraph is None:
                blocks.append(format_html("<span class='folded'>[… {} …]</span>", _folded(folded)))
            else:
                blocks.append(format_html("{}", paragraph))
    return mark_safe("\n".join(blocks))  # every block was escaped by format_html


def body_paragraphs(body: str) -> list[str]:
    """The body as plain paragraphs: what an editor reads, not the markup."""
    text = re.sub(r"(?i)</(p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>|<hr\s*/?>", "\n", body or "")
    return [line.strip() for line in html.unescape(strip_tags(text)).splitlines() if line.strip()]


def _folded(count: int) -> str:
    return _("%(count)d unchanged paragraphs") % {"count": count}


class _Display:
    """Values as an editor reads them: names instead of ids, labels instead of codes, times in WIB."""

    def __init__(self) -> None:
        self._names: dict[tuple, str] = {}

    def __call__(self, field, value) -> str:
        if value is None or value == "":
            return "—"
        if field.is_relation:
            return self._name(field.related_model, value)
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

    def _name(self, model, pk) -> str:
        key = (model, pk)
        if key not in self._names:
            found = model._base_manager.filter(pk=pk).first()
            self._names[key] = str(found) if found else _("#%(pk)s (deleted)") % {"pk": pk}
        return self._names[key]


def person_name(user) -> str:
    """Who made a change, for the desk to read: a name, or what made it when no account did."""
    if user is None:
        return _("an import or a command")
    return user.get_full_name() or user.get_username()


# --- the story as it was -------------------------------------------------------------------------------------


def story_as_of(version: Version) -> StoryAsOf:
    """The story as readers would have seen it in one saved version, in memory, for the staff preview.

    The version's own bylines, photos and quotes stand in for today's; as on the live page, photos and quotes
    readers may not see are left out. Notices are those written by the time of that version."""
    old = snapshot(version)
    article = Article(**old.fields)
    article._state.adding, article._state.db = False, version.db
    article.section = Section.objects.filter(pk=article.section_id).first()
    parts = old.parts
    contributors = Contributor.objects.in_bulk([data["contributor_id"] for data in parts["bylines"].values()])
    photos = Photo.objects.public().in_bulk([data["photo_id"] for data in parts["photo_uses"].values()])
    sources = Source.objects.in_bulk([data["source_id"] for data in parts["quotes"].values() if data["source_id"]])
    bylines = []
    for data in sorted(parts["bylines"].values(), key=lambda data: data["order"]):
        if data["contributor_id"] in contributors:
            bylines.append(STORY_PARTS["bylines"](**data, contributor=contributors[data["contributor_id"]]))
    article.public_photo_uses = [
        STORY_PARTS["photo_uses"](**data, photo=photos[data["photo_id"]])
        for data in sorted(parts["photo_uses"].values(), key=lambda data: data["order"])
        if data["photo_id"] in photos
    ]
    quotes = [
        STORY_PARTS["quotes"](**data, source=sources.get(data["source_id"]))
        for data in sorted(parts["quotes"].values(), key=lambda data: (data["position"], data["id"]))
        if data["status"] == QuoteStatus.CONFIRMED
    ]
    notices = Correction.objects.filter(article_id=article.pk, created_at__lte=version.revision.date_created)
    _use_as_prefetched(article, "bylines", bylines)
    _use_as_prefetched(article, "corrections", notices.order_by("created_at", "pk"))
    return StoryAsOf(article=article, quotes=quotes, version=version)


def _use_as_prefetched(instance: models.Model, related_name: str, objects) -> None:
    # What prefetch_related() leaves on an instance, so the page's template reads these rows instead of today's.
    queryset = getattr(instance, related_name).all()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    instance._prefetched_objects_cache = {**getattr(instance, "_prefetched_objects_cache", {}), related_name: queryset}


# --- restoring -----------------------------------------------------------------------------------------------


def can_restore(user, article: Article) -> bool:
    """Restoring rewrites the story: it takes the right to edit this story and the right to restore revisions."""
    return access.can_edit(user, article) and user.has_perm("articles.restore_revision")


def can_recover(user) -> bool:
    """Bringing back a deleted story (and seeing which stories were deleted) is an editor's act."""
    return access.edits_every_story(user) and user.has_perm("articles.restore_revision")


def deleted_story_version(version_id) -> Version | None:
    """The saved version ``version_id`` when it is of a story that no longer exists, else None."""
    version = (
        Version.objects.get_for_model(Article).filter(pk=version_id).first() if str(version_id).isdigit() else None
    )
    if version is None or Article.objects.filter(pk=version.object_id).exists():
        return None
    return version


def restore_revision(*, article: Article, version: Version, user) -> Article:
    """Bring back the text, section, bylines, photos and quotes of ``version`` as a new revision, audited.

    The story's state and times stay as they are (they change only through the workflow); notes and correction
    notices are not part of a revision and stay too. Refuses, changing nothing, when the user may not restore or
    when the old version names a contributor, photo, source or section that has since been deleted."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not can_restore(user, locked):
            raise RestoreRefused(_("You may not restore earlier versions of this story."))
        if version.content_type_id != ContentType.objects.get_for_model(Article).pk or version.object_id != str(
            locked.pk
        ):
            raise RestoreRefused(_("That version belongs to another story."))
        old = snapshot(version)
        for name in RESTORED_FIELDS:
            attname = Article._meta.get_field(name).attname
            setattr(locked, attname, old.fields[attname])
        _check_restorable(locked, old)
        comment = _("Restored the version of %(time)s by %(person)s") % {
            "time": formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"),
            "person": person_name(version.revision.user),
        }
        with reversion.create_revision():
            # Today's parts go and the old ones come back with their old ids; deleting first means two rows can
            # never collide on a story's unique orders while they are swapped back.
            for name in STORY_PARTS:
                getattr(locked, name).all().delete()
            for part in old.part_versions:
                part.revert()
            locked.save()
            reversion.set_user(user)
            reversion.set_comment(comment)
        AuditEntry.record(target=locked, action=AuditEntry.Action.RESTORE, user=user, note=comment)
    return locked


def _check_restorable(article: Article, old: Snapshot) -> None:
    missing = []
    if not Section.objects.filter(pk=article.section_id).exists():
        missing.append(_("section #%(pk)s") % {"pk": article.section_id})
    for name, model in STORY_PARTS.items():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.name == "article":
                continue
            wanted = {data[field.attname] for data in old.parts[name].values() if data[field.attname] is not None}
            found = set(field.related_model._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
            missing += [f"{field.verbose_name} #{pk}" for pk in sorted(wanted - found)]
    if missing:
        raise RestoreRefused(
            _("That version names records that have since been deleted: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    try:
        article.validate_constraints()
    except ValidationError as error:
        raise RestoreRefused(" ".join(error.messages)) from None
