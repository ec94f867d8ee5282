"""The transport layer: ``Request`` in, ``Response`` out (see ``_runtime.transport``).

``MockTransport(handler)`` answers every request with a plain function, for tests::

    client = ApiClient(config, transport=MockTransport(lambda request: Response.json(200, {...})))
"""
from airflow_python_sdk._runtime.request import Request
from airflow_python_sdk._runtime.transport import Headers, MockTransport, Response, Transport
from airflow_python_sdk._runtime.urllib3_transport import TlsSettings, Urllib3Transport

__all__ = ["Headers", "MockTransport", "Request", "Response", "TlsSettings", "Transport",
           "Urllib3Transport"]
