"""Bar charts as plain geometry for inline SVG: every bar with its label and value, so the
template draws it and the text table beside it says the same. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ntm_plan.present.vnformat import number

ROW_HEIGHT = 26
LABEL_WIDTH = 190
BAR_WIDTH = 260
VALUE_WIDTH = 60
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    value_text: str
    kind: str
    """A CSS class suffix: met, not-met, unknown, none, plain, overdue."""
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, str]]) -> Chart:
    """A horizontal bar per (label, value, kind), scaled to the largest value; a value of
    zero draws no bar but keeps its row and its number."""
    top = max((value for _, value, _ in rows), default=0)
    bars = tuple(
        Bar(
            label=_short(label),
            value=value,
            value_text=number(value),
            kind=kind,
            y=index * ROW_HEIGHT + 4,
            width=_bar_width(value, top),
            text_y=index * ROW_HEIGHT + 18,
            value_x=LABEL_WIDTH + _bar_width(value, top) + 6,
        )
        for index, (label, value, kind) in enumerate(rows)
    )
    return Chart(chart_id, title, bars, WIDTH, max(1, len(bars)) * ROW_HEIGHT + 8, LABEL_WIDTH)


def _bar_width(value: int, top: int) -> int:
    if top <= 0 or value <= 0:
        return 0
    return max(1, round(BAR_WIDTH * value / top))


def _short(label: str, limit: int = 30) -> str:
    """The label inside the drawing is cut to fit; the table beside it has it whole."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
