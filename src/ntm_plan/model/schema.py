"""JSON Schema for each kind of data file, so editors can check YAML as people type."""

from __future__ import annotations

import json

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


def schema_files() -> dict[str, bytes]:
    """File name → JSON Schema text, one per kind of data file."""
    return {
        f"{name}.schema.json": (json.dumps(schema_for(model, name), ensure_ascii=False, indent=2) + "\n").encode()
        for name, (model, _) in SCHEMAS.items()
    }
