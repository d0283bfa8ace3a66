"""Batch ingest: several files, one request each, each read before saving and answered with its labelled card."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from tests.test_agencies import jpeg_with_iptc, shared_file

pytestmark = pytest.mark.django_db

INGEST = "admin:articles_photo_ingest"


def jpeg(size=(800, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 40, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


def send(client, name: str, content: bytes, **extra):
    return client.post(reverse(INGEST), {"image": SimpleUploadedFile(name, content)}, **extra)


def test_page_offers_a_multiple_file_input_and_its_script(editor_client):
    """The ingest page has a drop zone with a file input taking several files and loads ingest.js: no inline script."""
    page = editor_client.get(reverse(INGEST))
    assert page.status_code == 200
    html = page.text
    assert 'type="file"' in html and "multiple" in html and 'id="ingest-drop"' in html
    assert "newsroom/ingest.js" in html and "<script>" not in html


def test_each_file_is_filed_as_a_pending_photo_with_its_fields(editor_client):
    """One file sent: a pending photo with credit and source filled from the file, its card listing them labelled."""
    answer = send(editor_client, "Demo Jakarta 01.jpg", jpeg_with_iptc(byline="Budi Santoso", credit="KOMPAS"))
    assert answer.status_code == 201
    card = answer.json()
    photo = Photo.objects.get(pk=card["id"])
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert (photo.credit, photo.original_filename) == ("KOMPAS/Budi Santoso", "Demo Jakarta 01.jpg")
    labelled = {field["label"]: field["value"] for field in card["fields"]}
    assert labelled["credit"] == "KOMPAS/Budi Santoso"
    assert labelled["by-line"] == "Budi Santoso"
    assert card["name"] == "Demo Jakarta 01.jpg" and card["change_url"].endswith(f"/{photo.pk}/change/")


def test_labels_are_in_the_users_language(editor_client):
    """An Indonesian desk reads “kredit” and “sumber / agensi”, never the code's “copyright_notice”."""
    editor_client.cookies["django_language"] = "id"
    card = send(editor_client, "a.jpg", jpeg_with_iptc(byline="Budi Santoso", credit="KOMPAS")).json()
    labels = [field["label"] for field in card["fields"]]
    assert "kredit" in labels
    assert not any("_" in label for label in labels)


def test_one_bad_file_does_not_stop_the_others(editor_client):
    """Three files in a row, the middle one not an image: two photos are filed and the bad one gets its own error."""
    first = send(editor_client, "satu.jpg", jpeg())
    bad = send(editor_client, "rusak.jpg", b"this is not a picture at all")
    third = send(editor_client, "tiga.jpg", jpeg())
    assert (first.status_code, bad.status_code, third.status_code) == (201, 400, 201)
    assert bad.json()["ok"] is False and bad.json()["name"] == "rusak.jpg" and bad.json()["error"]
    assert sorted(Photo.objects.values_list("original_filename", flat=True)) == ["satu.jpg", "tiga.jpg"]


def test_small_file_is_filed_with_a_warning(editor_client):
    """A file narrower than the smallest web size (320 px) is filed, with a warning on its card."""
    card = send(editor_client, "kecil.jpg", jpeg((200, 150))).json()
    assert card["ok"] and any("320" in warning for warning in card["warnings"])
    assert not send(editor_client, "besar.jpg", jpeg((800, 600))).json()["warnings"][1:]


def test_agency_file_card_shows_licence_and_agency(editor_client):
    """The real AP file's card shows the AP licence and agency, the credit in house style and the file's name."""
    call_command("setup_agencies", stdout=io.StringIO())
    card = send(editor_client, "exiv2-bug440.jpg", shared_file("exiv2__exiv2-bug440.jpg").read_bytes()).json()
    values = {field["name"]: field["value"] for field in card["fields"]}
    assert values["agency"] == "AP" and values["licence_type"] == "Agency / wire"
    assert values["credit"] == "AP Photo/PAUL SANCYA"


def test_ingest_route_takes_the_upload_cap(editor_client, settings):
    """A 2 MB file is taken on the ingest route while the everyday cap is 1 MB, as on the photo add form."""
    settings.NEWSROOM_MAX_REQUEST_BYTES = 1024 * 1024
    big = io.BytesIO()
    Image.effect_noise((1400, 1000), 120).convert("RGB").save(big, "JPEG", quality=100)
    assert len(big.getvalue()) > settings.NEWSROOM_MAX_REQUEST_BYTES
    assert send(editor_client, "besar.jpg", big.getvalue()).status_code == 201


def test_user_without_add_permission_is_refused(client, people):
    """A photo-less account (no add permission) gets 403 from the ingest page, not a file filed."""
    from django.contrib.auth.models import Permission

    user = people["reporter"]
    user.user_permissions.remove(*Permission.objects.filter(codename="add_photo"))
    user.groups.clear()
    client.force_login(user)
    assert send(client, "a.jpg", jpeg()).status_code == 403
    assert not Photo.objects.exists()


def test_ingested_photo_counts_its_uploader(editor_client, staff_user):
    """The admin's record of the addition names who ingested the photo (the uploader told of the desk's decision)."""
    from django.contrib.admin.models import ADDITION, LogEntry

    card = send(editor_client, "a.jpg", jpeg()).json()
    entry = LogEntry.objects.get(object_id=str(card["id"]), action_flag=ADDITION)
    assert entry.user == staff_user


def test_add_form_notice_names_fields_in_the_users_language(editor_client):
    """After adding a photo in Indonesian, the notice of what the file filled lists “kredit”, not “credit”."""
    from tests.test_agencies import add_photo

    editor_client.cookies["django_language"] = "id"
    add_photo(editor_client, jpeg_with_iptc(byline="Budi Santoso", credit="KOMPAS"))
    page = editor_client.get(reverse("admin:articles_photo_changelist"))
    notices = [str(message) for message in page.context["messages"]]
    assert any("kredit" in notice for notice in notices), notices
    assert not any("copyright_notice" in notice or " credit" in notice for notice in notices), notices


def test_preview_is_asked_for_until_ready_and_only_by_its_uploader(client, people):
    """The card's preview address gives the uploader the small web size once made; another account gets nothing."""
    from django.test import Client

    uploader = Client()
    uploader.force_login(people["photo_desk"])
    card = send(uploader, "a.jpg", jpeg()).json()
    photo = Photo.objects.get(pk=card["id"])
    Photo.objects.filter(pk=photo.pk).update(
        renditions={"320": {"url": "/media/r/320.webp", "width": 320, "height": 240, "source": photo.image.name}},
        renditions_state=Photo.RenditionsState.READY,
    )
    answer = uploader.get(card["preview_url"]).json()
    assert (answer["thumbnail"], answer["done"]) == ("/media/r/320.webp", True)
    client.force_login(people["chief_editor"])
    other = client.get(card["preview_url"])
    assert other.status_code == 404 and other.json()["thumbnail"] is None


def test_the_photo_list_links_the_ingest_page(client, people):
    """The photo desk reaches batch upload from the photo list."""
    client.force_login(people["photo_desk"])
    page = client.get(reverse("admin:articles_photo_changelist")).text
    assert f'href="{reverse("admin:articles_photo_ingest")}"' in page and "Add several photos" in page
