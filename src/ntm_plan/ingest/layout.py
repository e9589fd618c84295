"""The layout of a form, shared by the writer and the reader: sheets, columns, rows."""

from __future__ import annotations

from dataclasses import dataclass

TASKS_SHEET = "Nhiệm vụ"
INDICATORS_SHEET = "Chỉ tiêu"
GUIDE_SHEET = "Hướng dẫn"
CHECK_SHEET = "_kiemtra"
"""Very hidden: the form's quarter, reporter and a copy of every locked cell."""

FORM_MARK = "ntm-plan biểu nhập liệu"
FORM_VERSION = "1"
HEADER_ROW = 5
FIRST_ROW = 6
QUARTER_CELL = "D3"
REPORTER_CELL = "D2"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    fill: bool = False


TASK_COLUMNS = (
    Column("ref", "Mã tham chiếu", 4),
    Column("tt", "TT", 5),
    Column("place", "Địa bàn", 13),
    Column("text", "Nội dung nhiệm vụ", 44),
    Column("quantity", "Khối lượng", 10),
    Column("unit", "Đơn vị tính", 10),
    Column("due", "Thời hạn", 11),
    Column("role", "Vai trò", 9),
    Column("last_done", "Lũy kế đã báo cáo", 11),
    Column("last_date", "Ngày báo cáo gần nhất", 11),
    Column("done", "Lũy kế đến cuối quý (khối lượng)", 12, fill=True),
    Column("percent", "Hoặc: % hoàn thành", 10, fill=True),
    Column("correction", "Sửa số đã báo cáo (chọn 'Có')", 10, fill=True),
    Column("day", "Ngày số liệu (trống = cuối quý)", 12, fill=True),
    Column("spent", "Kinh phí đã chi lũy kế (triệu đồng)", 12, fill=True),
    Column("note", "Ghi chú", 28, fill=True),
)

INDICATOR_COLUMNS = (
    Column("ref", "Mã tham chiếu", 4),
    Column("code", "Mã", 7),
    Column("name", "Chỉ tiêu", 44),
    Column("how", "Đơn vị / cách ghi", 16),
    Column("last_value", "Số liệu gần nhất", 14),
    Column("last_date", "Ngày", 11),
    Column("last_source", "Nguồn", 26),
    Column("value", "Số liệu mới (giá trị hoặc số đạt)", 13, fill=True),
    Column("total", "Tổng số (mẫu số)", 10, fill=True),
    Column("day", "Ngày số liệu (trống = cuối quý)", 12, fill=True),
    Column("source", "Văn bản nguồn (số, ngày, cơ quan)", 30, fill=True),
    Column("note", "Ghi chú", 22, fill=True),
)


def column_letter(column: int) -> str:
    """`A` for the 1-based column 1 (a form has fewer than 27 columns)."""
    return chr(ord("A") + column - 1)


def letter(columns: tuple[Column, ...], key: str) -> str:
    return column_letter(1 + next(i for i, c in enumerate(columns) if c.key == key))


def cell_name(sheet: str, column: int, row: int) -> str:
    """`Nhiệm vụ!K6` from a 1-based column and row."""
    return f"{sheet}!{column_letter(column)}{row}"
