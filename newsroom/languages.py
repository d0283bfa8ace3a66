"""Which language a request is answered in.

Readers' pages live at two addresses, Indonesian at ``/…`` and English at ``/en/…`` (``i18n_patterns`` with
``prefix_default_language=False`` in newsroom/urls.py): the address alone decides, so a search engine can index both
and a shared link shows everyone the same page, whatever their browser asks for or a cookie says.

The desk (``/admin/``) has one address per page: there staff get the language they chose (the language cookie) or
their browser's, as Django's ``LocaleMiddleware`` does without language prefixes.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views import i18n as i18n_views

# Address prefixes answered in the visitor's own language rather than the address's.
STAFF_PATHS = ("/admin/",)


class SiteLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request) -> None:
        path = request.path_info
        from_path = translation.get_language_from_path(path)
        if from_path:
            language = from_path
        elif path.startswith(STAFF_PATHS):
            language = translation.get_language_from_request(request, check_path=False)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def set_language(request):
    """Django's language switch, able to translate a ``next`` address of either language: Django resolves ``next``
    in the language active for this request (the default one, at /i18n/setlang/), so from an /en/… page it would
    find no match and send the reader back to the English page. Here ``next`` is read in its own language first.
    Readers switch by the header's links; this form stays for the desk's choice and for pages cached with it."""
    next_url = request.POST.get("next", request.GET.get("next", ""))
    path = next_url.split("?", 1)[0]
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        return i18n_views.set_language(request)
