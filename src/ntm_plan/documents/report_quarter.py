"""Stage 5 for the report: what happened in the quarter. Pure functions.

Who reported in the quarter (a progress entry or a figure dated inside it) and who did not,
so that `report` can refuse a quarter nobody reported on; what changed in the quarter in
numbers (works finished, quantities done, criteria newly met, criteria no longer met); and
the causes the units themselves gave for late works (the notes of their progress entries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ntm_plan.documents.common import in_plan_year
from ntm_plan.documents.wording import clean_name
from ntm_plan.evaluate.results import MET, Assessment
from ntm_plan.evaluate.tasks import DONE, TaskStatus
from ntm_plan.model import District, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import display_name
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.vnformat import number


@dataclass(frozen=True)
class Reporting:
    """Who was due to report on the quarter and who did (names as a document prints them)."""

    reported: tuple[str, ...]
    silent: tuple[str, ...]


def reporting(data: Dataset, statuses: Sequence[TaskStatus], start: date, end: date) -> Reporting:
    """A unit or department reported when one of its works has a progress entry, or (a unit)
    one of its figures, dated after `start` and up to `end`. Due to report: every unit, and
    every department that leads a work of the year."""
    reported: set[str] = set()
    due: dict[str, str] = {}
    for unit in data.units:
        due[unit.id] = display_name(unit)
        if any(start < o.as_of <= end for o in unit.observations):
            reported.add(unit.id)
    leads = {status.lead for status in statuses}
    for dept in data.departments:
        if dept.id in leads:
            due[f"dept:{dept.id}"] = dept.short
    for status in statuses:
        key = _reporter(status)
        if key is not None and any(start < p.as_of <= end for p in status.task.progress):
            reported.add(key)
    silent = tuple(name for key, name in due.items() if key not in reported)
    return Reporting(tuple(name for key, name in due.items() if key in reported), silent)


def _reporter(status: TaskStatus) -> str | None:
    """Who reports a work's progress: the commune for its own works, else the lead department."""
    if status.lead == UNIT_LEAD:
        unit = status.unit
        return None if unit is None or isinstance(unit, District) else unit.id
    return f"dept:{status.lead}"


def period_statuses(
    data: Dataset, now: Sequence[TaskStatus], old: Sequence[TaskStatus], year: int
) -> list[tuple[TaskStatus, TaskStatus]]:
    return [(a, b) for a, b in zip(now, old, strict=True) if in_plan_year(a, year)]


def _place(unit: Unit | None) -> str:
    return "cấp huyện" if unit is None or isinstance(unit, District) else display_name(unit)


def _gained(now: TaskStatus, old: TaskStatus) -> str:
    """The amount done in the quarter ('100 m'), '' without a quantity or an increase."""
    if now.done is None or not now.task.unit:
        return ""
    gained = now.done - (old.done or Decimal(0))
    return f"{number(gained)} {now.task.unit}" if gained > 0 else ""


def finished_works(pairs: Sequence[tuple[TaskStatus, TaskStatus]]) -> list[str]:
    """'Hoàn thành 3 công trình, phần việc: A (xã X, 43 nhà tiêu); B (xã Y)' — works finished
    in the quarter, with the amount done in it."""
    done = [(now, old) for now, old in pairs if now.state == DONE and old.state != DONE]
    if not done:
        return []
    works = "; ".join(
        f"{now.task.text.rstrip('. ')} ({', '.join(p for p in (_place(now.unit), _gained(now, old)) if p)})"
        for now, old in done
    )
    return [f"Hoàn thành {number(len(done))} công trình, phần việc: {works}."]


def quantities(pairs: Sequence[tuple[TaskStatus, TaskStatus]]) -> list[str]:
    """The amounts done in the quarter on works not yet finished: 'Khối lượng thực hiện trong
    quý: A (xã X) 100 m; …' (finished works carry theirs in the line above)."""
    works = [
        f"{now.task.text.rstrip('. ')} ({_place(now.unit)}) {_gained(now, old)}"
        for now, old in pairs
        if now.state != DONE and _gained(now, old)
    ]
    return [f"Khối lượng thực hiện trong quý: {'; '.join(works)}."] if works else []


def criteria_moves(
    data: Dataset, now: Mapping[str, Assessment | None], old: Mapping[str, Assessment | None]
) -> tuple[list[str], list[str]]:
    """(criteria newly met in the quarter, criteria no longer met), one entry per unit."""
    gained_lines: list[str] = []
    lost_lines: list[str] = []
    for unit in data.units:
        a, b = now.get(unit.id), old.get(unit.id)
        if a is None or b is None:
            continue
        was_met = {c.criterion.code for c in b.criteria if c.status == MET}
        gained = [
            clean_name(c.criterion.name) for c in a.criteria if c.status == MET and c.criterion.code not in was_met
        ]
        lost = [clean_name(c.criterion.name) for c in a.criteria if c.status != MET and c.criterion.code in was_met]
        if gained:
            gained_lines.append(f"{display_name(unit)} đạt thêm {len(gained)} tiêu chí ({'; '.join(gained)})")
        if lost:
            lost_lines.append(f"{display_name(unit)} không còn đạt {len(lost)} tiêu chí ({'; '.join(lost)})")
    return gained_lines, lost_lines


def causes(pairs: Sequence[tuple[TaskStatus, TaskStatus]], start: date) -> list[str]:
    """The reasons units gave in the quarter for works not finished (their progress notes)."""
    lines = []
    for now, _ in pairs:
        latest = now.latest
        if now.state == DONE or latest is None or latest.as_of <= start or not latest.note:
            continue
        lines.append(f"{now.task.text.rstrip('. ')} ({_place(now.unit)}): {latest.note.rstrip('. ')}.")
    return lines
