"""Stage 5 for documents: the parts every document context shares. Pure, no I/O.

The context builders (`context_plan`, `context_report`) turn assessments and task
statuses into plain dicts of already-formatted Vietnamese strings and lists, so the
templates hold only loops and conditions. This module has the header (number, place and
date), the signature and recipients, unit and set labels, and the per-criterion texts
both documents use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ntm_plan.documents.issuer import Issuer
from ntm_plan.documents.wording import (
    clean_name,
    conditions_words,
    criteria_state,
    first_lower,
    mentions_quantity,
    threshold_words,
)
from ntm_plan.evaluate.results import MET, NOT_APPLICABLE, NOT_MET, Assessment, IndicatorResult
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.evaluate.units import assess_unit
from ntm_plan.model import CriteriaSet, District, Source, Task, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.model.sets import find_indicator
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.phrases import gap_text, observed, quantity_text
from ntm_plan.present.vnformat import document_date, long_date, number

BLANK = "\u00a0" * 6
"""What a draft shows where the number and the day will be written by hand."""

TIER_TITLE = {
    "đạt chuẩn": "nông thôn mới",
    "nâng cao": "nông thôn mới nâng cao",
    "kiểu mẫu": "nông thôn mới kiểu mẫu",
    "đô thị văn minh": "đô thị văn minh",
}
"""A tier as a document's text names the title in full: 'nông thôn mới nâng cao' (the short
'NTM nâng cao' is `model.criteria.TIER_LABEL`)."""

Context = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Picture:
    """A figure for a document: PNG bytes and the printed width; the renderer inserts it."""

    png: bytes = field(repr=False)
    width_mm: float


def issuer_name(district: District) -> str:
    return f"Ủy ban nhân dân {district.kind} {district.name}"


def set_goal(cset: CriteriaSet, unit_kind: str | None = None) -> str:
    """'xã nông thôn mới nâng cao', 'huyện nông thôn mới', 'đô thị văn minh'."""
    label = TIER_TITLE[cset.tier]
    if cset.tier == "đô thị văn minh":
        return label
    level = unit_kind or cset.level
    return f"{level} {label}" if level in ("xã", "huyện") else label


def plan_goal(data: Dataset, district: District, year: int) -> str:
    """What the year's plan is for, as its title says it: the district's own standard in its
    target year, building new countryside in any other year. The report cites the same words."""
    target = district.target
    if target is not None and target.set in data.sets and target.year == year:
        return f"xây dựng {district.kind} {district.name} đạt chuẩn {set_goal(data.sets[target.set], 'huyện')}"
    return f"xây dựng nông thôn mới trên địa bàn {district.kind} {district.name}"


def target_label(unit: Unit, data: Dataset) -> str:
    """'đạt chuẩn xã nông thôn mới nâng cao năm 2024', or the plan's own words for the goal
    ('đạt chuẩn xã nông thôn mới thông minh'); '' for a unit the data gives neither."""
    if unit.goal is not None:
        return unit.goal.text
    if unit.target is None or unit.target.set not in data.sets:
        return ""
    return f"đạt chuẩn {set_goal(data.sets[unit.target.set], unit.kind)} năm {unit.target.year}"


def number_line(number_text: str | None, symbol: str, issuer_code: str) -> str:
    if number_text is None or not number_text.strip():
        return f"Số:{BLANK}/{symbol}-{issuer_code}"
    text = number_text.strip()
    if text.isdigit() and len(text) < 2:
        text = text.zfill(2)  # NĐ 30: numbers below 10 take a leading zero
    return f"Số: {text}/{symbol}-{issuer_code}"


def date_words(day: date | None, year: int) -> str:
    if day is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year}"
    return long_date(day)


def header(
    issuer: Issuer,
    *,
    symbol: str,
    year: int,
    number_text: str | None,
    day: date | None,
    subject: str,
    recipients: Sequence[str] | None = None,
) -> Context:
    """Header, signature and recipients of any issuer's document (NĐ 30/2020, Mẫu 1.4)."""
    meta = issuer.meta
    signer = meta.signer
    return {
        "issuer": list(meta.issuer),
        "number_line": number_line(number_text, symbol, meta.issuer_code),
        "place_date": f"{meta.place}, {date_words(day, year)}",
        "subject": subject,
        "signer": {"on_behalf": signer.on_behalf or "", "title": signer.title, "name": signer.name},
        "recipients": recipient_lines(recipients if recipients is not None else meta.recipients),
        "district_name": issuer.unit.name,
        "issuer_level": issuer.unit.kind,
        "draft": False,
    }


def annex_ref(issuer: Issuer, kind_word: str, symbol: str, number_text: str | None, day: date | None, year: int) -> str:
    number_part = number_line(number_text, symbol, issuer.meta.issuer_code).removeprefix("Số:").strip(" ")
    when = f"ngày {document_date(day)}" if day else date_words(None, year)
    return f"(Kèm theo {kind_word} số {number_part} {when} của {issuer.name})"


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    lines = []
    for i, text in enumerate(recipients):
        body = text.strip().rstrip(";.").strip()
        lines.append(f"- {body}{'.' if i == len(recipients) - 1 else ';'}")
    return lines


def references_text(references: Sequence[Source]) -> str:
    parts = [" ".join(r.document.strip().rstrip(";.").split()) for r in references]
    return "; ".join(p for p in parts if p)


def when_text(day: date) -> str:
    """'năm 2023' for a year-end figure, else 'đến 30/06/2024'."""
    return f"năm {day.year}" if (day.month, day.day) == (12, 31) else f"đến {document_date(day)}"


def value_text(value: object, unit: str | None, upper: object = None) -> str:
    """'60,5 triệu đồng', '95%', or a range '40 - 50%' when `upper` is given."""
    text = number(value) if upper is None else f"{number(value)} - {number(upper)}"  # type: ignore[arg-type]
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


# ---------------------------------------------------------------- tasks


def task_criterion(task: Task, cset: CriteriaSet | None) -> str | None:
    if task.criterion:
        return task.criterion
    if task.indicator and cset is not None:
        found = find_indicator(cset, task.indicator)
        return found[0].code if found else task.indicator.split(".")[0]
    if task.indicator:
        return task.indicator.split(".")[0]
    return None


def tasks_by_unit(statuses: Iterable[TaskStatus]) -> dict[int, list[TaskStatus]]:
    """The statuses of each unit, keyed by `id(unit)`: one pass instead of a scan per unit."""
    grouped: dict[int, list[TaskStatus]] = {}
    for status in statuses:
        if status.unit is not None:
            grouped.setdefault(id(status.unit), []).append(status)
    return grouped


def in_plan_year(status: TaskStatus, year: int) -> bool:
    """Tasks of the year, tasks without a deadline, and earlier ones still open."""
    due = status.task.due
    if due is None or due.last_day.year == year:
        return True
    return due.last_day.year < year and status.state != "hoàn thành"


def department_short(data: Dataset, dept_id: str, unit: Unit | None = None) -> str:
    if dept_id == UNIT_LEAD:
        return f"UBND {unit.kind} {unit.name}" if unit else "UBND xã, thị trấn"
    department = data.department(dept_id)
    return department.short if department else dept_id


def lead_text(status: TaskStatus, data: Dataset) -> str:
    return department_short(data, status.lead, status.unit)


def place_text(status: TaskStatus) -> str:
    if status.unit is None or isinstance(status.unit, District):
        return "Cấp huyện"
    return unit_heading(status.unit)


def due_words(task: Task) -> str:
    """The deadline as a sentence says it ('quý III/2024', 'năm 2024'); '' without one."""
    return task.due.label.replace("Quý", "quý").replace("Năm", "năm") if task.due else ""


def work_text(task: Task, *, with_due: bool = True) -> str:
    """The task as a phrase; its quantity appended only when the text does not already state it."""
    text = task.text.rstrip(". ")
    if task.quantity is not None and not mentions_quantity(task):
        text += f": {quantity_text(task)}"
    if with_due and task.due is not None:
        text += f" (hoàn thành {due_words(task)})"
    return text


# ---------------------------------------------------------------- indicators


def figure_text(result: IndicatorResult) -> str | None:
    """One indicator's figures: value and date, the unit's own target, threshold and gap."""
    indicator = result.indicator
    name = clean_name(indicator.name)
    parts: list[str] = []
    obs = result.observation
    if result.aggregate is not None:
        parts.append(f"{name}: {observed(result)}")
    elif obs is not None and obs.applicable and (indicator.kind in ("boolean", "level") or obs.short_by is not None):
        parts.append(f"{name}: {observed(result)} ({when_text(obs.as_of)})")
    elif obs is not None and obs.applicable:
        verb = "đạt" if indicator.direction == "min" else "là"
        parts.append(f"{name} {when_text(obs.as_of)} {verb} {observed(result)}")
    elif obs is None and result.target is None:
        return None
    elif obs is not None:
        parts.append(f"{name}: không áp dụng")
    target = result.target
    if target is not None and target.value is not None:
        unit = "%" if indicator.kind in ("percent", "parts") else (target.unit or indicator.unit)
        phrase = f"phấn đấu năm {target.year} đạt {value_text(target.value, unit)}"
        parts.append(phrase if parts else f"{name}: {phrase}")
    if result.status == NOT_MET:
        parts.append(f"yêu cầu {threshold_words(result)}")
        gap = document_gap(result)
        if gap:
            parts.append(gap)
    elif result.status == MET and target is not None and result.target_gap:
        unit = "điểm %" if indicator.kind in ("percent", "parts") else (target.unit or indicator.unit or "")
        lower = (target.direction or indicator.direction) == "max"
        parts.append(f"{'cần giảm' if lower else 'còn thiếu'} {value_text(result.target_gap, unit)} so với mục tiêu")
    return "; ".join(parts)


def document_gap(result: IndicatorResult) -> str:
    """What is missing, where the value and the requirement do not already say it: a count
    ('cần thêm 20 hộ') or an amount ('còn thiếu 4,98 triệu đồng/người/năm'), never a
    difference of percentages beside the two percentages themselves."""
    obs = result.observation
    if obs is not None and obs.short_by is not None:
        return ""
    gap = gap_text(result)
    return "" if gap == "—" or gap.endswith("điểm %") else gap


def criterion_items(
    assessment: Assessment | None, tasks: Sequence[TaskStatus], *, with_due: bool = True
) -> list[dict[str, str]]:
    """Per criterion with something to say: its state, its figures and its works, by name."""
    cset = assessment.criteria_set if assessment else None
    by_criterion: dict[str | None, list[Task]] = {}
    for status in tasks:
        by_criterion.setdefault(task_criterion(status.task, cset), []).append(status.task)
    items: list[dict[str, str]] = []
    known: set[str] = set()
    for crit in assessment.criteria if assessment else ():
        known.add(crit.criterion.code)
        works = by_criterion.get(crit.criterion.code, [])
        figures = [f for f in (figure_text(r) for r in crit.indicators) if f]
        if crit.status == NOT_APPLICABLE and not works:
            continue
        if not works and not figures and crit.status != NOT_MET:
            continue
        parts = [_STATE_PHRASE[crit.status]] if crit.status in _STATE_PHRASE else []
        parts += figures
        if works:
            parts.append("công việc: " + "; ".join(work_text(t, with_due=with_due) for t in works))
        text = "; ".join(parts)
        items.append({"label": clean_name(crit.criterion.name), "text": first_lower(text) + "."})
    loose = [t for code, group in by_criterion.items() if code not in known for t in group]
    if loose:
        text = "; ".join(work_text(t, with_due=with_due) for t in loose)
        items.append({"label": "Nhiệm vụ khác", "text": text + "."})
    return items


_STATE_PHRASE = {MET: "đã đạt, tiếp tục duy trì và nâng cao chất lượng", NOT_MET: "chưa đạt"}


def district_standing(data: Dataset, assessment: Assessment, as_of: date, year: int) -> str:
    """What is known of the district at `as_of`, the same words in the plan and the reports:
    the sets its target set requires first (the huyện NTM set the plan says it maintains,
    'đạt 9/9 tiêu chí theo …'), then the target set and the conditions; '' if nothing is known."""
    district = data.district
    assert district is not None
    parts = []
    for required in assessment.criteria_set.requires:
        if required not in data.sets:
            continue
        before = assess_unit(data, district, as_of, required, rules_year=year)
        state = criteria_state(before) if before is not None else ""
        if state:
            parts.append(f"{state} theo {data.sets[required].name}")
    state = criteria_state(assessment)
    if state:
        parts.append(f"{state} theo {assessment.criteria_set.name}")
    conditions = conditions_words(assessment.conditions)
    if conditions:
        parts.append(f"về điều kiện công nhận, {conditions}")
    return "; ".join(parts)
