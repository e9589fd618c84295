"""A unit formed by a merger without a target set is assessed by the one national set in
force for its kind on the day (QĐ 51/2025 for communes from 15/02/2026), and the heading
says so; carried figures show in `explain` under that set. SYNTHETIC units and sets except
where the shipped data is named."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import REAL_DATA
from ntm_plan.evaluate.in_force import covers, set_in_force
from ntm_plan.pipeline.load import load
from test_merger_figures import SET, WHOLE, _new, _tree

IN_FORCE = "không phải mục tiêu đơn vị đã chọn"


@pytest.fixture(scope="module")
def real_sets():  # type: ignore[no-untyped-def]
    data, _ = load(REAL_DATA)
    return data.sets


@pytest.mark.parametrize(
    ("day", "inside"),
    [(date(2026, 2, 14), False), (date(2026, 2, 15), True), (date(2030, 12, 31), True), (date(2031, 1, 1), False)],
)
def test_qd51_is_in_force_from_its_date_of_effect_to_the_end_of_2030(real_sets, day: date, inside: bool) -> None:  # type: ignore[no-untyped-def]
    assert covers(real_sets["xa-ntm-2026-2030"], day) is inside


def test_the_set_in_force_by_kind_and_day(real_sets) -> None:  # type: ignore[no-untyped-def]
    sets = real_sets.values()
    assert set_in_force(sets, "xã", date(2026, 2, 15)).id == "xa-ntm-2026-2030"  # type: ignore[union-attr]
    assert set_in_force(sets, "xã", date(2025, 9, 30)).id == "xa-ntm-2021-2025"  # type: ignore[union-attr]
    assert set_in_force(sets, "xã", date(2026, 2, 14)) is None  # between the two: nothing guessed
    assert set_in_force(sets, "huyện", date(2026, 3, 31)) is None  # QĐ 51 has no district set


def test_new_duc_dong_today_under_qd51_says_it_is_the_set_in_force(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("gap", "Duc", "Dong", "--as-of", "2026-02-15", "--data", str(REAL_DATA))
    text = " ".join(run.out.split())
    assert run.code == 0, run.err
    assert "[xa-ntm-2026-2030] — bộ đang có hiệu lực với xã từ 15/02/2026, " + IN_FORCE in text
    assert "chưa đánh giá 10 (trên 10 tiêu chí)" in text and "NTM064" not in run.err
    entry = json.loads(cli("gap", "Duc", "Dong", "--as-of", "2026-02-15", "--format", "json").out)["units"][0]
    assert entry["set"] == "xa-ntm-2026-2030" and entry["set_in_force"] is True
    chosen = cli("gap", "Duc", "Dong", "--as-of", "2026-02-15", "--set", "xa-ntm-2026-2030", "--format", "json")
    assert json.loads(chosen.out)["units"][0]["set_in_force"] is False
    before = cli("gap", "Duc", "Dong", "--as-of", "2026-02-14", "--data", str(REAL_DATA))
    assert before.code == 0 and "Chưa có bộ tiêu chí mục tiêu" in before.out and IN_FORCE not in before.out


def test_an_old_unit_without_target_is_not_given_a_set(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("gap", "Duc", "Dong", "--as-of", "2026-03-31", "--set", "xa-ntm-2026-2030", "--data", str(REAL_DATA))
    assert run.code == 0 and IN_FORCE not in run.out  # chosen with --set: not 'in force'


def test_carried_figures_show_under_the_set_in_force(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    gap = cli("gap", "xa-moi", "--as-of", "2025-07-01", "--data", str(root))
    assert gap.code == 0, gap.err
    assert "[xa-2022] — bộ đang có hiệu lực với xã từ 01/01/2022, " + IN_FORCE in " ".join(gap.out.split())
    run = cli("explain", "xa-moi", "18.1", "--as-of", "2025-07-01", "--data", str(root))
    text = " ".join(run.out.split())
    assert run.code == 0, run.err
    assert "An 300/500" in text and "→ 600/1.000" in text and "600/1.000 = 60%" in text
    after = cli("gap", "xa-moi", "--as-of", "2026-01-01", "--format", "json", "--data", str(root))
    assert json.loads(after.out)["units"][0]["set"] is None  # the set's period is over


def test_two_sets_in_force_leave_the_choice_to_the_office(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    (root / "criteria/xa-2022b.yaml").write_text(SET.replace("id: xa-2022", "id: xa-2022b"), encoding="utf-8")
    run = cli("gap", "xa-moi", "--as-of", "2025-07-01", "--format", "json", "--data", str(root))
    assert run.code == 0, run.err
    assert json.loads(run.out)["units"][0]["set"] is None


def test_compare_starts_from_the_set_in_force(cli) -> None:  # type: ignore[no-untyped-def]
    args = ("gap", "Duc", "Dong", "--as-of", "2026-03-31", "--compare", "xa-ntm-2021-2025", "--data", str(REAL_DATA))
    out = json.loads(cli(*args, "--format", "json").out)
    assert out["current"]["id"] == "xa-ntm-2026-2030" and out["set_in_force"] is True
    assert out["compared"]["id"] == "xa-ntm-2021-2025"
    table = " ".join(cli(*args).out.split())
    assert (
        "Bộ đang dùng: Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030 [xa-ntm-2026-2030] — bộ đang"
        in table
    )
    early = cli("gap", "Duc", "Dong", "--as-of", "2026-02-14", "--compare", "xa-ntm-2021-2025")
    assert early.code != 0 and "chưa có bộ tiêu chí mục tiêu" in early.out + early.err
