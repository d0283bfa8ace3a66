"""The story list starts with what waits for the person looking at it, and filters by the start page's lists.

Without a column chosen, the list puts first the stories that need this user's next step (``needs_action_q``: in
review for an editor, their own drafts — sent back ones included — for a reporter), then the usual order. A column
the user sorts by replaces that order entirely, as in any admin list, and filters apply as they always do: the
ordering only ranks, it never hides a story.

The "desk" filter offers the start page's lists (articles/services/desk.py), so its "see all" links open exactly the
stories it counted.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from articles.admin.changelists import DateSafeChangeList
from articles.services import desk


class DeskFilter(admin.SimpleListFilter):
    title = _("desk")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return desk.DESK_FILTER_CHOICES

    def queryset(self, request, queryset):
        if self.value():
            return desk.desk_filter(request.user, self.value(), queryset)
        return queryset


def needs_action_first(user):
    """An ordering term: 0 for the stories waiting for ``user``, 1 for the rest."""
    return Case(When(desk.needs_action_q(user), then=Value(0)), default=Value(1), output_field=IntegerField()).asc()


class NeedsMyActionChangeList(DateSafeChangeList):
    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if ORDER_VAR in self.params:
            return ordering  # the user chose the columns: their order only
        return [needs_action_first(request.user), *ordering]


class NeedsMyActionFirstMixin:
    """For the story admin: the list's default order and its "desk" filter."""

    def get_changelist(self, request, **kwargs):
        return NeedsMyActionChangeList

    def get_list_filter(self, request):
        return [DeskFilter, *super().get_list_filter(request)]
