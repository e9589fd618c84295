"""Which evidence an assessment may use: the latest observation of each indicator, the
latest statement about each criterion (an observation, a title, or a source's summary
claim), within the set's scope; on one date the statement about the criterion itself wins.

Scope: an observation with `set:` counts for that set (an indicator value also for the
sets built on it); one without `set:` is not used for a set whose period its date falls
outside. A statement about a whole criterion without `set:` speaks of the unit's target
set only: criterion "2" of another set is another criterion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from ntm_plan.evaluate.steps import CriterionEvidence
from ntm_plan.model import Claim, CriteriaSet, Observation, Unit
from ntm_plan.model.criteria import TIER_RANK
from ntm_plan.model.unit import complete_list_mismatch, listed_criteria


class Evidence(NamedTuple):
    indicators: dict[str, Observation]
    criteria: dict[str, CriterionEvidence]
    outside_period: tuple[Observation, ...]
    ignored_later: int


def set_lineage(criteria_set: CriteriaSet, sets: Mapping[str, CriteriaSet]) -> set[str]:
    """The set's id and the ids of the sets it derives from: observations for any count."""
    ids = {criteria_set.id}
    current = criteria_set
    while current.base and current.base not in ids:
        ids.add(current.base)
        if current.base not in sets:
            break
        current = sets[current.base]
    return ids


def in_period(criteria_set: CriteriaSet, day: date) -> bool:
    first, last = criteria_set.period
    return first <= day.year <= last


def gather(unit: Unit, criteria_set: CriteriaSet, sets: Mapping[str, CriteriaSet], as_of: date) -> Evidence:
    lineage = set_lineage(criteria_set, sets)
    for_target = unit.target is not None and unit.target.set == criteria_set.id
    latest: dict[str, Observation] = {}
    statements: dict[str, CriterionEvidence] = {}
    outside: list[Observation] = []
    ignored = 0
    for obs in unit.observations:
        scoped = obs.set is not None
        if obs.criterion is not None:
            if not (obs.set == criteria_set.id or (not scoped and for_target)):
                continue
        elif scoped and obs.set not in lineage:
            continue
        if obs.as_of > as_of:
            ignored += 1
            continue
        if not scoped and not in_period(criteria_set, obs.as_of):
            outside.append(obs)
            continue
        if obs.criterion is not None:
            _keep_statement(statements, obs.criterion, _statement(obs))
        else:
            _keep_latest(latest, obs)
    for title in unit.titles:
        if title.set == criteria_set.id and title.held_by(as_of):
            words = f"{title.tier} năm {title.year}"
            evidence = CriterionEvidence(True, title.recognised_on, title.source, title=words)
            for criterion in criteria_set.criteria:
                _keep_statement(statements, criterion.code, evidence)
    for claim in unit.claims:
        if claim.as_of <= as_of and (claim.set == criteria_set.id or (claim.set is None and for_target)):
            for code, met in claim_statements(unit, claim, criteria_set).items():
                said = CriterionEvidence(met, claim.as_of, claim.source, summary=claim.words)
                _keep_statement(statements, code, said)
    return Evidence(latest, statements, tuple(outside), ignored)


def claim_statements(unit: Unit, claim: Claim, criteria_set: CriteriaSet) -> dict[str, bool]:
    """What a summary claim says of each criterion it does not list itself: all met when it
    counts every criterion of the set ("đạt 20/20"); with a complete list of the criteria not
    met (or met) whose count agrees, the criteria left off are the others. A claim counting
    another number of criteria than the set has speaks of another set and says nothing here."""
    codes = [c.code for c in criteria_set.criteria]
    if claim.counted and claim.total != len(codes):
        return {}
    if claim.all_met:
        return dict.fromkeys(codes, True)
    met, not_met = listed_criteria(unit.observations, claim)
    if claim.complete is None or complete_list_mismatch(claim, met, not_met):
        return {}
    if claim.complete == "not_met":
        return {code: True for code in codes if code not in not_met}
    return {code: False for code in codes if code not in met}


def _statement(obs: Observation) -> CriterionEvidence:
    return CriterionEvidence(bool(obs.met), obs.as_of, obs.source)


def _keep_statement(held: dict[str, CriterionEvidence], code: str, new: CriterionEvidence) -> None:
    old = held.get(code)
    # an explicit statement beats a title or a summary of the same date: it is the more specific
    # fact. Two explicit statements of one date are an error (NTM062); until it is fixed the
    # "chưa đạt" holds, so that the answer does not depend on the order of the file
    if old is None or _rank(new) > _rank(old):
        held[code] = new


def _rank(statement: CriterionEvidence) -> tuple[date, bool, bool]:
    return statement.as_of, statement.specific, statement.specific and not statement.met


def _keep_latest(latest: dict[str, Observation], obs: Observation) -> None:
    code = obs.code
    held = latest.get(code)
    if held is None or obs.as_of > held.as_of:
        latest[code] = obs
    elif obs.as_of == held.as_of and obs.model_dump_json() > held.model_dump_json():
        # two observations on one date are an error (validate says so); the pick must still
        # not depend on file order
        latest[code] = obs


def holds_title(unit: Unit, tier: str, as_of: date) -> bool:
    """A title at `tier` or above in the same family (NTM or đô thị văn minh) by `as_of`."""
    town = tier == "đô thị văn minh"
    return any(
        (t.tier == "đô thị văn minh") == town and t.held_by(as_of) and TIER_RANK[t.tier] >= TIER_RANK[tier]
        for t in unit.titles
    )
