"""The report's two annex tables as a workbook, the way offices forward them upward:
Biểu 1 (criteria met per unit, end of the previous quarter and now) and Biểu 2 (works by
lead department: cumulative amount, amount this quarter, state). Built from the evaluator
and the task statuses, independently of the Word report's context. openpyxl is imported
here only, by `report --xlsx`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ntm_plan.documents.common import place_text
from ntm_plan.evaluate.results import Assessment
from ntm_plan.evaluate.tasks import DONE, TaskStatus, all_task_statuses, task_status
from ntm_plan.evaluate.units import assess_district
from ntm_plan.model import District
from ntm_plan.model.common import previous_quarter_end, quarter_end
from ntm_plan.model.criteria import TIER_LABEL
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.vnformat import number, quarter, roman

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

UNITS_HEADERS = (
    ("TT", 5),
    ("Đơn vị", 24),
    ("Mục tiêu năm", 30),
    ("Tiêu chí đạt cuối quý trước", 12),
    ("Tiêu chí đạt cuối quý", 12),
    ("Tăng (+) / giảm (−)", 10),
    ("Tiêu chí chưa đạt", 24),
    ("Tiêu chí chưa đánh giá (thiếu số liệu)", 24),
)
TASKS_HEADERS = (
    ("TT", 5),
    ("Nội dung nhiệm vụ", 48),
    ("Địa bàn", 18),
    ("Khối lượng", 12),
    ("Thời hạn", 12),
    ("Lũy kế đến cuối quý", 14),
    ("Thực hiện trong quý", 12),
    ("Tỷ lệ hoàn thành (%)", 11),
    ("Kinh phí đã chi (triệu đồng)", 12),
    ("Tình trạng", 16),
)


def _met(assessment: Assessment | None) -> str:
    if assessment is None:
        return "—"
    return f"{len(assessment.met)}/{len(assessment.applicable)}"


def _codes(results: list[Any]) -> str:
    return ", ".join(r.criterion.code for r in results) or "—"


def units_rows(data: Dataset, year: int, q: int) -> list[list[Any]]:
    now = assess_district(data, quarter_end(year, q), rules_year=year)
    before = assess_district(data, previous_quarter_end(year, q), rules_year=year)
    rows: list[list[Any]] = [["I", "Các xã, thị trấn", *[""] * 6]]
    pairs = [(u, now.units.get(u.id), before.units.get(u.id)) for u in data.district_units()]
    for i, (unit, a, b) in enumerate(pairs, start=1):
        rows.append(_unit_row(data, str(i), unit_heading(unit), unit, a, b))
    if data.district is not None:
        rows.append(["II", "Cấp huyện", *[""] * 6])
        rows.append(_unit_row(data, "1", unit_heading(data.district), data.district, now.district, before.district))
    return rows


def _unit_row(data: Dataset, tt: str, name: str, unit: Any, a: Assessment | None, b: Assessment | None) -> list[Any]:
    cset = data.sets.get(unit.target.set) if unit.target else None
    target = f"{TIER_LABEL[cset.tier]} năm {unit.target.year}" if cset and unit.target else "chưa xác định"
    change: Any = "—"
    if a is not None and b is not None:
        change = len(a.met) - len(b.met)
    return [
        tt,
        name,
        target,
        _met(b),
        _met(a),
        change,
        _codes(a.not_met) if a else "—",
        _codes(a.unknown) if a else "—",
    ]


def _lead(status: TaskStatus, data: Dataset) -> str:
    if status.lead == UNIT_LEAD:
        return "UBND các xã, thị trấn" if not isinstance(status.unit, District) else "UBND huyện"
    department = data.department(status.lead)
    return department.name if department else status.lead


def tasks_rows(data: Dataset, year: int, q: int) -> list[list[Any]]:
    end, start = quarter_end(year, q), previous_quarter_end(year, q)
    groups: dict[str, list[TaskStatus]] = {}
    for status in all_task_statuses(data, end):
        groups.setdefault(_lead(status, data), []).append(status)
    rows: list[list[Any]] = []
    for g, (name, members) in enumerate(sorted(groups.items()), start=1):
        rows.append([roman(g), name, *[""] * 8])
        for i, s in enumerate(members, start=1):
            rows.append(_task_row(i, s, task_status(s.task, start, unit=s.unit, department=s.owner_department), start))
    return rows


def _task_row(i: int, s: TaskStatus, before: TaskStatus, start: date) -> list[Any]:
    """A task's row; the amount this quarter is the cumulative amount now less at `start`."""
    task = s.task
    unit = f" {task.unit}" if task.unit else ""
    this_quarter: Any = ""
    if s.done is not None and s.latest is not None and s.latest.as_of > start:
        this_quarter = f"{number(s.done - (before.done or Decimal(0)))}{unit}"
    spent = s.latest.spent if s.latest is not None else None
    state = s.state + (", quá hạn" if s.overdue else "")
    return [
        str(i),
        task.text,
        place_text(s),
        f"{number(task.quantity)}{unit}" if task.quantity is not None else "",
        task.due.label if task.due else "",
        f"{number(s.done)}{unit}" if s.done is not None else ("hoàn thành" if s.state == DONE else ""),
        this_quarter,
        number(s.percent, max_places=1) if s.percent is not None else "",
        number(spent) if spent is not None else "",
        state,
    ]


def annex_workbook(data: Dataset, year: int, q: int) -> Workbook:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    period = quarter(year, q)
    _sheet(
        first,
        "Biểu 1",
        f"Biểu 1. KẾT QUẢ THỰC HIỆN TIÊU CHÍ NÔNG THÔN MỚI ĐẾN HẾT {period.upper()}",
        UNITS_HEADERS,
        units_rows(data, year, q),
    )
    _sheet(
        wb.create_sheet(),
        "Biểu 2",
        f"Biểu 2. TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ, CÔNG TRÌNH ĐẾN HẾT {period.upper()}",
        TASKS_HEADERS,
        tasks_rows(data, year, q),
    )
    return wb


def _sheet(ws: Worksheet, name: str, title: str, headers: tuple[tuple[str, int], ...], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.title = name
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, (header, width) in enumerate(headers, start=1):
        cell = ws.cell(3, col, header)
        cell.font, cell.border = Font(bold=True), border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[3].height = 15 * max(-(-len(h) // max(4, w - 1)) for h, w in headers) + 4
    for r, values in enumerate(rows, start=4):
        group = values[0] and not str(values[0]).isdigit()
        lines = 1
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.border, cell.alignment = border, wrap
            if group:
                cell.font = Font(bold=True)
            if isinstance(value, str):
                lines = max(lines, -(-len(value) // max(4, headers[col - 1][1] - 1)))
        ws.row_dimensions[r].height = 15 * lines + 2
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
