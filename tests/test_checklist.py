"""The office's checklist before the plan is signed: what the signed text leaves out because
nobody has assessed it, unit by unit (shipped data; the counting is the evaluator's)."""

from __future__ import annotations

from datetime import date

from conftest import REAL_DATA
from ntm_plan.documents.checklist import plan_checklist, unknown_line
from ntm_plan.documents.plan import plan_context
from ntm_plan.evaluate.assess import assess
from ntm_plan.pipeline.load import load
from test_evaluate import indicator, make_set, make_unit


def test_what_the_plan_leaves_unsaid_is_on_the_checklist() -> None:
    data, _ = load(REAL_DATA)
    lines = plan_checklist(data, 2024)
    (an_dung,) = [line for line in lines if line.startswith("xã An Dũng:")]
    assert "chưa có kết quả rà soát 16 tiêu chí (Quy hoạch;" in an_dung
    (town,) = [line for line in lines if line.startswith("thị trấn Đức Thọ:")]
    assert "9 tiêu chí" in town and "chưa đánh giá điều kiện công nhận" in town
    assert any(line.startswith("huyện Đức Thọ:") for line in lines)
    # what is known is not on it: the appraised communes have no criterion left unassessed
    assert not any(line.startswith(("xã Đức Lạng:", "xã Hòa Lạc:", "xã Liên Minh:", "xã Tân Dân:")) for line in lines)
    # units founded after the plan's date are not part of it
    assert not any("xã Đức Minh" in line for line in lines)
    # and the plan itself counts none of it
    plan = plan_context(data, 2024)
    body = " ".join(u["summary"] for g in plan["commune_groups"] for u in g["units"])
    assert "chưa đánh giá" not in body and "chưa có kết quả rà soát" not in body


def test_a_unit_with_every_criterion_known_has_no_line() -> None:
    cset = make_set([indicator("1.1", value=50), indicator("2.1", value=50)])
    known = assess(
        make_unit([{"indicator": "1.1", "value": 60}, {"indicator": "2.1", "value": 40}]), cset, date(2024, 1, 1)
    )
    assert unknown_line("xã Thử", known) is None
    partly = assess(make_unit([{"indicator": "1.1", "value": 60}]), cset, date(2024, 1, 1))
    assert unknown_line("xã Thử", partly) == "xã Thử: chưa có kết quả rà soát 1 tiêu chí (Tiêu chí 2)."


def test_validate_for_plan_prints_the_checklist(cli) -> None:
    run = cli("validate", "--data", str(REAL_DATA), "--for", "plan", "--year", "2024")
    assert run.code == 0, run.err
    assert "Cần kiểm tra trước khi ký Kế hoạch năm 2024" in run.out
    assert "- xã An Dũng: chưa có kết quả rà soát 16 tiêu chí" in run.out
    assert "Cần kiểm tra" not in cli("validate", "--data", str(REAL_DATA)).out


def test_validate_for_something_else_or_without_a_year_says_so(cli) -> None:
    run = cli("validate", "--data", str(REAL_DATA), "--for", "report")
    assert run.code == 1 and "--for chỉ nhận 'plan'" in run.err and "Traceback" not in run.err
    run = cli("validate", "--data", str(REAL_DATA), "--for", "plan")
    assert run.code == 1 and "--for plan cần --year" in run.err
