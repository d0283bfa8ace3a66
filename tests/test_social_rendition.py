"""The social rendition: a 1200x630 JPEG cropped around the centre, made with the WebP renditions by the same task,
never upscaled, never in srcset, and what a shared link's card shows until which the largest rendition stands in."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from articles.photos.renditions import (
    ensure_renditions,
    renditions_missing,
    social_image,
    social_size,
    sorted_renditions,
    srcset,
)
from articles.services import moderation

pytestmark = pytest.mark.django_db


def jpeg(size, colour=(30, 90, 160)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="kota.jpg")


def striped(size) -> ContentFile:
    """Red on the left 15 %, blue on the right 15 %, green between: a crop around the centre shows no red or blue."""
    width, height = size
    image = Image.new("RGB", size, (0, 200, 0))
    image.paste((220, 0, 0), (0, 0, width * 15 // 100, height))
    image.paste((0, 0, 220), (width * 85 // 100, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return ContentFile(buffer.getvalue(), name="garis.jpg")


def opened(settings, url):
    return Image.open(settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL).lstrip("/"))


def test_approval_makes_a_1200_by_630_jpeg_cropped_around_the_centre(people, make_photo, settings):
    """A shared link's card gets a 1200x630 JPEG of the photo's middle, made by the approval's task."""
    photo = make_photo(approved=False, image=striped((3000, 1000)))
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    photo.refresh_from_db()
    social = photo.renditions["social"]
    assert (social["width"], social["height"], social["source"]) == (1200, 630, photo.image.name)
    with opened(settings, social["url"]) as made:
        assert made.format == "JPEG" and made.size == (1200, 630)
        # Scaled to 1890x630, then its middle 1200 (from x=345; the red ends at 283): green from edge to edge.
        left, right = made.convert("RGB").getpixel((5, 315)), made.convert("RGB").getpixel((1194, 315))
    assert left[1] > 150 > left[0] and right[1] > 150 > right[2]


def test_a_small_original_keeps_its_own_size(make_photo, settings):
    """An 800x500 photo is not blown up: its social picture is 800x420, the same shape cut from its middle."""
    photo = make_photo(image=jpeg((800, 500)))
    assert social_size(photo) == (800, 420)
    ensure_renditions(photo)
    social = photo.renditions["social"]
    assert (social["width"], social["height"]) == (800, 420)
    with opened(settings, social["url"]) as made:
        assert made.size == (800, 420)


def test_the_social_picture_carries_no_exif_or_gps(make_photo, settings):
    """Like the WebP renditions, the JPEG a social network fetches tells no camera data or place."""
    from tests.test_photo_desk import jpeg_with_gps_and_orientation

    photo = make_photo(image=ContentFile(jpeg_with_gps_and_orientation(), name="gps.jpg"))
    ensure_renditions(photo)
    with opened(settings, photo.renditions["social"]["url"]) as made:
        assert not made.getexif() and "exif" not in made.info


def test_srcset_never_offers_the_social_crop(make_photo):
    """The story's responsive picture lists only the WebP widths, not the cropped JPEG."""
    photo = make_photo(image=jpeg((1000, 600)))
    ensure_renditions(photo)
    assert [r["width"] for r in sorted_renditions(photo)] == [320, 640, 960]
    assert ".jpg" not in srcset(photo) and photo.renditions["social"]["url"].endswith(".jpg")


def test_a_photo_without_its_social_picture_asks_for_it(make_photo):
    """Photos approved before the social rendition existed get it at their next approval's task."""
    photo = make_photo(image=jpeg((700, 400)))
    ensure_renditions(photo)
    assert not renditions_missing(photo)
    del photo.renditions["social"]
    assert renditions_missing(photo)


def test_until_it_exists_the_largest_rendition_then_the_original_stands_in(make_photo):
    """A card still gets a picture while the task has not run: the widest WebP, else the uploaded file."""
    photo = make_photo(image=jpeg((1000, 600)))
    assert social_image(photo) == {"url": photo.image.url, "width": 1000, "height": 600}
    ensure_renditions(photo)
    social = photo.renditions.pop("social")
    assert social_image(photo)["width"] == 960
    photo.renditions["social"] = social
    assert social_image(photo) == social


def test_request_renditions_fills_in_what_older_approved_photos_lack(make_photo):
    """`manage.py request_renditions` asks for the missing social picture of a photo approved before it existed, and
    for nothing where all are there (tasks run at once in tests)."""
    from django.core.management import call_command

    from articles.models import Photo

    older, complete = make_photo(image=jpeg((700, 400))), make_photo(image=jpeg((700, 400)))
    for photo in (older, complete):
        ensure_renditions(photo)
        photo.save()
    renditions = dict(older.renditions)
    del renditions["social"]
    Photo.objects.filter(pk=older.pk).update(renditions=renditions)
    output = io.StringIO()
    call_command("request_renditions", stdout=output)
    assert output.getvalue().strip() == "Asked for the renditions of 1 photos."
    older.refresh_from_db()
    assert older.renditions["social"]["width"] == 700 and not renditions_missing(older)
