"""Stage 5: parts of the plan context — section IV (who does what) and the office's note.

Per department: the criteria and indicators it answers for in each set (by number and
name, as the reference plan assigns them), where the district stands on what is known, and
its duties; never a count of rows in place of the content. Bodies that are not departments
(`kind` đoàn thể, đơn vị sự nghiệp) get a section each. The closing note tells the office
what to check before signing; it is printed beside the document, never in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ntm_plan.documents.common import Context, department_short, lead_text, tasks_by_unit, work_text
from ntm_plan.documents.wording import clean_name, first_lower, first_upper
from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model import CriteriaSet, Indicator
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.model.responsibilities import expand_all
from ntm_plan.model.sets import find_indicator
from ntm_plan.model.unit import UnitTarget
from ntm_plan.present.vnformat import number, roman

OFFICES = ("phòng ban", "đơn vị")
"""Kinds listed under 'các phòng, ban, đơn vị cấp huyện'; the others get a section each."""
_PROVISIONAL = re.compile(r"[a-z]")
"""A code with a letter ('17a') is the data's own, not the decision's: the text names it."""


def decision_basis(data: Dataset, cset: CriteriaSet) -> str:
    """The decision a set comes from, cited by its number where the data gives one."""
    decision = cset.decision.document
    if re.search(r"\bsố\s+[0-9]", decision) or re.match(r"QĐ\s+[0-9]", decision):
        return decision
    district = data.district
    if cset.level == "xã" and district is not None and district.document.commune_basis is not None:
        return district.document.commune_basis.document
    return cset.name


def _responsibility_line(data: Dataset, set_id: str, texts: list[str], district: Assessment | None) -> str | None:
    """'Phụ trách theo <set>: tiêu chí số 1 Quy hoạch; tiêu chí số 6 Kinh tế (chỉ tiêu 6.1, 6.3)',
    as the reference plan assigns them, then where the district stands on what is known."""
    cset = data.sets.get(set_id)
    if cset is None:
        return None
    codes = set(expand_all(texts, cset))
    criteria = []
    for crit in cset.criteria:
        mine = [i for i in crit.indicators if i.code in codes]
        if not mine:
            continue
        head = f"tiêu chí số {crit.code} {clean_name(crit.name)}"
        if len(mine) == len(crit.indicators):
            criteria.append(head)
        else:
            criteria.append(f"{head} ({indicator_codes(mine)})")
    conditions = [first_lower(clean_name(c.name)) for c in cset.conditions if c.code in codes]
    if conditions:
        criteria.append("điều kiện công nhận: " + "; ".join(conditions))
    line = f"Phụ trách theo {cset.name}: {'; '.join(criteria)}"
    if district is not None and district.criteria_set.id == set_id:
        results = [r for r in district.indicators() if r.indicator.code in codes]
        met = sum(1 for r in results if r.status == MET)
        unmet = [clean_name(r.indicator.name) for r in results if r.status == NOT_MET]
        known = all(r.status != UNKNOWN for r in results)
        state = []
        if met:
            state.append(f"đã đạt {met}/{len(results)} chỉ tiêu" if known else f"đã đạt {met} chỉ tiêu")
        if unmet:
            state.append(f"chưa đạt: {'; '.join(unmet)}")
        if state:
            line += "; hiện " + ", ".join(state)
    return line + "."


def indicator_codes(indicators: list[Indicator]) -> str:
    """'chỉ tiêu 6.1, 6.3' by their codes, as the plan assigns them; an indicator the data holds
    under a provisional code ('17a') is named instead."""
    parts: list[str] = []
    for indicator in indicators:
        part = clean_name(indicator.name) if _PROVISIONAL.search(indicator.code) else indicator.code
        if part not in parts:
            parts.append(part)
    return "chỉ tiêu " + ", ".join(parts)


def departments_section(data: Dataset, district: Assessment | None) -> list[Context]:
    out: list[Context] = []
    for index, dept in enumerate((d for d in data.departments if d.kind in OFFICES), start=1):
        lines: list[str] = []
        by_set: dict[str, list[str]] = {}
        for resp in dept.responsibilities:
            by_set.setdefault(resp.set, []).extend(resp.indicators)
        for set_id, texts in by_set.items():
            line = _responsibility_line(data, set_id, texts, district)
            if line:
                lines.append(line)
        if by_set and not dept.duties:
            lines.append(
                "Rà soát nội dung, khối lượng công việc của các chỉ tiêu được giao; hoàn thiện hồ sơ tiêu chí và "
                "phối hợp với các sở, ngành trong kiểm tra, thẩm định."
            )
        lines += [work_text(duty) + "." for duty in dept.duties]
        if not lines:
            lines.append("Thực hiện các nhiệm vụ thuộc chức năng, nhiệm vụ được giao.")
        out.append({"heading": f"1.{index}. {dept.name}", "lines": lines})
    return out


def organisation_sections(data: Dataset, *, first_number: int) -> list[Context]:
    """One section per body that is not a department: the Front and mass organisations, centres."""
    out: list[Context] = []
    others = [d for d in data.departments if d.kind not in OFFICES]
    for index, dept in enumerate(others, start=first_number):
        lines = [work_text(duty) + "." for duty in dept.duties]
        out.append({"heading": f"{index}. {dept.name}", "lines": lines or ["Phối hợp thực hiện Kế hoạch."]})
    return out


def closing_note(data: Dataset, units: Mapping[str, Assessment | None], district: Assessment | None) -> list[str]:
    """What the office should check before the plan is signed: one short note, not the body."""
    in_use = {a.criteria_set.id: a.criteria_set for a in [*units.values(), district] if a is not None}
    unchecked = sum(
        1
        for cset in in_use.values()
        for _, indicator in cset.indicators()
        if any(not t.verified for t in indicator.thresholds)
    )
    provisional = sum(
        1 for cset in in_use.values() for _, indicator in cset.indicators() if re.search(r"[a-z]", indicator.code)
    )
    lines = []
    if unchecked:
        lines.append(
            f"Ngưỡng của {number(unchecked)} chỉ tiêu trong các bộ tiêu chí đang áp dụng được lấy theo kế hoạch "
            "và văn bản hướng dẫn, chưa kiểm tra lại với văn bản gốc của quyết định ban hành bộ tiêu chí."
        )
    if provisional:
        lines.append(f"{provisional} chỉ tiêu chưa có mã số chính thức trong dữ liệu nên chỉ được gọi theo tên.")
    return lines


def content_part(
    heading: str, intro: str, *, groups: list[Context] | None = None, items: list[Context] | None = None
) -> Context:
    """A part of section II: a heading, its intro, groups of units (each unit with its points)
    or the points of one issuer."""
    return {"heading": heading, "intro": intro, "groups": groups or [], "entries": items or []}


def organisation_part(
    heading: str, intro: str, sections: list[Context] | None = None, *, lines: list[str] | None = None
) -> Context:
    """A part of section IV: a heading, its intro, one sub-section per body, or lines."""
    return {"heading": heading, "intro": intro, "sections": sections or [], "lines": lines or []}


def target_rows(targets: Sequence[UnitTarget], year: int, cset: CriteriaSet | None) -> tuple[list[str], list[Context]]:
    """The year's targets: those without a figure as sentences, the others as rows of the
    I.3 table (chỉ tiêu, đơn vị tính, kế hoạch)."""
    lines: list[str] = []
    rows: list[Context] = []
    for target in targets:
        if target.year != year:
            continue
        name = target.name
        unit = target.unit
        if name is None and target.indicator and cset is not None:
            found = find_indicator(cset, target.indicator)
            if found:
                name = clean_name(found[1].name)
                unit = unit or ("%" if found[1].kind in ("percent", "parts") else found[1].unit)
        if name is None:
            continue
        if target.value is None:
            lines.append(f"{first_upper(name)}.")
            continue
        figure = number(target.value) if target.upper is None else f"{number(target.value)} - {number(target.upper)}"
        if target.direction == "max":
            figure = f"không quá {figure}"
        elif target.direction == "min" and target.indicator is None:
            figure = f"ít nhất {figure}"  # a count the plan asks 'at least' of
        row = {"group": False, "tt": str(len(rows) + 1), "content": name, "unit": unit or "", "value": figure}
        rows.append(row)
    return lines, rows


def annex_rows(data: Dataset, statuses: list[TaskStatus], year: int) -> tuple[list[dict[str, object]], bool]:
    """The Khung kế hoạch rows, and whether any task carries an amount (else no Kinh phí column)."""
    groups: list[tuple[str, list[TaskStatus]]] = []
    by_unit = tasks_by_unit(statuses)
    for unit in data.district_units():
        mine = by_unit.get(id(unit), [])
        if mine:
            groups.append((unit_heading(unit), mine))
    if data.district is not None and by_unit.get(id(data.district)):
        groups.append(("Cấp huyện", by_unit[id(data.district)]))
    by_owner: dict[str, list[TaskStatus]] = {}
    for status in statuses:
        if status.owner_department is not None:
            by_owner.setdefault(status.owner_department, []).append(status)
    for dept in data.departments:
        if by_owner.get(dept.id):
            groups.append((dept.name, by_owner[dept.id]))
    rows: list[dict[str, object]] = []
    has_cost = any(s.task.cost is not None for s in statuses)
    for g, (title, members) in enumerate(groups, start=1):
        rows.append(_row(True, roman(g), title))
        for i, status in enumerate(members, start=1):
            task = status.task
            rows.append(
                _row(
                    False,
                    str(i),
                    work_text(task, with_due=False),
                    lead=lead_text(status, data),
                    support=", ".join(department_short(data, s, status.unit) for s in task.support),
                    due=task.due.label if task.due else f"Năm {year}",
                    cost=number(task.cost) if task.cost is not None else "",
                )
            )
    return rows, has_cost


def _row(group: bool, tt: str, content: str, **cells: str) -> dict[str, object]:
    row: dict[str, object] = {"group": group, "tt": tt, "content": content}
    row.update({k: cells.get(k, "") for k in ("lead", "support", "due", "cost")})
    return row
