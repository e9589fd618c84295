"""ingest.reading.read_form called directly on a form the tool wrote: what it reads back
(quarter, reporter, each filled row with the cells of its fill columns), where each cell a
message names is (sheet!cell, line, column), and the Vietnamese refusal of a file past a
limit, of a file that is no workbook and of a cell that holds no trustworthy value."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, TASKS, fill
from ntm_plan.ingest.forms import form_content, reporters
from ntm_plan.ingest.reading import read_form
from ntm_plan.ingest.workbook import build_workbook, workbook_bytes
from ntm_plan.model.common import quarter_end
from ntm_plan.pipeline.load import load

SHOWN = "bieu/kinh-te.xlsx"


@pytest.fixture(scope="module")
def form_bytes() -> bytes:
    data, _ = load(SYNTHETIC)
    reporter = next(r for r in reporters(data) if r.key == "dept:kinh-te-ha-tang")
    return workbook_bytes(build_workbook(form_content(data, reporter, 2024, 4, quarter_end(2024, 4))))


@pytest.fixture
def form(tmp_path: Path, form_bytes: bytes) -> Path:
    path = tmp_path / "kinh-te.xlsx"
    path.write_bytes(form_bytes)
    return path


def test_an_untouched_form_reads_back_whole(form: Path) -> None:
    filled, diags = read_form(form, SHOWN)
    assert diags == []
    assert filled is not None
    assert (filled.file, filled.year, filled.quarter) == (SHOWN, 2024, 4)
    assert (filled.reporter, filled.reporter_title) == ("dept:kinh-te-ha-tang", "Phòng Kinh tế - Hạ tầng")
    assert [(r.sheet, r.row, r.ref) for r in filled.tasks] == [
        (TASKS, 6, "unit:hoa-an/duong-a-b"),
        (TASKS, 7, "district/quy-hoach-vung"),
        (TASKS, 8, "dept:kinh-te-ha-tang/ra-soat-duong"),
    ]
    assert list(filled.tasks[0].cells) == ["done", "percent", "correction", "day", "spent", "note"]
    assert all(r.blank() for r in filled.tasks + filled.indicators)
    assert [(r.sheet, r.row) for r in filled.indicators] == [(INDICATORS, 6)]
    assert list(filled.indicators[0].cells) == ["value", "total", "day", "source", "note"]


def test_where_a_message_points(form: Path) -> None:
    filled, _ = read_form(form, SHOWN)
    assert filled is not None
    assert filled.quarter_where() == {"file": SHOWN, "line": 3, "col": 4, "cell": f"{TASKS}!D3"}
    assert filled.reporter_where() == {"file": SHOWN, "line": 2, "col": 4, "cell": f"{TASKS}!D2"}
    assert filled.tasks[1].where(SHOWN, "done") == {"file": SHOWN, "line": 7, "col": 11, "cell": f"{TASKS}!K7"}
    assert filled.tasks[1].where(SHOWN, "note") == {"file": SHOWN, "line": 7, "col": 16, "cell": f"{TASKS}!P7"}
    assert filled.indicators[0].where(SHOWN, "value") == {
        "file": SHOWN,
        "line": 6,
        "col": 8,
        "cell": f"{INDICATORS}!H6",
    }


def test_filled_cells_are_read_and_a_row_without_its_reference_is_skipped_not_the_end(form: Path) -> None:
    fill(form, TASKS, "/duong-a-b", A=None)
    fill(form, TASKS, "/ra-soat-duong", done=12, note="Xong")
    fill(form, INDICATORS, "", value=91)
    wb = load_workbook(form)
    added = wb[TASKS].max_row + 3  # below the signature block
    wb[TASKS][f"A{added}"], wb[TASKS][f"K{added}"] = "unit:hoa-an/moi", 5
    wb.save(form)
    filled, diags = read_form(form, SHOWN)
    assert filled is not None
    assert [r.row for r in filled.tasks] == [7, 8, added]
    assert filled.tasks[2].cells["done"] == 5 and filled.tasks[2].ref == "unit:hoa-an/moi"
    assert filled.tasks[1].cells["done"] == 12 and filled.tasks[1].cells["note"] == "Xong"
    assert not filled.tasks[1].blank() and filled.tasks[0].blank()
    assert filled.indicators[0].cells["value"] == 91
    assert [(d.code, d.cell, d.message) for d in diags] == [
        ("NTM053", f"{TASKS}!A6", "ô đã khóa bị sửa: 'unit:hoa-an/duong-a-b' thành ''"),
        ("NTM053", f"{TASKS}!A{added}", "dòng được thêm ngoài biểu"),
    ]


def test_a_formula_without_its_result_is_an_unreadable_cell(form: Path) -> None:
    fill(form, TASKS, "/ra-soat-duong", done="=1+1", spent="=2*3")
    filled, diags = read_form(form, SHOWN)
    assert filled is not None
    why = "ô không đọc được: ô có công thức nhưng tệp không lưu kết quả đã tính của công thức"
    hint = "Gõ lại giá trị của ô (số, hoặc ngày dạng 30/09/2024) rồi lưu biểu bằng Excel."
    assert [(d.code, d.file, d.line, d.col, d.cell, d.message, d.hint) for d in diags] == [
        ("NTM056", SHOWN, 8, 11, f"{TASKS}!K8", why, hint),
        ("NTM056", SHOWN, 8, 15, f"{TASKS}!O8", why, hint),
    ]


def test_a_file_past_a_limit_no_workbook_or_missing(form: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        for n in range(1001):
            dst.writestr(f"docProps/x{n}.xml", "")
    text = tmp_path / "text.xlsx"
    text.write_text("không phải bảng tính", encoding="utf-8")
    found = [read_form(path, path.name) for path in (big, text, tmp_path / "khong-co.xlsx")]
    assert all(filled is None for filled, _ in found)
    assert [(d.code, d.file, d.message, d.hint) for _, diags in found for d in diags] == [
        (
            "NTM057",
            "big.xlsx",
            "tệp vượt giới hạn của một biểu: có 1013 phần (tối đa 1000)",
            "Một biểu chỉ có bốn trang do ntm-plan tạo; dùng đúng tệp biểu đã gửi.",
        ),
        (
            "NTM050",
            "text.xlsx",
            "tệp không phải bảng tính .xlsx đọc được",
            "Lưu biểu dạng .xlsx (Excel Workbook) rồi gửi lại.",
        ),
        ("NTM050", "khong-co.xlsx", "không đọc được tệp: không tồn tại", None),
    ]
