"""Turning a plain-text story file into a draft story: the story, its photo record and its proposed quotes, in one
transaction, so a failure leaves nothing behind.

An import costs the same number of queries however many quotes the story has (tests/test_import_costs.py): the
quotes, their speakers' source records and titles are written in bulk, the story is indexed for search and the pages
made stale once when all its parts are written, and its first revision follows them all in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import reversion
from django.core.files import File
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles.models import Article, ArticlePhoto, Photo, Quote, Section
from articles.models.text_fields import strip_control_characters
from articles.photos.uploads import accept_photo_file
from articles.services.photo_credits import metadata_from_file
from articles.services.photo_files import transaction_with_files
from articles.services.photos import save_photo
from articles.services.sources import sources_for_speakers
from articles.signals import stories_changed, stories_changed_once
from articles.text.names import name_key
from articles.text.quotes import ExtractedQuote, extract_quotes
from articles.text.story_format import DEFAULT_MAX_BYTES, ParsedStory, StoryFormatError, parse_story_bytes


@dataclass(frozen=True)
class StoryFile:
    """A story file read and understood, before anything is written."""

    path: Path
    story: ParsedStory
    quotes: tuple

    def preview(self) -> dict:
        """What ``import_story --dry-run --json`` prints."""
        return {**self.story.as_dict(), "quotes": [quote.as_dict() for quote in self.quotes]}


def read_story_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> StoryFile:
    """Read, validate and parse one story file; raise StoryFormatError with a clear message when it is unusable."""
    path = Path(path)
    try:
        if path.is_dir():
            raise StoryFormatError("unreadable", f"{path} is a folder, not a story file")
        size = path.stat().st_size
        if size > max_bytes:
            # Refuse before reading: a huge file is never loaded into memory.
            raise StoryFormatError("too_large", f"file is {size:,} bytes; the limit is {max_bytes:,}")
        data = path.read_bytes()
    except OSError as error:
        raise StoryFormatError("unreadable", f"cannot read {path}: {error.strerror or error}") from error
    story = parse_story_bytes(data, max_bytes=max_bytes)
    quotes = tuple(extract_quotes(story.paragraphs, caption=story.photo_caption, language=story.language))
    return StoryFile(path=path, story=story, quotes=quotes)


def story_body_html(paragraphs) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def unique_slug(headline: str, *, publish_at: datetime | None, exclude_pk: int | None = None) -> str:
    """A slug from the headline that no other story published the same day has (``-2``, ``-3`` … when needed)."""
    base = slugify(headline)[:190].strip("-") or "berita"
    if publish_at is None:
        return base
    probe = Article(publish_at=publish_at)
    day = probe._newsroom_date()
    taken = set(
        Article.objects.filter(publication_date=day, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


# transaction_with_files: atomic, and the photo file (and its renditions) stored in it go if it rolls back.
@transaction_with_files()
def import_story(
    *,
    story_file: StoryFile,
    section: Section,
    created_by=None,
    image: File | None = None,
    status: str = Article.Status.DRAFT,
    publish_at: datetime | None = None,
    approve_credit: bool = False,
    kicker: str = "",
    dek: str = "",
) -> Article:
    """Create the story, its photo (credit pending unless ``approve_credit``) and its proposed quotes."""
    story = story_file.story
    parts: list[ArticlePhoto | Quote] = []
    # Each save below would re-index the story and make the pages stale again: done once, when all are written.
    with stories_changed_once():
        article = Article.objects.create(
            headline=story.headline,
            kicker=kicker,
            dek=dek,
            slug=unique_slug(story.headline, publish_at=publish_at),
            body=story_body_html(story.paragraphs),
            section=section,
            language=story.language,
            status=status,
            publish_at=publish_at,
            created_by=created_by,
        )
        if story.photo_caption or story.photo_credit or image:
            photo = Photo(
                caption=story.photo_caption,
                credit=story.photo_credit or "",
                alt_text=story.photo_caption[:255],
                credit_status=Photo.CreditStatus.APPROVED
                if approve_credit and story.photo_credit
                else Photo.CreditStatus.PENDING,
            )
            read_metadata = None
            if image is not None:
                accept_photo_file(image)  # raises ValidationError: the transaction then leaves nothing behind
                read_metadata = metadata_from_file(image)
                photo.image = image
            # The same save as the photo admin's: the file is stored (StorageFailed when it cannot be: nothing is
            # kept), its metadata fills what the story left empty, the photographer the credit names is linked (or
            # the several it matches are flagged for the desk), and its renditions are asked of the task queue.
            save_photo(photo=photo, user=created_by, read_metadata=read_metadata)
            parts.append(ArticlePhoto.objects.create(article=article, photo=photo, order=0))
        parts += propose_quotes(article, story_file.quotes)
        stories_changed([article.pk])  # the bulk inserts sent no signal
    # The first revision of the story, with its photo and quotes, so its history starts where it came from: taken
    # once they are all written. The parts are added as they are in memory; the story then follows its relations
    # and finds them there already. (Inside a caller's own revision block, this one joins it, as the saves did.)
    # No savepoint of its own: it fails or commits with the import's transaction.
    with reversion.create_revision(atomic=False):
        reversion.set_comment(f"Imported from {story_file.path.name}")
        for part in parts:
            reversion.add_to_revision(part)
        reversion.add_to_revision(article)
    return article


def propose_quotes(article: Article, found: Sequence[ExtractedQuote]) -> list[Quote]:
    """Save the quotes extraction found as proposed quotes of ``article``, each linked to its speaker's source.

    Bulk inserts, so no signal is sent: the caller re-indexes the story, and the revision follows the quotes."""
    seen_on = article.publication_date or timezone.localdate()
    sources = sources_for_speakers([(quote.speaker, quote.speaker_title) for quote in found], seen_on=seen_on)
    quotes = [
        Quote(
            article=article,
            text=quote.text,
            source=sources.get(name_key(quote.speaker or "")),
            speaker_title=quote.speaker_title[:255],
            speaker_kind=quote.speaker_kind,
            position=quote.paragraph + 1,  # the caption is paragraph -1, stored as 0
        )
        for quote in found
    ]
    for quote in quotes:
        strip_control_characters(quote)  # what the pre_save receiver does on a save
    return Quote.objects.bulk_create(quotes)
