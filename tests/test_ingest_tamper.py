"""ingest.reading through `import`: every locked cell changed is reported (all of them, on
both sheets, in the sheet's own words), so is a row added outside the form, and a form whose
hidden check part was edited or broken is refused as a whole; nothing is written then."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, TASKS, fill, row_of, snapshot

CHECK = "_kiemtra"


@pytest.fixture
def cycle(tmp_path: Path, cli):
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    run = cli("form", "--quarter", "2024-Q4", "--unit", "hoa-an", "-o", str(tmp_path / "forms"), "--data", str(data))
    assert run.code == 0, run.err
    return data, tmp_path / "forms" / "hoa-an-2024-Q4.xlsx"


def refused(cli, data: Path, form: Path) -> list[str]:
    before = snapshot(data)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1
    assert "Traceback" not in run.err
    assert snapshot(data) == before
    return [line.split(".xlsx:", 1)[1].strip() for line in run.err.splitlines() if ".xlsx:" in line]


def test_every_changed_locked_cell_on_both_sheets_is_reported(cycle, cli) -> None:
    data, form = cycle
    task = row_of(form, TASKS, "/nha-tieu")
    income = fill(form, INDICATORS, "#10", value=56, C="Thu nhập (sửa)")
    rate = fill(form, INDICATORS, "#17.1", value=91, E="0")
    fill(form, TASKS, "/nha-tieu", E=44, D="Xây nhà tiêu")
    lines = refused(cli, data, form)
    assert sorted(lines) == [
        f"Chỉ tiêu!C{income}: lỗi[NTM053]: ô đã khóa bị sửa: 'Thu nhập bình quân đầu người' thành 'Thu nhập (sửa)'",
        f"Chỉ tiêu!E{rate}: lỗi[NTM053]: ô đã khóa bị sửa: '200/450' thành '0'",
        f"Nhiệm vụ!D{task}: lỗi[NTM053]: ô đã khóa bị sửa: 'Xây nhà tiêu hợp vệ sinh' thành 'Xây nhà tiêu'",
        f"Nhiệm vụ!E{task}: lỗi[NTM053]: ô đã khóa bị sửa: '43' thành '44'",
    ]


def test_a_total_typed_for_a_rate_is_a_changed_locked_cell(cycle, cli) -> None:
    data, form = cycle
    row = fill(form, INDICATORS, "#17.1", value=91, total=450)
    assert refused(cli, data, form) == [f"Chỉ tiêu!I{row}: lỗi[NTM013]: chỉ tiêu này không ghi tổng số"]


def test_a_cleared_locked_cell_and_a_long_text_shortened(cycle, cli) -> None:
    data, form = cycle
    row = fill(form, INDICATORS, "#10", C=None, D="x" * 41)
    assert refused(cli, data, form) == [
        f"Chỉ tiêu!C{row}: lỗi[NTM053]: ô đã khóa bị sửa: 'Thu nhập bình quân đầu người' thành ''",
        f"Chỉ tiêu!D{row}: lỗi[NTM053]: ô đã khóa bị sửa: 'triệu đồng/người/năm' thành '{'x' * 39}…'",
    ]


def test_forty_characters_are_shown_whole(cycle, cli) -> None:
    data, form = cycle
    row = fill(form, INDICATORS, "#10", D="y" * 40)
    assert refused(cli, data, form) == [
        f"Chỉ tiêu!D{row}: lỗi[NTM053]: ô đã khóa bị sửa: 'triệu đồng/người/năm' thành '{'y' * 40}'"
    ]


def test_rows_added_below_either_sheet_are_reported(cycle, cli) -> None:
    data, form = cycle
    wb = load_workbook(form)
    tasks, indicators = wb[TASKS], wb[INDICATORS]
    extra_task, extra_indicator = tasks.max_row + 2, indicators.max_row + 1
    tasks[f"A{extra_task}"] = "unit:hoa-an/moi"
    indicators[f"A{extra_indicator}"] = "unit:hoa-an#99"
    wb.save(form)
    assert refused(cli, data, form) == [
        f"Nhiệm vụ!A{extra_task}: lỗi[NTM053]: dòng được thêm ngoài biểu",
        f"Chỉ tiêu!A{extra_indicator}: lỗi[NTM053]: dòng được thêm ngoài biểu",
    ]


def _edit_check(form: Path, key: str, change) -> None:
    wb = load_workbook(form)
    ws = wb[CHECK]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == key:
            ws.cell(r, 2).value = change(ws.cell(r, 2).value)
    wb.save(form)


def test_an_edited_copy_of_the_locked_cells_is_caught_by_its_digest(cycle, cli) -> None:
    data, form = cycle
    fill(form, INDICATORS, "#10", value=56, C="Thu nhập (sửa)")

    def forge(text: str) -> str:  # hide the edit by changing the hidden copy as well
        rows = json.loads(text)
        return json.dumps(
            [[s, ref, "Thu nhập (sửa)" if v == "Thu nhập bình quân đầu người" else v] for s, ref, v in rows],
            ensure_ascii=False,
        )

    _edit_check(form, "locked", forge)
    assert refused(cli, data, form) == ["lỗi[NTM053]: phần kiểm tra ẩn của biểu đã bị sửa"]


@pytest.mark.parametrize(
    ("key", "change"),
    [
        ("locked", lambda text: text[:-5]),
        ("locked", lambda text: json.dumps([["a", "b"]])),
        ("locked", lambda text: json.dumps({"a": 1})),
        ("quarter", lambda text: "2024-Q5"),
        ("quarter", lambda text: "Q4-2024"),
        ("reporter", lambda text: "xx"),
    ],
    ids=["cut-json", "short-rows", "not-a-list", "quarter-5", "quarter-spelling", "no-reporter"],
)
def test_a_broken_check_part_refuses_the_form(cycle, cli, key: str, change) -> None:
    data, form = cycle
    if key == "reporter":
        wb = load_workbook(form)
        ws = wb[CHECK]
        for r in range(1, ws.max_row + 1):
            if ws.cell(r, 1).value == "reporter":
                ws.cell(r, 1).value = "nguoi-bao-cao"
        wb.save(form)
    else:
        _edit_check(form, key, change)
    assert refused(cli, data, form) == ["lỗi[NTM050]: phần kiểm tra ẩn của biểu bị hỏng"]


def test_a_workbook_without_the_form_mark_or_a_sheet_is_no_form(cycle, cli) -> None:
    data, form = cycle
    wb = load_workbook(form)
    wb[CHECK]["A1"] = "một bảng tính khác"
    wb.save(form)
    assert refused(cli, data, form)[0].startswith("lỗi[NTM050]: tệp không phải biểu nhập liệu do ntm-plan tạo")
    wb = load_workbook(form)
    wb[CHECK]["A1"] = "ntm-plan biểu nhập liệu"
    del wb[INDICATORS]
    wb.save(form)
    assert refused(cli, data, form)[0].startswith("lỗi[NTM050]: tệp không phải biểu nhập liệu do ntm-plan tạo")


def test_an_untouched_form_with_dates_in_locked_cells_is_accepted(cycle, cli) -> None:
    data, form = cycle
    fill(form, INDICATORS, "#10", value=56)  # the row keeps its locked date of the last figure
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
