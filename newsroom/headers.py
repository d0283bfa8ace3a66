"""Browser-enforced limits on what a page may load and use: the Content-Security-Policy and Permissions-Policy.

Three policies, chosen by path (settings in newsroom/settings.py, next to the other security settings):

- readers' pages (and static files): ``CONTENT_SECURITY_POLICY``: scripts and styles from this site only, no inline
  script, style or event handler anywhere;
- the admin: ``NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY``, as strict, plus the hashes of the two inline elements the
  body editor needs (its ``<script type="importmap">`` and the ``<style>`` its Tiptap core adds), both fixed for a
  deployment;
- uploaded files served from ``MEDIA_URL``: ``NEWSROOM_MEDIA_CONTENT_SECURITY_POLICY``, a sandbox with nothing to
  run, so a file that gets past the photo checks still cannot act as a page of this site.

Production serves media from nginx or object storage and must send the media policy there (README.md).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header's text: ``camera=()`` for a feature nobody may use, ``fullscreen=(self)`` for this site only."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Every response says which browser features pages of this site may use (``NEWSROOM_PERMISSIONS_POLICY``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy(settings.NEWSROOM_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


@cache
def admin_prefix() -> str:
    try:
        return reverse("admin:index")
    except NoReverseMatch:  # a site without the admin
        return "\0"


def media_prefix() -> str | None:
    """The path Django serves uploads under, or None when they live on another host (an absolute MEDIA_URL)."""
    if "://" in settings.MEDIA_URL or settings.MEDIA_URL.startswith("//"):
        return None
    return "/" + settings.MEDIA_URL.lstrip("/")


def hash_source(text: str) -> str:
    """The CSP source allowing exactly this inline element's text (and nothing injected beside it)."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


@cache
def editor_importmap_hash() -> str:
    """The prose editor's import map, exactly as the admin renders it (static paths: fixed for a deployment)."""
    from django_prose_editor.widgets import prose_editor_admin_media  # loads the static storage: not at import

    (tag,) = prose_editor_admin_media.render_importmap()
    return hash_source(re.fullmatch(r"<script[^>]*>(.*)</script>", str(tag), re.DOTALL)[1])


@cache
def editor_style_hash() -> str | None:
    """The ``<style>`` the editor's Tiptap core adds to the page (its base rules: white-space, selection…).

    Read from the installed editor.js, so an upgrade of django-prose-editor keeps the hash right; None (the style is
    blocked, editor.css still styles the editor) if that bundle no longer holds the rules where Tiptap keeps them."""
    from django.contrib.staticfiles import finders

    path = finders.find("django_prose_editor/editor.js")
    if not path:
        return None
    with open(path, encoding="utf-8") as bundle:
        found = re.search(r"=`(\.ProseMirror \{[^`$\\]*)`", bundle.read())
    return hash_source(found[1]) if found else None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's and the media's policies chosen by path."""

    def get_policy_parts(self, request: HttpRequest, response: HttpResponse, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:  # a view's own @csp decorator wins
            return parts
        path = request.path_info
        media = media_prefix()
        if media and path.startswith(media):
            parts.config = settings.NEWSROOM_MEDIA_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif path.startswith(admin_prefix()):
            parts.config = dict(settings.NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            if "text/html" in response.get("Content-Type", ""):
                parts.config["script-src"] = [*parts.config["script-src"], editor_importmap_hash()]
                if style := editor_style_hash():
                    parts.config["style-src"] = [*parts.config["style-src"], style]
        return parts
