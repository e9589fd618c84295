"""`ntm-plan schema` writes JSON Schemas that accept the shipped data files and refuse a bad one."""

from __future__ import annotations

import datetime as dt
import json
import shutil
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


@pytest.mark.slow
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


OBSERVATION = "value: 50.02, as_of: 2023-12-31"


@pytest.mark.parametrize(
    ("written", "valid"),
    [
        pytest.param("value: năm mươi, as_of: 2023-12-31", False, id="words"),
        pytest.param('value: "50.02", as_of: 2023-12-31', False, id="quoted-number"),
        pytest.param("value: true, as_of: 2023-12-31", False, id="boolean"),
        pytest.param("value: 50, as_of: 2023-12-31", True, id="whole-number"),
        pytest.param("value: -3.5, as_of: 2023-12-31", True, id="negative"),
        pytest.param("count: 5, total: 10, stated_percent: 150, as_of: 2023-12-31", False, id="percent-above-100"),
        pytest.param("count: 5, total: 10, stated_percent: 50, as_of: 2023-12-31", True, id="percent"),
        pytest.param("count: -1, total: 10, as_of: 2023-12-31", False, id="negative-count"),
        pytest.param("count: 1.5, total: 10, as_of: 2023-12-31", False, id="fractional-count"),
        pytest.param("count: 5, total: 0, as_of: 2023-12-31", False, id="zero-total"),
        pytest.param('count: "5", total: 10, as_of: 2023-12-31', False, id="quoted-count"),
        pytest.param("met: có, as_of: 2023-12-31", False, id="words-for-met"),
    ],
)
@pytest.mark.slow
def test_the_schema_refuses_what_validate_refuses_for_value_types(  # type: ignore[no-untyped-def]
    cli, schemas: dict[str, dict[str, Any]], tmp_path: Path, written: str, valid: bool
) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    path = root / "communes" / "hoa-an.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(OBSERVATION) == 1
    path.write_text(text.replace(OBSERVATION, written), encoding="utf-8")
    run = cli("validate", "--data", str(root), "--format", "json")
    refused_by_validate = any(
        d["file"] == "data/communes/hoa-an.yaml" and d["line"] == 10 and d["severity"] == "error"
        for d in json.loads(run.out)["diagnostics"]
    )
    doc, diags = read_yaml(path.read_bytes())
    assert doc is not None and not diags
    try:
        jsonschema.validate(as_json(doc.data), schemas["unit"])
        refused_by_schema = False
    except jsonschema.ValidationError:
        refused_by_schema = True
    assert refused_by_validate is not valid
    assert refused_by_schema is refused_by_validate
