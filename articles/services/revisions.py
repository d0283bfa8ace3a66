"""Revisions of a story: what changed between two, who changed the story under an editor, the story as it was, and
restoring an old version.

django-reversion stores the revisions (registered in articles/models/revisions.py); this module reads them the way
the desk needs them. Restoring is itself a new revision and an audit entry, in one transaction. It never deletes a
quote an editor confirmed or rejected, and on a story readers can see it happens only once confirmed, after
``describe_restore`` has said what will change for them.
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
from articles.choices import ArticleStatus, BylineRole, QuoteStatus
from articles.models import Article, AuditEntry, Contributor, Correction, Photo, Quote, Section, Source
from articles.models.revisions import STORY_PARTS
from articles.services import quotes as quote_rules
from articles.text.quotes import extract_quotes

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


class RestoreNeedsConfirmation(RestoreRefused):
    """A restore of a story readers can see that was not confirmed, or was confirmed for a state of the story that
    has changed since; nothing changed. The confirmation page is the answer."""


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
class FieldChange:
    """One of the story's own fields as readers see it now and after a restore."""

    label: str
    now: str
    after: str


@dataclass
class BodyChange:
    """How many of the body's paragraphs a restore adds, removes and rewrites (all zero: only markup changes)."""

    added: int
    removed: int
    changed: int


@dataclass
class RestorePreview:
    """What restoring an old version would change, for the page that asks to confirm it."""

    article: Article
    version: Version
    live: bool
    fields: list[FieldChange]
    body: BodyChange | None
    bylines_added: list[str]
    bylines_removed: list[str]
    photos_added: list[str]
    photos_hidden: list[str]  # among those added, the ones readers will not see (credit not cleared, no image…)
    photos_removed: list[str]
    quotes_kept: list  # confirmed now, still printed in the restored text: readers keep seeing them
    quotes_back: list  # confirmed in the old version and gone since: readers see them again
    quotes_withdrawn: list  # confirmed, but no longer printed in the restored text: back to proposed
    quotes_rejected: int  # rejected quotes, kept (never shown)
    proposals_now: int
    proposals_after: int
    address_changes: bool
    refusal: str = ""  # why the restore would be refused (a record it names was deleted…), else empty

    @property
    def number(self) -> int | None:
        return self.version.field_dict.get("version")

    @property
    def saved_by(self) -> str:
        return person_name(self.version.revision.user)

    @property
    def quotes_shown(self) -> list:
        """The confirmed quotes readers see after the restore."""
        return [*self.quotes_kept, *self.quotes_back]

    @property
    def changes_nothing(self) -> bool:
        """Whether readers would see no difference at all."""
        return not any(
            (
                self.fields,
                self.body,
                self.bylines_added,
                self.bylines_removed,
                self.photos_added,
                self.photos_removed,
                self.quotes_back,
                self.quotes_withdrawn,
            )
        )


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


def needs_confirmation(article: Article) -> bool:
    """Whether restoring this story asks first: readers see it now, or will at its scheduled time, so a restore
    changes a page that is (or is about to be) public."""
    return article.is_public or article.is_scheduled


def describe_restore(*, article: Article, version: Version) -> RestorePreview:
    """What restoring ``version`` would change for readers, from the story as it is now (not as it was last saved:
    quotes change without a revision): its own fields, the body in paragraphs, bylines, photos and quotes."""
    article = Article.objects.select_related("section").get(pk=article.pk)
    old = snapshot(version)
    plan = _plan(article, old)
    candidate = Article.objects.get(pk=article.pk)
    for name in RESTORED_FIELDS:
        attname = Article._meta.get_field(name).attname
        setattr(candidate, attname, old.fields[attname])
    try:
        _check_restorable(candidate, plan.parts)
        refusal = ""
    except RestoreRefused as refused:
        refusal = refused.message
    show = _Display()
    fields = []
    for name in RESTORED_FIELDS:
        if name == "body":
            continue
        field = Article._meta.get_field(name)
        now, after = show(field, getattr(article, field.attname)), show(field, old.fields.get(field.attname))
        if now != after:
            fields.append(FieldChange(str(capfirst(field.verbose_name)), now, after))

    bylines_now = {
        (byline.contributor_id, byline.role): _byline_label(show, byline.contributor_id, byline.role)
        for byline in article.bylines.order_by("order")
    }
    bylines_after = {
        (data["contributor_id"], data["role"]): _byline_label(show, data["contributor_id"], data["role"])
        for data in sorted(old.parts["bylines"].values(), key=lambda data: data["order"])
    }
    uses_after = sorted(old.parts["photo_uses"].values(), key=lambda data: data["order"])
    photos_now = list(article.photo_uses.order_by("order").values_list("photo_id", flat=True))
    photos_after = [data["photo_id"] for data in uses_after]
    added_photos = [pk for pk in photos_after if pk not in photos_now]
    shown_photos = set(Photo.objects.public().filter(pk__in=added_photos).values_list("pk", flat=True))

    # The quotes as the restore leaves them, judged by services.quotes' rule against the restored text and captions.
    photos = Photo._base_manager.in_bulk(photos_after)
    captions = [data["caption"] or getattr(photos.get(data["photo_id"]), "caption", "") for data in uses_after]
    story_text = _story_text(old.fields.get("body") or "", old.fields.get("language") or "", captions)
    kept = [quote for quote in plan.quotes_kept if quote.status == QuoteStatus.CONFIRMED]
    back = [
        Quote(**data)
        for data in sorted(plan.quotes_back.values(), key=lambda data: (data["position"], data["id"]))
        if data["status"] == QuoteStatus.CONFIRMED
    ]
    return RestorePreview(
        article=article,
        version=version,
        live=needs_confirmation(article),
        fields=fields,
        body=_body_change(article.body, old.fields.get("body") or ""),
        bylines_added=[label for key, label in bylines_after.items() if key not in bylines_now],
        bylines_removed=[label for key, label in bylines_now.items() if key not in bylines_after],
        photos_added=[show._name(Photo, pk) for pk in added_photos],
        photos_hidden=[show._name(Photo, pk) for pk in added_photos if pk not in shown_photos],
        photos_removed=[show._name(Photo, pk) for pk in photos_now if pk not in photos_after],
        quotes_kept=[quote for quote in kept if _stays_confirmed(quote, story_text)],
        quotes_back=[quote for quote in back if _stays_confirmed(quote, story_text)],
        quotes_withdrawn=[quote for quote in [*kept, *back] if not _stays_confirmed(quote, story_text)],
        quotes_rejected=sum(quote.status == QuoteStatus.REJECTED for quote in plan.quotes_kept),
        proposals_now=len(plan.quotes_dropped),
        proposals_after=sum(data["status"] == QuoteStatus.PROPOSED for data in plan.quotes_back.values()),
        address_changes=article.status == ArticleStatus.PUBLISHED and article.slug != old.fields.get("slug"),
        refusal=refusal,
    )


def restore_revision(
    *, article: Article, version: Version, user, confirmed: bool = False, seen_version: int | None = None
) -> Article:
    """Bring back the text, section, bylines and photos of ``version``, and its quotes where no editor has decided
    since, as a new revision, audited.

    Quotes an editor holds (confirmed, rejected or edited: ``Quote.held_by_editor``) stay whatever the old version
    had: a restore brings back text, it does not undo the desk's checks. The extractor's proposals follow the old
    version. Confirmed quotes whose words the restored story no longer prints go back to proposed, off the public
    page (services.quotes.quotes_follow_story). The story's state and times stay as they are
    (they change only through the workflow); notes and correction notices are not part of a revision and stay too.

    Raises RestoreRefused, changing nothing, when the user may not restore or when the old version names a
    contributor, photo, source or section that has since been deleted; RestoreNeedsConfirmation when readers can
    see the story (``needs_confirmation``) and the restore is not ``confirmed``, or when the story is no longer at
    ``seen_version``, the version it was at when the person confirming saw what would change."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not can_restore(user, locked):
            raise RestoreRefused(_("You may not restore earlier versions of this story."))
        if version.content_type_id != ContentType.objects.get_for_model(Article).pk or version.object_id != str(
            locked.pk
        ):
            raise RestoreRefused(_("That version belongs to another story."))
        old = snapshot(version)
        plan = _plan(locked, old, lock=True)
        for name in RESTORED_FIELDS:
            attname = Article._meta.get_field(name).attname
            setattr(locked, attname, old.fields[attname])
        _check_restorable(locked, plan.parts)
        # Asked under the row lock, so a story published between the compare page and this request still asks.
        if seen_version is not None and seen_version != locked.version:
            raise RestoreNeedsConfirmation(
                _(
                    "The story was changed since you looked, so nothing was restored. "
                    "Here is what restoring would change now."
                )
            )
        if not confirmed and needs_confirmation(locked):
            raise RestoreNeedsConfirmation(
                _(
                    "Nothing was restored yet: readers can see this story. "
                    "Check what will change for them, then confirm."
                )
            )
        comment = _("Restored the version of %(time)s by %(person)s") % {
            "time": formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"),
            "person": person_name(version.revision.user),
        }
        with reversion.create_revision():
            # Today's bylines, photo uses and proposed quotes go and the old ones come back with their old ids;
            # deleting first means two rows can never collide on a story's unique orders while they are swapped back.
            locked.bylines.all().delete()
            locked.photo_uses.all().delete()
            Quote.objects.filter(pk__in=[quote.pk for quote in plan.quotes_dropped]).delete()
            for part in plan.reverted:
                part.revert()
            locked.save()
            # Confirmed quotes whose words the restored text no longer prints go back to proposed, flagged for the
            # desk (services.quotes). The story's save has already run that rule (articles/signals.py keeps what it
            # sent back on the story); calling it again keeps the restore's promise whatever the signals do, and
            # finds nothing when they ran. The quotes' own saves put their new status into this revision.
            withdrawn = [*getattr(locked, "quotes_sent_back", []), *quote_rules.quotes_follow_story(locked)]
            reversion.set_user(user)
            reversion.set_comment(comment)
        note = comment
        if withdrawn:
            note += "\n" + _("Confirmed quotes no longer in the text, back to proposed: %(quotes)s") % {
                "quotes": "; ".join(f"“{quote.text[:120]}”" for quote in withdrawn)
            }
        AuditEntry.record(target=locked, action=AuditEntry.Action.RESTORE, user=user, note=note)
    return locked


@dataclass
class _Plan:
    """What a restore does to the story's parts: the old version's bylines and photo uses replace today's, the
    quotes an editor holds stay, and the extractor's proposals follow the old version."""

    old: Snapshot
    quotes_kept: list[Quote]  # held by an editor now: they stay, whatever the old version had
    quotes_dropped: list[Quote]  # the extractor's proposals now: they give way to the old version's
    quotes_back: dict[int, dict]  # the old version's quotes that come back, field values by primary key

    @property
    def parts(self) -> dict[str, dict[int, dict]]:
        """The parts the restore brings back, as ``Snapshot.parts``."""
        return {**self.old.parts, "quotes": self.quotes_back}

    @property
    def reverted(self) -> list[Version]:
        """The saved part versions the restore reverts."""
        quote_type = ContentType.objects.get_for_model(Quote).pk
        return [
            part
            for part in self.old.part_versions
            if part.content_type_id != quote_type or int(part.object_id) in self.quotes_back
        ]


def _plan(article: Article, old: Snapshot, *, lock: bool = False) -> _Plan:
    quotes = Quote.objects.filter(article=article).select_related("source").order_by("position", "pk")
    quotes_now = list(quotes.select_for_update(of=("self",)) if lock else quotes)
    kept = [quote for quote in quotes_now if quote.held_by_editor]
    kept_pks = {quote.pk for quote in kept}
    kept_texts = [
        quote_rules.normalise_quote(words) for quote in kept for words in (quote.text, quote.original_text) if words
    ]
    # An old quote an editor has decided or edited since, under its own id or as a copy with the same words, now or
    # as first recorded (extraction never makes a second one), stays as the editor left it: bringing the old one
    # back would duplicate it.
    back = {
        pk: data
        for pk, data in old.parts["quotes"].items()
        if pk not in kept_pks
        and not any(quote_rules.same_quote(quote_rules.normalise_quote(data["text"]), text) for text in kept_texts)
    }
    dropped = [quote for quote in quotes_now if not quote.held_by_editor]
    return _Plan(old=old, quotes_kept=kept, quotes_dropped=dropped, quotes_back=back)


def _story_text(body: str, language: str, captions: list[str]) -> str:
    # The words services.quotes.StoryText checks a quote against (the body's paragraphs, the photo captions and the
    # quotes the extractor reads in them), for a story not saved yet: the old version's body with its own captions.
    paragraphs = quote_rules.body_paragraphs(body)
    found = extract_quotes(paragraphs, caption=captions[0] if captions else "", language=language or None)
    return quote_rules.normalise_quote(" ".join([*paragraphs, *(quote.text for quote in found), *captions]))


def _stays_confirmed(quote: Quote, story_text: str) -> bool:
    # services.quotes.quotes_follow_story's rule: a paraphrase stays, other quotes only while the story prints them.
    text = quote_rules.normalise_quote(quote.text)
    return quote.is_paraphrase or (bool(text) and text in story_text)


def _body_change(now: str, after: str) -> BodyChange | None:
    if now == after:
        return None
    before, later = body_paragraphs(now), body_paragraphs(after)
    added = removed = changed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, later, autojunk=False).get_opcodes():
        if op != "equal":
            paired = min(i2 - i1, j2 - j1)
            changed, removed, added = changed + paired, removed + i2 - i1 - paired, added + j2 - j1 - paired
    return BodyChange(added=added, removed=removed, changed=changed)


def _byline_label(show: _Display, contributor_id, role: str) -> str:
    return f"{show._name(Contributor, contributor_id)} ({dict(BylineRole.choices).get(role, role)})"


def _check_restorable(article: Article, parts: dict[str, dict[int, dict]]) -> None:
    missing = []
    if not Section.objects.filter(pk=article.section_id).exists():
        missing.append(_("section #%(pk)s") % {"pk": article.section_id})
    for name, model in STORY_PARTS.items():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.name == "article":
                continue
            wanted = {data[field.attname] for data in parts[name].values() if data[field.attname] is not None}
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
