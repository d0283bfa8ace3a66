"""Demo content for ``make run`` and for measuring: hand-written stories, imported files and generated ones.

Hand-written and imported stories go through the same import service as ``import_story`` and are loaded once
(matched by headline). Generated stories use bulk inserts so that 10,000 of them take seconds, not minutes; what
bulk inserts skip (the model's save()) is done here by hand: the derived publication date and the cleaned body.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles import search
from articles.demo import catalog
from articles.demo.corpus import CORPUS, NUMBER_RANGE
from articles.demo.images import demo_picture
from articles.models import Article, ArticlePhoto, Byline, Contributor, Photo, Quote, Section, Source
from articles.services.agencies import setup_agencies
from articles.services.contributors import link_credited_photos
from articles.services.importing import import_story, read_story_file
from articles.services.photo_files import transaction_with_files
from articles.services.photos import save_photo
from articles.signals import stories_changed
from articles.text.names import name_key

STORIES_DIR = Path(__file__).resolve().parent / "stories"
PHOTO_POOL_SIZE = 12
BATCH_SIZE = 500

Progress = Callable[[str], None]


def ensure_sections_and_contributors() -> None:
    # The agencies first: demo photos credited to ANTARA, AP… get their licence and terms as the desk's uploads do.
    setup_agencies()
    for section in catalog.SECTIONS:
        Section.objects.update_or_create(
            slug=section.slug, defaults={"name": section.name, "name_en": section.name_en, "order": section.order}
        )
    for person in catalog.CONTRIBUTORS:
        Contributor.objects.update_or_create(
            slug=person.slug, defaults={"name": person.name, "title": person.title, "bio": person.bio}
        )
    # Photos saved before their photographer's record existed (an older seed, an import) are linked now: saving a
    # photo links only the contributors that exist at that moment.
    link_credited_photos()


def load_handwritten_stories(progress: Progress) -> int:
    """The stories in articles/demo/stories/, published with approved credits; each loaded only once."""
    loaded = 0
    now = timezone.now()
    for number, entry in enumerate(catalog.STORIES):
        story_file = read_story_file(STORIES_DIR / entry.file)
        if Article.objects.filter(headline=story_file.story.headline).exists():
            continue
        # One revision around the import and what the demo adds to it (django-reversion stores the story and its
        # parts as they are when the outermost block ends), so version 1 has the bylines and confirmed quotes.
        with transaction_with_files(), reversion.create_revision():  # the picture goes if the story rolls back
            article = import_story(
                story_file=story_file,
                section=Section.objects.get(slug=entry.section),
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(hours=entry.hours_ago),
                approve_credit=True,
                kicker=entry.kicker,
                dek=entry.dek,
                image=demo_picture(entry.kicker or story_file.story.headline, seed=number + 1),
            )
            for order, (slug, role) in enumerate(entry.bylines, start=1):
                Byline.objects.create(
                    article=article, contributor=Contributor.objects.get(slug=slug), role=role, order=order
                )
            article.tags.add(*entry.tags)
            # Hand-written demo quotes are the desk's own: shown to readers as confirmed.
            article.quotes.update(status=Quote.Status.CONFIRMED)
            stories_changed([article.pk])
            # update() sent no signal: the confirmed quotes join the revision as they now are.
            for quote in article.quotes.all():
                reversion.add_to_revision(quote)
            reversion.set_comment(f"Demo story {entry.file}")
        loaded += 1
        progress(f"  {entry.file}: {article.headline}")
    return loaded


def import_folder(folder: Path, progress: Progress) -> int:
    """Every .txt story in ``folder``, published with approved credits and a generated picture; each once."""
    loaded = 0
    section = Section.objects.order_by("order").first()
    for number, path in enumerate(sorted(folder.glob("*.txt"))):
        story_file = read_story_file(path)
        if Article.objects.filter(headline=story_file.story.headline).exists():
            continue
        import_story(
            story_file=story_file,
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(minutes=5 + number),
            approve_credit=True,
            image=demo_picture(story_file.story.photo_caption or story_file.story.headline, seed=100 + number),
        )
        loaded += 1
        progress(f"  {path.name}: {story_file.story.headline}")
    return loaded


def classify_demo_sources() -> int:
    """Take the suggested kind of every other demo source that awaits one, as an editor would, so the “who gets
    quoted” report shows confirmed kinds beside suggestions still waiting. Returns how many were confirmed."""
    waiting = list(Source.objects.filter(source_type="").exclude(suggested_type="").order_by("pk"))
    chosen = waiting[::2]
    for source in chosen:
        source.source_type, source.level = source.suggested_type, source.suggested_level
    Source.objects.bulk_update(chosen, ["source_type", "level"])
    return len(chosen)


def photo_pool() -> list[Photo]:
    """A dozen approved demo photos that generated stories reuse, made once."""
    pool = list(Photo.objects.public().order_by("pk")[:PHOTO_POOL_SIZE])
    photographers = [c for c in catalog.CONTRIBUTORS if c.title.lower().startswith(("fotografer", "photographer"))]
    for seed in range(len(pool), PHOTO_POOL_SIZE):
        credit = photographers[seed % len(photographers)].name if photographers else "Newsroom"
        photo = Photo(
            caption=f"Suasana kota, foto arsip {seed + 1}",
            alt_text=f"Ilustrasi berita {seed + 1}",
            credit=credit,
            credit_status=Photo.CreditStatus.APPROVED,
        )
        photo.image = demo_picture(f"Arsip {seed + 1}", seed=1000 + seed)
        # As the photo admin saves: the file stored, the photographer the credit names linked, renditions queued.
        save_photo(photo=photo, user=None)
        pool.append(photo)
    return pool


class StoryGenerator:
    """Realistic-looking random stories from the corpus, for volume: bulk-inserted in batches."""

    def __init__(self, *, seed: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.sections = list(Section.objects.all())
        self.contributors = list(Contributor.objects.all())
        self.photos = photo_pool()
        self.now = timezone.now()
        self.content_type = ContentType.objects.get_for_model(Article)
        self.sources: dict[str, Source] = {}
        self.tags: dict[str, Tag] = {}

    def fill(self, template: str, language: str, **fixed) -> str:
        words = CORPUS[language]
        values = {
            "place": self.rng.choice(words["PLACES"]),
            "project": self.rng.choice(words["PROJECTS"]),
            "official_role": self.rng.choice(words["OFFICIAL_ROLES"]),
            "name": self.rng.choice(words["PERSON_NAMES"]),
            "topic": self.rng.choice(words["TOPICS"]),
            "photographer": self.rng.choice(words["PHOTOGRAPHERS"]),
            "number": self.rng.randint(*NUMBER_RANGE),
            "day": self.rng.choice(words["DAYS"]),
        }
        values.update(fixed)
        return template.format(**values)

    def generate(self, count: int, progress: Progress) -> int:
        start = Article.objects.count()
        made = 0
        while made < count:
            batch = min(BATCH_SIZE, count - made)
            with transaction.atomic():
                self._insert_batch(start + made, batch)
            made += batch
            progress(f"  generated {made:,} / {count:,} stories")
        return made

    def _insert_batch(self, offset: int, size: int) -> None:
        drafts = [self._article(offset + index) for index in range(size)]
        articles = Article.objects.bulk_create([article for article, _ in drafts])
        bylines, photo_uses, quotes, tagged = [], [], [], []
        for article, (_, (speaker, quote_text, position, tags)) in zip(articles, drafts, strict=True):
            for order, contributor in enumerate(self.rng.sample(self.contributors, self.rng.randint(1, 3)), 1):
                bylines.append(Byline(article=article, contributor=contributor, order=order))
            photo_uses.append(ArticlePhoto(article=article, photo=self.rng.choice(self.photos), order=0))
            quotes.append(
                Quote(
                    article=article,
                    text=quote_text,
                    source=self._source(speaker[0], speaker[1]),
                    speaker_title=speaker[1],
                    position=position,
                    status=Quote.Status.CONFIRMED,
                )
            )
            tagged.extend(
                TaggedItem(tag=self._tag(name), content_type=self.content_type, object_id=article.pk) for name in tags
            )
        Byline.objects.bulk_create(bylines)
        ArticlePhoto.objects.bulk_create(photo_uses)
        Quote.objects.bulk_create(quotes)
        TaggedItem.objects.bulk_create(tagged)
        # bulk_create sends no post_save: index the batch here, with its quotes.
        search.index_articles(articles)

    def _article(self, number: int) -> tuple[Article, tuple]:
        language = "id" if self.rng.random() < 0.75 else "en"
        words = CORPUS[language]
        headline = self.fill(self.rng.choice(words["HEADLINE_PATTERNS"]), language)[:300]
        speaker = (self.rng.choice(words["PERSON_NAMES"]), self.rng.choice(words["OFFICIAL_ROLES"]))
        quote_pattern = self.rng.choice(words["QUOTE_PATTERNS"])
        narrative = self.rng.sample(words["NARRATIVE_PATTERNS"], self.rng.randint(3, 6))
        patterns = [narrative[0], quote_pattern, *narrative[1:]]
        # An Indonesian quote pattern is two paragraphs (attribution, then the quote), split on the blank line.
        paragraphs = [
            paragraph
            for pattern in patterns
            for paragraph in self.fill(pattern, language, name=speaker[0], official_role=speaker[1]).split("\n\n")
        ]
        quote_paragraph = next(p for p in paragraphs if "\u201c" in p)
        quote_text = quote_paragraph.split("\u201c", 1)[1].split("\u201d", 1)[0].rstrip(",. ")
        article = Article(
            headline=headline,
            slug=f"{slugify(headline)[:180].strip('-')}-{number}",
            dek=paragraphs[0][:300],
            body="".join(f"<p>{escape(text)}</p>" for text in paragraphs),
            section=self.rng.choice(self.sections),
            language=language,
            status=Article.Status.PUBLISHED,
            publish_at=self.now - timedelta(minutes=self.rng.randrange(60, 60 * 24 * 365)),
        )
        # What Article.save() would derive; bulk_create does not call it.
        article.publication_date = article._newsroom_date()
        tags = self.rng.sample(words["TOPICS"], self.rng.randint(1, 3))
        return article, (speaker, quote_text, paragraphs.index(quote_paragraph) + 1, tags)

    def _source(self, name: str, title: str) -> Source:
        key = name_key(name)
        if key not in self.sources:
            source = Source.objects.filter(name_key=key).first() or Source.objects.create(name=name, title=title)
            self.sources[key] = source
        return self.sources[key]

    def _tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(
                name=name, slug=slugify(name) or name
            )
        return self.tags[name]
