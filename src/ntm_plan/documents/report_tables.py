"""Stage 5: the annexes of the quarterly report. Biểu 1: per unit, criteria by state now and
the change since the previous quarter, and which criteria are not met; Biểu 2: every task of
the year grouped by lead, with place, quantity, deadline, progress and state."""

from __future__ import annotations

from decimal import Decimal

from ntm_plan.documents.common import Context, place_text, target_label
from ntm_plan.documents.report_parts import _by_lead
from ntm_plan.documents.wording import clean_name
from ntm_plan.evaluate.results import NOT_MET, Assessment
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.evaluate.units import DistrictView
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.phrases import progress_text, quantity_text
from ntm_plan.present.vnformat import document_date, number, roman

UNIT_CELLS = ("target", "met", "not_met", "unknown", "change", "unmet")
TASK_CELLS = ("place", "quantity", "due", "progress", "quarter", "state")

UNIT_HEADS = (
    ("TT", 1.7),
    ("Đơn vị", 3.3),
    ("Mục tiêu", 5.0),
    ("Tiêu chí đạt", 1.8),
    ("Tiêu chí chưa đạt", 1.8),
    ("Tiêu chí chưa đánh giá", 2.1),
    ("Tăng (+)/ giảm (-) so với quý trước", 2.5),
    ("Tên tiêu chí chưa đạt", 7.0),
)
TASK_HEADS = (
    ("TT", 1.7),
    ("Nhiệm vụ", 7.0),
    ("Địa bàn", 3.2),
    ("Khối lượng", 2.6),
    ("Thời hạn", 2.4),
    ("Lũy kế đến cuối quý", 3.6),
    ("Thực hiện trong quý", 2.4),
    ("Tình trạng", 2.3),
)
"""The annexes' columns (header, width in cm), the same in the Word report and the workbook."""


def units_table(data: Dataset, now: DistrictView, old: DistrictView) -> list[Context]:
    rows: list[Context] = [_group("I", "Các xã, thị trấn", UNIT_CELLS)]
    for i, unit in enumerate(data.district_units(), start=1):
        key = unit.id
        rows.append(_unit_row(str(i), unit, data, now.units.get(key), old.units.get(key)))
    if data.district is not None:
        rows.append(_group("II", "Cấp huyện", UNIT_CELLS))
        rows.append(_unit_row("1", data.district, data, now.district, old.district))
    return rows


def _group(tt: str, name: str, cells: tuple[str, ...]) -> Context:
    return {"group": True, "tt": tt, "content": name, **dict.fromkeys(cells, "")}


def _change(a: Assessment | None, b: Assessment | None) -> str:
    """Change in criteria met; '—' when either quarter has criteria not assessed (no false zero)."""
    if a is None or b is None or a.counts.unknown or b.counts.unknown:
        return "—"
    diff = a.counts.met - b.counts.met
    return f"+{diff}" if diff > 0 else str(diff)


def _unit_row(tt: str, unit: Unit, data: Dataset, a: Assessment | None, b: Assessment | None) -> Context:
    row: Context = {"group": False, "tt": tt, "content": unit_heading(unit), "target": target_label(unit, data)}
    if a is None:
        row.update({k: "—" for k in UNIT_CELLS[1:]})
        return row
    row.update(
        met=str(a.counts.met),
        not_met=str(a.counts.not_met),
        unknown=str(a.counts.unknown),
        change=_change(a, b),
        unmet="; ".join(clean_name(c.criterion.name) for c in a.criteria if c.status == NOT_MET) or "—",
    )
    return row


def _state(status: TaskStatus) -> str:
    return status.state + (", quá hạn" if status.overdue else "")


def _this_quarter(now: TaskStatus, old: TaskStatus) -> str:
    """The amount done in the quarter ('80 m'); '' when nothing was reported in it."""
    if now.done is None or now.latest is None or (old.latest is not None and now.latest.as_of <= old.latest.as_of):
        return ""
    gained = now.done - (old.done or Decimal(0))
    return f"{number(gained)} {now.task.unit}".rstrip() if now.task.unit else number(gained)


def tasks_table(data: Dataset, pairs: list[tuple[TaskStatus, TaskStatus]]) -> list[Context]:
    """Biểu 2: every task of the year by lead, with the amount done in the quarter."""
    before = {id(now.task): old for now, old in pairs}
    rows: list[Context] = []
    for g, (name, members) in enumerate(_by_lead(data, [now for now, _ in pairs]), start=1):
        rows.append(_group(roman(g), name, TASK_CELLS))
        for i, s in enumerate(members, start=1):
            rows.append(
                {
                    "group": False,
                    "tt": str(i),
                    "content": s.task.text,
                    "place": place_text(s),
                    "quantity": quantity_text(s.task) if s.task.quantity is not None else "",
                    "due": s.task.due.label if s.task.due else "",
                    "progress": progress_text(s, document_date),
                    "quarter": _this_quarter(s, before[id(s.task)]),
                    "state": _state(s),
                }
            )
    return rows
