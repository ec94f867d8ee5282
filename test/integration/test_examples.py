"""The examples README points to run as written, unchanged, against the local server: Airflow
2.11.2, or Airflow 3.3.2 (``SDK_IT_AIRFLOW=3``), where the same v1 script is served by translation."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run(script: str, base_url: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = dict(os.environ, AIRFLOW_API_HOST=base_url, AIRFLOW_API_USERNAME="admin",
               AIRFLOW_API_PASSWORD="admin")
    return subprocess.run([sys.executable, os.path.join(ROOT, "examples", script)], env=env,
                          capture_output=True, text=True, timeout=400)


def test_quickstart(base_url: str) -> None:
    out = _run("quickstart.py", base_url)
    assert out.returncode == 0, out.stderr
    assert "triggered sdk_quick run" in out.stdout and "with conf {'who': 'quickstart'}" in out.stdout
    assert "greet                success" in out.stdout
    assert "hello quickstart, line 0" in out.stdout


def test_paging_and_errors(base_url: str, airflow_major: int) -> None:
    out = _run("paginate_and_errors.py", base_url)
    assert out.returncode == 0, out.stderr
    assert "read " in out.stdout and " DAGs in pages" in out.stdout
    if airflow_major == 2:
        assert "404 as expected: DAG not found" in out.stdout
        assert "409 as expected: Pool: example_pool already exists" in out.stdout
    else:  # the words of 3.3.2's answers: a detail naming the DAG; the database's for a duplicate
        assert "404 as expected: Not Found: The Dag with ID: `surely_not_a_dag` was not found" in out.stdout
        assert "409 as expected: " in out.stdout and "Unique constraint violation" in out.stdout
    assert "did you mean 'limit'?" in out.stdout
