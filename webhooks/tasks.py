"""The webhook task: one attempt at one delivery, and the next one enqueued when it is to be tried again.

Defined like the site's other tasks (articles/tasks.py: django-tasks, the database backend by default), and enqueued
only once the change that made the delivery commits (webhooks/delivery.py). Retries are new tasks deferred with
``run_after`` (``articles.tasks.enqueue_later``), so a worker never sleeps through a backoff.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from articles.tasks import enqueue_later


def enqueue_delivery(delivery_id: int, when: datetime | None = None) -> None:
    """Enqueue an attempt at the delivery, deferred until ``when`` when that is ahead."""
    delay = (when - timezone.now()) if when else None
    if delay is not None and delay.total_seconds() > 0:
        enqueue_later(deliver_webhook, delay, delivery_id)
    else:
        deliver_webhook.enqueue(delivery_id)


@task()
def deliver_webhook(delivery_id: int) -> dict:
    from webhooks import delivery

    outcome = delivery.attempt(delivery_id)
    if outcome is None:
        return {"delivery": delivery_id, "attempted": False}
    if outcome.retry_in is not None:
        enqueue_later(deliver_webhook, outcome.retry_in, delivery_id)
    return {"delivery": delivery_id, "attempted": True, "status": outcome.status}
