"""The site's addresses plus ``/bench-ping/``, a view doing nothing: what all the middleware costs alone."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import *  # noqa: F403  (the handlers for errors come along)
from newsroom.urls import urlpatterns as site_urlpatterns


def ping(request):
    return HttpResponse(b"pong", content_type="text/plain")


urlpatterns = [path("bench-ping/", ping, name="bench_ping"), *site_urlpatterns]
