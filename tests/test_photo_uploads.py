"""Every photo upload path answers hostile and malformed files with a clear error and keeps nothing."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from articles.photos.validation import ImageRejected, check_image, sniff_format
from tests.conftest import image_file, inline_management, shared_path

pytestmark = pytest.mark.django_db

# What each real file in ../shared/bad-images must give: accepted, or the code of the refusal.
ACCEPTED = {
    "avif_hopper.avif",
    "avif_star.avifs",
    "hopper.gif",
    "hopper.jpg",
    "hopper.png",
    "hopper.webp",
    "hopper_orientation_6.jpg",
    "hopper_orientation_8.webp",
    "i_trns.png",
    "iss634.apng",
    "iss634.gif",
    "iss634.webp",
    "pil_sample_cmyk.jpg",
    "sugarshack_bad_mpo_header.jpg",
    "truncated_app14.jpg",  # only its Adobe marker is short; the picture itself decodes completely
}
TOO_MANY_PIXELS = {"decompression_bomb.gif", "decompression_bomb_extents.gif"}
CORRUPT = {
    "apng_syntax_num_frames_high.png",
    "broken.png",
    "broken_data_stream.png",
    "png_decompression_dos.png",
    "truncated_end_chunk.png",
    "truncated_image.png",
    "truncated_jpeg.jpg",
    "zero_width.gif",
}


def bad_images() -> list[Path]:
    folder = shared_path("bad-images")
    return sorted(path for path in folder.iterdir() if path.suffix != ".md")


def expected_code(name: str) -> str | None:
    if name in ACCEPTED:
        return None
    if name in TOO_MANY_PIXELS:
        return "too_many_pixels"
    if name in CORRUPT:
        return "corrupt"
    return "unsupported_format"


def test_every_shared_bad_image_gets_the_expected_answer():
    """Each of the 48 real files is accepted or refused with the right reason, and none raises anything else."""
    answers = {}
    for path in bad_images():
        with path.open("rb") as handle:
            try:
                check_image(handle)
                answers[path.name] = None
            except ImageRejected as rejection:
                assert rejection.message
                answers[path.name] = rejection.code
    assert answers == {name: expected_code(name) for name in answers}
    assert len(answers) == 48


def post_photo(editor_client, upload):
    return editor_client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": upload,
            "caption": "Uji",
            "alt_text": "",
            "credit": "Dwi Arif",
            "source": "",
            "copyright_notice": "",
            "licence_type": "staff",
            "usage_terms": "",
            **inline_management("uses"),
        },
    )


def test_admin_upload_of_every_bad_image(editor_client, settings):
    """Through the admin form, refused files give a form error and leave no record and no file on disk."""
    for path in bad_images():
        code = expected_code(path.name)
        response = post_photo(editor_client, SimpleUploadedFile(path.name, path.read_bytes()))
        if code is None:
            assert response.status_code == 302, path.name
            continue
        assert response.status_code == 200, path.name
        assert response.context["adminform"].form.errors["image"], path.name
    media = Path(settings.MEDIA_ROOT)
    stored = list(media.rglob("*.*")) if media.exists() else []
    assert Photo.objects.count() == len(ACCEPTED & {p.name for p in bad_images()})
    assert len(stored) == Photo.objects.count()


def test_stored_name_comes_from_the_real_format(editor_client):
    """A PNG sent as “photo.jpg” is stored as .png under a generated name."""
    response = post_photo(editor_client, image_file("liburan.jpg", fmt="PNG"))
    assert response.status_code == 302
    name = Photo.objects.get().image.name
    assert name.endswith(".png") and "liburan" not in name


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"\x00" * 1000, "unsupported_format"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "unsupported_format"),
        (b"\xff\xd8\xff\xe0" + b"garbage" * 100, "corrupt"),
    ],
)
def test_made_up_bad_files(content, code):
    """Zero-byte, random, SVG and fake-JPEG files are refused with a reason."""
    with pytest.raises(ImageRejected) as caught:
        check_image(io.BytesIO(content))
    assert caught.value.code == code


def test_size_and_pixel_limits():
    """Files over the byte limit or over the pixel limit (all frames counted) are refused."""
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (100, 100), (i * 20, 0, 0)) for i in range(5)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ImageRejected) as caught:
        check_image(buffer, max_pixels=40_000)  # one frame fits, five do not
    assert caught.value.code == "too_many_pixels"
    with pytest.raises(ImageRejected) as caught:
        check_image(buffer, max_bytes=100)
    assert caught.value.code == "too_large"


def test_polyglot_with_a_jpeg_name_is_judged_by_its_bytes():
    """A PDF named .jpg is refused as a PDF."""
    assert sniff_format(b"%PDF-1.7 ...") is None
    with pytest.raises(ImageRejected, match="PDF"):
        check_image(io.BytesIO(b"%PDF-1.7\n" + b"x" * 100))


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WEBP"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", "AVIF"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIF"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"II*\x00\x08\x00", "TIFF"),
        (b"8BPS\x00\x01", "PSD"),
        (b"%PDF-1.7", "PDF"),
        (b'  <?xml version="1.0"?><svg', "SVG"),
        (b"random bytes here", None),
    ],
)
def test_one_table_names_every_signature(head, name):
    """articles/photos/signatures.py names each format from its first bytes; the upload check and the metadata
    walker both read it."""
    from articles.photos import containers, signatures, validation

    assert signatures.identify(head) == name
    assert validation.sniff_format(head) == (name if name in validation.ACCEPTED else None)
    assert containers.sniff_format(head) == (name if name in {"JPEG", "PNG", "WEBP", "TIFF", "PSD"} else None)
