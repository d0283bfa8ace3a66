"""Taking a wire item in as a draft story, and the editor's decision on a later version kept beside an edited one.

``import_item`` writes through the same pieces as ``import_story`` (articles/services/importing.py): the story saved
with its body cleaned as every save cleans it, its bylines, its photos through ``save_photo`` with the same file checks
as an upload, its quotes proposed from the body, its first revision taken when all of it is written. Everything runs
in one ``transaction_with_files`` block, so a failure anywhere — a hostile picture, a disk that fills up — leaves no
story, no photo and no stored file behind.

An item is known by its GUID and version (``WireStory``). A later version updates the draft in place (a new revision)
only while nobody has touched it since the import: the story's own version counter, which every save and every change
of its parts moves, is still the one recorded right after the import, and it is still a draft. Otherwise the later
version is kept on the record and flagged; the story is not changed until an editor applies it (``apply_pending``) or
dismisses it (``dismiss_pending``). A published story is never changed by an import.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles import access
from articles.choices import BylineRole
from articles.models import Article, ArticlePhoto, Byline, Contributor, Photo, Section
from articles.photos.uploads import accept_photo_file
from articles.services.agencies import agency_named_in, house_credit
from articles.services.importing import propose_quotes, unique_slug
from articles.services.photo_credits import metadata_from_file, original_filename
from articles.services.photo_files import transaction_with_files
from articles.services.photos import save_photo
from articles.services.quotes import extract_again
from articles.signals import stories_changed, stories_changed_once
from articles.text.html_paragraphs import body_paragraphs
from articles.text.names import name_key
from articles.text.quotes import extract_quotes
from wire.items import WireByline, WireFormatError, WireItem, WirePicture
from wire.models import WirePhoto, WireStory

CREATED, UPDATED, FLAGGED, UNCHANGED = "created", "updated", "flagged", "unchanged"
REVIEW_PERMISSION = "wire.review_wire_version"
# The section new wire drafts are filed in (created when missing, like ``import_story --section``).
DEFAULT_SECTION_SLUG = "berita"
# How an item's byline roles map to the site's; any other role is credited as a contributor.
BYLINE_ROLES = {
    "": BylineRole.REPORTER,
    "writer": BylineRole.REPORTER,
    "author": BylineRole.REPORTER,
    "reporter": BylineRole.REPORTER,
    "correspondent": BylineRole.REPORTER,
    "photographer": BylineRole.PHOTOGRAPHER,
    "editor": BylineRole.EDITOR,
}
# ISO 639 codes that name one of the site's languages under another code ("in" is Indonesian before 1989).
LANGUAGE_ALIASES = {"in": "id", "ind": "id", "eng": "en"}
MAX_TAGS = 20
MAX_GUID_LENGTH = 500  # WireStory.guid


@dataclass(frozen=True)
class ImportOutcome:
    """What ``import_item`` did: ``status`` is created, updated, flagged or unchanged; ``message`` says what the
    person importing should know (a language the site does not have, why nothing changed)."""

    status: str
    article: Article | None
    message: str = ""
    wire_story: WireStory | None = None


# --- the item as stored ----------------------------------------------------------------------------------------


def item_to_json(item: WireItem) -> dict:
    """The item as plain JSON (times in ISO 8601, paths as text): kept on the record while it waits for an editor."""

    def plain(value):
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, list | tuple):
            return [plain(part) for part in value]
        if isinstance(value, dict):
            return {key: plain(part) for key, part in value.items()}
        return value

    return plain(asdict(item))


def item_from_json(data: dict) -> WireItem:
    """The item ``item_to_json`` stored."""

    def when(value):
        return datetime.fromisoformat(value) if value else None

    fields = dict(data)
    for name in ("first_created", "version_created", "embargoed_until"):
        fields[name] = when(fields.get(name))
    fields["bylines"] = tuple(WireByline(**byline) for byline in fields.get("bylines", ()))
    fields["subjects"] = tuple(fields.get("subjects", ()))
    fields["pictures"] = tuple(
        WirePicture(**{**picture, "local_path": Path(picture["local_path"]) if picture.get("local_path") else None})
        for picture in fields.get("pictures", ())
    )
    return WireItem(**fields)


def content_hash(item: WireItem) -> str:
    return hashlib.sha256(json.dumps(item_to_json(item), sort_keys=True).encode()).hexdigest()


# --- import ------------------------------------------------------------------------------------------------------


def import_item(item: WireItem, *, user=None) -> ImportOutcome:
    """Take ``item`` in (see the module's docstring); one transaction. Raises WireFormatError when the item or one of
    its pictures cannot be taken (nothing is then written), StorageFailed when a picture cannot be stored."""
    _check(item)
    with transaction_with_files():
        record = WireStory.objects.select_for_update().filter(guid=item.guid).first()
        if record is None:
            return _create(item, user=user)
        if item.version < max(record.version, record.pending_version or 0):
            return _unchanged(record, item, _("Version %(new)d is older than version %(taken)d, already taken."))
        if item.version == record.pending_version:
            return _unchanged(record, item, _("Version %(taken)d already waits for an editor."))
        if item.version == record.version:
            if record.content_hash == content_hash(item):
                return _unchanged(record, item, _("Version %(taken)d is already taken."))
            message = _("Version %(taken)d was already taken with other content; the agency must send a new version.")
            return _unchanged(record, item, message)
        article = Article.objects.select_for_update().filter(pk=record.article_id).first()
        if article is None:
            # The story was deleted: a later version starts a new draft.
            return _create(item, user=user, record=record)
        if article.status != Article.Status.DRAFT or article.version != record.article_version:
            return _flag(record, item)
        notes = _write_version(article, record, item, user=user, comment=_imported_comment(item))
        return ImportOutcome(UPDATED, article, " ".join(notes), record)


def _check(item: WireItem) -> None:
    if not item.guid.strip():
        raise WireFormatError(_("The item has no GUID or URI, so a later version could never be matched to it."))
    if len(item.guid) > MAX_GUID_LENGTH:
        raise WireFormatError(_("The item's GUID is longer than 500 characters."))
    if not _one_line(item.headline):
        raise WireFormatError(_("The item has no headline."))
    if item.version < 0:
        raise WireFormatError(_("The item's version is negative."))


def _create(item: WireItem, *, user, record: WireStory | None = None) -> ImportOutcome:
    language, notes = site_language(item.language)
    section = wire_section()
    record = record or WireStory(guid=item.guid)
    with stories_changed_once():
        article = Article.objects.create(
            **_story_fields(item, language),
            slug=unique_slug(clean_headline(item), publish_at=None),
            section=section,
            status=Article.Status.DRAFT,
            created_by=user,
        )
        article.tags.set(_tags(item))
        _write_bylines(article, item.bylines)
        _remember(record, item, article)  # the pictures below point at it
        uses = _add_pictures(article, record, item, user=user)
        lead_caption = uses[0].display_caption if uses else ""
        found = extract_quotes(body_paragraphs(article.body), caption=lead_caption, language=article.language)
        propose_quotes(article, found)
        stories_changed([article.pk])  # the bulk inserts sent no signal
    _revision(article, user=user, comment=_imported_comment(item))
    _remember(record, item, article)  # the story's version once every part is written
    return ImportOutcome(CREATED, article, " ".join(notes), record)


def _write_version(article: Article, record: WireStory, item: WireItem, *, user, comment: str) -> list[str]:
    """Write ``item`` over ``article`` (a later version): its text, bylines, tags and any new picture; proposed quotes
    follow the new text and an editor's decisions on quotes are kept (``extract_again``). A new revision."""
    language, notes = site_language(item.language)
    for name, value in _story_fields(item, language).items():
        setattr(article, name, value)
    if article.status == Article.Status.DRAFT:
        article.slug = unique_slug(article.headline, publish_at=None)  # a draft's address follows its headline
    with stories_changed_once():
        article.save()  # EditConflict when ``article`` is an older copy: nothing is written
        article.tags.set(_tags(item))
        Byline.objects.filter(article=article).delete()
        _write_bylines(article, item.bylines)
        _add_pictures(article, record, item, user=user)
        extract_again(article=article, user=user)
        stories_changed([article.pk])
    _revision(article, user=user, comment=comment)
    _remember(record, item, article)
    return notes


def _flag(record: WireStory, item: WireItem) -> ImportOutcome:
    record.pending_item = item_to_json(item)
    record.pending_version = item.version
    record.flagged_at = timezone.now()
    record.resolution, record.resolved_by, record.resolved_at = "", None, None
    record.save()
    message = _("The story was changed after the import: version %(version)d waits for an editor.") % {
        "version": item.version
    }
    return ImportOutcome(FLAGGED, record.article, message, record)


def _unchanged(record: WireStory, item: WireItem, message: str) -> ImportOutcome:
    taken = max(record.version, record.pending_version or 0)
    return ImportOutcome(UNCHANGED, record.article, message % {"new": item.version, "taken": taken}, record)


def _remember(record: WireStory, item: WireItem, article: Article) -> None:
    """Record ``item`` as taken into ``article`` and the story's version as it now stands."""
    record.version = item.version
    record.article = article
    record.article_version = Article.objects.filter(pk=article.pk).values_list("version", flat=True).get()
    article.version = record.article_version  # parts written in bulk moved it; the caller's copy follows
    record.source_format = item.source_format[:20]
    record.provider = item.provider[:120]
    record.agency = agency_named_in(item.provider) if item.provider else None
    record.headline = clean_headline(item)
    record.content_hash = content_hash(item)
    record.pending_item, record.pending_version, record.flagged_at = None, None, None
    record.save()


def _revision(article: Article, *, user, comment: str) -> None:
    # Taken once every part is written; the story follows its bylines, photo uses and quotes (articles/models/
    # revisions.py). No savepoint of its own: it fails or commits with the import.
    with reversion.create_revision(atomic=False):
        reversion.set_comment(comment)
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.add_to_revision(article)


def _imported_comment(item: WireItem) -> str:
    return _("Imported from the wire: %(provider)s %(guid)s, version %(version)d") % {
        "provider": item.provider or item.source_format,
        "guid": item.guid,
        "version": item.version,
    }


# --- the story's parts -------------------------------------------------------------------------------------------


def site_language(tag: str) -> tuple[str, list[str]]:
    """The site's language for a BCP 47 tag ("id-ID" → "id", "en-US" → "en"), and a note when the site has none."""
    primary = (tag or "").replace("_", "-").split("-")[0].strip().lower()
    primary = LANGUAGE_ALIASES.get(primary, primary)
    if primary in Article.Language.values:
        return primary, []
    default = Article._meta.get_field("language").get_default()
    note = _("The item's language “%(language)s” is not one of the site's: the draft is filed as %(site)s.") % {
        "language": tag or "?",
        "site": Article.Language(default).label,
    }
    return default, [note]


def wire_section() -> Section:
    slug = getattr(settings, "NEWSROOM_WIRE_SECTION", DEFAULT_SECTION_SLUG)
    section, _created = Section.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()[:80]})
    return section


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _plain(html: str) -> str:
    """Text without markup, entities decoded (a dek or a caption delivered as HTML)."""
    return " ".join(body_paragraphs(html or ""))


def clean_headline(item: WireItem) -> str:
    """The headline a story gets from ``item``: one line of text, no markup, at most 300 characters."""
    return _plain(item.headline)[:300] or _one_line(item.headline)[:300]


def _story_fields(item: WireItem, language: str) -> dict:
    embargo = item.embargoed_until
    if embargo is not None and timezone.is_naive(embargo):
        embargo = timezone.make_aware(embargo, timezone.get_default_timezone())
    return {
        "headline": clean_headline(item),
        "dek": _plain(item.dek),
        "body": item.body_html or "",  # cleaned by Article.save, as every save is (nh3, the editor's allowlist)
        "language": language,
        "embargo_until": embargo,
    }


def _tags(item: WireItem) -> list[str]:
    names: list[str] = []
    for subject in item.subjects:
        name = _one_line(subject)[:100]
        if name and name_key(name) not in {name_key(known) for known in names}:
            names.append(name)
    return names[:MAX_TAGS]


def _write_bylines(article: Article, bylines) -> list[Byline]:
    written: list[Byline] = []
    seen: set[tuple[int, str]] = set()
    for byline in bylines:
        name = _one_line(byline.name)[:120]
        if not name:
            continue
        role = BYLINE_ROLES.get(byline.role.strip().lower(), BylineRole.CONTRIBUTOR)
        contributor = contributor_named(name)
        if (contributor.pk, role) in seen:
            continue
        seen.add((contributor.pk, role))
        written.append(Byline.objects.create(article=article, contributor=contributor, role=role, order=len(written)))
    return written


def contributor_named(name: str) -> Contributor:
    """The contributor with this name (case, spacing and accents ignored; the oldest of several), else a new one."""
    key = name_key(name)
    # Contributors are a few hundred at most; folding names in Python keeps one rule for accents everywhere.
    for contributor in Contributor.objects.only("pk", "name").order_by("pk"):
        if name_key(contributor.name) == key:
            return contributor
    base = slugify(name)[:110] or "kontributor"
    taken = set(Contributor.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return Contributor.objects.create(name=name, slug=slug)


def _add_pictures(article: Article, record: WireStory, item: WireItem, *, user) -> list[ArticlePhoto]:
    """Each picture the story does not have yet becomes a pending photo placed after its others: a file beside the
    item is checked like an upload and stored; a remote link is recorded (``WirePhoto``) and never fetched."""
    # The pictures this story already has from the item (a story deleted and imported again has none).
    had = WirePhoto.objects.filter(wire_story=record, photo__uses__article=article)
    known = set(had.values_list("href", flat=True))
    order = max(article.photo_uses.values_list("order", flat=True), default=-1) + 1
    uses = []
    for picture in item.pictures:
        if picture.href in known:
            continue
        known.add(picture.href)
        photo = _photo_for(picture, item)
        if picture.local_path is not None:
            _save_with_file(photo, picture.local_path, user=user)
        else:
            save_photo(photo=photo, user=user)
        WirePhoto.objects.create(
            wire_story=record,
            photo=photo,
            href=picture.href[:2000],
            delivered_as_file=picture.local_path is not None,
            picture_guid=picture.guid[:500],
        )
        uses.append(ArticlePhoto.objects.create(article=article, photo=photo, order=order))
        order += 1
    return uses


def _photo_for(picture: WirePicture, item: WireItem) -> Photo:
    """A pending photo with the credit and rights the item gives; the photo desk approves the credit."""
    credit = _one_line(picture.credit) or house_credit(_one_line(picture.creator) or None, item.provider or None)
    holder = _one_line(picture.copyright_holder)
    notice = _one_line(picture.copyright_notice) or (f"© {holder}" if holder else "")
    notice = notice or _one_line(item.copyright_notice)
    caption = _plain(picture.caption)
    photo = Photo(
        caption=caption,
        credit=credit[:200],
        source=_one_line(item.provider)[:120],
        copyright_notice=notice[:255],
        usage_terms=(picture.usage_terms or item.usage_terms).strip(),
        alt_text=(_one_line(picture.alt_text) or caption)[:255],
        credit_status=Photo.CreditStatus.PENDING,
    )
    # An agency the desk knows gives its own licence and terms (save_photo); any other wire picture is still an
    # agency's, never a staff photo.
    if agency_named_in(photo.credit, photo.source) is None:
        photo.licence_type = Photo.LicenceType.AGENCY
    return photo


def _save_with_file(photo: Photo, path: Path, *, user) -> None:
    if path.is_symlink() or not path.is_file():
        raise WireFormatError(_("The picture file “%(name)s” the item names is not there.") % {"name": path.name})
    with path.open("rb") as handle:
        upload = File(handle, name=path.name)
        try:
            accept_photo_file(upload)  # the same checks as an upload: a hostile file is refused before it is stored
        except ValidationError as error:
            reason = " ".join(error.messages)
            message = _("The picture “%(name)s” was refused: %(reason)s") % {"name": path.name, "reason": reason}
            raise WireFormatError(message) from None
        photo.image = upload
        photo.original_filename = original_filename(path.name)
        save_photo(photo=photo, user=user, read_metadata=metadata_from_file(upload))


# --- an editor's decision on a waiting version -----------------------------------------------------------------


def may_review(user, record: WireStory) -> bool:
    return (
        user is not None
        and user.has_perm(REVIEW_PERMISSION)
        and record.article is not None
        and access.can_edit(user, record.article)
    )


def apply_pending(*, record: WireStory, user, article_version: int | None = None) -> Article:
    """Write the waiting version over the story, as a revision by ``user``. ``article_version`` is the story's
    version the editor saw: EditConflict (nothing written) when it changed since."""
    if not may_review(user, record):
        raise PermissionDenied(_("You may not apply wire versions to this story."))
    with transaction_with_files():
        record = WireStory.objects.select_for_update().get(pk=record.pk)
        if record.pending_item is None or record.article_id is None:
            raise WireFormatError(_("No later version waits for this story."))
        article = Article.objects.select_for_update().get(pk=record.article_id)
        if article_version is not None:
            article.version = article_version  # the save refuses a stale copy (EditConflict)
        item = _files_still_there(item_from_json(record.pending_item))
        comment = _("Wire version %(version)d applied") % {"version": item.version}
        _write_version(article, record, item, user=user, comment=comment)
        _decided(record, WireStory.Resolution.APPLIED, user)
    return article


def _files_still_there(item: WireItem) -> WireItem:
    """The waiting item with a picture file gone since it arrived (the delivery folder cleaned up) kept as its link
    only: the photo desk then attaches the file, as for a remote picture."""
    pictures = tuple(
        replace(picture, local_path=None) if picture.local_path and not picture.local_path.is_file() else picture
        for picture in item.pictures
    )
    return replace(item, pictures=pictures)


def dismiss_pending(*, record: WireStory, user) -> None:
    """Keep the story as the editors made it; the waiting version counts as taken (it will not be flagged again)."""
    if not may_review(user, record):
        raise PermissionDenied(_("You may not dismiss wire versions of this story."))
    with transaction_with_files():
        record = WireStory.objects.select_for_update().get(pk=record.pk)
        if record.pending_version is None or record.pending_item is None:
            return
        record.version = record.pending_version
        record.content_hash = content_hash(item_from_json(record.pending_item))
        record.pending_item, record.pending_version, record.flagged_at = None, None, None
        _decided(record, WireStory.Resolution.DISMISSED, user)


def _decided(record: WireStory, resolution: str, user) -> None:
    record.resolution = resolution
    record.resolved_by = user
    record.resolved_at = timezone.now()
    record.save()
