"""Read a filled form back: its quarter and reporter, the filled rows, and every locked
cell that no longer holds what the form was given (compared with the hidden copy)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_plan.diagnostics import Diagnostic, error, os_error_text
from ntm_plan.ingest.cells import canonical, is_blank
from ntm_plan.ingest.layout import (
    CHECK_SHEET,
    FIRST_ROW,
    FORM_MARK,
    INDICATOR_COLUMNS,
    INDICATORS_SHEET,
    QUARTER_CELL,
    REPORTER_CELL,
    TASK_COLUMNS,
    TASKS_SHEET,
    Column,
    cell_name,
)
from ntm_plan.ingest.workbook import digest
from ntm_plan.ingest.xlsx_values import Sheet, XlsxError, XlsxLimit, column_index, read_workbook

REGENERATE = "Tạo lại biểu bằng 'ntm-plan form' và chỉ điền vào các ô nền vàng."


def at(file: str, sheet: str, column: int, row: int) -> dict[str, Any]:
    """Where-arguments of a diagnostic about one cell."""
    return {"file": file, "line": row, "col": column, "cell": cell_name(sheet, column, row)}


@dataclass
class FilledRow:
    sheet: str
    row: int
    ref: str
    cells: dict[str, Any]
    """Fill-column key → the raw value read."""

    def where(self, file: str, key: str) -> dict[str, Any]:
        columns = TASK_COLUMNS if self.sheet == TASKS_SHEET else INDICATOR_COLUMNS
        column = 1 + next(i for i, c in enumerate(columns) if c.key == key)
        return at(file, self.sheet, column, self.row)

    def blank(self) -> bool:
        return all(is_blank(v) for v in self.cells.values())


@dataclass
class FilledForm:
    file: str
    year: int
    quarter: int
    reporter: str
    reporter_title: str
    tasks: list[FilledRow] = field(default_factory=list)
    indicators: list[FilledRow] = field(default_factory=list)

    def quarter_where(self) -> dict[str, Any]:
        return at(self.file, TASKS_SHEET, column_index(QUARTER_CELL[0]), int(QUARTER_CELL[1:]))

    def reporter_where(self) -> dict[str, Any]:
        return at(self.file, TASKS_SHEET, column_index(REPORTER_CELL[0]), int(REPORTER_CELL[1:]))


def read_form(path: Path, shown: str) -> tuple[FilledForm | None, list[Diagnostic]]:
    try:
        book = read_workbook(path)
    except OSError as exc:
        return None, [error("NTM050", f"không đọc được tệp: {os_error_text(exc)}", file=shown)]
    except XlsxLimit as exc:
        hint = "Một biểu chỉ có bốn trang do ntm-plan tạo; dùng đúng tệp biểu đã gửi."
        return None, [error("NTM057", f"tệp vượt giới hạn của một biểu: {exc}", file=shown, hint=hint)]
    except XlsxError:
        hint = "Lưu biểu dạng .xlsx (Excel Workbook) rồi gửi lại."
        return None, [error("NTM050", "tệp không phải bảng tính .xlsx đọc được", file=shown, hint=hint)]
    check = book.get(CHECK_SHEET)
    if check is None or TASKS_SHEET not in book or INDICATORS_SHEET not in book or check.value("A1") != FORM_MARK:
        message = "tệp không phải biểu nhập liệu do ntm-plan tạo (thiếu trang hoặc phần kiểm tra)"
        return None, [error("NTM050", message, file=shown, hint=REGENERATE)]
    meta, locked = _check_rows(check)
    snapshot = _snapshot(locked)
    match = re.fullmatch(r"([0-9]{4})-Q([1-4])", meta.get("quarter", ""))
    if match is None or "reporter" not in meta or snapshot is None:
        return None, [error("NTM050", "phần kiểm tra ẩn của biểu bị hỏng", file=shown, hint=REGENERATE)]
    title = canonical(book[TASKS_SHEET].value(REPORTER_CELL))
    form = FilledForm(shown, int(match[1]), int(match[2]), meta["reporter"], title)
    diags: list[Diagnostic] = []
    if digest(locked) != meta.get("digest"):
        diags.append(error("NTM053", "phần kiểm tra ẩn của biểu đã bị sửa", file=shown, hint=REGENERATE))
    for sheet_name, columns, rows in (
        (TASKS_SHEET, TASK_COLUMNS, form.tasks),
        (INDICATORS_SHEET, INDICATOR_COLUMNS, form.indicators),
    ):
        sheet = book[sheet_name]
        diags += _unreadable_cells(sheet, shown)
        kept = {ref: text for name, ref, text in snapshot if name == sheet_name}
        diags += _changed_cells(sheet, shown, kept)
        rows += _filled_rows(sheet, columns)
    return form, diags


def _unreadable_cells(sheet: Sheet, file: str) -> list[Diagnostic]:
    hint = "Gõ lại giá trị của ô (số, hoặc ngày dạng 30/09/2024) rồi lưu biểu bằng Excel."
    return [
        error("NTM056", f"ô không đọc được: {why}", hint=hint, **at(file, sheet.name, column, row))
        for (row, column), why in sorted(sheet.problems.items())
    ]


def _check_rows(sheet: Sheet) -> tuple[dict[str, str], str]:
    meta: dict[str, str] = {}
    chunks: list[str] = []
    for r in range(2, sheet.max_row + 1):
        key, value = (canonical(v) for v in sheet.row(r, 2))
        if key == "locked":
            chunks.append(value)
        elif key:
            meta[key] = value
    return meta, "".join(chunks)


def _snapshot(text: str) -> list[tuple[str, str, str]] | None:
    try:
        rows = json.loads(text)
    except ValueError:
        return None
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 3 for r in rows):
        return None
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def _changed_cells(sheet: Sheet, file: str, kept: dict[str, str]) -> list[Diagnostic]:
    found = []
    for ref, text in kept.items():
        now = canonical(sheet.value(ref))
        if now != text:
            letters = ref.rstrip("0123456789")
            found.append(
                error(
                    "NTM053",
                    f"ô đã khóa bị sửa: '{_short(text)}' thành '{_short(now)}'",
                    hint=REGENERATE,
                    **at(file, sheet.name, column_index(letters), int(ref[len(letters) :])),
                )
            )
    for row in range(FIRST_ROW, sheet.max_row + 1):
        ref = f"A{row}"
        if ref not in kept and not is_blank(sheet.value(ref)):
            found.append(error("NTM053", "dòng được thêm ngoài biểu", hint=REGENERATE, **at(file, sheet.name, 1, row)))
    return found


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _filled_rows(sheet: Sheet, columns: tuple[Column, ...]) -> list[FilledRow]:
    keys = [(i, c.key) for i, c in enumerate(columns) if c.fill]
    rows = []
    for r in range(FIRST_ROW, sheet.max_row + 1):
        values = sheet.row(r, len(columns))
        if is_blank(values[0]):
            continue
        rows.append(FilledRow(sheet.name, r, canonical(values[0]), {key: values[i] for i, key in keys}))
    return rows
