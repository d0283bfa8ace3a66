"""Restoring an old version of a story, and saying first what a restore would change for readers.

Restoring is itself a new revision and an audit entry, in one transaction. It never deletes a quote an editor
confirmed or rejected, and on a story readers can see it happens only once confirmed, after ``describe_restore`` has
said what will change for them. Reading revisions and comparing them is articles/services/revisions.py.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import cast

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from articles import access, events
from articles.choices import ArticleStatus, BylineRole, QuoteStatus
from articles.models import Article, AuditEntry, Contributor, Photo, Quote, Section
from articles.models.revisions import STORY_PARTS
from articles.services import quotes as quote_rules
from articles.services.revisions import COMPARED_FIELDS, Display, Snapshot, person_name, snapshot
from articles.text.html_paragraphs import body_paragraphs
from articles.text.quotes import extract_quotes

# What a restore brings back besides the parts: every compared field but the workflow's. State and times stay as they
# are now: restoring an old version never publishes, unpublishes or reschedules a story.
WORKFLOW_FIELDS = ("status", "publish_at", "expires_at", "embargo_until")
RESTORED_FIELDS = tuple(name for name in COMPARED_FIELDS if name not in WORKFLOW_FIELDS)


class RestoreRefused(Exception):
    """A restore that may not happen; the message says why, for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RestoreNeedsConfirmation(RestoreRefused):
    """A restore of a story readers can see that was not confirmed, or was confirmed for a state of the story that
    has changed since; nothing changed. The confirmation page is the answer."""


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
    _take_fields(candidate, old)
    try:
        _check_restorable(candidate, plan.parts)
        refusal = ""
    except RestoreRefused as refused:
        refusal = refused.message
    show = Display()
    fields = []
    for name in RESTORED_FIELDS:
        if name == "body":
            continue
        field = cast("models.Field", Article._meta.get_field(name))
        now, after = show(field, getattr(article, field.attname)), show(field, old.fields.get(field.attname))
        if now != after:
            fields.append(FieldChange(str(capfirst(field.verbose_name)), now, after))

    # Every name the preview shows, in one query per kind of record rather than one per byline or photo.
    bylines = list(article.bylines.order_by("order"))
    show.load(
        Contributor,
        [
            *(byline.contributor_id for byline in bylines),
            *(data["contributor_id"] for data in old.parts["bylines"].values()),
        ],
    )
    bylines_now = {
        (byline.contributor_id, byline.role): _byline_label(show, byline.contributor_id, byline.role)
        for byline in bylines
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
    show.load(Photo, [*photos_now, *photos_after])

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
        photos_added=[show.name(Photo, pk) for pk in added_photos],
        photos_hidden=[show.name(Photo, pk) for pk in added_photos if pk not in shown_photos],
        photos_removed=[show.name(Photo, pk) for pk in photos_now if pk not in photos_after],
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
        _take_fields(locked, old)
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
        events.after_edit(locked)
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


def _take_fields(article: Article, old: Snapshot) -> None:
    # The old version's RESTORED_FIELDS on ``article`` (in memory): the same for the preview and the restore.
    for name in RESTORED_FIELDS:
        attname = cast("models.Field", Article._meta.get_field(name)).attname
        setattr(article, attname, old.fields[attname])


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
    paragraphs = body_paragraphs(body)
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


def _byline_label(show: Display, contributor_id, role: str) -> str:
    return f"{show.name(Contributor, contributor_id)} ({dict(BylineRole.choices).get(role, role)})"


def _check_restorable(article: Article, parts: dict[str, dict[int, dict]]) -> None:
    missing = []
    if not Section.objects.filter(pk=article.section_id).exists():
        missing.append(_("section #%(pk)s") % {"pk": article.section_id})
    for name, model in STORY_PARTS.items():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.name == "article":
                continue
            wanted = {data[field.attname] for data in parts[name].values() if data[field.attname] is not None}
            related_model = cast("type[models.Model]", field.related_model)  # a relation: resolved, never None
            found = set(related_model._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
            missing += [f"{field.verbose_name} #{pk}" for pk in sorted(wanted - found)]
    if missing:
        raise RestoreRefused(
            _("That version names records that have since been deleted: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    try:
        article.validate_constraints()
    except ValidationError as error:
        raise RestoreRefused(" ".join(error.messages)) from None
