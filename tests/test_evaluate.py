"""The evaluator on small synthetic fixtures with hand-computed expectations (SYNTHETIC data)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ntm_plan.evaluate.assess import assess
from ntm_plan.evaluate.results import MET, NOT_APPLICABLE, NOT_MET, UNKNOWN, ChildStatus, EvalContext, Reason
from ntm_plan.evaluate.units import current_title
from ntm_plan.model import CriteriaSet, Unit

SRC = {"document": "giả lập (SYNTHETIC)"}


def make_set(indicators: list[dict[str, Any]], set_id: str = "bo-thu", **extra: Any) -> CriteriaSet:
    criteria: dict[str, list[dict[str, Any]]] = {}
    for ind in indicators:
        criteria.setdefault(ind["code"].split(".")[0], []).append(ind)
    return CriteriaSet.model_validate(
        {
            "id": set_id,
            "name": "Bộ thử",
            "level": "xã",
            "tier": "nâng cao",
            "period": [2021, 2025],
            "decision": SRC,
            "criteria": [{"code": c, "name": f"Tiêu chí {c}", "indicators": inds} for c, inds in criteria.items()],
            **extra,
        }
    )


def indicator(code: str, kind: str = "percent", value: Any = None, **extra: Any) -> dict[str, Any]:
    thresholds = extra.pop("thresholds", None)
    if thresholds is None:
        form = {"expect": True} if kind == "boolean" else {"value": value}
        thresholds = [{**form, "source": SRC, "verified": True}]
    return {"code": code, "name": f"Chỉ tiêu {code}", "kind": kind, "thresholds": thresholds, **extra}


def make_unit(observations: list[dict[str, Any]], region: str = "Bắc Trung Bộ", **extra: Any) -> Unit:
    obs = [{"as_of": date(2023, 12, 31), "source": SRC, **o} for o in observations]
    return Unit.model_validate(
        {"id": "xa-thu", "name": "Xã Thử", "kind": "xã", "region": region, "observations": obs, **extra}
    )


def one(unit: Unit, cset: CriteriaSet, code: str, as_of: date = date(2024, 9, 30), context: EvalContext | None = None):
    result = assess(unit, cset, as_of, context).result_for(code)
    assert result is not None
    return result


def test_count_needed_uses_exact_arithmetic() -> None:
    # 54% of 450 = 243 exactly; floats give 243.00000000000003 and would ask for 244
    cset = make_set([indicator("17.1", value=54, count_unit="hộ")])
    result = one(make_unit([{"indicator": "17.1", "count": 200, "total": 450}]), cset, "17.1")
    assert result.status == NOT_MET
    assert result.needed == 43
    assert result.required == 54


def test_count_reaching_the_threshold_exactly_is_met() -> None:
    cset = make_set([indicator("17.1", value=54)])
    result = one(make_unit([{"indicator": "17.1", "count": 243, "total": 450}]), cset, "17.1")
    assert (result.status, result.needed, result.gap) == (MET, 0, 0)


def test_maximum_threshold_counts_what_must_be_reduced() -> None:
    # ≤ 2% of 450 allows floor(9) = 9 poor households; 12 means 3 must leave poverty
    cset = make_set([indicator("11", value=2, direction="max", count_unit="hộ")])
    result = one(make_unit([{"indicator": "11", "count": 12, "total": 450}]), cset, "11")
    assert result.status == NOT_MET
    assert result.needed == 3
    assert result.gap == Fraction(100 * 12, 450) - 2


def test_value_gap_is_direction_aware() -> None:
    cset = make_set(
        [
            indicator("10", kind="number", value=55, unit="triệu đồng/người/năm"),
            indicator("15.3", value=25, direction="max"),
        ]
    )
    unit = make_unit([{"indicator": "10", "value": Decimal("50.02")}, {"indicator": "15.3", "value": Decimal("26.5")}])
    income = one(unit, cset, "10")
    assert income.status == NOT_MET and income.gap == Fraction("4.98")
    stunting = one(unit, cset, "15.3")
    assert stunting.status == NOT_MET and stunting.gap == Fraction("1.5")


def test_missing_observation_is_no_data_not_zero() -> None:
    cset = make_set([indicator("18.1", value=55)])
    result = one(make_unit([]), cset, "18.1")
    assert result.status == UNKNOWN
    assert result.gap is None and result.needed is None and result.current is None


def test_not_applicable_indicator_does_not_count_against_the_criterion() -> None:
    cset = make_set([indicator("13.1", kind="boolean"), indicator("13.4", kind="boolean", optional=True)])
    unit = make_unit([{"indicator": "13.1", "met": True}, {"indicator": "13.4", "applicable": False}])
    assessment = assess(unit, cset, date(2024, 9, 30))
    assert assessment.result_for("13.4").status == NOT_APPLICABLE
    assert assessment.criteria[0].status == MET


def test_boolean_without_a_written_threshold_expects_met() -> None:
    cset = make_set([indicator("4", kind="boolean", thresholds=[])])
    met = one(make_unit([{"indicator": "4", "met": True}]), cset, "4")
    unmet = one(make_unit([{"indicator": "4", "met": False}]), cset, "4")
    missing = one(make_unit([]), cset, "4")
    assert (met.status, met.reason) == (MET, None)
    assert unmet.status == NOT_MET
    assert (missing.status, missing.reason) == (UNKNOWN, Reason.NO_DATA)


def test_boolean_threshold_written_false_expects_absence() -> None:
    cset = make_set([indicator("4", kind="boolean", thresholds=[{"expect": False, "source": SRC, "verified": True}])])
    assert one(make_unit([{"indicator": "4", "met": False}]), cset, "4").status == MET
    assert one(make_unit([{"indicator": "4", "met": True}]), cset, "4").status == NOT_MET


def test_observation_after_as_of_is_ignored() -> None:
    cset = make_set([indicator("10", kind="number", value=55)])
    unit = make_unit([{"indicator": "10", "value": 50}, {"indicator": "10", "value": 60, "as_of": date(2024, 12, 31)}])
    assert one(unit, cset, "10", as_of=date(2024, 9, 30)).status == NOT_MET
    assert one(unit, cset, "10", as_of=date(2025, 1, 1)).status == MET
    assert assess(unit, cset, date(2024, 9, 30)).ignored_later == 1


def test_thresholds_depend_on_region_and_year() -> None:
    thresholds = [
        {"value": 50, "source": SRC, "verified": True},
        {"value": 55, "region": "Bắc Trung Bộ", "from_year": 2024, "source": SRC, "verified": False},
        {"value": 60, "region": "Đồng bằng sông Hồng", "source": SRC, "verified": False},
    ]
    cset = make_set([indicator("10", kind="number", thresholds=thresholds)])
    obs = [{"indicator": "10", "value": 52, "as_of": date(2023, 1, 31)}]
    assert one(make_unit(obs), cset, "10", as_of=date(2023, 6, 30)).required == 50
    assert one(make_unit(obs), cset, "10", as_of=date(2024, 6, 30)).required == 55
    assert one(make_unit(obs, region="Đồng bằng sông Hồng"), cset, "10").required == 60
    assert one(make_unit(obs, region="Tây Nguyên"), cset, "10").required == 50


def test_derived_threshold_is_110_percent_of_the_base_set() -> None:
    base = make_set([indicator("10", kind="number", value=55)], set_id="nang-cao")
    factor = Decimal("1.1")
    derived = [{"derived": {"set": "nang-cao", "indicator": "10", "factor": factor}, "source": SRC, "verified": True}]
    model = make_set([indicator("1", kind="number", thresholds=derived)], set_id="kieu-mau")
    context = EvalContext(sets={"nang-cao": base, "kieu-mau": model})
    result = one(make_unit([{"indicator": "1", "value": 60}]), model, "1", context=context)
    assert result.required == Fraction("60.5")
    assert result.status == NOT_MET and result.gap == Fraction("0.5")


def test_count_of_parts_reports_how_many_more() -> None:
    cset = make_set([indicator("19.1", kind="parts", value=100, count_unit="khu dân cư")])
    result = one(make_unit([{"indicator": "19.1", "count": 7, "total": 9}]), cset, "19.1")
    assert result.status == NOT_MET and result.needed == 2


def test_short_by_from_the_source_is_the_count_needed() -> None:
    cset = make_set([indicator("17.8", value=90, count_unit="nhà vệ sinh")])
    result = one(make_unit([{"indicator": "17.8", "short_by": 251}]), cset, "17.8")
    assert result.status == NOT_MET and result.needed == 251 and result.required == 90


def test_ordered_level() -> None:
    levels = ["mức độ 1", "mức độ 2"]
    thresholds = [{"level": "mức độ 2", "source": SRC, "verified": True}]
    cset = make_set([indicator("5", kind="level", levels=levels, thresholds=thresholds)])
    assert one(make_unit([{"indicator": "5", "level": "mức độ 1"}]), cset, "5").status == NOT_MET
    assert one(make_unit([{"indicator": "5", "level": "mức độ 2"}]), cset, "5").status == MET


def test_aggregate_over_communes() -> None:
    thresholds = [{"value": 10, "source": SRC, "verified": True}]
    cset = make_set(
        [indicator("0.2", kind="aggregate", aggregate={"unit_kind": "xã", "tier": "nâng cao"}, thresholds=thresholds)]
    )
    children = [ChildStatus(f"Xã {i}", "xã", {"nâng cao": MET if i < 1 else NOT_MET}) for i in range(15)]
    children.append(ChildStatus("Thị trấn", "thị trấn", {"đô thị văn minh": MET}))
    result = one(make_unit([]), cset, "0.2", context=EvalContext(children=tuple(children)))
    # 1 of 15 communes = 6.67% < 10%; 10% of 15 = 1.5 → 2 needed, 1 more
    assert result.status == NOT_MET and result.needed == 1 and result.aggregate.total == 15


def test_unit_target_gap() -> None:
    cset = make_set([indicator("10", kind="number", value=50)])
    target = [{"indicator": "10", "year": 2024, "value": 55, "source": SRC}]
    unit = make_unit([{"indicator": "10", "value": Decimal("50.02")}], targets=target)
    result = one(unit, cset, "10")
    assert result.status == MET and result.target_gap == Fraction("4.98")


@given(
    total=st.integers(min_value=1, max_value=5000),
    pct=st.integers(min_value=0, max_value=100),
    data=st.data(),
    direction=st.sampled_from(["min", "max"]),
)
def test_gap_is_zero_exactly_when_met(total: int, pct: int, data: st.DataObject, direction: str) -> None:
    count = data.draw(st.integers(min_value=0, max_value=total))
    cset = make_set([indicator("1.1", value=pct, direction=direction)])
    result = one(make_unit([{"indicator": "1.1", "count": count, "total": total}]), cset, "1.1")
    assert (result.status == MET) == (result.needed == 0) == (result.gap == 0)
    exact_share = Fraction(100 * count, total)
    assert (result.status == MET) == (exact_share >= pct if direction == "min" else exact_share <= pct)


@given(
    low=st.decimals(min_value=0, max_value=200, places=2),
    high=st.decimals(min_value=0, max_value=200, places=2),
    threshold=st.decimals(min_value=0, max_value=200, places=2),
)
def test_gap_is_monotone_in_the_observed_value(low: Decimal, high: Decimal, threshold: Decimal) -> None:
    low, high = min(low, high), max(low, high)
    cset = make_set([indicator("10", kind="number", value=threshold)])
    gap_low = one(make_unit([{"indicator": "10", "value": low}]), cset, "10").gap
    gap_high = one(make_unit([{"indicator": "10", "value": high}]), cset, "10").gap
    assert gap_high <= gap_low


@given(seed=st.integers(min_value=0, max_value=10_000))
def test_result_does_not_depend_on_order(seed: int) -> None:
    observations = [
        {"indicator": "10", "value": 50, "as_of": date(2023, 12, 31)},
        {"indicator": "10", "value": 56, "as_of": date(2024, 6, 30)},
        {"indicator": "10", "value": 58, "as_of": date(2024, 6, 30), "note": "cùng ngày"},
        {"indicator": "17.1", "count": 300, "total": 450},
    ]
    inds = [indicator("10", kind="number", value=55), indicator("17.1", value=54)]
    shuffled_obs, shuffled_inds = observations[:], inds[:]
    rng = random.Random(seed)
    rng.shuffle(shuffled_obs)
    rng.shuffle(shuffled_inds)
    first = assess(make_unit(observations), make_set(inds), date(2024, 9, 30))
    second = assess(make_unit(shuffled_obs), make_set(shuffled_inds), date(2024, 9, 30))

    def summary(a):
        return sorted((r.indicator.code, r.status, r.current, r.gap, r.needed) for r in a.indicators())

    assert summary(first) == summary(second)


def test_current_title_prefers_the_undisputed_record_of_a_tier() -> None:
    # synthetic: the plan says nâng cao 2020, a newspaper 2021 and records the disagreement
    disputed = {"tier": "nâng cao", "year": 2021, "source": SRC, "disagreement": "nguồn khác ghi 2020"}
    plain = {"tier": "nâng cao", "year": 2020, "source": SRC}
    unit = make_unit([], titles=[plain, disputed])
    assert current_title(unit, date(2024, 1, 1)) == "NTM nâng cao (2020)"
    later = make_unit([], titles=[plain, {**disputed, "disagreement": None}])
    assert current_title(later, date(2024, 1, 1)) == "NTM nâng cao (2021)"
    higher = make_unit([], titles=[plain, {**disputed, "tier": "kiểu mẫu"}])
    assert current_title(higher, date(2024, 1, 1)) == "NTM kiểu mẫu (2021)"
