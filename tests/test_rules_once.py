"""Rules written once: the embargo refusal (story form and workflow) and the saving of a photo (admin, shell, import,
demo seed) each have one implementation, so every path gives the same answer."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.demo.seeding import ensure_sections_and_contributors, photo_pool
from articles.models import AuditEntry, Contributor, Photo, Section
from articles.services import importing, moderation, workflow
from articles.services.photos import save_photo
from tests.conftest import admin_form_data, image_file

pytestmark = pytest.mark.django_db

XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
<dc:creator><rdf:Seq><rdf:li>Rina Wulandari</rdf:li></rdf:Seq></dc:creator>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">(c) 2026 Newsroom</rdf:li></rdf:Alt></dc:rights>
<photoshop:Source>ANTARA</photoshop:Source>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""

STORY = """# {caption}

Taman Kota Kenanga Resmi Dibuka untuk Warga

Pemerintah kota meresmikan taman baru di Kelurahan Kenanga pada Sabtu pagi.
"""


def jpeg_with_xmp() -> SimpleUploadedFile:
    """A JPEG made in memory whose XMP names its creator, copyright and source."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(buffer, "JPEG", xmp=XMP)
    return SimpleUploadedFile("taman.jpg", buffer.getvalue(), content_type="image/jpeg")


def import_with(tmp_path, *, caption: str, image) -> Photo:
    path = tmp_path / "taman.txt"
    path.write_text(STORY.format(caption=caption), encoding="utf-8")
    article = importing.import_story(
        story_file=importing.read_story_file(path), section=_section(), image=image, created_by=None
    )
    return article.photo_uses.get().photo


def _section() -> Section:
    return Section.objects.get_or_create(slug="kota", defaults={"name": "Kota", "order": 1})[0]


def sent_back_entries(photo: Photo) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(action=AuditEntry.Action.CREDIT_CHANGED, object_id=photo.pk).values_list(
            "from_state", "to_state", "note"
        )
    )


# --- one save for every photo --------------------------------------------------------------------------------------


def test_a_credit_edited_in_the_admin_goes_back_to_the_queue_audited(client, people, make_photo):
    photo = make_photo(credit="Dwi Arif")
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = client.post(url, admin_form_data(client.get(url), credit="Budi Santoso"), follow=True)
    assert "back in the queue for approval" in response.text
    photo.refresh_from_db()
    assert (photo.credit, photo.credit_status) == ("Budi Santoso", Photo.CreditStatus.PENDING)
    assert sent_back_entries(photo) == [("approved", "pending", "credit")]
    assert photo not in Photo.objects.public()


def test_the_same_edit_from_the_shell_goes_back_to_the_queue_audited(people, make_photo):
    """No form says what changed: the service compares the photo with its stored row."""
    photo = make_photo(credit="Dwi Arif")
    photo.credit = "Budi Santoso"
    saved = save_photo(photo=photo, user=people["photo_desk"])
    assert saved.sent_back is True
    photo.refresh_from_db()
    assert (photo.credit, photo.credit_status) == ("Budi Santoso", Photo.CreditStatus.PENDING)
    assert sent_back_entries(photo) == [("approved", "pending", "credit")]


def test_a_shell_save_that_leaves_the_credit_alone_keeps_it_approved(people, make_photo):
    photo = make_photo()
    photo.alt_text = "Kerumunan di jalan"
    assert not save_photo(photo=photo, user=people["photo_desk"]).sent_back
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.APPROVED and not sent_back_entries(photo)


def test_the_shell_save_applies_the_caption_and_photographer_rules(people):
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")
    photo = Photo(caption="Warga memadati taman kota. Foto: Rina Wulandari")
    saved = save_photo(photo=photo, user=people["photo_desk"])
    photo.refresh_from_db()
    assert saved.credit_from_caption and not saved.sent_back
    assert (photo.caption, photo.credit, photo.photographer) == ("Warga memadati taman kota.", "Rina Wulandari", rina)
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_import_prefills_from_the_file_and_links_the_photographer(tmp_path):
    """The story's caption names no credit: the file's XMP fills credit, source and copyright, and the credited
    contributor becomes the photographer. A new photo waits for the desk."""
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")
    photo = import_with(tmp_path, caption="Warga memadati taman kota saat peresmian.", image=jpeg_with_xmp())
    assert (photo.credit, photo.source, photo.copyright_notice) == ("Rina Wulandari", "ANTARA", "(c) 2026 Newsroom")
    assert photo.photographer == rina
    assert photo.file_metadata["credit"] == "Rina Wulandari"
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert photo not in Photo.objects.public()


def test_import_links_the_photographer_named_in_the_story_caption(tmp_path):
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")
    photo = import_with(tmp_path, caption="Warga di taman. Foto: Rina Wulandari", image=image_file())
    assert (photo.caption, photo.credit, photo.photographer) == ("Warga di taman.", "Rina Wulandari", rina)
    assert photo.credit_status == Photo.CreditStatus.PENDING


def test_an_imported_photo_edited_later_goes_back_to_the_queue_like_any_other(tmp_path, people):
    """Once approved, an imported photo is a photo like any other: its credit edited, it is pending and audited."""
    photo = import_with(tmp_path, caption="Warga di taman. Foto: Rina Wulandari", image=image_file())
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    photo.refresh_from_db()
    photo.credit = "Rina W."
    assert save_photo(photo=photo, user=people["photo_desk"]).sent_back
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert sent_back_entries(photo) == [("approved", "pending", "credit")]


def test_demo_pool_photos_link_their_photographers():
    ensure_sections_and_contributors()
    pool = photo_pool()
    assert pool and all(photo.photographer is not None for photo in pool)
    assert all(photo.photographer.name == photo.credit for photo in pool)


# --- the embargo rule ----------------------------------------------------------------------------------------------


def test_the_story_form_and_the_workflow_refuse_an_embargo_with_the_same_words(client, people, make_article):
    embargo = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    too_early = timezone.localtime(embargo - timedelta(hours=1))

    scheduled = make_article(status="approved", publish_at=None, embargo_until=embargo)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.perform_transition(article=scheduled, name="schedule", user=people["editor"], publish_at=too_early)

    published = make_article(publish_at=embargo + timedelta(hours=1), embargo_until=embargo)
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[published.pk])
    data = admin_form_data(
        client.get(url), publish_at_0=too_early.strftime("%Y-%m-%d"), publish_at_1=too_early.strftime("%H:%M:%S")
    )
    response = client.post(url, data)
    assert response.status_code == 200
    form_errors = response.context["adminform"].form.errors["publish_at"]

    expected = workflow.embargo_refusal(embargo_until=embargo, goes_live=too_early)
    assert expected and "under embargo" in expected
    assert form_errors == [expected]
    assert refused.value.message == expected
    assert workflow.embargo_refusal(embargo_until=embargo, goes_live=embargo) is None
