"""A unit's place in time and in the hierarchy, kept small: what the checks across units
(`check.lineage`) and the scan's summaries hold of each unit instead of the unit.

Pure values. Dates are inclusive; an end not written is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ntm_plan.model.unit import Unit


@dataclass(frozen=True, slots=True)
class PredecessorRef:
    unit: str | None
    code: str | None
    merge: str


@dataclass(frozen=True, slots=True)
class UnitPlace:
    id: str = ""
    code: str | None = None
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    predecessors: tuple[PredecessorRef, ...] = ()

    @classmethod
    def of(cls, unit: Unit) -> UnitPlace:
        return cls(
            unit.id,
            unit.code,
            unit.parent,
            unit.valid_from,
            unit.valid_to,
            tuple(PredecessorRef(p.unit, p.code, p.merge) for p in unit.predecessors),
        )

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, other: UnitPlace) -> bool:
        """Whether the two exist on some day in common."""
        starts_before_other_ends = (
            self.valid_from is None or other.valid_to is None or self.valid_from <= other.valid_to
        )
        ends_after_other_starts = self.valid_to is None or other.valid_from is None or other.valid_from <= self.valid_to
        return starts_before_other_ends and ends_after_other_starts

    def within(self, outer: UnitPlace) -> bool:
        """Whether every day of this unit is a day of `outer` (a child within its parent)."""
        starts = outer.valid_from is None or (self.valid_from is not None and outer.valid_from <= self.valid_from)
        ends = outer.valid_to is None or (self.valid_to is not None and self.valid_to <= outer.valid_to)
        return starts and ends


def day_before(day: date) -> date:
    return day - timedelta(days=1)


EMPTY_PLACE = UnitPlace()
"""A unit that writes none of code, parent, dates or predecessors."""
