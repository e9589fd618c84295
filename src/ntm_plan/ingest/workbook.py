"""Write a reporting unit's form as .xlsx (openpyxl): tasks, indicators, instructions.

Cells to fill are yellow, unlocked and validated; every other cell is locked and the
sheets protected. A very hidden sheet keeps the quarter, the reporter and a copy of each
locked cell with a digest, so that the reader can point at a locked cell that was changed.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from ntm_plan.ingest.cells import YES, canonical
from ntm_plan.ingest.forms import LEAD, FormContent, TaskRow
from ntm_plan.ingest.indicator_sheet import guide_sheet, indicators_sheet
from ntm_plan.ingest.layout import (
    CHECK_SHEET,
    FIRST_ROW,
    FORM_MARK,
    FORM_VERSION,
    GUIDE_SHEET,
    INDICATORS_SHEET,
    TASK_COLUMNS,
    TASKS_SHEET,
    letter,
)
from ntm_plan.ingest.styling import (
    Rule,
    add_styles,
    heading,
    number,
    page,
    signature_block,
    style_rows,
    times_new_roman,
    validations,
)
from ntm_plan.model.common import quarter_end, quarter_start
from ntm_plan.outputs import reproducible_zip
from ntm_plan.present.phrases import quantity_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def build_workbook(content: FormContent) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    tasks = wb.active
    assert tasks is not None
    tasks.title = TASKS_SHEET
    add_styles(wb)
    _tasks_sheet(tasks, content)
    indicators_sheet(wb.create_sheet(INDICATORS_SHEET), content)
    guide_sheet(wb.create_sheet(GUIDE_SHEET), content)
    times_new_roman(wb)
    _check_sheet(wb, content)
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP's CSV-injection list)."""


def text_as_text(wb: Workbook) -> None:
    """Every text cell stays text: openpyxl writes a string beginning with '=' as a live
    formula (`=HYPERLINK("http://x","bấm vào đây")` in a task's text would be a link in the
    office's form), and Excel re-reads any of FORMULA_STARTS as one when the cell is edited.
    Such cells are written as strings with the quote prefix Excel gives a typed `'=…`.
    The tool writes no formula of its own in a cell (validation rules are not cells)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook's bytes, every text cell text (see `text_as_text`), dated reproducibly."""
    text_as_text(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return reproducible_zip(buffer.getvalue(), undated_properties=True)


def _task_values(n: int, row: TaskRow) -> list[Any]:
    task, last = row.task, row.last
    last_done: Any = None
    if last is not None:
        last_done = (
            number(last.done)
            if last.done is not None
            else (f"{canonical(last.percent)}%" if last.percent is not None else "hoàn thành")
        )
    return [
        row.ref,
        n,
        row.place,
        task.text,
        number(task.quantity),
        task.unit,
        task.due.label if task.due else None,
        row.role,
        last_done,
        last.as_of if last else None,
    ]


def _tasks_sheet(ws: Worksheet, content: FormContent) -> None:
    heading(ws, TASK_COLUMNS, "BIỂU BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ XÂY DỰNG NÔNG THÔN MỚI", content)
    rules: list[Rule] = []
    start = quarter_start(content.year, content.quarter)
    end = quarter_end(content.year, content.quarter)
    for n, row in enumerate(content.tasks, start=1):
        r = FIRST_ROW + n - 1
        for col, value in enumerate(_task_values(n, row), start=1):
            ws.cell(r, col, value)
        if row.role != LEAD:
            continue
        quantity = number(row.task.quantity)
        done_cell = f"{letter(TASK_COLUMNS, 'done')}{r}"
        if quantity is not None:
            rules.append((done_cell, "decimal", "0", str(quantity), f"Số lũy kế từ 0 đến {quantity_text(row.task)}."))
        else:
            rules.append((done_cell, "decimal", "0", None, "Số lũy kế, không âm."))
    _column_rules(rules, content, start, end)
    style_rows(ws, TASK_COLUMNS, len(content.tasks), [row.role == LEAD for row in content.tasks])
    validations(ws, rules)
    signature_block(ws, TASK_COLUMNS, FIRST_ROW + len(content.tasks))
    page(ws)


def _column_rules(rules: list[Rule], content: FormContent, start: date, end: date) -> None:
    rows = [FIRST_ROW + i for i, row in enumerate(content.tasks) if row.role == LEAD]
    if not rows:
        return

    def span(key: str) -> str:
        col = letter(TASK_COLUMNS, key)
        return " ".join(f"{col}{r}" for r in rows)

    rules += [
        (span("percent"), "decimal", "0", "100", "Phần trăm hoàn thành, từ 0 đến 100."),
        (span("correction"), "list", f'"{YES}"', None, f"Chọn '{YES}' nếu sửa lại số đã báo cáo kỳ trước."),
        (
            span("day"),
            "date",
            f"DATE({start.year},{start.month},{start.day})",
            f"DATE({end.year},{end.month},{end.day})",
            f"Ngày trong quý, từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.",
        ),
        (span("spent"), "decimal", "0", None, "Triệu đồng, không âm."),
        (span("note"), "textLength", "0", "500", "Tối đa 500 ký tự."),
    ]


def locked_cells(ws: Worksheet) -> list[tuple[str, str]]:
    """(cell, canonical text) of every locked cell that holds something."""
    found = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and cell.protection.locked:
                found.append((cell.coordinate, canonical(cell.value)))
    return found


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


CHUNK = 30000
"""A cell holds at most 32,767 characters."""


def _check_sheet(wb: Workbook, content: FormContent) -> None:
    rows = [(name, ref, text) for name in (TASKS_SHEET, INDICATORS_SHEET) for ref, text in locked_cells(wb[name])]
    ws = wb.create_sheet(CHECK_SHEET)
    ws.append([FORM_MARK, FORM_VERSION])
    ws.append(["quarter", f"{content.year}-Q{content.quarter}"])
    ws.append(["reporter", content.reporter.key])
    # one JSON text in a few cells: a row per locked cell would double the cells to read
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    ws.append(["digest", digest(text)])
    for start in range(0, len(text), CHUNK):
        ws.append(["locked", text[start : start + CHUNK]])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
