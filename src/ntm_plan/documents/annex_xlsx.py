"""The report's annexes as a workbook, the way offices forward them upward: Biểu 1 (criteria
per unit) and Biểu 2 (works by lead, with the amount done in the quarter).

Built from the same context as the Word report, so the two carry the same rows, order,
columns and unit names; each sheet has the annex's number, title and "Kèm theo Báo cáo số …"
line, Times New Roman, A4 landscape fitted to the width, and its header row repeated on
every printed page. openpyxl is imported here only, by `report --xlsx`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ntm_plan.documents.report_tables import TASK_CELLS, TASK_HEADS, UNIT_CELLS, UNIT_HEADS

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FONT = "Times New Roman"
HEADER_ROW = 5
"""Rows 1-3: 'Biểu N', the title, the 'Kèm theo' line; row 5: the column headers."""
CM_PER_WIDTH = 0.2
"""An Excel column width unit is about 0.2 cm in Times New Roman 11."""


def annex_workbook(context: Mapping[str, Any]) -> Workbook:
    """Biểu 1 and Biểu 2 of a report context (`documents.report.report_context`)."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    as_of = context["as_of_label_upper"]
    _sheet(
        first,
        "Biểu 1",
        f"KẾT QUẢ THỰC HIỆN TIÊU CHÍ CỦA CÁC ĐƠN VỊ ĐẾN {as_of}",
        context["annex_ref"],
        UNIT_HEADS,
        _rows(context["units_table"], UNIT_CELLS),
    )
    _sheet(
        wb.create_sheet(),
        "Biểu 2",
        f"TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ CHỦ TRÌ ĐẾN {as_of}",
        context["annex_ref"],
        TASK_HEADS,
        _rows(context["tasks_table"], TASK_CELLS),
    )
    return wb


def _rows(table: Sequence[Mapping[str, Any]], cells: Sequence[str]) -> list[tuple[bool, list[str]]]:
    return [(bool(row["group"]), [row["tt"], row["content"], *(row[c] for c in cells)]) for row in table]


def _sheet(
    ws: Worksheet,
    name: str,
    title: str,
    reference: str,
    heads: Sequence[tuple[str, float]],
    rows: list[tuple[bool, list[str]]],
) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.title = name
    last = len(heads)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lines = (
        (name, Font(name=FONT, size=13, bold=True)),
        (title, Font(name=FONT, size=13, bold=True)),
        (reference, Font(name=FONT, size=12, italic=True)),
    )
    for r, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(r, 1, text)
        cell.font, cell.alignment = font, centred
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        ws.row_dimensions[r].height = 20 if r < 3 else 32
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    widths = [width / CM_PER_WIDTH for _, width in heads]
    for col, (head, _) in enumerate(heads, start=1):
        cell = ws.cell(HEADER_ROW, col, head)
        cell.font, cell.border, cell.alignment = Font(name=FONT, size=11, bold=True), border, centred
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    tallest = max(_lines(head, w) for (head, _), w in zip(heads, widths, strict=True))
    ws.row_dimensions[HEADER_ROW].height = 16 * tallest + 4
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, (group, values) in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.font, cell.border = Font(name=FONT, size=11, bold=group), border
            cell.alignment = centred if col == 1 else wrap
        ws.row_dimensions[r].height = 15 * max(_lines(str(v), w) for v, w in zip(values, widths, strict=True)) + 3
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left, ws.page_margins.right = 0.8, 0.6  # inches: 20 mm and 15 mm
    ws.page_margins.top = ws.page_margins.bottom = 0.8


def _lines(text: str, width: float) -> int:
    per_line = max(4, int(width * 1.1) - 1)
    return max(1, sum(-(-max(1, len(part)) // per_line) for part in text.split("\n")))
