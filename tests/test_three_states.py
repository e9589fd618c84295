"""Three states everywhere: đạt, chưa đạt, chưa đánh giá (SYNTHETIC data)."""

from __future__ import annotations

from datetime import date

from ntm_plan.evaluate.assess import assess
from ntm_plan.evaluate.results import CriteriaCounts, Reason, Status
from ntm_plan.present.phrases import counts_text
from test_evaluate import indicator, make_set, make_unit, one


def test_status_words_are_the_json_words() -> None:
    assert [s.value for s in Status] == ["đạt", "chưa đạt", "chưa đánh giá", "không áp dụng"]


def test_unknown_is_never_counted_as_not_met() -> None:
    cset = make_set([indicator("1.1", value=50), indicator("2.1", value=50), indicator("3.1", value=50)])
    unit = make_unit([{"indicator": "1.1", "value": 60}, {"indicator": "2.1", "value": 40}])
    counts = assess(unit, cset, date(2024, 1, 1)).counts
    assert counts == CriteriaCounts(met=1, not_met=1, unknown=1, total=3)
    assert counts_text(counts) == "đạt 1 · chưa đạt 1 · chưa đánh giá 1 (trên 3 tiêu chí)"


def test_unknown_says_why() -> None:
    cset = make_set([indicator("1.1", value=50), indicator("2.1", thresholds=[])])
    unit = make_unit([{"indicator": "2.1", "value": 40}])
    assert one(unit, cset, "1.1").reason == Reason.NO_DATA
    no_threshold = one(unit, cset, "2.1")
    assert no_threshold.status == Status.UNKNOWN and no_threshold.reason == Reason.NO_THRESHOLD


def test_met_stated_on_a_percent_indicator_is_a_status_not_a_crash() -> None:
    # regression: `met: true` on a percent indicator with a threshold passed validate, then
    # gap/status stopped with AssertionError (exit 3)
    cset = make_set([indicator("17.1", value=54), indicator("17.2", value=54)])
    unit = make_unit([{"indicator": "17.1", "met": True}, {"indicator": "17.2", "met": False}])
    assert one(unit, cset, "17.1").status == Status.MET
    assert one(unit, cset, "17.2").status == Status.NOT_MET


def _criteria_set(n: int):
    return make_set([indicator(f"{c}.1", value=50) for c in range(1, n + 1)])


def test_criterion_statements_count_as_evidence() -> None:
    # 20 criteria: 11 stated met, 7 stated not met, 2 without evidence → 11 · 7 · 2
    cset = _criteria_set(20)
    stated = [{"criterion": str(c), "met": c <= 11} for c in range(1, 19)]
    unit = make_unit(stated, target={"set": "bo-thu", "year": 2024, "source": {"document": "x"}})
    assessment = assess(unit, cset, date(2024, 1, 1))
    assert assessment.counts == CriteriaCounts(met=11, not_met=7, unknown=2, total=20)
    assert counts_text(assessment.counts) == "đạt 11 · chưa đạt 7 · chưa đánh giá 2 (trên 20 tiêu chí)"
    assert assessment.criteria[0].indicators[0].status == Status.MET  # the indicator inherits "met"
    assert assessment.criteria[0].evidence is not None


def test_newer_indicator_evidence_wins_over_the_criterion_statement() -> None:
    cset = _criteria_set(2)
    unit = make_unit(
        [
            {"criterion": "1", "met": True, "set": "bo-thu", "as_of": date(2023, 12, 31)},
            {"indicator": "1.1", "value": 40, "as_of": date(2024, 6, 30)},  # newer: not met
            {"criterion": "2", "met": True, "set": "bo-thu", "as_of": date(2023, 12, 31)},
            {"indicator": "2.1", "value": 40, "as_of": date(2023, 6, 30)},  # older: the statement holds
        ]
    )
    assessment = assess(unit, cset, date(2024, 9, 30))
    first, second = assessment.criteria
    assert first.status == Status.NOT_MET and first.indicators[0].criterion_evidence is None
    assert second.status == Status.MET and second.indicators[0].criterion_evidence is not None
    # both pieces of evidence stay visible to explain
    assert second.indicators[0].observation is not None and second.evidence is not None


def test_a_not_met_statement_holds_until_every_indicator_has_newer_evidence() -> None:
    cset = make_set([indicator("1.1", value=50), indicator("1.2", value=50)])
    said = {"criterion": "1", "met": False, "set": "bo-thu", "as_of": date(2023, 12, 31)}
    one_newer = make_unit([said, {"indicator": "1.1", "value": 60, "as_of": date(2024, 3, 31)}])
    assert assess(one_newer, cset, date(2024, 9, 30)).criteria[0].status == Status.NOT_MET
    both = make_unit(
        [
            said,
            {"indicator": "1.1", "value": 60, "as_of": date(2024, 3, 31)},
            {"indicator": "1.2", "value": 60, "as_of": date(2024, 3, 31)},
        ]
    )
    assert assess(both, cset, date(2024, 9, 30)).criteria[0].status == Status.MET


def test_a_statement_scoped_to_another_set_is_not_used() -> None:
    cset = _criteria_set(1)
    unit = make_unit([{"criterion": "1", "met": True, "set": "bo-khac"}])
    assert assess(unit, cset, date(2024, 1, 1)).counts.unknown == 1


def test_a_title_granted_under_the_set_is_evidence_at_its_date() -> None:
    cset = _criteria_set(3)
    title = {"tier": "nâng cao", "year": 2022, "set": "bo-thu", "source": {"document": "QĐ công nhận (giả lập)"}}
    unit = make_unit([{"indicator": "1.1", "value": 40, "as_of": date(2024, 6, 30)}], titles=[title])
    counts = assess(unit, cset, date(2024, 9, 30)).counts
    assert counts == CriteriaCounts(met=2, not_met=1, unknown=0, total=3)
    assert assess(unit, cset, date(2021, 12, 31)).counts.unknown == 3  # not yet granted


def test_observation_dated_by_year_or_quarter_means_its_last_day() -> None:
    unit = make_unit(
        [{"indicator": "1.1", "value": 60, "as_of": 2023}, {"indicator": "2.1", "value": 1, "as_of": "2024-Q1"}]
    )
    assert unit.observations[0].as_of == date(2023, 12, 31)
    assert unit.observations[1].as_of == date(2024, 3, 31)


def test_unscoped_observation_outside_the_set_period_is_not_used() -> None:
    cset = _criteria_set(1)  # period 2021-2025
    unit = make_unit([{"indicator": "1.1", "value": 60, "as_of": date(2019, 12, 31)}])
    assessment = assess(unit, cset, date(2024, 1, 1))
    assert assessment.counts.unknown == 1 and len(assessment.outside_period) == 1


def test_explain_words_both_the_statement_and_the_older_indicator_figure() -> None:
    from ntm_plan.evaluate.steps import CriterionStatement
    from ntm_plan.present.explain import step_text

    cset = _criteria_set(1)
    unit = make_unit(
        [
            {"criterion": "1", "met": True, "set": "bo-thu", "as_of": date(2023, 12, 31)},
            {"indicator": "1.1", "value": 40, "as_of": date(2023, 6, 30)},
        ]
    )
    result = assess(unit, cset, date(2024, 1, 1)).criteria[0].indicators[0]
    texts = [step_text(s) for s in result.steps]
    assert any("40 so với ngưỡng ≥ 50" in t for t in texts)  # the indicator's own figure
    statement = next(s for s in result.steps if isinstance(s, CriterionStatement))
    assert "nguồn nêu cả tiêu chí đạt (ngày 31/12/2023)" in step_text(statement)
    assert "30/06/2023" in step_text(statement) and "không mới hơn" in step_text(statement)
