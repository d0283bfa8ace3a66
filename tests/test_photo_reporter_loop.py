"""Reporters close the loop: the uploader of a photo the desk marked “needs information” sees why on the photo's
page, corrects its credit and caption, and it goes back to the desk's queue; nothing else opens up."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse

from articles.models import AuditEntry, Notification, Photo
from articles.services import moderation
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

REASON = "Siapa fotografernya? Tulis nama lengkapnya."


def uploaded_by(user, photo):
    LogEntry.objects.log_actions(user_id=user.pk, queryset=[photo], action_flag=ADDITION, single_object=True)
    return photo


@pytest.fixture
def asked(people, make_photo):
    """The reporter's photo, which the desk asked information on."""
    photo = uploaded_by(people["reporter"], make_photo(approved=False, credit="Dok", caption="Banjir"))
    return moderation.moderate_photo(photo=photo, decision="request_info", user=people["photo_desk"], reason=REASON)


def change_url(photo):
    return reverse("admin:articles_photo_change", args=[photo.pk])


def test_the_uploader_is_told_and_sees_the_reason_on_the_photo_page(client, people, asked):
    """The reporter finds the desk's question in the inbox and at the top of the photo's page."""
    assert Notification.objects.get(recipient=people["reporter"], photo=asked).text == REASON
    client.force_login(people["reporter"])
    page = client.get(change_url(asked))
    assert page.status_code == 200
    fieldsets = page.context["adminform"].fieldsets
    assert "moderation_note" in fieldsets[0][1]["fields"]
    assert REASON in page.text


def test_the_uploader_may_change_only_credit_and_caption(client, people, asked):
    """The reporter's form offers the credit and caption as fields; everything else is read-only."""
    client.force_login(people["reporter"])
    form = client.get(change_url(asked)).context["adminform"].form
    assert set(form.fields) == {"caption", "credit"}


def test_the_correction_returns_the_photo_to_pending_and_tells_the_desk(client, people, asked):
    """Saving a corrected credit puts the photo back in the queue (audited) and tells the photo desk."""
    client.force_login(people["reporter"])
    page = client.get(change_url(asked))
    response = client.post(change_url(asked), admin_form_data(page, credit="Budi Santoso", caption="Banjir di Kemang"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    asked.refresh_from_db()
    assert (asked.credit, asked.caption) == ("Budi Santoso", "Banjir di Kemang")
    assert asked.credit_status == Photo.CreditStatus.PENDING
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREDIT_CHANGED).get()
    assert (entry.from_state, entry.to_state, entry.user) == ("needs_info", "pending", people["reporter"])
    told = Notification.objects.filter(photo=asked, kind=Notification.Kind.SUBMITTED)
    assert {n.recipient.username for n in told} == {"photo_desk"}


def test_the_uploader_cannot_approve_nor_change_other_fields(client, people, asked):
    """A forged post with licence, status or an approval changes nothing but credit and caption."""
    client.force_login(people["reporter"])
    page = client.get(change_url(asked))
    data = admin_form_data(page, credit="Budi", licence_type="agency", credit_status="approved", usage_terms="Bebas")
    client.post(change_url(asked), data)
    asked.refresh_from_db()
    assert asked.credit_status == Photo.CreditStatus.PENDING and asked.licence_type != "agency"
    assert asked.usage_terms == ""
    assert client.post(reverse("admin:articles_photo_moderate", args=[asked.pk, "approve"])).status_code == 403


def test_another_reporters_photo_stays_read_only(client, people, asked):
    """The other reporter may look at the photo but not change it, even in “needs information”."""
    client.force_login(people["other_reporter"])
    page = client.get(change_url(asked))
    assert page.status_code == 200 and not {"credit", "caption"} & set(page.context["adminform"].form.fields)
    client.post(change_url(asked), {"credit": "Orang lain", "caption": "x"})
    asked.refresh_from_db()
    assert asked.credit == "Dok" and asked.credit_status == Photo.CreditStatus.NEEDS_INFO


@pytest.mark.parametrize("status", ["pending", "approved", "rejected"])
def test_the_uploader_cannot_change_the_photo_in_another_state(client, people, make_photo, status):
    """Only “needs information” opens the credit to its uploader: a pending, approved or rejected photo is read-only."""
    photo = uploaded_by(people["reporter"], make_photo(approved=False, credit_status=status, credit="Dok"))
    client.force_login(people["reporter"])
    page = client.get(change_url(photo))
    assert page.status_code == 200 and not {"credit", "caption"} & set(page.context["adminform"].form.fields)
    client.post(change_url(photo), {"credit": "Lain", "caption": "x"})
    photo.refresh_from_db()
    assert photo.credit == "Dok" and photo.credit_status == status
