"""Renditions are made by a background task (articles/tasks.py): enqueued when the approval commits, retried with
growing delays, and a failure stays visible on the photo."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from PIL import Image

from articles import tasks
from articles.models import Photo
from articles.photos.renditions import sorted_renditions
from articles.services import moderation

# The real one: tests/conftest.py replaces it so tasks run inside each test's own transaction.
real_after_commit = tasks.after_commit

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def jpeg(size=(1000, 600)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="kota.jpg")


@pytest.fixture
def failing_renditions(monkeypatch):
    """Make every rendition attempt fail, or only the first ``failures`` of them."""
    calls = {"count": 0}

    def install(failures: int | None = None):
        real = tasks.ensure_renditions

        def flaky(photo):
            calls["count"] += 1
            if failures is None or calls["count"] <= failures:
                raise OSError("disk full")
            return real(photo)

        monkeypatch.setattr(tasks, "ensure_renditions", flaky)
        return calls

    return install


@pytest.mark.django_db(transaction=True)
def test_approval_enqueues_only_when_it_commits(people, make_photo, monkeypatch, settings):
    """A rolled-back approval enqueues nothing; a committed one enqueues the renditions task, once, and the photo
    shows them pending until the worker has run it."""
    monkeypatch.setattr(tasks, "after_commit", real_after_commit)
    settings.TASKS = DUMMY
    photo = make_photo(approved=False, image=jpeg())

    with pytest.raises(RuntimeError), transaction.atomic():
        moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
        assert default_task_backend.results == []  # not before the commit either
        raise RuntimeError("the request failed after the approval")
    assert default_task_backend.results == []
    photo.refresh_from_db()
    assert (photo.credit_status, photo.renditions_state) == (Photo.CreditStatus.PENDING, "")

    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    [enqueued] = default_task_backend.results
    assert enqueued.task.func is tasks.make_photo_renditions.func and enqueued.args == [photo.pk]
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.APPROVED
    assert (photo.renditions_state, photo.renditions) == (Photo.RenditionsState.PENDING, {})


@pytest.mark.django_db(transaction=True)
def test_committed_approval_gets_its_renditions_from_the_task(people, make_photo, monkeypatch):
    """Success path, with real commits: the task runs after the approval commits and marks the renditions ready."""
    monkeypatch.setattr(tasks, "after_commit", real_after_commit)
    photo = make_photo(approved=False, image=jpeg())
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    photo.refresh_from_db()
    assert photo.renditions_state == Photo.RenditionsState.READY
    assert (photo.renditions_attempts, photo.renditions_error) == (1, "")
    assert set(photo.renditions) == {"320", "640", "960", "social"}  # social: the 1200x630 JPEG for link cards
    assert all(r["url"].endswith(".webp") and r["source"] == photo.image.name for r in sorted_renditions(photo))


def test_reapproval_with_renditions_in_place_asks_for_nothing(people, make_photo, settings):
    photo = make_photo(approved=False, image=jpeg((400, 300)))
    desk = people["photo_desk"]
    moderation.moderate_photo(photo=photo, decision="approve", user=desk)
    photo.refresh_from_db()
    assert photo.renditions_state == Photo.RenditionsState.READY
    moderation.moderate_photo(photo=photo, decision="request_info", user=desk, reason="Siapa?")
    settings.TASKS = DUMMY
    moderation.moderate_photo(photo=photo, decision="approve", user=desk)
    assert default_task_backend.results == []
    photo.refresh_from_db()
    assert photo.renditions_state == Photo.RenditionsState.READY


def test_a_failed_attempt_is_retried_later_and_later(make_photo, failing_renditions, settings, time_machine):
    """Each failure is written on the photo and the next attempt enqueued 10 s, 20 s, 40 s, 80 s later."""
    time_machine.move_to(timezone.now(), tick=False)
    settings.TASKS = DUMMY
    failing_renditions()
    photo = make_photo(image=jpeg())
    for attempt in range(1, tasks.MAX_ATTEMPTS):
        default_task_backend.clear()
        with pytest.raises(OSError, match="disk full"):
            tasks.make_photo_renditions.call(photo.pk, attempt)
        [retry] = default_task_backend.results
        assert retry.args == [photo.pk, attempt + 1]
        assert retry.task.run_after == timezone.now() + timedelta(seconds=10 * 2 ** (attempt - 1))
        photo.refresh_from_db()
        assert (photo.renditions_state, photo.renditions_attempts) == (Photo.RenditionsState.PENDING, attempt)
        assert photo.renditions_error == f"Attempt {attempt} of 5 failed, trying again: OSError: disk full"


def test_after_the_last_attempt_the_failure_stays_on_the_photo(client, people, make_photo, failing_renditions):
    """Five failed attempts: the photo says so (state, attempts, error), on the desk's list and page too; readers'
    pages keep working."""
    calls = failing_renditions()
    photo = make_photo(approved=False, image=jpeg())
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    assert calls["count"] == tasks.MAX_ATTEMPTS
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.APPROVED
    assert (photo.renditions_state, photo.renditions_attempts) == (Photo.RenditionsState.FAILED, 5)
    assert photo.renditions_error == "Gave up after attempt 5 of 5: OSError: disk full"
    assert photo.renditions == {}

    client.force_login(people["photo_desk"])
    listing = client.get(reverse("admin:articles_photo_changelist"), {"state": "all"}).text
    assert "failed" in listing and "OSError: disk full" in listing
    page = client.get(reverse("admin:articles_photo_change", args=[photo.pk])).text
    assert "Gave up after attempt 5 of 5: OSError: disk full" in page and "attempts: 5" in page


def test_a_later_attempt_that_works_clears_the_error(people, make_photo, failing_renditions):
    failing_renditions(failures=2)
    photo = make_photo(approved=False, image=jpeg())
    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    photo.refresh_from_db()
    assert (photo.renditions_state, photo.renditions_attempts, photo.renditions_error) == ("ready", 3, "")
    assert set(photo.renditions) == {"320", "640", "960", "social"}  # social: the 1200x630 JPEG for link cards
    assert all(r["url"].endswith(".webp") and r["source"] == photo.image.name for r in sorted_renditions(photo))


def test_renditions_of_a_replaced_image_are_not_kept(make_photo, monkeypatch):
    """The image changed while the task worked: its renditions of the old image are dropped."""
    from django.core.files.storage import default_storage

    photo = make_photo(image=jpeg())
    other = default_storage.save("photos/other.jpg", jpeg())
    real = tasks.ensure_renditions

    def replaced_meanwhile(in_task):
        made = real(in_task)
        Photo.objects.filter(pk=photo.pk).update(image=other)
        return made

    monkeypatch.setattr(tasks, "ensure_renditions", replaced_meanwhile)
    assert tasks.make_photo_renditions.call(photo.pk)["stale"]
    photo.refresh_from_db()
    assert photo.renditions == {} and photo.renditions_state == ""
