"""`ntm-plan schema` writes JSON Schemas that accept the shipped data files and refuse a bad one."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import REAL_DATA, SYNTHETIC
from ntm_plan.read.reader import read_yaml


def as_json(value: Any) -> Any:
    """What an editor's YAML language server sees: numbers as numbers, dates as strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def files_of(root: Path) -> list[tuple[str, Path]]:
    pairs = [("criteria-set", p) for p in sorted((root / "criteria").glob("*.yaml"))]
    pairs += [("unit", p) for p in sorted((root / "communes").glob("*.yaml"))]
    pairs += [(kind, root / f"{kind}.yaml") for kind in ("district", "departments") if (root / f"{kind}.yaml").exists()]
    return pairs


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    from ntm_plan.cli import main

    out = tmp_path_factory.mktemp("schema")
    assert main(["schema", "-o", str(out)]) == 0
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in out.iterdir()}


@pytest.mark.parametrize("root", [SYNTHETIC, REAL_DATA], ids=["synthetic", "shipped"])
def test_schemas_accept_the_data_files(schemas: dict[str, dict[str, Any]], root: Path) -> None:
    pairs = files_of(root)
    assert pairs, f"no data files in {root}"
    for kind, path in pairs:
        doc, diags = read_yaml(path.read_bytes())
        assert doc is not None and not diags, path
        jsonschema.validate(as_json(doc.data), schemas[kind])


def test_schema_refuses_an_unknown_field(schemas: dict[str, dict[str, Any]]) -> None:
    doc, _ = read_yaml((SYNTHETIC / "communes" / "hoa-an.yaml").read_bytes())
    assert doc is not None
    bad = {**as_json(doc.data), "tinh_trang": "tốt"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schemas["unit"])
