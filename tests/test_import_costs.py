"""What an import costs: the same number of queries however many quotes the story has, and still everything an
import leaves behind (the story's first revision with all its parts, its speakers' sources and titles, the search
index right, the pages stale once, one transaction)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from articles import search
from articles.models import Article, Photo, PublicPagesVersion, Quote, Section, Source, SourceTitle
from articles.services import importing
from articles.signals import stories_changed, stories_changed_once

pytestmark = pytest.mark.django_db

SPEAKERS = [
    "Budi Santoso",
    "Ratna Kusumawardani",
    "Hendra Gunawan",
    "Siti Rahmawati",
    "Agus Salim",
    "Dewi Lestari",
    "Joko Susilo",
    "Rina Wulandari",
    "Bambang Pamungkas",
    "Sri Mulyani",
    "Andi Pratama",
    "Yusuf Hakim",
]


def story_with_quotes(folder: Path, quotes: int, *, name: str = "taman") -> Path:
    """A story whose body has ``quotes`` quotes, each by a different speaker with a title of their own."""
    paragraphs = ["Pemerintah kota meresmikan taman baru di Kelurahan Kenanga pada Sabtu pagi."]
    paragraphs += [
        f'"Taman nomor {number} ini akan kami rawat bersama warga setiap hari," kata {speaker}, Ketua RW {number:02d}.'
        for number, speaker in enumerate(SPEAKERS[:quotes], start=1)
    ]
    path = folder / f"{name}-{quotes}.txt"
    text = f"# Warga memadati taman kota. Foto: Rina Wulandari\n\nTaman {name} dengan {quotes} kutipan\n\n"
    path.write_text(text + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def berita(db) -> Section:
    return Section.objects.create(name="Berita", slug="berita")


def import_counting_queries(path: Path, section: Section) -> tuple[Article, int]:
    story_file = importing.read_story_file(path)
    with CaptureQueriesContext(connection) as queries:
        article = importing.import_story(story_file=story_file, section=section)
    return article, len(queries)


@pytest.mark.parametrize("known_speakers", [False, True], ids=["new speakers", "known speakers"])
def test_the_queries_of_an_import_do_not_grow_with_its_quotes(tmp_path, berita, known_speakers):
    """A story with 12 quotes costs the queries of one with 2: quotes, sources and titles are written in bulk, and
    the story is indexed, and the pages made stale, once."""
    import_counting_queries(story_with_quotes(tmp_path, 1, name="first"), berita)  # Django's caches filled
    if known_speakers:
        for speaker in SPEAKERS:
            importing.sources_for_speakers([(speaker, "Warga")], seen_on=date(2025, 1, 1))
    two, two_queries = import_counting_queries(story_with_quotes(tmp_path, 2), berita)
    twelve, twelve_queries = import_counting_queries(story_with_quotes(tmp_path, 12), berita)
    assert (two.quotes.count(), twelve.quotes.count()) == (2, 12)
    assert twelve_queries == two_queries


def test_an_import_without_quotes_asks_nothing_about_sources(tmp_path, berita):
    story_file = importing.read_story_file(story_with_quotes(tmp_path, 0))
    with CaptureQueriesContext(connection) as queries:
        importing.import_story(story_file=story_file, section=berita)
    assert not [query for query in queries if re.search(r'(FROM|INTO) "articles_source', query["sql"])]


def test_the_imported_quotes_their_sources_and_titles(tmp_path, berita):
    """Each quote is proposed, in story order, linked to its speaker's source with the title printed; a confirmed
    source wins over a proposed duplicate; a title seen before widens its dates; a new speaker gets a proposed
    source with the title of their first quote."""
    Source.objects.create(name="Budi Santoso")
    confirmed = Source.objects.create(name="budi santoso", status=Source.Status.CONFIRMED)
    title = SourceTitle.objects.create(
        source=confirmed, title="Ketua RW 01", first_seen=date(2020, 1, 1), last_seen=date(2020, 2, 1)
    )
    article, _ = import_counting_queries(story_with_quotes(tmp_path, 3), berita)

    quotes = list(article.quotes.order_by("position"))
    assert [(quote.position, quote.status) for quote in quotes] == [(2, "proposed"), (3, "proposed"), (4, "proposed")]
    assert [quote.source.name for quote in quotes] == ["budi santoso", "Ratna Kusumawardani", "Hendra Gunawan"]
    assert quotes[0].source == confirmed and quotes[0].speaker_title == "Ketua RW 01"
    title.refresh_from_db()
    assert (title.first_seen, title.last_seen) == (date(2020, 1, 1), timezone.localdate())
    ratna = quotes[1].source
    assert (ratna.status, ratna.title, ratna.name_key) == (Source.Status.PROPOSED, "Ketua RW 02", "ratna kusumawardani")
    assert list(ratna.titles.values_list("title", "first_seen")) == [("Ketua RW 02", timezone.localdate())]
    assert Source.objects.count() == 4


def test_a_speaker_quoted_twice_is_one_source_with_one_title(tmp_path, berita):
    path = tmp_path / "dua.txt"
    path.write_text(
        "Rapat Warga Kenanga\n\n"
        '"Kami akan membuka taman setiap hari mulai pekan depan," kata Budi Santoso, Ketua RW 01.\n\n'
        '"Warga boleh datang sejak pagi sampai malam hari," kata Budi Santoso.\n',
        encoding="utf-8",
    )
    article, _ = import_counting_queries(path, berita)
    assert article.quotes.count() == 2
    budi = Source.objects.get()
    assert list(article.quotes.values_list("source", "speaker_title")) == [(budi.pk, "Ketua RW 01")] * 2
    assert list(budi.titles.values_list("title", flat=True)) == ["Ketua RW 01"]
    assert budi.title == "Ketua RW 01"


def test_an_import_leaves_its_first_revision_with_every_part(tmp_path, berita):
    article, _ = import_counting_queries(story_with_quotes(tmp_path, 12), berita)
    revision = Version.objects.get_for_object(article).get().revision
    assert revision.comment == "Imported from taman-12.txt"
    parts = sorted(version.content_type.model for version in revision.version_set.all())
    assert parts == ["article", "articlephoto", *["quote"] * 12]


def test_an_import_is_found_by_search_and_makes_the_pages_stale_once(tmp_path, berita):
    before = PublicPagesVersion.current()
    article, _ = import_counting_queries(story_with_quotes(tmp_path, 3, name="kenanga"), berita)
    assert search.ranked_ids("kenanga") == [article.pk]
    assert PublicPagesVersion.current() == before + 1


def test_a_failing_quote_step_leaves_nothing(tmp_path, berita, monkeypatch):
    """One transaction: when the speakers cannot be written, the story and its photo go too."""

    def fail(*args, **kwargs):
        raise DatabaseError("deadlock detected")

    monkeypatch.setattr(importing, "sources_for_speakers", fail)
    with pytest.raises(DatabaseError):
        import_counting_queries(story_with_quotes(tmp_path, 2), berita)
    assert not Article.objects.exists() and not Photo.objects.exists() and not Quote.objects.exists()


# --- stories_changed_once ----------------------------------------------------------------------------------------


def test_changes_inside_the_block_are_made_once_at_its_end(make_article):
    article = make_article(headline="Banjir di Kenanga")
    before = PublicPagesVersion.current()
    with stories_changed_once():
        article.headline = "Kemarau di Kenanga"
        article.save()
        stories_changed([article.pk])
        stories_changed()
        assert PublicPagesVersion.current() == before  # nothing yet
        assert search.ranked_ids("kemarau") == []
    assert PublicPagesVersion.current() == before + 1
    assert search.ranked_ids("kemarau") == [article.pk]


def test_a_block_that_fails_or_changes_nothing_does_nothing(make_article):
    article = make_article(headline="Banjir di Kenanga")
    before = PublicPagesVersion.current()
    with stories_changed_once():
        pass
    with pytest.raises(RuntimeError), stories_changed_once():
        stories_changed([article.pk])
        raise RuntimeError("rolled back")
    assert PublicPagesVersion.current() == before
