"""A camera JPEG whose multi-picture (MPF) second frame is missing goes through the photo desk like any photo: it is
accepted, stored and given its renditions (the pure check is in tests/unit/test_mpf_decoding.py)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from articles.photos.renditions import queue_thumbnail
from tests.conftest import photo_add_data


def mpo_without_its_second_frame() -> bytes:
    """Two frames written by Pillow as a camera would, then the file cut right after the primary image."""
    left, right = Image.new("RGB", (600, 400), (200, 40, 40)), Image.new("RGB", (600, 400), (40, 40, 200))
    buffer = io.BytesIO()
    left.save(buffer, "MPO", save_all=True, append_images=[right])
    data = buffer.getvalue()
    return data[: data.index(b"\xff\xd9\xff\xd8") + 2]


def test_the_desk_accepts_a_jpeg_whose_second_frame_is_missing(client, people):
    """Uploaded through the photo form, the file is saved as a 600x400 JPEG with its renditions, not refused as
    damaged."""
    client.force_login(people["photo_desk"])
    response = client.post(
        reverse("admin:articles_photo_add"),
        photo_add_data(SimpleUploadedFile("DSCF0001.JPG", mpo_without_its_second_frame()), "Pawai budaya"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (600, 400) and photo.image.name.endswith(".jpg")
    assert photo.renditions_state == Photo.RenditionsState.READY
    assert queue_thumbnail(photo)["width"] == 320
