"""The generated modules match the generator and the specs, cover all of each spec, and pass
ruff's import sorting.

Needs each surface's spec: v1 from Airflow 2.11.2 (an installed apache-airflow, or the local
server's venv that scripts/airflow-local installs). Where a spec is missing these tests skip,
except under CI (``CI=true``), where a missing spec is a failure.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from typing import Any, Dict, List

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import generate  # noqa: E402

SURFACES = sorted(generate.SURFACES)
EXPECTED = {"v1": {"operations": 89, "tags": 19}, "v2": {"operations": 128, "tags": 28}}


def spec_path(surface: str) -> str:
    try:
        return generate.find_spec_file(surface)
    except SystemExit as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the {surface} spec must be available in CI: {exc}")
        pytest.skip(str(exc))
        raise


@pytest.fixture(scope="module", params=SURFACES)
def surface(request: Any) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def spec(surface: str) -> Dict[str, Any]:
    return generate.load_spec(spec_path(surface))


def test_committed_files_match_a_fresh_generation(surface: str, tmp_path: Any) -> None:
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "generate.py"), "--surface", surface,
                    "--spec", f"{surface}={spec_path(surface)}", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    differences: List[str] = []
    for folder in generate.generated_dirs(surface):
        fresh, committed = tmp_path / folder, os.path.join(ROOT, folder)
        for dirpath, _, filenames in os.walk(fresh):
            for name in filenames:
                rel = os.path.relpath(os.path.join(dirpath, name), tmp_path)
                mine = os.path.join(ROOT, rel)
                if not os.path.exists(mine) or not filecmp.cmp(os.path.join(dirpath, name), mine,
                                                               shallow=False):
                    differences.append(rel)
        for dirpath, _, filenames in os.walk(committed):
            for name in filenames:
                rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
                if name.endswith((".py", ".md")) and not (tmp_path / rel).exists():
                    differences.append(rel + " (stale)")
    for rel in generate.generated_files(surface):
        if not filecmp.cmp(tmp_path / rel, os.path.join(ROOT, rel), shallow=False):
            differences.append(rel)
    assert differences == [], "run python tools/generate.py; differs: " + ", ".join(differences)


def test_every_operation_has_its_method(surface: str, spec: Dict[str, Any]) -> None:
    rules = generate.SURFACES[surface]()
    import importlib

    missing = []
    count = 0
    tags = set()
    for path, item in spec["paths"].items():
        for method in generate.HTTP_METHODS:
            if method not in item:
                continue
            count += 1
            op = item[method]
            for tag in op["tags"]:
                tags.add(tag)
                cls_name = rules.api_class(tag)
                module = importlib.import_module(f"{rules.api_package}.{rules.api_module(cls_name)}")
                cls = getattr(module, cls_name)
                for variant in ("", "_with_http_info", "_without_preload_content"):
                    if not callable(getattr(cls, op["operationId"] + variant, None)):
                        missing.append(f"{cls_name}.{op['operationId']}{variant}")
                record = cls._operations[op["operationId"]]
                assert (record.method, rules.path_prefix + record.path) == (
                    method.upper(), rules.path_prefix + rules.relative_path(path))
    assert count == EXPECTED[surface]["operations"]
    assert len(tags) == EXPECTED[surface]["tags"]
    assert missing == []


def test_every_schema_has_its_model(surface: str, spec: Dict[str, Any]) -> None:
    import importlib

    rules = generate.SURFACES[surface]()
    index = importlib.import_module(rules.models_index)
    names = [rules.class_name(n) for n, s in spec["components"]["schemas"].items()
             if not rules.is_any_schema(n, s)]
    assert [n for n in names if not hasattr(index, n)] == []


def test_generated_files_say_so(surface: str) -> None:
    paths = [os.path.join(dirpath, name)
             for folder in generate.generated_dirs(surface)
             for dirpath, _, filenames in os.walk(os.path.join(ROOT, folder))
             for name in filenames if name.endswith((".py", ".md"))]
    paths += [os.path.join(ROOT, rel) for rel in generate.generated_files(surface)]
    assert paths
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            assert "Generated by tools/generate.py" in handle.readline(), path


def test_generated_code_passes_ruff(surface: str) -> None:
    ruff = shutil.which("ruff") or os.path.join(os.path.dirname(sys.executable), "ruff")
    targets = [os.path.join(ROOT, folder) for folder in generate.generated_dirs(surface)
               if not folder.startswith("docs")]
    targets += [os.path.join(ROOT, rel) for rel in generate.generated_files(surface) if rel.endswith(".py")]
    result = subprocess.run([ruff, "check", "--output-format", "concise", *targets],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
