"""Stage 5: sections II-IV of the quarterly report and its figures. Pure functions.

Every task named here is named once: overdue works in II.2 (grouped by lead), works due
next quarter in III (grouped by lead); works finished this quarter are named in I. Who did
not report is said per unit and department, not per task. Proposals come from the data:
an indicator that blocks several units, overdue works, missing reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from ntm_plan.documents.charts import TASK_COLOURS, render_png, stacked
from ntm_plan.documents.common import Context, Picture, department_short, document_gap, due_words
from ntm_plan.documents.wording import clean_name, threshold_words
from ntm_plan.evaluate.results import NOT_MET, Assessment
from ntm_plan.evaluate.tasks import DONE, IN_PROGRESS, NOT_REPORTED, TaskStatus
from ntm_plan.model import District
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import display_name, sort_key, unit_heading
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.phrases import observed
from ntm_plan.present.vnformat import number

COMMUNE_LEADS = "Ủy ban nhân dân các xã, thị trấn"
CHART_UNITS = 30
"""Above this many units the first figure shows groups (one bar per target set), not units."""


def place(status: TaskStatus) -> str:
    unit = status.unit
    return "cấp huyện" if unit is None or isinstance(unit, District) else display_name(unit)


def lead_group(status: TaskStatus, data: Dataset) -> str:
    return COMMUNE_LEADS if status.lead == UNIT_LEAD else department_short(data, status.lead)


def _by_lead(data: Dataset, statuses: Sequence[TaskStatus]) -> list[tuple[str, list[TaskStatus]]]:
    """Grouped by lead in the order of departments.yaml, the communes' own committees last."""
    order = {d.short: i for i, d in enumerate(data.departments)}
    groups: dict[str, list[TaskStatus]] = defaultdict(list)
    for status in statuses:
        groups[lead_group(status, data)].append(status)
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), sort_key(kv[0])))


def task_summary(statuses: Sequence[TaskStatus]) -> str:
    count = {s: sum(1 for t in statuses if t.state == s) for s in (DONE, IN_PROGRESS, NOT_REPORTED)}
    late = sum(1 for t in statuses if t.overdue)
    return (
        f"Tổng số {number(len(statuses))} nhiệm vụ trong năm: {number(count[DONE])} hoàn thành, "
        f"{number(count[IN_PROGRESS])} đang thực hiện, "
        f"{number(count[NOT_REPORTED])} chưa có báo cáo tiến độ; {number(late)} nhiệm vụ quá hạn "
        "(biểu đồ 2; chi tiết tại Biểu 2)."
    )


def figures(data: Dataset, units: Mapping[str, Assessment | None], statuses: Sequence[TaskStatus]) -> list[Context]:
    rows: list[tuple[str, tuple[int, int, int]]] = []
    if len(data.district_units()) <= CHART_UNITS:
        for unit in data.district_units():
            a = units.get(unit.id)
            if a is not None:
                rows.append((unit_heading(unit), (a.counts.met, a.counts.not_met, a.counts.unknown)))
    else:
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for a in units.values():
            if a is not None:
                total = sums[a.criteria_set.name]
                for i, n in enumerate((a.counts.met, a.counts.not_met, a.counts.unknown)):
                    total[i] += n
        rows = [(name, (v[0], v[1], v[2])) for name, v in sorted(sums.items(), key=lambda kv: sort_key(kv[0]))]
    criteria = stacked(
        "Biểu đồ 1. Số tiêu chí theo trạng thái của từng đơn vị",
        "Số tiêu chí",
        [r[0] for r in rows],
        [(name, [r[1][i] for r in rows]) for i, name in enumerate(("Đạt", "Chưa đạt", "Chưa đánh giá"))],
    )
    groups = _by_lead(data, statuses)
    states = (DONE, IN_PROGRESS, NOT_REPORTED)
    tasks = stacked(
        "Biểu đồ 2. Tình trạng nhiệm vụ theo đơn vị chủ trì",
        "Số nhiệm vụ",
        [name for name, _ in groups],
        [
            (label, [sum(1 for s in members if s.state == state) for _, members in groups])
            for label, state in zip(("Hoàn thành", "Đang thực hiện", "Chưa báo cáo"), states, strict=True)
        ],
        TASK_COLOURS,
    )
    return [{"image": Picture(render_png(c), 160), "caption": c.title} for c in (criteria, tasks) if c.labels]


def _works(statuses: Sequence[TaskStatus], *, with_progress: bool = False) -> str:
    """Works as one sentence; the same work in several places is named once, with its places."""
    same: dict[tuple[str, str], list[TaskStatus]] = {}
    for status in statuses:
        same.setdefault((status.task.text.rstrip(". "), due_words(status.task)), []).append(status)
    phrases = []
    for (text, due), members in same.items():
        details = [", ".join(place(s) for s in members)]
        if due:
            details.append(f"hạn {due}")
        for s in members if with_progress else ():
            if s.done is not None and s.task.quantity is not None:
                details.append(f"đã thực hiện {number(s.done)}/{number(s.task.quantity)} {s.task.unit}")
        phrases.append(f"{text} ({'; '.join(details)})")
    return "; ".join(phrases)


def shortcomings(
    data: Dataset,
    units: Mapping[str, Assessment | None],
    district: Assessment | None,
    pairs: Sequence[tuple[TaskStatus, TaskStatus]],
    before: date,
) -> list[Context]:
    statuses = [now for now, _ in pairs]
    return [
        {"heading": "1. Việc báo cáo tiến độ và số liệu", "lines": _not_reported(data, units, statuses, before)},
        {"heading": "2. Công trình, nhiệm vụ quá hạn", "lines": _overdue(data, statuses)},
        {"heading": "3. Chỉ tiêu chưa đạt, ảnh hưởng đến việc công nhận", "lines": _blocking(data, units, district)},
    ]


def _not_reported(
    data: Dataset, units: Mapping[str, Assessment | None], statuses: Sequence[TaskStatus], before: date
) -> list[str]:
    silent = [s for s in statuses if s.state != DONE and (s.latest is None or s.latest.as_of <= before)]
    communes = sorted(
        {s.unit.name: s.unit for s in silent if s.lead == UNIT_LEAD and s.unit is not None}.values(),
        key=lambda u: sort_key(u.name),
    )
    departments = [d.short for d in data.departments if any(s.lead == d.id for s in silent)]
    lines = []
    if communes:
        names = ", ".join(display_name(u) for u in communes)
        lines.append(f"Chưa báo cáo tiến độ trong quý ({number(len(communes))} xã, thị trấn): {names}.")
    if departments:
        lines.append(f"Phòng, ban, đơn vị chưa báo cáo tiến độ nhiệm vụ chủ trì trong quý: {', '.join(departments)}.")
    return lines or ["Các đơn vị đã báo cáo tiến độ và số liệu đầy đủ."]


def _by_lead_once(
    data: Dataset, statuses: Sequence[TaskStatus], *, with_progress: bool = False, counted: bool = False
) -> list[str]:
    """One line per lead; a work several leads hold in the same words is one line naming them all."""
    leads: dict[str, list[str]] = defaultdict(list)
    for status in statuses:
        name = lead_group(status, data)
        if name not in leads[status.task.text]:
            leads[status.task.text].append(name)
    shared = {text for text, names in leads.items() if len(names) > 1}
    lines = []
    for name, members in _by_lead(data, [s for s in statuses if s.task.text not in shared]):
        head = f"{name} ({number(len(members))})" if counted else name
        lines.append(f"{head}: {_works(members, with_progress=with_progress)}.")
    for text in sorted(shared, key=sort_key):
        members = [s for s in statuses if s.task.text == text]
        due = due_words(members[0].task)
        when = f"; hạn {due}" if due else ""
        lines.append(f"{text.rstrip('. ')} (chủ trì: {', '.join(leads[text])}{when}).")
    return lines


def _overdue(data: Dataset, statuses: Sequence[TaskStatus]) -> list[str]:
    lines = _by_lead_once(data, [s for s in statuses if s.overdue], with_progress=True, counted=True)
    return lines or ["Không có nhiệm vụ quá hạn."]


def _blocking(data: Dataset, units: Mapping[str, Assessment | None], district: Assessment | None) -> list[str]:
    by_indicator: dict[str, list[str]] = defaultdict(list)
    pairs = [(u, units.get(u.id)) for u in data.district_units()]
    if data.district is not None:
        pairs.append((data.district, district))
    for unit, assessment in pairs:
        if assessment is None:
            continue
        for r in assessment.indicators():
            if r.status == NOT_MET:
                gap = document_gap(r)
                detail = f"{observed(r)}, yêu cầu {threshold_words(r)}" + (f", {gap}" if gap else "")
                by_indicator[clean_name(r.indicator.name)].append(f"{display_name(unit)} ({detail})")
    lines = [f"{name}: {'; '.join(places)}." for name, places in by_indicator.items()]
    return lines or ["Không có chỉ tiêu chưa đạt trong số các chỉ tiêu đã đánh giá."]


def next_quarter(data: Dataset, statuses: Sequence[TaskStatus], end: date, next_end: date) -> list[str]:
    due = [
        s
        for s in statuses
        if s.state != DONE and not s.overdue and s.task.due is not None and end < s.task.due.last_day <= next_end
    ]
    lines = _by_lead_once(data, due)
    late = sum(1 for s in statuses if s.overdue)
    if late:
        lines.append(f"Hoàn thành dứt điểm {number(late)} nhiệm vụ quá hạn nêu tại mục II.2.")
    return lines or ["Tiếp tục duy trì, nâng cao chất lượng các tiêu chí đã đạt."]


def proposals(data: Dataset, units: Mapping[str, Assessment | None], statuses: Sequence[TaskStatus]) -> list[str]:
    blocked: dict[str, list[str]] = defaultdict(list)
    for unit in data.district_units():
        assessment = units.get(unit.id)
        for r in assessment.indicators() if assessment else ():
            if r.status == NOT_MET:
                blocked[clean_name(r.indicator.name)].append(display_name(unit))
    lines = [
        f"Đề nghị các sở, ngành cấp tỉnh hướng dẫn, hỗ trợ nguồn lực thực hiện chỉ tiêu “{name}”, hiện chưa đạt "
        f"ở {number(len(places))} đơn vị ({', '.join(places)})."
        for name, places in blocked.items()
        if len(places) >= 2
    ]
    late = _by_lead(data, [s for s in statuses if s.overdue])
    if late:
        leads = ", ".join(f"{name} ({number(len(members))})" for name, members in late)
        lines.append(
            f"Đề nghị Ủy ban nhân dân huyện chỉ đạo các đơn vị chủ trì hoàn thành các nhiệm vụ quá hạn: {leads}."
        )
    if any(s.state == NOT_REPORTED for s in statuses):
        lines.append(
            "Đề nghị Ủy ban nhân dân các xã, thị trấn và các phòng, ban báo cáo tiến độ, số liệu rà soát tiêu chí "
            "định kỳ hằng quý theo Kế hoạch để kịp thời tổng hợp, đánh giá."
        )
    return lines or ["Không có đề xuất, kiến nghị phát sinh trong quý."]
