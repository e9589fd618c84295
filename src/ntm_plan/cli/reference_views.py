"""Terminal views of the reference data: criteria sets and the responsibility matrix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_plan.cli.width import ByWidth, fitted_table, folded, wide_table
from ntm_plan.evaluate.matrix import Matrix
from ntm_plan.model import Condition, CriteriaSet, Indicator, Threshold
from ntm_plan.model.dataset import Dataset
from ntm_plan.present.phrases import KIND_LABEL, amount, working_name
from ntm_plan.present.vnformat import number


def _threshold_text(threshold: Threshold, indicator: Indicator) -> str:
    sign = "≥" if indicator.direction == "min" else "≤"
    if threshold.expect is not None:
        text = "đạt" if threshold.expect else "không có"
    elif threshold.level is not None:
        text = f"≥ {threshold.level}"
    elif threshold.derived is not None:
        d = threshold.derived
        text = f"{sign} {number(d.factor * 100)}% ngưỡng {d.indicator} của {d.set}"
    else:
        text = f"{sign} {amount(threshold.value, indicator)}"
    where = ", ".join(x for x in (threshold.region, f"từ {threshold.from_year}" if threshold.from_year else None) if x)
    mark = "" if threshold.verified else " *"
    return f"{text}{f' ({where})' if where else ''}{mark}"


def sets_overview(data: Dataset) -> ByWidth:
    """Narrow: the name takes the room, with the set's id, level, tier and period on a dim
    line under it (the id whole: it is what `criteria SET` takes), and the three counts
    share one column."""
    rows = [_set_cells(data.sets[set_id]) for set_id in sorted(data.sets)]

    def build(narrow: bool) -> Table:
        if narrow:
            # three counts of two digits ('19 · 56 · 10'); 'Ngưỡng chưa' over 'đối chiếu'
            table = fitted_table("Các bộ tiêu chí", ("Tên", COUNTS, UNVERIFIED), "Tên", {COUNTS: 12, UNVERIFIED: 11})
            table.caption, table.caption_justify = COUNTS_NOTE, "left"
            for row in rows:
                details = [(name, row[name]) for name in ("Mã bộ", "Cấp", "Mức", "Giai đoạn")]
                counts = " · ".join(row[name] for name in ("Tiêu chí", "Chỉ tiêu", "Điều kiện"))
                table.add_row(folded(row["Tên"], details), counts, row[UNVERIFIED])
        else:
            table = wide_table("Các bộ tiêu chí", SETS_COLUMNS)
            for row in rows:
                table.add_row(*(row[name] for name in SETS_COLUMNS))
        return table

    return ByWidth(build, SETS_NARROW)


SETS_NARROW = 150
"""Below this many columns a set's id and period fold under its name (the names run to 90 characters)."""
COUNTS = "Số lượng"
COUNTS_NOTE = "Số lượng: tiêu chí · chỉ tiêu · điều kiện."
UNVERIFIED = "Ngưỡng chưa đối chiếu"
SETS_COLUMNS = ("Mã bộ", "Tên", "Cấp", "Mức", "Giai đoạn", "Tiêu chí", "Chỉ tiêu", "Điều kiện", UNVERIFIED)


def _set_cells(cset: CriteriaSet) -> dict[str, str]:
    """Every cell a set's row may show, by its column's name."""
    thresholds = [t for _, i in cset.measures() for t in i.thresholds]
    unverified = sum(1 for t in thresholds if not t.verified)
    return {
        "Mã bộ": cset.id,
        "Tên": cset.name,
        "Cấp": cset.level,
        "Mức": cset.tier,
        "Giai đoạn": f"{cset.period[0]}–{cset.period[1]}",
        "Tiêu chí": str(len(cset.criteria)),
        "Chỉ tiêu": str(len(cset.indicators())),
        "Điều kiện": str(len(cset.conditions)),
        UNVERIFIED: f"{unverified}/{len(thresholds)}",
    }


def set_detail(cset: CriteriaSet) -> RenderableType:
    heads = [
        Text(f"{cset.name} [{cset.id}]", style="bold"),
        Text(f"Văn bản: {cset.decision.document}" + (f", {cset.decision.section}" if cset.decision.section else "")),
    ]
    if cset.base:
        heads.append(Text(f"Điều chỉnh từ bộ: {cset.base}"))
    if cset.requires:
        heads.append(Text("Phải đạt trước: " + ", ".join(cset.requires)))
    table = Table(
        title_justify="left", caption="* ngưỡng chưa đối chiếu với văn bản chính thức", caption_justify="left"
    )
    for name in ("Mã", "Chỉ tiêu", "Loại", "Ngưỡng"):
        table.add_column(name, overflow="fold")
    groups = [*cset.criteria, *([cset.conditions_group()] if cset.conditions else [])]
    for criterion in groups:
        table.add_row(Text(criterion.code, style="bold"), Text(working_name(criterion), style="bold"), "", "")
        for ind in criterion.indicators:
            limits = "; ".join(_threshold_text(t, ind) for t in ind.thresholds)
            if not limits and ind.kind == "boolean":
                limits = "đạt (mặc định)"
            table.add_row(
                "" if isinstance(ind, Condition) else ind.code,
                working_name(ind) + (" (nếu có)" if ind.optional else ""),
                KIND_LABEL[ind.kind],
                limits or Text("chưa có ngưỡng", style="yellow"),
            )
    return Group(*heads, table)


def matrix_view(data: Dataset, matrices: Sequence[Matrix]) -> RenderableType:
    parts: list[RenderableType] = []
    for m in matrices:
        table = wide_table(
            f"{m.criteria_set.name} [{m.criteria_set.id}]", ("Phòng ban", "Theo kế hoạch", "Các chỉ tiêu phụ trách")
        )
        names = {c.code: c.name for c in m.criteria_set.conditions}

        def shown(codes: Iterable[str], names: dict[str, str] = names) -> list[str]:
            return [names.get(code, code) for code in codes]

        for dept_id, codes in m.by_department.items():
            dept = data.department(dept_id)
            table.add_row(dept.name if dept else dept_id, "; ".join(shown(m.written[dept_id])), ", ".join(shown(codes)))
        parts.append(table)
        unowned = shown(m.unowned)
        parts.append(
            Text(
                f"Chưa có phòng ban phụ trách ({len(unowned)}): " + (", ".join(unowned) if unowned else "không"),
                style="yellow" if unowned else "green",
            )
        )
        by_note: dict[str, list[str]] = {}
        for code, note in m.unassigned.items():
            by_note.setdefault(note, []).extend(shown([code]))
        for note, listed in by_note.items():
            parts.append(Text(f"Kế hoạch không giao cho ai: {', '.join(listed)} — {note}", style="dim"))
        shared = m.shared
        if shared:
            names = {d.id: d.short for d in data.departments}
            parts.append(
                Text(
                    "Phụ trách chung: "
                    + "; ".join(
                        f"{code} ({', '.join(names.get(o, o) for o in owners)})" for code, owners in shared.items()
                    )
                )
            )
    if not matrices:
        parts.append(Text("Chưa có phân công phòng ban nào."))
    return Group(*parts)
