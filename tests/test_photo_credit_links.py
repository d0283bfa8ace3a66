"""A photo's credit links its photographer the same way on every path (admin, import, seed); a credit that names
several contributors is flagged on the photo with the candidates, for the desk to choose."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Contributor, Photo, Section
from articles.services import importing, photo_credits
from articles.services.photos import save_photo
from tests.conftest import image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_dwis():
    """Two contributors with the same name: a staff photographer and a freelancer."""
    staff = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif", title="Fotografer")
    freelance = Contributor.objects.create(name="Dwí  Arif", slug="dwi-arif-lepas", title="Fotografer lepas")
    return staff, freelance


def test_credit_matching_two_contributors_returns_both(two_dwis):
    """The credit's matches are all contributors it names, not “no one” when there are two."""
    assert set(photo_credits.contributors_for_credit("ANTARA FOTO/Dwi Arif")) == set(two_dwis)
    assert photo_credits.photographer_for_credit("ANTARA FOTO/Dwi Arif") is None
    assert photo_credits.contributors_for_credit("Orang Lain") == []


def test_ambiguous_credit_is_flagged_with_its_candidates(two_dwis):
    """A photo whose credit matches two contributors links no one but keeps both as possible photographers."""
    photo = save_photo(photo=Photo(caption="Pawai", credit="Dwi Arif/ANTARA"), user=None).photo
    assert photo.photographer is None
    assert set(photo.credit_candidates.all()) == set(two_dwis)


def test_choosing_the_photographer_clears_the_candidates(two_dwis):
    """Once the desk sets the photographer, the photo is no longer flagged."""
    staff, _ = two_dwis
    photo = save_photo(photo=Photo(caption="Pawai", credit="Dwi Arif"), user=None).photo
    photo.photographer = staff
    save_photo(photo=photo, user=None)
    photo.refresh_from_db()
    assert photo.photographer == staff and not photo.credit_candidates.exists()


def test_a_credit_naming_one_contributor_links_and_flags_nothing(two_dwis):
    """A credit naming only one contributor links them, with no candidates left behind."""
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    photo = save_photo(photo=Photo(caption="Pawai", credit="Rina Wulandari"), user=None).photo
    assert photo.photographer == rina and not photo.credit_candidates.exists()


def test_photo_admin_shows_the_candidates(editor_client, two_dwis):
    """The photo's change page names both possible photographers, told apart by their titles and addresses."""
    photo = save_photo(photo=Photo(caption="Pawai", credit="Dwi Arif", image=image_file()), user=None).photo
    page = editor_client.get(reverse("admin:articles_photo_change", args=[photo.pk])).text
    assert "Possible photographers" in page
    assert "dwi-arif-lepas" in page and "Fotografer lepas" in page
    for contributor in two_dwis:
        assert reverse("admin:articles_contributor_change", args=[contributor.pk]) in page


def test_photo_list_filters_credits_matching_several_contributors(editor_client, two_dwis):
    """The photo list offers “credit matches several contributors” and lists only those photos under it."""
    save_photo(photo=Photo(caption="Foto ganda", credit="Dwi Arif", image=image_file()), user=None)
    save_photo(photo=Photo(caption="Foto biasa", credit="Orang Lain", image=image_file()), user=None)
    url = reverse("admin:articles_photo_changelist")
    assert "Credit matches several contributors" in editor_client.get(url).text
    listed = editor_client.get(url, {"credit_match": "several"}).text
    assert "Foto ganda" in listed and "Foto biasa" not in listed


def test_imported_story_photo_is_linked_or_flagged(tmp_path, two_dwis):
    """import_story saves its photo the admin's way: a credit naming two contributors is flagged on it."""
    path = tmp_path / "pawai.txt"
    path.write_text(
        "# Warga menonton pawai budaya. Foto: Dwi Arif\n\nPawai Budaya Kenanga\n\nPawai berlangsung meriah.\n",
        encoding="utf-8",
    )
    section = Section.objects.create(name="Kota", slug="kota", order=1)
    article = importing.import_story(story_file=importing.read_story_file(path), section=section)
    photo = Photo.objects.get(uses__article=article)
    assert set(photo.credit_candidates.all()) == set(two_dwis)


def test_seeded_photos_are_on_their_photographers_page(client):
    """After seed_demo, each demo photographer's page shows the approved photos credited to them."""
    call_command("seed_demo", stdout=StringIO(), seed=7, stories=3, no_admin=True)
    credited = Photo.objects.public().exclude(photographer=None)
    assert credited.exists()
    for photographer in Contributor.objects.filter(photos__in=credited).distinct():
        page = client.get(photographer.get_absolute_url()).text
        latest = Photo.objects.public().filter(photographer=photographer).latest("created_at")
        assert escape(latest.caption) in page


def test_seed_links_photos_credited_before_their_photographer_existed(client, make_photo):
    """A demo photo saved before its photographer's record existed is linked when seed_demo runs again."""
    photo = make_photo(caption="Foto lama Yoga", credit="ANTARA FOTO/Yoga Saputra")
    assert photo.photographer is None
    call_command("seed_demo", stdout=StringIO(), seed=7, stories=0, no_admin=True)
    photo.refresh_from_db()
    yoga = Contributor.objects.get(slug="yoga-saputra")
    assert photo.photographer == yoga
    assert "Foto lama Yoga" in client.get(yoga.get_absolute_url()).text
    assert Article.objects.exists()
