"""Where a redirect may lead: a public site must not send the crawler inside the network.

A URL the user gives may point anywhere (an intranet page is theirs to scrape), but a
redirect from a public host to a loopback, private, link-local or cloud-metadata address
is how a hostile page reaches what only the crawler's machine can see.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def private_address(host: str) -> IPAddress | None:
    """The first non-public address `host` is or resolves to; None when all are public.

    A name that does not resolve here has no known address: None (the request will
    fail on its own, or a proxy resolves it).
    """
    for address in _addresses(host):
        if not _is_public(address):
            return address
    return None


def refused_redirect(origin: str, target: str) -> str | None:
    """Why a redirect from the URL `origin` to the URL `target` is refused, if it is."""
    target_host = urlsplit(target).hostname or ""
    address = private_address(target_host)
    if address is None:
        return None
    origin_host = urlsplit(origin).hostname or ""
    if private_address(origin_host) is not None:
        return None  # the user pointed us inside the network themselves
    return (
        f"redirect from {origin_host} to a private address refused: {target} ({address});"
        " --allow-private follows it"
    )


def _addresses(host: str) -> list[IPAddress]:
    literal = host.strip("[]")
    try:
        return [ipaddress.ip_address(literal)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(literal, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    # IPv6 link-local answers carry a zone ("fe80::1%eth0")
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    # is_global is False for loopback, RFC 1918, link-local (169.254.169.254, the
    # metadata service), carrier-grade NAT, unique-local IPv6 and reserved ranges.
    return address.is_global and not address.is_multicast
