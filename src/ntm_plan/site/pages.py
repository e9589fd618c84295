"""Page contexts: plain dicts of ready-made Vietnamese text, built from the evaluated data.

Every figure comes from the evaluator (the same `assess_unit`/`assess_district` results
`gap` prints), every phrase from `present`; the templates only place the strings. Long
lists are cut into numbered pages so that no page grows with the number of units.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment, CriteriaCounts, IndicatorResult
from ntm_plan.evaluate.tasks import TaskStatus, lead_name, supports
from ntm_plan.evaluate.units import current_title
from ntm_plan.model import CriteriaSet, Department, Threshold, Unit
from ntm_plan.model.criteria import CONDITIONS_NAME, TIER_LABEL, TIER_RANK
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.model.responsibilities import code_order
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.explain import evidence_text, source_text
from ntm_plan.present.phrases import (
    counts_text,
    due_text,
    gap_text,
    observed,
    progress_text,
    quantity_text,
    target_text,
    threshold_text,
)
from ntm_plan.present.unit_view import claim_lines, statement_lines, titles_sentence
from ntm_plan.present.vnformat import number, short_date
from ntm_plan.site import links
from ntm_plan.site.charts import bar_chart

T = TypeVar("T")

UNITS_PER_PAGE = 250
TASKS_PER_PAGE = 200

NO_SET = "chưa có bộ tiêu chí"
"""A unit without a target set is not assessed: its own state, never a failure."""
STATE_KIND = {MET: "met", NOT_MET: "not-met", UNKNOWN: "unknown", NO_SET: "none"}
NO_TITLE = "chưa có danh hiệu"
OWN_COMMITTEES = "UBND các đơn vị (tự chủ trì)"


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    """Where the page is written, relative to the site's root."""
    template: str
    title: str
    context: dict[str, Any]


@dataclass(frozen=True)
class Evaluated:
    """The data and its assessments at one date: what every page is built from."""

    data: Dataset
    as_of: date
    assessments: Mapping[str, Assessment | None]
    """By unit id, the district's included."""
    tasks: Sequence[TaskStatus]
    """Every task at the date: the units', the district's, the departments' own duties."""
    tasks_by_unit: Mapping[str, Sequence[TaskStatus]]
    """The units' tasks by unit id (a unit page must not search every task)."""


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def pager(url: str, page: int, pages: int) -> dict[str, Any] | None:
    if pages <= 1:
        return None
    return {
        "page": page,
        "pages": pages,
        "links": [{"n": n, "url": links.numbered(url, n), "current": n == page} for n in range(1, pages + 1)],
    }


# ---- shared pieces -------------------------------------------------------------------


def unit_state(assessment: Assessment | None) -> str:
    return NO_SET if assessment is None else str(assessment.status)


def best_tier(unit: Unit, as_of: date) -> str:
    held = [t for t in unit.titles if t.held_by(as_of)]
    if not held:
        return NO_TITLE
    return TIER_LABEL[max(held, key=lambda t: TIER_RANK[t.tier]).tier]


def _link(label: str, url: str | None) -> dict[str, str | None]:
    return {"label": label, "url": url}


def lead_link(status: TaskStatus, data: Dataset) -> dict[str, str | None]:
    if status.lead == UNIT_LEAD:
        return _link(lead_name(status, data), None)
    known = data.department(status.lead) is not None
    return _link(lead_name(status, data), links.department_url(status.lead) if known else None)


def department_link(dept_id: str, data: Dataset) -> dict[str, str | None]:
    dept = data.department(dept_id)
    return _link(dept.short if dept else dept_id, links.department_url(dept_id) if dept else None)


def task_row(status: TaskStatus, data: Dataset, *, with_unit: bool = False, role: str | None = None) -> dict[str, Any]:
    unit = status.unit
    owner = data.department(status.owner_department) if status.owner_department else None
    where = None
    if with_unit:
        if unit is not None:
            where = _link(unit_heading(unit), links.unit_url(unit.id))
        elif owner is not None:
            where = _link(f"Nhiệm vụ riêng của {owner.short}", None)
    return {
        "text": status.task.text,
        "quantity": quantity_text(status.task),
        "progress": progress_text(status),
        "lead": lead_link(status, data),
        "support": [department_link(d, data) for d in status.task.support],
        "due": due_text(status.task),
        "state": str(status.state),
        "overdue": status.overdue,
        "unit": where,
        "role": role,
    }


def counts_row(counts: CriteriaCounts | None) -> dict[str, Any] | None:
    if counts is None:
        return None
    return {"met": counts.met, "not_met": counts.not_met, "unknown": counts.unknown, "total": counts.total}


# ---- one unit ------------------------------------------------------------------------


def _value_source(r: IndicatorResult) -> str:
    if r.criterion_evidence is not None:
        return evidence_text(r.criterion_evidence)
    if r.aggregate is not None:
        return "tính từ đánh giá các đơn vị trong danh sách"
    if r.observation is not None:
        return f"{source_text(r.observation.source)}; số liệu ngày {short_date(r.observation.as_of)}"
    return "chưa có số liệu"


def indicator_row(r: IndicatorResult) -> dict[str, Any]:
    return {
        "code": r.indicator.code,
        "name": r.indicator.name,
        "value": observed(r),
        "threshold": threshold_text(r),
        "gap": gap_text(r),
        "target": target_text(r),
        "source": _value_source(r),
        "status": str(r.status),
        "reason": str(r.reason) if r.reason else None,
        "kind": STATE_KIND.get(str(r.status), "none"),
    }


def unit_facts(unit: Unit, data: Dataset) -> list[tuple[str, str]]:
    """The header's facts; what the model does not record is not shown."""
    facts = [("Loại đơn vị", unit.kind), ("Mã đơn vị hành chính", unit.code or "chưa ghi")]
    if unit.province:
        facts.append(("Tỉnh", unit.province))
    facts.append(("Vùng", unit.region))
    if unit.aliases:
        facts.append(("Tên khác", ", ".join(unit.aliases)))
    if unit.target is not None:
        cset = data.sets.get(unit.target.set)
        facts.append(("Mục tiêu", f"{cset.name if cset else unit.target.set} — năm {unit.target.year}"))
    return facts


def unit_page(ev: Evaluated, unit: Unit) -> Page:
    data, as_of = ev.data, ev.as_of
    assessment = ev.assessments.get(unit.id)
    tasks = ev.tasks_by_unit.get(unit.id, ())
    context: dict[str, Any] = {
        "heading": unit_heading(unit),
        "facts": unit_facts(unit, data),
        "titles": titles_sentence(unit, as_of, data.sets, assessment),
        "title_records": [
            {
                "label": f"{TIER_LABEL[t.tier]} năm {t.year}" + (f" ({t.decision})" if t.decision else ""),
                "source": source_text(t.source),
                "held": t.held_by(as_of),
            }
            for t in sorted(unit.titles, key=lambda t: (t.year, TIER_RANK[t.tier]))
        ],
        "claims": claim_lines(unit, as_of),
        "state": unit_state(assessment),
        "state_kind": STATE_KIND[unit_state(assessment)],
        "tasks": [task_row(s, data) for s in tasks],
        "overdue": sum(1 for s in tasks if s.overdue),
        "note": unit.note,
    }
    if assessment is not None:
        counts = assessment.counts
        context |= {
            "set": _link(assessment.criteria_set.name, links.set_url(assessment.criteria_set.id)),
            "summary": counts_text(counts),
            "statements": statement_lines(assessment),
            "criteria": [
                {
                    "code": c.criterion.code,
                    "name": c.criterion.name,
                    "status": str(c.status),
                    "kind": STATE_KIND.get(str(c.status), "none"),
                    "indicators": [indicator_row(r) for r in c.indicators],
                }
                for c in assessment.criteria
            ],
            "conditions": [indicator_row(r) for r in assessment.conditions],
            "conditions_name": CONDITIONS_NAME,
            "chart": bar_chart(
                "chart-criteria",
                "Tiêu chí theo tình trạng",
                [
                    ("Đạt", counts.met, "met"),
                    ("Chưa đạt", counts.not_met, "not-met"),
                    ("Chưa đánh giá", counts.unknown, "unknown"),
                ],
            ),
            "ignored_later": assessment.ignored_later,
            "outside_period": len(assessment.outside_period),
        }
    else:
        context |= {
            "set": None,
            "observations": sum(1 for o in unit.observations if o.as_of <= as_of),
        }
    return Page(links.unit_url(unit.id), "unit.html", unit_heading(unit), context)


# ---- the list of units and the home page ----------------------------------------------


def unit_list_pages(ev: Evaluated) -> list[Page]:
    rows = [_list_row(u, ev) for u in ev.data.units]
    parts = chunks(rows, UNITS_PER_PAGE)
    first = links.unit_list_url()
    return [
        Page(
            links.numbered(first, n),
            "unit_list.html",
            "Danh sách đơn vị" + (f" (trang {n}/{len(parts)})" if len(parts) > 1 else ""),
            {
                "units": part,
                "pager": pager(first, n, len(parts)),
                "total": len(rows),
                "first_index": (n - 1) * UNITS_PER_PAGE,
            },
        )
        for n, part in enumerate(parts, start=1)
    ]


def _list_row(unit: Unit, ev: Evaluated) -> dict[str, Any]:
    assessment = ev.assessments.get(unit.id)
    state = unit_state(assessment)
    return {
        "link": _link(unit_heading(unit), links.unit_url(unit.id)),
        "code": unit.code or "",
        "title": current_title(unit, ev.as_of) or NO_TITLE,
        "state": state,
        "state_kind": STATE_KIND[state],
        "set": _link(assessment.criteria_set.name, links.set_url(assessment.criteria_set.id)) if assessment else None,
        "counts": counts_row(assessment.counts if assessment else None),
        "overdue": sum(1 for s in ev.tasks_by_unit.get(unit.id, ()) if s.overdue),
    }


@dataclass(frozen=True, slots=True)
class Missed:
    set_id: str
    set_name: str
    code: str
    name: str
    not_met: int
    unknown: int
    units: int


def most_missed(ev: Evaluated, units: Iterable[Unit]) -> list[Missed]:
    """Per target set, the criteria its units do not meet or have not assessed: most often
    not met first, then most often unknown (the order `status` uses)."""
    by_set: dict[str, list[Assessment]] = {}
    for unit in units:
        assessment = ev.assessments.get(unit.id)
        if assessment is not None:
            by_set.setdefault(assessment.criteria_set.id, []).append(assessment)
    found: list[Missed] = []
    for set_id in sorted(by_set):
        pool = by_set[set_id]
        cset = pool[0].criteria_set
        names = {c.code: c.name for c in cset.criteria}
        not_met = Counter(c.criterion.code for a in pool for c in a.not_met)
        unknown = Counter(c.criterion.code for a in pool for c in a.unknown)
        codes = sorted(set(not_met) | set(unknown), key=lambda c: (-not_met[c], -unknown[c], code_order(c)))
        found += [Missed(set_id, cset.name, c, names.get(c, ""), not_met[c], unknown[c], len(pool)) for c in codes]
    return found


MISSED_ON_HOME = 10


def home_page(ev: Evaluated) -> Page:
    data, as_of = ev.data, ev.as_of
    units = data.units
    states = Counter(unit_state(ev.assessments.get(u.id)) for u in units)
    state_rows = [(label, states[key], STATE_KIND[key]) for key, label in STATE_LABELS]
    tiers = Counter(best_tier(u, as_of) for u in units)
    tier_order = [*dict.fromkeys(TIER_LABEL.values()), NO_TITLE]
    tier_rows = [(t, tiers[t], "plain") for t in tier_order if tiers[t] or t == NO_TITLE]
    missed = most_missed(ev, units)
    by_lead = _overdue_by_lead(ev)
    district = data.district
    context: dict[str, Any] = {
        "heading": f"Tiến độ xây dựng nông thôn mới — {unit_heading(district)}"
        if district
        else "Tiến độ xây dựng nông thôn mới",
        "unit_count": len(units),
        "district": _list_row(district, ev) if district else None,
        "states": {"chart": bar_chart("chart-states", "Đơn vị theo tình trạng", state_rows), "rows": state_rows},
        "tiers": {"chart": bar_chart("chart-titles", "Đơn vị theo danh hiệu", tier_rows), "rows": tier_rows},
        "missed": [
            {
                "set": _link(m.set_name, links.set_url(m.set_id)),
                "code": m.code,
                "name": m.name,
                "not_met": m.not_met,
                "unknown": m.unknown,
                "units": m.units,
            }
            for m in missed[:MISSED_ON_HOME]
        ],
        "missed_chart": bar_chart(
            "chart-missed",
            "Tiêu chí chưa đạt nhiều nhất",
            [(f"{m.code}. {m.name}", m.not_met, "not-met") for m in missed[:MISSED_ON_HOME]],
        ),
        "missed_more": max(0, len(missed) - MISSED_ON_HOME),
        "leads": by_lead,
        "leads_chart": bar_chart(
            "chart-leads",
            "Nhiệm vụ quá hạn theo đơn vị chủ trì",
            [(r["lead"]["label"], r["overdue"], "overdue") for r in by_lead],
        ),
        "overdue_total": sum(r["overdue"] for r in by_lead),
        "task_total": len(ev.tasks),
        "list_url": links.unit_list_url(),
        "units": [_list_row(u, ev) for u in units[:UNITS_PER_PAGE]],
        "units_more": max(0, len(units) - UNITS_PER_PAGE),
        "sets": [_link(s.name, links.set_url(s.id)) for s in sorted(data.sets.values(), key=lambda s: s.id)],
        "departments": [_link(d.short, links.department_url(d.id)) for d in data.departments],
    }
    return Page(links.HOME, "home.html", "Trang chủ", context)


STATE_LABELS = ((MET, "Đạt"), (NOT_MET, "Chưa đạt"), (UNKNOWN, "Chưa đánh giá"), (NO_SET, "Chưa có bộ tiêu chí"))


def _overdue_by_lead(ev: Evaluated) -> list[dict[str, Any]]:
    """Per lead (all People's Committees as one), tasks and overdue tasks; most overdue first."""
    total: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    sample: dict[str, TaskStatus] = {}
    for s in ev.tasks:
        total[s.lead] += 1
        overdue[s.lead] += s.overdue
        sample.setdefault(s.lead, s)
    rows = []
    for lead in sorted(total, key=lambda k: (-overdue[k], k)):
        link = _link(OWN_COMMITTEES, None) if lead == UNIT_LEAD else lead_link(sample[lead], ev.data)
        rows.append({"lead": link, "tasks": total[lead], "overdue": overdue[lead]})
    return rows


# ---- criteria sets and departments -----------------------------------------------------


def threshold_line(t: Threshold, indicator_unit: str | None, direction: str) -> str:
    if t.expect is not None:
        what = "đạt" if t.expect else "không có"
    elif t.level is not None:
        what = f"≥ {t.level}"
    elif t.value is not None:
        what = f"{'≥' if direction == 'min' else '≤'} {number(t.value)}{' ' + indicator_unit if indicator_unit else ''}"
    elif t.derived is not None:
        what = f"tính từ chỉ tiêu {t.derived.indicator} của bộ {t.derived.set}"
    else:
        what = "—"
    where = [f"vùng {t.region}" if t.region else "", f"từ năm {t.from_year}" if t.from_year else ""]
    scope = ", ".join(w for w in where if w)
    checked = "đã đối chiếu văn bản" if t.verified else "chưa đối chiếu văn bản chính thức"
    return f"{what}{f' ({scope})' if scope else ''} — {source_text(t.source)} — {checked}"


def set_page(ev: Evaluated, cset: CriteriaSet) -> Page:
    pool = [a for a in ev.assessments.values() if a is not None and a.criteria_set.id == cset.id]
    status_of: dict[str, Counter[str]] = {}
    for a in pool:
        for result in a.criteria:
            status_of.setdefault(result.criterion.code, Counter())[str(result.status)] += 1
    criteria = []
    for c in cset.criteria:
        tally = status_of.get(c.code, Counter())
        criteria.append(
            {
                "code": c.code,
                "name": c.name,
                "met": tally[MET],
                "not_met": tally[NOT_MET],
                "unknown": tally[UNKNOWN],
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "unit": i.unit or ("%" if i.kind in ("percent", "parts", "aggregate") else ""),
                        "thresholds": [threshold_line(t, i.unit, i.direction) for t in i.thresholds],
                    }
                    for i in c.indicators
                ],
            }
        )
    facts = [
        ("Cấp", cset.level),
        ("Hạng", TIER_LABEL[cset.tier]),
        ("Giai đoạn", f"{cset.period[0]}–{cset.period[1]}"),
        ("Văn bản", source_text(cset.decision)),
    ]
    if cset.province:
        facts.append(("Tỉnh", cset.province))
    if cset.base:
        facts.append(("Điều chỉnh từ bộ", cset.base))
    context = {
        "heading": cset.name,
        "facts": facts,
        "assessed": len(pool),
        "criteria": criteria,
        "conditions": [
            {"name": c.name, "thresholds": [threshold_line(t, c.unit, c.direction) for t in c.thresholds]}
            for c in cset.conditions
        ],
        "conditions_name": CONDITIONS_NAME,
        "note": cset.note,
    }
    return Page(links.set_url(cset.id), "set.html", cset.name, context)


def department_pages(ev: Evaluated, dept: Department) -> list[Page]:
    data = ev.data
    concerned: list[tuple[TaskStatus, str]] = []
    for s in ev.tasks:
        if s.owner_department == dept.id:
            concerned.append((s, "nhiệm vụ riêng"))
        elif s.lead == dept.id:
            concerned.append((s, "chủ trì"))
        elif supports(s, dept.id):
            concerned.append((s, "phối hợp"))
    concerned.sort(key=lambda pair: not pair[0].overdue)  # stable: overdue first, data order kept
    roles = Counter(role for _, role in concerned)
    overdue = Counter(role for s, role in concerned if s.overdue)
    responsibilities = [
        {
            "set": _link(
                data.sets[r.set].name if r.set in data.sets else r.set,
                links.set_url(r.set) if r.set in data.sets else None,
            ),
            "items": ", ".join(r.indicators),
            "source": source_text(r.source),
        }
        for r in dept.responsibilities
    ]
    base = {
        "heading": dept.name,
        "facts": [("Tên ngắn", dept.short), ("Loại", dept.kind)],
        "responsibilities": responsibilities,
        "roles": [
            {"role": role, "tasks": roles[role], "overdue": overdue[role]}
            for role in ("chủ trì", "phối hợp", "nhiệm vụ riêng")
        ],
        "overdue_total": sum(overdue.values()),
        "task_total": len(concerned),
        "note": dept.note,
    }
    parts = chunks(concerned, TASKS_PER_PAGE)
    first = links.department_url(dept.id)
    return [
        Page(
            links.numbered(first, n),
            "department.html",
            dept.name + (f" (trang {n}/{len(parts)})" if len(parts) > 1 else ""),
            {
                **base,
                "tasks": [task_row(s, data, with_unit=True, role=role) for s, role in part],
                "pager": pager(first, n, len(parts)),
            },
        )
        for n, part in enumerate(parts, start=1)
    ]
