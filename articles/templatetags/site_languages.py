"""The readers' page in each of the site's languages: the language links in the header and ``hreflang`` alternates.

Readers' addresses differ only by the ``/en/`` prefix (newsroom/languages.py), so a page's other-language address
is its own address translated by Django's ``translate_url``; the query string the page reads (``?page=2``) stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@dataclass(frozen=True)
class PageLanguage:
    code: str
    name: str  # in its own language: “Bahasa Indonesia”, “English”
    path: str
    url: str  # absolute, for hreflang
    is_current: bool


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[PageLanguage]:
    request = context.get("request")
    if request is None:
        return []
    here = request.get_full_path()
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(here, code)
        languages.append(
            PageLanguage(
                code=code,
                name=get_language_info(code)["name_local"],
                path=path,
                url=request.build_absolute_uri(path),
                is_current=code == current,
            )
        )
    return languages


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's own address, absolute, with only the page number kept from its query string: listings' other
    parameters (filters, search words) make pages search engines should not index apart."""
    request = context["request"]
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return request.build_absolute_uri(request.path) + query
