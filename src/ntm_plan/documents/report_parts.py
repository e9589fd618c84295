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

from ntm_plan.documents.charts import TASK_COLOURS, Bars, render_png, stacked
from ntm_plan.documents.common import Context, Picture, department_short, document_gap, due_words
from ntm_plan.documents.report_quarter import causes
from ntm_plan.documents.wording import clean_name, first_upper, threshold_words
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


def _one_commune(data: Dataset) -> bool:
    """The data of a commune's own report (`documents.report.scoped`): one unit, no district."""
    return data.district is None and len(data.units) == 1


def lead_group(status: TaskStatus, data: Dataset) -> str:
    if status.lead != UNIT_LEAD:
        return department_short(data, status.lead)
    return f"Ủy ban nhân dân {data.units[0].kind}" if _one_commune(data) else COMMUNE_LEADS


def _by_lead(data: Dataset, statuses: Sequence[TaskStatus]) -> list[tuple[str, list[TaskStatus]]]:
    """Grouped by lead in the order of departments.yaml, the communes' own committees last."""
    order = {d.short: i for i, d in enumerate(data.departments)}
    groups: dict[str, list[TaskStatus]] = defaultdict(list)
    for status in statuses:
        groups[lead_group(status, data)].append(status)
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), sort_key(kv[0])))


def task_summary(statuses: Sequence[TaskStatus], chart: str = "") -> str:
    count = {s: sum(1 for t in statuses if t.state == s) for s in (DONE, IN_PROGRESS, NOT_REPORTED)}
    late = sum(1 for t in statuses if t.overdue)
    return (
        f"Tổng số {number(len(statuses))} nhiệm vụ trong năm: {number(count[DONE])} hoàn thành, "
        f"{number(count[IN_PROGRESS])} đang thực hiện, "
        f"{number(count[NOT_REPORTED])} chưa có báo cáo tiến độ; {number(late)} nhiệm vụ quá hạn "
        f"({chart + '; ' if chart else ''}chi tiết tại Biểu 2)."
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
        "Số tiêu chí theo trạng thái của từng đơn vị",
        "Số tiêu chí",
        [r[0] for r in rows],
        [(name, [r[1][i] for r in rows]) for i, name in enumerate(("Đạt", "Chưa đạt", "Chưa đánh giá"))],
    )
    groups = _by_lead(data, statuses)
    states = (DONE, IN_PROGRESS, NOT_REPORTED)
    tasks = stacked(
        "Tình trạng nhiệm vụ theo đơn vị chủ trì",
        "Số nhiệm vụ",
        [name for name, _ in groups],
        [
            (label, [sum(1 for s in members if s.state == state) for _, members in groups])
            for label, state in zip(("Hoàn thành", "Đang thực hiện", "Chưa báo cáo"), states, strict=True)
        ],
        TASK_COLOURS,
    )
    shown = [(kind, c) for kind, c in (("criteria", criteria), ("tasks", tasks)) if _contrasts(c)]
    return [
        {
            "kind": kind,
            "image": Picture(render_png(c), 160),
            "caption": f"Biểu đồ {n}. {c.title}",
            "ref": f"biểu đồ {n}",
        }
        for n, (kind, c) in enumerate(shown, start=1)
    ]


def _contrasts(chart: Bars) -> bool:
    """A chart shows a difference only with bars and at least two states present: one all-grey
    ('chưa báo cáo' everywhere) or all-green chart says nothing a sentence does not."""
    return bool(chart.labels) and sum(1 for _, values in chart.series if any(values)) >= 2


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
    lost: Sequence[str] = (),
) -> list[Context]:
    """II. Tồn tại, hạn chế và nguyên nhân: reporting, overdue works by lead, criteria slipping
    and indicators blocking recognition, then the causes the units gave (if any)."""
    statuses = [now for now, _ in pairs]
    criteria = [f"{first_upper(line)}." for line in lost] + _blocking(data, units, district)
    sections = [
        {"heading": "Việc báo cáo tiến độ và số liệu", "lines": _not_reported(data, units, statuses, before)},
        {"heading": "Công trình, nhiệm vụ quá hạn", "lines": _overdue(data, statuses)},
        {"heading": "Tiêu chí, chỉ tiêu chưa đạt hoặc không còn đạt", "lines": criteria},
        {"heading": "Nguyên nhân", "lines": causes(pairs, before)},
    ]
    kept = [s for s in sections if s["lines"]]
    return [{"heading": f"{i}. {s['heading']}", "lines": s["lines"]} for i, s in enumerate(kept, start=1)]


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
    if communes and _one_commune(data):
        lines.append(f"Các nhiệm vụ do {communes[0].kind} chủ trì chưa được báo cáo tiến độ trong quý.")
    elif communes:
        names = ", ".join(display_name(u) for u in communes)
        lines.append(f"Chưa báo cáo tiến độ trong quý ({number(len(communes))} xã, thị trấn): {names}.")
    if departments:
        lines.append(f"Phòng, ban, đơn vị chưa báo cáo tiến độ nhiệm vụ chủ trì trong quý: {', '.join(departments)}.")
    return lines


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
    return _by_lead_once(data, [s for s in statuses if s.overdue], with_progress=True, counted=True)


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
    return [f"{name}: {'; '.join(places)}." for name, places in by_indicator.items()]


def next_quarter(data: Dataset, statuses: Sequence[TaskStatus], end: date, next_end: date) -> list[str]:
    """III. The works due next quarter by lead, the overdue ones to finish (by lead), and the
    reporting the issuer asks of its units: what the issuer directs, never a proposal to itself."""
    due = [
        s
        for s in statuses
        if s.state != DONE and not s.overdue and s.task.due is not None and end < s.task.due.last_day <= next_end
    ]
    lines = _by_lead_once(data, due)
    late = _by_lead(data, [s for s in statuses if s.overdue])
    if late:
        leads = ", ".join(f"{name} ({number(len(members))})" for name, members in late)
        lines.append(f"Các đơn vị chủ trì hoàn thành dứt điểm các nhiệm vụ quá hạn nêu tại mục II: {leads}.")
    if any(s.state == NOT_REPORTED for s in statuses):
        who = "Cán bộ, công chức phụ trách" if _one_commune(data) else "Các xã, thị trấn và các phòng, ban, đơn vị"
        lines.append(
            f"{who} báo cáo tiến độ nhiệm vụ và số liệu rà soát tiêu chí định kỳ hằng quý theo Kế hoạch "
            "để kịp thời tổng hợp, đánh giá."
        )
    return lines or ["Tiếp tục duy trì, nâng cao chất lượng các tiêu chí đã đạt."]


def proposals(data: Dataset, units: Mapping[str, Assessment | None], superior: str, *, min_units: int = 2) -> list[str]:
    """IV. Kiến nghị, addressed to the level above the issuer (`superior`): support for an
    indicator several units cannot meet on their own."""
    blocked: dict[str, list[str]] = defaultdict(list)
    for unit in data.district_units():
        assessment = units.get(unit.id)
        for r in assessment.indicators() if assessment else ():
            if r.status == NOT_MET:
                blocked[clean_name(r.indicator.name)].append(display_name(unit))
    shared = [(name, places) for name, places in blocked.items() if len(places) >= min_units]
    helpers = "các sở, ngành cấp tỉnh" if "tỉnh" in superior else "các phòng, ban cấp huyện"
    lines = []
    if shared:
        what = "; ".join(
            f"“{name}” (chưa đạt ở {number(len(places))} đơn vị: {', '.join(places)})" if min_units > 1 else f"“{name}”"
            for name, places in shared
        )
        lines.append(
            f"Đề nghị {superior}, {helpers} hướng dẫn, hỗ trợ nguồn lực thực hiện "
            f"{'các chỉ tiêu' if len(shared) > 1 else 'chỉ tiêu'} {what}."
        )
    return lines or ["Không có kiến nghị phát sinh trong quý."]
