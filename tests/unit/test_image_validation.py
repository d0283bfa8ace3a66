"""The upload check alone (articles/photos/validation.py, signatures.py): real format, byte and pixel limits, and a
clear refusal for every hostile file; no Django (the admin upload of the same files is in tests/test_photo_uploads.py).
"""

import io
from pathlib import Path

import pytest
from PIL import Image

from articles.photos.validation import ImageRejected, check_image, sniff_format
from tests.unit.conftest import FIXTURES

# What each file in tests/fixtures/bad-images (Pillow's hostile test images, MIT-CMU) must give: accepted, or the
# code of the refusal. tests/test_photo_uploads.py sends the same files through the admin with this table.
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
    folder = FIXTURES / "bad-images"
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
    """Each of the 48 files is accepted or refused with the right reason, and none raises anything else."""
    answers = {}
    for path in bad_images():
        with path.open("rb") as handle:
            try:
                check_image(handle)
                answers[path.name] = None
            except ImageRejected as rejection:
                assert rejection.message == str(rejection) and rejection.message.endswith(".")
                answers[path.name] = rejection.code
    assert answers == {name: expected_code(name) for name in answers}
    assert len(answers) == 48


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
