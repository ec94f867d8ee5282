"""``ApiClient`` methods code written for apache-airflow-client 3.x calls to reach an endpoint
by hand, the way its generated methods do:

    params = client.param_serialize("GET", "/api/v2/pools/{pool_name}",
                                    path_params={"pool_name": "p1"}, auth_settings=["HTTPBearer"])
    answer = client.call_api(*params, _request_timeout=10)
    answer.read()
    pool = client.response_deserialize(answer, {"200": "PoolResponse"}).data

Requests made this way go through the same pipeline as the SDK's own (credentials, JWT
renewal, redirects, retries). Also ``parameters_to_tuples``, ``parameters_to_url_query``,
``files_parameters``, ``select_header_accept``/``select_header_content_type``,
``update_params_for_auth`` and ``deserialize(response_text, response_type, content_type)``.
"""
from __future__ import annotations

import json
import mimetypes
import os
import re
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import quote, urlencode

from airflow_python_sdk._runtime.answers import ApiResponse, charset_of, raise_for_status
from airflow_python_sdk._runtime.errors import ApiValueError
from airflow_python_sdk._runtime.fast_decoding import decoder_for
from airflow_python_sdk._runtime.kinds import named_kind
from airflow_python_sdk._runtime.request import Request, check_timeout
from airflow_python_sdk._runtime.surface import Surface
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.compat.rest import RESTResponse

#: What ``param_serialize`` answers: method, URL, headers, body, form fields.
RequestSerialized = Tuple[str, str, Dict[str, str], Optional[Any], List[Tuple[str, Any]]]
Params = Union[None, Mapping[str, Any], Sequence[Tuple[str, Any]]]

_DELIMITERS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}
_JSON_MEDIA = re.compile(r"json", re.IGNORECASE)


class ApiClient3xMethods:
    """Mixed into ``airflow_python_sdk.v2.ApiClient``: the methods listed in this module."""

    configuration: Any
    default_headers: Dict[str, str]
    cookie: Optional[str]
    surface: Surface  # the surface whose models ``response_types_map`` names

    if TYPE_CHECKING:  # given by the ApiClient this is mixed into
        def sanitize_for_serialization(self, obj: Any) -> Any: ...

        def send(self, request: Request) -> Response: ...

    # -- building a request
    def param_serialize(self, method: str, resource_path: str, path_params: Optional[Mapping[str, Any]] = None,
                        query_params: Params = None, header_params: Optional[Dict[str, Any]] = None,
                        body: Any = None, post_params: Params = None,
                        files: Optional[Mapping[str, Any]] = None, auth_settings: Optional[List[str]] = None,
                        collection_formats: Optional[Mapping[str, str]] = None, _host: Optional[str] = None,
                        _request_auth: Optional[Mapping[str, Any]] = None) -> RequestSerialized:
        """``(method, url, headers, body, post_params)`` for ``call_api``: path parameters
        quoted into ``resource_path`` (a path under the host, e.g. ``/api/v2/pools/{name}``),
        the query string appended, values made JSON-ready."""
        config = self.configuration
        formats = collection_formats or {}
        headers: Dict[str, Any] = dict(header_params or {})
        headers.update(self.default_headers)
        if self.cookie:
            headers["Cookie"] = self.cookie
        headers = dict(self.parameters_to_tuples(self.sanitize_for_serialization(headers), formats))
        for name, value in self.parameters_to_tuples(self.sanitize_for_serialization(dict(path_params or {})),
                                                     formats):
            resource_path = resource_path.replace(
                "{%s}" % name, quote(str(value), safe=config.safe_chars_for_path_param))
        form: List[Tuple[str, Any]] = []
        if post_params or files:
            form = self.parameters_to_tuples(self.sanitize_for_serialization(post_params or []), formats)
            if files:
                form.extend(self.files_parameters(files))
        queries: List[Tuple[str, Any]] = list(_items(query_params))
        self.update_params_for_auth(headers, queries, auth_settings, resource_path, method, body,
                                    request_auth=_request_auth)
        if body is not None:
            body = self.sanitize_for_serialization(body)
        host = config.host if _host is None or config.ignore_operation_servers else _host
        url = host.rstrip("/") + resource_path
        if queries:
            url += "?" + self.parameters_to_url_query(self.sanitize_for_serialization(queries), formats)
        return method, url, headers, body, form

    def parameters_to_tuples(self, params: Params, collection_formats: Optional[Mapping[str, str]]
                             ) -> List[Tuple[str, Any]]:
        """``(name, value)`` pairs; a list value becomes one pair per item (format ``multi``)
        or one pair of items joined by the format's delimiter (``csv``, the default,
        ``ssv``, ``tsv``, ``pipes``)."""
        formats = collection_formats or {}
        pairs: List[Tuple[str, Any]] = []
        for name, value in _items(params):
            if name in formats and isinstance(value, (list, tuple)):
                style = formats[name]
                if style == "multi":
                    pairs.extend((name, item) for item in value)
                else:
                    pairs.append((name, _DELIMITERS.get(style, ",").join(str(item) for item in value)))
            else:
                pairs.append((name, value))
        return pairs

    def parameters_to_url_query(self, params: Params, collection_formats: Optional[Mapping[str, str]]) -> str:
        """A query string: values percent-encoded, booleans as ``true``/``false``, dicts as
        JSON, lists as ``parameters_to_tuples`` splits them (``multi`` repeats the name)."""
        formats = collection_formats or {}
        parts: List[Tuple[str, str]] = []
        for name, value in _items(params):
            if isinstance(value, (list, tuple)) and formats.get(name, "multi") == "multi":
                parts.extend((name, _query_text(item)) for item in value)
            elif isinstance(value, (list, tuple)):
                delimiter = _DELIMITERS.get(formats[name], ",")
                parts.append((name, delimiter.join(_query_text(item) for item in value)))
            else:
                parts.append((name, _query_text(value)))
        return urlencode(parts, quote_via=quote)

    def files_parameters(self, files: Optional[Mapping[str, Any]]) -> List[Tuple[str, Tuple[str, bytes, str]]]:
        """Form fields for files: each value a path, bytes, ``(filename, bytes)``, or a list of
        those; answers ``(field, (filename, content, mimetype))``."""
        fields: List[Tuple[str, Tuple[str, bytes, str]]] = []
        for name, value in (files or {}).items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    with open(item, "rb") as handle:
                        filename, content = os.path.basename(item), handle.read()
                elif isinstance(item, bytes):
                    filename, content = name, item
                elif isinstance(item, tuple) and len(item) == 2:
                    filename, content = str(item[0]), bytes(item[1])
                else:
                    raise ApiValueError(f"files[{name!r}] must be a path, bytes or (filename, bytes), "
                                        f"got {type(item).__name__}")
                mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
                fields.append((name, (filename, content, mimetype)))
        return fields

    def select_header_accept(self, accepts: Optional[List[str]]) -> Optional[str]:
        """The ``Accept`` value to send: a JSON type when offered, else the first."""
        return _prefer_json(accepts)

    def select_header_content_type(self, content_types: Optional[List[str]]) -> Optional[str]:
        """The ``Content-Type`` to send: a JSON type when allowed, else the first."""
        return _prefer_json(content_types)

    def update_params_for_auth(self, headers: Dict[str, Any], queries: List[Tuple[str, Any]],
                               auth_settings: Optional[List[str]], resource_path: str, method: str,
                               body: Any, request_auth: Optional[Mapping[str, Any]] = None) -> None:
        """Put the named ``auth_settings`` (of ``configuration.auth_settings()``), or
        ``request_auth`` for this one request, into the headers or the query. Credentials the
        configuration holds otherwise (username and password, a token provider) are added by
        the client when the request is sent."""
        if not auth_settings and request_auth is None:
            return
        if request_auth is not None:
            _apply_auth(headers, queries, request_auth)
            return
        known = self.configuration.auth_settings()
        for name in auth_settings or ():
            setting = known.get(name)
            if setting:
                _apply_auth(headers, queries, setting)

    # -- sending it
    def call_api(self, method: str, url: str, header_params: Optional[Mapping[str, str]] = None,
                 body: Any = None, post_params: Optional[Sequence[Tuple[str, Any]]] = None,
                 _request_timeout: Any = None) -> RESTResponse:
        """One request to a URL of the server, with the configured credentials, redirects and
        retries: the answer whatever its status (its ``read()`` fills ``data``)."""
        headers = {"Accept": "application/json", **dict(header_params or {})}
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        data: Optional[bytes]
        if post_params and any(isinstance(value, tuple) for _, value in post_params):
            raise ApiValueError("call_api: multipart bodies (files) are not supported; no Airflow "
                                "operation takes one")
        if post_params:
            data = urlencode(list(post_params)).encode("utf-8")
            if content_type is None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is None or isinstance(body, bytes):
            data = body
        elif isinstance(body, str) and not (content_type and _JSON_MEDIA.search(content_type)):
            data = body.encode("utf-8")
        else:
            data = json.dumps(body).encode("utf-8")
            if content_type is None:
                headers["Content-Type"] = "application/json"
        request = Request(method.upper(), url, headers, data,
                          timeout=check_timeout(_request_timeout, "_request_timeout"))
        response = self.send(request)
        return RESTResponse.of(response)

    # -- reading the answer
    def response_deserialize(self, response_data: Response,
                             response_types_map: Optional[Mapping[str, Optional[str]]] = None
                             ) -> ApiResponse[Any]:
        """The answer as ``ApiResponse``: its data decoded as ``response_types_map`` names it
        for the status (``"200"``, or a range such as ``"2XX"``); a non-2xx answer raises its
        ``ApiException`` subclass."""
        status = response_data.status
        types = response_types_map or {}
        type_name = types.get(str(status)) or types.get(f"{str(status)[:1]}XX")
        if not 200 <= status <= 299:
            raise_for_status(None, response_data, surface=self.surface)
        raw = response_data.data
        if type_name == "bytearray":
            data: Any = raw
        elif type_name is None:
            data = None
        else:
            text = raw.decode(charset_of(response_data.headers.get("Content-Type") or ""), "replace")
            data = self.deserialize(text, type_name, response_data.headers.get("Content-Type"))
        return ApiResponse(status, response_data.headers, data, raw)

    def deserialize(self, response_text: Any, response_type: Any, content_type: Optional[str] = None) -> Any:
        """``response_text`` (JSON, or plain text) decoded as ``response_type``: a model name
        or a type as text (``"List[DAGResponse]"``, ``"Dict[str, str]"``, ``"datetime"``).
        Given a response object instead of text (the 2.x form), its body is read."""
        if hasattr(response_text, "data") and not isinstance(response_text, (str, bytes)):
            body = response_text.data
            response_text = body.decode("utf-8") if isinstance(body, bytes) else body
        if isinstance(response_text, bytes):
            response_text = response_text.decode("utf-8")
        if content_type is None or _JSON_MEDIA.search(content_type):
            value = json.loads(response_text) if response_text else None
        elif content_type.lower().startswith("text/"):
            value = response_text
        else:
            family = self.surface.exception_family()
            raise family(status=0, reason=f"cannot read a {content_type} answer as {response_type}")
        kind = named_kind(response_type, self.surface) if isinstance(response_type, str) else response_type
        return decoder_for(kind)(value)


def _items(params: Params) -> List[Tuple[str, Any]]:
    if params is None:
        return []
    if isinstance(params, Mapping):
        return list(params.items())
    return [(name, value) for name, value in params]


def _query_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def _prefer_json(media_types: Optional[List[str]]) -> Optional[str]:
    if not media_types:
        return None
    return next((m for m in media_types if _JSON_MEDIA.search(m)), media_types[0])


def _apply_auth(headers: Dict[str, Any], queries: List[Tuple[str, Any]], setting: Mapping[str, Any]) -> None:
    where = setting.get("in")
    if where == "cookie":
        headers["Cookie"] = setting["value"]
    elif where == "header":
        if setting.get("type") != "http-signature":
            headers[setting["key"]] = setting["value"]
    elif where == "query":
        queries.append((setting["key"], setting["value"]))
    else:
        raise ApiValueError(f"an auth setting goes in the header, the query or a cookie, not {where!r}")
