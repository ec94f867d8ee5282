"""Which API the server behind a client serves: asked once, on first use.

    GET {root}/api/v2/version   answers JSON {"version": "3.3.2", ...}    -> Airflow 3: "v2"
                                (a version of 3 or later: only Airflow 3 serves /api/v2)
                                answers 404 (Airflow 2 has no /api/v2)  -> Airflow 2: "v1"
    GET {root}/api/v1/version   only when the first answer tells neither (a proxy's page, a 5xx)

Both answer without credentials, so nothing secret is sent. A server that tells neither is
taken to serve v1 (what the v1 classes speak natively; its own answer to the call then says
what is wrong). A failure to connect is raised and not remembered: the next call asks again.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Optional, Tuple

from airflow_python_sdk._runtime.request import Request


class ServerInfo:
    """What a client learned of its server: ``api`` ("v1" or "v2"), the ``version`` it reported
    (None when not asked or not told), and whether the setting pinned it (``pinned``)."""

    __slots__ = ("api", "version", "pinned", "probes", "facts")

    def __init__(self, api: str, version: Optional[str] = None, *, pinned: bool = False,
                 probes: int = 0) -> None:
        self.api: str = api
        self.version: Optional[str] = version
        self.pinned: bool = pinned
        self.probes: int = probes  # requests detection cost
        self.facts: Dict[str, Any] = {}  # what translation learned later (the auth manager, ...)

    @property
    def major(self) -> Optional[int]:
        if not self.version:
            return None
        head = self.version.split(".", 1)[0]
        return int(head) if head.isdigit() else None

    def __repr__(self) -> str:
        how = "pinned" if self.pinned else f"detected in {self.probes} request(s)"
        return f"ServerInfo(api={self.api!r}, version={self.version!r}, {how})"


def detect(client: Any) -> ServerInfo:
    # client: an ApiClient (not imported: the client imports this module)
    """Ask the server which API it serves (see the module's docstring)."""
    root = client.configuration.server_root()
    status, version = _probe(client, root + "/api/v2/version")
    if status == 200 and version is not None and _major(version) >= 3:  # /api/v2 came with 3.0
        return ServerInfo("v2", version, probes=1)
    if status == 404:
        return ServerInfo("v1", None, probes=1)
    status, version = _probe(client, root + "/api/v1/version")
    return ServerInfo("v1", version, probes=2)


def _major(version: str) -> int:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def _probe(client: Any, url: str) -> Tuple[int, Optional[str]]:
    """The status of GET ``url``, and the version its JSON answer names (None: it names none)."""
    request = Request("GET", url, {"Accept": "application/json",
                                   "User-Agent": client.user_agent},
                      timeout=client.configuration.timeout, operation_id="detect_server")
    response = client._send_unauthenticated(request)
    version: Optional[str] = None
    data = response.data
    if 200 <= response.status <= 299 and data[:1] == b"{":
        try:
            parsed: Any = json.loads(data)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and isinstance(parsed.get("version"), str):
            version = parsed["version"]
    return response.status, version
