"""Shared look of the form sheets: heading, borders, fill colours, validation, A4 landscape,
Times New Roman as in the documents, and the signature block a form carries when it is sent
back ("Người lập biểu", "Thủ trưởng đơn vị")."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ntm_plan.ingest.forms import FormContent
from ntm_plan.ingest.layout import FIRST_ROW, HEADER_ROW, Column, letter
from ntm_plan.model.common import quarter_end
from ntm_plan.present.vnformat import quarter

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Rule = tuple[str, str, str | None, str | None, str]
"""(cell range, validation type, formula1, formula2, message)."""


FILL_COLOUR = "FFF2CC"


HEAD_COLOUR = "D9E1F2"


LOCKED_COLOUR = "F2F2F2"


FONT = "Times New Roman"
"""The documents' font (NĐ 30/2020), in every cell of the forms and workbooks too."""


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def heading(ws: Worksheet, columns: tuple[Column, ...], title: str, content: FormContent) -> None:
    from openpyxl.styles import Font

    last = letter(columns, columns[-1].key)
    end = quarter_end(content.year, content.quarter)
    ws["B1"] = title
    ws["B1"].font = Font(bold=True, size=12)
    ws.merge_cells(f"B1:{last}1")
    ws["B2"], ws["D2"] = "Đơn vị báo cáo:", content.reporter.title
    ws["B3"] = "Kỳ báo cáo:"
    ws["D3"] = quarter(content.year, content.quarter)
    ws["E3"] = f"Số liệu lũy kế đến ngày {end:%d/%m/%Y}"
    ws["B4"] = "Chỉ điền vào các ô nền vàng; các ô khác đã khóa. Xem trang 'Hướng dẫn'."
    for ref in ("D2", "D3"):
        ws[ref].font = Font(bold=True)
    ws["B4"].font = Font(italic=True)
    for col, column in enumerate(columns, start=1):
        cell = ws.cell(HEADER_ROW, col, column.header)
        ws.column_dimensions[cell.column_letter].width = column.width
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = f"B{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def page(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and heights may be changed, not content
    ws.protection.formatRows = False


DATE_KEYS = frozenset({"last_date", "day"})
"""Columns that hold dates, shown DD/MM/YYYY."""


def add_styles(wb: Workbook) -> None:
    """Named cell styles, set once per workbook: styling cell by cell costs 10x more."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    kinds = {
        "ntm-o": (None, True),
        "ntm-dien": (FILL_COLOUR, False),
        "ntm-khoa": (LOCKED_COLOUR, True),
    }
    for name, (colour, locked) in kinds.items():
        for suffix, number_format in (("", "General"), ("-ngay", "DD/MM/YYYY")):
            style = NamedStyle(
                name + suffix, border=border, alignment=wrap, number_format=number_format, font=Font(name=FONT)
            )
            style.protection = Protection(locked=locked)
            if colour is not None:
                style.fill = PatternFill("solid", fgColor=colour)
            wb.add_named_style(style)
    head = NamedStyle("ntm-tieu-de", border=border, font=Font(name=FONT, bold=True))
    head.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    head.fill = PatternFill("solid", fgColor=HEAD_COLOUR)
    wb.add_named_style(head)


def style_rows(ws: Worksheet, columns: tuple[Column, ...], rows: int, fillable: list[bool]) -> None:
    for col in range(1, len(columns) + 1):
        ws.cell(HEADER_ROW, col).style = "ntm-tieu-de"
    for r in range(rows):
        for col, column in enumerate(columns, start=1):
            kind = "ntm-dien" if column.fill and fillable[r] else ("ntm-khoa" if column.fill else "ntm-o")
            ws.cell(FIRST_ROW + r, col).style = kind + ("-ngay" if column.key in DATE_KEYS else "")
    fit_heights(ws, columns, HEADER_ROW, FIRST_ROW + rows)


def fit_heights(ws: Worksheet, columns: tuple[Column, ...], first: int, end: int) -> None:
    """Row heights for wrapped text: spreadsheet programs do not grow rows on opening."""
    for r in range(first, end):
        lines = 1
        for col, column in enumerate(columns[1:], start=2):
            value = ws.cell(r, col).value
            if isinstance(value, str):
                per_line = max(4, int(column.width * 1.1) - 1)
                lines = max(lines, sum(-(-max(1, len(part)) // per_line) for part in value.split("\n")))
        ws.row_dimensions[r].height = 15 * lines + 2


def validations(ws: Worksheet, rules: list[Rule]) -> None:
    """Excel data validation; cells with the same rule share one (a form has ~100 cells)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    grouped: dict[tuple[str, str | None, str | None, str], list[str]] = {}
    for cells, kind, low, high, message in rules:
        grouped.setdefault((kind, low, high, message), []).extend(cells.split())
    for (kind, low, high, message), ranges in grouped.items():
        operator = "between" if high is not None else ("greaterThanOrEqual" if kind != "list" else None)
        options: dict[str, Any] = {"type": kind, "operator": operator}
        dv = DataValidation(
            **options,
            formula1=low,
            formula2=high,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error=message,
            promptTitle="Nhập liệu",
            prompt=message,
            showInputMessage=True,
        )
        for cells_range in ranges:
            dv.add(cells_range)
        ws.add_data_validation(dv)


def signature_block(ws: Worksheet, columns: tuple[Column, ...], after: int) -> None:
    """Below the table: the date line and who signs the form before it is sent back."""
    from openpyxl.styles import Alignment, Font

    row = after + 2
    right = max(2, len(columns) - 2)
    centred = Alignment(horizontal="center", vertical="top")
    lines = (
        (row, right, "…………, ngày …… tháng …… năm ……", Font(name=FONT, italic=True)),
        (row + 1, 2, "NGƯỜI LẬP BIỂU", Font(name=FONT, bold=True)),
        (row + 1, right, "THỦ TRƯỞNG ĐƠN VỊ", Font(name=FONT, bold=True)),
        (row + 2, 2, "(Ký, ghi rõ họ tên)", Font(name=FONT, italic=True)),
        (row + 2, right, "(Ký tên, đóng dấu)", Font(name=FONT, italic=True)),
    )
    for r, col, text, font in lines:
        cell = ws.cell(r, col, text)
        cell.font, cell.alignment = font, centred
        ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + (2 if col == right else 1))


def times_new_roman(wb: Workbook) -> None:
    """Every cell in Times New Roman, its size, weight and slant kept (openpyxl's default is
    Calibri, which no document of the office uses)."""
    from openpyxl.styles import Font

    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.font.name != FONT:
                    font = cell.font
                    cell.font = Font(name=FONT, size=font.size, bold=font.bold, italic=font.italic)


def lock(cell: Any) -> None:
    cell.style = "ntm-khoa"
