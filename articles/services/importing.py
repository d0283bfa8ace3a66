"""Turning a plain-text story file into a draft story: the story, its photo record and its proposed quotes, in one
transaction, so a failure leaves nothing behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import reversion
from django.core.files import File
from django.utils.html import escape
from django.utils.text import slugify

from articles.models import Article, ArticlePhoto, Photo, Quote, Section
from articles.photos.uploads import accept_photo_file
from articles.services.photo_credits import metadata_from_file
from articles.services.photo_files import transaction_with_files
from articles.services.photos import save_photo
from articles.services.sources import source_for_speaker
from articles.text.quotes import extract_quotes
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
    # The first revision of the story, with its photo and quotes, so its history starts where it came from.
    with reversion.create_revision():
        reversion.set_comment(f"Imported from {story_file.path.name}")
        story = story_file.story
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
            ArticlePhoto.objects.create(article=article, photo=photo, order=0)
        for found in story_file.quotes:
            Quote.objects.create(
                article=article,
                text=found.text,
                source=source_for_speaker(found.speaker, found.speaker_title, seen_on=article.publication_date),
                speaker_title=found.speaker_title[:255],
                position=found.paragraph + 1,  # the caption is paragraph -1, stored as 0
            )
        return article
