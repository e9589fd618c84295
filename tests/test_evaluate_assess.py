"""`evaluate/assess.py` at its edges: whose commune group a set uses, which of a unit's own
targets it is measured against, a criterion statement against newer indicator evidence, and
the tier a unit stands at. Sets and units are built in the test (SYNTHETIC)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ntm_plan.evaluate.assess import assess, tier_status
from ntm_plan.evaluate.results import MET, NOT_APPLICABLE, NOT_MET, UNKNOWN, ChildStatus, EvalContext, Reason
from ntm_plan.evaluate.steps import (
    BooleanCheck,
    Conclusion,
    DefaultExpectation,
    FormMismatch,
    NoGroup,
    NoObservation,
    NoThreshold,
    ObservationUsed,
    StatedShortBy,
)
from test_evaluate import SRC, indicator, make_set, make_unit, one

GROUPS = [
    {"code": "1", "name": "Nhóm 1", "rule": "giả lập", "source": SRC, "verified": False},
    {"code": "2", "name": "Nhóm 2", "rule": "giả lập", "source": SRC, "verified": False},
]
BY_GROUP = [
    {"value": 80, "group": "1", "source": SRC, "verified": False},
    {"value": 70, "group": "2", "source": SRC, "verified": False},
]


def _grouped(set_id: str = "xa-nhom", **extra: Any):
    return make_set([indicator("1.1", thresholds=BY_GROUP)], set_id=set_id, groups=GROUPS, **extra)


def _in_group(group_set: str | None):
    group = {"code": "2", "source": SRC} | ({"set": group_set} if group_set else {})
    return make_unit([{"indicator": "1.1", "value": 75}], group=group)


@pytest.mark.parametrize(
    ("group_set", "set_extra", "expected"),
    [
        (None, {}, (MET, 70, None)),  # a group without `set:` is the target set's
        ("xa-nhom", {}, (MET, 70, None)),  # given for this very set
        ("xa-goc", {"base": "xa-goc"}, (MET, 70, None)),  # given for the set this one adjusts
        ("xa-khac", {}, (UNKNOWN, None, Reason.NO_GROUP)),  # another set's group says nothing here
        ("xa-khac", {"base": "xa-goc"}, (UNKNOWN, None, Reason.NO_GROUP)),
    ],
)
def test_a_unit_s_group_counts_for_its_set_and_the_set_s_base_only(
    group_set: str | None, set_extra: dict[str, Any], expected: tuple[object, object, object]
) -> None:
    result = one(_in_group(group_set), _grouped(**set_extra), "1.1", as_of=date(2024, 9, 30))
    assert (result.status, result.required, result.reason) == expected
    assert (NoGroup() in result.steps) == (result.reason == Reason.NO_GROUP)  # what `explain` words


TARGET = {"set": "bo-thu", "year": 2025, "source": SRC}


def _targets(*pairs: tuple[int, str], year: int | None = None):
    targets = [{"indicator": "10", "year": y, "value": Decimal(v), "source": SRC} for y, v in pairs]
    extra: dict[str, Any] = {"target": {**TARGET, "year": year}} if year else {}
    unit = make_unit([{"indicator": "10", "value": 50}], targets=targets, **extra)
    result = one(unit, make_set([indicator("10", kind="number", value=50)]), "10")
    assert result.target is not None
    return result.target.year, result.target.value


def test_the_unit_s_own_target_is_the_one_of_its_target_year_else_the_latest_and_highest() -> None:
    assert _targets((2024, "60"), (2025, "55"), (2026, "58"), year=2025) == (2025, Decimal(55))
    assert _targets((2024, "60"), (2026, "58"), year=2025) == (2026, Decimal(58))  # none of that year: the latest
    assert _targets((2025, "55"), (2025, "60")) == (2025, Decimal(60))  # two of one year: the higher
    assert _targets((2025, "0.5"), (2025, "0")) == (2025, Decimal("0.5"))
    assert _targets((2025, "0"), (2025, "-0.5")) == (2025, Decimal(0))


@pytest.mark.parametrize(("met", "expected"), [(True, MET), (False, NOT_MET)])
def test_a_criterion_statement_of_the_same_date_as_the_indicator_s_figure_wins(met: bool, expected: object) -> None:
    day = date(2024, 6, 30)
    figure = 40 if met else 60  # the figure says the opposite of the statement
    unit = make_unit(
        [{"indicator": "10", "value": figure, "as_of": day}, {"criterion": "10", "met": met, "as_of": day}],
        target=TARGET,
    )
    assessment = assess(unit, make_set([indicator("10", kind="number", value=50)]), date(2024, 9, 30))
    result = assessment.result_for("10")
    assert result is not None
    # the criterion follows the statement; the indicator is met either by it or by its figure of 60
    assert (assessment.criteria[0].status, result.status) == (expected, MET)
    assert (result.criterion_evidence is not None) == met


def test_only_a_boolean_indicator_without_threshold_is_expected_met() -> None:
    unit = make_unit([{"indicator": "10", "value": 50}, {"indicator": "4", "met": True}])
    cset = make_set([indicator("10", kind="number", thresholds=[]), indicator("4", kind="boolean", thresholds=[])])
    number, boolean = one(unit, cset, "10"), one(unit, cset, "4")
    assert [type(s) for s in number.steps] == [ObservationUsed, NoThreshold]
    assert (number.status, number.reason, number.current) == (UNKNOWN, Reason.NO_THRESHOLD, 50)
    assert [type(s) for s in boolean.steps] == [DefaultExpectation, ObservationUsed, BooleanCheck, Conclusion]


def test_a_figure_for_a_yes_or_no_indicator_cannot_be_judged() -> None:
    result = one(make_unit([{"indicator": "4", "value": 1}]), make_set([indicator("4", kind="boolean")]), "4")
    assert (result.status, result.reason) == (UNKNOWN, Reason.FORM_MISMATCH)
    assert result.steps[-1] == FormMismatch()


def test_without_a_threshold_the_current_value_is_the_figure_a_count_or_nothing() -> None:
    cset = make_set([indicator("10", kind="number", thresholds=[]), indicator("11", thresholds=[])])
    counted = make_unit([{"indicator": "10", "count": 7}, {"indicator": "11", "level": "cao"}])
    assert (one(counted, cset, "10").current, one(counted, cset, "10").reason) == (7, Reason.NO_THRESHOLD)
    levelled = one(counted, cset, "11")  # a level says no number
    assert (levelled.status, levelled.reason, levelled.current) == (UNKNOWN, Reason.NO_THRESHOLD, None)


def test_a_threshold_derived_from_an_unresolvable_one_is_not_resolved() -> None:
    def derived(base: str) -> list[dict[str, Any]]:
        return [
            {"derived": {"set": base, "indicator": "10", "factor": Decimal("1.1")}, "source": SRC, "verified": True}
        ]

    middle = make_set([indicator("10", kind="number", thresholds=derived("khong-co"))], set_id="giua")
    top = make_set([indicator("10", kind="number", thresholds=derived("giua"))], set_id="tren")
    result = one(
        make_unit([{"indicator": "10", "value": 60}]),
        top,
        "10",
        context=EvalContext(sets={"giua": middle, "tren": top}),
    )
    assert (result.status, result.reason, result.required) == (UNKNOWN, Reason.THRESHOLD_UNRESOLVED, None)


def test_a_town_s_assessment_says_nothing_of_a_commune_tier_and_back() -> None:
    town_set = make_set([indicator("10", kind="number", value=50)], tier="đô thị văn minh")
    unit = make_unit([{"indicator": "10", "value": 60}])
    assessment = assess(unit, town_set, date(2024, 9, 30))
    assert assessment.status == MET
    assert tier_status(unit, "đô thị văn minh", date(2024, 9, 30), assessment) == MET
    assert tier_status(unit, "đạt chuẩn", date(2024, 9, 30), assessment) == UNKNOWN


def test_a_level_for_a_share_or_a_threshold_not_resolved_cannot_be_compared() -> None:
    elsewhere = [{"derived": {"set": "khong-co", "indicator": "18", "factor": 1}, "source": SRC, "verified": True}]
    cset = make_set([indicator("17.1", value=54), indicator("18", thresholds=elsewhere)])
    unit = make_unit([{"indicator": "17.1", "level": "cao"}, {"indicator": "18", "value": 60}])
    levelled, unresolved = one(unit, cset, "17.1"), one(unit, cset, "18")
    assert (levelled.status, levelled.reason, levelled.steps[-1]) == (UNKNOWN, Reason.FORM_MISMATCH, FormMismatch())
    assert (unresolved.status, unresolved.reason, unresolved.steps[-1]) == (
        UNKNOWN,
        Reason.THRESHOLD_UNRESOLVED,
        FormMismatch(),
    )


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (60, {"đạt chuẩn": MET, "nâng cao": MET, "kiểu mẫu": UNKNOWN}),  # met at nâng cao: and below, not above
        (40, {"đạt chuẩn": UNKNOWN, "nâng cao": NOT_MET, "kiểu mẫu": NOT_MET}),  # short of nâng cao: and above
    ],
)
def test_an_assessment_at_one_tier_speaks_of_the_tiers_below_when_met_and_above_when_not(
    figure: int, expected: dict[str, object]
) -> None:
    unit = make_unit([{"indicator": "10", "value": figure}])
    assessment = assess(unit, make_set([indicator("10", kind="number", value=50)]), date(2024, 9, 30))
    assert {tier: tier_status(unit, tier, date(2024, 9, 30), assessment) for tier in expected} == expected
    assert tier_status(unit, "nâng cao", date(2024, 9, 30), None) == UNKNOWN


def test_the_steps_name_the_missing_figure_and_the_source_s_own_shortfall() -> None:
    cset = make_set(
        [indicator("17.8", value=90, count_unit="nhà"), indicator("15.1", value=5, direction="max", count_unit="hộ")]
    )
    missing = one(make_unit([]), cset, "17.8")
    assert [type(s) for s in missing.steps][1:] == [NoObservation] and missing.steps[1] == NoObservation(
        date(2024, 9, 30)
    )
    unit = make_unit([{"indicator": "17.8", "short_by": 0}, {"indicator": "15.1", "short_by": 3}])
    reached, poverty = one(unit, cset, "17.8"), one(unit, cset, "15.1")
    assert (reached.status, reached.needed, reached.steps[-1]) == (MET, 0, StatedShortBy(0, "nhà", True))
    assert (poverty.status, poverty.needed, poverty.steps[-1]) == (NOT_MET, 3, StatedShortBy(3, "hộ", False))


def test_an_aggregate_written_on_an_indicator_of_another_kind_is_not_counted() -> None:
    spec = {"unit_kind": "xã", "tier": "nâng cao"}
    cset = make_set([indicator("0.2", value=50, aggregate=spec)])
    children = (ChildStatus("Xã A", "xã", {"nâng cao": MET}),)
    result = one(make_unit([{"indicator": "0.2", "value": 40}]), cset, "0.2", context=EvalContext(children=children))
    assert (result.status, result.current, result.aggregate) == (NOT_MET, 40, None)


def test_a_criterion_none_of_whose_indicators_apply_does_not_apply_and_is_left_out_of_the_counts() -> None:
    cset = make_set(
        [indicator("13.1", kind="boolean"), indicator("14.1", kind="boolean"), indicator("15.1", kind="boolean")]
    )
    unit = make_unit(
        [
            {"indicator": "13.1", "applicable": False},
            {"indicator": "14.1", "met": True},
            {"indicator": "15.1", "met": False},
        ]
    )
    assessment = assess(unit, cset, date(2024, 9, 30))
    assert [c.status for c in assessment.criteria] == [NOT_APPLICABLE, MET, NOT_MET]
    assert assessment.counts == (1, 1, 0, 2)
    assert [c.criterion.code for c in assessment.not_met] == ["15"] and assessment.unknown == []
