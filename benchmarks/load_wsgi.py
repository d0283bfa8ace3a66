"""The site's WSGI application as gunicorn serves it in ``benchmarks/load.py``, plus one header on failed responses.

With DEBUG off (as in production, and as a benchmark must run) a 500 page says nothing of its cause, so the load
script could not tell a "database is locked" from any other crash. When Django reports an uncaught exception, this
puts its type and message in an ``X-Load-Error`` header of that response; every other response is untouched, so
the figures are those of ``newsroom.wsgi``.
"""

from __future__ import annotations

import sys

from django.core.signals import got_request_exception

from newsroom.wsgi import application as site_application

ERROR_HEADER = "X-Load-Error"
_ENVIRON_KEY = "newsroom.load.error"


def _remember_exception(sender, request=None, **kwargs) -> None:
    # Sent from inside Django's ``except`` block, so the exception being handled is the one that made the 500.
    error = sys.exc_info()[1]
    if request is not None and error is not None:
        # WSGIRequest.environ is the very dict the server handed to application() below.
        summary = f"{type(error).__module__}.{type(error).__name__}: {error}"
        request.environ[_ENVIRON_KEY] = " ".join(summary.split())[:300]


got_request_exception.connect(_remember_exception, dispatch_uid="newsroom-load-error-header")


def application(environ, start_response):
    def start_with_error_header(status, headers, exc_info=None):
        if _ENVIRON_KEY in environ:
            headers = [*headers, (ERROR_HEADER, environ[_ENVIRON_KEY].encode("ascii", "replace").decode("ascii"))]
        return start_response(status, headers, exc_info)

    return site_application(environ, start_with_error_header)
