"""A source's summary claim as evidence (SYNTHETIC data): "đạt 20/20 tiêu chí" makes each
criterion met unless a more specific statement of the same date or a newer one says
otherwise; a list the source gives can be marked complete, and a count that does not
match it is flagged (NTM060)."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import INVALID
from ntm_plan.check.evidence import check_claims
from ntm_plan.evaluate.assess import assess
from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, CriteriaCounts
from ntm_plan.model import Claim, Unit
from ntm_plan.pipeline.load import load
from ntm_plan.present.explain import evidence_text
from test_evaluate import indicator, make_set, make_unit

REPORT = {"document": "Báo cáo kết quả giả lập"}
TARGET = {"set": "bo-thu", "year": 2024, "source": {"document": "x"}}
YEAR_END = date(2023, 12, 31)


def _set(n: int = 20):
    return make_set([indicator(f"{c}.1", value=50) for c in range(1, n + 1)])


def _claim(met: int, total: int = 20, **extra: Any) -> dict[str, Any]:
    return {"criteria_met": met, "total": total, "as_of": YEAR_END, "source": REPORT, **extra}


def _unit(claims: list[dict[str, Any]], observations: list[dict[str, Any]] = ()) -> Unit:  # type: ignore[assignment]
    return make_unit(list(observations), target=TARGET, claims=claims)


def _statuses(unit: Unit, n: int = 20, as_of: date = date(2024, 9, 30)) -> dict[str, object]:
    return {c.criterion.code: c.status for c in assess(unit, _set(n), as_of).criteria}


def test_all_criteria_met_claim_makes_each_criterion_met() -> None:
    assessment = assess(_unit([_claim(20)]), _set(), date(2024, 9, 30))
    assert assessment.counts == CriteriaCounts(met=20, not_met=0, unknown=0, total=20)
    first = assessment.criteria[0]
    assert first.evidence is not None and first.evidence.summary == "đạt 20/20 tiêu chí"
    assert first.indicators[0].status == MET
    assert "nguồn nêu đạt 20/20 tiêu chí (ngày 31/12/2023): cả tiêu chí đạt" in evidence_text(first.evidence)


def test_a_claim_short_of_all_criteria_says_nothing_of_any_one() -> None:
    # 19/20 without a complete list: which criterion is missing is not known
    assert set(_statuses(_unit([_claim(19)])).values()) == {UNKNOWN}


def test_a_claim_counting_another_set_says_nothing_and_is_flagged() -> None:
    # "đạt 19/19" of an older set is not "all met" for a set of 20 criteria
    assert set(_statuses(_unit([_claim(19, total=19)])).values()) == {UNKNOWN}
    data, _ = load(INVALID / "evidence-disagreements")  # its commune targets 'xa19' (19 criteria)
    unit = data.units[0].model_copy(update={"claims": (Claim.model_validate(_claim(20)),), "observations": ()})
    (found,) = check_claims(data, unit)
    assert found.code == "NTM060" and "bộ 'xa19' có 19 tiêu chí" in found.message
    right = unit.model_copy(update={"claims": (Claim.model_validate(_claim(19, total=19)),)})
    assert list(check_claims(data, right)) == []


def test_a_newer_specific_not_met_overrides_the_all_met_claim() -> None:
    later = {"criterion": "2", "met": False, "as_of": date(2024, 3, 31), "source": {"document": "Báo cáo quý I"}}
    statuses = _statuses(_unit([_claim(20)], [later]))
    assert statuses["2"] == NOT_MET
    assert all(status == MET for code, status in statuses.items() if code != "2")


def test_an_older_specific_not_met_does_not_override_the_newer_claim() -> None:
    earlier = {"criterion": "2", "met": False, "as_of": date(2023, 6, 30), "source": {"document": "Báo cáo quý II"}}
    assert set(_statuses(_unit([_claim(20)], [earlier])).values()) == {MET}


def test_on_the_same_date_the_statement_about_the_criterion_wins() -> None:
    same_day = {"criterion": "2", "met": False, "as_of": YEAR_END, "source": {"document": "Biên bản rà soát"}}
    assert _statuses(_unit([_claim(20)], [same_day]))["2"] == NOT_MET


def test_a_claim_dated_after_the_evaluation_date_is_not_used() -> None:
    unit = _unit([_claim(20)])
    assert set(_statuses(unit, as_of=YEAR_END).values()) == {MET}  # on its own date: used
    assert set(_statuses(unit, as_of=date(2023, 12, 30)).values()) == {UNKNOWN}  # the day before: not yet


def test_a_claim_for_another_set_is_not_used_for_this_one() -> None:
    unit = _unit([_claim(20, set="bo-khac")])
    assert set(_statuses(unit).values()) == {UNKNOWN}


def _listed(codes: list[str], met: bool) -> list[dict[str, Any]]:
    return [{"criterion": code, "met": met, "as_of": YEAR_END, "source": REPORT} for code in codes]


def _tree(claim: str, listed: list[str], met: bool = False) -> dict[str, str]:
    """A data folder (SYNTHETIC) with a set of 20 criteria and one commune claiming `claim`."""
    indicators = '[{{code: "{0}.1", name: Chỉ tiêu {0}.1, kind: boolean}}]'
    criteria = "".join(
        f'  - {{code: "{c}", name: Tiêu chí {c}, indicators: {indicators.format(c)}}}\n' for c in range(1, 21)
    )
    observations = "".join(
        f'  - {{criterion: "{c}", met: {str(met).lower()}, as_of: 2023, source: {{document: "Báo cáo giả lập"}}}}\n'
        for c in listed
    )
    return {
        "criteria/xa20.yaml": "# SYNTHETIC\nid: xa20\nname: Bộ thử 20 tiêu chí\nlevel: xã\ntier: nâng cao\n"
        'period: [2021, 2025]\ndecision: {document: "Quyết định giả lập"}\ncriteria:\n' + criteria,
        "communes/xa-thu.yaml": "# SYNTHETIC\nname: Xã Thử\nkind: xã\nregion: Bắc Trung Bộ\n"
        'target: {set: xa20, year: 2024, source: {document: "giả lập"}}\n'
        f'claims:\n  - {{{claim}, as_of: 2023, source: {{document: "Báo cáo giả lập"}}}}\n'
        + ("observations:\n" + observations if observations else ""),
    }


def test_fifteen_of_twenty_with_a_complete_list_of_three_unmet_is_flagged(cli, write_tree) -> None:
    data = write_tree(_tree("criteria_met: 15, total: 20, complete: not_met", ["2", "5", "17"]))
    run = cli("validate", "--data", str(data))
    assert "NTM060" in run.out + run.err
    assert "nguồn nêu đạt 15/20 tiêu chí (còn 5 tiêu chí chưa đạt) nhưng danh sách đầy đủ" in run.out + run.err


def test_a_complete_list_that_matches_the_count_is_not_flagged(cli, write_tree) -> None:
    data = write_tree(_tree("criteria_met: 17, total: 20, complete: not_met", ["2", "5", "17"]))
    run = cli("validate", "--data", str(data))
    assert run.code == 0 and "NTM060" not in run.out + run.err


def test_the_same_list_not_marked_complete_is_not_flagged(cli, write_tree) -> None:
    # 3 criteria listed for 5 not met is a partial list unless the source says it is complete
    data = write_tree(_tree("criteria_met: 15, total: 20", ["2", "5", "17"]))
    run = cli("validate", "--data", str(data))
    assert "NTM060" not in run.out + run.err


def test_one_more_or_one_fewer_than_the_complete_list_is_flagged(cli, write_tree) -> None:
    for met in (16, 18):  # 4 or 2 not met against a complete list of 3
        data = write_tree(_tree(f"criteria_met: {met}, total: 20, complete: not_met", ["2", "5", "17"]))
        assert "NTM060" in (lambda r: r.out + r.err)(cli("validate", "--data", str(data)))


def test_a_complete_met_list_of_the_wrong_length_is_flagged(cli, write_tree) -> None:
    data = write_tree(_tree("criteria_met: 3, total: 20, complete: met", ["1", "2"], met=True))
    run = cli("validate", "--data", str(data))
    assert "nguồn nêu đạt 3/20 tiêu chí nhưng danh sách đầy đủ các tiêu chí đạt có 2 tiêu chí" in run.out + run.err


def test_a_complete_unmet_list_makes_the_criteria_it_leaves_off_met() -> None:
    unit = _unit([_claim(17, complete="not_met")], _listed(["2", "5", "17"], met=False))
    statuses = _statuses(unit)
    assert [code for code, s in statuses.items() if s == NOT_MET] == ["2", "5", "17"]
    assert sum(1 for s in statuses.values() if s == MET) == 17


def test_a_complete_list_whose_count_disagrees_infers_nothing() -> None:
    # 15/20 but only 3 listed as the complete list of unmet: the claim is flagged, not used
    unit = _unit([_claim(15, complete="not_met")], _listed(["2", "5", "17"], met=False))
    statuses = _statuses(unit)
    assert sum(1 for s in statuses.values() if s == MET) == 0
    assert sum(1 for s in statuses.values() if s == UNKNOWN) == 17


def test_a_complete_met_list_makes_the_criteria_it_leaves_off_not_met() -> None:
    unit = _unit([_claim(2, complete="met")], _listed(["1", "2"], met=True))
    statuses = _statuses(unit)
    assert (statuses["1"], statuses["2"]) == (MET, MET)
    assert all(statuses[str(c)] == NOT_MET for c in range(3, 21))


def test_a_complete_list_without_counts_settles_the_criteria_it_leaves_off() -> None:
    # "only the clean-water criterion is left": the list is complete, the source gives no count
    unit = _unit([{"as_of": YEAR_END, "source": REPORT, "complete": "not_met"}], _listed(["18"], met=False))
    statuses = _statuses(unit)
    assert statuses["18"] == NOT_MET
    assert sum(1 for s in statuses.values() if s == MET) == 19


def test_a_claim_without_counts_must_say_which_list_is_complete() -> None:
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError, match="complete"):
        Claim.model_validate({"as_of": YEAR_END, "source": REPORT})
    with pytest.raises(pydantic.ValidationError, match="criteria_met và total"):
        Claim.model_validate({"criteria_met": 3, "as_of": YEAR_END, "source": REPORT, "complete": "met"})
