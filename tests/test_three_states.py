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
