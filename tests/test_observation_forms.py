"""The observation forms documents use, and the wording of results (SYNTHETIC data)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from pydantic import ValidationError

from ntm_plan.evaluate.results import Reason, Status
from ntm_plan.present.explain import step_text
from ntm_plan.present.phrases import gap_text, observed, target_text
from test_evaluate import indicator, make_set, make_unit, one

POVERTY = indicator("15.1", value=5, direction="max", count_unit="hộ")


def test_count_with_a_stated_rate_derives_the_total_and_the_count_to_remove() -> None:
    # 150 poor households stated as 8,5%: total 150 / 0,085 = 1.764,7 → 1.765; at ≤ 5%
    # at most floor(88,25) = 88 may remain → 62 to remove
    cset = make_set([POVERTY])
    result = one(make_unit([{"indicator": "15.1", "count": 150, "stated_percent": Decimal("8.5")}]), cset, "15.1")
    check = next(s for s in result.steps if type(s).__name__ == "CountCheck")
    assert abs(check.total - 1765) <= 1
    assert result.status == Status.NOT_MET and result.needed == 62
    assert gap_text(result) == "cần giảm 62 hộ"
    assert "1.765" in step_text(check) and "tổng số suy ra" in step_text(check)
    assert observed(result) == "150 hộ (8,5% theo nguồn)"


def test_rate_with_a_total_derives_the_count_exactly() -> None:
    # 8,5% of 1.765 = 150,025 → 150 households; the rate decides the status
    cset = make_set([POVERTY])
    result = one(make_unit([{"indicator": "15.1", "value": Decimal("8.5"), "total": 1765}]), cset, "15.1")
    assert result.status == Status.NOT_MET and result.current == Fraction("8.5")
    assert result.needed == 150 - 88


def test_count_alone_is_shown_as_a_count_and_not_compared_with_a_share() -> None:
    cset = make_set([POVERTY])
    result = one(make_unit([{"indicator": "15.1", "count": 1388}]), cset, "15.1")
    assert result.status == Status.UNKNOWN and result.reason == Reason.NO_TOTAL
    assert observed(result) == "1.388 hộ"


def test_forms_outside_the_list_are_refused() -> None:
    with pytest.raises(ValidationError):
        make_unit([{"indicator": "15.1", "value": Decimal("8.5"), "stated_percent": Decimal("8.5")}])
    with pytest.raises(ValidationError):
        make_unit([{"indicator": "15.1", "total": 100}])
    with pytest.raises(ValidationError):
        make_unit([{"criterion": "15", "value": 3}])


def test_threshold_is_met_at_equality() -> None:
    # fails if >= becomes >: 243/450 is exactly 54%
    cset = make_set([indicator("17.1", value=54, count_unit="hộ"), indicator("10.1", value=55, kind="number")])
    unit = make_unit([{"indicator": "17.1", "count": 243, "total": 450}, {"indicator": "10.1", "value": 55}])
    assert one(unit, cset, "17.1").status == Status.MET
    assert one(unit, cset, "10.1").status == Status.MET
    below = make_unit(
        [{"indicator": "17.1", "count": 242, "total": 450}, {"indicator": "10.1", "value": Decimal("54.99")}]
    )
    assert one(below, cset, "17.1").status == Status.NOT_MET and one(below, cset, "10.1").status == Status.NOT_MET


def test_a_max_threshold_is_met_at_equality_and_says_cần_giảm() -> None:
    cset = make_set([indicator("15.1", value=5, direction="max")])
    at = one(make_unit([{"indicator": "15.1", "value": 5}]), cset, "15.1")
    above = one(make_unit([{"indicator": "15.1", "value": Decimal("6.5")}]), cset, "15.1")
    below = one(make_unit([{"indicator": "15.1", "value": Decimal("4.95")}]), cset, "15.1")
    assert at.status == Status.MET and above.status == Status.NOT_MET
    assert gap_text(above) == "cần giảm 1,5 điểm %"
    assert gap_text(below) == "vượt 0,05 điểm %"


def test_own_target_inherits_the_indicator_direction() -> None:
    # regression: a max indicator's own target read as "at least" unless repeated
    cset = make_set([indicator("15.1", value=5, direction="max")])
    target = {"indicator": "15.1", "year": 2024, "value": 3, "source": {"document": "giả lập"}}
    above = one(make_unit([{"indicator": "15.1", "value": 4}], targets=[target]), cset, "15.1")
    below = one(make_unit([{"indicator": "15.1", "value": Decimal("2.5")}], targets=[target]), cset, "15.1")
    assert above.target_gap == 1 and below.target_gap == 0
    assert target_text(above) == "năm 2024: ≤ 3%; cần giảm 1 điểm %"


def test_unassessed_communes_leave_a_district_aggregate_unknown() -> None:
    from ntm_plan.evaluate.results import ChildStatus, EvalContext

    spec = {"unit_kind": "xã", "tier": "đạt chuẩn"}
    cset = make_set([indicator("10.1", kind="aggregate", value=100, aggregate=spec)])
    unknown = [ChildStatus(f"X{i}", "xã", {"đạt chuẩn": Status.UNKNOWN}) for i in range(3)]
    met = [ChildStatus("M", "xã", {"đạt chuẩn": Status.MET})]
    result = one(make_unit([]), cset, "10.1", context=EvalContext({}, (*met, *unknown)))
    assert result.status == Status.UNKNOWN and result.reason == Reason.UNITS_UNASSESSED
    failing = [ChildStatus("F", "xã", {"đạt chuẩn": Status.NOT_MET})]
    assert one(make_unit([]), cset, "10.1", context=EvalContext({}, (*met, *failing))).status == Status.NOT_MET


def test_a_commune_failing_a_higher_tier_is_not_counted_as_failing_a_lower_one() -> None:
    from ntm_plan.evaluate.assess import assess, tier_status

    cset = make_set([indicator("1.1", value=50)])  # a nâng cao set
    unit = make_unit([{"indicator": "1.1", "value": 40}])
    assessment = assess(unit, cset, date(2024, 1, 1))
    assert assessment.status == Status.NOT_MET
    assert tier_status(unit, "đạt chuẩn", date(2024, 1, 1), assessment) == Status.UNKNOWN
    assert tier_status(unit, "nâng cao", date(2024, 1, 1), assessment) == Status.NOT_MET


def test_a_province_override_may_set_count_unit() -> None:
    # regression: `count_unit` was refused in an override, so a province set could not say
    # what a base indicator's counts count
    from ntm_plan.model import CriteriaSet
    from ntm_plan.model.sets import resolve_sets

    base = make_set([indicator("17.1", value=54)], set_id="goc")
    own = CriteriaSet.model_validate(
        {
            "id": "tinh",
            "name": "Bộ tỉnh (giả lập)",
            "level": "xã",
            "tier": "nâng cao",
            "period": [2022, 2025],
            "decision": {"document": "giả lập"},
            "base": "goc",
            "overrides": [{"indicator": "17.1", "count_unit": "hộ"}],
        }
    )
    resolved, problems = resolve_sets({"goc": base, "tinh": own})
    assert not problems
    found = resolved["tinh"].criteria[0].indicators[0]
    assert found.count_unit == "hộ" and found.thresholds == base.criteria[0].indicators[0].thresholds
