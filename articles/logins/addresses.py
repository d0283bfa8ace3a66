"""The client address a request comes from, believing only the proxies this site is told it runs behind."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of the client, for lockouts and logs.

    With ``NEWSROOM_TRUSTED_PROXIES = 0`` that is the connection's own address (REMOTE_ADDR): X-Forwarded-For is
    anyone's to write, so it is ignored. With N trusted proxies, each appends the address it was reached from, so
    the N-th entry from the right is the one the outermost trusted proxy saw; whatever a client put to the left of
    it is never read, and a forged header changes nothing.
    """
    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.NEWSROOM_TRUSTED_PROXIES
    if trusted <= 0:
        return _valid(remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        # No header at all: the request did not come through the proxies; the connection is all there is.
        return _valid(remote)
    # Fewer entries than trusted proxies means every entry was written by one of them: the leftmost is the client.
    candidate = forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]
    return _valid(candidate) or _valid(remote)


def _valid(value: str | None) -> str | None:
    """The address itself, or None for anything that is not one (it is stored in an address column)."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
