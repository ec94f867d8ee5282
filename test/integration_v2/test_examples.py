"""The Airflow 3 quickstart README points to, run as written against the local 3.3.2."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_airflow3_quickstart(base_url: str) -> None:
    env = dict(os.environ, AIRFLOW_API_HOST=base_url, AIRFLOW_API_USERNAME="admin",
               AIRFLOW_API_PASSWORD="admin")
    out = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "airflow3_quickstart.py")],
                         env=env, capture_output=True, text=True, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"DAGs on {base_url}" in out.stdout
    assert "ended success (conf {'who': 'quickstart'})" in out.stdout
    assert "greet                success" in out.stdout and "finish               success" in out.stdout
    assert "hello quickstart, line 0" in out.stdout  # the task's own print, from its log records
