"""Terminal views: rich tables in Vietnamese for `gap`, `status`, `tasks` and `explain`.

Presentation only: every number comes from the evaluator, every text from `describe`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ntm_plan.check.checks import UNIT_LEAD
from ntm_plan.evaluate.results import (
    MET,
    NO_DATA,
    NOT_APPLICABLE,
    NOT_MET,
    Assessment,
    CriteriaCounts,
    IndicatorResult,
    Status,
)
from ntm_plan.evaluate.tasks import DONE, NOT_REPORTED, TaskStatus, group_by_lead, lead_name, supports
from ntm_plan.model import Condition, Unit
from ntm_plan.model.criteria import CONDITIONS_NAME
from ntm_plan.model.dataset import Dataset
from ntm_plan.present.explain import evidence_text, step_text
from ntm_plan.present.phrases import (
    NO_TITLE_TEXT,
    conditions_text,
    counts_text,
    due_text,
    gap_text,
    observed,
    progress_text,
    quantity_text,
    target_text,
    threshold_text,
)
from ntm_plan.present.standing import code_order, most_missed, ranked_units
from ntm_plan.present.unit_view import claim_lines, statement_lines, titles_sentence
from ntm_plan.present.vnformat import short_date

if TYPE_CHECKING:
    from ntm_plan.pipeline.scan import ScanResult

STATUS_STYLE = {MET: "green", NOT_MET: "red", NO_DATA: "yellow", NOT_APPLICABLE: "dim"}


def status_text(status: Status) -> Text:
    return Text(status, style=STATUS_STYLE.get(status, ""))


def unit_heading(unit: Unit) -> str:
    return f"{unit.kind.capitalize()} {unit.name}"


def summary_sentence(assessment: Assessment) -> str:
    text = counts_text(assessment.counts)
    if assessment.not_met:
        text += "; chưa đạt: " + "; ".join(f"{c.criterion.code}. {c.criterion.name}" for c in assessment.not_met)
    if assessment.unknown:
        text += "; chưa đánh giá: " + ", ".join(c.criterion.code for c in assessment.unknown)
    return text


def gap_view(
    data: Dataset, assessment: Assessment, tasks: Sequence[TaskStatus], *, show_ids: bool = False
) -> RenderableType:
    unit = assessment.unit
    cset = assessment.criteria_set
    target = unit.target
    lines: list[RenderableType] = [
        Text(unit_heading(unit), style="bold"),
        Text(
            f"Bộ tiêu chí: {cset.name} [{cset.id}]"
            + (f" — mục tiêu năm {target.year}" if target and target.set == cset.id else "")
        ),
        Text(f"Danh hiệu: {titles_sentence(unit, assessment.as_of, data.sets, assessment)}"),
        *(Text(line) for line in claim_lines(unit, assessment.as_of)),
        Text(f"Đánh giá đến ngày {short_date(assessment.as_of)}: {summary_sentence(assessment)}"),
        *(Text(line, style="dim") for line in statement_lines(assessment)),
    ]
    if assessment.outside_period:
        lines.append(
            Text(f"Bỏ qua {len(assessment.outside_period)} số liệu ngoài giai đoạn của bộ tiêu chí.", style="dim")
        )
    if assessment.conditions:
        lines.append(Text(f"Điều kiện công nhận: {conditions_text(assessment.conditions)}"))
    if assessment.ignored_later:
        lines.append(Text(f"Bỏ qua {assessment.ignored_later} số liệu ghi sau ngày đánh giá.", style="dim"))
    open_items = [r for r in assessment.indicators() if r.status in (NOT_MET, NO_DATA) and not _blank(r)]
    lines.append(indicator_table(open_items, title="Chỉ tiêu chưa đạt hoặc chưa đánh giá"))
    open_conditions = [r for r in assessment.conditions if r.status in (NOT_MET, NO_DATA)]
    if open_conditions:
        lines.append(indicator_table(open_conditions, title="Điều kiện công nhận chưa đạt hoặc chưa đánh giá"))
    blank = [r for r in assessment.indicators() if _blank(r)]
    if blank:
        codes = ", ".join(r.indicator.code for r in blank)
        lines.append(Text(f"Chưa có số liệu và chưa có ngưỡng ({len(blank)} chỉ tiêu): {codes}", style="yellow"))
    extra = [r for r in assessment.indicators() if r.status == MET and r.target_gap]
    if extra:
        lines.append(indicator_table(extra, title="Chỉ tiêu đã đạt ngưỡng nhưng chưa đạt mục tiêu của đơn vị"))
    title = f"Nhiệm vụ của {unit.kind} {unit.name}"
    lines.append(task_table(data, tasks, title=title, show_unit=False, show_ids=show_ids))
    return Group(*lines)


def _blank(result: IndicatorResult) -> bool:
    """Neither a value nor a threshold: nothing to show but the code."""
    return result.status == NO_DATA and result.threshold is None and result.observation is None and not result.target


NARROW = 110
"""Below this many columns the secondary columns go, so that words are not cut one a line."""


class ByWidth:
    """A table built at render time for the width it gets (rich passes it in `options`)."""

    def __init__(self, build: Callable[[bool], Table]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width < NARROW)


def indicator_table(results: Sequence[IndicatorResult], *, title: str) -> ByWidth:
    """Indicators with their code; conditions (which have none a reader knows) without.
    Narrow: the unit's own target column goes (`explain` shows it) and the name takes the room."""
    coded = not any(isinstance(r.indicator, Condition) for r in results)

    def build(narrow: bool) -> Table:
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        names = ["Mã", "Chỉ tiêu", "Hiện trạng", "Ngưỡng", "Chênh lệch", "Chỉ tiêu của đơn vị", "Tình trạng"]
        if not coded:
            names = ["Điều kiện", *names[2:]]
        if narrow:
            names.remove("Chỉ tiêu của đơn vị")
        for name in names:
            table.add_column(name, overflow="fold", ratio=_RATIOS.get(name), min_width=_MIN_WIDTHS.get(name))
        for r in results:
            status = r.status + (f" ({r.reason})" if r.reason else "")
            cells: list[RenderableType] = [r.indicator.name, observed(r), threshold_text(r), gap_text(r)]
            if not narrow:
                cells.append(target_text(r))
            table.add_row(
                *([r.indicator.code] if coded else []), *cells, Text(status, style=STATUS_STYLE.get(r.status, ""))
            )
        if not results:
            table.add_row(*([""] if coded else []), "Không có", *[""] * (len(names) - (2 if coded else 1)))
        return table

    return ByWidth(build)


def task_table(
    data: Dataset,
    tasks: Sequence[TaskStatus],
    *,
    title: str,
    show_unit: bool,
    show_ids: bool = True,
    department: str | None = None,
) -> Table:
    """One row a task. With `department`, its role in each task: lead or support."""
    table = Table(title=title, title_justify="left")
    columns = ["Nội dung", "Khối lượng", "Tiến độ", "Chủ trì", "Thời hạn", "Tình trạng"]
    if department is not None:
        columns.insert(3, "Vai trò")
    if show_unit:
        columns.insert(0, "Đơn vị")
    if show_ids:
        columns.insert(0, "Mã")
    for name in columns:
        table.add_column(name, overflow="fold", ratio=_RATIOS.get(name), min_width=_MIN_WIDTHS.get(name))
    for s in tasks:
        state = "quá hạn" if s.overdue else s.state
        style = "red" if s.overdue else ("green" if state == DONE else ("yellow" if state == NOT_REPORTED else ""))
        row: list[RenderableType] = [
            s.task.text,
            quantity_text(s.task),
            progress_text(s),
            lead_name(s, data),
            due_text(s.task),
            Text(state, style=style),
        ]
        if department is not None:
            row.insert(3, "phối hợp" if supports(s, department) else "chủ trì")
        if show_unit:
            row.insert(0, owner_label(s, data))
        if show_ids:
            row.insert(0, s.task.id)
        table.add_row(*row)
    if not tasks:
        table.add_row(*([""] * (len(columns) - 1)), "Không có nhiệm vụ")
    return table


_RATIOS = {"Nội dung": 4, "Chỉ tiêu": 4, "Điều kiện": 4, "Tiêu chí": 3, "Hiện trạng": 2, "Ngưỡng": 2, "Chênh lệch": 2}
"""Columns that take the room left at a narrow terminal, so short ones keep whole words."""
_MIN_WIDTHS = {"Mã": 4, "Tình trạng": 10, "Thời hạn": 8, "Hiện trạng": 8, "Ngưỡng": 8, "Chênh lệch": 8}


def tasks_view(data: Dataset, statuses: Sequence[TaskStatus], department: str | None) -> RenderableType:
    """`tasks`: one table per lead; with a department, its role in each task."""
    if not statuses:
        return Text("Không có nhiệm vụ nào khớp điều kiện.")
    tables: list[RenderableType] = []
    for lead, items in group_by_lead(statuses, data):
        who = lead_name(items[0], data) if lead != UNIT_LEAD else "UBND các xã, thị trấn"
        title = f"{who} — {len(items)} nhiệm vụ"
        tables.append(task_table(data, items, title=title, show_unit=True, department=department))
    return Group(*tables)


def owner_label(status: TaskStatus, data: Dataset) -> str:
    if status.unit is not None:
        return f"{status.unit.kind} {status.unit.name}"
    department = data.department(status.owner_department or "")
    return department.short if department else "—"


def status_view(result: ScanResult) -> RenderableType:
    data = result.reference
    day = result.district.as_of if result.district else None
    title = "Các đơn vị, gần mục tiêu nhất trước" + (f" — đánh giá đến ngày {short_date(day)}" if day else "")
    table = Table(title=title, title_justify="left")
    for name in (
        "Đơn vị",
        "Danh hiệu hiện có",
        "Mục tiêu",
        "Đạt",
        "Chưa đạt",
        "Chưa đánh giá",
        "Số tiêu chí",
        "Nhiệm vụ quá hạn",
    ):
        table.add_column(name, overflow="fold")
    for unit in ranked_units(result.units):
        target = "—"
        if unit.target_set is not None:
            cset = data.sets.get(unit.target_set)
            target = f"{cset.name if cset else unit.target_set} ({unit.target_year})"
        counts = unit.criteria
        cells = (
            ["—"] * 4
            if counts is None
            else [str(n) for n in (counts.met, counts.not_met, counts.unknown, counts.total)]
        )
        table.add_row(
            f"{unit.kind.capitalize()} {unit.name}",
            unit.title or NO_TITLE_TEXT,
            target,
            *cells,
            str(unit.tasks_overdue),
        )
    parts: list[RenderableType] = [table, *missing_lines(result)]
    district = result.district
    if district is not None:
        parts.append(
            Text(
                f"{unit_heading(district.unit)} — {district.criteria_set.name}: {summary_sentence(district)}",
                style="bold",
            )
        )
        crit = Table(title="Tiêu chí của huyện", title_justify="left")
        for name in ("Mã", "Tiêu chí", "Tình trạng", "Chỉ tiêu: đạt · chưa đạt · chưa đánh giá"):
            crit.add_column(name, overflow="fold")
        for c in district.criteria:
            n = CriteriaCounts.of([i.status for i in c.indicators])
            tally = f"{n.met} · {n.not_met} · {n.unknown}"
            crit.add_row(c.criterion.code, c.criterion.name, status_text(c.status), tally)
        parts.append(crit)
        if district.conditions:
            parts.append(indicator_table(district.conditions, title="Điều kiện công nhận"))
    parts.append(
        Text(
            f"Nhiệm vụ (của các xã, thị trấn, của huyện và của phòng ban): {result.task_count}, "
            f"trong đó {result.overdue_count} quá hạn."
        )
    )
    return Group(*parts)


def missing_lines(result: ScanResult) -> list[RenderableType]:
    """Per target set, the criteria most often not met, and most often not assessed."""
    lines: list[RenderableType] = []
    missed = most_missed(result.units, result.reference.sets)
    for set_id in dict.fromkeys(m.set_id for m in missed):
        cset = result.reference.sets.get(set_id)
        rows = [m for m in missed if m.set_id == set_id]
        failing = [m for m in rows if m.not_met]
        if failing:
            items = "; ".join(f"{m.code}. {m.name} — {m.not_met}/{m.units} đơn vị" for m in failing)
            lines.append(Text(f"Tiêu chí chưa đạt nhiều nhất ({cset.name if cset else set_id}): {items}"))
        unknown = sorted((m for m in rows if m.unknown), key=lambda m: (-m.unknown, code_order(m.code)))
        if unknown:
            items = ", ".join(f"{m.code} ({m.unknown}/{m.units})" for m in unknown)
            lines.append(Text(f"Tiêu chí chưa đánh giá nhiều nhất ({cset.name if cset else set_id}): {items}"))
    return lines


def _what(result: IndicatorResult) -> str:
    if isinstance(result.indicator, Condition):
        return f"điều kiện công nhận: {result.indicator.name}"
    return f"chỉ tiêu {result.indicator.code}: {result.indicator.name}"


def explain_view(result: IndicatorResult, unit: Unit, assessment: Assessment) -> RenderableType:
    lines: list[RenderableType] = [
        Text(f"{unit_heading(unit)} — {_what(result)}", style="bold"),
        Text(
            (f"Tiêu chí {result.criterion.code}. {result.criterion.name}" if result.criterion.code else CONDITIONS_NAME)
            + f"; bộ {assessment.criteria_set.name}"
        ),
        Text(f"Ngày đánh giá: {short_date(assessment.as_of)}"),
    ]
    obs = result.observation
    if obs is not None:
        src = obs.source.document + (f", {obs.source.section}" if obs.source.section else "")
        lines.append(Text(f"Số liệu: {observed(result)} — ngày {short_date(obs.as_of)} — nguồn: {src}"))
    else:
        lines.append(Text("Số liệu: chưa có số liệu" if result.aggregate is None else f"Số liệu: {observed(result)}"))
    statement = next((c.evidence for c in assessment.criteria if c.criterion.code == result.criterion.code), None)
    if statement is not None:
        lines.append(Text(f"Cả tiêu chí {result.criterion.code}: {evidence_text(statement)}"))
    t = result.threshold
    if t is not None:
        src = t.source.document + (f", {t.source.section}" if t.source.section else "")
        lines.append(
            Text(
                f"Ngưỡng: {threshold_text(result)} — nguồn: {src} — "
                + ("đã đối chiếu văn bản chính thức" if t.verified else "CHƯA đối chiếu văn bản chính thức")
            )
        )
        if t.note:
            lines.append(Text(f"Ghi chú ngưỡng: {t.note}", style="dim"))
    elif result.indicator.kind == "boolean":
        lines.append(Text("Ngưỡng: đạt (mặc định của chỉ tiêu có/không; bộ tiêu chí không ghi ngưỡng khác)"))
    else:
        lines.append(Text("Ngưỡng: chưa có ngưỡng cho vùng và năm này"))
    lines.append(Text("Cách tính:"))
    lines.extend(Text(f"  {i}. {step_text(step)}") for i, step in enumerate(result.steps, start=1))
    lines.append(
        Text("Kết quả: ")
        + status_text(result.status)
        + Text(f" — {gap_text(result)}" if gap_text(result) != "—" else "")
    )
    if result.target is not None:
        lines.append(Text(f"Chỉ tiêu của đơn vị: {target_text(result)}"))
    return Group(*lines)
