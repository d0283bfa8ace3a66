"""Contributors (bylines, photo credits). Sources (quotes) are in articles/admin/sources.py."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from articles.admin.merging import describe_contributors, merge_action
from articles.models import Contributor
from articles.services.contributors import (
    LINKED_MERGE_REFUSED,
    may_link_accounts,
    merge_contributors,
    record_account_link,
)

MERGE_DESCRIPTION = _("Merge selected contributors…")


@admin.action(description=MERGE_DESCRIPTION, permissions=["change"])
def merge_selected(modeladmin, request, queryset):
    # A merge can move bylines onto an account or move an account's link, so the service needs to know who merges;
    # the shared merge action does not pass the request on, hence one built for this request.
    if not may_link_accounts(request.user) and queryset.filter(user__isnull=False).exists():
        modeladmin.message_user(request, LINKED_MERGE_REFUSED, messages.ERROR)
        return None
    action = merge_action(
        name="merge_selected",
        merge=partial(merge_contributors, actor=request.user),
        describe=partial(describe_contributors, user=request.user),  # counts, account, dates, sample of work
        description=MERGE_DESCRIPTION,
        explanation=_("The others are merged into it: their bylines and photo credits move to it."),
        report=lambda keep, moved: (
            _("Merged into %(name)s: %(bylines)d bylines and %(photos)d photos moved.")
            % {"name": keep.name, "bylines": moved["bylines"], "photos": moved["photos"]}
        ),
    )
    try:
        return action(modeladmin, request, queryset)
    except PermissionDenied as refusal:
        modeladmin.message_user(request, str(refusal), messages.ERROR)
        return None


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "user", "byline_count", "photo_count"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    # The counts added in get_queryset drop the model's ordering; lists and autocompletes page by name.
    ordering = ["name", "pk"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [merge_selected]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(byline_total=Count("bylines", distinct=True), photo_total=Count("photos", distinct=True))
        )

    def get_readonly_fields(self, request, obj=None):
        # The linked account may edit this contributor's drafts: only editors decide who that is.
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if may_link_accounts(request.user) else [*readonly, "user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # A plain list of active accounts: editors may link accounts without the right to browse the user admin
            # (which an autocomplete would need). Accounts already linked stay valid so a form saves unchanged.
            kwargs["queryset"] = (
                get_user_model().objects.filter(Q(is_active=True) | Q(contributor__isnull=False)).order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        previous = Contributor.objects.get(pk=obj.pk).user if change else None
        if not may_link_accounts(request.user):
            # The field is read-only for them, so the link cannot change; a hand-made POST still deserves an answer.
            if "user" in request.POST:
                self.message_user(
                    request,
                    _("Only an editor can link a contributor to a user account; the account was left as it was."),
                    messages.WARNING,
                )
            obj.user = previous
        super().save_model(request, obj, form, change)
        record_account_link(contributor=obj, previous=previous, actor=request.user)

    @admin.display(description=_("bylines"), ordering="byline_total")
    def byline_count(self, contributor) -> int:
        return contributor.byline_total

    @admin.display(description=_("photos"), ordering="photo_total")
    def photo_count(self, contributor) -> int:
        return contributor.photo_total
