"""The one NinjaAPI instance at /api/v1/: the public reads (api/read.py), the desk's token-authenticated writes at
/api/v1/desk/ (api/desk.py) and the wire formats (wire/api.py: /api/v1/stories/{id}.ninjs).

The OpenAPI schema (/api/v1/openapi.json) and its docs page (/api/v1/docs, Swagger UI from ninja's own static
files: no CDN) are generated from the routers' type hints and docstrings."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from api import desk, read
from wire import api as wire_api

api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description=(
        "Published stories and what they are made of (sections, topics, contributors, sources, quotes), the same "
        "stories readers see on the site; the desk's writes with per-user tokens; each story as IPTC ninjs. "
        "Lists are cursor-paginated (follow `next`); answers carry `ETag` and `Last-Modified` and answer "
        "conditional GETs with 304. Times are given in Western Indonesian Time (Asia/Jakarta) and in UTC."
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", read.router)
api.add_router("/desk", desk.router)
api.add_router("", wire_api.router)
