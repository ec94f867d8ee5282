#!/usr/bin/env python3
"""Record the v2 responses the benchmarks replay, from a real Airflow 3.3.2.

    AIRFLOW_LOCAL_DIR=/tmp/af3-bench python3 scripts/airflow-local --airflow 3 up
    AIRFLOW_LOCAL_DIR=/tmp/af3-bench .venv-bench/bin/python benchmarks/record_v2.py

(or ``--root http://127.0.0.1:PORT`` for a server started otherwise; admin/admin). Every `up`
starts from an empty database, so the state is made here: sdk_quick and sdk_big_log are
unpaused, sdk_quick is triggered 100 times (two tasks each, a conf of its own each) and
sdk_big_log once, and every run is waited for. Then each page is fetched once and its bytes
are stored exactly as the server sent them (nothing is re-serialized, widened or repeated):
3.3.2 caps ``limit`` at 100, and the server holds more than 100 of each object, so every page
is full of distinct real objects. benchmarks/data/v2/README.md says how each file was made.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from typing import Any, Dict

import urllib3

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data", "v2")
QUICK_RUNS = 100

README = """\
# Airflow 3.3.2 recordings (/api/v2)

Made by `benchmarks/record_v2.py` against `scripts/airflow-local --airflow 3` (3.3.2, LocalExecutor,
sqlite, example DAGs loaded, a fresh database), after unpausing `sdk_quick` and `sdk_big_log`,
triggering `sdk_quick` {quick} times (conf `{{"who": "bench N"}}`) and `sdk_big_log` once, and
waiting for every run to finish. Each file is the body of one GET (admin's bearer JWT, `Accept:
application/json`), stored byte for byte as the server sent it. Recorded {date}.

- `task_instances_100.json` ({ti:,} bytes): `GET /api/v2/dags/~/dagRuns/~/taskInstances?limit=100`;
  {ti_n} task instances of {ti_total} (the finished runs' `greet`/`finish` and `write`).
- `dags_100.json` ({dags:,} bytes): `GET /api/v2/dags?limit=100`; the first {dags_n} DAGs (by dag_id) of
  {dags_total}: {dags_bundles}.
- `dag_runs_100.json` ({runs:,} bytes): `GET /api/v2/dags/~/dagRuns?limit=100`; {runs_n} DAG runs of
  {runs_total} (the triggered runs).
- `pool.json` ({pool:,} bytes): `GET /api/v2/pools/default_pool`.
- `log_big.json` ({log:,} bytes): `GET /api/v2/dags/sdk_big_log/dagRuns/RUN/taskInstances/write/logs/1?full_content=true`,
  the JSON form: {log_n:,} structured log lines of the task that prints 12,000 rows. The replay
  server answers it at `.../dagRuns/r/taskInstances/write/logs/1`.
"""


def server_root() -> str:
    out = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "airflow-local"),
                          "--airflow", "3", "status"], capture_output=True, text=True).stdout.strip()
    root = out.splitlines()[-1] if out else ""
    if not root.startswith("http"):
        sys.exit("start Airflow 3.3.2 first: scripts/airflow-local --airflow 3 up (same AIRFLOW_LOCAL_DIR)")
    return root.rstrip("/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", help="the server's root URL (default: scripts/airflow-local --airflow 3 status)")
    args = parser.parse_args()
    root = (args.root or server_root()).rstrip("/")
    api = root + "/api/v2"
    http = urllib3.PoolManager()
    resp = http.request("POST", root + "/auth/token", body=b'{"username": "admin", "password": "admin"}',
                        headers={"Content-Type": "application/json"})
    assert resp.status in (200, 201), (resp.status, resp.data[:200])
    auth = {"Authorization": "Bearer " + json.loads(resp.data)["access_token"], "Accept": "application/json"}

    def get(path: str) -> bytes:
        resp = http.request("GET", api + path, headers=auth)
        assert resp.status == 200, (path, resp.status, resp.data[:200])
        return resp.data

    def send(method: str, path: str, body: Dict[str, Any]) -> Dict[str, Any]:
        for _ in range(30):  # a DAG parsed a moment ago may not be known to the API yet
            resp = http.request(method, api + path, body=json.dumps(body).encode(),
                                headers={**auth, "Content-Type": "application/json"})
            # 404: not known yet; 409: a run id taken (same timestamp); 500: sqlite was locked
            if resp.status not in (404, 409, 500):
                break
            time.sleep(2)
        assert resp.status in (200, 201), (method, path, resp.status, resp.data[:300])
        return json.loads(resp.data)

    deadline = time.time() + 180
    for dag_id in ("sdk_quick", "sdk_big_log"):
        while http.request("GET", f"{api}/dags/{dag_id}", headers=auth).status != 200:
            if time.time() > deadline:
                sys.exit(f"{dag_id} was not parsed")
            time.sleep(2)
        send("PATCH", f"/dags/{dag_id}", {"is_paused": False})

    def total(path: str) -> int:
        return int(json.loads(get(path))["total_entries"])

    # Counted, not remembered: sqlite is shared with the scheduler, and a trigger that answers
    # 500 ("database is locked") may or may not have made its run. Running again is harmless.
    if total("/dags/sdk_big_log/dagRuns?limit=1") == 0:
        send("POST", "/dags/sdk_big_log/dagRuns", {"logical_date": None, "conf": {}})
    while (made := total("/dags/sdk_quick/dagRuns?limit=1")) < QUICK_RUNS:
        send("POST", "/dags/sdk_quick/dagRuns", {"logical_date": None, "conf": {"who": f"bench {made}"}})
        time.sleep(0.2)
    print(f"{made} runs of sdk_quick, one of sdk_big_log", file=sys.stderr)
    deadline = time.time() + 1800
    while (pending := total("/dags/~/dagRuns?limit=1&state=queued&state=running")) > 0:
        if time.time() > deadline:
            sys.exit(f"{pending} runs did not finish")
        print(f"{pending} runs to go", file=sys.stderr)
        time.sleep(10)
    big = json.loads(get("/dags/sdk_big_log/dagRuns?limit=1"))["dag_runs"][0]["dag_run_id"]

    files = {
        "task_instances_100.json": get("/dags/~/dagRuns/~/taskInstances?limit=100"),
        "dags_100.json": get("/dags?limit=100"),
        "dag_runs_100.json": get("/dags/~/dagRuns?limit=100"),
        "pool.json": get("/pools/default_pool"),
        "log_big.json": get(f"/dags/sdk_big_log/dagRuns/{big}/taskInstances/write/logs/1?full_content=true"),
    }
    os.makedirs(DATA, exist_ok=True)
    for name, body in files.items():
        with open(os.path.join(DATA, name), "wb") as handle:
            handle.write(body)
        print(f"{name}: {len(body):,} bytes")
    page = {name: json.loads(body) for name, body in files.items()}
    with open(os.path.join(DATA, "README.md"), "w", encoding="utf-8") as handle:
        handle.write(README.format(
            quick=QUICK_RUNS, date=time.strftime("%Y-%m-%d"),
            ti=len(files["task_instances_100.json"]), ti_n=len(page["task_instances_100.json"]["task_instances"]),
            ti_total=page["task_instances_100.json"]["total_entries"],
            dags=len(files["dags_100.json"]), dags_n=len(page["dags_100.json"]["dags"]),
            dags_total=page["dags_100.json"]["total_entries"],
            dags_bundles=", ".join(f"{n} from bundle {b}" for b, n in collections.Counter(
                d["bundle_name"] for d in page["dags_100.json"]["dags"]).most_common()),
            runs=len(files["dag_runs_100.json"]), runs_n=len(page["dag_runs_100.json"]["dag_runs"]),
            runs_total=page["dag_runs_100.json"]["total_entries"],
            pool=len(files["pool.json"]), log=len(files["log_big.json"]),
            log_n=len(page["log_big.json"]["content"])))


if __name__ == "__main__":
    main()
