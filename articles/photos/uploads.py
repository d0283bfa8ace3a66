"""The one door every photo file comes through: the admin form, the import command and the demo all call it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File

from articles.photos.validation import CheckedImage, ImageRejected, check_image


def accept_photo_file(upload: File) -> CheckedImage:
    """Check the file and give it a neutral name with the extension of its real format.

    Raises ValidationError (with the checker's code) so forms show the message next to the field.
    """
    try:
        checked = check_image(
            upload, max_bytes=settings.NEWSROOM_PHOTO_MAX_BYTES, max_pixels=settings.NEWSROOM_PHOTO_MAX_PIXELS
        )
    except ImageRejected as rejection:
        raise ValidationError(rejection.message, code=rejection.code) from None
    # The storage path is generated from this name (see photo_upload_to); the uploader's name is never used.
    upload.name = f"upload{checked.extension}"
    return checked
