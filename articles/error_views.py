"""The "page not found" answer: on readers' pages, a page of the site itself — its header and menu, a search box and
the latest stories — in the language of the address, so a reader who followed a dead link still has somewhere to
go. The desk's 404 keeps the admin's look (templates/404.html). The server error page (templates/500.html) is
static on purpose: it is shown when something failed, so it uses no database."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.shortcuts import render
from django.views import defaults

from articles.models import Article
from newsroom.languages import STAFF_PATHS

logger = logging.getLogger(__name__)
LATEST_ON_ERROR_PAGES = 5


def page_not_found(request, exception):
    if request.path_info.startswith(STAFF_PATHS):
        return defaults.page_not_found(request, exception)
    try:
        latest = list(Article.objects.published().latest_first().select_related("section")[:LATEST_ON_ERROR_PAGES])
    except DatabaseError:
        # The answer is still a 404 in the site's design, only without the list.
        logger.warning("Could not list the latest stories on a 404 page", exc_info=True)
        latest = []
    return render(request, "errors/not_found.html", {"latest": latest}, status=404)
