#!/usr/bin/env python3
"""Record the responses the benchmarks replay, from the local Airflow 2.11.2.

    scripts/airflow-local up && .venv/bin/python benchmarks/record.py

Bodies are stored exactly as the server sent them. Where the test server holds fewer than 100
objects (DAG runs, task instances, DAGs), its real objects are repeated with distinct ids
until the page holds 100, so every field is as Airflow 2.11.2 sends it.
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time

import urllib3

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")


def main() -> None:
    base = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "airflow-local"), "status"],
                          capture_output=True, text=True).stdout.strip()
    if not base.startswith("http"):
        sys.exit("start the local Airflow first: scripts/airflow-local up")
    http = urllib3.PoolManager()
    auth = urllib3.make_headers(basic_auth="admin:admin")

    def get(path: str, **headers: str) -> bytes:
        resp = http.request("GET", base + path, headers={**auth, **headers})
        assert resp.status == 200, (path, resp.status, resp.data[:200])
        return resp.data

    def post(path: str, body: dict) -> dict:
        for _ in range(30):  # a DAG parsed a moment ago may not be known yet
            resp = http.request("POST", base + path, body=json.dumps(body).encode(),
                                headers={**auth, "Content-Type": "application/json"})
            if resp.status != 403:
                break
            time.sleep(2)
        assert resp.status == 200, (path, resp.status, resp.data[:200])
        return json.loads(resp.data)

    def patch(path: str, body: dict) -> None:
        http.request("PATCH", base + path, body=json.dumps(body).encode(),
                     headers={**auth, "Content-Type": "application/json"})

    deadline = time.time() + 120
    while http.request("GET", base + "/dags/sdk_big_log", headers=auth).status != 200:  # not parsed yet
        if time.time() > deadline:
            sys.exit("sdk_big_log was not parsed")
        time.sleep(2)
    for dag_id in ("sdk_big_log", "sdk_quick", "sdk_mapped"):
        patch(f"/dags/{dag_id}?update_mask=is_paused", {"is_paused": False})
    runs = {d: post(f"/dags/{d}/dagRuns", {"conf": {"recorded": True}})["dag_run_id"]
            for d in ("sdk_big_log", "sdk_quick", "sdk_mapped")}
    deadline = time.time() + 300
    for dag_id, run_id in runs.items():
        while json.loads(get(f"/dags/{dag_id}/dagRuns/{run_id}"))["state"] not in ("success", "failed"):
            if time.time() > deadline:
                sys.exit(f"{dag_id} did not finish")
            time.sleep(2)

    def widen(raw: bytes, field: str, key: str) -> bytes:
        page = json.loads(raw)
        items = page[field]
        out = []
        for i in range(100):
            item = copy.deepcopy(items[i % len(items)])
            if i >= len(items):
                item[key] = f"{item[key]}_{i}"
            out.append(item)
        page[field] = out
        page["total_entries"] = max(page.get("total_entries", 0), 100)
        return json.dumps(page, indent=2, sort_keys=True).encode()

    files = {
        "task_instances_100.json": widen(get("/dags/~/dagRuns/~/taskInstances?limit=100"),
                                         "task_instances", "task_id"),
        "dags_100.json": widen(get("/dags?limit=100"), "dags", "dag_id"),
        "dag_runs_100.json": widen(get("/dags/~/dagRuns?limit=100"), "dag_runs", "dag_run_id"),
        "pool.json": get("/pools/default_pool"),
        "log_1mb.json": get(f"/dags/sdk_big_log/dagRuns/{runs['sdk_big_log']}/taskInstances/write/"
                            "logs/1?full_content=true"),
    }
    os.makedirs(DATA, exist_ok=True)
    for name, body in files.items():
        with open(os.path.join(DATA, name), "wb") as handle:
            handle.write(body)
        print(f"{name}: {len(body):,} bytes")


if __name__ == "__main__":
    main()
