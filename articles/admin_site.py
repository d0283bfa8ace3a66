"""The admin site: Django's, with every list's search bounded to a number of words.

Django's admin searches for every word typed, each one more condition joined with AND; SQLite refuses a query nested
deeper than 1000 (“Expression tree is too large”), so 10,000 characters of one-letter words in any list's search box
were a server error, and on PostgreSQL a query as long. Every admin view passes through ``admin_view`` (the ModelAdmins'
own URLs, custom views and third-party admins alike), so the bound is kept here once: the first words are searched,
the box shows them, and a message says the rest were left out.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.urls import path
from django.utils.text import smart_split
from django.utils.translation import gettext as _

MAX_SEARCH_WORDS = 20


class NewsroomAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        return super().admin_view(_bounded_search(view), cacheable)

    def index(self, request, extra_context=None):
        """The start page is the desk's: what waits for this user (templates/admin/index.html), above the app list."""
        # Imported here: this module is loaded while apps are set up, before models can be.
        from articles.services.desk import desk_for

        return super().index(request, {"desk": desk_for(request.user), **(extra_context or {})})

    def get_urls(self):
        # The inbox of notifications (articles/admin/inbox.py); imported here for the same reason as in index().
        from articles.admin import inbox

        return [
            path("inbox/", self.admin_view(lambda request: inbox.inbox_view(request, self)), name="inbox"),
            path(
                "inbox/<int:notification_id>/",
                self.admin_view(lambda request, notification_id: inbox.open_view(request, self, notification_id)),
                name="inbox_open",
            ),
            *super().get_urls(),
        ]

    def each_context(self, request):
        """Every admin page's header shows the user's unread notifications: one count query, for a desk member only."""
        from articles.services.notifications import unread_count

        context = super().each_context(request)
        user = request.user
        context["notifications_unread"] = unread_count(user) if user.is_active and user.is_staff else None
        return context


def _bounded_search(view):
    @wraps(view)
    def bounded(request, *args, **kwargs):
        query = request.GET.get(SEARCH_VAR, "")
        words = list(smart_split(query)) if query else []
        if len(words) > MAX_SEARCH_WORDS:
            params = request.GET.copy()
            params[SEARCH_VAR] = " ".join(words[:MAX_SEARCH_WORDS])
            params._mutable = False
            request.GET = params
            messages.warning(
                request, _("Only the first %(count)d words of the search were used.") % {"count": MAX_SEARCH_WORDS}
            )
        return view(request, *args, **kwargs)

    return bounded
