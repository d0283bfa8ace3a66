"""``/robots.txt``: what crawlers may read, and where the sitemaps are.

Readers' pages are open. Closed: the desk (``/admin/``), staff previews and the staff report in every language (they
answer 404 or a login to a crawler anyway; saying so saves it the requests), the language switch (a cookie-setting
POST endpoint), and search and quote-search *results*: every query string is another page, an endless space of
near-duplicates that costs a database search each while the stories themselves are all reachable through sections,
tags and the sitemaps. The empty search pages stay open. The sitemaps are named with absolute addresses, as the
standard asks.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe


def _in_every_language(name: str, **kwargs) -> list[str]:
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(name, kwargs=kwargs))
    return paths


def closed_paths() -> list[str]:
    """Address prefixes crawlers are asked to leave alone."""
    previews = [path.removesuffix("0/") for path in _in_every_language("articles:preview", pk=0)]
    report = _in_every_language("articles:source_report")
    searches = _in_every_language("articles:search") + _in_every_language("articles:quote_search")
    searches = [f"{path}?" for path in searches]
    return [reverse("admin:index"), *previews, *report, reverse("set_language"), *searches]


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in closed_paths()]
    lines.append("")
    lines += [f"Sitemap: {request.build_absolute_uri(reverse(name))}" for name in ("sitemap_index", "sitemap_news")]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
