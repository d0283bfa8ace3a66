"""The desk's side of the API (per-user tokens with scopes): drafts, photos and transitions."""

from ninja import Router

router = Router(tags=["desk"])
