from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from articles.events import story_event
        from webhooks.receivers import record_story_event

        story_event.connect(record_story_event, dispatch_uid="webhooks.record_story_event")
