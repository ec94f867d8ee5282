"""How a v1 operation runs on an Airflow 3 server: one rule per operation, run in a context.

    client.call(v1 op, values)          the server serves v2 (_runtime.detection)
      -> build the v1 request           every argument checked as v1 defines it; nothing sent
      -> rule(ctx, args)                the operation's table entry (bridge.rules_*): v1
                                        arguments in, v1-shaped JSON out, through ctx.call(v2 op)
      -> decode as the v1 model         the v1 operation's own response model, unknown fields
                                        kept (so v2's extra fields are there too)

``args`` are the v1 arguments by parameter name, the body as plain JSON data (what v1 would
have sent). A rule that cannot serve the call faithfully raises ``ApiNotSupportedError``
(``ctx.not_served``) before its first request. Errors the v2 server answers are raised as the
v1 surface raises them (``NotFoundException``..., the problem as v1's ``Error``).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Mapping, Optional, Sequence, Tuple

from airflow_python_sdk._runtime.answers import (
    ApiResponse,
    body_text,
    decode_answer,
    raise_for_status,
    unexpected_answer,
)
from airflow_python_sdk._runtime.encoding import dumps
from airflow_python_sdk._runtime.errors import (
    ApiException,
    ApiNotSupportedError,
    RefusedInputException,
    UnprocessableEntityException,
)
from airflow_python_sdk._runtime.fields import UNSET
from airflow_python_sdk._runtime.headers import Headers
from airflow_python_sdk._runtime.kinds import is_model, resolve
from airflow_python_sdk._runtime.operation import BODY, Operation
from airflow_python_sdk._runtime.request import CallOptions
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.bridge.shapes import V1_PAGE_SIZE

if TYPE_CHECKING:
    from airflow_python_sdk._runtime.client import ApiClient
    from airflow_python_sdk._runtime.detection import ServerInfo

Args = Dict[str, Any]
Serve = Callable[["Context", Args], Any]

NATIVE = "native"  # same path, parameters and fields under /api/v2: only prefix and auth differ
TRANSLATED = "translated"  # served through v2 operations, arguments and answers reshaped


class Rule:
    """How one v1 operation is served on Airflow 3: ``serve(ctx, args)``, the v2 operations it
    uses, and in words how (``how``) and when it is not served (``not_served``: the condition,
    why, what to use instead) for docs/compatibility.md."""

    __slots__ = ("v1", "v2", "kind", "how", "serve", "not_served")

    def __init__(self, v1: str, v2: Sequence[str], kind: str, how: str, serve: Serve,
                 not_served: str = "") -> None:
        self.v1: str = v1
        self.v2: Tuple[str, ...] = tuple(v2)
        self.kind: str = kind
        self.how: str = how
        self.serve: Serve = serve
        self.not_served: str = not_served

    def __repr__(self) -> str:
        return f"<Rule {self.v1} -> {', '.join(self.v2)} ({self.kind})>"


RULES: Dict[str, Rule] = {}


def rule(v1: str, *, v2: Sequence[str], how: str, kind: str = TRANSLATED,
         not_served: str = "") -> Callable[[Serve], Serve]:
    """Register the decorated function as how ``v1`` is served (``not_served``: on which
    servers it raises ``ApiNotSupportedError`` instead, in words)."""
    def register(serve: Serve) -> Serve:
        if v1 in RULES:
            raise ValueError(f"two rules for {v1}")
        RULES[v1] = Rule(v1, v2, kind, how, serve, not_served)
        return serve
    return register


_V2_OPERATIONS: Dict[str, Operation[Any]] = {}


def v2_operation(operation_id: str) -> Operation[Any]:
    """The v2 operation record called ``operation_id`` (the v2 Api modules imported on first
    use)."""
    if not _V2_OPERATIONS:
        import importlib

        from airflow_python_sdk.v2.api import API_MODULES

        for module in API_MODULES.values():
            mod = importlib.import_module(f"airflow_python_sdk.v2.api.{module}")
            for name in dir(mod):
                value = getattr(mod, name)
                if isinstance(value, Operation):
                    _V2_OPERATIONS[value.operation_id] = value
    return _V2_OPERATIONS[operation_id]


class Context:
    """What a rule works with: the client, the v1 operation and its call options, the server,
    and ``call`` to run a v2 operation. ``memo`` is the client's store of what translation
    learned (asset ids by URI, DAGs by file token, the auth manager)."""

    def __init__(self, client: "ApiClient", op: Operation[Any], options: CallOptions,
                 server: "ServerInfo", wants_text: bool) -> None:
        self.client: "ApiClient" = client
        self.op: Operation[Any] = op
        self.options: CallOptions = options
        self.server: "ServerInfo" = server
        self.wants_text: bool = wants_text  # the caller asked for text/plain (a log, a DAG source)
        self.memo: Dict[str, Any] = server.facts
        self.response: Optional[Response] = None  # the last v2 answer

    def not_served(self, reason: str, instead: str = "") -> ApiNotSupportedError:
        """The error for a call this server cannot serve faithfully (raise it before sending)."""
        return ApiNotSupportedError(self.op.operation_id, self.server.version, reason, instead)

    def every(self, operation_id: str, key: str, values: Optional[Mapping[str, Any]] = None, *,
              op: Optional[Operation[Any]] = None) -> Iterator[Dict[str, Any]]:
        """Every object of the list ``answer[key]`` of a v2 list operation, read page by page
        (v1's page size) as the caller takes them: a caller that stops early sends no more."""
        offset = 0
        while True:
            answer = self.call(operation_id, {**(values or {}), "limit": V1_PAGE_SIZE,
                                              "offset": offset}, op=op)
            page = answer.get(key) if isinstance(answer, dict) else None
            if not page:
                return
            for item in page:
                if isinstance(item, dict):
                    yield item
            offset += len(page)
            total = answer.get("total_entries")
            if not isinstance(total, int) or offset >= total:
                return

    def as_v1_error(self, error: ApiException) -> ApiException:
        """``error`` as the v1 operation's family raises it (the token fetch raises v2's)."""
        family = self.op.surface.exception_family()
        if error.family_class is family.family_class:  # v2's classes subclass v1's: not enough
            return error
        cls = family.for_status(error.status or 0)
        again: ApiException = cls(status=error.status, reason=error.reason, body=error.body,
                                  headers=error.headers, problem=error.problem)
        again.hint = error.hint
        return again

    def refused(self, status: int, detail: str, title: Optional[str] = None) -> ApiException:
        """The error a 2.x server answered for a call it refused with ``status`` (the v1
        family's class, the problem as v1's ``Error``), for what the bridge finds wrong itself
        before it changes anything (a dataset URI no asset has, conflicting dates)."""
        title = title or {400: "Bad Request", 404: "Not Found"}.get(status, "Error")
        body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
        response = Response(status, title, Headers({"Content-Type": "application/problem+json"}),
                            body.encode("utf-8"))
        try:
            raise_for_status(self.op, response)
        except ApiException as error:
            return error
        raise AssertionError("a non-2xx status always raises")  # pragma: no cover

    def not_found(self, detail: str, title: str = "Not Found") -> ApiException:
        """``refused(404, ...)``: something the bridge found missing itself."""
        return self.refused(404, detail, title)

    def call(self, operation_id: str, values: Optional[Mapping[str, Any]] = None, *,
             body: Any = None, accept: str = "application/json",
             op: Optional[Operation[Any]] = None, anonymous: bool = False) -> Any:
        """Run the v2 operation ``operation_id`` with ``values`` (v2 names) and ``body`` (a dict,
        sent as the operation's body without the keys its model lacks); its answer as parsed
        JSON (None when it has no content). A non-2xx answer raises as the v1 operation would.
        ``anonymous``: sent without credentials (what v1 served without them: the version)."""
        v2op = op if op is not None else v2_operation(operation_id)
        given = {k: v for k, v in (values or {}).items() if v is not None and v is not UNSET}
        if body is not None and v2op.body is not None:
            given[v2op.body.name] = body
        headers = {k: v for k, v in (self.options.headers or {}).items() if k.lower() != "accept"}
        headers["Accept"] = accept
        options = CallOptions(self.options.request_timeout, headers, None,
                              self.options.content_type, self.options.request_auth,
                              check_input=False)
        body_param = v2op.body
        if body_param is not None and isinstance(given.get(body_param.name), dict):
            given[body_param.name] = only_fields_of(resolve(body_param.kind, v2op.surface),
                                                    given[body_param.name])
        client = self.client
        request = client.build_request_at(client.base_url(v2op), v2op, given, options)
        try:
            response = client._send_unauthenticated(request) if anonymous else client.send(request)
        except ApiException as error:  # the token endpoint's refusal: raised as v1 raises it
            raise self.as_v1_error(error) from None
        self.response = response
        try:
            raise_for_status(self.op, response)
        except UnprocessableEntityException as error:
            raise refused_input(error) from None
        data = response.data
        if not data or response.status == 204:
            return None
        ctype = (response.headers.get("Content-Type") or "").lower()
        if ctype.startswith("text/html"):
            raise unexpected_answer(self.op, response, ctype)
        if ctype.startswith("text/"):
            return body_text(data, response)
        try:
            return json.loads(data)
        except (ValueError, RecursionError):
            raise unexpected_answer(self.op, response, ctype) from None


def refused_input(error: UnprocessableEntityException) -> ApiException:
    """Airflow 3's 422 to a v1 call as a ``RefusedInputException``: v1 code catches refused
    input as ``BadRequestException`` (v1 answered it with 400)."""
    again = RefusedInputException(status=error.status, reason=error.reason, body=error.body,
                                  headers=error.headers, problem=error.problem, data=error.data)
    return again


def only_fields_of(kind: Any, body: Dict[str, Any]) -> Dict[str, Any]:
    """``body`` without the keys the v2 body model does not have: v2 refuses unknown fields
    (``extra_forbidden``), and v1 bodies carry read-only fields a GET answered."""
    if not is_model(kind):
        return body
    wires = {f.wire for f in kind._sdk_fields.values() if not f.read_only}
    return {k: v for k, v in body.items() if k in wires}


def v1_arguments(op: Operation[Any], values: Mapping[str, Any], built_body: Optional[bytes]) -> Args:
    """The v1 call's arguments by parameter name (older names folded in), the body as the plain
    JSON data the v1 request would carry."""
    args: Args = {}
    for name, value in values.items():
        param = op.param(name)
        if param is None or value is UNSET or value is None:
            continue
        if param.location == BODY:
            continue
        args[param.name] = value
    if op.body is not None and built_body is not None:
        args[op.body.name] = json.loads(built_body)
    return args


#: v1's success statuses other than 200 and 204 (from v1.yaml; 204: the operations without content)
V1_STATUS = {"reparse_dag_file": 201}


def v1_status(op: Operation[Any]) -> int:
    """The status v1 answers a success of ``op`` with (v2 may say 201 where v1 said 200, or
    200 where v1 said 204)."""
    return V1_STATUS.get(op.operation_id) or (204 if op.response is None else 200)


def run(client: "ApiClient", op: Operation[Any], values: Mapping[str, Any], options: CallOptions,
        mode: str) -> Any:
    """Serve the v1 operation ``op`` on the v2 server behind ``client``. ``mode``: ``"data"``
    (the value), ``"info"`` (an ``ApiResponse``), ``"unread"`` (a ``Response`` holding the
    v1-shaped JSON)."""
    server = client.server_info()
    built = client.build_request(op, values, options)  # v1's checks: bad input fails here
    accept = next((v for k, v in (options.headers or {}).items() if k.lower() == "accept"), "")
    wants_text = "text/plain" in accept
    ctx = Context(client, op, options, server, wants_text)
    found = RULES.get(op.operation_id)
    if found is None:
        raise ctx.not_served("no translation onto /api/v2 is known for it")
    value = found.serve(ctx, v1_arguments(op, values, built.body))
    response = ctx.response
    headers: Any = response.headers if response is not None else Headers()
    status = v1_status(op)
    if isinstance(value, str):
        decoded: Any = value
        raw = value.encode("utf-8")
        headers = Headers({**dict(headers), "Content-Type": "text/plain; charset=utf-8"})
    else:
        # the raw body first: decoding may reuse the parsed objects
        raw = b"" if value is None else dumps(value, separators=(",", ":")).encode("utf-8")
        decoded = None if value is None else decode_answer(op, value)
    if mode == "info":
        return ApiResponse(status, headers, decoded, raw)
    if mode == "unread":
        reason = "No Content" if status == 204 else "OK"
        unread = Response(status, reason, headers, raw, request=response.request if response else None)
        return unread
    return decoded

