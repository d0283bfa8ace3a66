"""Wire formats on the API: each published story as an IPTC ninjs 3.1 item, GET /api/v1/stories/{id}.ninjs."""

from __future__ import annotations

import json

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from api.conditional import cached_json
from wire.ninjs_out import NINJS_SCHEMA, stories_for_ninjs, story_as_ninjs

router = Router(tags=["wire"])


class NotPublished(Schema):
    detail: str


# IPTC registers no media type of its own for ninjs: an item is served as JSON, and says which schema it follows
# in its "standard" property.
_ITEM_DOCS = {
    "description": "An IPTC ninjs 3.1 news item.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "description": f"Valid against IPTC's ninjs 3.1 JSON Schema, {NINJS_SCHEMA}",
                "externalDocs": {"url": "https://www.iptc.org/std/ninjs/userguide/"},
            }
        }
    },
}


@router.get(
    "/stories/{int:story_id}.ninjs",
    response={404: NotPublished},
    url_name="story_ninjs",
    summary="One published story as IPTC ninjs 3.1",
    openapi_extra={"responses": {200: _ITEM_DOCS}},
)
def get_story_ninjs(request: HttpRequest, story_id: int):
    """The story as agencies exchange news: headlines, body, bylines, section and topics, corrections, and its
    public photos as picture associations with their credit, copyright and renditions. Only published stories;
    cached, invalidated and answered conditionally like every other answer of the API."""

    def render() -> bytes:
        article = stories_for_ninjs().filter(pk=story_id).first()
        if article is None:
            raise HttpError(404, "No published story with this id.")
        # Not ASCII-escaped: an Indonesian or English story is read as it is, in UTF-8.
        return json.dumps(story_as_ninjs(article), ensure_ascii=False).encode()

    return cached_json(request, render, frozenset())
