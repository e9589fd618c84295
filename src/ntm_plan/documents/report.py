"""Stage 5: the context of the quarterly report (Báo cáo). Pure: dataset and quarter in, dict out.

A leadership report: I. results — the district and each unit in a line (criteria by state
and the change since the previous quarter, titles, works finished, the quantity done this
quarter) with two figures; II. shortcomings — who did not report, the overdue works by
lead, the indicators that block recognition; III. the works due next quarter; IV.
proposals drawn from the data. Each task is named at most once in the body; the full
lists are the annexes Biểu 1 (units × criteria) and Biểu 2 (tasks by lead).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ntm_plan.documents.common import (
    TIER_TITLE,
    Context,
    annex_ref,
    district_standing,
    header,
    in_plan_year,
    issuer_name,
    plan_goal,
    recipient_lines,
)
from ntm_plan.documents.report_parts import figures, next_quarter, proposals, shortcomings, task_summary
from ntm_plan.documents.report_tables import tasks_table, units_table
from ntm_plan.documents.wording import clean_name, criteria_state, polish, title_words
from ntm_plan.evaluate.results import MET, Assessment
from ntm_plan.evaluate.tasks import DONE, TaskStatus, all_task_statuses
from ntm_plan.evaluate.units import assess_district, current_title
from ntm_plan.model import Unit
from ntm_plan.model.common import previous_quarter_end, quarter_end, quarter_of
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.vnformat import document_date, number, quarter


@dataclass(frozen=True)
class Period:
    """The quarter reported on, the one before and the one after."""

    year: int
    q: int
    end: date
    before: date
    next_end: date
    label: str
    prev_label: str
    next_label: str


def period_of(year: int, q: int) -> Period:
    before = previous_quarter_end(year, q)
    next_year, next_q = (year, q + 1) if q < 4 else (year + 1, 1)
    return Period(
        year,
        q,
        quarter_end(year, q),
        before,
        quarter_end(next_year, next_q),
        quarter(year, q, capital=False),
        quarter(before.year, quarter_of(before), capital=False),
        quarter(next_year, next_q, capital=False),
    )


def report_context(
    data: Dataset, year: int, q: int, *, number_text: str | None = None, day: date | None = None
) -> Context:
    district = data.district
    assert district is not None, "the report needs district.yaml"
    period = period_of(year, q)
    # the quarter before is judged by this year's requirements too: the first quarter's
    # baseline is then the year's plan, figure for figure
    now_view = assess_district(data, period.end, rules_year=year)
    old_view = assess_district(data, period.before, rules_year=year)
    pairs = [
        (now, old)
        for now, old in zip(all_task_statuses(data, period.end), all_task_statuses(data, period.before), strict=True)
        if in_plan_year(now, year)
    ]
    statuses = [now for now, _ in pairs]
    subject = f"Kết quả thực hiện Chương trình xây dựng nông thôn mới {period.label}"
    ctx = header(data, symbol="BC", year=year, number_text=number_text, day=day, subject=subject)
    meta = district.document
    if meta.report_recipients is not None:
        ctx["recipients"] = recipient_lines(meta.report_recipients.recipients)
    ctx["opening"] = (
        f"Thực hiện Kế hoạch {plan_goal(data, district, year)} năm {year}, {issuer_name(district)} báo cáo kết quả "
        f"thực hiện {period.label} (số liệu đến ngày {document_date(period.end)}) như sau:"
    )
    ctx["district_lines"] = _district_lines(data, now_view.district, old_view.district, period)
    ctx["units_intro"] = _units_intro(data, now_view.units, period)
    moves = _works_moved(pairs)
    ctx["unit_items"] = [
        {"label": unit_heading(u), "text": _unit_text(u, now_view.units, old_view.units, moves, period)}
        for u in data.district_units()
    ]
    ctx["tasks_intro"] = task_summary(statuses)
    ctx["figures"] = figures(data, now_view.units, statuses)
    ctx["shortcomings"] = shortcomings(data, now_view.units, now_view.district, pairs, period.before)
    ctx["next_period_upper"] = period.next_label.upper()
    ctx["next_lines"] = next_quarter(data, statuses, period.end, period.next_end)
    ctx["proposals"] = proposals(data, now_view.units, statuses)
    ctx["closing"] = (
        f"Trên đây là báo cáo kết quả thực hiện Chương trình xây dựng nông thôn mới {period.label} "
        f"của {issuer_name(district)}"
    )
    ctx["as_of_label_upper"] = f"NGÀY {document_date(period.end)}"
    ctx["annex_ref"] = annex_ref(data, "Báo cáo", "BC", number_text, day, year)
    ctx["units_table"] = units_table(data, now_view, old_view)
    ctx["tasks_table"] = tasks_table(data, statuses)
    return polish(ctx)  # type: ignore[no-any-return]


def _district_lines(data: Dataset, now: Assessment | None, old: Assessment | None, period: Period) -> list[str]:
    """The district as the year's plan states it (`district_standing`), and what changed."""
    if now is None:
        return []
    standing = district_standing(data, now, period.end, period.year)
    if not standing:
        return []
    line = f"Đến ngày {document_date(period.end)}, huyện {standing}"
    if old is not None:
        line += f"; {_change(now, old, period)}"
    return [line + "."]


def _change(now: Assessment, old: Assessment, period: Period) -> str:
    was_met = {c.criterion.code for c in old.criteria if c.status == MET}
    gained = [clean_name(c.criterion.name) for c in now.criteria if c.status == MET and c.criterion.code not in was_met]
    lost = [clean_name(c.criterion.name) for c in now.criteria if c.status != MET and c.criterion.code in was_met]
    parts = []
    if gained:
        parts.append(f"đạt thêm {len(gained)} tiêu chí so với cuối {period.prev_label} ({'; '.join(gained)})")
    if lost:
        parts.append(f"không còn đạt {len(lost)} tiêu chí ({'; '.join(lost)})")
    return ", ".join(parts) or f"không thay đổi so với cuối {period.prev_label}"


def _units_intro(data: Dataset, units: dict[str, Assessment | None], period: Period) -> str:
    """How many units meet every criterion and how many still have criteria to complete; a
    count of units meeting everything only where every criterion is known."""
    assessed = [a for a in units.values() if a is not None]
    full = sum(1 for a in assessed if a.status == MET)
    short = sum(1 for a in assessed if a.counts.not_met)
    parts = [f"{full} xã, thị trấn đạt đủ các tiêu chí của bộ tiêu chí mục tiêu"] if full else []
    if short:
        parts.append(f"{short} đơn vị còn tiêu chí phải hoàn thành")
    head = f"Đến ngày {document_date(period.end)}, {'; '.join(parts)}. " if parts else ""
    return f"{head}Kết quả từng đơn vị so với cuối {period.prev_label} (chi tiết tại Biểu 1):"


@dataclass
class Moves:
    """What each unit's works did this quarter: finished ones by name, quantities by unit of measure."""

    finished: dict[int, list[str]]
    amounts: dict[int, dict[str, Decimal]]


def _works_moved(pairs: list[tuple[TaskStatus, TaskStatus]]) -> Moves:
    finished: dict[int, list[str]] = defaultdict(list)
    amounts: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for now, old in pairs:
        if now.unit is None:
            continue
        key = id(now.unit)
        if now.state == DONE and old.state != DONE:
            finished[key].append(now.task.text.rstrip(". "))
        if now.done is not None and now.task.unit:
            gained = now.done - (old.done or Decimal(0))
            if gained > 0:
                amounts[key][now.task.unit] += gained
    return Moves(finished, amounts)


def _unit_text(
    unit: Unit,
    now: dict[str, Assessment | None],
    old: dict[str, Assessment | None],
    moves: Moves,
    period: Period,
) -> str:
    key = unit.id
    a, b = now.get(key), old.get(key)
    if a is None:
        return _title_line(unit, period)
    state = criteria_state(a)
    parts = [state] if state else []
    if state and b is not None:
        parts.append(_change(a, b, period))
    gained = [t for t in unit.titles if t.year == period.year]
    if gained:
        titles = ", ".join(f"đạt chuẩn {TIER_TITLE.get(t.tier, t.tier)}" for t in gained)
        parts.append(f"được công nhận {titles} năm {period.year}")
    if a.status == MET and (b is None or b.status != MET):
        parts.append("đạt đủ các tiêu chí, đủ điều kiện đề nghị xét công nhận")
    done = moves.finished.get(id(unit), [])
    if done:
        parts.append(f"hoàn thành {len(done)} công trình, phần việc: " + "; ".join(done))
    amounts = moves.amounts.get(id(unit), {})
    if amounts:
        parts.append("khối lượng thực hiện trong quý: " + ", ".join(f"{number(v)} {u}" for u, v in amounts.items()))
    return "; ".join(parts) + "." if parts else _title_line(unit, period)


def _title_line(unit: Unit, period: Period) -> str:
    """What a unit without an assessed criterion still has to say: the title it holds."""
    title = current_title(unit, period.end)
    return f"đã đạt chuẩn {title_words(title)}." if title else "chưa có số liệu rà soát tiêu chí trong quý."
