"""`evaluate/evidence.py`: which observations, titles and summary claims an assessment may
use. Boundaries of the set's period and of the evaluation date, the scope of `set:`, and
which of two statements about a criterion wins. Sets and units are SYNTHETIC."""

from __future__ import annotations

from datetime import date
from typing import Any

from ntm_plan.evaluate.evidence import gather, holds_title, set_lineage
from ntm_plan.model import CriteriaSet
from test_evaluate import SRC, indicator, make_set, make_unit

THREE = [indicator(code, kind="number", value=50) for code in ("1", "2", "3")]
TARGET = {"set": "bo-thu", "year": 2025, "source": SRC}


def _used(
    unit_obs: list[dict[str, Any]],
    as_of: date,
    cset: CriteriaSet | None = None,
    sets: dict[str, CriteriaSet] | None = None,
    **unit: Any,
):
    cset = cset or make_set(THREE)
    found = gather(make_unit(unit_obs, **unit), cset, sets or {cset.id: cset}, as_of)
    return found


def test_figures_count_from_the_first_to_the_last_year_of_the_set_s_period() -> None:
    observations = [
        {"indicator": "1", "value": 1, "as_of": date(2020, 12, 31)},
        {"indicator": "2", "value": 2, "as_of": date(2021, 1, 1)},
        {"indicator": "3", "value": 3, "as_of": date(2025, 12, 31)},
        {"indicator": "3", "value": 4, "as_of": date(2026, 1, 1)},
    ]
    found = _used(observations, date(2026, 6, 30))
    assert {code: obs.value for code, obs in found.indicators.items()} == {"2": 2, "3": 3}
    assert [obs.value for obs in found.outside_period] == [1, 4]


def test_a_figure_written_for_the_set_counts_whatever_its_date() -> None:
    found = _used([{"indicator": "1", "value": 1, "as_of": date(2020, 12, 31), "set": "bo-thu"}], date(2024, 1, 1))
    assert found.indicators["1"].value == 1 and found.outside_period == ()


def test_a_figure_dated_on_the_evaluation_day_counts_and_a_later_one_is_counted_as_ignored() -> None:
    day = date(2024, 9, 30)
    later = [
        {"indicator": "2", "value": 2, "as_of": date(2024, 10, 1)},
        {"indicator": "3", "value": 3, "as_of": date(2025, 1, 1)},
    ]
    found = _used([later[0], {"indicator": "1", "value": 1, "as_of": day}, later[1]], day)  # mixed order
    assert list(found.indicators) == ["1"] and found.ignored_later == 2


def test_a_figure_for_a_set_counts_for_the_sets_built_on_it_only() -> None:
    base = make_set(THREE, set_id="goc")
    middle = make_set(THREE, set_id="giua", base="goc")
    top = make_set(THREE, set_id="tren", base="giua")
    sets = {s.id: s for s in (base, middle, top)}
    assert set_lineage(top, sets) == {"tren", "giua", "goc"}
    assert set_lineage(make_set(THREE, set_id="le", base="khong-co"), sets) == {"le", "khong-co"}
    observations = [
        {"indicator": "1", "value": 1, "set": "goc"},
        {"indicator": "2", "value": 2, "set": "khac"},
        {"indicator": "3", "value": 3, "set": "tren"},
    ]
    assert sorted(_used(observations, date(2024, 1, 1), top, sets).indicators) == ["1", "3"]
    assert sorted(_used(observations, date(2024, 1, 1), middle, sets).indicators) == ["1"]


def _said(found) -> dict[str, tuple[bool, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {code: (s.met, s.title, s.summary) for code, s in found.criteria.items()}


def test_a_statement_about_a_criterion_speaks_of_its_own_set_or_of_the_target_set() -> None:
    day = date(2024, 6, 30)
    statements = [
        {"criterion": "1", "met": True, "as_of": day},  # no set: the target set's
        {"criterion": "2", "met": False, "as_of": day, "set": "bo-thu"},
        {"criterion": "3", "met": True, "as_of": day, "set": "bo-khac"},
    ]
    assert _said(_used(statements, day, target=TARGET)) == {"1": (True, None, None), "2": (False, None, None)}
    assert _said(_used(statements, day)) == {"2": (False, None, None)}  # no target: "1" of which set?
    later = _used([{**statements[0], "as_of": date(2024, 7, 1)}], day, target=TARGET)
    assert later.criteria == {} and later.ignored_later == 1


def test_a_title_under_the_set_says_every_criterion_is_met_from_the_day_it_is_held() -> None:
    title = {"tier": "nâng cao", "year": 2023, "decision_date": date(2023, 6, 30), "set": "bo-thu", "source": SRC}
    held = _used([], date(2023, 6, 30), titles=[title])
    assert _said(held) == {code: (True, "nâng cao năm 2023", None) for code in ("1", "2", "3")}
    assert _used([], date(2023, 6, 29), titles=[title]).criteria == {}
    assert _used([], date(2023, 6, 30), titles=[{**title, "set": "bo-khac"}]).criteria == {}


def test_of_two_statements_the_later_wins_and_on_one_date_the_one_about_the_criterion_itself() -> None:
    title = {"tier": "nâng cao", "year": 2023, "decision_date": date(2023, 6, 30), "set": "bo-thu", "source": SRC}
    same_day = [{"criterion": "1", "met": False, "as_of": date(2023, 6, 30)}]
    earlier = [{"criterion": "1", "met": False, "as_of": date(2023, 6, 29)}]
    later = [{"criterion": "1", "met": False, "as_of": date(2023, 7, 1)}]
    assert _said(_used(same_day, date(2024, 1, 1), titles=[title], target=TARGET))["1"] == (False, None, None)
    assert _said(_used(earlier, date(2024, 1, 1), titles=[title], target=TARGET))["1"] == (
        True,
        "nâng cao năm 2023",
        None,
    )
    assert _said(_used(later, date(2024, 1, 1), titles=[title], target=TARGET))["1"] == (False, None, None)


def test_a_summary_claim_counts_from_its_date_for_its_set_or_the_target_set() -> None:
    claim = {"criteria_met": 3, "total": 3, "as_of": date(2024, 6, 30), "source": SRC}
    all_met = {code: (True, None, "đạt 3/3 tiêu chí") for code in ("1", "2", "3")}
    assert _said(_used([], date(2024, 6, 30), claims=[claim], target=TARGET)) == all_met
    assert _used([], date(2024, 6, 29), claims=[claim], target=TARGET).criteria == {}
    assert _used([], date(2024, 6, 30), claims=[claim]).criteria == {}  # no set and no target
    assert _said(_used([], date(2024, 6, 30), claims=[{**claim, "set": "bo-thu"}])) == all_met
    assert _used([], date(2024, 6, 30), claims=[{**claim, "set": "bo-khac"}], target=TARGET).criteria == {}
    assert _used([], date(2024, 6, 30), claims=[{**claim, "criteria_met": 4, "total": 4}], target=TARGET).criteria == {}


def test_a_complete_list_of_criteria_not_met_or_met_says_the_others_are_the_opposite() -> None:
    day = date(2024, 6, 30)
    listed = [{"criterion": "2", "met": False, "as_of": day}]
    not_met_list = {"criteria_met": 2, "total": 3, "as_of": day, "source": SRC, "complete": "not_met"}
    found = _said(_used(listed, day, claims=[not_met_list], target=TARGET))
    assert found == {
        "1": (True, None, "đạt 2/3 tiêu chí"),
        "2": (False, None, None),
        "3": (True, None, "đạt 2/3 tiêu chí"),
    }
    met_list = {"criteria_met": 1, "total": 3, "as_of": day, "source": SRC, "complete": "met"}
    found = _said(_used([{**listed[0], "met": True}], day, claims=[met_list], target=TARGET))
    assert found == {
        "1": (False, None, "đạt 1/3 tiêu chí"),
        "2": (True, None, None),
        "3": (False, None, "đạt 1/3 tiêu chí"),
    }
    # a count that disagrees with the list, or no complete list: the others are not known
    assert _said(_used(listed, day, claims=[{**not_met_list, "criteria_met": 1}], target=TARGET)) == {
        "2": (False, None, None)
    }
    assert _said(_used(listed, day, claims=[{**not_met_list, "complete": None}], target=TARGET)) == {
        "2": (False, None, None)
    }


def test_a_title_counts_for_its_tier_and_those_below_in_its_family_only() -> None:
    def unit(tier: str):  # type: ignore[no-untyped-def]
        return make_unit([], titles=[{"tier": tier, "year": 2022, "source": SRC}])

    day = date(2024, 1, 1)
    assert holds_title(unit("kiểu mẫu"), "nâng cao", day) and holds_title(unit("nâng cao"), "nâng cao", day)
    assert not holds_title(unit("đạt chuẩn"), "nâng cao", day)
    assert not holds_title(unit("nâng cao"), "nâng cao", date(2021, 12, 31))
    assert not holds_title(unit("đô thị văn minh"), "đạt chuẩn", day)
    assert not holds_title(unit("kiểu mẫu"), "đô thị văn minh", day)
    assert holds_title(unit("đô thị văn minh"), "đô thị văn minh", day)


def test_of_two_figures_on_one_date_the_same_one_is_used_whatever_the_file_order() -> None:
    # two figures on one date are an error validate reports; until fixed, the record that
    # sorts last (here the 58) is the one used, in either order
    day = date(2024, 6, 30)
    pair = [{"indicator": "1", "value": 58, "as_of": day}, {"indicator": "1", "value": 56, "as_of": day}]
    older = {"indicator": "1", "value": 99, "as_of": date(2024, 3, 31)}
    for observations in (pair, pair[::-1], [*pair, older], [older, *pair[::-1]]):
        assert _used(observations, date(2024, 9, 30)).indicators["1"].value == 58


def test_of_two_statements_about_a_criterion_on_one_date_the_not_met_holds_in_either_order() -> None:
    # an error validate reports (NTM062); the answer must not depend on which is written first
    day = date(2024, 6, 30)
    pair = [{"criterion": "1", "met": True, "as_of": day}, {"criterion": "1", "met": False, "as_of": day}]
    for statements in (pair, pair[::-1]):
        assert _said(_used(statements, day, target=TARGET)) == {"1": (False, None, None)}


def test_a_title_and_a_summary_of_one_date_the_title_is_the_statement_shown() -> None:
    day = date(2023, 6, 30)
    title = {"tier": "nâng cao", "year": 2023, "decision_date": day, "set": "bo-thu", "source": SRC}
    claim = {"criteria_met": 3, "total": 3, "as_of": day, "source": SRC, "set": "bo-thu"}
    found = _used([], date(2024, 1, 1), titles=[title], claims=[claim])
    assert _said(found) == {code: (True, "nâng cao năm 2023", None) for code in ("1", "2", "3")}


def test_a_title_holds_against_a_summary_of_one_date_that_says_otherwise() -> None:
    # the summary's complete list says only "2" is met; the title of that day says all are
    day = date(2023, 6, 30)
    title = {"tier": "nâng cao", "year": 2023, "decision_date": day, "set": "bo-thu", "source": SRC}
    claim = {"criteria_met": 1, "total": 3, "as_of": day, "source": SRC, "set": "bo-thu", "complete": "met"}
    listed = [{"criterion": "2", "met": True, "as_of": day, "set": "bo-thu"}]
    found = _said(_used(listed, date(2024, 1, 1), titles=[title], claims=[claim]))
    assert found == {
        "1": (True, "nâng cao năm 2023", None),
        "2": (True, None, None),
        "3": (True, "nâng cao năm 2023", None),
    }
