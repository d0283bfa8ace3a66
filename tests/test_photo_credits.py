"""Credits read from the file and from the caption, house style, and photographers as contributors."""

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from articles.models import Article, ArticlePhoto, Byline, Contributor, Photo
from articles.services import photo_credits
from articles.services.contributors import merge_contributors
from tests.unit.conftest import SHARED_PHOTOS

pytestmark = pytest.mark.django_db


def jpeg_with_exif(**tags) -> bytes:
    exif = Image.Exif()
    names = {"artist": 0x013B, "copyright": 0x8298, "description": 0x010E}
    for name, value in tags.items():
        exif[names[name]] = value
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (20, 90, 160)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(editor_client, content: bytes, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "image": SimpleUploadedFile("x.jpg", content),
        "caption": "",
        "alt_text": "",
        "credit": "",
        "source": "",
        "copyright_notice": "",
        "licence_type": "staff",
        "usage_terms": "",
        "uses-TOTAL_FORMS": "0",
        "uses-INITIAL_FORMS": "0",
        "uses-MIN_NUM_FORMS": "0",
        "uses-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return editor_client.post(reverse("admin:articles_photo_add"), data)


def test_upload_prefills_empty_fields_from_the_file(editor_client):
    """Creator, copyright and description in the file fill the empty credit, copyright and caption."""
    content = jpeg_with_exif(artist="Dwi Arif", copyright="(c) 2026 Newsroom", description="Warga di taman")
    assert upload(editor_client, content).status_code == 302
    photo = Photo.objects.get()
    assert (photo.credit, photo.copyright_notice, photo.caption) == ("Dwi Arif", "(c) 2026 Newsroom", "Warga di taman")
    assert photo.file_metadata["credit"] == "Dwi Arif"
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_typed_values_win_and_file_values_stay_visible(editor_client):
    """What the editor typed is kept; the values read from the file are shown beside it on the change page."""
    content = jpeg_with_exif(artist="Nama Di Berkas")
    upload(editor_client, content, credit="Rina Wulandari")
    photo = Photo.objects.get()
    assert photo.credit == "Rina Wulandari"
    page = editor_client.get(reverse("admin:articles_photo_change", args=[photo.pk])).text
    assert "Nama Di Berkas" in page and "Rina Wulandari" in page


def test_caption_credit_typed_in_admin_is_split(editor_client):
    """“… Foto: Dwi Arif” typed in the caption becomes credit “Dwi Arif” and a clean caption."""
    upload(editor_client, jpeg_with_exif(), caption="Warga memadati taman kota. Foto: Dwi Arif")
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit) == ("Warga memadati taman kota.", "Dwi Arif")


def test_caption_credit_in_english(editor_client):
    """English captions work the same: “(Photo by Jane Doe/Reuters)”."""
    upload(editor_client, jpeg_with_exif(), caption="Commuters wait at the new stop (Photo by Jane Doe/Reuters)")
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit) == ("Commuters wait at the new stop", "Jane Doe/Reuters")


@pytest.mark.parametrize(
    ("language", "credit", "shown"),
    [("id", "Dwi Arif", "Foto: Dwi Arif"), ("en", "Jane Doe/Reuters", "Photo: Jane Doe/Reuters")],
)
def test_house_style_on_story_pages(client, make_article, make_photo, language, credit, shown):
    """Indonesian pages print “Foto: NAME”, English ones “Photo: NAME”, with the agency after a slash."""
    article = make_article(language=language)
    ArticlePhoto.objects.create(article=article, photo=make_photo(credit=credit))
    assert shown in client.get(article.get_absolute_url()).text


def test_photographer_matched_ignoring_case_spacing_and_accents(editor_client):
    """A credit links to the contributor whose name matches it, whatever the case, spaces or accents."""
    dwi = Contributor.objects.create(name="Dwí Arif", slug="dwi-arif", title="Fotografer")
    upload(editor_client, jpeg_with_exif(), credit="  dwi   ARIF ")
    assert Photo.objects.get().photographer == dwi
    assert photo_credits.photographer_for_credit("ANTARA FOTO/Dwi Arif") == dwi
    assert photo_credits.photographer_for_credit("Orang Lain") is None


def test_photographer_page_lists_approved_photos_and_stories(client, make_article, make_photo):
    """The photographer's public page shows their approved photos and the stories using them, not pending ones."""
    dwi = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif", title="Fotografer")
    story = make_article(headline="Cerita dengan foto Dwi")
    approved = make_photo(photographer=dwi, caption="Foto yang disetujui")
    make_photo(photographer=dwi, approved=False, caption="Foto yang tertunda")
    ArticlePhoto.objects.create(article=story, photo=approved)
    page = client.get(dwi.get_absolute_url()).text
    assert "Foto yang disetujui" in page and "Cerita dengan foto Dwi" in page
    assert "Foto yang tertunda" not in page


def test_merging_contributors_keeps_every_link(make_article, make_photo):
    """Merging moves bylines and photo credits to the kept record; a byline it already has is not doubled."""
    keep = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    duplicate = Contributor.objects.create(name="dwi arif", slug="dwi-arif-2", bio="Fotografer lepas.")
    first, second = make_article(), make_article()
    Byline.objects.create(article=first, contributor=duplicate, role="photographer", order=1)
    Byline.objects.create(article=second, contributor=duplicate, role="photographer", order=1)
    Byline.objects.create(article=second, contributor=keep, role="photographer", order=2)
    photo = make_photo(photographer=duplicate)
    moved = merge_contributors(keep=keep, duplicates=[duplicate])
    assert moved == {"bylines": 1, "photos": 1, "dropped_bylines": 1}
    assert not Contributor.objects.filter(pk=duplicate.pk).exists()
    assert set(Byline.objects.values_list("article_id", "contributor_id")) == {
        (first.pk, keep.pk),
        (second.pk, keep.pk),
    }
    photo.refresh_from_db()
    keep.refresh_from_db()
    assert photo.photographer == keep and keep.bio == "Fotografer lepas."
    assert Article.objects.count() == 2


def test_merge_action_in_admin(editor_client):
    """The desk picks the record to keep on an intermediate page, then the others are merged into it."""
    keep = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    other = Contributor.objects.create(name="Dwi  Arif", slug="dwi-arif-2")
    url = reverse("admin:articles_contributor_changelist")
    page = editor_client.post(url, {"action": "merge_selected", "_selected_action": [keep.pk, other.pk]})
    assert page.status_code == 200 and 'name="keep"' in page.text
    editor_client.post(
        url, {"action": "merge_selected", "_selected_action": [keep.pk, other.pk], "apply": "1", "keep": keep.pk}
    )
    assert list(Contributor.objects.values_list("pk", flat=True)) == [keep.pk]


def test_photo_metadata_command_on_several_files(tmp_path):
    """photo_metadata --json prints one object per file with the six keys as a list; one file gives one object."""
    import json

    files = []
    for number, tags in enumerate(
        [{"artist": "Dwi Arif"}, {"copyright": "Tempo"}, {"description": "Pawai budaya", "artist": "Rina"}]
    ):
        path = tmp_path / f"foto-{number}.jpg"
        path.write_bytes(jpeg_with_exif(**tags))
        files.append(str(path))
    out = StringIO()
    call_command("photo_metadata", *files, "--json", stdout=out)
    results = json.loads(out.getvalue())
    assert [r["file"] for r in results] == files
    assert all(set(r) == {"file", "byline", "credit", "copyright", "caption", "source"} for r in results)
    assert [(r["byline"], r["copyright"], r["caption"]) for r in results] == [
        ("Dwi Arif", None, None),
        (None, "Tempo", None),
        ("Rina", None, "Pawai budaya"),
    ]
    single = StringIO()
    call_command("photo_metadata", files[0], "--json", stdout=single)
    assert json.loads(single.getvalue())["byline"] == "Dwi Arif"


# Defined only when ../shared is on this machine (see tests/unit/conftest.py): a fresh clone does not collect it.
# Its twin: test_photo_metadata_command_on_several_files (files made here).
if SHARED_PHOTOS.exists():

    def test_photo_metadata_command_on_shared_files():
        """photo_metadata --json prints one object per file with the six keys; several files give a list."""
        files = sorted(str(path) for path in SHARED_PHOTOS.iterdir() if path.suffix != ".md")
        out = StringIO()
        call_command("photo_metadata", *files, "--json", stdout=out)
        import json

        results = json.loads(out.getvalue())
        assert [r["file"] for r in results] == files
        assert all(set(r) == {"file", "byline", "credit", "copyright", "caption", "source"} for r in results)
        single = StringIO()
        call_command("photo_metadata", files[0], "--json", stdout=single)
        assert json.loads(single.getvalue()) == results[0]


def test_photo_metadata_command_exit_status(tmp_path):
    """An unreadable file gets an error object and the command goes on; exit 1 only when nothing was read."""
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"not an image")
    good = tmp_path / "baik.jpg"
    good.write_bytes(jpeg_with_exif(artist="Dwi Arif"))
    out = StringIO()
    call_command("photo_metadata", str(bad), str(good), "--json", stdout=out)
    import json

    results = json.loads(out.getvalue())
    assert "error" in results[0] and results[1]["byline"] == "Dwi Arif"
    with pytest.raises(CommandError) as failed:
        call_command("photo_metadata", str(bad), "--json", stdout=StringIO())
    assert failed.value.returncode == 1
