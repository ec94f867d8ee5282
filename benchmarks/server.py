"""A loopback HTTP/1.1 server (keep-alive) that replays the recorded Airflow responses.

Run as its own process by benchmarks/run.py, so the client's CPU time excludes it. Prints
its port on the first line of stdout; stops after --seconds (bounded), or when killed.
"""
from __future__ import annotations

import argparse
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 0.005  # under /api/v1/slow/: what a real Airflow takes at least per call
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


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
