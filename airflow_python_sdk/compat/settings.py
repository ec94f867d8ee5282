"""``Configuration`` as code written for older clients uses it.

- the server list of airflow-python-sdk 1.0.1 (``server_index``, ``server_variables``,
  ``get_host_settings``, ``get_host_from_settings``, ``_host_index`` per call);
- ``get_basic_auth_token``, ``auth_settings``, ``to_debug_report``, ``set_default`` /
  ``get_default_copy`` / ``get_default``;
- ``debug``, ``logger_file`` and ``logger_format`` (they take effect: DEBUG logging of the
  SDK and urllib3, to stderr or to a file);
- settings that do nothing here, accepted and warned about once: ``discard_unknown_keys``
  (unknown fields are always kept), ``disabled_client_side_validations``,
  ``server_operation_index``, ``server_operation_variables``, ``ignore_operation_servers``,
  ``api_key`` / ``api_key_prefix`` / ``refresh_api_key_hook`` (Airflow's API takes no API
  keys), ``datetime_format`` / ``date_format`` (ISO 8601 is always sent), ``temp_folder_path``.
"""
from __future__ import annotations

import base64
import copy
import logging
import sys
from typing import Any, Callable, Dict, Generic, List, Optional, TypeVar, overload

from airflow_python_sdk._runtime.errors import ApiValueError
from airflow_python_sdk.compat.notices import no_effect

DEFAULT_HOST = "http://localhost/api/v1"
V = TypeVar("V")
_LOGGERS = ("airflow_python_sdk", "urllib3")


class NoEffect(Generic[V]):
    """A setting kept for old code: stored, read back, and warned about once when set to
    anything but its default."""

    def __init__(self, default: V, why: str) -> None:
        self.default: V = default
        self.why: str = why
        self.name: str = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: Any = None) -> "NoEffect[V]": ...

    @overload
    def __get__(self, obj: object, owner: Any = None) -> V: ...

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__.get(self.name, copy.copy(self.default))

    def __set__(self, obj: Any, value: V) -> None:
        if value != self.default and value is not None:
            no_effect(f"Configuration.{self.name}", self.why)
        obj.__dict__[self.name] = value


class LegacySettings:
    """Mixed into ``Configuration``: the settings and methods listed in this module."""

    _default: Optional[Any] = None

    discard_unknown_keys: NoEffect[bool] = NoEffect(
        False, "fields the schema does not list are always kept (additional_properties)")
    disabled_client_side_validations: NoEffect[str] = NoEffect("", "values are checked by their types only")
    server_operation_index: NoEffect[Dict[str, int]] = NoEffect({}, "every operation uses the configured host")
    server_operation_variables: NoEffect[Dict[str, Dict[str, str]]] = NoEffect(
        {}, "every operation uses the configured host")
    api_key: NoEffect[Dict[str, str]] = NoEffect(
        {}, "Airflow's API takes no API keys; use access_token or username/password")
    api_key_prefix: NoEffect[Dict[str, str]] = NoEffect({}, "Airflow's API takes no API keys")
    refresh_api_key_hook: NoEffect[Optional[Callable[[Any], None]]] = NoEffect(
        None, "Airflow's API takes no API keys; give token_provider for a token that changes")
    ignore_operation_servers: NoEffect[bool] = NoEffect(False, "every operation uses the configured host")
    datetime_format: NoEffect[str] = NoEffect(
        "%Y-%m-%dT%H:%M:%S.%f%z", "datetimes are sent in ISO 8601 with their offset")
    date_format: NoEffect[str] = NoEffect("%Y-%m-%d", "dates are sent in ISO 8601")
    temp_folder_path: NoEffect[Optional[str]] = NoEffect(None, "no operation answers a file")

    # -- sharing one configuration, the 1.0.1 way
    @classmethod
    def set_default(cls, default: Any) -> None:
        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> Any:
        if cls._default is not None:
            return copy.deepcopy(cls._default)
        return cls()

    @classmethod
    def get_default(cls) -> Any:
        """The shared default configuration (made on first use), as the 3.x client has it."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    # -- the server list
    def get_host_settings(self) -> List[Dict[str, Any]]:
        return [{"url": DEFAULT_HOST, "description": "Airflow on this machine", "variables": {}}]

    def get_host_from_settings(self, index: Optional[int], variables: Optional[Dict[str, str]] = None,
                               servers: Optional[List[Dict[str, Any]]] = None) -> str:
        if index is None:
            return self._base_path  # type: ignore[attr-defined,no-any-return]
        servers = self.get_host_settings() if servers is None else servers
        try:
            server = servers[index]
        except IndexError:
            raise ApiValueError(f"_host_index {index} is out of range: {len(servers)} server(s) "
                                "are configured") from None
        url: str = server["url"]
        for name, spec in server.get("variables", {}).items():
            url = url.replace("{" + name + "}", str((variables or {}).get(name, spec["default_value"])))
        return url

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The API key stored under ``identifier`` (or ``alias``), with its prefix; Airflow's API
        takes none, so this only reads back what was set."""
        keys: Dict[str, str] = self.api_key
        prefixes: Dict[str, str] = self.api_key_prefix
        key = keys.get(identifier, keys.get(alias) if alias is not None else None)
        if not key:
            return None
        prefix = prefixes.get(identifier, prefixes.get(alias) if alias is not None else None)
        return f"{prefix} {key}" if prefix else key

    # -- auth, as 1.0.1 exposed it
    def get_basic_auth_token(self) -> Optional[str]:
        username = getattr(self, "username", None)
        password = getattr(self, "password", None)
        if username is None and password is None:
            return None
        raw = f"{username or ''}:{password or ''}".encode("utf-8")
        return "Basic " + base64.b64encode(raw).decode("ascii")

    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        token = getattr(self, "access_token", None)
        if token:
            return {"Bearer": {"type": "bearer", "in": "header", "key": "Authorization",
                               "value": f"Bearer {token}"}}
        basic = self.get_basic_auth_token()
        if basic is None:
            return {}
        return {"Basic": {"type": "basic", "in": "header", "key": "Authorization", "value": basic}}

    def to_debug_report(self) -> str:
        import platform

        from airflow_python_sdk._runtime.version import VERSION

        return ("Python SDK Debug Report:\n"
                f"OS: {sys.platform}\n"
                f"Python Version: {platform.python_version()}\n"
                "Version of the API: v1 (Airflow 2.x) and v2 (Airflow 3.x)\n"
                f"SDK Package Version: {VERSION}")

    # -- logging switches
    @property
    def logger(self) -> Dict[str, logging.Logger]:
        return {"package_logger": logging.getLogger("airflow_python_sdk"),
                "urllib3_logger": logging.getLogger("urllib3")}

    @property
    def debug(self) -> bool:
        return bool(self.__dict__.get("_debug", False))

    @debug.setter
    def debug(self, value: bool) -> None:
        """True: the SDK and urllib3 log at DEBUG (to ``logger_file``, else to stderr)."""
        self.__dict__["_debug"] = bool(value)
        level = logging.DEBUG if value else logging.WARNING
        for name in _LOGGERS:
            logging.getLogger(name).setLevel(level)
        if value:
            self._attach_handler()

    @property
    def logger_formatter(self) -> logging.Formatter:
        """The formatter of the handler ``debug``/``logger_file`` attach."""
        handler: Optional[logging.Handler] = self.__dict__.get("_handler")
        if handler is not None and handler.formatter is not None:
            return handler.formatter
        return logging.Formatter(self.logger_format)

    @property
    def logger_file_handler(self) -> Optional[logging.FileHandler]:
        handler = self.__dict__.get("_handler")
        return handler if isinstance(handler, logging.FileHandler) else None

    @property
    def logger_stream_handler(self) -> "Optional[logging.StreamHandler[Any]]":
        handler = self.__dict__.get("_handler")
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
            return handler
        return None

    @property
    def logger_format(self) -> str:
        return str(self.__dict__.get("_logger_format", "%(asctime)s %(levelname)s %(message)s"))

    @logger_format.setter
    def logger_format(self, value: str) -> None:
        self.__dict__["_logger_format"] = value
        handler = self.__dict__.get("_handler")
        if handler is not None:
            handler.setFormatter(logging.Formatter(value))

    @property
    def logger_file(self) -> Optional[str]:
        return self.__dict__.get("_logger_file")

    @logger_file.setter
    def logger_file(self, value: Optional[str]) -> None:
        self.__dict__["_logger_file"] = value
        self._detach_handler()
        if value:
            self._attach_handler()

    def _attach_handler(self) -> None:
        if self.__dict__.get("_handler") is not None:
            return
        path = self.logger_file
        handler: logging.Handler = logging.FileHandler(path) if path else logging.StreamHandler()
        handler.setFormatter(logging.Formatter(self.logger_format))
        for name in _LOGGERS:
            logging.getLogger(name).addHandler(handler)
        self.__dict__["_handler"] = handler

    def _detach_handler(self) -> None:
        handler = self.__dict__.pop("_handler", None)
        if handler is not None:
            for name in _LOGGERS:
                logging.getLogger(name).removeHandler(handler)
            handler.close()
