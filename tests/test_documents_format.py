"""Format details of the documents: NĐ 30 dates, annex layout, table XML order, sort order."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from docx_helpers import QUARTER, SYNTHETIC, tables
from ntm_plan.model.names import sort_key
from ntm_plan.present.vnformat import document_date, long_date

TBL_PR_ORDER = ("tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblLook")


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (date(2024, 3, 5), "ngày 05 tháng 3 năm 2024", "05/3/2024"),
        (date(2024, 2, 20), "ngày 20 tháng 02 năm 2024", "20/02/2024"),
        (date(2024, 1, 9), "ngày 09 tháng 01 năm 2024", "09/01/2024"),
        (date(2022, 12, 9), "ngày 09 tháng 12 năm 2022", "09/12/2022"),
        (date(2024, 10, 10), "ngày 10 tháng 10 năm 2024", "10/10/2024"),
    ],
)
def test_decree_30_dates(day: date, long: str, short: str) -> None:
    assert long_date(day) == long
    assert document_date(day) == short


@pytest.mark.parametrize("command", ["plan", "report"])
def test_date_option_prints_decree_date(cli, tmp_path: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "doc.docx"
    option = ["--year", "2024"] if command == "plan" else ["--quarter", "2024-Q3"]
    data = SYNTHETIC if command == "plan" else QUARTER
    result = cli(command, *option, "--data", str(data), "-o", str(out), "--date", "2024-03-05")
    assert result.code == 0, result.err
    assert tables(out)[0].cell(1, 1).text.endswith("ngày 05 tháng 3 năm 2024")


def test_vietnamese_alphabetical_order() -> None:
    names = ["Đức Thọ", "Dũng", "Ân", "An", "Ăn", "Ưu", "Uy", "Ơn", "Ôn", "On", "Yên", "Em", "Êm"]
    assert sorted(names, key=sort_key) == [
        "An", "Ăn", "Ân", "Dũng", "Đức Thọ", "Em", "Êm", "On", "Ôn", "Ơn", "Uy", "Ưu", "Yên",
    ]  # fmt: skip


@pytest.fixture(scope="module", params=["plan", "report"])
def document(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ntm_plan.cli import main

    out = tmp_path_factory.mktemp(request.param) / f"{request.param}.docx"
    option = ["--year", "2024"] if request.param == "plan" else ["--quarter", "2024-Q3"]
    data = SYNTHETIC if request.param == "plan" else QUARTER
    assert main([request.param, *option, "--data", str(data), "-o", str(out)]) == 0
    return out


def test_table_properties_in_schema_order(document: Path) -> None:
    doc = Document(str(document))
    for tbl in doc.element.body.iter(qn("w:tbl")):
        names = [child.tag.rsplit("}", 1)[1] for child in tbl.tblPr]
        assert len(names) == len(set(names)), names
        ranks = [TBL_PR_ORDER.index(n) for n in names]
        assert ranks == sorted(ranks), names


def test_annex_has_own_numbering_and_heading(document: Path) -> None:
    doc = Document(str(document))
    body_section, *annexes = doc.sections
    assert annexes, "the annex is a section of its own"
    assert body_section._sectPr.find(qn("w:pgNumType")) is None
    for section in annexes:
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is not None and numbering.get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
    headings = [p.text for p in doc.paragraphs if p.style.name == "NTM Appendix"]
    assert headings == (["Phụ lục"] if "plan" in document.name else ["Biểu 1", "Biểu 2"])


def test_annex_rows_repeat_header_do_not_split_and_groups_keep_with_next(document: Path) -> None:
    table = tables(document)[-1]
    first = table.rows[0]._tr.trPr
    assert first.find(qn("w:tblHeader")) is not None
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    groups = [r for r in table.rows[1:] if r.cells[0].text and not r.cells[0].text.isdigit()]
    assert groups, "no group row"
    for row in groups:
        assert row.cells[1].paragraphs[0].paragraph_format.keep_with_next


def test_tt_column_fits_four_roman_letters(document: Path) -> None:
    width_cm = tables(document)[-1].columns[0].width.cm
    assert width_cm >= 1.6  # "XXVI" in 12 pt bold plus the cell margins


def test_same_data_same_bytes(document: Path, tmp_path: Path) -> None:
    from ntm_plan.cli import main

    again = tmp_path / "again.docx"
    option = ["--year", "2024"] if "plan" in document.name else ["--quarter", "2024-Q3"]
    data = SYNTHETIC if "plan" in document.name else QUARTER
    assert main([document.stem, *option, "--data", str(data), "-o", str(again)]) == 0
    with zipfile.ZipFile(document) as a, zipfile.ZipFile(again) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


@pytest.mark.slow
def test_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Codes that tie on their numbers (17a, 17b) are ordered by the code too, not by set order."""
    import os
    import subprocess
    import sys

    from docx_helpers import REAL

    xml = []
    for seed in ("1", "2"):
        out = tmp_path / f"report-{seed}.docx"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = ["report", "--quarter", "2024-Q3", "--draft", "--data", str(REAL), "-o", str(out)]
        subprocess.run([sys.executable, "-m", "ntm_plan", *args], check=True, env=env, capture_output=True)
        with zipfile.ZipFile(out) as docx:
            xml.append(docx.read("word/document.xml"))
    assert xml[0] == xml[1]


@pytest.mark.slow
def test_matplotlib_only_on_the_report_path(tmp_path: Path) -> None:
    from conftest import fresh_python
    from docx_helpers import REAL

    result = fresh_python(
        f"main(['gap', 'Duc', 'Dong', '--data', {str(REAL)!r}])",
        f"main(['status', '--data', {str(REAL)!r}])",
        f"main(['plan', '--year', '2024', '--data', {str(REAL)!r}, '-o', {str(tmp_path / 'kh.docx')!r}])",
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported off the report path'",
        f"main(['report', '--quarter', '2024-Q3', '--draft', '--data', {str(REAL)!r}, "
        f"'-o', {str(tmp_path / 'bc.docx')!r}])",
        "assert 'matplotlib' in sys.modules",
    )
    assert result.returncode == 0, result.stderr


def test_line_breaks_resolved_only_inside_text() -> None:
    from ntm_plan.documents.linear_template import LinearTemplate

    tpl = LinearTemplate.__new__(LinearTemplate)  # resolve_listing needs no document
    picture = "<w:p><w:r><w:drawing>\n  <wp:inline/>\n</w:drawing></w:r></w:p>"
    assert tpl.resolve_listing(picture) == picture
    text = '<w:p><w:r><w:t xml:space="preserve">dòng 1\ndòng 2</w:t></w:r></w:p>'
    assert "<w:br/>" in tpl.resolve_listing(text)
