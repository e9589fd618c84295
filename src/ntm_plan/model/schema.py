"""JSON Schema for each kind of data file, so editors can check YAML as people type."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ntm_plan.model import CriteriaSet, DepartmentsFile, District, Unit

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "criteria-set": (CriteriaSet, "criteria/*.yaml"),
    "unit": (Unit, "communes/*.yaml"),
    "district": (District, "district.yaml"),
    "departments": (DepartmentsFile, "departments.yaml"),
}


def schema_for(model: type[BaseModel], title: str) -> dict[str, object]:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, _) in SCHEMAS.items():
        path = out_dir / f"{name}.schema.json"
        text = json.dumps(schema_for(model, name), ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
