"""The layout of a form as an office opens it (`ingest/layout.py`): the columns of each
sheet in order, their headings and widths, which are to be filled (yellow, unlocked), the
heading row printed on every page, and the cell names messages use."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, TASKS
from ntm_plan.ingest.layout import cell_name, column_letter

TASK_SHEET = [
    ("B", "TT", 5, False),
    ("C", "Địa bàn", 13, False),
    ("D", "Nội dung nhiệm vụ", 44, False),
    ("E", "Khối lượng", 10, False),
    ("F", "Đơn vị tính", 10, False),
    ("G", "Thời hạn", 11, False),
    ("H", "Vai trò", 9, False),
    ("I", "Lũy kế đã báo cáo", 11, False),
    ("J", "Ngày báo cáo gần nhất", 11, False),
    ("K", "Lũy kế đến cuối quý (khối lượng)", 12, True),
    ("L", "Hoặc: % hoàn thành", 10, True),
    ("M", "Sửa số đã báo cáo (chọn 'Có')", 10, True),
    ("N", "Ngày số liệu (trống = cuối quý)", 12, True),
    ("O", "Kinh phí đã chi lũy kế (triệu đồng)", 12, True),
    ("P", "Ghi chú", 28, True),
]

INDICATOR_SHEET = [
    ("B", "Mã", 7, False),
    ("C", "Chỉ tiêu", 44, False),
    ("D", "Đơn vị / cách ghi", 16, False),
    ("E", "Số liệu gần nhất", 14, False),
    ("F", "Ngày", 11, False),
    ("G", "Nguồn", 26, False),
    ("H", "Số liệu mới (giá trị hoặc số đạt)", 13, True),
    ("I", "Tổng số (mẫu số)", 10, True),
    ("J", "Ngày số liệu (trống = cuối quý)", 12, True),
    ("K", "Văn bản nguồn (số, ngày, cơ quan)", 30, True),
    ("L", "Ghi chú", 22, True),
]


@pytest.fixture(scope="module")
def workbook():  # type: ignore[no-untyped-def]
    from ntm_plan.ingest.forms import form_content, reporters
    from ntm_plan.ingest.workbook import build_workbook
    from ntm_plan.pipeline.load import load

    data = load(SYNTHETIC)[0]
    reporter = next(r for r in reporters(data) if r.key == "unit:hoa-an")
    return build_workbook(form_content(data, reporter, 2024, 4, date(2024, 12, 31)))


@pytest.mark.parametrize(("sheet", "columns"), [(TASKS, TASK_SHEET), (INDICATORS, INDICATOR_SHEET)])
def test_each_sheet_s_columns_headings_widths_and_cells_to_fill(workbook, sheet: str, columns: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    ws = workbook[sheet]
    shown = [
        (letter, ws[f"{letter}5"].value, ws.column_dimensions[letter].width, not ws[f"{letter}6"].protection.locked)
        for letter, *_ in columns
    ]
    # the total of an indicator is open only for a count and total: row 6 holds income, a number
    expected = [(c[0], c[1], c[2], c[3] and (sheet, c[0]) != (INDICATORS, "I")) for c in columns]
    assert shown == expected
    assert ws["A5"].value == "Mã tham chiếu" and ws.column_dimensions["A"].hidden
    assert ws.column_dimensions["A"].width == 4
    assert ws.print_title_rows == "$5:$5" and ws.freeze_panes == "B6"
    assert str(ws["A6"].value).startswith("unit:hoa-an")  # the first row of the table
    assert ws[f"{columns[-1][0]}5"].value == "Ghi chú" and ws[f"{chr(ord(columns[-1][0]) + 1)}5"].value is None


def test_the_reporter_and_quarter_cells(workbook) -> None:  # type: ignore[no-untyped-def]
    ws = workbook[TASKS]
    assert (ws["B2"].value, ws["D2"].value) == ("Đơn vị báo cáo:", "UBND xã Hòa An")
    assert (ws["B3"].value, ws["D3"].value) == ("Kỳ báo cáo:", "Quý IV/2024")


def test_cell_names_as_messages_show_them() -> None:
    assert [column_letter(n) for n in (1, 11, 26)] == ["A", "K", "Z"]
    assert cell_name(TASKS, 11, 6) == "Nhiệm vụ!K6"
