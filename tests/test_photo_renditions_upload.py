"""Renditions are made by the background task right after a photo's image is stored (upload or replacement), not at
approval: the pending queue shows the 320-wide WebP, never the original, and approving a photo waits for nothing."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_tasks import default_task_backend
from PIL import Image

from articles import tasks
from articles.models import Photo
from articles.photos.renditions import queue_thumbnail
from articles.services import moderation
from articles.services.photos import save_photo
from tests.conftest import photo_add_data

real_after_commit = tasks.after_commit  # tests/conftest.py replaces it so tasks run inside the test's transaction
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def jpeg(size=(1000, 600), colour=(30, 90, 160), name="kota.jpg") -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def upload(client, size=(1000, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG")
    buffer.name = "pawai.jpg"
    buffer.seek(0)
    return client.post(
        reverse("admin:articles_photo_add"),
        photo_add_data(buffer, "Warga menonton pawai"),
    )


def test_an_upload_gets_its_renditions_while_still_pending(client, people):
    """A photo uploaded through the desk has its WebP renditions before anyone approves it; the queue's thumbnail is
    the 320-wide WebP, not the original."""
    client.force_login(people["photo_desk"])
    assert upload(client).status_code == 302
    photo = Photo.objects.get()
    assert photo.credit_status == Photo.CreditStatus.PENDING
    assert photo.renditions_state == Photo.RenditionsState.READY
    assert set(photo.renditions) == {"320", "640", "960", "social"}
    thumbnail = queue_thumbnail(photo)
    assert thumbnail == photo.renditions["320"]
    assert thumbnail["url"].endswith(".webp") and thumbnail["url"] != photo.image.url


@pytest.mark.django_db(transaction=True)
def test_an_upload_enqueues_the_task_once_it_commits(people, monkeypatch, settings):
    """Saving a new photo only enqueues the task (after the commit); until the worker has run it the queue shows no
    thumbnail rather than the original."""
    monkeypatch.setattr(tasks, "after_commit", real_after_commit)
    settings.TASKS = DUMMY
    saved = save_photo(photo=Photo(image=jpeg(), caption="Banjir", credit="Dwi Arif"), user=people["photo_desk"])
    [enqueued] = default_task_backend.results
    assert enqueued.task.func is tasks.make_photo_renditions.func and enqueued.args == [saved.photo.pk]
    photo = Photo.objects.get(pk=saved.photo.pk)
    assert (photo.renditions_state, photo.renditions) == (Photo.RenditionsState.PENDING, {})
    assert queue_thumbnail(photo) is None


def test_replacing_the_image_makes_renditions_of_the_new_one(people):
    """A replaced file gets its own renditions at once; the queue never shows the old picture's thumbnail."""
    photo = save_photo(photo=Photo(image=jpeg(), caption="Banjir", credit="Dwi Arif"), user=people["reporter"]).photo
    photo.refresh_from_db()  # the task (run at once in tests) saved its result on its own copy of the row
    old = queue_thumbnail(photo)
    photo.image = jpeg((800, 500), colour=(250, 250, 0), name="ganti.jpg")
    save_photo(photo=photo, user=people["reporter"])
    photo.refresh_from_db()
    new = queue_thumbnail(photo)
    assert new is not None and new["source"] == photo.image.name and new["url"] != old["url"]
    assert photo.renditions_state == Photo.RenditionsState.READY


def test_a_thumbnail_of_a_replaced_image_is_not_shown(make_photo):
    """Renditions of a previous image are never offered as the queue's thumbnail."""
    photo = make_photo(approved=False, image=jpeg())
    photo.renditions = {"320": {"url": "/media/renditions/old.webp", "width": 320, "height": 192, "source": "old"}}
    assert queue_thumbnail(photo) is None


def test_editing_the_caption_asks_for_nothing(people, settings):
    """Saving a photo whose renditions are in place enqueues no task."""
    photo = save_photo(photo=Photo(image=jpeg(), caption="Banjir", credit="Dwi Arif"), user=people["reporter"]).photo
    settings.TASKS = DUMMY
    photo.caption = "Banjir di Kampung Melayu"
    save_photo(photo=photo, user=people["reporter"])
    assert default_task_backend.results == []


def test_approving_an_uploaded_photo_enqueues_nothing(people, settings):
    """The renditions were made after the upload: approval finds them and asks the worker for nothing."""
    photo = save_photo(photo=Photo(image=jpeg(), caption="Banjir", credit="Dwi Arif"), user=people["reporter"]).photo
    settings.TASKS = DUMMY
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    assert default_task_backend.results == []
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.APPROVED and photo.renditions_state == "ready"


def test_approving_while_the_task_is_queued_does_not_queue_it_again(people, settings):
    """A photo approved before the worker got to its renditions is not queued a second time."""
    settings.TASKS = DUMMY
    photo = save_photo(photo=Photo(image=jpeg(), caption="Banjir", credit="Dwi Arif"), user=people["reporter"]).photo
    assert len(default_task_backend.results) == 1
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    assert len(default_task_backend.results) == 1


def test_a_failed_upload_task_is_shown_on_the_photo_page(client, people, monkeypatch):
    """When every attempt fails for a pending photo, its page says so, with the error."""

    def broken(photo):
        raise OSError("disk full")

    monkeypatch.setattr(tasks, "ensure_renditions", broken)
    client.force_login(people["photo_desk"])
    assert upload(client).status_code == 302
    photo = Photo.objects.get()
    assert (photo.renditions_state, photo.renditions_attempts) == (Photo.RenditionsState.FAILED, tasks.MAX_ATTEMPTS)
    assert queue_thumbnail(photo) is None
    page = client.get(reverse("admin:articles_photo_change", args=[photo.pk])).text
    assert "Gave up after attempt 5 of 5: OSError: disk full" in page


def test_an_edit_open_while_the_task_finished_keeps_its_renditions(people, settings):
    """An edit saved from a form loaded before the worker finished does not wipe the renditions it made."""
    settings.TASKS = DUMMY
    photo = save_photo(photo=Photo(image=jpeg(), caption="Banjir", credit="Dwi Arif"), user=people["reporter"]).photo
    opened = Photo.objects.get(pk=photo.pk)  # the edit form, loaded while the task is still queued
    assert opened.renditions_state == Photo.RenditionsState.PENDING
    tasks.make_photo_renditions.call(photo.pk)  # the worker finishes meanwhile
    opened.caption = "Banjir di Kampung Melayu"
    save_photo(photo=opened, user=people["reporter"])
    photo.refresh_from_db()
    assert photo.caption == "Banjir di Kampung Melayu"
    assert photo.renditions_state == Photo.RenditionsState.READY and queue_thumbnail(photo) is not None


def test_photos_uploaded_before_get_their_thumbnails_from_the_command(make_photo):
    """`manage.py request_renditions` also asks for the renditions of pending photos uploaded before renditions were
    made at upload, so the queue has a thumbnail for each."""
    from django.core.management import call_command

    older = make_photo(approved=False, image=jpeg())  # stored without save_photo: nothing asked for
    assert queue_thumbnail(older) is None
    output = io.StringIO()
    call_command("request_renditions", stdout=output)
    assert output.getvalue().strip() == "Asked for the renditions of 1 photos."
    older.refresh_from_db()
    assert queue_thumbnail(older)["width"] == 320


def test_the_pending_queue_never_loads_an_original(client, people):
    """The desk's list of pending photos shows each uploaded photo by its 320-wide WebP; no original file's address
    is on the page."""
    client.force_login(people["photo_desk"])
    for _ in range(3):
        assert upload(client).status_code == 302
    page = client.get(reverse("admin:articles_photo_changelist"), {"credit_status__exact": "pending"}).text
    for photo in Photo.objects.all():
        assert photo.image.url not in page
        assert queue_thumbnail(photo)["url"] in page
