"""Two mistakes the photo desk is stopped from making without a word: approving a picture too small to be a photo,
and typing a rights-expiry date that has already passed (the photo would vanish from readers' pages at once)."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Photo
from articles.services import moderation
from tests.conftest import admin_form_data


def jpeg(size) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="kecil.jpg")


# --- too small to approve -----------------------------------------------------------------------------------------


def test_an_8_by_8_image_cannot_be_approved(people, make_photo):
    """Approving an 8x8 picture is refused with its size and the minimum; the credit stays pending."""
    photo = make_photo(approved=False, image=jpeg((8, 8)))
    with pytest.raises(moderation.ModerationRefused) as refused:
        moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    assert refused.value.message == (
        "The image is only 8x8 pixels; the photo desk approves images at least 50 pixels wide. Ask for a larger file."
    )
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_the_minimum_is_a_setting(people, make_photo, settings):
    """A desk that sets NEWSROOM_PHOTO_MIN_APPROVE_WIDTH to 320 refuses a 300-wide picture and takes a 320-wide
    one; rejecting or asking about a tiny picture is still possible."""
    settings.NEWSROOM_PHOTO_MIN_APPROVE_WIDTH = 320
    narrow, wide = (
        make_photo(approved=False, image=jpeg((300, 400))),
        make_photo(approved=False, image=jpeg((320, 200))),
    )
    with pytest.raises(moderation.ModerationRefused, match="at least 320 pixels wide"):
        moderation.moderate_photo(photo=narrow, decision="approve", user=people["photo_desk"])
    moderation.moderate_photo(photo=wide, decision="approve", user=people["photo_desk"])
    moderation.moderate_photo(photo=narrow, decision="reject", user=people["photo_desk"], reason="Terlalu kecil.")
    narrow.refresh_from_db()
    wide.refresh_from_db()
    assert (narrow.credit_status, wide.credit_status) == (Photo.CreditStatus.REJECTED, Photo.CreditStatus.APPROVED)


def test_the_desk_sees_why_on_the_photo_page(client, people, make_photo):
    """Through the photo page's approve button, the refusal is shown as an error message."""
    photo = make_photo(approved=False, image=jpeg((8, 8)))
    client.force_login(people["photo_desk"])
    response = client.post(reverse("admin:articles_photo_moderate", args=[photo.pk, "approve"]), follow=True)
    assert "the photo desk approves images at least 50 pixels wide" in response.text


# --- an expiry date already past ----------------------------------------------------------------------------------


@pytest.fixture
def photo_page(client, people, make_photo):
    client.force_login(people["photo_desk"])
    photo = make_photo()
    return photo, reverse("admin:articles_photo_change", args=[photo.pk])


def past_date() -> dict:
    yesterday = timezone.localtime() - timedelta(days=1)
    return {"rights_expire_at_0": yesterday.strftime("%Y-%m-%d"), "rights_expire_at_1": "10:00:00"}


def test_a_past_expiry_date_is_refused_until_confirmed(client, photo_page):
    """A date already past is not saved at first: the form says the photo would leave readers' pages at once and
    offers a box to confirm; ticked, the date is saved."""
    photo, url = photo_page
    response = client.post(url, admin_form_data(client.get(url), **past_date()))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["rights_expire_at"]
    assert "already passed" in error and "disappears from readers' pages as soon as it is saved" in error
    assert 'type="checkbox" name="confirm_past_expiry"' in response.text
    photo.refresh_from_db()
    assert photo.rights_expire_at is None

    response = client.post(url, admin_form_data(client.get(url), **past_date(), confirm_past_expiry="on"))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.rights_expire_at is not None and photo.rights_expire_at < timezone.now()
    assert not Photo.objects.public().filter(pk=photo.pk).exists()


def test_a_future_date_needs_no_confirmation(client, photo_page):
    """A date to come is saved at once, and the confirmation box is not shown at all."""
    photo, url = photo_page
    page = client.get(url)
    assert 'type="checkbox" name="confirm_past_expiry"' not in page.text
    tomorrow = timezone.localtime() + timedelta(days=1)
    data = admin_form_data(page, rights_expire_at_0=tomorrow.strftime("%Y-%m-%d"), rights_expire_at_1="10:00:00")
    assert client.post(url, data).status_code == 302
    photo.refresh_from_db()
    assert photo.rights_expire_at > timezone.now()


def test_an_already_expired_photo_can_still_be_edited(client, photo_page):
    """A photo whose rights expired earlier keeps its date: editing its caption asks for no confirmation."""
    photo, url = photo_page
    Photo.objects.filter(pk=photo.pk).update(rights_expire_at=timezone.now() - timedelta(days=3))
    response = client.post(url, admin_form_data(client.get(url), caption="Arsip pawai"))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Arsip pawai"
