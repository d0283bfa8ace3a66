"""JPEGs with a multi-picture (MPF) header: accepted when the primary image decodes, whatever became of the secondary
frames (browsers show only the primary), while a secondary frame still counts against the pixel limit. No Django."""

import io

import pytest
from PIL import Image

from articles.photos.validation import ImageRejected, check_image


def mpo(*sizes: tuple[int, int]) -> tuple[bytes, int]:
    """A multi-picture JPEG (as cameras write for 3D pairs, previews or gain maps) and where its second frame starts:
    right after the primary image's end-of-image marker."""
    frames = [Image.new("RGB", size, (40 * number, 90, 160)) for number, size in enumerate(sizes)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "MPO", save_all=True, append_images=frames[1:])
    data = buffer.getvalue()
    return data, data.index(b"\xff\xd9\xff\xd8") + 2


def test_a_whole_multi_picture_jpeg_is_accepted_with_all_its_frames():
    """A camera MPO with both frames is accepted as a JPEG of its primary image's size."""
    data, _ = mpo((300, 200), (300, 200))
    checked = check_image(io.BytesIO(data))
    assert (checked.format, checked.width, checked.height, checked.frames) == ("JPEG", 300, 200, 2)


@pytest.mark.parametrize("cut", ["second frame missing", "second frame cut short"])
def test_a_jpeg_whose_secondary_frame_is_missing_is_accepted(cut):
    """The photo the uploader sees in any browser is accepted, its primary image only, instead of “damaged”."""
    data, second = mpo((300, 200), (300, 200))
    damaged = data[:second] if cut == "second frame missing" else data[: second + 200]
    checked = check_image(io.BytesIO(damaged))
    assert (checked.format, checked.width, checked.height, checked.frames) == ("JPEG", 300, 200, 1)
    assert checked.skipped_frames == 1


def test_a_damaged_primary_image_is_still_refused():
    """Cut inside the primary image, the file is refused as damaged, MPF header or not."""
    data, second = mpo((300, 200), (300, 200))
    with pytest.raises(ImageRejected) as caught:
        check_image(io.BytesIO(data[: second // 2]))
    assert caught.value.code == "corrupt"


def test_a_secondary_frame_still_counts_against_the_pixel_limit():
    """A present secondary frame is decoded and counted: a small primary cannot smuggle a huge second frame."""
    data, _ = mpo((100, 100), (400, 400))
    with pytest.raises(ImageRejected) as caught:
        check_image(io.BytesIO(data), max_pixels=50_000)
    assert caught.value.code == "too_many_pixels"
