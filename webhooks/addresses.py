"""Which addresses a webhook may be sent to: the public internet only.

A webhook makes this server send a request wherever an admin user typed, so without a rule it would reach what only
the server can: its own ports (the database, Redis, the admin), the office network, a cloud's metadata service
(169.254.169.254). Only http(s) is allowed, and every address the host name resolves to must be public — checked
when the subscription is saved (the admin form) and again at every send, since a name can be pointed elsewhere
after it was checked; the send then connects to the address that was checked, not to a second lookup
(webhooks/delivery.py). ``NEWSROOM_WEBHOOK_ALLOW_PRIVATE = True`` lifts the address rule, for tests and for a
newsroom whose subscribers live on its own network.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class AddressRefused(Exception):
    """The webhook may not be sent to this address; the message says why."""


class HostNotFound(AddressRefused):
    """The host name did not resolve: perhaps for now (DNS trouble), so a send tries again later."""


def allow_private() -> bool:
    return bool(getattr(settings, "NEWSROOM_WEBHOOK_ALLOW_PRIVATE", False))


def split(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of ``url``, or AddressRefused when it is not an http(s) address with a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise AddressRefused(_("The address is not valid.")) from error
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(_("Only http:// and https:// addresses can receive webhooks."))
    if not parts.hostname:
        raise AddressRefused(_("The address has no host name."))
    if parts.username or parts.password:
        raise AddressRefused(_("Put no user name or password in the address; requests are signed instead."))
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope ("fe80::1%eth0") is not part of it
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    # is_global is False for loopback, private, link-local, shared (100.64/10), reserved and documentation ranges.
    return ip.is_global and not ip.is_multicast


def resolve(url: str) -> list[str]:
    """The IP addresses the webhook at ``url`` may be sent to (at least one), or AddressRefused."""
    _scheme, host, port = split(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise HostNotFound(_("The host name %(host)s could not be found.") % {"host": host}) from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise HostNotFound(_("The host name %(host)s could not be found.") % {"host": host})
    if not allow_private():
        refused = [address for address in addresses if not is_public(address)]
        if refused:
            # All or nothing: a name that also points inside the network is refused, whichever address comes first.
            raise AddressRefused(
                _("%(host)s points to an internal address (%(address)s); webhooks go to public addresses only.")
                % {"host": host, "address": refused[0]}
            )
    return addresses
