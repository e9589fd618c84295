"""The pages of a criteria set (its thresholds, how the units fare) and of a department
(what it answers for, the tasks it leads or supports, overdue first)."""

from __future__ import annotations

from collections import Counter

from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model import CriteriaSet, Department, Threshold
from ntm_plan.model.criteria import CONDITIONS_NAME, TIER_LABEL
from ntm_plan.present.explain import source_text
from ntm_plan.present.phrases import working_name
from ntm_plan.present.task_lists import supports
from ntm_plan.present.vnformat import number
from ntm_plan.site import links
from ntm_plan.site.pages import (
    TASKS_PER_PAGE,
    Evaluated,
    Page,
    chunks,
    link,
    pager,
    task_row,
)


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
                "name": working_name(c),
                "met": tally[MET],
                "not_met": tally[NOT_MET],
                "unknown": tally[UNKNOWN],
                "indicators": [
                    {
                        "code": i.code,
                        "name": working_name(i),
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
            "set": link(
                data.sets[r.set].name if r.set in data.sets else r.set,
                links.set_url(r.set) if r.set in data.sets else None,
            ),
            "indicators": ", ".join(r.indicators),
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
