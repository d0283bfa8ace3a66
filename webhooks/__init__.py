"""Webhooks: subscribers registered in the admin receive signed JSON when stories are published, updated, corrected
or unpublished, delivered by the task queue with retries, logged, and replayable."""
