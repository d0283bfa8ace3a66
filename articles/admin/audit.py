"""The record in the admin: the audit log (read-only), a story's history inline, and the auditing of admin pages that
change what readers see or who may do what (articles/audit.py keeps the rules and the words)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles import audit
from articles.admin.changelists import DateSafeChangeListMixin
from articles.models import Article, AuditEntry

# Ids beyond a 64-bit integer are no record at all, and the database would refuse the number.
LARGEST_ID = 2**63 - 1


class AuditedChangesMixin:
    """For a ModelAdmin whose records readers see: every add, change and delete made through it — change form,
    editable list columns, delete page, the bulk delete action — is an audit entry of the model's audited fields
    (articles.audit.AUDITED_FIELDS), before → after, in the same transaction as the change.

    ``audit_actions`` maps "added", "changed" and "deleted" to an AuditEntry action; one left out is not audited.
    """

    audit_actions: dict[str, str] = {}

    def save_model(self, request, obj, form, change):
        # The form has already put the new values on ``obj``; the stored row is what readers saw until now.
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        form.audited_before = audit.values_of(stored) if stored is not None else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Only now are many-to-many fields (a group's permissions) saved too.
        action = self.audit_actions.get("changed" if change else "added")
        if action:
            audit.record_change(
                target=form.instance,
                action=action,
                user=request.user,
                before=getattr(form, "audited_before", {}),
                after=audit.values_of(form.instance),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)

    def _record_deletion(self, request, obj):
        # Before the row goes, while the entry can still take its id and name; a refused delete rolls it back.
        if action := self.audit_actions.get("deleted"):
            audit.record_change(target=obj, action=action, user=request.user, before=audit.values_of(obj), after={})


class EntryColumns:
    """The columns an editor reads: states by their labels, changes in words, both in the reader's language."""

    @admin.display(description=_("state"))
    def states(self, entry: AuditEntry) -> str:
        return audit.describe_states(entry)

    @admin.display(description=_("changes"))
    def what_changed(self, entry: AuditEntry) -> str:
        return format_html_join("", "<div>{}</div>", ((line,) for line in audit.describe_changes(entry)))


class AuditInline(EntryColumns, GenericTabularInline):
    """A story's entries on its change form: its workflow, photos placed in it, refused attempts; the audit log of
    the story is one link away (the template)."""

    model = AuditEntry
    ct_fk_field = "object_id"
    template = "admin/articles/auditentry/story_history.html"
    fields = ["created_at", "user", "action", "states", "what_changed", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("workflow history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "content_type")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StoryFilter(admin.SimpleListFilter):
    """One story's entries, from the link on the story's page. It offers no list of stories (there are thousands),
    only the one asked for, named as its latest entry names it — which still works after the story is deleted."""

    title = _("story")
    parameter_name = "story"

    def lookups(self, request, model_admin):
        value = self.value()
        if value is None:
            return []
        if not value.isdigit() or not 0 < int(value) <= LARGEST_ID:
            raise IncorrectLookupParameters(f"Not a story id: {value!r}")
        name = (
            AuditEntry.objects.filter(content_type=self._story_type(), object_id=value)
            .values_list("object_repr", flat=True)
            .first()
        )
        return [(value, name or f"#{value}")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(content_type=self._story_type(), object_id=self.value())

    @staticmethod
    def _story_type() -> ContentType:
        return ContentType.objects.get_for_model(Article)


class AuditedTypeFilter(admin.SimpleListFilter):
    """The kinds of record the desk audits, by name — never Django's or a library's internal models."""

    title = _("type")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        choices = sorted(
            (
                (str(kind.pk), capfirst(model._meta.verbose_name))
                for model, kind in audit.audited_content_types().items()
            ),
            key=lambda choice: str(choice[1]),
        )
        if self.value() is not None and self.value() not in {value for value, _label in choices}:
            raise IncorrectLookupParameters(f"Not an audited type: {self.value()!r}")
        return choices

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(EntryColumns, DateSafeChangeListMixin, admin.ModelAdmin):
    """The site-wide audit log, read-only: by story, user, kind of change (refused attempts too), date and type."""

    list_display = ["created_at", "user", "action", "object_repr", "states", "what_changed", "note"]
    list_filter = [
        StoryFilter,
        ("user", admin.RelatedOnlyFieldListFilter),
        "action",
        "created_at",
        AuditedTypeFilter,
    ]
    search_fields = ["object_repr", "note", "user__username"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "content_type"]
    fields = [
        "created_at",
        "user",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "states",
        "what_changed",
        "note",
    ]
    readonly_fields = ["states", "what_changed"]
    show_facets = admin.ShowFacets.NEVER  # facet counts cost one query per filter option on a long log

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
