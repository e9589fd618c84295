"""The indicators sheet and the instructions sheet of a form, as an office opens them:
what each indicator kind says it wants, the last figure shown, the data validation of
every fillable cell, which cells are locked, and the printable instructions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from ingest_helpers import INDICATORS
from ntm_plan.ingest.forms import FormContent, IndicatorRow, Reporter
from ntm_plan.ingest.indicator_sheet import GUIDE, guide_sheet, indicators_sheet
from ntm_plan.ingest.styling import add_styles
from ntm_plan.model import Indicator, Observation
from ntm_plan.model.criteria import Condition

REPORTER = Reporter("unit:hoa-an", "hoa-an", "UBND xã Hòa An")
SOURCE = {"document": "giả lập"}


def _indicator(code: str, kind: str, **fields: object) -> Indicator:
    return Indicator.model_validate({"code": code, "name": f"Chỉ tiêu {code}", "kind": kind, **fields})


def _observation(code: str, **fields: object) -> Observation:
    return Observation.model_validate({"indicator": code, "as_of": date(2024, 6, 30), "source": SOURCE, **fields})


def _sheet(*rows: IndicatorRow, quarter: int = 3):  # type: ignore[no-untyped-def]
    wb = Workbook()
    add_styles(wb)
    ws = wb.active
    indicators_sheet(ws, FormContent(REPORTER, 2024, quarter, [], list(rows)))
    return ws


def _rules(ws) -> dict[str, tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2, dv.prompt)
        for dv in ws.data_validations.dataValidation
    }


def test_each_kind_says_how_to_write_it_and_shows_its_last_figure() -> None:
    rows = [
        IndicatorRow("unit:x#1", _indicator("1", "number"), None),
        IndicatorRow("unit:x#2", _indicator("2", "number", unit="km"), _observation("2", value=Decimal("12.5"))),
        IndicatorRow("unit:x#3", _indicator("3", "percent"), _observation("3", count=3, total=4)),
        IndicatorRow("unit:x#4", _indicator("4", "parts"), _observation("4", short_by=2)),
        IndicatorRow("unit:x#5", _indicator("5", "boolean"), _observation("5", met=False)),
        IndicatorRow("unit:x#6", _indicator("6", "level", levels=["thấp", "cao"]), _observation("6", level="cao")),
        IndicatorRow("unit:x#7", _indicator("7", "parts", count_unit="hộ"), _observation("7", applicable=False)),
        IndicatorRow("unit:x#8", _indicator("8", "percent", unit="%"), _observation("8", count=5)),
        IndicatorRow(
            "unit:x#9", _indicator("9", "percent"), _observation("9", count=5, stated_percent=Decimal("62.5"))
        ),
    ]
    ws = _sheet(*rows)
    shown = [tuple(ws.cell(6 + n, col).value for col in (1, 2, 4, 5)) for n in range(len(rows))]
    assert shown == [
        ("unit:x#1", "1", "số", "chưa có số liệu"),
        ("unit:x#2", "2", "km", 12.5),
        ("unit:x#3", "3", "%", "3/4"),
        ("unit:x#4", "4", "số đạt / tổng số (đơn vị)", "còn thiếu 2"),
        ("unit:x#5", "5", "Đạt / Chưa đạt", "Chưa đạt"),
        ("unit:x#6", "6", "chọn mức", "cao"),
        ("unit:x#7", "7", "số đạt / tổng số (hộ)", "không áp dụng"),
        ("unit:x#8", "8", "%", 5),  # a count without its total is the count, not "không áp dụng"
        ("unit:x#9", "9", "%", "5 (62,5%)"),
    ]
    assert ws.cell(7, 6).value == date(2024, 6, 30) and ws.cell(6, 6).value is None


def test_a_condition_has_no_code_and_a_source_shows_its_section() -> None:
    condition = Condition.model_validate({"id": "hai-long", "name": "Người dân hài lòng", "kind": "percent"})
    last = Observation.model_validate(
        {"indicator": "hai-long", "value": 90, "as_of": date(2024, 6, 30), "source": {**SOURCE, "section": "mục 2"}}
    )
    ws = _sheet(IndicatorRow("district#hai-long", condition, last))
    assert [ws.cell(6, col).value for col in (1, 2, 3, 7)] == [
        "district#hai-long",
        "",
        "Người dân hài lòng",
        "giả lập, mục 2",
    ]


def test_every_fillable_cell_gets_the_rule_of_its_kind() -> None:
    ws = _sheet(
        IndicatorRow("unit:x#1", _indicator("1", "number"), None),
        IndicatorRow("unit:x#2", _indicator("2", "percent"), None),
        IndicatorRow("unit:x#3", _indicator("3", "parts", count_unit="hộ"), None),
        IndicatorRow("unit:x#4", _indicator("4", "boolean"), None),
        IndicatorRow("unit:x#5", _indicator("5", "level", levels=["mức 1", "mức 2"]), None),
        IndicatorRow("unit:x#6", _indicator("6", "parts"), None),
        IndicatorRow("unit:x#7", _indicator("7", "number", unit="km"), None),
    )
    assert _rules(ws) == {
        "H6": ("decimal", "greaterThanOrEqual", "0", None, "Số không âm (số)."),
        "H7": ("decimal", "between", "0", "100", "Tỷ lệ phần trăm, từ 0 đến 100."),
        "H8": ("whole", "greaterThanOrEqual", "0", None, "Số hộ đạt, số nguyên không âm."),
        "I8": ("whole", "greaterThanOrEqual", "1", None, "Tổng số hộ, số nguyên dương."),
        "H9": ("list", None, '"Đạt,Chưa đạt"', None, "Chọn Đạt hoặc Chưa đạt."),
        "H10": ("list", None, '"mức 1,mức 2"', None, "Chọn một mức trong danh sách."),
        "H11": ("whole", "greaterThanOrEqual", "0", None, "Số đơn vị đạt, số nguyên không âm."),
        "I11": ("whole", "greaterThanOrEqual", "1", None, "Tổng số đơn vị, số nguyên dương."),
        "H12": ("decimal", "greaterThanOrEqual", "0", None, "Số không âm (km)."),
        "J6:J12": (
            "date",
            "between",
            "DATE(2024,7,1)",
            "DATE(2024,9,30)",
            "Ngày trong quý, từ 01/07/2024 đến 30/09/2024.",
        ),
    }
    # below the seven rows, after a blank one: the date line, then who signs
    assert [ws.cell(r, 10).value for r in (14, 15)] == [None, "…………, ngày …… tháng …… năm ……"]
    assert ws.cell(16, 2).value == "NGƯỜI LẬP BIỂU"
    # every new-figure cell is open, the total only where the kind has one
    assert [ws.cell(r, 8).protection.locked for r in range(6, 13)] == [False] * 7
    assert [ws.cell(r, 9).protection.locked for r in range(6, 13)] == [True, True, False, True, True, False, True]


@pytest.mark.parametrize(
    ("levels", "listed"),
    [
        (["a" * 124, "b" * 125], True),  # 250 characters joined: Excel's limit is 255 with the quotes
        (["a" * 125, "b" * 125], False),
        (["mức 1,5", "mức 2"], False),  # a comma would split a level in two
        (['mức "cao"', "mức thấp"], False),  # a quote would end the list
    ],
    ids=["250-chars", "251-chars", "comma", "quote"],
)
def test_a_level_list_excel_cannot_hold_is_left_without_a_list(levels: list[str], listed: bool) -> None:
    ws = _sheet(IndicatorRow("unit:x#1", _indicator("1", "level", levels=levels), None))
    assert ("H6" in _rules(ws)) is listed
    assert "J6" in _rules(ws)  # the day is still checked


def test_the_indicators_sheet_prints_on_a4_landscape_and_is_protected() -> None:
    ws = _sheet(IndicatorRow("unit:x#1", _indicator("1", "number"), None))
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert ws.protection.sheet and not ws.print_options.gridLines


def test_a_sheet_without_indicators_has_no_day_rule() -> None:
    ws = _sheet()
    assert _rules(ws) == {}
    assert ws.cell(5, 1).value == "Mã tham chiếu"


def test_the_instructions_are_one_printable_column_with_rows_as_tall_as_their_text() -> None:
    ws = Workbook().active
    guide_sheet(ws, FormContent(REPORTER, 2024, 3, [], []))
    lines = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert lines == [*GUIDE, "", "Biểu của: UBND xã Hòa An — Quý III/2024."]
    assert ws.column_dimensions["A"].width == 78
    # 72 characters fit a line of the 78-wide column: 16 points a line, 4 more for the margins
    heights = {len(line or ""): ws.row_dimensions[r].height for r, line in enumerate(lines, start=1)}
    assert heights[len(GUIDE[0])] == 20  # one line
    assert heights[0] == 20  # the empty line is still one line high
    long = max(GUIDE, key=len)
    assert heights[len(long)] == 16 * -(-len(long) // 72) + 4
    assert ws.cell(1, 1).font.bold and ws.cell(1, 1).font.size == 13
    assert not ws.cell(2, 1).font.bold and ws.cell(2, 1).font.size == 12
    assert ws.cell(2, 1).alignment.wrap_text and ws.cell(2, 1).alignment.vertical == "top"
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1  # A4, one page wide
    assert ws.protection.sheet and not ws.print_options.gridLines  # read-only, printed without grid
    assert ws.print_area == f"'{ws.title}'!$A$1:$A${len(lines)}"


@pytest.mark.parametrize(("length", "height"), [(72, 20), (73, 36)])
def test_an_instruction_line_wraps_after_72_characters(length: int, height: int, monkeypatch) -> None:
    from ntm_plan.ingest import indicator_sheet

    monkeypatch.setattr(indicator_sheet, "GUIDE", ("x" * length,))
    ws = Workbook().active
    guide_sheet(ws, FormContent(REPORTER, 2024, 3, [], []))
    assert ws.row_dimensions[1].height == height


def test_the_real_form_s_indicator_sheet_is_the_one_written(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from conftest import SYNTHETIC

    run = cli("form", "--quarter", "2024-Q4", "--unit", "hoa-an", "-o", str(tmp_path), "--data", str(SYNTHETIC))
    assert run.code == 0, run.err
    ws = load_workbook(tmp_path / "hoa-an-2024-Q4.xlsx")[INDICATORS]
    assert _rules(ws)["J6:J12"][2:4] == ("DATE(2024,10,1)", "DATE(2024,12,31)")
