"""Where every unit and the district stand at a date, kept small: what `status` shows and
what the district's aggregates count, one unit at a time (see `pipeline.scan`).

The district is assessed here exactly as `evaluate.units.assess_district` assesses it for
`gap` and the documents: the same tiers, child statuses and target set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ntm_plan.diagnostics import Diagnostic
from ntm_plan.evaluate.results import UNKNOWN, Assessment, ChildStatus, CriteriaCounts
from ntm_plan.evaluate.tasks import NO_CLOSED_OWNERS, ClosedOwners, closed_owners, departments_exist, task_status
from ntm_plan.evaluate.units import assess_unit, child_status, current_title, district_assessment
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_order
from ntm_plan.model.units_time import EMPTY_PLACE, UnitPlace


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """One unit as `status` shows it, and as the district's aggregates count it."""

    id: str
    name: str
    kind: str
    title: str | None
    """The best title held at the date, None for none."""
    target_set: str | None
    target_year: int | None
    criteria: CriteriaCounts | None
    not_met: tuple[str, ...]
    """Codes of the criteria not met; with `unknown`, what `status` ranks and tallies."""
    unknown: tuple[str, ...]
    without_data: int | None
    tasks: int
    tasks_overdue: int
    child: ChildStatus | None
    """None when the unit was read but not evaluated at a date (`validate`)."""
    place: UnitPlace = EMPTY_PLACE
    """Code, parent, dates and predecessors: where the unit stands in time."""
    group: str | None = None
    """The commune group (QĐ 51/2025: "1", "2", "3"), None when not known."""


def summarise(data: Dataset, unit: Unit, as_of: date | None) -> UnitSummary:
    """The unit at `as_of`, assessed by its target set; without a date, only what it holds."""
    assessment = assess_unit(data, unit, as_of) if as_of is not None else None
    return UnitSummary(
        id=unit.id,
        name=unit.name,
        kind=unit.kind,
        title=current_title(unit, as_of) if as_of is not None else None,
        target_set=unit.target.set if unit.target else None,
        target_year=unit.target.year if unit.target else None,
        criteria=assessment.counts if assessment else None,
        not_met=tuple(c.criterion.code for c in assessment.not_met) if assessment else (),
        unknown=tuple(c.criterion.code for c in assessment.unknown) if assessment else (),
        without_data=sum(1 for r in assessment.indicators() if r.status == UNKNOWN) if assessment else None,
        tasks=len(unit.tasks),
        tasks_overdue=sum(1 for t in unit.tasks if task_status(t, as_of, unit=unit).overdue) if as_of else 0,
        child=child_status(unit, as_of, assessment) if as_of is not None else None,
        place=UnitPlace.of(unit),
        group=unit.group.code if unit.group else None,
    )


def evaluated_sets(
    data: Dataset, unit_sets: Iterable[str | None] | None = None, *, with_district: bool = True
) -> list[str]:
    """One set id per unit assessed by its target set (`unit_sets`: each commune's target
    set, default those of `data.units`), the district's included: what `period_warnings` counts."""
    if unit_sets is None:
        unit_sets = (u.target.set if u.target else None for u in data.units)
    district = data.district.target.set if with_district and data.district and data.district.target else None
    return [s for s in [*unit_sets, district] if s is not None and s in data.sets]


@dataclass(frozen=True)
class ScanResult:
    reference: Dataset
    diagnostics: list[Diagnostic]
    units: list[UnitSummary]
    district: Assessment | None
    as_of: date | None = None
    closed_owners: ClosedOwners = NO_CLOSED_OWNERS
    """The tasks left out of `task_count` because their owner no longer exists that day."""

    @property
    def task_count(self) -> int:
        """Every task, as `tasks` lists them: the units', the district's, the departments' duties
        (at a date, only those of owners existing that day)."""
        data, day = self.reference, self.as_of
        district = data.district if data.district and (day is None or data.district.exists_on(day)) else None
        own = len(district.tasks) if district else 0
        duties = sum(len(d.duties) for d in data.departments) if day is None or departments_exist(data, day) else 0
        return sum(u.tasks for u in self.units) + own + duties

    @property
    def evaluated_sets(self) -> list[str]:
        # a district closed at the date is not evaluated (`standing`)
        with_district = self.as_of is None or self.district is not None
        return evaluated_sets(self.reference, (u.target_set for u in self.units), with_district=with_district)

    @property
    def overdue_count(self) -> int:
        """Overdue tasks among `task_count`: what `tasks --overdue` lists at the same date."""
        if self.as_of is None:
            raise ValueError("a scan without a date evaluated no task")
        day, data = self.as_of, self.reference
        district = data.district if data.district and data.district.exists_on(day) else None
        own = [task_status(t, day, unit=district) for t in (district.tasks if district else ())]
        departments = data.departments if departments_exist(data, day) else ()
        duties = [task_status(t, day, department=d.id) for d in departments for t in d.duties]
        return sum(u.tasks_overdue for u in self.units) + sum(s.overdue for s in [*own, *duties])


def standing(
    reference: Dataset, diagnostics: list[Diagnostic], units: Iterable[UnitSummary], as_of: date | None
) -> ScanResult:
    """The units existing at `as_of` (all without a date) from their summaries (each unit id
    once), in the usual order, and the district on a day it exists, its aggregates counted
    over its own units."""
    summaries = sorted(units, key=lambda s: unit_order(s.kind, s.name))
    district = None
    closed = NO_CLOSED_OWNERS
    if as_of is not None:
        owners = [(s.tasks, s.place.valid_to) for s in summaries]
        if reference.district is not None:
            owners.append((len(reference.district.tasks), reference.district.valid_to))
        closed = closed_owners(owners, reference, as_of)
        summaries = [s for s in summaries if s.place.exists_on(as_of)]  # the units of that day
        if reference.district is not None and reference.district.exists_on(as_of):
            own = (None, reference.district.id)
            children = tuple(s.child for s in summaries if s.child is not None and s.place.parent in own)
            district = district_assessment(reference, as_of, children)
    return ScanResult(reference, diagnostics, summaries, district, as_of, closed)
