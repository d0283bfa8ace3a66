"""Wire formats on the API: each published story as IPTC ninjs."""

from ninja import Router

router = Router(tags=["wire"])
