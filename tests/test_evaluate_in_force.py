"""`evaluate/in_force.py`: the one national base set in force for a kind of unit on a day.
A province's set, a set adjusting another, a higher tier or another kind never counts, and
two candidates are one too many. Sets built in the test (SYNTHETIC)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ntm_plan.evaluate.in_force import covers, first_day, set_in_force
from test_evaluate import indicator, make_set

DAY = date(2024, 6, 30)


def _set(set_id: str, **extra: Any):  # type: ignore[no-untyped-def]
    return make_set([indicator("10", kind="number", value=50)], set_id=set_id, **{"tier": "đạt chuẩn", **extra})


@pytest.mark.parametrize(
    "other",
    [
        {"province": "Hà Tĩnh"},
        {"base": "quoc-gia"},
        {"tier": "nâng cao"},
        {"level": "huyện"},
        {"period": [2026, 2030]},
        {"in_force_from": date(2024, 7, 1)},
    ],
)
def test_only_the_national_base_set_of_the_kind_and_day_is_in_force(other: dict[str, Any]) -> None:
    national = _set("quoc-gia")
    assert set_in_force([national, _set("khac", **other)], "xã", DAY) is national
    assert set_in_force([_set("khac", **other)], "xã", DAY) is None


def test_two_sets_in_force_on_one_day_leave_the_choice_to_the_office() -> None:
    assert set_in_force([_set("mot"), _set("hai")], "xã", DAY) is None


def test_a_set_is_in_force_from_its_date_of_effect_or_its_first_year_to_its_last_year() -> None:
    plain, dated = _set("a"), _set("b", in_force_from=date(2021, 3, 15))
    assert first_day(plain) == date(2021, 1, 1) and first_day(dated) == date(2021, 3, 15)
    assert [covers(plain, d) for d in (date(2020, 12, 31), date(2021, 1, 1), date(2025, 12, 31), date(2026, 1, 1))] == [
        False,
        True,
        True,
        False,
    ]
    assert [covers(dated, d) for d in (date(2021, 3, 14), date(2021, 3, 15))] == [False, True]
