"""The quarterly report: a leadership report whose annexes match the evaluator at the quarter's end."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from docx_helpers import QUARTER, REAL, SYNTHETIC, lines, poppler, tables, to_pdf
from ntm_plan.cli import main
from ntm_plan.documents.common import in_plan_year
from ntm_plan.evaluate.tasks import all_task_statuses
from ntm_plan.evaluate.units import assess_district
from ntm_plan.model.names import unit_heading
from ntm_plan.pipeline.load import load


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "bao-cao-quy-3-2024.docx"
    assert main(["report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def real_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real-report") / "bao-cao-quy-3-2024.docx"
    assert main(["report", "--quarter", "2024-Q3", "--draft", "--data", str(REAL), "-o", str(out)]) == 0
    return out


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def _body(path: Path) -> list[str]:
    """Everything before the first annex (the 'Biểu 1' heading line)."""
    text = lines(path)
    return text[: text.index("Biểu 1")]


def test_bieu1_matches_evaluator(report_docx: Path) -> None:
    dataset, _ = load(QUARTER)
    now = assess_district(dataset, date(2024, 9, 30))
    before = assess_district(dataset, date(2024, 6, 30))
    bieu1 = next(t for t in tables(report_docx) if t.cell(0, 1).text == "Đơn vị")
    rows = {r[1]: r for r in _rows(bieu1)[1:] if r[2]}  # item rows carry a target
    expected = [(u, now.units[u.id], before.units[u.id]) for u in dataset.units]
    assert dataset.district is not None
    expected.append((dataset.district, now.district, before.district))
    assert set(rows) == {unit_heading(u) for u, _, _ in expected}
    for unit, a, b in expected:
        row = rows[unit_heading(unit)]
        assert a is not None and b is not None
        assert row[3:6] == [str(a.counts.met), str(a.counts.not_met), str(a.counts.unknown)], unit.name
        if a.counts.unknown or b.counts.unknown:
            assert row[6] == "—", "a change is not computed over criteria not assessed"
    # the synthetic quarter moves Bình Minh's income past its threshold in September
    assert rows["Xã Bình Minh"][3:7] == ["1", "0", "0", "+1"]
    assert rows["Thị trấn Hòa Bình"][3:7] == ["0", "0", "1", "—"]


def test_bieu2_matches_task_statuses(report_docx: Path) -> None:
    dataset, _ = load(QUARTER)
    statuses = [s for s in all_task_statuses(dataset, date(2024, 9, 30)) if in_plan_year(s, 2024)]
    bieu2 = next(t for t in tables(report_docx) if t.cell(0, 1).text == "Nhiệm vụ")
    item_rows = [r for r in _rows(bieu2)[1:] if r[2]]
    assert len(item_rows) == len(statuses)
    states = {r[1]: r[7] for r in item_rows}
    assert states["Xây dựng thôn thông minh"] == "hoàn thành"
    assert states["Rà soát hệ thống đường huyện"] == "đang thực hiện, quá hạn"
    assert states["Nâng cấp nhà văn hóa thôn Đông"] == "chưa báo cáo"


def test_each_annex_is_headed_with_the_report_reference(report_docx: Path) -> None:
    text = lines(report_docx)
    refs = [i for i, line in enumerate(text) if line.startswith("(Kèm theo Báo cáo số")]
    assert len(refs) == 2
    assert text.index("Biểu 1") < refs[0] < text.index("Biểu 2") < refs[1]


def test_report_text_says_what_changed_and_what_is_late(report_docx: Path) -> None:
    body = "\n".join(_body(report_docx))
    assert "+ Xã Bình Minh: đạt 1/1 tiêu chí; đạt thêm 1 tiêu chí so với cuối quý II/2024 (Thu nhập)" in body
    assert "Xây nhà tiêu hợp vệ sinh (xã Hòa An, 43 nhà tiêu)" in body
    assert "- Khối lượng thực hiện trong quý: Đường A & B <đoạn 2> “mở rộng” (xã Hòa An) 100 m." in body
    assert "- Phòng KT-HT (1): Rà soát hệ thống đường huyện (cấp huyện; hạn quý II/2024)." in body
    assert "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM QUÝ IV/2024" in body
    assert "- Phòng KT-HT: Kêu gọi đầu tư bến xe (cấp huyện; hạn quý IV/2024)." in body
    assert "IV. KIẾN NGHỊ" in body


def test_each_task_at_most_once_in_the_body(real_report: Path, report_docx: Path) -> None:
    for path, data in ((real_report, REAL), (report_docx, QUARTER)):
        body = "\n".join(_body(path))
        dataset, _ = load(data)
        texts = {s.task.text.rstrip(". ") for s in all_task_statuses(dataset, date(2024, 9, 30))}
        repeated = [t for t in texts if body.count(t) > 1]
        assert not repeated, repeated[:3]
    assert body.count("chưa báo cáo tiến độ") <= 3


def test_report_carries_figures(report_docx: Path) -> None:
    with zipfile.ZipFile(report_docx) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        xml = docx.read("word/document.xml").decode()
    assert len(media) == 2 and xml.count("<pic:pic") == 2
    assert "Biểu đồ 1. Số tiêu chí theo trạng thái của từng đơn vị" in lines(report_docx)


def test_basis_and_provincial_recipients(real_report: Path) -> None:
    body = _body(real_report)
    opening = next(line for line in body if line.startswith("Thực hiện Kế hoạch"))
    assert opening.startswith("Thực hiện Kế hoạch xây dựng huyện Đức Thọ đạt chuẩn") and "năm 2024" in opening
    recipients = tables(real_report)[1].cell(0, 0).text
    assert "- Văn phòng Điều phối NTM tỉnh;" in recipients and "- UBND tỉnh Hà Tĩnh;" in recipients


@pytest.mark.slow
def test_real_report_body_fits_twelve_pages(real_report: Path, tmp_path: Path) -> None:
    pdf = to_pdf(real_report, tmp_path)
    text = subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    first_annex = next(i for i, page in enumerate(pages) if "Biểu 1" in page.strip().splitlines()[:3])
    assert first_annex <= 12, f"the body runs to {first_annex} pages"


def _strip_progress(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        kept, skipping = [], False
        for line in path.read_text(encoding="utf-8").splitlines():
            indent = len(line) - len(line.lstrip())
            if line.strip() == "progress:":
                skipping, base = True, indent
                continue
            if skipping and (line.strip().startswith("- {as_of") and indent > base):
                continue
            skipping = False
            kept.append(line)
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def test_no_progress_is_said_per_unit_not_per_task(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    _strip_progress(data)
    assert "progress" not in "".join(p.read_text(encoding="utf-8") for p in data.rglob("*.yaml"))
    out = tmp_path / "bc.docx"
    result = cli("report", "--quarter", "2024-Q3", "--data", str(data), "-o", str(out))
    assert result.code == 0, result.err
    body = _body(out)
    assert "- Chưa báo cáo tiến độ trong quý (1 xã, thị trấn): xã Hòa An." in body
    assert sum(1 for line in body if re.search("chưa báo cáo tiến độ", line, re.IGNORECASE)) == 2


def test_unknown_criteria_are_never_a_zero_in_the_report(real_report: Path) -> None:
    body = _body(real_report)
    assert not any(re.search(r"(?<![0-9,.])0/[0-9]+ (tiêu chí|xã)", line) for line in body)
    assert not any("chưa đánh giá" in line for line in body), "the checklist says what is unknown, not the report"
    an_dung = next(line for line in body if line.startswith("+ Xã An Dũng"))
    assert "tiêu chí phải hoàn thành" in an_dung and not re.search(r"[0-9]+/[0-9]+ tiêu chí", an_dung)


def test_the_report_cites_the_plan_of_its_year_by_the_plan_s_own_title(tmp_path: Path) -> None:
    """Huyện Đức Thọ's target is 2024: the 2025 plan is not titled 'đạt chuẩn … nâng cao năm 2025'."""
    plan, report = tmp_path / "ke-hoach.docx", tmp_path / "bao-cao.docx"
    assert main(["plan", "--year", "2025", "--data", str(REAL), "-o", str(plan)]) == 0
    assert main(["report", "--quarter", "2025-Q1", "--draft", "--data", str(REAL), "-o", str(report)]) == 0
    text = lines(plan)
    title = text[text.index("KẾ HOẠCH") + 1].removeprefix("Thực hiện ")
    assert title == "xây dựng nông thôn mới trên địa bàn huyện Đức Thọ năm 2025"
    assert any(line.startswith(f"Thực hiện Kế hoạch {title}, ") for line in _body(report))
