"""ingest.workbook and ingest.styling: what an office sees in its form — the heading, the
header row, which cells are yellow and open and which are grey and locked, the validation
of each fill column, the row heights, the signature block, the printed page, the hidden
check sheet — and that a text beginning like a formula stays text."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from conftest import SYNTHETIC
from ntm_plan.ingest.forms import FormContent, form_content, reporters
from ntm_plan.ingest.layout import TASK_COLUMNS
from ntm_plan.ingest.styling import fit_heights
from ntm_plan.ingest.workbook import CHUNK, build_workbook, text_as_text, workbook_bytes
from ntm_plan.model.common import quarter_end
from ntm_plan.model.unit import Progress
from ntm_plan.pipeline.load import load

HEADERS = [c.header for c in TASK_COLUMNS]
WIDTHS = [c.width for c in TASK_COLUMNS]


@pytest.fixture(scope="module")
def contents() -> dict[str, FormContent]:
    data, _ = load(SYNTHETIC)
    return {r.slug: form_content(data, r, 2024, 4, quarter_end(2024, 4)) for r in reporters(data)}


def styles(ws, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [ws.cell(row, col).style for col in range(1, len(TASK_COLUMNS) + 1)]


def test_the_heading_header_row_and_page_of_the_tasks_sheet(contents: dict[str, FormContent]) -> None:
    ws = build_workbook(contents["kinh-te-ha-tang"])["Nhiệm vụ"]
    assert ws["B1"].value == "BIỂU BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ XÂY DỰNG NÔNG THÔN MỚI"
    assert (ws["B1"].font.name, ws["B1"].font.b, ws["B1"].font.sz) == ("Times New Roman", True, 12)
    assert [(c.value, c.font.b) for c in (ws["B2"], ws["D2"], ws["B3"], ws["D3"], ws["E3"])] == [
        ("Đơn vị báo cáo:", False),
        ("Phòng Kinh tế - Hạ tầng", True),
        ("Kỳ báo cáo:", False),
        ("Quý IV/2024", True),
        ("Số liệu lũy kế đến ngày 31/12/2024", False),
    ]
    assert ws["B4"].font.i is True and ws["B4"].value.startswith("Chỉ điền vào các ô nền vàng")
    assert [ws.cell(5, col).value for col in range(1, 17)] == HEADERS
    assert [ws.column_dimensions[chr(64 + col)].width for col in range(1, 17)] == WIDTHS
    assert ws.column_dimensions["A"].hidden and not ws.column_dimensions["B"].hidden
    assert (ws.freeze_panes, ws.print_title_rows) == ("B6", "$5:$5")
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_options.gridLines is False
    assert (ws.page_margins.left, ws.page_margins.right) == (0.4, 0.4)
    assert ws.protection.sheet is True
    assert (ws.protection.formatColumns, ws.protection.formatRows) == (False, False)
    assert ws.parent.security.lockStructure is True


def test_open_yellow_cells_for_a_lead_grey_locked_ones_for_a_support(contents: dict[str, FormContent]) -> None:
    lead = build_workbook(contents["kinh-te-ha-tang"])
    ws = lead["Nhiệm vụ"]
    assert styles(ws, 5) == ["ntm-tieu-de"] * 16
    assert ws.cell(5, 17).style == "Normal"  # the header ends with the table
    assert lead.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Hướng dẫn", "_kiemtra"]
    fixed = ["ntm-o"] * 9 + ["ntm-o-ngay"]
    assert styles(ws, 6) == [*fixed, "ntm-dien", "ntm-dien", "ntm-dien", "ntm-dien-ngay", "ntm-dien", "ntm-dien"]
    assert styles(ws, 8) == styles(ws, 6)
    assert styles(ws, 9) == ["Normal"] * 16  # below the table, before the signature block
    support = build_workbook(contents["tai-chinh"])["Nhiệm vụ"]
    assert styles(support, 6) == [*fixed, "ntm-khoa", "ntm-khoa", "ntm-khoa", "ntm-khoa-ngay", "ntm-khoa", "ntm-khoa"]
    assert support.data_validations.dataValidation == []

    cell, head, locked = ws["K6"], ws["B5"], ws["B6"]
    assert (cell.fill.fgColor.rgb, cell.protection.locked, cell.number_format) == ("00FFF2CC", False, "General")
    assert (ws["N6"].number_format, ws["J6"].number_format) == ("DD/MM/YYYY", "DD/MM/YYYY")
    assert (locked.fill.fill_type, locked.protection.locked) == (None, True)
    grey = support["K6"]
    assert (grey.fill.fgColor.rgb, grey.protection.locked) == ("00F2F2F2", True)
    assert (head.fill.fgColor.rgb, head.font.b, head.alignment.horizontal, head.alignment.vertical) == (
        "00D9E1F2",
        True,
        "center",
        "center",
    )
    assert (cell.alignment.wrap_text, cell.alignment.vertical, cell.border.left.style) == (True, "top", "thin")
    assert head.alignment.wrap_text is True
    assert cell.border.bottom.color.rgb == "00808080" and cell.font.name == "Times New Roman"


def test_the_validation_of_each_fill_column(contents: dict[str, FormContent]) -> None:
    ws = build_workbook(contents["kinh-te-ha-tang"])["Nhiệm vụ"]
    rules = [
        (str(dv.sqref), dv.type, dv.operator, dv.formula1, dv.formula2, dv.error, dv.prompt)
        for dv in ws.data_validations.dataValidation
    ]
    assert [r[:6] for r in rules] == [
        ("K6", "decimal", "between", "0", "350", "Số lũy kế từ 0 đến 350 m."),
        ("K7 K8", "decimal", "greaterThanOrEqual", "0", None, "Số lũy kế, không âm."),
        ("L6 L7 L8", "decimal", "between", "0", "100", "Phần trăm hoàn thành, từ 0 đến 100."),
        ("M6 M7 M8", "list", None, '"Có"', None, "Chọn 'Có' nếu sửa lại số đã báo cáo kỳ trước."),
        (
            "N6 N7 N8",
            "date",
            "between",
            "DATE(2024,10,1)",
            "DATE(2024,12,31)",
            "Ngày trong quý, từ 01/10/2024 đến 31/12/2024.",
        ),
        ("O6 O7 O8", "decimal", "greaterThanOrEqual", "0", None, "Triệu đồng, không âm."),
        ("P6 P7 P8", "textLength", "between", "0", "500", "Tối đa 500 ký tự."),
    ]
    assert all(r[6] == r[5] for r in rules)
    for dv in ws.data_validations.dataValidation:
        assert (dv.allow_blank, dv.showErrorMessage, dv.showInputMessage) == (True, True, True)
        assert (dv.errorTitle, dv.promptTitle) == ("Giá trị không hợp lệ", "Nhập liệu")


def test_rows_are_as_tall_as_their_wrapped_text(contents: dict[str, FormContent]) -> None:
    ws = build_workbook(contents["kinh-te-ha-tang"])["Nhiệm vụ"]
    # header: 'Lũy kế đến cuối quý (khối lượng)', 32 characters in a column of 12 → 3 lines of 12
    # row 6: 'Quý III/2024', 12 characters in a column of 11 → 2 lines of 11; rows 7-8: the place → 2 lines
    assert [ws.row_dimensions[r].height for r in range(5, 9)] == [47, 32, 32, 32]
    assert ws.row_dimensions[9].height is None


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("x" * 47, 1),  # column D is 44 wide: 47 characters a line
        ("x" * 48, 2),
        ("ab\n\ncd", 3),  # an empty line is a line too
        ("ab\n", 2),
    ],
)
def test_a_cell_of_several_lines(text: str, lines: int) -> None:
    ws = Workbook().active
    assert ws is not None
    ws["D1"] = text
    ws["A1"] = "x" * 500  # the hidden reference column does not count
    fit_heights(ws, TASK_COLUMNS, 1, 2)
    assert ws.row_dimensions[1].height == 15 * lines + 2


def test_a_row_without_text_is_one_line_tall() -> None:
    ws = Workbook().active
    assert ws is not None
    ws["B1"], ws["E1"] = 1, 350
    fit_heights(ws, TASK_COLUMNS, 1, 2)
    assert ws.row_dimensions[1].height == 17


def test_narrow_columns_hold_at_least_four_characters() -> None:
    ws = Workbook().active
    assert ws is not None
    ws["B1"] = "x" * 4  # column 'TT' is 5 wide: 4 characters a line
    ws["B2"] = "x" * 5
    fit_heights(ws, TASK_COLUMNS, 1, 3)
    assert [ws.row_dimensions[r].height for r in (1, 2)] == [17, 32]


def test_the_signature_block_below_the_table(contents: dict[str, FormContent]) -> None:
    ws = build_workbook(contents["kinh-te-ha-tang"])["Nhiệm vụ"]  # three tasks: rows 6-8
    placed = {
        (c.row, c.column): (c.value, c.font.b, c.font.i, c.alignment.horizontal)
        for row in ws.iter_rows(min_row=9)
        for c in row
        if c.value is not None
    }
    assert placed == {
        (11, 14): ("…………, ngày …… tháng …… năm ……", False, True, "center"),
        (12, 2): ("NGƯỜI LẬP BIỂU", True, False, "center"),
        (12, 14): ("THỦ TRƯỞNG ĐƠN VỊ", True, False, "center"),
        (13, 2): ("(Ký, ghi rõ họ tên)", False, True, "center"),
        (13, 14): ("(Ký tên, đóng dấu)", False, True, "center"),
    }
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    assert merged == ["B12:C12", "B13:C13", "B1:P1", "N11:P11", "N12:P12", "N13:P13"]
    assert ws["N11"].font.name == "Times New Roman"


def test_what_the_last_report_was_and_texts_that_look_like_formulas(contents: dict[str, FormContent]) -> None:
    base = contents["kinh-te-ha-tang"]
    first, second, third = base.tasks
    rows = [
        dataclasses.replace(
            first,
            task=first.task.model_copy(update={"text": '=HYPERLINK("http://x","bấm vào đây")'}),
            last=Progress(as_of=date(2024, 9, 30), percent=Decimal("45.5")),
        ),
        dataclasses.replace(second, last=Progress(as_of=date(2024, 8, 31), completed=True)),
        dataclasses.replace(third, task=third.task.model_copy(update={"text": "-5 km"})),
    ]
    book = load_workbook(io.BytesIO(workbook_bytes(build_workbook(dataclasses.replace(base, tasks=rows)))))
    ws = book["Nhiệm vụ"]
    assert [ws[f"I{r}"].value for r in (6, 7, 8)] == ["45.5%", "hoàn thành", None]
    assert [ws[f"J{r}"].value for r in (6, 7, 8)] == [datetime(2024, 9, 30), datetime(2024, 8, 31), None]
    assert [ws[f"D{r}"].value for r in (6, 8)] == ['=HYPERLINK("http://x","bấm vào đây")', "-5 km"]
    assert [ws[f"D{r}"].data_type for r in (6, 8)] == ["s", "s"]
    assert ws["D6"].quotePrefix and ws["D8"].quotePrefix and not ws["D7"].quotePrefix


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_kept_as_text(start: str) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["A2"], ws["A3"] = f"{start}1+1", "1+1", 5
    text_as_text(wb)
    assert [ws[f"A{r}"].quotePrefix for r in (1, 2, 3)] == [True, False, False]
    assert ws["A1"].data_type == "s" and ws["A3"].data_type == "n"


def test_the_hidden_check_sheet(contents: dict[str, FormContent]) -> None:
    wb = build_workbook(contents["kinh-te-ha-tang"])
    check = wb["_kiemtra"]
    assert (check.sheet_state, check.protection.sheet) == ("veryHidden", True)
    values = [[c.value for c in row] for row in check.iter_rows()]
    assert values[:3] == [
        ["ntm-plan biểu nhập liệu", "1"],
        ["quarter", "2024-Q4"],
        ["reporter", "dept:kinh-te-ha-tang"],
    ]
    (_, digest), *chunks = values[3:]
    text = "".join(value for key, value in chunks)
    assert [key for key, _ in chunks] == ["locked"] * len(chunks)
    assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
    locked = json.loads(text)
    assert ["Nhiệm vụ", "B5", "TT"] in locked and ["Nhiệm vụ", "D6", 'Đường A & B <đoạn 2> "mở rộng"'] in locked
    assert ["Nhiệm vụ", "J6", "2024-09-30"] in locked
    assert not any(ref.startswith("K") and sheet == "Nhiệm vụ" and ref != "K5" for sheet, ref, _ in locked[:200])


def test_a_long_copy_of_the_locked_cells_is_cut_into_cells_a_spreadsheet_can_hold(
    contents: dict[str, FormContent],
) -> None:
    base = contents["kinh-te-ha-tang"]
    long = [
        dataclasses.replace(row, task=row.task.model_copy(update={"text": f"{n} " + "x" * 20_000}))
        for n, row in enumerate(base.tasks)
    ]
    check = build_workbook(dataclasses.replace(base, tasks=long))["_kiemtra"]
    chunks = [row[1].value for row in check.iter_rows(min_row=5)]
    assert [len(c) for c in chunks[:-1]] == [CHUNK] * (len(chunks) - 1) and 0 < len(chunks[-1]) <= CHUNK
    assert len(chunks) == 3
    assert json.loads("".join(chunks))[0][0] == "Nhiệm vụ"


def test_the_copy_holds_every_locked_cell_with_a_value_and_nothing_else(contents: dict[str, FormContent]) -> None:
    check = build_workbook(contents["kinh-te-ha-tang"])["_kiemtra"]
    locked = json.loads("".join(row[1].value for row in check.iter_rows(min_row=5)))
    heading = ["B1", "B2", "D2", "B3", "D3", "E3", "B4", *(f"{chr(64 + c)}5" for c in range(1, 17))]
    table = [f"{c}6" for c in "ABCDEFGHIJ"] + [f"{c}{r}" for r in (7, 8) for c in "ABCDGH"]  # no empty cell
    signature = ["N11", "B12", "N12", "B13", "N13"]
    assert [ref for sheet, ref, _ in locked if sheet == "Nhiệm vụ"] == [*heading, *table, *signature]


def test_a_lead_task_after_a_supported_one_still_gets_its_rules(contents: dict[str, FormContent]) -> None:
    lead = contents["kinh-te-ha-tang"]
    mixed = dataclasses.replace(lead, tasks=[contents["tai-chinh"].tasks[0], lead.tasks[1]])
    ws = build_workbook(mixed)["Nhiệm vụ"]
    assert [ws[f"H{r}"].value for r in (6, 7)] == ["Phối hợp", "Chủ trì"]
    assert [(ws[f"K{r}"].style, ws[f"K{r}"].protection.locked) for r in (6, 7)] == [
        ("ntm-khoa", True),
        ("ntm-dien", False),
    ]
    rules = {str(dv.sqref): dv.error for dv in ws.data_validations.dataValidation}
    assert rules["K7"] == "Số lũy kế, không âm." and rules["L7"] == "Phần trăm hoàn thành, từ 0 đến 100."
    assert not any("6" in ref for ref in rules)


def test_the_form_file_carries_no_time_of_writing(contents: dict[str, FormContent]) -> None:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(workbook_bytes(build_workbook(contents["hoa-an"])))) as zf:
        core = zf.read("docProps/core.xml").decode()
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "created" not in core and "modified" not in core
