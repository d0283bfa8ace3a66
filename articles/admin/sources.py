"""Sources (the people and organisations quoted): their titles over time, confirming and merging duplicates."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.merging import merge_action
from articles.models import Source, SourceTitle
from articles.services.sources import merge_sources
from articles.signals import stories_changed

merge_selected_sources = merge_action(
    name="merge_selected_sources",
    merge=merge_sources,
    description=_("Merge selected sources…"),
    explanation=_("Every quote and title of the other records moves to the record you keep; the others are deleted."),
    report=lambda keep, moved: (
        _("Merged %(sources)d sources into %(name)s: %(quotes)d quotes moved.")
        % {"sources": moved["sources"], "name": keep.name, "quotes": moved["quotes"]}
    ),
)


@admin.action(description=_("Confirm selected sources"), permissions=["change"])
def confirm_selected_sources(modeladmin, request, queryset):
    count = queryset.exclude(status=Source.Status.CONFIRMED).update(status=Source.Status.CONFIRMED)
    stories_changed()
    modeladmin.message_user(request, _("%(count)d sources confirmed.") % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Confirm suggested kind"), permissions=["change"])
def confirm_suggested_kinds(modeladmin, request, queryset):
    """Give the selected sources that await confirmation their suggested type and level; a kind an editor chose
    stays as it is (nothing is audited: like confirming sources, it changes no story's words)."""
    waiting = queryset.filter(source_type="").exclude(suggested_type="")
    sources = list(waiting.only("pk", "suggested_type", "suggested_level"))
    for source in sources:
        source.source_type, source.level = source.suggested_type, source.suggested_level
    Source.objects.bulk_update(sources, ["source_type", "level"])
    stories_changed()  # the kind shows on the source's page
    modeladmin.message_user(
        request, _("%(count)d sources given their suggested kind.") % {"count": len(sources)}, messages.SUCCESS
    )


class KindConfirmationFilter(admin.SimpleListFilter):
    """Sources whose kind is suggested and not yet chosen by an editor: the desk's queue for classifying."""

    title = _("kind")
    parameter_name = "kind_confirmation"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", _("Suggested, awaiting confirmation")),
            ("none", _("Not classified, nothing suggested")),
            ("confirmed", _("Chosen by an editor")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "awaiting":
            return queryset.filter(source_type="").exclude(suggested_type="")
        if self.value() == "none":
            return queryset.filter(source_type="", suggested_type="")
        if self.value() == "confirmed":
            return queryset.exclude(source_type="")
        return queryset


def kind_label(source_type: str, level: str) -> str:
    """“Police or military · City or regency”: a type with its level, when it has one."""
    label = str(Source.Type(source_type).label)
    return f"{label} · {Source.Level(level).label}" if level else label


class SourceTitleInline(admin.TabularInline):
    """A source's titles are part of the source record: whoever may change the source may correct them."""

    model = SourceTitle
    extra = 0
    fields = ["title", "organisation", "first_seen", "last_seen"]
    ordering = ["-last_seen", "title"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_source") or request.user.has_perm("articles.change_source")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_source")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_source")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_source")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "title",
        "organisation",
        "kind",
        "suggested_kind",
        # A tick rather than the status's long label, which made every row several lines tall.
        "is_confirmed",
        "quote_count",
    ]
    list_filter = ["status", KindConfirmationFilter, "source_type", "level"]
    search_fields = ["name", "title", "organisation"]
    # The counts added in get_queryset drop the model's ordering; lists and autocompletes page by name.
    ordering = ["name", "pk"]
    fieldsets = [
        (None, {"fields": ["name", "title", "organisation"]}),
        (
            _("Kind"),
            {
                "fields": ["source_type", "level", "kind_suggestion"],
                "description": _(
                    "The type and level are the desk's: the report counts them. The suggestion comes from the title "
                    "and organisation, and counts only once an editor takes it."
                ),
            },
        ),
        (_("Review"), {"fields": ["status", "created_at"]}),
    ]
    readonly_fields = ["status", "created_at", "kind_suggestion"]
    inlines = [SourceTitleInline]
    actions = [merge_selected_sources, confirm_selected_sources, confirm_suggested_kinds]
    show_facets = admin.ShowFacets.NEVER
    # The change form's button that takes the suggestion (see kind_suggestion and save_model).
    use_suggestion = "_use_suggested_kind"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_total=Count("quotes"))

    @admin.display(description=_("Confirmed"), boolean=True, ordering="status")
    def is_confirmed(self, source) -> bool:
        return source.status == Source.Status.CONFIRMED

    @admin.display(description=_("quotes"), ordering="quote_total")
    def quote_count(self, source) -> int:
        return source.quote_total

    @admin.display(description=_("type"), ordering="source_type")
    def kind(self, source: Source) -> str:
        """The type an editor chose, with its level: “Police or military · City or regency”."""
        return kind_label(source.source_type, source.level) if source.source_type else "—"

    @admin.display(description=_("suggested kind"), ordering="suggested_type")
    def suggested_kind(self, source: Source) -> str:
        """The suggestion while it is not what an editor chose; “—” otherwise."""
        suggested = (source.suggested_type, source.suggested_level)
        if not source.suggested_type or suggested == (source.source_type, source.level):
            return "—"
        return gettext("%(kind)s (suggested)") % {"kind": kind_label(*suggested)}

    @admin.display(description=_("suggested kind"))
    def kind_suggestion(self, source: Source) -> str:
        """The suggestion, the words it came from, and a button that takes it (for whoever may change sources)."""
        return self._suggestion_html(source, button=True)

    @admin.display(description=_("suggested kind"))
    def kind_suggestion_text(self, source: Source) -> str:
        """The suggestion and the words it came from, without the button (for whoever may not choose a kind)."""
        return self._suggestion_html(source, button=False)

    def _suggestion_html(self, source: Source, *, button: bool) -> str:
        if not source.suggested_type:
            return gettext("Nothing suggested: the title and organisation do not say what kind of voice this is.")
        taken = (source.source_type, source.level) == (source.suggested_type, source.suggested_level)
        take = ""
        if button and not taken:
            take = format_html(
                ' <button type="submit" name="{}" value="1" class="button">{}</button>',
                self.use_suggestion,
                gettext("Use the suggestion and save"),
            )
        return format_html(
            "<strong>{}</strong> — {} {}{}",
            kind_label(source.suggested_type, source.suggested_level),
            gettext("from the words"),
            source.suggestion_reason,
            take,
        )

    def get_fieldsets(self, request, obj=None):
        if request.user.has_perm("articles.change_source"):
            return self.fieldsets
        # Only whoever may change sources chooses a kind: for a reporter adding a speaker it stays the desk's.
        return [
            (name, {**options, "fields": ["source_type", "level", "kind_suggestion_text"]})
            if "kind_suggestion" in options["fields"]
            else (name, options)
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.change_source"):
            fields += ["source_type", "level", "kind_suggestion_text"]
        return fields

    def save_model(self, request, obj, form, change):
        # An editor saving the record has checked it; a reporter adding a speaker leaves it for the desk.
        if request.user.has_perm("articles.change_source"):
            obj.status = Source.Status.CONFIRMED
            if self.use_suggestion in request.POST:
                obj.suggest_kind()  # from the title and organisation as saved now
                if obj.suggested_type:
                    obj.source_type, obj.level = obj.suggested_type, obj.suggested_level
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if self.use_suggestion in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"  # back to the form, where the editor sees what was taken
        return super().response_change(request, obj)
