"""The report tells the quarter or says it cannot.

On the shipped data nobody has reported on quý III/2024: `report` refuses (exit 1, NTM046
naming who has not reported) unless `--draft`, and a draft says DỰ THẢO. With the SYNTHETIC
progress of tests/data/synthetic-q3, the results name the works finished and the criteria
newly met in the quarter; the proposals go to the level above, never to the issuer itself;
a chart that would show one state only is left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docx_helpers import QUARTER, REAL, lines
from ntm_plan.cli import main
from ntm_plan.documents.report_quarter import reporting
from ntm_plan.evaluate.tasks import all_task_statuses
from ntm_plan.pipeline.load import load


def _body(path: Path) -> list[str]:
    text = lines(path)
    return text[: next(i for i, line in enumerate(text) if line.startswith("Nơi nhận:"))]


def _section(body: list[str], start: str, stop: str) -> list[str]:
    begin = next(i for i, line in enumerate(body) if line.startswith(start))
    end = next(i for i in range(begin + 1, len(body)) if body[i].startswith(stop))
    return body[begin + 1 : end]


def test_a_quarter_nobody_reported_on_is_refused(cli, tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    run = cli("report", "--quarter", "2024-Q3", "--data", str(REAL), "-o", str(out))
    assert run.code == 1
    assert "NTM046" in run.err and "quý III/2024 chưa có đơn vị nào báo cáo" in run.err
    assert "xã An Dũng" in run.err and "Phòng KT-HT" in run.err and "--draft" in run.err
    assert not out.exists()


def test_a_draft_says_so_in_its_header(cli, tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    assert cli("report", "--quarter", "2024-Q3", "--draft", "--data", str(REAL), "-o", str(out)).code == 0
    text = lines(out)
    assert text.index("DỰ THẢO") < text.index("BÁO CÁO")
    final = tmp_path / "final.docx"
    assert cli("report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(final)).code == 0
    assert "DỰ THẢO" not in lines(final)


def test_one_report_in_the_quarter_is_enough_and_a_day_outside_is_not() -> None:
    """A progress entry on the quarter's first day counts, one on the day before does not."""
    from datetime import date

    from ntm_plan.documents.common import in_plan_year

    data, _ = load(QUARTER)
    statuses = [s for s in all_task_statuses(data, date(2024, 9, 30)) if in_plan_year(s, 2024)]
    inside = reporting(data, statuses, date(2024, 6, 30), date(2024, 9, 30))
    assert "xã Hòa An" in inside.reported and "Phòng KT-HT" in inside.reported
    assert inside.silent == ("thị trấn Hòa Bình",)
    later = reporting(data, statuses, date(2024, 9, 30), date(2024, 12, 31))
    assert later.reported == ()


def test_results_name_the_works_done_and_the_criteria_newly_met(tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    assert main(["report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(out)]) == 0
    body = _body(out)
    results = _section(body, "1. Kết quả nổi bật trong quý", "2. ")
    done = next(line for line in results if line.startswith("- Hoàn thành 3 công trình, phần việc: "))
    assert (
        "Xây dựng thôn thông minh (xã Bình Minh)" in done
        and "Xây nhà tiêu hợp vệ sinh (xã Hòa An, 43 nhà tiêu)" in done
    )
    assert any(
        line.startswith("- Khối lượng thực hiện trong quý: ") and "(xã Hòa An) 100 m" in line for line in results
    )
    assert "- Tiêu chí đạt thêm trong quý: xã Bình Minh đạt thêm 1 tiêu chí (Thu nhập)." in results


def test_the_report_has_shortcomings_and_causes_and_asks_the_level_above(tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    assert main(["report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(out)]) == 0
    body = _body(out)
    assert "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in body
    overdue = _section(body, "2. Công trình, nhiệm vụ quá hạn", "3. ")
    assert overdue == ["- Phòng KT-HT (1): Rà soát hệ thống đường huyện (cấp huyện; hạn quý II/2024)."]
    assert any(line.startswith("III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM QUÝ IV/2024") for line in body)
    proposals = [line for line in body[body.index("IV. KIẾN NGHỊ") + 1 :] if line.startswith("- ")]
    assert proposals and not any(re.search(r"Ủy ban nhân dân huyện|UBND huyện", line) for line in proposals)


def test_real_proposals_go_to_the_province(tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    assert main(["report", "--quarter", "2024-Q3", "--draft", "--data", str(REAL), "-o", str(out)]) == 0
    body = _body(out)
    proposals = [line for line in body[body.index("IV. KIẾN NGHỊ") + 1 :] if line.startswith("- ")]
    assert proposals and all(line.startswith("- Đề nghị Ủy ban nhân dân tỉnh Hà Tĩnh") for line in proposals)
    assert not any("Đề nghị Ủy ban nhân dân huyện" in line for line in body)


@pytest.mark.slow
def test_a_chart_of_one_state_is_left_out(tmp_path: Path) -> None:
    """Nothing reported: every task 'chưa báo cáo' would be an all-grey chart; it is not drawn,
    and the text does not point to it."""
    out = tmp_path / "bc.docx"
    assert main(["report", "--quarter", "2024-Q3", "--draft", "--data", str(REAL), "-o", str(out)]) == 0
    body = _body(out)
    assert not any("Tình trạng nhiệm vụ theo đơn vị chủ trì" in line for line in body)
    assert any(line.startswith("Biểu đồ 1. Số tiêu chí") for line in body)
    tasks_intro = next(line for line in body if line.startswith("Tổng số "))
    assert "biểu đồ" not in tasks_intro
    full = tmp_path / "q3.docx"
    assert main(["report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(full)]) == 0
    assert "Biểu đồ 2. Tình trạng nhiệm vụ theo đơn vị chủ trì" in _body(full)
