"""`report --xlsx`: Biểu 1 and Biểu 2 as a workbook equal to the Word report's annexes.

The same rows in the same order, the same columns and unit names (never a raw code), the
"Kèm theo Báo cáo số …" line, Times New Roman, A4 landscape with the header row repeated on
every printed page; and the quarter's amounts, in Word and in Excel alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from docx_helpers import QUARTER, tables, text
from ingest_helpers import TASKS, copy_data, fill

HEADER_ROW = 5


def _sheet_rows(path: Path, name: str) -> list[list[str]]:
    ws = load_workbook(path)[name]
    return [["" if c.value is None else str(c.value) for c in row] for row in ws.iter_rows(min_row=HEADER_ROW)]


def _word_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows if not row.cells[0].text.startswith("{%")]


@pytest.mark.slow
def test_report_states_the_quarter_amounts_in_word_and_excel(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    assert cli("form", "--quarter", "2024-Q3", "--unit", "Duc Dong", "-o", str(tmp_path), "--data", str(data)).code == 0
    form = tmp_path / "duc-dong-2024-Q3.xlsx"
    fill(form, TASKS, "/duong-tt5", done=200, spent="1,5")
    assert cli("import", str(form), "--data", str(data)).code == 0

    out = tmp_path / "bao-cao.docx"
    run = cli("report", "--quarter", "2024-Q3", "--xlsx", "-o", str(out), "--data", str(data))
    assert run.code == 0, run.err
    assert "200/350 m" in text(out)

    wb = load_workbook(tmp_path / "bao-cao.xlsx")
    assert wb.sheetnames == ["Biểu 1", "Biểu 2"]
    units = _sheet_rows(tmp_path / "bao-cao.xlsx", "Biểu 1")
    assert any(row[1] == "Xã Đức Đồng" for row in units)
    tasks = _sheet_rows(tmp_path / "bao-cao.xlsx", "Biểu 2")
    road = next(row for row in tasks if row[1].startswith("Nâng cấp, mở rộng tuyến TT 5"))
    assert road[2:] == ["Xã Đức Đồng", "350 m", "", "200/350 m, 57,1%, đến 30/9/2024", "200 m", "đang thực hiện"]
    places = {row[2] for row in tasks[1:] if row[2]}
    assert "Cấp huyện" in places
    assert all(place[0].isupper() for place in places), places


def test_the_workbook_is_the_word_annexes(tmp_path: Path, cli) -> None:
    out = tmp_path / "bao-cao.docx"
    assert cli("report", "--quarter", "2024-Q3", "--xlsx", "-o", str(out), "--data", str(QUARTER)).code == 0
    book = tmp_path / "bao-cao.xlsx"
    word_units, word_tasks = tables(out)[-2], tables(out)[-1]
    assert _sheet_rows(book, "Biểu 1") == _word_rows(word_units)
    assert _sheet_rows(book, "Biểu 2") == _word_rows(word_tasks)
    wb = load_workbook(book)
    word = text(out)
    for ws, number in ((wb["Biểu 1"], "Biểu 1"), (wb["Biểu 2"], "Biểu 2")):
        assert ws["A1"].value == number
        reference = ws["A3"].value
        assert reference.startswith("(Kèm theo Báo cáo số") and reference in word
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts == {"Times New Roman"}, fonts
    codes = {row[1] for row in _sheet_rows(book, "Biểu 1")}
    assert "binh-minh" not in codes and "Xã Bình Minh" in codes


@pytest.mark.slow
def test_an_earlier_quarter_has_no_amount_this_quarter(tmp_path: Path) -> None:
    from ntm_plan.documents.report import report_context
    from ntm_plan.pipeline.load import load

    data = copy_data(tmp_path)
    path = data / "communes" / "duc-dong.yaml"
    anchor = '    note: Kế hoạch ghi "chiều dài 350" không kèm đơn vị; hiểu là mét như tuyến LT 14.\n'
    extra = "    progress:\n      - {as_of: 2024-06-30, done: 120}\n      - {as_of: 2024-09-30, done: 200}\n"
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, anchor + extra), encoding="utf-8")
    dataset, _ = load(data)

    def road(q: int) -> dict[str, str]:
        rows = report_context(dataset, 2024, q)["tasks_table"]
        return next(r for r in rows if str(r["content"]).startswith("Nâng cấp, mở rộng tuyến TT 5"))

    assert road(3)["quarter"] == "80 m" and road(3)["progress"].startswith("200/350 m")
    assert road(4)["quarter"] == ""  # nothing reported in Q4
