"""Background tasks, through Django's tasks framework (the django-tasks backport on Django 5.2; ``settings.TASKS``).

By default a task is a row in this site's database, run by ``manage.py db_worker`` (``make run`` starts one beside
the server). Neither the framework nor its backends wait for the transaction that asked for a task or retry one that
failed, so this module does both:

- ``after_commit``: a task is enqueued only once the change that asked for it commits — a rolled-back change
  enqueues nothing, and the worker never looks for a row that is not there yet;
- a failed attempt is enqueued again later, 10 s after the first failure and twice as long after each next one
  (``retry_delay``), up to ``MAX_ATTEMPTS``; every failure is written on the record it was for (a photo's
  ``renditions_state`` / ``renditions_error`` / ``renditions_attempts``, shown on the photo desk), so none is lost in
  a log.

Renditions are the first task: asked for when a photo's image is stored (``articles.services.photos.save_photo``), so
a pending photo has its 320-wide WebP for the photo desk's queue and approving it waits for nothing (they took 3 s of
the approving request for a 24-megapixel photo when approval made them).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.models import Photo
from articles.photos.renditions import ensure_renditions, renditions_missing

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY_DELAY = timedelta(seconds=10)
_ERROR_LENGTH = 2000
# The photo fields only the renditions task writes (besides request_renditions marking them pending).
RENDITION_FIELDS = ("renditions", "renditions_state", "renditions_error", "renditions_attempts")


def after_commit(callback, *, using: str | None = None) -> None:
    """Run ``callback`` once the current transaction commits (at once when there is none). The tests replace this
    so that tasks run at once inside the test's own transaction (tests/conftest.py)."""
    transaction.on_commit(callback, using=using)


def retry_delay(attempt: int) -> timedelta:
    """How long after failed attempt number ``attempt`` the next one runs: 10 s, 20 s, 40 s, 80 s."""
    return FIRST_RETRY_DELAY * 2 ** (attempt - 1)


def enqueue_later(a_task, delay: timedelta, *args, **kwargs):
    """Enqueue ``a_task`` to run no sooner than ``delay`` from now (at once on a backend that cannot defer)."""
    if a_task.get_backend().supports_defer:
        a_task = a_task.using(run_after=timezone.now() + delay)
    return a_task.enqueue(*args, **kwargs)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:_ERROR_LENGTH]


# --- photo renditions ------------------------------------------------------------------------------------------


def request_renditions(photo: Photo, *, new_image: bool = False) -> bool:
    """Ask for the photo's missing renditions: call after saving it, inside the transaction that saved it.

    Marks them pending and enqueues ``make_photo_renditions`` once that transaction commits; returns False (and asks
    for nothing) when every rendition of the current image is already there, or when a task is already queued for
    them (state pending) — unless ``new_image``: a task already under way may have read the previous image."""
    if not renditions_missing(photo):
        return False
    if photo.renditions_state == Photo.RenditionsState.PENDING and not new_image:
        return False
    photo.renditions_state = Photo.RenditionsState.PENDING
    photo.renditions_error = ""
    photo.renditions_attempts = 0
    # update(): nothing readers see changes until the renditions are there (the task then saves the photo).
    Photo.objects.filter(pk=photo.pk).update(
        renditions_state=photo.renditions_state, renditions_error="", renditions_attempts=0
    )
    photo_id = photo.pk
    after_commit(lambda: _enqueue_renditions(photo_id))
    return True


def _enqueue_renditions(photo_id: int) -> None:
    try:
        make_photo_renditions.enqueue(photo_id)
    except Exception as error:
        # The approval has committed; the photo shows that its renditions could not even be queued.
        logger.exception("Could not enqueue the renditions of photo %s", photo_id)
        Photo.objects.filter(pk=photo_id).update(
            renditions_state=Photo.RenditionsState.FAILED,
            renditions_error=f"Could not be queued: {describe(error)}"[:_ERROR_LENGTH],
        )


@task()
def make_photo_renditions(photo_id: int, attempt: int = 1) -> dict:
    """Make the photo's missing renditions and mark them ready; on failure, write it on the photo and try again
    later, up to MAX_ATTEMPTS, then mark them failed (and fail, so the task's own record keeps the traceback)."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or not photo.image:
        return {"photo": photo_id, "made": 0}
    source = photo.image.name
    try:
        made = ensure_renditions(photo)  # slow, and outside any transaction: nobody waits on a lock meanwhile
    except Exception as error:
        last = attempt >= MAX_ATTEMPTS
        _record_failure(photo_id, source, attempt=attempt, error=error, last=last)
        if not last:
            try:
                enqueue_later(make_photo_renditions, retry_delay(attempt), photo_id, attempt + 1)
            except Exception as enqueue_error:
                _record_failure(photo_id, source, attempt=attempt, error=enqueue_error, last=True)
                raise
        raise
    with transaction.atomic():
        locked = Photo.objects.select_for_update().filter(pk=photo_id, image=source).first()
        if locked is None:
            # The image changed meanwhile: these renditions are of the old one (saving the new one asked again).
            return {"photo": photo_id, "made": 0, "stale": True}
        locked.renditions = made
        locked.renditions_state = Photo.RenditionsState.READY
        locked.renditions_error = ""
        locked.renditions_attempts = attempt
        # save(), not update(): pages that showed the photo are refreshed with its renditions (articles/signals.py).
        locked.save(update_fields=list(RENDITION_FIELDS))
    return {"photo": photo_id, "made": len(made), "attempt": attempt}


def _record_failure(photo_id: int, source: str, *, attempt: int, error: BaseException, last: bool) -> None:
    if last:
        message = f"Gave up after attempt {attempt} of {MAX_ATTEMPTS}: {describe(error)}"
    else:
        message = f"Attempt {attempt} of {MAX_ATTEMPTS} failed, trying again: {describe(error)}"
    # Only for the image it was about; nothing readers see changes, so update() (no page refresh).
    Photo.objects.filter(pk=photo_id, image=source).update(
        renditions_state=Photo.RenditionsState.FAILED if last else Photo.RenditionsState.PENDING,
        renditions_error=message[:_ERROR_LENGTH],
        renditions_attempts=attempt,
    )
