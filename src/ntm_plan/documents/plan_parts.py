"""Stage 5: parts of the plan context — section IV (who does what) and the office's note.

Per department: the criteria it answers for in each set (by name), where the district
stands on them, its duties, and how many rows of the Khung kế hoạch it leads and supports
(counted from the same task list as the annex, so the two always agree). Bodies that are
not departments (`kind` đoàn thể, đơn vị sự nghiệp) get a section each. The closing note
tells the office what to check before signing; the body itself states no provenance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ntm_plan.documents.common import Context, work_text
from ntm_plan.documents.wording import clean_name, first_lower, first_upper, unknown_count
from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model import CriteriaSet, Indicator
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.department import Department
from ntm_plan.model.responsibilities import expand_all
from ntm_plan.present.vnformat import number

OFFICES = ("phòng ban", "đơn vị")
"""Kinds listed under 'các phòng, ban, đơn vị cấp huyện'; the others get a section each."""
_CODE_ONLY = re.compile(r"^Chỉ tiêu [0-9]+(?:\.[0-9]+)*[a-z]?$")


def decision_basis(data: Dataset, cset: CriteriaSet) -> str:
    """The decision a set comes from, cited by its number where the data gives one."""
    decision = cset.decision.document
    if re.search(r"\bsố\s+[0-9]", decision) or re.match(r"QĐ\s+[0-9]", decision):
        return decision
    district = data.district
    if cset.level == "xã" and district is not None and district.document.commune_basis is not None:
        return district.document.commune_basis.document
    return cset.name


def _task_counts(dept: Department, statuses: list[TaskStatus]) -> str | None:
    led = sum(1 for s in statuses if s.lead == dept.id)
    supported = sum(1 for s in statuses if dept.id in s.task.support)
    parts = [
        f"chủ trì {number(led)} nhiệm vụ" if led else "",
        f"phối hợp {number(supported)} nhiệm vụ" if supported else "",
    ]
    phrase = ", ".join(p for p in parts if p)
    return f"{first_upper(phrase)} tại Khung kế hoạch kèm theo." if phrase else None


def _responsibility_line(data: Dataset, set_id: str, texts: list[str], district: Assessment | None) -> str | None:
    cset = data.sets.get(set_id)
    if cset is None:
        return None
    codes = set(expand_all(texts, cset))
    criteria = []
    for crit in cset.criteria:
        mine = [i for i in crit.indicators if i.code in codes]
        if not mine:
            continue
        if len(mine) == len(crit.indicators):
            criteria.append(f"tiêu chí {clean_name(crit.name)}")
        else:
            criteria.append(f"tiêu chí {clean_name(crit.name)} ({_indicator_names(mine)})")
    conditions = [first_lower(clean_name(c.name)) for c in cset.conditions if c.code in codes]
    if conditions:
        criteria.append("điều kiện công nhận: " + "; ".join(conditions))
    line = f"Phụ trách theo {cset.name}: {'; '.join(criteria)}"
    if district is not None and district.criteria_set.id == set_id:
        results = [r for r in district.indicators() if r.indicator.code in codes]
        met = sum(1 for r in results if r.status == MET)
        unmet = [clean_name(r.indicator.name) for r in results if r.status == NOT_MET]
        unknown = sum(1 for r in results if r.status == UNKNOWN)
        state = []
        if met:
            state.append(f"đã đạt {met}/{len(results)} chỉ tiêu" if not unknown else f"đã đạt {met} chỉ tiêu")
        if unmet:
            state.append(f"chưa đạt: {'; '.join(unmet)}")
        if unknown:
            state.append(f"{unknown} chỉ tiêu chưa đánh giá")
        if state:
            line += "; hiện " + ", ".join(state)
    return line + "."


def _indicator_names(indicators: list[Indicator]) -> str:
    """'chỉ tiêu: A; B' by name, once each; indicators the data names only by code are counted."""
    names: list[str] = []
    unnamed = 0
    for indicator in indicators:
        name = clean_name(indicator.name)
        if _CODE_ONLY.match(name):
            unnamed += 1
        elif name not in names:
            names.append(name)
    if not names:
        return f"{unnamed} chỉ tiêu"
    return "chỉ tiêu: " + "; ".join(names) + (f" và {unnamed} chỉ tiêu khác" if unnamed else "")


def departments_section(data: Dataset, statuses: list[TaskStatus], district: Assessment | None) -> list[Context]:
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
        counts = _task_counts(dept, statuses)
        if counts:
            lines.append(counts)
        if not lines:
            lines.append("Thực hiện các nhiệm vụ thuộc chức năng, nhiệm vụ được giao.")
        out.append({"heading": f"1.{index}. {dept.name}", "lines": lines})
    return out


def organisation_sections(data: Dataset, statuses: list[TaskStatus], *, first_number: int) -> list[Context]:
    """One section per body that is not a department: the Front and mass organisations, centres."""
    out: list[Context] = []
    others = [d for d in data.departments if d.kind not in OFFICES]
    for index, dept in enumerate(others, start=first_number):
        lines = [work_text(duty) + "." for duty in dept.duties]
        counts = _task_counts(dept, statuses)
        if counts:
            lines.append(counts)
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
    unassessed_units, unassessed = unknown_count([*units.values(), district])
    lines = []
    if unchecked:
        lines.append(
            f"Ngưỡng của {number(unchecked)} chỉ tiêu trong các bộ tiêu chí đang áp dụng được lấy theo kế hoạch "
            "và văn bản hướng dẫn, chưa kiểm tra lại với văn bản gốc của quyết định ban hành bộ tiêu chí."
        )
    if unassessed:
        lines.append(
            f"{number(unassessed)} tiêu chí của {number(unassessed_units)} đơn vị chưa đánh giá được "
            "vì chưa cập nhật kết quả rà soát; các đơn vị cần gửi số liệu để đánh giá trong báo cáo quý."
        )
    if provisional:
        lines.append(f"{provisional} chỉ tiêu chưa có mã số chính thức trong dữ liệu nên chỉ được gọi theo tên.")
    return lines
