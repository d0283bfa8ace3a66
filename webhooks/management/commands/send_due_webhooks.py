"""Enqueue every webhook delivery that is due and waiting: the safety net for a queue that was down when a change
committed, a worker that died mid-send, or a task backend that cannot defer (webhooks/delivery.py). Run it from cron
every few minutes; enqueueing a delivery twice is harmless (an attempt claims its row first)."""

from django.core.management.base import BaseCommand

from webhooks.delivery import due_deliveries
from webhooks.tasks import enqueue_delivery


class Command(BaseCommand):
    help = "Enqueue the webhook deliveries that are due (pending or retrying, their next attempt time passed)."

    def handle(self, *args, **options) -> None:
        ids = list(due_deliveries().values_list("pk", flat=True))
        for delivery_id in ids:
            enqueue_delivery(delivery_id)
        self.stdout.write(f"{len(ids)} due webhook deliveries enqueued.")
