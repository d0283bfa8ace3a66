"""The front page editors curate: pinned stories and the breaking-news banner. Readers see every change of them, so
each add, change and delete is audited, before → after (AuditedChangesMixin)."""

from django.contrib import admin

from articles.admin.audit import AuditedChangesMixin
from articles.admin.changelists import DateSafeChangeListMixin
from articles.models import AuditEntry, BreakingNews, FrontPagePin


@admin.register(FrontPagePin)
class FrontPagePinAdmin(AuditedChangesMixin, admin.ModelAdmin):
    audit_actions = {
        "added": AuditEntry.Action.PIN_ADDED,
        "changed": AuditEntry.Action.PIN_CHANGED,
        "deleted": AuditEntry.Action.PIN_REMOVED,
    }
    list_display = ["article", "slot", "section", "order", "pinned_until"]
    list_editable = ["slot", "section", "order", "pinned_until"]
    list_filter = ["slot", "section"]
    list_select_related = ["article", "section"]
    autocomplete_fields = ["article", "section"]


@admin.register(BreakingNews)
class BreakingNewsAdmin(AuditedChangesMixin, DateSafeChangeListMixin, admin.ModelAdmin):
    audit_actions = {
        "added": AuditEntry.Action.BANNER_ADDED,
        "changed": AuditEntry.Action.BANNER_CHANGED,
        "deleted": AuditEntry.Action.BANNER_REMOVED,
    }
    list_display = ["text", "starts_at", "ends_at", "article"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    date_hierarchy = "starts_at"
