#!/usr/bin/env python3
"""Generate the SDK's surfaces (Api modules, models, reference docs) from Airflow's specs.

    python tools/generate.py                   # every surface, specs from the installed Airflows
    python tools/generate.py --surface v1      # one surface
    python tools/generate.py --spec v1=PATH    # a spec from a file
    python tools/generate.py --out DIR         # write into DIR instead of the repository

v1 comes from apache-airflow 2.11.2 (``airflow/api_connexion/openapi/v1.yaml``), found in
this interpreter or in the local server's venv that ``scripts/airflow-local install`` makes.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import os
import shutil
import sys
from typing import Any, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from codegen import ir  # noqa: E402
from codegen.docs import DocsEmitter  # noqa: E402
from codegen.openapi import HTTP_METHODS, Reader  # noqa: E402
from codegen.python import Emitter  # noqa: E402
from codegen.surfaces import SURFACES  # noqa: E402

__all__ = ["HTTP_METHODS", "SURFACES", "find_spec_file", "generate", "generated_dirs", "load_spec"]

SPEC_IN_PACKAGE = {
    "v1": ("apache_airflow", os.path.join("airflow", "api_connexion", "openapi", "v1.yaml")),
    "v2": ("apache_airflow_core", os.path.join("airflow", "api_fastapi", "core_api", "openapi",
                                               "v2-rest-api-generated.yaml")),
}
LOCAL_VENVS = {"v1": os.path.join(".airflow-local", "venv"),
               "v2": os.path.join(".airflow-local", "3.3.2", "venv")}


# --------------------------------------------------------------------------- finding specs

def find_spec_file(surface: str = "v1") -> str:
    """The spec of ``surface`` from an installed Airflow of the right version."""
    rules = SURFACES[surface]()
    dist, relative = SPEC_IN_PACKAGE[surface]
    candidates = []
    found = importlib.util.find_spec("airflow")
    if found is not None and found.submodule_search_locations:
        for location in found.submodule_search_locations:
            candidates.append(os.path.dirname(location))
    venv = os.environ.get("AIRFLOW_LOCAL_VENV" if surface == "v1" else f"AIRFLOW_LOCAL_VENV_{surface.upper()}",
                          os.path.join(ROOT, LOCAL_VENVS[surface]))
    candidates += glob.glob(os.path.join(venv, "lib", "python*", "site-packages"))
    for site in candidates:
        path = os.path.join(site, relative)
        if os.path.exists(path) and _installed_version(site, dist) == rules.airflow:
            return path
    raise SystemExit(f"no {dist.replace('_', '-')}=={rules.airflow} found for the {surface} spec; "
                     "install it, run scripts/airflow-local install, or pass --spec")


def _installed_version(site_packages: str, dist: str) -> Optional[str]:
    for meta in glob.glob(os.path.join(site_packages, f"{dist}-*.dist-info", "METADATA")):
        with open(meta, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    return None


def load_spec(path: str) -> Dict[str, Any]:
    import yaml

    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- one surface

def package_dir(out_root: str, dotted: str) -> str:
    return os.path.join(out_root, *dotted.split("."))


def generated_dirs(surface: str) -> List[str]:
    """The folders (relative to the repository) that hold only generated files."""
    rules = SURFACES[surface]()
    return [os.path.join(*p.split(".")) for p in (rules.models_package, rules.models_index,
                                                   rules.api_package, rules.apis_index)] + [
        os.path.join(rules.docs_dir, "models"), os.path.join(rules.docs_dir, "api")]


def generated_files(surface: str) -> List[str]:
    """Generated files that live outside the generated folders."""
    rules = SURFACES[surface]()
    out = [os.path.join(rules.docs_dir, "reference.md")]
    if getattr(rules, "ROOT_EXPORTS", None) is not None:
        out.append(os.path.join(*rules.package.split("."), "__init__.py"))
    if getattr(rules, "compat_module", None):
        out.append(os.path.join(*rules.compat_module.split(".")) + ".py")
    return out


def allof_parts(reader: Reader) -> List[ir.SchemaDef]:
    """The own (inline) parts of allOf schemas, as 1.0.1 named them (``DAGCollectionAllOf``)."""
    out = []
    for name, schema in reader.components.items():
        for part in schema.get("allOf", ()):
            if "$ref" not in part:
                fields = reader.fields_of(name + "AllOf", part)
                out.append(ir.SchemaDef(name + "AllOf", reader.rules.module_name(name + "AllOf"),
                                        "model", origin="allof", fields=fields))
    return out


def generate_surface(surface_name: str, spec: Dict[str, Any], out_root: str) -> Dict[str, str]:
    rules = SURFACES[surface_name]()
    reader = Reader(spec, rules)
    surface = reader.read()
    rules.apply_facts(surface)
    code = Emitter(surface, rules)
    docs = DocsEmitter(code)
    files: Dict[str, str] = {}
    models_dir = package_dir(out_root, rules.models_package)
    docs_dir = os.path.join(out_root, rules.docs_dir)
    for schema in surface.schemas.values():
        files[os.path.join(models_dir, schema.module + ".py")] = code.model_module(schema)
        files[os.path.join(docs_dir, "models", schema.module + ".md")] = docs.model_page(schema)
    legacy: Dict[str, str] = {}
    if getattr(rules, "compat_module", None):
        compat = allof_parts(reader) + rules.legacy_models()
        aliases = rules.legacy_aliases()
        modules: Dict[str, List[str]] = {}
        for schema in compat:
            modules.setdefault(f"{rules.models_package}.{schema.module}", []).append(schema.name)
            legacy[schema.name] = schema.module
            files[os.path.join(docs_dir, "models", schema.module + ".md")] = docs.model_page(schema)
        for alias, target in aliases.items():
            module = next(s.module for s in compat if s.name == target)
            modules[f"{rules.models_package}.{module}"].append(alias)
            legacy[alias] = module
        all_schemas = dict(surface.schemas)
        all_schemas.update({s.name: s for s in compat})
        compat_code = Emitter(ir.SurfaceDef(surface.name, all_schemas, [], []), rules)
        path = package_dir(out_root, rules.compat_module) + ".py"
        files[path] = compat_code.compat_module(compat, aliases, modules)
    renamed = {alias: module for alias, (module, _) in rules.renamed().items()}
    for alias, (module, target) in rules.renamed().items():
        files[os.path.join(models_dir, module + ".py")] = code.renamed_module(alias, target)
    index = {name: s.module for name, s in surface.schemas.items()}
    index.update(legacy)
    index.update(renamed)
    combined = rules.models_index == rules.models_package
    if not combined:
        files[os.path.join(models_dir, "__init__.py")] = code.surface_module({**legacy, **renamed})
    files[os.path.join(package_dir(out_root, rules.models_index), "__init__.py")] = code.lazy_index(
        f"Every model class of the {rules.name} surface, imported on first use.",
        "MODEL_MODULES", index, rules.models_package,
        {name: rules.compat_module for name in legacy} if legacy else None, surface=combined)
    for api in surface.apis:
        files[os.path.join(package_dir(out_root, rules.api_package), api.module + ".py")] = code.api_module(api)
        files[os.path.join(docs_dir, "api", api.module + ".md")] = docs.api_page(api)
    if rules.api_package != rules.apis_index:
        files[os.path.join(package_dir(out_root, rules.api_package), "__init__.py")] = (
            code.head + f'"""The Api classes of the {rules.name} surface, one module each; '
            f'``{rules.apis_index}`` re-exports them."""\n')
    files[os.path.join(package_dir(out_root, rules.apis_index), "__init__.py")] = code.lazy_index(
        f"Every Api class of the {rules.name} surface, imported on first use.",
        "API_MODULES", {a.name: a.module for a in surface.apis}, rules.api_package)
    root_exports = getattr(rules, "ROOT_EXPORTS", None)
    if root_exports is not None:
        everything = dict(root_exports)
        everything.update({a.name: f"{rules.api_package}.{a.module}" for a in surface.apis})
        everything.update({n: f"{rules.models_package}.{s.module}" for n, s in surface.schemas.items()})
        everything.update({n: f"{rules.models_package}.{m}" for n, m in renamed.items()})
        files[os.path.join(package_dir(out_root, rules.package), "__init__.py")] = code.lazy_index(
            f"The {rules.name} surface (Airflow {rules.airflow}): every Api class and model, the "
            "client, its configuration and exceptions, imported on first use.",
            "EXPORTS", everything, "")
    names = {n: s.module for n, s in surface.schemas.items()}
    names.update(legacy)
    files[os.path.join(docs_dir, "reference.md")] = docs.index(
        surface.apis, names, {alias: target for alias, (_, target) in rules.renamed().items()})
    return files


def generate(specs: Dict[str, Dict[str, Any]], out_root: str) -> Dict[str, str]:
    files: Dict[str, str] = {}
    for name, spec in specs.items():
        files.update(generate_surface(name, spec, out_root))
    return files


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--surface", action="append", choices=sorted(SURFACES),
                        help="surface to generate (default: all)")
    parser.add_argument("--spec", action="append", default=[], metavar="SURFACE=PATH",
                        help="the spec of a surface from a file")
    parser.add_argument("--out", default=ROOT, help="root to write into (default: the repository)")
    args = parser.parse_args(argv)
    given = dict(item.split("=", 1) for item in args.spec)
    names = args.surface or sorted(SURFACES)
    specs = {name: load_spec(given.get(name) or find_spec_file(name)) for name in names}
    files = generate(specs, args.out)
    for name in names:
        for folder in generated_dirs(name):  # stale files of removed schemas must not linger
            target = os.path.join(args.out, folder)
            if os.path.isdir(target):
                shutil.rmtree(target)
    for path, text in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    print(f"wrote {len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
