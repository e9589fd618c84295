"""What an official would strike out before signing never reaches a document or a form.

Rendered from the shipped data: the plan, the quarterly report and every Excel form. None
carries working notes ("Ghi chú để Văn phòng…", "(chỉ tiêu con chưa nhập)"), provenance in a
name ("(theo kế hoạch huyện …)"), a count of what nobody has assessed ("chưa đánh giá được"),
a missing goal written as a goal ("chưa xác định mục tiêu") or a symbol in running text ("≥").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from docx_helpers import REAL, text
from ntm_plan.cli import main

FORBIDDEN = (
    "chưa đánh giá được",
    "chưa xác định mục tiêu",
    "Ghi chú để Văn phòng",
    "(theo kế hoạch huyện",
    "chỉ tiêu con chưa nhập",
    "nội dung chưa đối chiếu",
    "≥",
    "≤",
    "điểm %",
)


def _found(content: str) -> list[str]:
    return [phrase for phrase in FORBIDDEN if phrase in content]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signed")
    assert main(["plan", "--year", "2024", "--data", str(REAL), "-o", str(out / "kh.docx")]) == 0
    code = main(["report", "--quarter", "2024-Q3", "--data", str(REAL), "-o", str(out / "bc.docx")])
    if code != 0:  # the shipped data has no progress for the quarter: the draft is what can be printed
        assert main(["report", "--quarter", "2024-Q3", "--draft", "--data", str(REAL), "-o", str(out / "bc.docx")]) == 0
    assert main(["form", "--quarter", "2024-Q3", "--data", str(REAL), "-o", str(out / "forms")]) == 0
    return out


@pytest.mark.slow
def test_plan_has_no_working_notes_or_symbols(rendered: Path) -> None:
    assert _found(text(rendered / "kh.docx")) == []


def test_report_has_no_working_notes_or_symbols(rendered: Path) -> None:
    assert _found(text(rendered / "bc.docx")) == []


def test_forms_have_no_working_notes_or_symbols(rendered: Path) -> None:
    forms = sorted((rendered / "forms").glob("*.xlsx"))
    assert len(forms) >= 20
    for form in forms:
        book = load_workbook(form)
        cells = "\n".join(
            str(cell.value)
            for sheet in book.worksheets
            if sheet.sheet_state == "visible"
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
        assert _found(cells) == [], form.name


def test_plan_names_without_provenance(rendered: Path) -> None:
    content = text(rendered / "kh.docx")
    assert "Khu dân cư nông thôn mới kiểu mẫu" in content
    assert "tối thiểu 55%" in content
