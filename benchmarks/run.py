#!/usr/bin/env python3
"""Benchmarks: client CPU per call against the floor (urllib3 + json.loads), import time,
memory, threads, encoding. Prints two tables of ratios (v1 against Airflow 2.11.2's recordings,
v2 against Airflow 3.3.2's); nothing here is a test.

    scripts/bench                       # makes the venvs, runs this, prints the tables
    python benchmarks/run.py --quick    # fewer repetitions
    python benchmarks/run.py --markdown docs/performance.md

The replay server runs in its own process, so ``time.process_time`` counts the client only.
apache-airflow-client (the official generated client) is measured when it is installed: 2.10.0
(v1) in this venv, 3.3.2 (v2, pydantic; the same package name) in a venv of its own
(``--official3-python``, made by scripts/bench), each in a process of its own.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from typing import Any, Callable, Dict, List, Optional, Tuple

import urllib3

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
import airflow_python_sdk as sdk  # noqa: E402  (the installed package: see scripts/bench)
from airflow_python_sdk import apis, models  # noqa: E402

AUTH = ("admin", "admin")
LOG_PATH = "/dags/sdk_big_log/dagRuns/r/taskInstances/write/logs/1"
# apache-airflow-client 3.3.2 shares 2.10.0's package name: it lives in a venv of its own
OFFICIAL3_PYTHON = os.path.join(ROOT, ".venv-bench", "official-3.3.2", "bin", "python")


def start_server() -> Tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "--seconds", "1800"],
                            stdout=subprocess.PIPE, text=True)
    port = proc.stdout.readline().strip()  # type: ignore[union-attr]
    return proc, f"http://127.0.0.1:{port}/api/v1"


def compare(cases: Dict[str, Tuple[Callable[[], Any], Callable[[], Any], int]],
            repeats: int) -> Dict[str, Dict[str, Any]]:
    """Measure each case -- (floor function, measured function, calls per batch) -- in
    ``repeats`` rounds. A round runs one batch of each side of every case, the two sides of
    a case back to back (which goes first flips every round). Per case: CPU seconds per call
    of each side (its best batch) and the ratio (the median over rounds of measured/floor of
    the two adjacent batches); or the error the measured side raised.

    On a shared host the CPU time of the same work moves by tens of percent from one second
    to the next (neighbours, frequency). Adjacent batches see the same conditions, so their
    ratio is steady while both drift; rotating over the cases spreads each case over the
    whole run. A few long batches per case gave ratios that moved by 0.1-0.2x between runs."""
    results: Dict[str, Dict[str, Any]] = {}
    ratios: Dict[str, List[float]] = {key: [] for key in cases}
    for key, (floor, mine, _) in cases.items():
        floor()
        try:
            mine()  # warm: connection opened, decoders compiled
        except Exception as exc:  # the official client raises on some real payloads
            results[key] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:60]}"}
        else:
            results[key] = {"floor": float("inf"), "mine": float("inf")}
    for round_no in range(repeats):
        for key, (floor, mine, calls) in cases.items():
            result = results[key]
            if "error" in result:
                continue
            spent = {}
            for side, fn in (("floor", floor), ("mine", mine))[:: 1 if round_no % 2 else -1]:
                gc.collect()
                start = time.process_time()
                for _ in range(calls):
                    fn()
                spent[side] = (time.process_time() - start) / calls
                result[side] = min(result[side], spent[side])
            ratios[key].append(spent["mine"] / spent["floor"])
    for key, result in results.items():
        if "error" not in result:
            result["ratio"] = statistics.median(ratios[key])
    return results


# -- the three clients ------------------------------------------------------------------

def floor_client(base: str, token: Optional[str] = None) -> Callable[[str], Callable[[], Any]]:
    """GET + json.loads over one kept-alive pool: basic auth (v1), or a bearer token (v2)."""
    http = urllib3.PoolManager(maxsize=10, retries=False)
    headers = (urllib3.make_headers(basic_auth=":".join(AUTH)) if token is None
               else {"Authorization": f"Bearer {token}"})
    headers["Accept"] = "application/json"

    def make(path: str) -> Callable[[], Any]:
        url = base + path
        return lambda: json.loads(http.request("GET", url, headers=headers, redirect=False).data)

    return make


def sdk_calls(client: Any) -> Dict[str, Callable[[], Any]]:
    ti, dag, run, pool = (apis.TaskInstanceApi(client), apis.DAGApi(client), apis.DAGRunApi(client),
                          apis.PoolApi(client))
    return {
        "ti": lambda: ti.get_task_instances("~", "~"),
        "dags": lambda: dag.get_dags(),
        "runs": lambda: run.get_dag_runs("~"),
        "pool": lambda: pool.get_pool("default_pool"),
        "log": lambda: ti.get_log("sdk_big_log", "r", "write", 1),
    }


def official_calls(base: str) -> Optional[Dict[str, Callable[[], Any]]]:
    try:
        import airflow_client.client as oc
        from airflow_client.client.api import dag_api, dag_run_api, pool_api, task_instance_api
    except ImportError:
        return None
    config = oc.Configuration(host=base, username=AUTH[0], password=AUTH[1])
    client = oc.ApiClient(config)
    ti = task_instance_api.TaskInstanceApi(client)
    return {
        "ti": lambda: ti.get_task_instances(dag_id="~", dag_run_id="~"),
        "dags": lambda: dag_api.DAGApi(client).get_dags(),
        "runs": lambda: dag_run_api.DAGRunApi(client).get_dag_runs(dag_id="~"),
        "pool": lambda: pool_api.PoolApi(client).get_pool("default_pool"),
        "log": lambda: ti.get_log(dag_id="sdk_big_log", dag_run_id="r", task_id="write",
                                  task_try_number=1),
    }


def fetch_token(root: str) -> str:
    """A JWT from ``POST {root}/auth/token``, as the official 3.3.2 client's users get one
    (it takes an ``access_token``; the SDK logs in from username/password by itself)."""
    resp = urllib3.PoolManager().request("POST", root + "/auth/token",
                                         body=json.dumps({"username": AUTH[0], "password": AUTH[1]}),
                                         headers={"Content-Type": "application/json"})
    return str(json.loads(resp.data)["access_token"])


def sdk_v2_calls(client: Any) -> Dict[str, Callable[[], Any]]:
    from airflow_python_sdk.v2 import DAGApi, DagRunApi, PoolApi, TaskInstanceApi

    ti, dag, run, pool = TaskInstanceApi(client), DAGApi(client), DagRunApi(client), PoolApi(client)
    return {
        "ti": lambda: ti.get_task_instances("~", "~"),
        "dags": lambda: dag.get_dags(),
        "runs": lambda: run.get_dag_runs("~"),
        "pool": lambda: pool.get_pool("default_pool"),
        "log": lambda: ti.get_log("sdk_big_log", "r", "write", 1),
    }


def official3_calls(root: str) -> Optional[Dict[str, Callable[[], Any]]]:
    try:
        import airflow_client.client as oc
        from airflow_client.client.api import dag_api, dag_run_api, pool_api, task_instance_api
    except ImportError:
        return None
    if not hasattr(dag_run_api, "DagRunApi"):  # 2.x (DAGRunApi, /api/v1) installed here
        return None
    client = oc.ApiClient(oc.Configuration(host=root, access_token=fetch_token(root)))
    ti = task_instance_api.TaskInstanceApi(client)
    return {
        "ti": lambda: ti.get_task_instances(dag_id="~", dag_run_id="~"),
        "dags": lambda: dag_api.DAGApi(client).get_dags(),
        "runs": lambda: dag_run_api.DagRunApi(client).get_dag_runs(dag_id="~"),
        "pool": lambda: pool_api.PoolApi(client).get_pool("default_pool"),
        "log": lambda: ti.get_log(dag_id="sdk_big_log", dag_run_id="r", task_id="write", try_number=1),
    }


CASES = [  # key, label, path, calls per batch (a batch takes 10-20 ms)
    ("ti", "decode 100 task instances", "/dags/~/dagRuns/~/taskInstances", 20),
    ("dags", "decode 100 DAGs", "/dags", 20),
    ("runs", "decode 100 DAG runs", "/dags/~/dagRuns", 30),
    ("pool", "small call (get_pool)", "/pools/default_pool", 100),
    ("log", "1.5 MB task log (JSON)", LOG_PATH, 3),
]
V2_CASES = [  # the same against 3.3.2's recordings (data/v2/), paths under /api/v2
    ("ti", "decode 100 task instances", "/dags/~/dagRuns/~/taskInstances", 20),
    ("dags", "decode 100 DAGs", "/dags", 20),
    ("runs", "decode 100 DAG runs", "/dags/~/dagRuns", 20),
    ("pool", "small call (get_pool)", "/pools/default_pool", 100),
    ("log", "1.9 MB task log (JSON, 12,018 structured lines)", LOG_PATH, 1),
]


# -- measurements -------------------------------------------------------------------------

def measure_calls(base: str, repeats: int) -> List[Dict[str, Any]]:
    floor = floor_client(base)
    client = sdk.ApiClient(sdk.Configuration(host=base, username=AUTH[0], password=AUTH[1]))
    mine = sdk_calls(client)
    found = compare({key: (floor(path), mine[key], calls) for key, _, path, calls in CASES}, repeats)
    rows = []
    for key, label, _, _ in CASES:
        result = found[key]
        if "error" in result:
            raise SystemExit(f"the SDK failed on {label}: {result['error']}")
        rows.append({"key": key, "label": label, "floor_us": result["floor"] * 1e6,
                     "sdk_us": result["mine"] * 1e6, "sdk_ratio": result["ratio"],
                     "official": "not installed"})
    client.close()
    # The official client runs in a process of its own: importing its 300 modules and the
    # garbage its decoding leaves would slow down whatever is measured after it.
    add_official(rows, [sys.executable, __file__, "--official", base, "--repeats", str(repeats)])
    return rows


def add_official(rows: List[Dict[str, Any]], command: List[str]) -> None:
    """Fill the rows' "official" column from a measuring subprocess (its last stdout line)."""
    if not os.path.exists(command[0]):
        return
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode == 0 and out.stdout.strip():
        official = json.loads(out.stdout.strip().splitlines()[-1])
        for row in rows:
            row["official"] = official.get(row["key"], "not installed")
    else:
        for row in rows:
            row["official"] = f"failed: {(out.stderr.strip().splitlines() or ['?'])[-1][:60]}"


def measure_calls_v2(root: str, repeats: int, official_python: str) -> List[Dict[str, Any]]:
    """The v2 rows: the SDK's v2 surface against 3.3.2's recordings. The SDK logs in from
    username/password (one ``POST /auth/token``; the replay token's ``exp`` is far off); the
    floor sends the same kind of bearer token."""
    from airflow_python_sdk.v2 import ApiClient, Configuration

    floor = floor_client(root + "/api/v2", fetch_token(root))
    client = ApiClient(Configuration(host=root, username=AUTH[0], password=AUTH[1]))
    mine = sdk_v2_calls(client)
    found = compare({key: (floor(path), mine[key], calls) for key, _, path, calls in V2_CASES}, repeats)
    rows = []
    for key, label, _, _ in V2_CASES:
        result = found[key]
        if "error" in result:
            raise SystemExit(f"the SDK (v2) failed on {label}: {result['error']}")
        rows.append({"key": key, "label": label, "floor_us": result["floor"] * 1e6,
                     "sdk_us": result["mine"] * 1e6, "sdk_ratio": result["ratio"],
                     "official": "not installed"})
    client.close()
    add_official(rows, [official_python, __file__, "--official3", root, "--repeats", str(repeats)])
    return rows


def measure_official(base: str, repeats: int) -> Dict[str, str]:
    calls = official_calls(base)
    if calls is None:
        return {}
    floor = floor_client(base)
    # 25-100x slower than the floor: fewer calls per batch, fewer rounds
    found = compare({key: (floor(path), calls[key], max(1, n // 5)) for key, _, path, n in CASES},
                    max(3, repeats // 4))
    return {key: f"raises {r['error']}" if "error" in r else f"{r['ratio']:.1f}x"
            for key, r in found.items()}


def measure_official3(root: str, repeats: int) -> Dict[str, str]:
    calls = official3_calls(root)
    if calls is None:
        return {}
    floor = floor_client(root + "/api/v2", fetch_token(root))
    found = compare({key: (floor(path), calls[key], max(1, n // 5)) for key, _, path, n in V2_CASES},
                    max(3, repeats // 4))
    return {key: f"raises {r['error']}" if "error" in r else f"{r['ratio']:.1f}x"
            for key, r in found.items()}


def import_seconds(statements: List[Tuple[str, str]], runs: int) -> List[float]:
    """Median wall time of each (interpreter, statement) in fresh interpreters (bytecode
    already compiled), the statements taking turns so that the machine's drifts hit them alike."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    times: List[List[float]] = [[] for _ in statements]
    for _ in range(runs):
        for i, (python, statement) in enumerate(statements):
            code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
            out = subprocess.run([python, "-c", code], capture_output=True, text=True,
                                 env=env, check=True)
            times[i].append(float(out.stdout.strip()))
    return [statistics.median(t) for t in times]


DEPS = "import urllib3, dateutil, certifi"
OFFICIAL_IMPORT = ("import airflow_client.client; "
                   "from airflow_client.client.api.task_instance_api import TaskInstanceApi")


def measure_imports(runs: int, official_python: str) -> Dict[str, float]:
    """v1 and v2 import times, all in one rotation. Each official client is set against the
    dependencies' import in its own venv (3.3.2's venv is not this one)."""
    import compileall
    import importlib.util

    import airflow_python_sdk as package

    compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)
    me = sys.executable
    statements = {"deps": (me, DEPS),
                  "sdk": (me, "import airflow_python_sdk; "
                              "from airflow_python_sdk.api.task_instance_api import TaskInstanceApi"),
                  "sdk_v2": (me, "import airflow_python_sdk.v2; "
                                 "from airflow_python_sdk.v2 import TaskInstanceApi; TaskInstanceApi")}
    if importlib.util.find_spec("airflow_client") is not None:
        statements["official"] = (me, OFFICIAL_IMPORT)
    if os.path.exists(official_python):
        probe = subprocess.run([official_python, "-c", "import airflow_client.client.api.dag_run_api as m; "
                                "print(hasattr(m, 'DagRunApi'))"], capture_output=True, text=True)
        if probe.stdout.strip() == "True":
            statements["deps3"] = (official_python, DEPS)
            statements["official3"] = (official_python, OFFICIAL_IMPORT)
    return dict(zip(statements, import_seconds(list(statements.values()), runs)))


DECODE_ONLY = [  # label, recorded body, response model
    ("100 task instances", "task_instances_100.json", "TaskInstanceCollection"),
    ("100 DAGs", "dags_100.json", "DAGCollection"),
    ("100 DAG runs", "dag_runs_100.json", "DAGRunCollection"),
]


DECODE_ONLY_V2 = [  # label, recorded body (data/v2/), response model (v2), calls per batch
    ("100 task instances", "task_instances_100.json", "TaskInstanceCollectionResponse", 20),
    ("100 DAGs", "dags_100.json", "DAGCollectionResponse", 20),
    ("100 DAG runs", "dag_runs_100.json", "DAGRunCollectionResponse", 20),
    ("1.9 MB task log", "log_big.json", "TaskInstancesLogResponse", 1),
]


def measure_decode_only(repeats: int, v2: bool = False) -> List[Dict[str, Any]]:
    """The decode without HTTP: ``json.loads`` of the body against ``json.loads`` plus the
    SDK's decoder, in this process (no transport on either side)."""
    from airflow_python_sdk._runtime.fast_decoding import decoder_of

    if v2:
        from airflow_python_sdk import v2 as namespace
        table, folder = DECODE_ONLY_V2, os.path.join(HERE, "data", "v2")
    else:
        namespace = models
        table, folder = [(*row, 20) for row in DECODE_ONLY], os.path.join(HERE, "data")
    cases = {}
    for label, name, model, calls in table:
        with open(os.path.join(folder, name), "rb") as handle:
            raw = handle.read()
        decode = decoder_of(getattr(namespace, model))
        cases[label] = ((lambda raw=raw: json.loads(raw)),
                        (lambda raw=raw, decode=decode: decode(json.loads(raw))), calls)
        collection = getattr(namespace, model)
        if not hasattr(collection, "__orig_bases__"):  # not a list page (the log)
            continue
        # The SDK parses timestamps when first read: this row pays for reading every field
        # of every item once (dict.get on the dicts, getattr on the models).
        item_cls = getattr(namespace, collection.__orig_bases__[-1].__args__[0].__forward_arg__)
        items_key = collection._items_field()
        fields = list(item_cls._sdk_fields.values())
        keys = [f.wire for f in fields]
        attrs = [f.attr for f in fields]

        def floor_read(raw: bytes = raw, key: str = items_key, keys: List[str] = keys) -> None:
            for item in json.loads(raw)[key]:
                for name in keys:
                    item.get(name)

        def sdk_read(raw: bytes = raw, decode: Any = decode, attrs: List[str] = attrs) -> None:
            for item in decode(json.loads(raw)):
                for name in attrs:
                    getattr(item, name)

        cases[f"{label}, every field read"] = (floor_read, sdk_read, 20)
    return [{"label": label, "floor_us": r["floor"] * 1e6, "sdk_us": r["mine"] * 1e6,
             "ratio": r["ratio"]} for label, r in compare(cases, repeats).items()]


def measure_memory() -> Tuple[int, int]:
    """Bytes held by 10,000 task instances: as SDK models, and as the plain dicts json gives."""
    with open(os.path.join(HERE, "data", "task_instances_100.json"), "rb") as handle:
        raw = handle.read()

    def held(build: Callable[[], Any]) -> int:
        gc.collect()
        tracemalloc.start()
        kept = build()
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del kept
        return size

    decode = models.TaskInstanceCollection.from_dict
    as_models = held(lambda: [ti for _ in range(100) for ti in decode(json.loads(raw)).task_instances])
    as_dicts = held(lambda: [ti for _ in range(100) for ti in json.loads(raw)["task_instances"]])
    return as_models, as_dicts


def throughput(call: Callable[[], Any], threads: int, calls: int) -> Tuple[float, int]:
    """Calls per second (wall) of ``threads`` threads sharing ``call``, and errors seen."""
    errors: List[BaseException] = []

    def worker(n: int) -> None:
        for _ in range(n):
            try:
                call()
            except BaseException as exc:  # counted, reported
                errors.append(exc)

    per = calls // threads
    pool = [threading.Thread(target=worker, args=(per,)) for _ in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return per * threads / (time.perf_counter() - start), len(errors)


def measure_threads(base: str, calls: int) -> Dict[str, Any]:
    """1 vs 8 threads on one ApiClient: against a server answering like a real one (5 ms),
    and against one answering at once (then both client and server are bound by the CPU)."""
    result: Dict[str, Any] = {"errors": 0}
    for label, host in (("slow", base + "/slow"), ("instant", base)):
        client = sdk.ApiClient(sdk.Configuration(host=host, username=AUTH[0], password=AUTH[1]))
        floor = floor_client(host)("/dags/~/dagRuns")
        for name, call in (("sdk", sdk_calls(client)["runs"]), ("floor", floor)):
            call()
            one = eight = 0.0
            for _ in range(3):  # alternate, best of three each: drifts hit both
                rate, errors = throughput(call, 1, calls)
                one = max(one, rate)
                rate, errors8 = throughput(call, 8, calls)
                eight = max(eight, rate)
                result["errors"] += errors + errors8
            result[f"{label}_{name}"] = (one, eight)
        client.close()
    return result


def measure_encode(repeats: int) -> List[Dict[str, Any]]:
    from airflow_python_sdk.api.dag_run_api import POST_DAG_RUN
    from airflow_python_sdk.api.task_instance_api import GET_TASK_INSTANCES_BATCH

    client = sdk.ApiClient(sdk.Configuration(host="http://127.0.0.1:9/api/v1"))
    when = dt.datetime(2024, 5, 1, 10, tzinfo=dt.timezone.utc)
    conf = {"tables": [{"name": f"t{i}", "columns": list(range(10)), "opts": {"x": None}}
                       for i in range(20)], "date": "2024-05-01"}
    run = models.DAGRun(dag_run_id="r1", logical_date=when, conf=conf, note="n")
    form = models.ListTaskInstanceForm(dag_ids=[f"d{i}" for i in range(50)], state=["failed", "success"],
                                       start_date_gte=when, pool=["default_pool"], page_limit=100)
    plain_run = {"dag_run_id": "r1", "logical_date": when.isoformat(), "conf": conf, "note": "n"}
    plain_form = {"dag_ids": [f"d{i}" for i in range(50)], "state": ["failed", "success"],
                  "start_date_gte": when.isoformat(), "pool": ["default_pool"], "page_limit": 100}
    cases = {}
    for label, op, values, plain in (
            ("encode DAGRun with nested conf", POST_DAG_RUN, {"dag_id": "d", "dag_run": run}, plain_run),
            ("encode ListTaskInstanceForm", GET_TASK_INSTANCES_BATCH,
             {"list_task_instance_form": form}, plain_form)):
        cases[label] = ((lambda plain=plain: json.dumps(plain).encode()),
                        (lambda op=op, values=values: client.build_request(op, values)), 200)
    return [{"label": label, "floor_us": r["floor"] * 1e6, "sdk_us": r["mine"] * 1e6,
             "ratio": r["ratio"]} for label, r in compare(cases, repeats).items()]


# -- report -------------------------------------------------------------------------------

def report(calls: List[Dict[str, Any]], decode_only: List[Dict[str, Any]], imports: Dict[str, float],
           memory: Tuple[int, int], threads: Dict[str, Any], encode: List[Dict[str, Any]]) -> str:
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"urllib3 {urllib3.__version__}; {time.strftime('%Y-%m-%d')}", "",
             "| Measure | Floor | airflow_python_sdk | Ratio | Target | apache-airflow-client 2.10.0 |",
             "| --- | --- | --- | --- | --- | --- |"]
    for row in calls:
        target = 1.2 if row["label"].startswith("small") else 1.25
        has_target = not row["label"].startswith("1.5 MB")
        lines.append(f"| {row['label']} (CPU per call) | {row['floor_us']:.0f} µs | {row['sdk_us']:.0f} µs "
                     f"| {row['sdk_ratio']:.2f}x | "
                     f"{f'<= {target}x: ' + verdict(row['sdk_ratio'] <= target) if has_target else '-'} "
                     f"| {row['official']} |")
    for row in decode_only:
        lines.append(f"| decode only, {row['label']}, no HTTP (vs `json.loads` alone) | "
                     f"{row['floor_us']:.0f} µs | {row['sdk_us']:.0f} µs | {row['ratio']:.2f}x | - | - |")
    ratio = imports["sdk"] / imports["deps"]
    official = (f"{imports['official'] / imports['deps']:.2f}x" if "official" in imports
                else "not installed")
    lines.append(f"| import package + TaskInstanceApi (vs `import urllib3, dateutil, certifi`) | "
                 f"{imports['deps'] * 1000:.1f} ms | {imports['sdk'] * 1000:.1f} ms | {ratio:.2f}x | "
                 f"<= 1.1x: {verdict(ratio <= 1.1)} | {official} |")
    held, plain = memory
    lines.append(f"| memory of 10,000 task instances (vs plain dicts) | {plain / 1e6:.1f} MB | "
                 f"{held / 1e6:.1f} MB | {held / plain:.2f}x | <= 0.8x: {verdict(held / plain <= 0.8)} | - |")
    one, eight = threads["slow_sdk"]
    f_one, f_eight = threads["slow_floor"]
    lines.append(f"| 8 threads sharing one ApiClient vs 1 thread, server answering in 5 ms "
                 f"(100 DAG runs per call) | {f_eight / f_one:.2f}x ({f_one:.0f} -> {f_eight:.0f} calls/s) "
                 f"| {one:.0f} -> {eight:.0f} calls/s | {eight / one:.2f}x | >= 1.0x, no errors: "
                 f"{verdict(eight >= one and threads['errors'] == 0)} ({threads['errors']} errors) | - |")
    one, eight = threads["instant_sdk"]
    f_one, f_eight = threads["instant_floor"]
    lines.append(f"| the same, server answering at once (CPU-bound on 2 cores) | {f_eight / f_one:.2f}x "
                 f"({f_one:.0f} -> {f_eight:.0f} calls/s) | {one:.0f} -> {eight:.0f} calls/s | "
                 f"{eight / one:.2f}x | - | - |")
    for row in encode:
        lines.append(f"| {row['label']} (vs json.dumps of the same dict) | {row['floor_us']:.1f} µs | "
                     f"{row['sdk_us']:.1f} µs | {row['ratio']:.2f}x | - | - |")
    return "\n".join(lines)


def report_v2(calls: List[Dict[str, Any]], decode_only: List[Dict[str, Any]],
              imports: Dict[str, float]) -> str:
    """The v2 table: the same measures and targets as v1's rows, against 3.3.2's recordings."""
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    lines = ["v2 surface (`airflow_python_sdk.v2`) against responses recorded from Airflow 3.3.2 "
             "(`benchmarks/record_v2.py`, `benchmarks/data/v2/`); the SDK logs in with "
             "username/password (one `POST /auth/token`), the floor and the official client send "
             "a bearer token.", "",
             "| Measure (v2) | Floor | airflow_python_sdk.v2 | Ratio | Target | apache-airflow-client 3.3.2 |",
             "| --- | --- | --- | --- | --- | --- |"]
    for row in calls:
        target = 1.2 if row["label"].startswith("small") else 1.25
        has_target = row["key"] != "log"
        lines.append(f"| {row['label']} (CPU per call) | {row['floor_us']:.0f} µs | {row['sdk_us']:.0f} µs "
                     f"| {row['sdk_ratio']:.2f}x | "
                     f"{f'<= {target}x: ' + verdict(row['sdk_ratio'] <= target) if has_target else '-'} "
                     f"| {row['official']} |")
    for row in decode_only:
        lines.append(f"| decode only, {row['label']}, no HTTP (vs `json.loads` alone) | "
                     f"{row['floor_us']:.0f} µs | {row['sdk_us']:.0f} µs | {row['ratio']:.2f}x | - | - |")
    ratio = imports["sdk_v2"] / imports["deps"]
    official = (f"{imports['official3'] / imports['deps3']:.2f}x ({imports['official3'] * 1000:.0f} ms)"
                if "official3" in imports else "not installed")
    lines.append(f"| import `airflow_python_sdk.v2` + TaskInstanceApi (vs `import urllib3, dateutil, "
                 f"certifi`) | {imports['deps'] * 1000:.1f} ms | {imports['sdk_v2'] * 1000:.1f} ms | "
                 f"{ratio:.2f}x | <= 1.1x: {verdict(ratio <= 1.1)} | {official} |")
    return "\n".join(lines)


def write_between(path: str, start: str, end: str, table: str, after: Optional[str] = None) -> None:
    """Put the table between the markers; markers not there yet go right after ``after``
    (else at the end). Nothing else in the file changes."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if start not in text:
        anchor = text.find(after) + len(after) if after and after in text else len(text)
        text = f"{text[:anchor]}\n\n{start}\n{end}{text[anchor:]}"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"{head}{start}\n{table}\n{end}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer calls and repeats")
    parser.add_argument("--markdown", help="also write the table into this file")
    parser.add_argument("--official", help=argparse.SUPPRESS)  # internal: base URL to measure
    parser.add_argument("--official3", help=argparse.SUPPRESS)  # internal: server root to measure
    parser.add_argument("--official3-python", default=OFFICIAL3_PYTHON,
                        help="the interpreter of the venv holding apache-airflow-client 3.3.2 "
                             "(default: .venv-bench/official-3.3.2, made by scripts/bench)")
    parser.add_argument("--repeats", type=int, default=40, help="rounds per measure (each runs one batch of both sides of every case)")
    args = parser.parse_args()
    if args.official:
        print(json.dumps(measure_official(args.official, args.repeats)))
        return
    if args.official3:
        print(json.dumps(measure_official3(args.official3, args.repeats)))
        return
    repeats, import_runs = (10, 7) if args.quick else (args.repeats, 21)
    proc, base = start_server()
    try:
        calls = measure_calls(base, repeats)
        threads = measure_threads(base, 400 if args.quick else 1200)
        calls_v2 = measure_calls_v2(base[: -len("/api/v1")], repeats, args.official3_python)
    finally:
        proc.terminate()
        proc.wait(10)
    imports = measure_imports(import_runs, args.official3_python)
    decode_only = measure_decode_only(repeats)
    decode_only_v2 = measure_decode_only(repeats, v2=True)
    memory = measure_memory()
    encode = measure_encode(repeats)
    table = report(calls, decode_only, imports, memory, threads, encode)
    table_v2 = report_v2(calls_v2, decode_only_v2, imports)
    print(table)
    print()
    print(table_v2)
    if args.markdown:
        write_between(args.markdown, "<!-- bench:start -->", "<!-- bench:end -->", table)
        write_between(args.markdown, "<!-- bench-v2:start -->", "<!-- bench-v2:end -->", table_v2,
                      after="<!-- bench:end -->")


if __name__ == "__main__":
    main()
