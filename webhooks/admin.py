"""Webhooks in the admin: the subscribers (registered, edited, deactivated, their signing secret shown and rotated)
and the delivery log (read-only, with a Replay button on a delivery and a bulk replay action).

Who may do what is the models' permissions: the subscriptions' own add/change/view/delete, the deliveries' view, and
``webhooks.replay_webhookdelivery`` to replay. The secret is shown only to those who may change the subscription.
Changes, rotations and replays are in each object's admin history (``log_change``).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles.admin.changelists import DateSafeChangeListMixin
from articles.events import StoryEvent
from webhooks import addresses, delivery
from webhooks.models import WebhookDelivery, WebhookSubscription


class WebhookSubscriptionForm(forms.ModelForm):
    # An address typed without a scheme is taken as https (Django 6's default; 5.2 warns about assuming http).
    url = WebhookSubscription._meta.get_field("url").formfield(assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=StoryEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The story events sent to this address."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            # The address rule (webhooks/addresses.py), checked now and again at every send.
            addresses.resolve(url)
        except addresses.AddressRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return url


def _pretty_json(value) -> str:
    return format_html('<pre class="webhook-json">{}</pre>', json.dumps(value, indent=2, ensure_ascii=False))


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ["name", "url", "event_labels", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    actions = ["rotate_secrets", "deactivate"]

    class Media:
        css = {"all": ["webhooks/admin.css"]}

    @admin.display(description=gettext_lazy("events"))
    def event_labels(self, subscription: WebhookSubscription) -> str:
        labels = dict(StoryEvent.choices)
        return ", ".join(str(labels.get(event, event)) for event in subscription.events)

    def get_fieldsets(self, request, obj=None):
        fieldsets: list[tuple[str | None, dict[str, Any]]] = [(None, {"fields": ["name", "url", "events", "active"]})]
        if obj is not None:
            signing = ["signing_secret", "secret_rotated_at"] if self.has_change_permission(request, obj) else []
            fieldsets.append((_("Signing"), {"fields": signing, "description": self._signing_help()}))
            fieldsets.append((_("Record"), {"fields": ["created_by", "created_at", "recent_deliveries"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return ["signing_secret", "secret_rotated_at", "created_by", "created_at", "recent_deliveries"]

    @staticmethod
    def _signing_help() -> str:
        return _(
            "Every request carries the header X-Newsroom-Signature: t=(time of sending, Unix seconds),v1=(hex "
            "HMAC-SHA256 of the time, a full stop and the body, keyed with this secret). Give the secret to the "
            "subscriber over a safe channel; rotating it makes a new one at once, so tell them first."
        )

    @admin.display(description=gettext_lazy("signing secret"))
    def signing_secret(self, subscription: WebhookSubscription) -> str:
        # The button submits the change form to the rotate address (its own CSRF token included); nothing else in
        # the form is saved there.
        return format_html(
            '<code class="webhook-secret">{}</code> '
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button>',
            subscription.secret,
            reverse("admin:webhooks_webhooksubscription_rotate", args=[subscription.pk]),
            _("Rotate secret"),
        )

    @admin.display(description=gettext_lazy("latest deliveries"))
    def recent_deliveries(self, subscription: WebhookSubscription) -> str:
        recent = subscription.deliveries.order_by("-created_at", "-pk")[:10]
        if not recent:
            return _("None yet.")
        return format_html_join(
            "",
            '<div><a href="{}">#{}</a> {} · {} · {}</div>',
            (
                (
                    reverse("admin:webhooks_webhookdelivery_change", args=[item.pk]),
                    item.pk,
                    item.get_event_display(),
                    item.get_status_display(),
                    item.created_at.strftime("%Y-%m-%d %H:%M"),
                )
                for item in recent
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/rotate-secret/",
                self.admin_site.admin_view(self.rotate_secret_view),
                name="webhooks_webhooksubscription_rotate",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def _rotated_message() -> str:
        return _("A new signing secret was made; requests are signed with it from now on.")

    def rotate_secret_view(self, request, object_id):
        return require_POST(self._rotate_secret)(request, object_id)

    def _rotate_secret(self, request, object_id):
        subscription = self.get_object(request, unquote(object_id))
        if subscription is None:
            raise Http404
        if not self.has_change_permission(request, subscription):
            raise PermissionDenied
        subscription.rotate_secret()
        self.log_change(request, subscription, _("Rotated the signing secret."))
        self.message_user(request, self._rotated_message(), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]))

    @admin.action(
        description=gettext_lazy("Rotate the signing secret of the selected subscriptions"), permissions=["change"]
    )
    def rotate_secrets(self, request, queryset):
        for subscription in queryset:
            subscription.rotate_secret()
            self.log_change(request, subscription, _("Rotated the signing secret."))
        self.message_user(request, self._rotated_message(), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Deactivate the selected subscriptions"), permissions=["change"])
    def deactivate(self, request, queryset):
        for subscription in queryset.filter(active=True):
            subscription.active = False
            subscription.save(update_fields=["active"])
            self.log_change(request, subscription, _("Deactivated."))
        self.message_user(request, _("The selected subscriptions receive nothing more."), messages.SUCCESS)


# The delivery page's rows, every one read-only: a delivery is a record of what was sent.
_DELIVERY_FIELDS: tuple[str | tuple[str, ...], ...] = (
    ("subscription", "event", "story"),
    ("status", "attempts"),
    ("created_at", "last_attempt_at", "next_attempt_at", "delivered_at"),
    ("replay_of", "replays_list"),
    "payload_json",
    "headers_json",
    "response_status",
    "response_text",
    "error",
)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(DateSafeChangeListMixin, admin.ModelAdmin):
    # DateSafeChangeListMixin: a date-hierarchy link edited to the year 1 or 9999 is a bad filter, not a server error.
    list_display = [
        "number",
        "created_at",
        "subscription",
        "event",
        "story",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
        "replay_of",
    ]
    list_display_links = ["number", "created_at"]
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription"]
    search_fields = ["=story_id", "=pk"]
    date_hierarchy = "created_at"
    actions = ["replay_selected"]

    class Media:
        css = {"all": ["webhooks/admin.css"]}

    fields = _DELIVERY_FIELDS
    readonly_fields = [name for row in _DELIVERY_FIELDS for name in (row if isinstance(row, tuple) else (row,))]

    def has_add_permission(self, request):
        return False  # deliveries come from story events and replays, never typed in

    def has_change_permission(self, request, obj=None):
        return False  # the log is a record

    def has_delete_permission(self, request, obj=None):
        return False

    def has_replay_permission(self, request) -> bool:
        return request.user.has_perm("webhooks.replay_webhookdelivery")

    def get_fields(self, request, obj=None):
        if obj is not None and self.has_replay_permission(request):
            return [*self.fields, "replay_button"]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "replay_button"]

    @admin.display(description="#", ordering="pk")
    def number(self, item: WebhookDelivery) -> int:
        return item.pk

    @admin.display(description=gettext_lazy("story"), ordering="story_id")
    def story(self, item: WebhookDelivery) -> str:
        # The id, not a key (the log outlives a deleted story): the link answers "not found" for a deleted one.
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[item.story_id]), item.story_id
        )

    @admin.display(description=gettext_lazy("payload"))
    def payload_json(self, item: WebhookDelivery) -> str:
        return _pretty_json(item.payload)

    @admin.display(description=gettext_lazy("headers sent"))
    def headers_json(self, item: WebhookDelivery) -> str:
        return _pretty_json(item.request_headers) if item.request_headers else "—"

    @admin.display(description=gettext_lazy("response"))
    def response_text(self, item: WebhookDelivery) -> str:
        return format_html('<pre class="webhook-response">{}</pre>', item.response_body) if item.response_body else "—"

    @admin.display(description=gettext_lazy("replays"))
    def replays_list(self, item: WebhookDelivery) -> str:
        replays = list(item.replays.order_by("pk"))
        if not replays:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">#{}</a> ({})',
            (
                (reverse("admin:webhooks_webhookdelivery_change", args=[item.pk]), item.pk, item.get_status_display())
                for item in replays
            ),
        )

    @admin.display(description=gettext_lazy("replay"))
    def replay_button(self, item: WebhookDelivery) -> str:
        # Submits the page's form (with its CSRF token) to the replay address; shown only to those who may replay.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button> {}',
            reverse("admin:webhooks_webhookdelivery_replay", args=[item.pk]),
            _("Replay"),
            _("Sends the same JSON again as a new delivery, signed anew."),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/replay/",
                self.admin_site.admin_view(self.replay_view),
                name="webhooks_webhookdelivery_replay",
            ),
            *super().get_urls(),
        ]

    def replay_view(self, request, object_id):
        return require_POST(self._replay_one)(request, object_id)

    def _replay_one(self, request, object_id):
        original = self.get_object(request, unquote(object_id))
        if original is None:
            raise Http404
        if not (self.has_view_permission(request, original) and self.has_replay_permission(request)):
            raise PermissionDenied
        (new,) = delivery.replay([original], user=request.user)
        self.log_change(request, original, _("Replayed as delivery #%(id)s.") % {"id": new.pk})
        self.message_user(request, _("Replayed as delivery #%(id)s.") % {"id": new.pk}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:webhooks_webhookdelivery_change", args=[new.pk]))

    @admin.action(description=gettext_lazy("Replay the selected deliveries"), permissions=["replay"])
    def replay_selected(self, request, queryset):
        originals = list(queryset)
        replays = delivery.replay(originals, user=request.user)
        for original, new in zip(originals, replays, strict=True):
            self.log_change(request, original, _("Replayed as delivery #%(id)s.") % {"id": new.pk})
        count = len(replays)
        self.message_user(
            request,
            ngettext("%(count)s delivery replayed.", "%(count)s deliveries replayed.", count) % {"count": count},
            messages.SUCCESS,
        )
