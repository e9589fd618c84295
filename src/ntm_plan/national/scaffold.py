"""The files `ntm-plan init` writes for a province: the province and every commune-level
unit it has from 01/7/2025, each with its code, kind, parent, first day and predecessors,
citing the statistics office's table. Pure: returns the files' text, writes nothing.
"""

from __future__ import annotations

import json
import re

from ntm_plan.model.names import fold
from ntm_plan.national import REFORM_DAY, TABLE, NationalUnit, communes, edges

GENERATED = "# Tạo bởi ntm-plan init từ danh mục đơn vị hành chính sau sắp xếp năm 2025 (nguồn ghi trong tệp)."


def slug(text: str) -> str:
    """An id from a name: 'xã Đức Đồng' → 'xa-duc-dong'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def province_id(province: NationalUnit) -> str:
    return slug(province.name)


def unit_id(unit: NationalUnit) -> str:
    """Kind, name and code: unique in the country ('xa-duc-dong-18304'), and never the id of
    a unit written before the reform under the same name."""
    return f"{slug(f'{unit.kind} {unit.name}')}-{unit.code}"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string form is one)."""
    return json.dumps(text, ensure_ascii=False)


def _source(section: str) -> str:
    return f"{{document: {_q(TABLE)}, section: {_q(section)}}}"


def province_text(province: NationalUnit) -> str:
    lines = [
        GENERATED,
        f"id: {province_id(province)}",
        f"name: {_q(province.name)}",
        f"kind: {province.kind}",
        f'code: "{province.code}"',
        f"admin_source: {_source(f'mã {province.code}')}",
    ]
    return "\n".join(lines) + "\n"


def unit_text(unit: NationalUnit, province: NationalUnit) -> str:
    lines = [
        GENERATED,
        f"id: {unit_id(unit)}",
        f"name: {_q(unit.name)}",
        f"kind: {unit.kind}",
        f'code: "{unit.code}"',
        f"parent: {province_id(province)}",
        f"valid_from: {REFORM_DAY}",
        f"admin_source: {_source(f'mã {unit.code}')}",
        f"province: {_q(province.name)}",
    ]
    olds = edges().get(unit.code, ())
    if olds:
        lines.append("predecessors:")
        lines += [
            f'  - {{code: "{e.old_code}", name: {_q(f"{e.old_kind} {e.old_name}")}, merge: {e.merge}, '
            f"source: {_source(e.note)}}}"
            for e in olds
        ]
    return "\n".join(lines) + "\n"


def province_files(province: NationalUnit) -> dict[str, str]:
    """Relative path → text: `provinces/<id>.yaml` and `communes/<id>.yaml` for each unit."""
    found = {f"provinces/{province_id(province)}.yaml": province_text(province)}
    for unit in communes():
        if unit.province_code == province.code:
            found[f"communes/{unit_id(unit)}.yaml"] = unit_text(unit, province)
    return found
