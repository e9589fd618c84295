"""Where the units stand against their targets: closest first, and the criteria most often
missed per target set. Pure functions over the scan's unit summaries, for `status`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_plan.model import CriteriaSet
from ntm_plan.model.responsibilities import code_order

if TYPE_CHECKING:
    from ntm_plan.evaluate.standing import UnitSummary


def ranked_units(units: Sequence[UnitSummary]) -> list[UnitSummary]:
    """Closest to the target title first: fewest criteria not met, then fewest unknown;
    units without a target set last, in their usual order."""
    return sorted(units, key=lambda u: (0, u.criteria.not_met, u.criteria.unknown) if u.criteria else (1, 0, 0))


@dataclass(frozen=True, slots=True)
class Missed:
    """One criterion of a target set: how many of the units aiming at it miss it."""

    set_id: str
    code: str
    name: str
    not_met: int
    unknown: int
    units: int


def most_missed(units: Sequence[UnitSummary], sets: Mapping[str, CriteriaSet]) -> list[Missed]:
    """Per target set, each criterion some unit does not meet or has not assessed: most
    often not met first, then most often unknown."""
    found: list[Missed] = []
    for set_id in sorted({u.target_set for u in units if u.criteria is not None and u.target_set}):
        cset = sets.get(set_id)
        names = {c.code: c.name for c in cset.criteria} if cset else {}
        pool = [u for u in units if u.target_set == set_id and u.criteria is not None]
        not_met = Counter(c for u in pool for c in u.not_met)
        unknown = Counter(c for u in pool for c in u.unknown)
        codes = sorted(set(not_met) | set(unknown), key=lambda c: (-not_met[c], -unknown[c], code_order(c)))
        found += [Missed(set_id, c, names.get(c, ""), not_met[c], unknown[c], len(pool)) for c in codes]
    return found
