"""Figures carried across a merger, and the predecessors' titles as history. Pure.

A unit a reorganisation formed has no figures of its own at first. An indicator counted in
every predecessor (households with clean water: 300 of 500, 200 of 400, 100 of 100) adds up
for the new unit (600 of 1.000) when every predecessor merged whole and all the counts are
of one date. Anything else stays not assessed, with the reason: an average or a rate
without its total cannot be added, a predecessor without data or outside the data leaves
the sum incomplete, and a partial merge gives no count for the part that moved (a share of
area or population is not a share of the households meeting an indicator).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ntm_plan.evaluate.compare import SHARE_KINDS, figures
from ntm_plan.evaluate.evidence import gather
from ntm_plan.evaluate.steps import CarriedFigure, CarriedPart, CarryProblem, NotCarried
from ntm_plan.model import CriteriaSet, Indicator, Observation, Predecessor, Source, Title, Unit


def carry(
    unit: Unit,
    indicator: Indicator,
    criteria_set: CriteriaSet,
    sets: Mapping[str, CriteriaSet],
    as_of: date,
    units: Mapping[str, Unit],
) -> CarriedFigure | NotCarried | None:
    """The indicator's figure summed over `unit`'s predecessors at `as_of` (None: the unit
    has no predecessors). `units`: the units of the data directory by id."""
    if not unit.predecessors:
        return None
    if indicator.kind not in SHARE_KINDS:
        return NotCarried(CarryProblem.NOT_ADDITIVE)
    parts: list[CarriedPart] = []
    for predecessor in unit.predecessors:
        if predecessor.merge != "whole":
            return NotCarried(CarryProblem.PARTIAL, predecessor)
        old = units.get(predecessor.unit) if predecessor.unit else None
        if old is None:
            return NotCarried(CarryProblem.NOT_IN_DATA, predecessor)
        observation = gather(old, criteria_set, sets, as_of).indicators.get(indicator.code)
        if observation is None or not observation.applicable:
            return NotCarried(CarryProblem.NO_DATA, predecessor)
        found = figures(observation)
        if found.counted is None or found.total is None:
            return NotCarried(CarryProblem.NOT_COUNTS, predecessor)
        parts.append(CarriedPart(predecessor, f"{old.kind} {old.name}", observation, found.counted, found.total))
    if len({p.observation.as_of for p in parts}) > 1:
        return NotCarried(CarryProblem.DATES_DIFFER)
    return CarriedFigure(
        tuple(parts), sum(p.counted for p in parts), sum(p.total for p in parts), parts[0].observation.as_of
    )


def carried_observation(indicator: Indicator, figure: CarriedFigure) -> Observation:
    """The sum as an observation of the new unit, so that it is judged like any other; its
    source names the predecessors (each part's own source is in `figure`)."""
    names = ", ".join(p.name for p in figure.parts)
    return Observation(
        indicator=indicator.code,
        count=figure.counted,
        total=figure.total,
        as_of=figure.as_of,
        source=Source(document="Cộng số liệu của các đơn vị trước sắp xếp", section=names),
    )


def predecessor_titles(unit: Unit, units: Mapping[str, Unit]) -> list[tuple[Predecessor, Title]]:
    """The titles the predecessors held: the new unit's history, never its own titles."""
    return [
        (predecessor, title)
        for predecessor in unit.predecessors
        if predecessor.unit is not None and predecessor.unit in units
        for title in units[predecessor.unit].titles
    ]
