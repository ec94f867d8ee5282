"""Types a checker trusts: mypy refuses wrong model constructors and wrong method arguments,
README's snippet and the examples check clean, and collections and paginate are typed by item.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from typing import Any, List

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MYPY = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file",
        os.path.join(ROOT, "mypy.ini")]


def mypy(tmp_path: Any, code: str) -> List[str]:
    path = tmp_path / "snippet.py"
    path.write_text(textwrap.dedent(code))
    result = subprocess.run(MYPY + [str(path)], capture_output=True, text=True, cwd=ROOT)
    return [line for line in result.stdout.splitlines() if ": error:" in line or ": note: Revealed" in line]


def test_wrong_constructor_and_wrong_argument_are_type_errors(tmp_path: Any) -> None:
    found = mypy(tmp_path, """
        from airflow_python_sdk import ApiClient
        from airflow_python_sdk.api.dag_run_api import DAGRunApi
        from airflow_python_sdk.models import DAGRun, Pool

        DAGRun(conf=3)
        DAGRun(nonexistent_field=1)
        Pool(name="p", slots="3")
        api = DAGRunApi(ApiClient())
        api.get_dag_run("dag", 42)
        api.get_dag_runs("dag", limt=5)
        api.get_dag_run("dag", "run", async_req=True)
    """)
    expected = [r'Argument "conf" to "DAGRun" has incompatible type "int"',
                r'Unexpected keyword argument "nonexistent_field" for "DAGRun"',
                r'Argument "slots" to "Pool" has incompatible type "str"',
                r'Argument 2 to "get_dag_run" of "DAGRunApi" has incompatible type "int"',
                r'Unexpected keyword argument "limt" for "get_dag_runs"',
                r'Argument "async_req" to "get_dag_run" of "DAGRunApi" has incompatible type']
    for pattern in expected:
        assert any(re.search(pattern, line) for line in found), (pattern, found)
    assert len(found) == len(expected), found


def test_types_flow_through_answers_collections_and_paginate(tmp_path: Any) -> None:
    found = mypy(tmp_path, """
        from airflow_python_sdk import ApiClient, paginate
        from airflow_python_sdk.api.dag_api import DAGApi
        from airflow_python_sdk.api.dag_run_api import DAGRunApi

        client = ApiClient()
        runs = DAGRunApi(client).get_dag_runs("dag")
        reveal_type(runs.dag_runs[0].dag_run_id)
        for run in runs:
            reveal_type(run)
        reveal_type(runs[0].state)
        reveal_type(len(runs))
        for dag in paginate(DAGApi(client).get_dags, tags=["etl"]):
            reveal_type(dag)
        reveal_type(DAGRunApi(client).get_dag_run_with_http_info("d", "r").data)
        reveal_type(client.submit(DAGRunApi(client).get_dag_run, "d", "r").get())
    """)
    assert [line.split("Revealed type is ")[1] for line in found] == [
        '"str"', '"airflow_python_sdk.model.dag_run.DAGRun"',
        '"airflow_python_sdk.model.dag_state.DagState"', '"int"',
        '"airflow_python_sdk.model.dag.DAG"', '"airflow_python_sdk.model.dag_run.DAGRun"',
        '"airflow_python_sdk.model.dag_run.DAGRun"'], found


def test_readme_snippet_checks_clean(tmp_path: Any) -> None:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    snippets = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert snippets
    for snippet in snippets:
        assert mypy(tmp_path, snippet) == [], snippet


@pytest.mark.parametrize("name", sorted(os.listdir(os.path.join(ROOT, "examples"))))
def test_examples_check_clean(name: str) -> None:
    result = subprocess.run(MYPY + [os.path.join(ROOT, "examples", name)], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_pyright_refuses_them_too(tmp_path: Any) -> None:
    path = tmp_path / "snippet.py"
    path.write_text(textwrap.dedent("""
        from airflow_python_sdk.models import DAGRun, Pool

        DAGRun(conf=3)
        DAGRun(nonexistent_field=1)
        Pool(name="p", slots="3")
        reveal_type(DAGRun().dag_run_id)
    """))
    bin_dir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    result = subprocess.run([os.path.join(bin_dir, "pyright"), str(path)], capture_output=True,
                            text=True, cwd=str(tmp_path), env=env)
    out = result.stdout
    assert '"Literal[3]" is not assignable to "Dict[str, Any]"' in out, out
    assert 'No parameter named "nonexistent_field"' in out, out
    assert '"Literal[\'3\']" is not assignable to "int"' in out, out
    assert 'Type of "DAGRun().dag_run_id" is "str"' in out, out
    assert "3 errors" in out, out
