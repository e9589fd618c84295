"""Words and numbers for one indicator result, the same at the terminal and in documents.

Turns evaluator results into short Vietnamese texts: the current value, the threshold,
what is still missing, the unit's own target. Pure functions over evaluator values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction

from ntm_plan.evaluate.in_force import first_day
from ntm_plan.evaluate.results import CriteriaCounts, IndicatorResult
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model import Condition, CriteriaSet, Criterion, Indicator, Observation, Task
from ntm_plan.present.vnformat import Number, number, short_date

KIND_LABEL = {
    "boolean": "có/không",
    "percent": "tỷ lệ %",
    "number": "số",
    "level": "mức",
    "parts": "số đạt/tổng số",
    "aggregate": "tỷ lệ đơn vị đạt",
}
"""An indicator's kind (`kind:` in the data) in words: 'có/không' for `boolean`."""


def in_force_text(cset: CriteriaSet, kind: str) -> str:
    """Why a unit is assessed by a set it did not choose: 'bộ đang có hiệu lực với xã từ
    15/02/2026, không phải mục tiêu đơn vị đã chọn'."""
    since = short_date(first_day(cset))
    return f"bộ đang có hiệu lực với {kind} từ {since}, không phải mục tiêu đơn vị đã chọn"


def counts_text(counts: CriteriaCounts, noun: str = "tiêu chí") -> str:
    """'đạt 5 · chưa đạt 2 · chưa đánh giá 13 (trên 20 tiêu chí)': never 'đạt 5/20'
    when some are simply not assessed."""
    return f"đạt {counts.met} · chưa đạt {counts.not_met} · chưa đánh giá {counts.unknown} (trên {counts.total} {noun})"


def _unit_suffix(indicator: Indicator) -> str:
    if indicator.kind in ("percent", "aggregate", "parts"):
        return "%"
    return f" {indicator.unit}" if indicator.unit else ""


def amount(value: Number | None, indicator: Indicator) -> str:
    if value is None:
        return "—"
    return number(value) + _unit_suffix(indicator)


def observed(result: IndicatorResult) -> str:
    """'50,02 triệu đồng/người/năm', '7/9 khu dân cư (77,78%)', 'có', or '—'."""
    indicator = result.indicator
    if result.aggregate is not None:
        agg = result.aggregate
        kind = indicator.aggregate.unit_kind if indicator.aggregate else ""
        return f"{agg.met}/{agg.total} {kind} ({number(result.current)}%)"
    obs = result.observation
    if obs is None:
        return "—"
    return observation_text(obs, indicator)


def observation_text(obs: Observation, indicator: Indicator) -> str:
    if not obs.applicable:
        return "không áp dụng"
    what = f" {indicator.count_unit}" if indicator.count_unit else ""
    if obs.count is not None and obs.total is not None:
        share = number(Fraction(100 * obs.count, obs.total))
        return f"{number(obs.count)}/{number(obs.total)}{what} ({share}%)"
    if obs.count is not None and obs.stated_percent is not None:
        return f"{number(obs.count)}{what} ({number(obs.stated_percent)}% theo nguồn)"
    if obs.value is not None and obs.total is not None:
        return f"{number(obs.value)}% của {number(obs.total)}{what}"
    if obs.count is not None:
        return f"{number(obs.count)}{what or _unit_suffix(indicator)}"
    if obs.value is not None:
        return number(obs.value) + _unit_suffix(indicator)
    if obs.met is not None:
        return "đạt" if obs.met else "chưa đạt"
    if obs.level is not None:
        return obs.level
    if obs.short_by is not None:
        verb = "còn thiếu" if indicator.direction == "min" else "cần giảm"
        return f"{verb} {number(obs.short_by)} {indicator.count_unit or ''}".rstrip()
    return "—"


def working_name(item: Criterion | Indicator) -> str:
    """A criterion's or indicator's name as the office reads it while working (terminal, site):
    with what the data has not yet copied from the official text. Documents print the name alone."""
    notes = []
    if not item.content_checked:
        notes.append("nội dung chưa đối chiếu")
    if not item.parts_entered:
        notes.append("danh mục tiêu chí chưa nhập" if isinstance(item, Criterion) else "chỉ tiêu con chưa nhập")
    return item.name + (f" ({'; '.join(notes)})" if notes else "")


def threshold_text(result: IndicatorResult) -> str:
    threshold = result.threshold
    if threshold is None:
        return "đạt" if result.indicator.kind == "boolean" else "chưa có ngưỡng"
    mark = "" if threshold.verified else " (chưa đối chiếu)"
    if threshold.expect is not None:
        return ("đạt" if threshold.expect else "không có") + mark
    if threshold.level is not None:
        return f"≥ {threshold.level}{mark}"
    sign = "≥" if result.indicator.direction == "min" else "≤"
    if result.required is None:
        return "chưa tính được" + mark
    return f"{sign} {amount(result.required, result.indicator)}{mark}"


def _gap_unit(indicator: Indicator, unit: str | None = None) -> str:
    return "điểm %" if indicator.kind in ("percent", "parts", "aggregate") else (unit or indicator.unit or "")


def gap_text(result: IndicatorResult) -> str:
    """'cần thêm 251 hộ', 'cần giảm 62 hộ', 'còn thiếu 4,98 triệu đồng', 'cần giảm 1,5 điểm %'
    ('còn thiếu' only where more is wanted), or the room a met indicator has: 'vượt 0,05 điểm %'."""
    indicator = result.indicator
    lower = indicator.direction == "max"
    if result.needed is not None and result.needed > 0:
        what = indicator.count_unit or (indicator.aggregate.unit_kind if indicator.aggregate else "")
        return f"{'cần giảm' if lower else 'cần thêm'} {number(result.needed)} {what}".rstrip()
    if result.gap is not None and result.gap > 0:
        return f"{'cần giảm' if lower else 'còn thiếu'} {number(result.gap)} {_gap_unit(indicator)}".rstrip()
    if result.surplus is not None and result.surplus > 0:
        return f"vượt {number(result.surplus)} {_gap_unit(indicator)}".rstrip()
    return "—"


def target_text(result: IndicatorResult) -> str:
    target = result.target
    if target is None or target.value is None:
        return "—"
    percent_kind = result.indicator.kind in ("percent", "parts")
    unit = "%" if percent_kind else f" {target.unit or result.indicator.unit or ''}".rstrip()
    lower = (target.direction or result.indicator.direction) == "max"
    head = f"năm {target.year}: {'≤ ' if lower else ''}{number(target.value)}{unit}"
    if result.target_gap is None:
        return head
    if result.target_gap == 0:
        return head + " (đã đạt)"
    verb = "cần giảm" if lower else "còn thiếu"
    return f"{head}; {verb} {number(result.target_gap)}{' điểm %' if percent_kind else ''}"


def quantity_text(task: Task) -> str:
    if task.quantity is None:
        return "—"
    return f"{number(task.quantity)} {task.unit}"


def progress_text(status: TaskStatus, date_text: Callable[[date], str] = short_date) -> str:
    """'200/350 m, 57,1%, đến 30/09/2024'; documents pass their own date format."""
    if status.latest is None:
        return "chưa báo cáo"
    parts = []
    if status.done is not None and status.task.quantity is not None:
        parts.append(f"{number(status.done)}/{number(status.task.quantity)} {status.task.unit}")
    if status.percent is not None:
        parts.append(f"{number(status.percent, max_places=1)}%")
    parts.append(f"đến {date_text(status.latest.as_of)}")
    return ", ".join(parts)


def due_text(task: Task) -> str:
    return task.due.label if task.due else "—"


def condition_label(result: IndicatorResult) -> str:
    """A condition as the decision states it: '100% xã đạt chuẩn NTM', '≥ 90% người dân hài lòng'."""
    condition = result.indicator
    label = condition.label if isinstance(condition, Condition) else condition.name
    if result.required is None or condition.kind not in ("percent", "aggregate"):
        return label
    sign = "≥ " if condition.direction == "min" else "≤ "
    if result.required == 100 and condition.direction == "min":
        sign = ""
    return f"{sign}{number(result.required)}% {label}"


def conditions_text(conditions: Sequence[IndicatorResult]) -> str:
    """'100% xã đạt chuẩn NTM — đạt; ≥ 90% người dân hài lòng — chưa đánh giá'."""
    return "; ".join(f"{condition_label(r)} — {r.status}" for r in conditions)


NO_TITLE_TEXT = "chưa có"
"""How a unit that holds no title yet is worded (`current_title` gives None)."""
