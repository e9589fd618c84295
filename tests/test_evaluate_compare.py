"""`evaluate/compare.py` at its boundaries: how far a chain of derived thresholds is
followed, a base threshold missing, the unit's own target in its own direction, a stated
rate that decides at equality, the surplus of a met figure, rounding half up, and a level
the indicator does not list. Sets and units are built in the test (SYNTHETIC)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from ntm_plan.evaluate.compare import nearest
from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, AggregateCount, ChildStatus, EvalContext, Reason
from ntm_plan.evaluate.steps import (
    AggregateNeed,
    AggregateTally,
    BaseThresholdMissing,
    CountCheck,
    CountWithoutTotal,
    DerivedThreshold,
    FormMismatch,
    NoUnits,
)
from ntm_plan.present.phrases import gap_text
from test_evaluate import SRC, indicator, make_set, make_unit, one


def _derived(base: str, factor: str = "1") -> list[dict[str, Any]]:
    return [{"derived": {"set": base, "indicator": "10", "factor": Decimal(factor)}, "source": SRC, "verified": True}]


def _chain(derived_steps: int):  # type: ignore[no-untyped-def]
    """`derived_steps` sets each deriving its threshold from the next, the last one written: 50."""
    sets = {f"s{derived_steps}": make_set([indicator("10", kind="number", value=50)], set_id=f"s{derived_steps}")}
    for i in range(derived_steps):
        sets[f"s{i}"] = make_set([indicator("10", kind="number", thresholds=_derived(f"s{i + 1}"))], set_id=f"s{i}")
    return one(make_unit([{"indicator": "10", "value": 60}]), sets["s0"], "10", context=EvalContext(sets=sets))


def test_a_chain_of_six_derived_thresholds_is_followed_and_a_seventh_is_not() -> None:
    # the limit keeps a circle of sets deriving from each other from running forever
    assert (_chain(6).status, _chain(6).required) == (MET, 50)
    assert sum(isinstance(s, DerivedThreshold) for s in _chain(6).steps) == 6  # each one told by `explain`
    assert (_chain(7).status, _chain(7).reason) == (UNKNOWN, Reason.THRESHOLD_UNRESOLVED)


def test_a_circle_of_derived_thresholds_is_not_resolved() -> None:
    first = make_set([indicator("10", kind="number", thresholds=_derived("b"))], set_id="a")
    second = make_set([indicator("10", kind="number", thresholds=_derived("a"))], set_id="b")
    result = one(
        make_unit([{"indicator": "10", "value": 60}]), first, "10", context=EvalContext(sets={"a": first, "b": second})
    )
    assert (result.status, result.reason) == (UNKNOWN, Reason.THRESHOLD_UNRESOLVED)


def test_a_base_set_without_a_threshold_for_the_region_is_a_step_of_its_own() -> None:
    regional = [{"value": 50, "region": "Tây Nguyên", "source": SRC, "verified": True}]
    base = make_set([indicator("10", kind="number", thresholds=regional)], set_id="goc")
    top = make_set([indicator("10", kind="number", thresholds=_derived("goc"))], set_id="tren")
    sets = {"goc": base, "tren": top}
    result = one(make_unit([{"indicator": "10", "value": 60}]), top, "10", context=EvalContext(sets=sets))
    assert (result.status, result.reason) == (UNKNOWN, Reason.THRESHOLD_UNRESOLVED)
    assert BaseThresholdMissing("goc", "10") in result.steps
    elsewhere = one(
        make_unit([{"indicator": "10", "value": 60}], region="Tây Nguyên"), top, "10", context=EvalContext(sets=sets)
    )
    assert (elsewhere.status, elsewhere.required) == (MET, 50)


@pytest.mark.parametrize(
    ("direction", "value", "gap"),
    [(None, "45", 5), (None, "55", 0), ("max", "45", 0), ("max", "55", 5)],
)
def test_the_gap_to_the_unit_s_own_target_follows_the_target_s_direction(
    direction: str | None, value: str, gap: int
) -> None:
    # the indicator asks for at least 40; the unit's own target is 50, as a floor or a ceiling
    target = {"indicator": "10", "year": 2024, "value": 50, "source": SRC} | (
        {"direction": direction} if direction else {}
    )
    unit = make_unit([{"indicator": "10", "value": Decimal(value)}], targets=[target])
    assert one(unit, make_set([indicator("10", kind="number", value=40)]), "10").target_gap == gap


@pytest.mark.parametrize(("rate", "status", "needed"), [("54", MET, 0), ("53.5", NOT_MET, 2)])
def test_a_stated_rate_with_its_total_decides_at_equality(rate: str, status: object, needed: int) -> None:
    # 54 % of 450 = 243 exactly: met; 53,5 % of 450 = 240,75 → 241 households, 2 short of 243
    cset = make_set([indicator("17.1", value=54, count_unit="hộ")])
    result = one(make_unit([{"indicator": "17.1", "value": Decimal(rate), "total": 450}]), cset, "17.1")
    assert (result.status, result.needed) == (status, needed)
    check = next(s for s in result.steps if isinstance(s, CountCheck))
    assert (check.derived, check.stated) == ("count", Fraction(rate))


def test_a_max_rate_with_its_total_decides_at_equality() -> None:
    cset = make_set([indicator("15.1", value=5, direction="max", count_unit="hộ")])
    at = one(make_unit([{"indicator": "15.1", "value": 5, "total": 200}]), cset, "15.1")
    above = one(make_unit([{"indicator": "15.1", "value": Decimal("5.5"), "total": 200}]), cset, "15.1")
    assert (at.status, at.needed, at.surplus) == (MET, 0, 0)
    assert (above.status, above.needed, above.gap) == (NOT_MET, 1, Fraction("0.5"))  # 11 of 200, 10 allowed


def test_a_met_figure_says_how_far_beyond_the_threshold_it_is() -> None:
    cset = make_set(
        [indicator("10", kind="number", value=50), indicator("11", kind="number", value=5, direction="max")]
    )
    unit = make_unit([{"indicator": "10", "value": 62}, {"indicator": "11", "value": 3}])
    assert (one(unit, cset, "10").surplus, one(unit, cset, "10").gap) == (12, 0)
    assert (one(unit, cset, "11").surplus, one(unit, cset, "11").gap) == (2, 0)
    short = one(make_unit([{"indicator": "10", "value": 40}]), cset, "10")
    assert (short.surplus, short.gap) == (None, 10)


def test_a_count_without_its_total_says_the_count_it_has() -> None:
    cset = make_set([indicator("17.1", value=54, count_unit="hộ")])
    result = one(make_unit([{"indicator": "17.1", "count": 12}]), cset, "17.1")
    assert (result.status, result.reason, result.steps[-1]) == (UNKNOWN, Reason.NO_TOTAL, CountWithoutTotal(12))
    none_yet = one(make_unit([{"indicator": "17.1", "count": 0}]), cset, "17.1")
    assert none_yet.steps[-1] == CountWithoutTotal(0)  # "0 hộ", said as such


def test_rounding_is_half_up() -> None:
    assert [nearest(Fraction(x)) for x in ("1764.5", "1764.49", "150.5", "0.5", "2")] == [1765, 1764, 151, 1, 2]


LEVELS = ["mức độ 1", "mức độ 2", "mức độ 3"]


@pytest.mark.parametrize(
    ("observed", "required", "expected"),
    [
        ("mức độ 3", "mức độ 2", (MET, None)),
        ("mức độ 2", "mức độ 2", (MET, None)),
        ("mức độ 1", "mức độ 2", (NOT_MET, None)),
        ("mức độ 4", "mức độ 2", (UNKNOWN, Reason.FORM_MISMATCH)),  # validate reports it (NTM013)
    ],
)
def test_a_level_is_judged_by_its_rank_only_among_the_indicator_s_levels(
    observed: str, required: str, expected: object
) -> None:
    thresholds = [{"level": required, "source": SRC, "verified": True}]
    cset = make_set([indicator("5", kind="level", levels=LEVELS, thresholds=thresholds)])
    result = one(make_unit([{"indicator": "5", "level": observed}]), cset, "5")
    assert (result.status, result.reason) == expected
    assert (result.steps[-1] == FormMismatch()) == (result.reason == Reason.FORM_MISMATCH)
    assert result.required_level == (required if result.reason is None else None)


def test_a_level_threshold_without_a_level_leaves_the_indicator_unassessed() -> None:
    thresholds = [{"value": 2, "source": SRC, "verified": True}]
    cset = make_set([indicator("5", kind="level", levels=LEVELS, thresholds=thresholds)])
    result = one(make_unit([{"indicator": "5", "level": "mức độ 2"}]), cset, "5", as_of=date(2024, 9, 30))
    assert (result.status, result.reason) == (UNKNOWN, Reason.NO_LEVEL)


def test_a_rate_just_short_whose_count_already_reaches_the_bound_is_told_in_points() -> None:
    # 53,99 % of 450 = 242,955 → 243 households, the 243 that 54 % asks for: the rate still
    # decides (not met), no household is missing, and the shortfall is 0,01 percentage point
    cset = make_set([indicator("17.1", value=54, count_unit="hộ")])
    result = one(make_unit([{"indicator": "17.1", "value": Decimal("53.99"), "total": 450}]), cset, "17.1")
    assert (result.status, result.needed, result.gap) == (NOT_MET, 0, Fraction("0.01"))
    assert gap_text(result) == "còn thiếu 0,01 điểm %"


def test_a_count_at_a_ceiling_is_met() -> None:
    # ≤ 2 % of 450 allows exactly 9 poor households
    cset = make_set([indicator("11", value=2, direction="max", count_unit="hộ")])
    at = one(make_unit([{"indicator": "11", "count": 9, "total": 450}]), cset, "11")
    over = one(make_unit([{"indicator": "11", "count": 10, "total": 450}]), cset, "11")
    assert (at.status, at.needed, over.status, over.needed) == (MET, 0, NOT_MET, 1)


def _aggregate(children: list[ChildStatus], value: int | None = 50):  # type: ignore[no-untyped-def]
    spec = {"unit_kind": "xã", "tier": "nâng cao"}
    thresholds = [{"value": value, "source": SRC, "verified": True}] if value is not None else []
    cset = make_set([indicator("0.2", kind="aggregate", aggregate=spec, thresholds=thresholds)])
    return one(make_unit([]), cset, "0.2", context=EvalContext(children=tuple(children)))


def test_an_aggregate_counts_the_units_of_its_kind_and_tells_each_step() -> None:
    children = [
        ChildStatus("Xã Cẩm", "xã", {"nâng cao": MET}),
        ChildStatus("Xã An", "xã", {"nâng cao": MET}),
        ChildStatus("Xã Bình", "xã", {"nâng cao": NOT_MET}),
        ChildStatus("Xã Đông", "xã", {}),  # nothing known of its tier: not assessed
        ChildStatus("Thị trấn", "thị trấn", {"nâng cao": MET}),  # another kind: not counted
    ]
    result = _aggregate(children, 75)
    assert result.aggregate == AggregateCount(4, 2, 1, ("Xã An", "Xã Cẩm"))
    assert (result.status, result.reason, result.current, result.gap, result.needed) == (
        UNKNOWN,
        Reason.UNITS_UNASSESSED,
        50,
        25,
        1,
    )
    assert result.steps[1:] == (AggregateTally(2, 4, "xã", "nâng cao", Fraction(50), 1), AggregateNeed(75, 4, 3, 1))


def test_an_aggregate_without_units_or_without_a_threshold_is_not_assessed() -> None:
    nobody = _aggregate([ChildStatus("Thị trấn", "thị trấn", {"nâng cao": MET})])
    assert (nobody.status, nobody.reason, nobody.steps[-1]) == (UNKNOWN, Reason.NO_UNITS, NoUnits("xã"))
    unwritten = _aggregate([ChildStatus("Xã An", "xã", {"nâng cao": MET})], None)
    assert (unwritten.status, unwritten.reason, unwritten.current) == (UNKNOWN, Reason.NO_THRESHOLD, 100)
    assert isinstance(unwritten.steps[-1], AggregateTally)
