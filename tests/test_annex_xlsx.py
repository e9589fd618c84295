"""`report --xlsx`: Biểu 1 and Biểu 2 as a workbook, with the quarter's amounts."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from docx_helpers import text
from ingest_helpers import TASKS, copy_data, fill


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
    units = [[c.value for c in row] for row in wb["Biểu 1"].iter_rows(min_row=4)]
    assert any(row[1] == "Xã Đức Đồng" for row in units)
    tasks = [[c.value for c in row] for row in wb["Biểu 2"].iter_rows(min_row=4)]
    road = next(row for row in tasks if str(row[1]).startswith("Nâng cấp, mở rộng tuyến TT 5"))
    assert road[2:10] == ["Xã Đức Đồng", "350 m", None, "200 m", "200 m", "57,1", "1,5", "đang thực hiện"]
    places = {row[2] for row in tasks if row[2]}
    assert "Cấp huyện" in places
    # a cell starts with a capital, as in Biểu 2 of the Word report
    assert all(place[0].isupper() for place in places), places
    assert wb["Biểu 2"].page_setup.orientation == "landscape"


def test_an_earlier_quarter_has_no_amount_this_quarter(tmp_path: Path, cli) -> None:
    from ntm_plan.documents.annex_xlsx import tasks_rows
    from ntm_plan.pipeline.load import load

    data = copy_data(tmp_path)
    path = data / "communes" / "duc-dong.yaml"
    anchor = '    note: Kế hoạch ghi "chiều dài 350" không kèm đơn vị; hiểu là mét như tuyến LT 14.\n'
    extra = "    progress:\n      - {as_of: 2024-06-30, done: 120}\n      - {as_of: 2024-09-30, done: 200}\n"
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, anchor + extra), encoding="utf-8")
    dataset, _ = load(data)
    rows = {str(r[1])[:30]: r for r in tasks_rows(dataset, 2024, 3)}
    road = rows["Nâng cấp, mở rộng tuyến TT 5 đ"]
    assert (road[5], road[6]) == ("200 m", "80 m")
    rows = {str(r[1])[:30]: r for r in tasks_rows(dataset, 2024, 4)}
    assert rows["Nâng cấp, mở rộng tuyến TT 5 đ"][6] == ""  # nothing reported in Q4
