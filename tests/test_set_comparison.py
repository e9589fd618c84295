"""`gap UNIT --compare SET`: one unit by two criteria sets, criteria paired only by folded
name, each side with its own states and counts (unknown never counted as not met)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment, CriterionResult, Status
from ntm_plan.evaluate.set_comparison import compare_sets
from ntm_plan.model import Criterion


def assessed(*criteria: tuple[str, str, Status]) -> Assessment:
    results = tuple(CriterionResult(Criterion(code=c, name=n), s, ()) for c, n, s in criteria)
    return Assessment(None, None, date(2025, 6, 30), results, 0, ())  # type: ignore[arg-type]


def test_names_pair_after_folding_not_codes() -> None:
    current = assessed(("1", "Quy hoạch", NOT_MET), ("6", "Văn hoá", MET), ("2", "Giao thông", UNKNOWN))
    compared = assessed(("1", "Hạ tầng", UNKNOWN), ("5", "  VĂN   HÓA ", NOT_MET), ("9", "Quy hoạch", UNKNOWN))
    result = compare_sets(current, compared)
    pairs = [(r.current.criterion.code, r.compared.criterion.code) for r in result.paired]  # type: ignore[union-attr]
    assert pairs == [("1", "9"), ("6", "5")]
    assert [c.criterion.code for c in result.only_current] == ["2"]
    assert [c.criterion.code for c in result.only_compared] == ["1"]
    # each side keeps its own state
    assert [(r.current.status, r.compared.status) for r in result.paired] == [(NOT_MET, UNKNOWN), (MET, NOT_MET)]  # type: ignore[union-attr]


def test_a_near_name_is_not_a_pair() -> None:
    result = compare_sets(assessed(("6", "Văn hóa", MET)), assessed(("5", "Văn hóa, giáo dục, y tế", MET)))
    assert result.paired == []
    assert len(result.only_current) == 1 and len(result.only_compared) == 1


def test_rows_keep_current_order_then_the_compared_sets_rest() -> None:
    current = assessed(("1", "A", MET), ("2", "B", MET))
    compared = assessed(("7", "C", MET), ("8", "b", MET), ("9", "D", MET))
    rows = compare_sets(current, compared).rows
    shape = [(r.current and r.current.criterion.code, r.compared and r.compared.criterion.code) for r in rows]
    assert shape == [("1", None), ("2", "8"), (None, "7"), (None, "9")]


def test_a_repeated_name_pairs_each_criterion_once() -> None:
    current = assessed(("1", "Môi trường", MET), ("2", "Môi trường", NOT_MET))
    compared = assessed(("7", "Môi trường", UNKNOWN))
    result = compare_sets(current, compared)
    assert [
        (r.current and r.current.criterion.code, r.compared and r.compared.criterion.code) for r in result.rows
    ] == [
        ("1", "7"),
        ("2", None),
    ]


def test_a_name_repeated_on_both_sides_pairs_in_order_of_appearance() -> None:
    current = assessed(("1", "Môi trường", MET), ("2", "Môi trường", NOT_MET))
    compared = assessed(("7", "Môi trường", UNKNOWN), ("8", "Môi trường", MET))
    rows = compare_sets(current, compared).rows
    assert [(r.current and r.current.criterion.code, r.compared and r.compared.criterion.code) for r in rows] == [
        ("1", "7"),
        ("2", "8"),
    ]


ARGS = ("gap", "Duc", "Dong", "--as-of", "2025-06-30", "--compare", "xa-ntm-2026-2030")


def test_old_duc_dong_against_the_2026_set_json(cli) -> None:
    run = cli(*ARGS, "--format", "json")
    assert run.code == 0, run.err
    out = json.loads(run.out)
    assert out["unit"]["code"] == "18304" and out["unit"]["valid_to"] == "2025-06-30"
    assert out["current"]["id"] == "ha-tinh-xa-ntm-nang-cao-2022-2025"
    assert out["compared"]["id"] == "xa-ntm-2026-2030"
    assert out["current"]["criteria"] == {"met": 1, "not_met": 7, "unknown": 12, "total": 20}
    # nothing known under the new set: not assessed, never failed
    assert out["compared"]["criteria"] == {"met": 0, "not_met": 0, "unknown": 10, "total": 10}
    assert {c["status"] for c in out["compared"]["by_criterion"]} == {"chưa đánh giá"}
    assert out["pairs"] == [{"current": "1", "compared": "1", "name": "Quy hoạch"}]
    assert len(out["only_current"]) == 19
    assert [c["code"] for c in out["only_compared"]] == [str(n) for n in range(2, 11)]
    # the current side says what plain `gap` says, criterion by criterion
    plain = json.loads(cli("gap", "Duc", "Dong", "--as-of", "2025-06-30", "--format", "json").out)["units"][0]
    assert [(c["code"], c["status"]) for c in out["current"]["by_criterion"]] == [
        (c["code"], c["status"]) for c in plain["by_criterion"]
    ]


def test_old_duc_dong_against_the_2026_set_table(cli) -> None:
    run = cli(*ARGS)
    assert run.code == 0, run.err
    text = " ".join(run.out.split())
    assert "So sánh hai bộ tiêu chí, đánh giá đến ngày 30/06/2025" in text
    assert "Bộ đang dùng: đạt 1 · chưa đạt 7 · chưa đánh giá 12 (trên 20 tiêu chí)" in text
    assert "Bộ so sánh: đạt 0 · chưa đạt 0 · chưa đánh giá 10 (trên 10 tiêu chí)" in text
    assert "1. Quy hoạch ↔ 1. Quy hoạch" in text
    assert "Chỉ có trong bộ so sánh (9): 2. Hạ tầng kinh tế – xã hội" in text
    assert "Chỉ có trong bộ đang dùng (19): 2. Giao thông" in text


def test_set_chooses_the_current_side(cli) -> None:
    out = json.loads(cli(*ARGS, "--set", "xa-ntm-2021-2025", "--format", "json").out)
    assert out["current"]["id"] == "xa-ntm-2021-2025"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (("-u", "Duc Lang"), "--compare chỉ dùng cho một đơn vị"),
        (("--compare", "khong-co-bo-nay"), "khong-co-bo-nay"),
    ],
)
def test_compare_refuses_clearly(cli, extra: tuple[str, ...], said: str) -> None:
    run = cli(*ARGS, *extra)
    assert run.code != 0
    assert said in run.out + run.err
    assert "Traceback" not in run.err
