"""seed_demo: hand-written and imported stories once, generated stories in bulk, and the demo admin."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.demo import catalog
from articles.models import Article, ArticlePhoto, Byline, Photo, Quote
from tests.unit.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, seed=7, **options)
    return out.getvalue()


def test_seed_loads_handwritten_stories_once_and_adds_generated_ones():
    """A first run loads the hand-written stories and N generated ones; a second run adds only N more."""
    seed(stories=30)
    handwritten = len(catalog.STORIES)
    assert Article.objects.count() == handwritten + 30
    seed(stories=30)
    assert Article.objects.count() == handwritten + 60
    assert Article.objects.published().count() == handwritten + 60


def test_generated_stories_are_complete():
    """Generated stories have a section, one to three bylines in order, an approved photo with an image and a quote."""
    seed(stories=25)
    generated = Article.objects.exclude(headline__in=[*_handwritten_headlines()])
    assert generated.count() == 25
    for article in generated.for_listing():
        bylines = article.ordered_bylines
        assert 1 <= len(bylines) <= 3
        assert [b.order for b in bylines] == list(range(1, len(bylines) + 1))
        assert article.lead_photo_use is not None
        assert article.quotes.filter(status=Quote.Status.CONFIRMED).exists()
        assert article.publication_date is not None


def test_handwritten_stories_have_bylines_photo_credit_and_quotes(client):
    """Each hand-written story is published with its bylines, an approved, pictured photo and confirmed quotes."""
    seed()
    for article in Article.objects.all():
        assert Byline.objects.filter(article=article).exists()
        use = ArticlePhoto.objects.get(article=article)
        assert use.photo.credit_status == Photo.CreditStatus.APPROVED and use.photo.image
        assert client.get(article.get_absolute_url()).status_code == 200


def test_seed_with_an_imported_story_shows_it_on_home_and_its_page(client):
    """After seed_demo --import DIR (here the repository's tests/fixtures/stories) the home page links the imported
    story, whose page shows caption and credit."""
    folder = FIXTURES / "stories"
    seed(stories=20, **{"import_dir": str(folder)})
    seed(stories=0, **{"import_dir": str(folder)})  # imported stories are loaded once
    article = Article.objects.get(headline="Pasar Kenari Dibuka Kembali, Pemkot Janjikan Retribusi Tidak Naik")
    assert article.get_absolute_url() in client.get(reverse("articles:home")).text
    page = client.get(article.get_absolute_url()).text
    assert "Pedagang menata dagangan di Pasar Kenari yang baru dipugar." in page
    assert "Foto: Dwi Arif" in page


def test_demo_accounts_one_per_role_with_printed_passwords(client):
    """The demo admin and one account per role get fresh random passwords that the command prints."""
    output = seed()
    printed = {
        line.split("user:")[1].split()[0]: line.split("password:")[1].strip()
        for line in output.splitlines()
        if "password:" in line
    }
    assert set(printed) == {"demo", "reporter", "photodesk", "editor", "chief"}
    assert get_user_model().objects.get(username="demo").is_superuser
    assert list(get_user_model().objects.get(username="editor").groups.values_list("name", flat=True)) == ["Editor"]
    for username, password in printed.items():
        assert client.login(username=username, password=password), username
    assert seed().count("password:") == 5  # run again: same accounts, new passwords


def test_bad_arguments_are_clear_errors(tmp_path):
    """A negative count or a missing folder is a command error, not a traceback."""
    with pytest.raises(CommandError):
        seed(stories=-1)
    with pytest.raises(CommandError):
        seed(import_dir=str(tmp_path / "missing"))


def _handwritten_headlines():
    from articles.demo.seeding import STORIES_DIR
    from articles.services.importing import read_story_file

    return [read_story_file(STORIES_DIR / entry.file).story.headline for entry in catalog.STORIES]


def test_if_empty_generates_only_on_a_fresh_database():
    """--if-empty (what make run uses) generates stories the first time only."""
    seed(stories=10, if_empty=True)
    count = Article.objects.count()
    seed(stories=10, if_empty=True)
    assert Article.objects.count() == count == len(catalog.STORIES) + 10


def test_a_demo_storys_first_version_has_its_bylines_and_confirmed_quotes():
    """Version 1 of a hand-written demo story holds the bylines and confirmed quotes the story starts with, so
    restoring it takes none of them away."""
    from articles.services import revisions

    call_command("seed_demo", "--stories", "0", "--no-admin", stdout=StringIO())
    article = Article.objects.filter(bylines__isnull=False).distinct().order_by("pk").first()
    first = revisions.story_versions(article.pk).last()
    old = revisions.snapshot(first)
    assert len(old.parts["bylines"]) == article.bylines.count() > 0
    confirmed = [data for data in old.parts["quotes"].values() if data["status"] == "confirmed"]
    assert len(confirmed) == article.quotes.filter(status="confirmed").count()
