"""What the plan says, read back from the .docx of the shipped data (and the synthetic set).

The plan states only what the reference plan or the data supports: no count over a total
for criteria not yet assessed, no working notes in the body, the department counts of
section IV equal to the rows of the annex, quantities once, every body with duties its
section, and a Kinh phí column only when some task carries an amount.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docx_helpers import REAL, SYNTHETIC, blocks, tables
from ntm_plan.cli import main
from ntm_plan.pipeline.load import load

FORBIDDEN_IN_BODY = ("chưa đối chiếu", "chưa đủ số liệu", "17a", "17b")


@pytest.fixture(scope="module")
def real_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "ke-hoach-2024.docx"
    assert main(["plan", "--year", "2024", "--data", str(REAL), "-o", str(out)]) == 0
    return out


def _paragraphs(path: Path) -> list[str]:
    return [b.text for b in blocks(path) if hasattr(b, "text")]


def _body(path: Path) -> list[str]:
    """The plan up to its annex ('Phụ lục' heading line)."""
    paragraphs = _paragraphs(path)
    return paragraphs[: paragraphs.index("Phụ lục")]


def test_no_working_notes_or_provisional_codes(real_plan: Path) -> None:
    body = "\n".join(_body(real_plan))
    for phrase in FORBIDDEN_IN_BODY:
        assert phrase not in body, phrase
    whole = "\n".join(_paragraphs(real_plan)) + "".join(c.text for t in tables(real_plan) for c in t._cells)
    assert "chưa đối chiếu" not in whole and not re.search(r"\b17[ab]\b", whole)


def test_unknown_criteria_are_never_a_zero(real_plan: Path) -> None:
    body = _body(real_plan)
    assert not any(re.search(r"(?<![0-9,.])0/[0-9]+ tiêu chí", line) for line in body)
    unknown_units = [line for line in body if line.startswith("+ ") and "chưa đánh giá" in line]
    assert unknown_units, "the shipped data has communes not yet assessed"
    for line in unknown_units:
        assert not re.search(r"[0-9]+/[0-9]+ tiêu chí", line), line


def test_department_counts_equal_annex_rows(real_plan: Path) -> None:
    dataset, _ = load(REAL)
    body = _body(real_plan)
    annex = tables(real_plan)[-1]
    rows = [[c.text for c in r.cells] for r in annex.rows[1:] if r.cells[0].text.isdigit()]
    checked = 0
    for dept in dataset.departments:
        heading = next(i for i, line in enumerate(body) if line.endswith(dept.name) and re.match(r"[0-9.]+ ", line))
        end = next((j for j in range(heading + 1, len(body)) if re.match(r"[0-9]+\.", body[j])), len(body))
        block = body[heading + 1 : end]
        led = sum(1 for r in rows if r[2] == dept.short)
        supported = sum(1 for r in rows if dept.short in r[3])
        said = " ".join(block)
        stated_led = re.search(r"[Cc]hủ trì ([0-9]+) nhiệm vụ", said)
        stated_support = re.search(r"phối hợp ([0-9]+) nhiệm vụ", said, re.IGNORECASE)
        assert (int(stated_led[1]) if stated_led else 0) == led, dept.name
        assert (int(stated_support[1]) if stated_support else 0) == supported, dept.name
        checked += led > 0
    assert checked >= 10
    communes = sum(1 for r in rows if r[2].startswith(("UBND xã ", "UBND thị trấn ")))
    assert any(f"Trực tiếp chủ trì {communes} nhiệm vụ" in line for line in body)


def test_every_body_with_duties_has_its_section(real_plan: Path) -> None:
    body = _body(real_plan)
    assert "3. Ủy ban Mặt trận Tổ quốc và các đoàn thể cấp huyện" in body
    assert "4. Trung tâm Văn hóa - Truyền thông huyện" in body
    survey = body.index("3. Ủy ban Mặt trận Tổ quốc và các đoàn thể cấp huyện") + 1
    assert "lấy ý kiến hài lòng của người dân" in body[survey]


def test_quantities_once_in_their_own_unit(real_plan: Path) -> None:
    text = "\n".join(_paragraphs(real_plan)) + "\n".join(c.text for c in tables(real_plan)[-1]._cells)
    assert "mua thiết bị phòng học: 1 trạm biến áp" not in text
    assert "xây mới hội trường và 1 trạm biến áp" in text
    assert text.count("5 tấn/ngày") >= 1 and ": 5 tấn/ngày" not in text


def test_targets_come_from_the_district_and_decisions_by_number(real_plan: Path) -> None:
    body = _body(real_plan)
    targets = body[body.index("3. Chỉ tiêu") : body.index("II. NỘI DUNG THỰC HIỆN")]
    assert "- Số xã đạt chuẩn NTM nâng cao xây dựng thêm: 2 - 3 xã." in targets
    assert not any(line.startswith("- Có thêm") for line in targets), "a count of titles is not a target"
    assert any("QĐ 36, 38, 39/2022" in line for line in body)


def test_no_kinh_phi_column_without_amounts(real_plan: Path, tmp_path: Path) -> None:
    header = [c.text for c in tables(real_plan)[-1].rows[0].cells]
    assert "Kinh phí (triệu đồng)" not in header
    assert not any("kinh phí của" in line for line in _body(real_plan))
    out = tmp_path / "kh.docx"
    assert main(["plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out)]) == 0
    assert [c.text for c in tables(out)[-1].rows[0].cells][-1] == "Kinh phí (triệu đồng)"
