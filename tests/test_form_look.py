"""Forms as finished as the documents: a signature block, a printable instructions sheet,
Times New Roman, and a word for every unit that gets no form saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from docx_helpers import REAL
from ingest_helpers import TASKS, copy_data, fill
from ntm_plan.ingest.layout import GUIDE_SHEET, INDICATORS_SHEET, TASKS_SHEET


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from ntm_plan.cli import main

    folder = tmp_path_factory.mktemp("forms")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["form", "--quarter", "2024-Q3", "--data", str(REAL), "-o", str(folder)]) == 0
    return folder, out.getvalue()


def _texts(ws) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.slow
def test_each_form_sheet_ends_with_a_signature_block(forms: tuple[Path, str]) -> None:
    book = load_workbook(forms[0] / "duc-dong-2024-Q3.xlsx")
    for name in (TASKS_SHEET, INDICATORS_SHEET):
        texts = _texts(book[name])
        assert "NGƯỜI LẬP BIỂU" in texts and "THỦ TRƯỞNG ĐƠN VỊ" in texts, name
        assert "(Ký, ghi rõ họ tên)" in texts and "(Ký tên, đóng dấu)" in texts


def test_every_cell_is_times_new_roman(forms: tuple[Path, str]) -> None:
    for path in sorted(forms[0].glob("*.xlsx"))[:5]:
        book = load_workbook(path)
        for ws in book.worksheets:
            if ws.sheet_state != "visible":
                continue
            fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
            assert fonts == {"Times New Roman"}, (path.name, ws.title, fonts)


def test_the_instructions_print_on_a4_portrait_rows_as_tall_as_their_text(forms: tuple[Path, str]) -> None:
    ws = load_workbook(forms[0] / "duc-dong-2024-Q3.xlsx")[GUIDE_SHEET]
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9
    width = ws.column_dimensions["A"].width
    assert width <= 80, "wider than an A4 portrait page in Times New Roman 12"
    for row in ws.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if cell.value and len(str(cell.value)) > width:
            assert ws.row_dimensions[cell.row].height >= 30, cell.value


def test_a_unit_without_a_form_is_told_why(forms: tuple[Path, str]) -> None:
    folder, said = forms
    names = {p.name for p in folder.glob("*.xlsx")}
    for slug, title in (("lam-trung-thuy", "Lâm Trung Thủy"), ("truong-son", "Trường Sơn")):
        if f"{slug}-2024-Q3.xlsx" in names:
            continue  # the data now gives it something to report
        line = next(x for x in said.splitlines() if title in x)
        assert line.startswith(f"Không lập biểu cho UBND xã {title}: ")
        assert "bộ tiêu chí mục tiêu" in line and "nhiệm vụ" in line


@pytest.mark.slow
def test_a_form_with_its_signature_block_still_imports(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    assert cli("form", "--quarter", "2024-Q3", "--unit", "Duc Dong", "-o", str(tmp_path), "--data", str(data)).code == 0
    form = tmp_path / "duc-dong-2024-Q3.xlsx"
    fill(form, TASKS, "/duong-tt5", done=120)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert "done: 120" in (data / "communes" / "duc-dong.yaml").read_text(encoding="utf-8")
