"""import_story: plain-text files become draft stories, one transaction each; bad files are reported and skipped."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from articles.models import Article, Photo, Quote, Source
from articles.services import importing
from tests.unit.conftest import FIXTURES, SHARED_STORY

pytestmark = pytest.mark.django_db

STORY = """# Warga memadati taman kota saat peresmian. Foto: Rina Wulandari

Taman Kota Kenanga Resmi Dibuka untuk Warga

Pemerintah kota meresmikan taman baru di Kelurahan Kenanga pada Sabtu pagi.

Kepala Dinas Pertamanan Kota Ratna Kusumawardani mengatakan, taman ini dibuka setiap hari.

"Kami ingin warga punya ruang hijau yang dekat dengan rumah," ujarnya.
"""


def run(*args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_story", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return out.getvalue(), err.getvalue(), code


@pytest.fixture
def story_path(tmp_path) -> Path:
    path = tmp_path / "taman.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_dry_run_json_on_the_fixture_story_prints_headline_caption_credit_and_quotes():
    """The repository's own story file (tests/fixtures/stories) comes out as one JSON object; nothing is written."""
    out, _, code = run(str(FIXTURES / "stories" / "pasar-kenari.txt"), "--dry-run", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["headline"] == "Pasar Kenari Dibuka Kembali, Pemkot Janjikan Retribusi Tidak Naik"
    assert data["photo_caption"] == "Pedagang menata dagangan di Pasar Kenari yang baru dipugar."
    assert data["photo_credit"] == "Dwi Arif"
    assert data["language"] == "id"
    assert set(data) == {"headline", "photo_caption", "photo_credit", "language", "paragraphs", "quotes"}
    assert len(data["paragraphs"]) == 8
    assert [quote["speaker"] for quote in data["quotes"]] == ["Ratna Kusumawardani", "Hendra Gunawan", "Hendra Gunawan"]
    assert not Article.objects.exists()


# Defined only when ../shared is on this machine (see tests/unit/conftest.py): a fresh clone does not collect it.
# Its twin: the fictional tests/fixtures/stories/pasar-kenari.txt, above.
if SHARED_STORY.exists():

    def test_dry_run_json_on_the_shared_story_prints_headline_caption_and_credit():
        """The shared story's headline, caption, credit and quotes come out as one JSON object; nothing is written."""
        out, _, code = run(str(SHARED_STORY), "--dry-run", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["headline"] == "Bahas Implementasi Kinerja, Pemkot Jakpus Terima Kunjungan Kerja Pemkot Cirebon"
        assert data["photo_caption"] == "Pemkot Jakpus terima kunjungan kerja Pemerintah Kota Cirebon."
        assert data["photo_credit"] == "Dwi Arif"
        assert data["language"] == "id"
        assert set(data) == {"headline", "photo_caption", "photo_credit", "language", "paragraphs", "quotes"}
        assert {quote["speaker"] for quote in data["quotes"]} == {"Denny Ramdany", "Muhammad Jatmika"}
        assert not Article.objects.exists()


def test_import_creates_a_draft_with_pending_photo_and_proposed_quotes(story_path):
    """One file → one draft story, its photo record (credit pending, no image) and proposed quotes with sources."""
    _, _, code = run(str(story_path))
    assert code == 0
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.publish_at is None
    assert article.headline == "Taman Kota Kenanga Resmi Dibuka untuk Warga"
    assert "<p>Pemerintah kota meresmikan" in article.body
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit, photo.credit_status) == (
        "Warga memadati taman kota saat peresmian.",
        "Rina Wulandari",
        Photo.CreditStatus.PENDING,
    )
    assert not photo.image
    quote = Quote.objects.get()
    assert quote.status == Quote.Status.PROPOSED
    assert quote.source.name == "Ratna Kusumawardani"


def test_import_with_image_attaches_the_checked_file(story_path, tmp_path):
    """--image FILE stores the picture (under a generated name) with the pending credit."""
    from tests.conftest import image_file

    picture = tmp_path / "foto.png"
    picture.write_bytes(image_file(fmt="PNG").read())
    _, _, code = run(str(story_path), "--image", str(picture))
    assert code == 0
    photo = Photo.objects.get()
    assert photo.image.name.endswith(".png") and photo.credit_status == Photo.CreditStatus.PENDING


def test_import_with_a_bad_image_is_refused_before_anything_is_written(story_path, tmp_path):
    """An --image that is not an accepted picture stops the command with a clear message."""
    fake = tmp_path / "foto.jpg"
    fake.write_text("<svg onload='alert(1)'></svg>")
    _, err, code = run(str(story_path), "--image", str(fake))
    assert code == 1 and "SVG" in err
    assert not Article.objects.exists() and not Photo.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"# Hanya keterangan foto. Foto: Dwi Arif\n", "headline"),
        (b"Judul\n\n\xc3\x28 bukan utf-8 \xe2\x82", "utf-8"),
    ],
)
def test_bad_file_gets_a_clear_error_and_creates_nothing(tmp_path, content, message):
    """Empty, binary, headline-less and undecodable files are refused with a message; exit status 1."""
    path = tmp_path / "buruk.txt"
    path.write_bytes(content)
    out, _, code = run(str(path), "--json")
    data = json.loads(out)
    assert code == 1
    assert message in data["error"].lower() and data["file"] == str(path)
    assert not Article.objects.exists()


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    """A file over 1 MB is refused by its size."""
    path = tmp_path / "besar.txt"
    path.write_bytes(b"a" * 1_000_001)
    _, err, code = run(str(path))
    assert code == 1 and "limit" in err


def test_a_batch_goes_on_after_a_bad_file(story_path, tmp_path):
    """With several files, a bad one is reported in the JSON list and the good ones are imported; exit status 0."""
    missing = tmp_path / "tidak-ada.txt"
    out, _, code = run(str(missing), str(story_path), "--json")
    results = json.loads(out)
    assert code == 0
    assert "error" in results[0] and results[1]["headline"].startswith("Taman Kota")
    assert Article.objects.count() == 1


def test_import_is_one_transaction(story_path, monkeypatch):
    """When a later step fails, the story and its photo are rolled back too: nothing is left."""

    def broken_source(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(importing, "sources_for_speakers", broken_source)
    with pytest.raises(RuntimeError):
        run(str(story_path))
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert not Source.objects.exists()


def test_import_with_an_invalid_image_in_the_service_rolls_back(story_path):
    """The service itself refuses a bad image inside the transaction."""
    from django.core.files.base import ContentFile

    story_file = importing.read_story_file(story_path)
    with pytest.raises(ValidationError):
        importing.import_story(
            story_file=story_file,
            section=_section(),
            image=ContentFile(b"not an image", name="x.jpg"),
        )
    assert not Article.objects.exists() and not Photo.objects.exists()


def _section():
    from articles.models import Section

    return Section.objects.create(name="Berita", slug="berita")


def test_import_leaves_a_first_revision_with_its_parts(story_path):
    """The imported story's history starts with a revision holding the story, its photo use and its quotes."""
    from reversion.models import Version

    run(str(story_path))
    article = Article.objects.get()
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    revision = versions.first().revision
    assert revision.comment == "Imported from taman.txt"
    models_in_revision = {version.content_type.model for version in revision.version_set.all()}
    assert {"article", "articlephoto", "quote"} <= models_in_revision
