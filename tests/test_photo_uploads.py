"""Every photo upload path answers hostile and malformed files with a clear error and keeps nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Photo
from tests.conftest import image_file, photo_add_data
from tests.unit.test_image_validation import ACCEPTED, bad_images, expected_code

pytestmark = pytest.mark.django_db


def post_photo(editor_client, upload):
    return editor_client.post(
        reverse("admin:articles_photo_add"),
        photo_add_data(upload, "Uji"),
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
    # The originals: each accepted photo also has its renditions (media/renditions/), made right after the upload.
    stored = [path for path in media.rglob("*.*") if path.relative_to(media).parts[0] != "renditions"]
    assert Photo.objects.count() == len(ACCEPTED & {p.name for p in bad_images()})
    assert len(stored) == Photo.objects.count()


def test_stored_name_comes_from_the_real_format(editor_client):
    """A PNG sent as “photo.jpg” is stored as .png under a generated name."""
    response = post_photo(editor_client, image_file("liburan.jpg", fmt="PNG"))
    assert response.status_code == 302
    name = Photo.objects.get().image.name
    assert name.endswith(".png") and "liburan" not in name
