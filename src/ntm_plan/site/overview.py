"""The home page and the numbered list of units: where all units stand at a glance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.evaluate.units import current_title
from ntm_plan.model import Unit
from ntm_plan.model.criteria import TIER_LABEL
from ntm_plan.model.names import unit_heading
from ntm_plan.model.responsibilities import code_order
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.site import links
from ntm_plan.site.charts import bar_chart
from ntm_plan.site.pages import (
    NO_SET,
    NO_TITLE,
    OWN_COMMITTEES,
    STATE_KIND,
    UNITS_ON_HOME,
    UNITS_PER_PAGE,
    Evaluated,
    Page,
    best_tier,
    chunks,
    counts_row,
    lead_link,
    link,
    pager,
    unit_state,
)


def unit_list_pages(ev: Evaluated) -> list[Page]:
    rows = [_list_row(u, ev) for u in ev.data.units if u.exists_on(ev.as_of)]  # the units of that day
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
        "link": link(unit_heading(unit), links.unit_url(unit.id)),
        "code": unit.code or "",
        "title": current_title(unit, ev.as_of) or NO_TITLE,
        "state": state,
        "state_kind": STATE_KIND[state],
        "set": link(assessment.criteria_set.name, links.set_url(assessment.criteria_set.id)) if assessment else None,
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
    units = [u for u in data.units if u.exists_on(as_of)]  # the units of that day
    states = Counter(unit_state(ev.assessments.get(u.id)) for u in units)
    state_rows = [(label, states[key], STATE_KIND[key]) for key, label in STATE_LABELS]
    tiers = Counter(best_tier(u, as_of) for u in units)
    tier_order = [*dict.fromkeys(TIER_LABEL.values()), NO_TITLE]
    tier_rows = [(t, tiers[t], "plain") for t in tier_order if tiers[t] or t == NO_TITLE]
    # across the sets: the criteria most units fail lead, not the first set's unassessed ones
    missed = sorted(most_missed(ev, units), key=lambda m: (-m.not_met, -m.unknown))
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
                "set": link(m.set_name, links.set_url(m.set_id)),
                "code": m.code,
                "name": m.name,
                "not_met": m.not_met,
                "unknown": m.unknown,
                "units": m.units,
            }
            for m in missed[:MISSED_ON_HOME]
        ],
        # only criteria some unit fails: one known to nobody is in the table, not drawn as a 0 bar
        "missed_chart": bar_chart(
            "chart-missed",
            "Tiêu chí chưa đạt nhiều nhất",
            [(f"{m.code}. {m.name}", m.not_met, "not-met") for m in missed[:MISSED_ON_HOME] if m.not_met > 0],
        ),
        "any_not_met": any(m.not_met > 0 for m in missed[:MISSED_ON_HOME]),
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
        "units": [_list_row(u, ev) for u in units[:UNITS_ON_HOME]],
        "units_more": max(0, len(units) - UNITS_ON_HOME),
        "sets": [link(s.name, links.set_url(s.id)) for s in sorted(data.sets.values(), key=lambda s: s.id)],
        "departments": [link(d.short, links.department_url(d.id)) for d in data.departments],
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
        who = link(OWN_COMMITTEES, None) if lead == UNIT_LEAD else lead_link(sample[lead], ev.data)
        rows.append({"lead": who, "tasks": total[lead], "overdue": overdue[lead]})
    return rows
