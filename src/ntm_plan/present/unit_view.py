"""What `gap` says of a unit besides the assessment, in words: its titles (evidence at the
recognition date, under the set they were granted by), the summaries its sources claim, the
statements about whole criteria used, and — for a unit without a target set — its
observations as recorded (the terminal tables are in `cli.unit_views`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ntm_plan.evaluate.lineage import predecessor_titles
from ntm_plan.evaluate.results import Assessment
from ntm_plan.evaluate.units import current_title
from ntm_plan.model import CriteriaSet, Observation, Title, Unit
from ntm_plan.model.criteria import TIER_LABEL
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.units_time import UnitPlace
from ntm_plan.present.explain import source_text
from ntm_plan.present.phrases import counts_text
from ntm_plan.present.vnformat import number, short_date

TIER_WORDS = {tier: f"đạt chuẩn {label}" for tier, label in TIER_LABEL.items()}
"""A title in a sentence: 'đạt chuẩn NTM nâng cao'."""


def title_phrase(title: Title, current: CriteriaSet | None, sets: Mapping[str, CriteriaSet], cited: bool) -> str:
    """'đạt chuẩn NTM nâng cao năm 2020 theo bộ tiêu chí cũ'; with its source when another
    source gives the same title another year."""
    text = f"{TIER_WORDS[title.tier]} năm {title.year}"
    if title.decision:
        text += f" ({title.decision})"
    granted = sets.get(title.set) if title.set else None
    if granted is not None:
        text += f" theo {granted.name}"
    elif current is not None and title.year < current.period[0]:
        text += " theo bộ tiêu chí cũ"
    if cited:
        text += f" [nguồn: {source_text(title.source)}]"
    return text


def titles_sentence(unit: Unit, as_of: date, sets: Mapping[str, CriteriaSet], assessment: Assessment | None) -> str:
    held = sorted((t for t in unit.titles if t.held_by(as_of)), key=lambda t: (t.year, t.tier))
    tiers = [t.tier for t in held]
    phrases = [
        title_phrase(t, assessment.criteria_set if assessment else None, sets, tiers.count(t.tier) > 1) for t in held
    ]
    text = "; ".join(phrases) if phrases else "chưa có danh hiệu nào được ghi nhận"
    if assessment is not None and phrases:
        text += f"; theo bộ hiện hành ({assessment.criteria_set.name}): {counts_text(assessment.counts)}"
    return text


def claim_lines(unit: Unit, as_of: date) -> list[str]:
    """'Nguồn nêu: đạt 9/9 tiêu chí (ngày 31/12/2023; Kế hoạch …)'."""
    return [
        f"Nguồn nêu: {c.words}"
        + (" (danh sách tiêu chí chưa đạt đầy đủ)" if c.complete == "not_met" and c.counted else "")
        + (" (danh sách tiêu chí đạt đầy đủ)" if c.complete == "met" and c.counted else "")
        + (f" bộ {c.set}" if c.set else "")
        + f" (ngày {short_date(c.as_of)}; {source_text(c.source)})"
        for c in unit.claims
        if c.as_of <= as_of
    ]


def raw_observation(obs: Observation) -> str:
    """An observation as recorded, without a set to read it by."""
    if not obs.applicable:
        return "không áp dụng"
    if obs.met is not None:
        return "đạt" if obs.met else "chưa đạt"
    parts = []
    if obs.value is not None:
        parts.append(number(obs.value))
    if obs.count is not None:
        parts.append(number(obs.count) + (f"/{number(obs.total)}" if obs.total is not None else ""))
    elif obs.total is not None:
        parts.append(f"trên tổng {number(obs.total)}")
    if obs.stated_percent is not None:
        parts.append(f"({number(obs.stated_percent)}% theo nguồn)")
    if obs.level is not None:
        parts.append(obs.level)
    if obs.short_by is not None:
        parts.append(f"còn thiếu {number(obs.short_by)}")
    return " ".join(parts) or "—"


def observation_json(obs: Observation) -> dict[str, Any]:
    return {
        "indicator": obs.indicator,
        "criterion": obs.criterion,
        "set": obs.set,
        "as_of": obs.as_of.isoformat(),
        "value": None if obs.value is None else float(obs.value),
        "count": obs.count,
        "total": obs.total,
        "stated_percent": None if obs.stated_percent is None else float(obs.stated_percent),
        "met": obs.met,
        "level": obs.level,
        "short_by": obs.short_by,
        "applicable": obs.applicable,
        "source": obs.source.model_dump(),
    }


def titles_json(unit: Unit) -> list[dict[str, Any]]:
    return [
        {"tier": t.tier, "year": t.year, "decision": t.decision, "set": t.set, "source": t.source.model_dump()}
        for t in unit.titles
    ]


def claims_json(unit: Unit) -> list[dict[str, Any]]:
    return [
        {
            "set": c.set,
            "criteria_met": c.criteria_met,
            "total": c.total,
            "complete": c.complete,
            "as_of": c.as_of.isoformat(),
            "source": c.source.model_dump(),
        }
        for c in unit.claims
    ]


def place_json(place: UnitPlace) -> dict[str, Any]:
    """A unit's national code, parent, first and last day (null: open) and predecessors."""
    return {
        "code": place.code,
        "parent": place.parent,
        "valid_from": place.valid_from.isoformat() if place.valid_from else None,
        "valid_to": place.valid_to.isoformat() if place.valid_to else None,
        "predecessors": [{"unit": p.unit, "code": p.code, "merge": p.merge} for p in place.predecessors],
    }


def unit_without_set_json(unit: Unit, as_of: date) -> dict[str, Any]:
    """The `gap` JSON entry of a unit without a target set: no assessment, what is recorded;
    the keys of an assessed unit's entry, then its observations."""
    return {
        "unit": {"id": unit.id, "name": unit.name, "kind": unit.kind, **place_json(UnitPlace.of(unit))},
        "set": None,
        "as_of": as_of.isoformat(),
        "status": None,
        "criteria": None,
        "by_criterion": [],
        "conditions": [],
        "set_in_force": False,
        "title": current_title(unit, as_of),
        "titles": titles_json(unit),
        "claims": claims_json(unit),
        "observations": [observation_json(o) for o in unit.observations if o.as_of <= as_of],
    }


def statement_lines(assessment: Assessment) -> list[str]:
    """The statements about whole criteria the assessment used, grouped by what and who
    said them: 'Nguồn nêu cả tiêu chí chưa đạt: 1, 5, 6 — Kế hoạch … (II.1.1), ngày 31/12/2023'."""
    groups: dict[tuple[bool, str, date, str | None, str | None], list[str]] = {}
    for c in assessment.criteria:
        e = c.evidence
        if e is not None:
            groups.setdefault((e.met, source_text(e.source), e.as_of, e.title, e.summary), []).append(c.criterion.code)
    lines = []
    for (met, source, day, title, summary), codes in groups.items():
        said = "đạt" if met else "chưa đạt"
        if title:
            head = f"Danh hiệu {title}: cả tiêu chí {said}"
        elif summary:
            head = f"Nguồn nêu {summary}: cả tiêu chí {said}"
        else:
            head = f"Nguồn nêu cả tiêu chí {said}"
        lines.append(f"{head}: {', '.join(codes)} — {source}, ngày {short_date(day)}")
    return lines


def history_lines(data: Dataset, unit: Unit) -> list[str]:
    """A merged unit's predecessors, one line each with the titles that predecessor held
    (one line for all would read as if every predecessor held every title): its history,
    not its titles."""
    if not unit.predecessors:
        return []
    held: dict[str, list[str]] = {p.label: [] for p in unit.predecessors}
    for predecessor, title in predecessor_titles(unit, {u.id: u for u in data.all_units()}):
        held[predecessor.label].append(f"{TIER_LABEL[title.tier]} ({title.year})")
    since = f" từ {short_date(unit.valid_from)}" if unit.valid_from else ""
    note = "danh hiệu của đơn vị cũ là lịch sử, không phải của đơn vị mới"
    lines = [f"Hình thành{since} từ {len(held)} đơn vị cũ ({note}):"]
    for name, titles in held.items():
        said = ", ".join(dict.fromkeys(titles)) if titles else "chưa ghi nhận danh hiệu nào"
        lines.append(f"  – {name}: {said}")
    return lines


def before_merger_command(unit: Unit) -> str | None:
    """The command that shows a merged unit's predecessors the day before it was formed, each
    against its own target: where the figures the new unit inherits stand."""
    known = [p.unit for p in unit.predecessors if p.unit]
    if not known or unit.valid_from is None:
        return None
    units = " ".join(f"-u {unit_id}" for unit_id in known)
    return f"ntm-plan gap {units} --as-of {(unit.valid_from - timedelta(days=1)).isoformat()}"
