"""The terminal view of a unit without a target set: its titles, observations and tasks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ntm_plan.cli.width import ByWidth, fitted_table, folded, wide_table
from ntm_plan.model import CriteriaSet, Unit
from ntm_plan.model.names import unit_heading
from ntm_plan.present.explain import source_text
from ntm_plan.present.unit_view import claim_lines, raw_observation, titles_sentence
from ntm_plan.present.vnformat import short_date


def observations_table(unit: Unit, as_of: date) -> ByWidth:
    """Narrow: the source takes the room, the set it was recorded for on a dim line under it."""
    shown = [o for o in unit.observations if o.as_of <= as_of]

    def build(narrow: bool) -> Table:
        if narrow:
            # the date whole: '30/09/2024'
            table = fitted_table("Số liệu đã ghi", ("Mã", "Số liệu", "Ngày", "Nguồn"), "Nguồn", {"Ngày": 10})
        else:
            table = wide_table("Số liệu đã ghi", ("Mã", "Bộ tiêu chí", "Số liệu", "Ngày", "Nguồn"))
        for obs in shown:
            code = obs.subject if obs.criterion else obs.code
            source = source_text(obs.source)
            if narrow:
                source_cell = folded(source, [("Bộ tiêu chí", obs.set or "")])
                table.add_row(code, raw_observation(obs), short_date(obs.as_of), source_cell)
            else:
                table.add_row(code, obs.set or "—", raw_observation(obs), short_date(obs.as_of), source)
        if not shown:
            table.add_row(*(["", "", "", "Chưa có số liệu"] if narrow else ["", "", "Chưa có số liệu", "", ""]))
        return table

    return ByWidth(build, OBSERVATIONS_NARROW)


OBSERVATIONS_NARROW = 130
"""Below this many columns the criteria set of each observation folds under its source."""


def unit_without_set_view(
    unit: Unit,
    as_of: date,
    sets: Mapping[str, CriteriaSet],
    tasks_table: RenderableType,
    history: Sequence[str] = (),
) -> RenderableType:
    lines: list[RenderableType] = [
        Text(unit_heading(unit), style="bold"),
        Text("Chưa có bộ tiêu chí mục tiêu: không đánh giá tiêu chí (dùng --set để đánh giá theo một bộ)."),
        Text(f"Danh hiệu: {titles_sentence(unit, as_of, sets, None)}"),
        *(Text(line, style="dim") for line in history),
        *(Text(line) for line in claim_lines(unit, as_of)),
        observations_table(unit, as_of),
        tasks_table,
    ]
    return Group(*lines)
