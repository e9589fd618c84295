"""The province at a glance (`status` after the 2025 reform): its units by title and by
commune group, counted from the units the data names; none counted twice, none guessed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ntm_plan.evaluate.standing import ScanResult, UnitSummary
from ntm_plan.model import Unit
from ntm_plan.model.names import unit_heading

NO_GROUP_TEXT = "chưa rõ nhóm"
NO_TITLE = "chưa có danh hiệu"


class Tally(NamedTuple):
    label: str
    units: tuple[str, ...]
    """The units' names, as the table prints them."""


class ProvinceGlance(NamedTuple):
    province: Unit
    by_title: tuple[Tally, ...]
    by_group: tuple[Tally, ...]


def _tally(units: Sequence[UnitSummary], label_of: Any, order: Sequence[str]) -> tuple[Tally, ...]:
    found: dict[str, list[str]] = {}
    for u in units:
        found.setdefault(label_of(u), []).append(f"{u.kind} {u.name}")
    labels = [*[o for o in order if o in found], *sorted(k for k in found if k not in order)]
    return tuple(Tally(label, tuple(found[label])) for label in labels)


def province_glance(result: ScanResult) -> ProvinceGlance | None:
    """The province whose units `status` shows, when the district view no longer applies
    (no district at the date) and every unit shown has that province as its parent."""
    if result.district is not None or not result.units:
        return None
    parents = {u.place.parent for u in result.units}
    province = next((p for p in result.reference.provinces if parents == {p.id}), None)
    if province is None:
        return None
    by_title = _tally(result.units, lambda u: u.title or NO_TITLE, ())
    groups = sorted({f"nhóm {u.group}" for u in result.units if u.group})
    by_group = _tally(result.units, lambda u: f"nhóm {u.group}" if u.group else NO_GROUP_TEXT, groups)
    return ProvinceGlance(province, by_title, by_group)


def glance_lines(glance: ProvinceGlance) -> list[str]:
    def line(tallies: tuple[Tally, ...]) -> str:
        return "; ".join(f"{t.label}: {len(t.units)} ({', '.join(t.units)})" for t in tallies)

    return [
        f"{unit_heading(glance.province)}: {sum(len(t.units) for t in glance.by_title)} đơn vị cấp xã trong dữ liệu",
        f"Theo danh hiệu — {line(glance.by_title)}",
        f"Theo nhóm xã (bộ 2026-2030) — {line(glance.by_group)}",
    ]


def glance_json(glance: ProvinceGlance | None) -> dict[str, Any] | None:
    if glance is None:
        return None
    p = glance.province
    return {
        "id": p.id,
        "name": p.name,
        "code": p.code,
        "by_title": [{"title": t.label, "count": len(t.units), "units": list(t.units)} for t in glance.by_title],
        "by_group": [{"group": t.label, "count": len(t.units), "units": list(t.units)} for t in glance.by_group],
    }
