"""Terminal views: rich tables in Vietnamese for `gap` and `explain`, and the indicator
table and summary sentence that `status_views` shares (`tasks` is in `task_views`).

Presentation only: every number comes from the evaluator, every phrase from `present`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_plan.cli.task_views import unit_tasks_view
from ntm_plan.cli.width import MIN_WIDTHS, ByWidth, fitted_table, folded, wide_table
from ntm_plan.evaluate.results import (
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    UNKNOWN,
    Assessment,
    IndicatorResult,
    Status,
)
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model import Condition, Unit
from ntm_plan.model.criteria import CONDITIONS_NAME
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.explain import evidence_text, step_text
from ntm_plan.present.phrases import (
    conditions_text,
    counts_text,
    gap_text,
    in_force_text,
    observed,
    target_text,
    threshold_text,
    working_name,
)
from ntm_plan.present.unit_view import (
    before_merger_command,
    claim_lines,
    history_lines,
    statement_lines,
    titles_sentence,
)
from ntm_plan.present.vnformat import short_date

STATUS_STYLE = {MET: "green", NOT_MET: "red", UNKNOWN: "yellow", NOT_APPLICABLE: "dim"}


def status_text(status: Status) -> Text:
    return Text(status, style=STATUS_STYLE.get(status, ""))


def summary_sentence(assessment: Assessment) -> str:
    text = counts_text(assessment.counts)
    if assessment.not_met:
        text += "; chưa đạt: " + "; ".join(f"{c.criterion.code}. {c.criterion.name}" for c in assessment.not_met)
    if assessment.unknown:
        text += "; chưa đánh giá: " + ", ".join(c.criterion.code for c in assessment.unknown)
    return text


def _gap_heading(data: Dataset, assessment: Assessment, *, in_force: bool) -> list[RenderableType]:
    """The unit, its set, its titles and history, and the one-line summary."""
    unit, cset, target = assessment.unit, assessment.criteria_set, assessment.unit.target
    if in_force:
        chosen = f" — {in_force_text(cset, unit.kind)}"
    else:
        chosen = f" — mục tiêu năm {target.year}" if target and target.set == cset.id else ""
    before = before_merger_command(unit)
    return [
        Text(unit_heading(unit), style="bold"),
        Text(f"Bộ tiêu chí: {cset.name} [{cset.id}]{chosen}"),
        Text(f"Danh hiệu: {titles_sentence(unit, assessment.as_of, data.sets, assessment)}"),
        *(Text(line, style="dim") for line in history_lines(data, unit)),
        *([Text(f"Các đơn vị cũ trước sắp xếp: {before}", style="dim")] if before else []),
        *(Text(line) for line in claim_lines(unit, assessment.as_of)),
        Text(f"Đánh giá đến ngày {short_date(assessment.as_of)}: {summary_sentence(assessment)}"),
        *(Text(line, style="dim") for line in statement_lines(assessment)),
    ]


def gap_view(
    data: Dataset,
    assessment: Assessment,
    tasks: Sequence[TaskStatus],
    *,
    show_ids: bool = False,
    in_force: bool = False,
) -> RenderableType:
    """`in_force`: the set was not chosen by the office but is the one in force for the unit."""
    unit = assessment.unit
    lines = _gap_heading(data, assessment, in_force=in_force)
    if assessment.outside_period:
        lines.append(
            Text(f"Bỏ qua {len(assessment.outside_period)} số liệu ngoài giai đoạn của bộ tiêu chí.", style="dim")
        )
    if assessment.conditions:
        lines.append(Text(f"Điều kiện công nhận: {conditions_text(assessment.conditions)}"))
    if assessment.ignored_later:
        lines.append(Text(f"Bỏ qua {assessment.ignored_later} số liệu ghi sau ngày đánh giá.", style="dim"))
    bare = [c for c in assessment.criteria if not c.criterion.indicators]
    if bare:
        codes = ", ".join(c.criterion.code for c in bare)
        said = "chỉ đánh giá được khi nguồn nêu cả tiêu chí đạt hay chưa đạt"
        lines.append(Text(f"Tiêu chí chưa có chỉ tiêu trong dữ liệu: {codes} ({said}).", style="yellow"))
    indicators = list(assessment.indicators())
    open_items = [r for r in indicators if r.status in (NOT_MET, UNKNOWN) and not _blank(r)]
    if open_items:
        lines.append(indicator_table(open_items, title="Chỉ tiêu chưa đạt hoặc chưa đánh giá"))
    elif indicators and not any(_blank(r) for r in indicators):
        lines.append(Text("Không có chỉ tiêu nào chưa đạt hoặc chưa đánh giá.", style="green"))
    # a set without indicators, or only blank ones: the lines above already say so
    open_conditions = [r for r in assessment.conditions if r.status in (NOT_MET, UNKNOWN)]
    if open_conditions:
        lines.append(indicator_table(open_conditions, title="Điều kiện công nhận chưa đạt hoặc chưa đánh giá"))
    blank = [r for r in indicators if _blank(r)]
    if blank:
        codes = ", ".join(r.indicator.code for r in blank)
        lines.append(Text(f"Chưa có số liệu và chưa có ngưỡng ({len(blank)} chỉ tiêu): {codes}", style="yellow"))
    extra = [r for r in indicators if r.status == MET and r.target_gap]
    if extra:
        lines.append(indicator_table(extra, title="Chỉ tiêu đã đạt ngưỡng nhưng chưa đạt mục tiêu của đơn vị"))
    lines.append(unit_tasks_view(data, unit, tasks, show_ids=show_ids))
    return Group(*lines)


def _blank(result: IndicatorResult) -> bool:
    """Neither a value nor a threshold: nothing to show but the code."""
    return result.status == UNKNOWN and result.threshold is None and result.observation is None and not result.target


def indicator_table(results: Sequence[IndicatorResult], *, title: str) -> ByWidth:
    """Indicators with their code; conditions (which have none a reader knows) without.
    Narrow: the name takes the room, with the value, the threshold and the unit's own
    target on a dim line under it; the gap and the state keep their columns."""
    coded = not any(isinstance(r.indicator, Condition) for r in results)

    def build(narrow: bool) -> Table:
        return _narrow_indicators(results, title, coded) if narrow else _wide_indicators(results, title, coded)

    return ByWidth(build, INDICATORS_NARROW)


INDICATORS_NARROW = 150
"""Below this many columns an indicator table folds: its seven columns leave the name about
fifteen at 120."""


def _state(result: IndicatorResult) -> Text:
    status = result.status + (f" ({result.reason})" if result.reason else "")
    return Text(status, style=STATUS_STYLE.get(result.status, ""))


def _wide_indicators(results: Sequence[IndicatorResult], title: str, coded: bool) -> Table:
    names = ["Mã", "Chỉ tiêu", "Hiện trạng", "Ngưỡng", "Chênh lệch", "Chỉ tiêu của đơn vị", "Tình trạng"]
    if not coded:
        names = ["Điều kiện", *names[2:]]
    table = wide_table(title, names, MIN_WIDTHS)
    for r in results:
        cells = [working_name(r.indicator), observed(r), threshold_text(r), gap_text(r), target_text(r)]
        table.add_row(*([r.indicator.code] if coded else []), *cells, _state(r))
    if not results:
        table.add_row(*([""] if coded else []), "Không có", *[""] * (len(names) - (2 if coded else 1)))
    return table


def _narrow_indicators(results: Sequence[IndicatorResult], title: str, coded: bool) -> Table:
    name = "Chỉ tiêu" if coded else "Điều kiện"
    names = [*(["Mã"] if coded else []), name, "Chênh lệch", "Tình trạng"]
    table = fitted_table(title, names, name, {"Mã": 5})  # the longest code whole: '17.10'
    for r in results:
        details = [("Hiện trạng", observed(r)), ("Ngưỡng", threshold_text(r)), ("Mục tiêu", target_text(r))]
        table.add_row(
            *([r.indicator.code] if coded else []), folded(working_name(r.indicator), details), gap_text(r), _state(r)
        )
    if not results:
        table.add_row(*([""] if coded else []), "Không có", "", "")
    return table


def _what(result: IndicatorResult) -> str:
    if isinstance(result.indicator, Condition):
        return f"điều kiện công nhận: {result.indicator.name}"
    return f"chỉ tiêu {result.indicator.code}: {working_name(result.indicator)}"


def explain_view(result: IndicatorResult, unit: Unit, assessment: Assessment) -> RenderableType:
    lines: list[RenderableType] = [
        Text(f"{unit_heading(unit)} — {_what(result)}", style="bold"),
        Text(
            (f"Tiêu chí {result.criterion.code}. {result.criterion.name}" if result.criterion.code else CONDITIONS_NAME)
            + f"; {assessment.criteria_set.name}"
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
