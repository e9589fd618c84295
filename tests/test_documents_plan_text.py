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
    """A criterion nobody has assessed is not counted in a sentence: no '0/20', no 'N/20' for a
    commune with criteria not assessed (An Dũng), no 'chưa đánh giá' count at all."""
    body = _body(real_plan)
    assert not any(re.search(r"(?<![0-9,.])0/[0-9]+ tiêu chí", line) for line in body)
    assert not any("tiêu chí chưa đánh giá" in line for line in body)
    an_dung = next(line for line in body if line.startswith("+ Xã An Dũng"))
    assert "còn" in an_dung and "tiêu chí phải hoàn thành" in an_dung, an_dung
    assert not re.search(r"[0-9]+/[0-9]+ tiêu chí", an_dung), an_dung


def test_departments_name_their_criteria_and_indicators_not_counts(real_plan: Path) -> None:
    """Section IV names each department's criteria and indicators by number, as the reference
    plan assigns them ('tiêu chí số 6 Kinh tế (chỉ tiêu 6.1, 6.3)'), never 'và 1 chỉ tiêu
    khác' or a count of annex rows in place of the content."""
    body = "\n".join(_body(real_plan))
    assert not re.search(r"[Cc]hủ trì [0-9]+ nhiệm vụ", body)
    assert not re.search(r"phối hợp [0-9]+ nhiệm vụ", body)
    assert "chỉ tiêu khác" not in body
    assert not re.search(r"\([0-9]+ chỉ tiêu\)", body)
    assert "tiêu chí số 6 Kinh tế (chỉ tiêu 6.1)" in body
    assert "tiêu chí số 7 Môi trường (chỉ tiêu 7.1, 7.2, 7.4, 7.5)" in body


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
    table = tables(real_plan)[1]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert ["3", "Số xã đạt chuẩn NTM nâng cao xây dựng thêm", "xã", "ít nhất 2 - 3"] in rows
    assert not any(re.match(r"- [^:]+: [0-9]", line) for line in targets), "no 'Nhãn: giá trị' lines"
    assert not any(line.startswith("- Có thêm") for line in targets), "a count of titles is not a target"
    assert any("QĐ 36, 38, 39/2022" in line for line in body)


def test_no_kinh_phi_column_without_amounts(real_plan: Path, tmp_path: Path) -> None:
    header = [c.text for c in tables(real_plan)[-1].rows[0].cells]
    assert "Kinh phí (triệu đồng)" not in header
    assert not any("kinh phí của" in line for line in _body(real_plan))
    out = tmp_path / "kh.docx"
    assert main(["plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out)]) == 0
    assert [c.text for c in tables(out)[-1].rows[0].cells][-1] == "Kinh phí (triệu đồng)"
