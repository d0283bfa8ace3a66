"""How a webhook request is signed, and how its receiver checks it.

Every request carries the header::

    X-Newsroom-Signature: t=1767225600,v1=<64 hex digits>

``t`` is the time of sending in Unix seconds; ``v1`` is the hex HMAC-SHA256, keyed with the subscription's secret
(shown in the admin), of the bytes ``<t>.<body>``: the timestamp, a full stop, then the request body exactly as
received. To check a request, a subscriber:

1. reads ``t`` and every ``v1`` from the header (a later scheme may add other keys: ignore them);
2. computes HMAC-SHA256(secret, ``t + "." + body``) over the raw body, before parsing the JSON;
3. compares it with each ``v1`` in constant time (Python: ``hmac.compare_digest``), and accepts a match only when
   ``t`` is within five minutes of its own clock.

The timestamp is signed with the body, so a request captured on the way cannot be sent again later (it would be too
old) nor with another time. ``verify`` below does exactly that, and is what the tests use.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Newsroom-Signature"
SCHEME = "v1"
# How old (or how far ahead: clocks differ) a signature may be and still be accepted.
DEFAULT_TOLERANCE_SECONDS = 300


def signature(body: bytes, secret: str, timestamp: int) -> str:
    """The hex HMAC-SHA256 of ``<timestamp>.<body>`` with ``secret``."""
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def signature_header(body: bytes, secret: str, *, timestamp: int | None = None) -> str:
    """The value of the X-Newsroom-Signature header for ``body``, signed now (or at ``timestamp``)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},{SCHEME}={signature(body, secret, timestamp)}"


def verify(
    body: bytes,
    header: str,
    secret: str,
    *,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """Whether ``header`` is a valid signature of ``body`` with ``secret``, made within ``tolerance`` seconds of
    ``now``. A malformed header is simply not valid."""
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == SCHEME:
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(body, secret, timestamp)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
