"""A unit over time on its page: the days it exists, its parent, the units it was formed
from and the unit it was merged into, each a link to that unit's own page (its history).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import display_name, unit_heading
from ntm_plan.present.explain import source_text
from ntm_plan.present.unit_view import history_lines
from ntm_plan.present.vnformat import short_date
from ntm_plan.site import links
from ntm_plan.site.pages import link

MERGE_WORDS = {"whole": "nhập toàn bộ", "partial": "nhập một phần"}


def period_text(unit: Unit) -> str | None:
    """'từ 01/07/2025', 'đến 30/06/2025', '01/01/2020 – 30/06/2025', or None for a unit
    whose data give no dates."""
    start, end = unit.valid_from, unit.valid_to
    if start and end:
        return f"{short_date(start)} – {short_date(end)}"
    if start:
        return f"từ {short_date(start)}"
    if end:
        return f"đến {short_date(end)}"
    return None


def dated_heading(unit: Unit) -> str:
    """'Xã Đức Đồng (đến 30/06/2025)': tells apart an old and a new unit of one name."""
    period = period_text(unit)
    return unit_heading(unit) + (f" ({period})" if period else "")


def successors_of(units: Iterable[Unit]) -> dict[str, list[Unit]]:
    """For each unit id, the units formed (wholly or partly) from it."""
    found: dict[str, list[Unit]] = {}
    for unit in units:
        for predecessor in unit.predecessors:
            if predecessor.unit is not None:
                found.setdefault(predecessor.unit, []).append(unit)
    return found


def lineage(unit: Unit, data: Dataset, successors: Mapping[str, Sequence[Unit]], as_of: date) -> dict[str, Any]:
    known = {u.id: u for u in data.all_units()}
    parent = known.get(unit.parent) if unit.parent else None
    predecessors = []
    for p in unit.predecessors:
        old = known.get(p.unit) if p.unit else None
        label = dated_heading(old) if old else p.label
        what = MERGE_WORDS.get(p.merge, p.merge) + (f" ({p.share:.0%})" if p.share is not None else "")
        predecessors.append(
            {
                "link": link(label, links.unit_url(old.id) if old else None),
                "merge": what,
                "code": p.code,
                "source": source_text(p.source),
            }
        )
    return {
        "period": period_text(unit),
        "not_yet": unit.valid_from is not None and as_of < unit.valid_from,
        "ended": unit.valid_to is not None and unit.valid_to < as_of,
        "parent": link(display_name(parent), links.unit_url(parent.id)) if parent else None,
        "parent_id": unit.parent if parent is None else None,
        "predecessors": predecessors,
        "successors": [
            {"link": link(dated_heading(new), links.unit_url(new.id)), "since": period_text(new)}
            for new in successors.get(unit.id, ())
        ],
        "history": history_lines(data, unit),
        "admin_source": source_text(unit.admin_source) if unit.admin_source else None,
    }
