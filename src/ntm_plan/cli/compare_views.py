"""Terminal view of `gap --compare`: one unit by two criteria sets, side by side.

Presentation only: the pairing and every state come from `evaluate.set_comparison`.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ntm_plan.cli.views import status_text
from ntm_plan.cli.width import wide_table
from ntm_plan.evaluate.results import Assessment, CriterionResult
from ntm_plan.evaluate.set_comparison import SetComparison
from ntm_plan.model.names import unit_heading
from ntm_plan.present.phrases import counts_text, in_force_text
from ntm_plan.present.vnformat import short_date

CURRENT = "Bộ đang dùng"
COMPARED = "Bộ so sánh"


def _set_line(label: str, a: Assessment, in_force: bool = False) -> Text:
    cset = a.criteria_set
    target = a.unit.target
    if in_force:
        chosen = f" — {in_force_text(cset, a.unit.kind)}"
    else:
        chosen = f" — mục tiêu năm {target.year}" if target and target.set == cset.id else ""
    return Text(f"{label}: {cset.name} [{cset.id}]{chosen}")


def _named(c: CriterionResult) -> str:
    return f"{c.criterion.code}. {c.criterion.name}"


def _cells(c: CriterionResult | None) -> tuple[str | Text, str | Text]:
    if c is None:
        return Text("— không có —", style="dim"), ""
    return _named(c), status_text(c.status)


def compare_view(comparison: SetComparison, *, in_force: bool = False) -> RenderableType:
    """`in_force`: the current set is the one in force for the unit, not one it chose."""
    current, compared = comparison.current, comparison.compared
    table = wide_table("Từng tiêu chí (ghép cùng hàng khi trùng tên)", [CURRENT, "Tình trạng", COMPARED, "Tình trạng"])
    for row in comparison.rows:
        table.add_row(*_cells(row.current), *_cells(row.compared))
    lines: list[RenderableType] = [
        Text(unit_heading(current.unit), style="bold"),
        Text(f"So sánh hai bộ tiêu chí, đánh giá đến ngày {short_date(current.as_of)}"),
        _set_line(CURRENT, current, in_force),
        _set_line(COMPARED, compared),
        Text(f"{CURRENT}: {counts_text(current.counts)}"),
        Text(f"{COMPARED}: {counts_text(compared.counts)}"),
        table,
        Text(
            "Tiêu chí của hai bộ không tương ứng một – một: chỉ ghép những tiêu chí trùng tên.",
            style="dim",
        ),
    ]
    paired = comparison.paired
    lines.append(Text(f"Trùng tên ở cả hai bộ: {len(paired)} tiêu chí" + (":" if paired else ".")))
    for row in paired:
        if row.current is not None and row.compared is not None:
            lines.append(Text(f"  {_named(row.current)} ↔ {_named(row.compared)}"))
    for label, only in ((CURRENT, comparison.only_current), (COMPARED, comparison.only_compared)):
        if only:
            lines.append(Text(f"Chỉ có trong {label.lower()} ({len(only)}): " + "; ".join(_named(c) for c in only)))
    return Group(*lines)
