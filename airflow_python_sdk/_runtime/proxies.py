"""Which proxy a request goes through: the configured one, or the environment's
(``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``), except for hosts ``no_proxy`` names."""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit

#: Proxy schemes that tunnel through SOCKS (urllib3's SOCKS support, which needs PySocks)
SOCKS_SCHEMES = frozenset({"socks4", "socks4a", "socks5", "socks5h"})


def is_socks(url: Optional[str]) -> bool:
    """Whether a proxy URL is a SOCKS proxy."""
    if not url or "://" not in url:
        return False
    return url.split("://", 1)[0].lower() in SOCKS_SCHEMES


def environment_proxy(url: str) -> Optional[str]:
    """The proxy the environment sets for ``url``'s scheme (None: none, or ``no_proxy``
    names the host)."""
    import urllib.request  # read when a v2 Configuration is made without a proxy, not at import

    proxies = urllib.request.getproxies()
    scheme = urlsplit(url).scheme.lower() or "http"
    found = proxies.get(scheme) or proxies.get("all")
    if not found or bypasses_proxy(url, proxies.get("no") or ""):
        return None
    return found


def environment_no_proxy() -> Optional[str]:
    """The hosts the environment's ``NO_PROXY`` names (None: not set)."""
    import urllib.request

    return urllib.request.getproxies().get("no")


def bypasses_proxy(url: str, no_proxy: str) -> bool:
    """Whether ``no_proxy`` (comma-separated: ``*``, host names and domain suffixes, with or
    without a port, IP addresses and networks) says ``url`` goes direct."""
    import ipaddress

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return True
    netloc = parts.netloc.rpartition("@")[2].lower()
    try:
        address: Optional[ipaddress._BaseAddress] = ipaddress.ip_address(host)
    except ValueError:
        address = None
    for entry in no_proxy.split(","):
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return True
        if address is not None:
            try:
                if address in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                pass
        name = entry.lstrip(".")
        for candidate in (host, netloc):
            if candidate == name or candidate.endswith("." + name):
                return True
    return False


def content_type_matches(content_type: str, main: str, sub: str) -> bool:
    """Whether ``content_type`` is ``main/sub``, parameters and a structured suffix aside
    (``application/problem+json; charset=utf-8`` matches ``application``, ``json``)."""
    media = content_type.split(";", 1)[0].strip().lower()
    got_main, _, got_sub = media.partition("/")
    if got_main != main.lower():
        return False
    got_sub = got_sub.rpartition("+")[2] if "+" in got_sub else got_sub
    return got_sub == sub.lower()
