"""The criteria set in force for a kind of unit on a day: what a new unit that has not
chosen a target is assessed by (a commune formed on 01/7/2025 falls under QĐ 51/2025 from
15/02/2026, the day it took effect)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ntm_plan.model import CriteriaSet

BASE_TIER = "đạt chuẩn"


def first_day(cset: CriteriaSet) -> date:
    """The day a set takes effect: its decision's date of effect when recorded, else the
    first day of its period."""
    return cset.in_force_from or date(cset.period[0], 1, 1)


def covers(cset: CriteriaSet, day: date) -> bool:
    return first_day(cset) <= day <= date(cset.period[1], 12, 31)


def set_in_force(sets: Iterable[CriteriaSet], kind: str, day: date) -> CriteriaSet | None:
    """The one national base set (no province, no base set it adjusts, the first tier) for
    `kind` whose days cover `day`; None when there is none, or more than one (then the
    office must choose, nothing is guessed)."""
    found = [
        s
        for s in sets
        if s.level == kind and s.tier == BASE_TIER and s.province is None and s.base is None and covers(s, day)
    ]
    return found[0] if len(found) == 1 else None
