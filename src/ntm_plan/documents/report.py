"""Stage 5: the context of the quarterly report (Báo cáo). Pure: dataset and quarter in, dict out.

Everything is assessed at the quarter's last day and at the previous quarter's last day:
criteria met per unit now and before and what changed, tasks done / in progress / not
reported / overdue per lead department, shortcomings (unmet indicators, missing data,
overdue and unreported works), the tasks for the next quarter, and the two annex tables
(Biểu 1 per unit, Biểu 2 per department).
"""

from __future__ import annotations

from datetime import date, timedelta

from ntm_plan.check.checks import UNIT_LEAD
from ntm_plan.documents.common import (
    Context,
    annex_ref,
    codes_text,
    count_line,
    header,
    in_plan_year,
    issuer_name,
    lead_text,
    place_text,
    references_text,
    target_label,
    unit_title,
)
from ntm_plan.evaluate.results import MET, NO_DATA, NOT_MET, Assessment
from ntm_plan.evaluate.tasks import DONE, IN_PROGRESS, NOT_REPORTED, TaskStatus, all_task_statuses
from ntm_plan.evaluate.units import assess_district
from ntm_plan.model import Unit
from ntm_plan.model.common import quarter_end
from ntm_plan.model.dataset import Dataset
from ntm_plan.present.phrases import conditions_text, gap_text, observed, progress_text, quantity_text, threshold_text
from ntm_plan.present.vnformat import document_date, number, quarter, roman


def report_context(
    data: Dataset, year: int, q: int, *, number_text: str | None = None, day: date | None = None
) -> Context:
    district = data.district
    assert district is not None, "the report needs district.yaml"
    as_of = quarter_end(year, q)
    before = quarter_end(year, q - 1) if q > 1 else date(year - 1, 12, 31)
    next_year, next_q = (year, q + 1) if q < 4 else (year + 1, 1)
    period, prev_period, next_period = (
        quarter(year, q, capital=False),
        quarter(before.year, (before.month - 1) // 3 + 1, capital=False),
        quarter(next_year, next_q, capital=False),
    )
    now_view, old_view = assess_district(data, as_of), assess_district(data, before)
    statuses = [s for s in all_task_statuses(data, as_of) if in_plan_year(s, year)]
    subject = f"Kết quả thực hiện Chương trình xây dựng nông thôn mới {period}"
    ctx = header(data, symbol="BC", year=year, number_text=number_text, day=day, subject=subject)
    refs = references_text(district.document.references)
    lead_in = f"Thực hiện {refs}, " if refs else ""
    opening = (
        f"{lead_in}{issuer_name(district)} báo cáo kết quả thực hiện Chương trình xây dựng nông thôn mới "
        f"{period} (số liệu đến ngày {document_date(as_of)}) như sau:"
    )
    ctx["opening"] = opening[0].upper() + opening[1:]
    ctx["district_lines"] = _district_lines(now_view.district, old_view.district, prev_period, data, now_view.units)
    ctx["units_intro"] = f"Kết quả của từng đơn vị so với cuối {prev_period} (chi tiết tại Biểu 1):"
    ctx["unit_items"] = [
        {"label": unit_title(u), "text": _unit_text(u, data, now_view.units, old_view.units, prev_period)}
        for u in data.units
    ]
    ctx["tasks_intro"] = _tasks_summary(statuses)
    ctx["department_blocks"] = _department_blocks(data, statuses)
    ctx["shortcomings"] = _shortcomings(data, now_view.units, now_view.district, statuses)
    ctx["next_period_upper"] = next_period.upper()
    ctx["next_intro"] = (
        f"Tập trung hoàn thành các nhiệm vụ đến hạn trong {next_period}, các nhiệm vụ quá hạn và các nhiệm vụ "
        "chưa hoàn thành sau:"
    )
    ctx["next_tasks"] = _next_tasks(data, statuses, quarter_end(next_year, next_q)) or [
        "Không còn nhiệm vụ nào chưa hoàn thành trong dữ liệu; tiếp tục duy trì, nâng cao các tiêu chí đã đạt."
    ]
    ctx["closing"] = (
        f"Trên đây là báo cáo kết quả thực hiện Chương trình xây dựng nông thôn mới {period} "
        f"của {issuer_name(district)}"
    )
    ctx["as_of_label_upper"] = f"NGÀY {document_date(as_of)}"
    ctx["annex_ref"] = annex_ref(data, "Báo cáo", "BC", number_text, day, year)
    ctx["units_table"] = units_table(data, now_view.units, old_view.units, now_view.district, old_view.district)
    ctx["tasks_table"] = tasks_table(data, statuses)
    return ctx


def _met_count(assessment: Assessment | None) -> int | None:
    return None if assessment is None else len(assessment.met)


def _change(now: Assessment | None, old: Assessment | None) -> str:
    a, b = _met_count(now), _met_count(old)
    if a is None or b is None:
        return "—"
    diff = a - b
    return f"+{diff}" if diff > 0 else str(diff)


def _criteria_codes(assessment: Assessment | None, status: str) -> str:
    if assessment is None:
        return "—"
    return codes_text(c.criterion.code for c in assessment.criteria if c.status == status) or "—"


def _criterion_moves(now: Assessment, old: Assessment | None) -> list[str]:
    if old is None:
        return []
    before = {c.criterion.code: c.status for c in old.criteria}
    gained = [c for c in now.criteria if c.status == MET and before.get(c.criterion.code) != MET]
    lost = [c for c in now.criteria if c.status != MET and before.get(c.criterion.code) == MET]
    moves = []
    if gained:
        moves.append("đạt thêm tiêu chí " + "; ".join(f"{c.criterion.code}. {c.criterion.name}" for c in gained))
    if lost:
        moves.append("không còn đạt tiêu chí " + "; ".join(f"{c.criterion.code}. {c.criterion.name}" for c in lost))
    return moves


def _indicator_moves(now: Assessment, old: Assessment | None) -> list[str]:
    if old is None:
        return []
    moves = []
    for result in now.indicators():
        previous = old.result_for(result.indicator.code)
        if previous is None:
            continue
        a, b = observed(previous), observed(result)
        if a != b:
            moves.append(f"chỉ tiêu {result.indicator.code} từ {a if a != '—' else 'chưa có số liệu'} thành {b}")
    return moves


def _unit_text(
    unit: Unit,
    data: Dataset,
    now: dict[str, Assessment | None],
    old: dict[str, Assessment | None],
    prev_period: str,
) -> str:
    key = unit.id or unit.name
    a, b = now.get(key), old.get(key)
    if a is None:
        return f"{target_label(unit, data)}; chưa đánh giá được (chưa có bộ tiêu chí mục tiêu)."
    parts = [f"mục tiêu {target_label(unit, data)}", f"đạt {count_line(a)} tiêu chí"]
    if b is not None:
        parts[-1] += f" (cuối {prev_period}: {count_line(b)})"
    moves = _criterion_moves(a, b) + _indicator_moves(a, b)
    parts += moves or ["không thay đổi so với cuối kỳ trước"]
    missing = sum(1 for c in a.criteria if c.status == NO_DATA)
    if missing:
        parts.append(f"{missing} tiêu chí chưa đủ số liệu để đánh giá")
    return "; ".join(parts) + "."


def _district_lines(
    now: Assessment | None,
    old: Assessment | None,
    prev_period: str,
    data: Dataset,
    units: dict[str, Assessment | None],
) -> list[str]:
    lines: list[str] = []
    assessed = [a for a in units.values() if a is not None]
    if assessed:
        full = sum(1 for a in assessed if a.status == MET)
        average = number(sum(len(a.met) for a in assessed) / len(assessed), max_places=1)
        lines.append(
            f"Có {full}/{len(data.units)} xã, thị trấn đạt đủ các tiêu chí của bộ tiêu chí mục tiêu; bình quân "
            f"đạt {average} tiêu chí/đơn vị."
        )
    if now is None:
        lines.append("Huyện chưa có bộ tiêu chí mục tiêu nên chưa đánh giá được các tiêu chí cấp huyện.")
        return lines
    head = f"Theo {now.criteria_set.name}, huyện đạt {count_line(now)} tiêu chí"
    if old is not None:
        head += f" (cuối {prev_period}: {count_line(old)})"
    moves = _criterion_moves(now, old)
    lines.append(head + ("; " + "; ".join(moves) if moves else "") + ".")
    if now.conditions:
        lines.append(f"Điều kiện công nhận: {conditions_text(now.conditions)}.")
    for crit in now.criteria:
        if crit.status == NOT_MET:
            details = [
                f"{r.indicator.code} {r.indicator.name}: {observed(r)}, yêu cầu {threshold_text(r)}"
                + (f", {gap_text(r)}" if gap_text(r) != "—" else "")
                for r in crit.indicators
                if r.status == NOT_MET
            ]
            lines.append(f"Tiêu chí {crit.criterion.code}. {crit.criterion.name} chưa đạt: " + "; ".join(details) + ".")
    return lines


def _state(status: TaskStatus) -> str:
    return status.state + (", quá hạn" if status.overdue else "")


def _tasks_summary(statuses: list[TaskStatus]) -> str:
    count = {s: sum(1 for t in statuses if t.state == s) for s in (DONE, IN_PROGRESS, NOT_REPORTED)}
    late = sum(1 for t in statuses if t.overdue)
    return (
        f"Tổng số {len(statuses)} nhiệm vụ: {count[DONE]} hoàn thành, {count[IN_PROGRESS]} đang thực hiện, "
        f"{count[NOT_REPORTED]} chưa báo cáo tiến độ; {late} nhiệm vụ quá hạn (chi tiết tại Biểu 2)."
    )


def _groups(data: Dataset, statuses: list[TaskStatus]) -> list[tuple[str, list[TaskStatus]]]:
    """Tasks grouped by the department that leads them; the communes' own UBND last."""
    groups = []
    for dept in data.departments:
        mine = [s for s in statuses if s.lead == dept.id]
        if mine:
            groups.append((dept.name, mine))
    own = [s for s in statuses if s.lead == UNIT_LEAD]
    if own:
        groups.append(("Ủy ban nhân dân các xã, thị trấn", own))
    known = {d.id for d in data.departments} | {UNIT_LEAD}
    other = [s for s in statuses if s.lead not in known]
    if other:
        groups.append(("Đơn vị khác", other))
    return groups


def _task_line(status: TaskStatus, data: Dataset) -> str:
    task = status.task
    text = f"{task.text.rstrip('. ')} ({place_text(status)}"
    if task.quantity is not None:
        text += f"; {quantity_text(task)}"
    if task.due is not None:
        text += f"; hạn {task.due.label}"
    if status.state == NOT_REPORTED:
        return text + "): chưa báo cáo tiến độ" + ("; quá hạn." if status.overdue else ".")
    return text + f"): {progress_text(status)}; {_state(status)}."


def _department_blocks(data: Dataset, statuses: list[TaskStatus]) -> list[dict[str, object]]:
    blocks: list[dict[str, object]] = []
    for index, (name, members) in enumerate(_groups(data, statuses), start=1):
        summary = (
            f"Chủ trì {len(members)} nhiệm vụ: {sum(s.state == DONE for s in members)} hoàn thành, "
            f"{sum(s.state == IN_PROGRESS for s in members)} đang thực hiện, "
            f"{sum(s.state == NOT_REPORTED for s in members)} chưa báo cáo; {sum(s.overdue for s in members)} quá hạn."
        )
        lines = [summary] + [_task_line(s, data) for s in members]
        blocks.append({"heading": f"3.{index}. {name}", "lines": lines})
    return blocks


def _shortcomings(
    data: Dataset, units: dict[str, Assessment | None], district: Assessment | None, statuses: list[TaskStatus]
) -> list[dict[str, object]]:
    unmet: list[str] = []
    missing: list[str] = []
    pairs = [(u, units.get(u.id or u.name)) for u in data.units]
    if data.district is not None:
        pairs.append((data.district, district))
    for unit, assessment in pairs:
        if assessment is None:
            missing.append(f"{unit_title(unit)}: chưa có bộ tiêu chí mục tiêu.")
            continue
        for r in assessment.indicators():
            if r.status == NOT_MET:
                gap = gap_text(r)
                unmet.append(
                    f"{unit_title(unit)} — chỉ tiêu {r.indicator.code} {r.indicator.name}: {observed(r)}, "
                    f"yêu cầu {threshold_text(r)}" + (f", {gap}" if gap != "—" else "") + "."
                )
        absent = [r.indicator.code for r in assessment.indicators() if r.status == NO_DATA]
        if absent:
            missing.append(f"{unit_title(unit)}: {len(absent)} chỉ tiêu chưa có số liệu ({codes_text(absent)}).")
    overdue = [_task_line(s, data) for s in statuses if s.overdue]
    silent = [s for s in statuses if s.state == NOT_REPORTED]
    not_reported: list[str] = []
    places = sorted({place_text(s) for s in silent})
    if places:
        not_reported.append("Đơn vị có nhiệm vụ chưa báo cáo tiến độ: " + ", ".join(places) + ".")
        not_reported += [
            f"{s.task.text.rstrip('. ')} ({place_text(s)}; chủ trì {lead_text(s, data)}): chưa báo cáo tiến độ."
            for s in silent
        ]
    none = ["Không có."]
    sections: list[dict[str, object]] = [
        {"heading": "1. Chỉ tiêu chưa đạt", "lines": unmet or none},
        {"heading": "2. Chỉ tiêu chưa có số liệu", "lines": missing or none},
        {"heading": "3. Nhiệm vụ quá hạn", "lines": overdue or none},
        {"heading": "4. Nhiệm vụ chưa báo cáo tiến độ", "lines": not_reported or ["Mọi nhiệm vụ đã báo cáo tiến độ."]},
    ]
    return sections


def _next_tasks(data: Dataset, statuses: list[TaskStatus], next_end: date) -> list[str]:
    next_start = next_end - timedelta(days=88)
    open_ = [s for s in statuses if s.state != DONE]

    def order(s: TaskStatus) -> tuple[int, date]:
        due = s.task.due.last_day if s.task.due else date.max
        return (0 if s.overdue else 1 if due <= next_end else 2, due)

    lines = []
    for s in sorted(open_, key=order):
        note = (
            "quá hạn"
            if s.overdue
            else "đến hạn trong quý tới"
            if s.task.due and next_start <= s.task.due.last_day <= next_end
            else ""
        )
        lines.append(
            f"{s.task.text.rstrip('. ')} ({place_text(s)}; chủ trì {lead_text(s, data)}"
            + (f"; hạn {s.task.due.label}" if s.task.due else "")
            + (f"; {note}" if note else "")
            + ")."
        )
    return lines


def units_table(
    data: Dataset,
    now: dict[str, Assessment | None],
    old: dict[str, Assessment | None],
    district_now: Assessment | None,
    district_old: Assessment | None,
) -> list[dict[str, object]]:
    """Biểu 1: per unit, criteria met at the end of the previous quarter and now."""
    rows: list[dict[str, object]] = [_unit_row(True, "I", "Các xã, thị trấn")]
    for i, unit in enumerate(data.units, start=1):
        key = unit.id or unit.name
        rows.append(_unit_row(False, str(i), unit_title(unit), unit, data, now.get(key), old.get(key)))
    if data.district is not None:
        rows.append(_unit_row(True, "II", "Cấp huyện"))
        rows.append(_unit_row(False, "1", unit_title(data.district), data.district, data, district_now, district_old))
    return rows


def _unit_row(
    group: bool,
    tt: str,
    name: str,
    unit: Unit | None = None,
    data: Dataset | None = None,
    a: Assessment | None = None,
    b: Assessment | None = None,
) -> dict[str, object]:
    row: dict[str, object] = {"group": group, "tt": tt, "unit": name}
    if group or unit is None or data is None:
        row.update(dict.fromkeys(("target", "before", "now", "change", "unmet", "missing"), ""))
        return row
    row.update(
        target=target_label(unit, data),
        before=count_line(b) if b else "—",
        now=count_line(a) if a else "—",
        change=_change(a, b),
        unmet=_criteria_codes(a, NOT_MET),
        missing=_criteria_codes(a, NO_DATA),
    )
    return row


def tasks_table(data: Dataset, statuses: list[TaskStatus]) -> list[dict[str, object]]:
    """Biểu 2: tasks grouped by lead department, with progress and state."""
    rows: list[dict[str, object]] = []
    for g, (name, members) in enumerate(_groups(data, statuses), start=1):
        rows.append({"group": True, "tt": roman(g), "content": name, **dict.fromkeys(_TASK_CELLS, "")})
        for i, s in enumerate(members, start=1):
            rows.append(
                {
                    "group": False,
                    "tt": str(i),
                    "content": s.task.text,
                    "place": place_text(s),
                    "quantity": quantity_text(s.task) if s.task.quantity is not None else "",
                    "due": s.task.due.label if s.task.due else "",
                    "progress": progress_text(s),
                    "state": _state(s),
                }
            )
    return rows


_TASK_CELLS = ("place", "quantity", "due", "progress", "state")
