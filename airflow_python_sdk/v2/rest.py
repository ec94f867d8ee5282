"""``RESTClientObject`` and ``RESTResponse`` at 3.3.2's module path (see ``compat.rest``), and
its proxy helpers."""
from typing import Optional

from airflow_python_sdk._runtime.proxies import SOCKS_SCHEMES, bypasses_proxy, content_type_matches, is_socks
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.compat.rest import RESTClientObject, RESTResponse
from airflow_python_sdk.v2.exceptions import ApiException, ApiValueError

RESTResponseType = Response  # what *_without_preload_content methods return
SUPPORTED_SOCKS_PROXIES = set(SOCKS_SCHEMES)


def is_socks_proxy_url(url: Optional[str]) -> bool:
    """Whether ``url`` names a SOCKS proxy (``socks5://...``)."""
    return is_socks(url)


def contenttype_matches(contenttype: str, maintype: str, subtype: str) -> bool:
    """Whether a Content-Type is ``maintype/subtype``, parameters and a ``+suffix`` aside."""
    return content_type_matches(contenttype, maintype, subtype)


def should_bypass_proxies(url: str, no_proxy: str) -> bool:
    """Whether ``no_proxy`` (comma-separated hosts, domains, addresses, networks, ``*``) says
    ``url`` goes direct."""
    return bypasses_proxy(url, no_proxy)


__all__ = ["ApiException", "ApiValueError", "RESTClientObject", "RESTResponse", "RESTResponseType",
           "SUPPORTED_SOCKS_PROXIES", "contenttype_matches", "is_socks_proxy_url",
           "should_bypass_proxies"]
