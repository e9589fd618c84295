"""JSON Schema for each kind of data file, so editors can check YAML as people type."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ntm_plan.model import CriteriaSet, DepartmentsFile, District, Unit

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "criteria-set": (CriteriaSet, "criteria/*.yaml"),
    "unit": (Unit, "communes/*.yaml"),
    "district": (District, "district.yaml"),
    "departments": (DepartmentsFile, "departments.yaml"),
}


_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _with_json_bounds(node: Any) -> Any:
    """pydantic writes the bounds of a number whose schema it was given (`Number`) under
    their Python names (ge, le), which JSON Schema ignores: give them their JSON names, so
    that the editor refuses a share of 150 % as `validate` does."""
    if isinstance(node, list):
        return [_with_json_bounds(item) for item in node]
    if not isinstance(node, dict):
        return node
    numeric = node.get("type") in ("number", "integer")
    return {
        (_BOUNDS[key] if numeric and key in _BOUNDS else key): _with_json_bounds(value) for key, value in node.items()
    }


def schema_for(model: type[BaseModel], title: str) -> dict[str, object]:
    schema: dict[str, object] = _with_json_bounds(model.model_json_schema(mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schema_files() -> dict[str, bytes]:
    """File name → JSON Schema text, one per kind of data file."""
    return {
        f"{name}.schema.json": (json.dumps(schema_for(model, name), ensure_ascii=False, indent=2) + "\n").encode()
        for name, (model, _) in SCHEMAS.items()
    }
