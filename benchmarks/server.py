"""A loopback HTTP/1.1 server (keep-alive) that replays the recorded Airflow responses:
2.11.2's under /api/v1 (data/), 3.3.2's under /api/v2 (data/v2/), and ``POST /auth/token``
answering a JWT whose ``exp`` is far off (so a client logs in once and keeps its token).

Run as its own process by benchmarks/run.py, so the client's CPU time excludes it. Prints
its port on the first line of stdout; stops after --seconds (bounded), or when killed.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 0.005  # under /api/v1/slow/: what a real Airflow takes at least per call
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
FAR_EXP = 4102444800  # 2100-01-01


def jwt(claims: dict) -> str:
    """An unsigned-looking JWT with these claims (nobody here checks the signature)."""
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS512', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


TOKEN = json.dumps({"access_token": jwt({"sub": "admin", "aud": "apache-airflow", "exp": FAR_EXP})}).encode()


def load() -> dict:
    def read(name: str) -> bytes:
        with open(os.path.join(DATA, name), "rb") as handle:
            return handle.read()

    return {
        "/api/v1/dags/~/dagRuns/~/taskInstances": read("task_instances_100.json"),
        "/api/v1/dags": read("dags_100.json"),
        "/api/v1/dags/~/dagRuns": read("dag_runs_100.json"),
        "/api/v1/pools/default_pool": read("pool.json"),
        "/api/v1/dags/sdk_big_log/dagRuns/r/taskInstances/write/logs/1": read("log_1mb.json"),
        "/api/v2/dags/~/dagRuns/~/taskInstances": read("v2/task_instances_100.json"),
        "/api/v2/dags": read("v2/dags_100.json"),
        "/api/v2/dags/~/dagRuns": read("v2/dag_runs_100.json"),
        "/api/v2/pools/default_pool": read("v2/pool.json"),
        "/api/v2/dags/sdk_big_log/dagRuns/r/taskInstances/write/logs/1": read("v2/log_big.json"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1800)
    args = parser.parse_args()
    routes = load()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # One write per response and no Nagle: otherwise delayed ACKs add 40 ms per call.
        wbufsize = 1 << 16
        disable_nagle_algorithm = True

        def _send(self, body: bytes, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            if path.startswith("/api/v1/slow/"):  # answer as slowly as a real server would
                time.sleep(SLOW_SECONDS)
                path = "/api/v1/" + path[len("/api/v1/slow/"):]
            body = routes.get(path)
            self._send(body if body is not None else b'{"title": "Not Found", "status": 404}',
                       200 if body is not None else 404)

        def do_POST(self) -> None:  # noqa: N802 - echo the size of what was sent
            length = int(self.headers.get("Content-Length", 0))
            self.rfile.read(length)
            if self.path.split("?", 1)[0] == "/auth/token":  # Airflow 3 answers 201 Created
                self._send(TOKEN, 201)
                return
            self._send(routes["/api/v1/dags/~/dagRuns/~/taskInstances"]
                       if self.path.endswith("/list") else b"{}")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(args.seconds, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
