"""`status`: the units closest to their target first, the criteria most often missed per
target set, and the district's own criteria. Narrow terminals get short target names and
the criteria counts in one column."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_plan.cli.views import indicator_table, status_text, summary_sentence
from ntm_plan.cli.width import ByWidth, fitted_table, wide_table
from ntm_plan.evaluate.results import Assessment, CriteriaCounts
from ntm_plan.model.criteria import TIER_LABEL
from ntm_plan.model.names import unit_heading
from ntm_plan.model.responsibilities import code_order
from ntm_plan.present.phrases import NO_TITLE_TEXT
from ntm_plan.present.province import glance_lines, province_glance
from ntm_plan.present.standing import most_missed, ranked_units
from ntm_plan.present.task_lists import closed_owners_line
from ntm_plan.present.vnformat import number, short_date

if TYPE_CHECKING:
    from ntm_plan.evaluate.standing import ScanResult, UnitSummary

UNITS_NARROW = 130
"""Below this many columns the target is named by its title ('NTM nâng cao (2024)'), not by
its set's full name, and the four criteria counts share one column; the district's criteria
table, shown under it, gives its criterion names the room at the same width."""

WIDE_COLUMNS = ("Đơn vị", "Danh hiệu hiện có", "Mục tiêu", "Đạt", "Chưa đạt", "Chưa đánh giá", "Số tiêu chí")
OVERDUE = "Nhiệm vụ quá hạn"
COUNTS = "Số tiêu chí"
COUNTS_NOTE = "Số tiêu chí: đạt · chưa đạt · chưa đánh giá/tổng số."


def status_view(result: ScanResult) -> RenderableType:
    parts: list[RenderableType] = [units_table(result), *missing_lines(result)]
    glance = province_glance(result)
    if glance is not None:
        head, *rest = glance_lines(glance)
        parts += [Text(head, style="bold"), *(Text(line) for line in rest)]
    district = result.district
    if district is not None:
        parts.append(
            Text(
                f"{unit_heading(district.unit)} — {district.criteria_set.name}: {summary_sentence(district)}",
                style="bold",
            )
        )
        parts.append(district_criteria_table(district))
        if district.conditions:
            parts.append(indicator_table(district.conditions, title="Điều kiện công nhận"))
    owners = "của các xã, thị trấn, của huyện và của phòng ban" if district is not None else "của các đơn vị"
    parts.append(
        Text(f"Nhiệm vụ ({owners}): {number(result.task_count)}, trong đó {number(result.overdue_count)} quá hạn.")
    )
    if result.as_of is not None and (line := closed_owners_line(result.closed_owners, result.as_of, "ntm-plan tasks")):
        parts.append(Text(line, style="dim"))
    return Group(*parts)


def units_table(result: ScanResult) -> ByWidth:
    day = result.district.as_of if result.district else None
    title = "Các đơn vị, gần mục tiêu nhất trước" + (f" — đánh giá đến ngày {short_date(day)}" if day else "")
    units = ranked_units(result.units)

    def build(narrow: bool) -> Table:
        if narrow:
            table = fitted_table(title, ["Đơn vị", "Danh hiệu hiện có", "Mục tiêu", COUNTS, OVERDUE], "Đơn vị", _WIDTHS)
            table.caption, table.caption_justify = COUNTS_NOTE, "left"
        else:
            table = wide_table(title, (*WIDE_COLUMNS, OVERDUE))
        for unit in units:
            table.add_row(
                f"{unit.kind.capitalize()} {unit.name}",
                unit.title or NO_TITLE_TEXT,
                _target(result, unit, short=narrow),
                *_counts(unit.criteria, joined=narrow),
                number(unit.tasks_overdue),
            )
        return table

    return ByWidth(build, UNITS_NARROW)


_WIDTHS = {"Danh hiệu hiện có": 12, "Mục tiêu": 12, COUNTS: 13, OVERDUE: 8}
"""A narrow units table: 'NTM kiểu mẫu' over '(2024)', the counts of a set of 20 criteria
('0 · 7 · 13/20'), 'Nhiệm vụ' over 'quá hạn'."""


def _target(result: ScanResult, unit: UnitSummary, *, short: bool) -> str:
    if unit.target_set is None:
        return "—"
    cset = result.reference.sets.get(unit.target_set)
    if cset is None:
        return f"{unit.target_set} ({unit.target_year})"
    return f"{TIER_LABEL[cset.tier] if short else cset.name} ({unit.target_year})"


def _counts(counts: CriteriaCounts | None, *, joined: bool) -> list[str]:
    if joined:
        return ["—" if counts is None else f"{counts.met} · {counts.not_met} · {counts.unknown}/{counts.total}"]
    if counts is None:
        return ["—"] * 4
    return [str(n) for n in (counts.met, counts.not_met, counts.unknown, counts.total)]


def district_criteria_table(district: Assessment) -> ByWidth:
    names = ("Mã", "Tiêu chí", "Tình trạng", "Chỉ tiêu: đạt · chưa đạt · chưa đánh giá")

    def build(narrow: bool) -> Table:
        if narrow:
            # two-digit codes; the counts' header a line each, 'chưa đánh giá' the longest
            table = fitted_table("Tiêu chí của huyện", names, "Tiêu chí", {"Mã": 4, names[-1]: 13})
        else:
            table = wide_table("Tiêu chí của huyện", names)
        for c in district.criteria:
            n = CriteriaCounts.of([i.status for i in c.indicators])
            table.add_row(
                c.criterion.code, c.criterion.name, status_text(c.status), f"{n.met} · {n.not_met} · {n.unknown}"
            )
        return table

    return ByWidth(build, UNITS_NARROW)


def missing_lines(result: ScanResult) -> list[RenderableType]:
    """Per target set, the criteria most often not met, and most often not assessed."""
    lines: list[RenderableType] = []
    missed = most_missed(result.units, result.reference.sets)
    for set_id in dict.fromkeys(m.set_id for m in missed):
        cset = result.reference.sets.get(set_id)
        rows = [m for m in missed if m.set_id == set_id]
        failing = [m for m in rows if m.not_met]
        if failing:
            items = "; ".join(f"{m.code}. {m.name} — {number(m.not_met)}/{number(m.units)} đơn vị" for m in failing)
            lines.append(Text(f"Tiêu chí chưa đạt nhiều nhất ({cset.name if cset else set_id}): {items}"))
        unknown = sorted((m for m in rows if m.unknown), key=lambda m: (-m.unknown, code_order(m.code)))
        if unknown:
            items = ", ".join(f"{m.code} ({number(m.unknown)}/{number(m.units)})" for m in unknown)
            lines.append(Text(f"Tiêu chí chưa đánh giá nhiều nhất ({cset.name if cset else set_id}): {items}"))
    return lines
