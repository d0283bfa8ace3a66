"""Files browsers ask for at fixed addresses: ``/favicon.ico`` and the web manifest.

Browsers request ``/favicon.ico`` on their own, whatever the page links; it redirects to the icon among the static
files (whose address carries a content hash in production, so the redirect is temporary and the icon may change).
The manifest names the site, its colours and its icons for a phone's home screen, in the site's default language:
one manifest for one site, whichever language's page linked it. Both are the same for every visitor: cacheable.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

THEME_COLOUR = "#b02a37"  # the mark's red (static/newsroom/icons/favicon.svg)
BACKGROUND_COLOUR = "#ffffff"
MAX_AGE = 24 * 60 * 60

# (file under static/newsroom/icons/, size, purpose)
MANIFEST_ICONS = [
    ("icon-192.png", "192x192", "any"),
    ("icon-512.png", "512x512", "any"),
    ("icon-maskable-512.png", "512x512", "maskable"),
]


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    return _cacheable(HttpResponseRedirect(static("newsroom/icons/favicon.ico")))


def manifest_data() -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "name": settings.NEWSROOM_SITE_NAME,
            "short_name": settings.NEWSROOM_SITE_NAME,
            "description": _("News from the city: government, the economy, education, health and culture."),
            "lang": settings.LANGUAGE_CODE,
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                {"src": static(f"newsroom/icons/{name}"), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for name, sizes, purpose in MANIFEST_ICONS
            ],
        }


@require_safe
def web_manifest(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        manifest_data(), content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    return _cacheable(response)
