"""A cap on every request body, judged from its headers before anything reads it.

Django's own limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``) leave file parts out and apply only once the body is being
parsed: a 1 GiB multipart POST to any route that reads ``request.POST`` (the CSRF check does, on every POST) was
spooled to disk before an answer. This middleware answers 413 from the ``Content-Length`` alone, so an oversized
body is never read.

Two caps, both settings (newsroom/settings.py):

- ``NEWSROOM_MAX_REQUEST_BYTES`` for every route;
- ``NEWSROOM_MAX_UPLOAD_REQUEST_BYTES`` for the routes named in ``NEWSROOM_UPLOAD_ROUTES`` (the photo desk's
  upload forms): the largest photo plus the form's other fields.

A body announced with ``Transfer-Encoding`` and no ``Content-Length`` is refused (411). Django reads exactly
``Content-Length`` bytes of a WSGI body and takes a missing length as an empty body, so such a request would reach
the view with its data silently gone; refusing it says so instead. (nginx buffers a chunked body and sends its
length upstream, so browsers behind it are never refused.)

Under ASGI Django reads the whole body before any middleware runs: there the proxy's limit (README.md) is the cap.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _


def body_cap(request: HttpRequest) -> int:
    """The most bytes a request body may have on this request's route."""
    default = settings.NEWSROOM_MAX_REQUEST_BYTES
    upload_routes = settings.NEWSROOM_UPLOAD_ROUTES
    if not upload_routes:
        return default
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return default
    return max(default, settings.NEWSROOM_MAX_UPLOAD_REQUEST_BYTES) if view_name in upload_routes else default


def declared_length(request: HttpRequest) -> int | None:
    """The body's length as the client announced it; None when it announced none, -1 when it is not a number."""
    value = request.META.get("CONTENT_LENGTH", "")
    if value in ("", None):
        return None
    try:
        length = int(value)
    except (TypeError, ValueError):
        return -1
    return length if length >= 0 else -1


class RequestBodyLimitMiddleware:
    """Refuse, unread, a request body larger than its route's cap (413) or of no stated length (411)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length is None and not request.META.get("HTTP_TRANSFER_ENCODING"):
            return self.get_response(request)  # no body: GET, HEAD and the like
        if length is not None and 0 <= length <= settings.NEWSROOM_MAX_REQUEST_BYTES:
            return self.get_response(request)
        # The refusal is read by a person: in their language, which LocaleMiddleware (further in) has not chosen yet.
        with translation.override(translation.get_language_from_request(request)):
            refusal = self._refusal(request, length)
        return refusal or self.get_response(request)

    def _refusal(self, request: HttpRequest, length: int | None) -> HttpResponse | None:
        if length is None:  # a body announced by Transfer-Encoding alone
            return self._refuse(411, _("Send this request with its length (a Content-Length header); it was not read."))
        if length < 0:
            return self._refuse(400, _("The request's Content-Length is not a number of bytes; it was not read."))
        # Resolving the route costs something; only a body larger than the everyday cap gets here.
        if length > (cap := body_cap(request)):
            return self._refuse(
                413,
                _("This request is too large: at most %(limit)s may be sent here; it was not read.")
                % {"limit": filesizeformat(cap)},
            )
        return None

    @staticmethod
    def _refuse(status: int, message: str) -> HttpResponse:
        response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
        return response
