"""Stage 5 for the report: the figures, as PNG bytes. Imported by the report path only.

Two horizontal stacked-bar charts: criteria by state per unit (đạt / chưa đạt / chưa đánh
giá) and task states per lead department. matplotlib runs headless (Agg) with a font that
has the Vietnamese glyphs (Liberation Serif, the Times New Roman metric twin, when
installed; else DejaVu Serif, which ships with matplotlib). The PNG carries no software
name or date, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

COLOURS = ("#2e7d32", "#c62828", "#9e9e9e")
"""Met / not met / not assessed; tasks use green / amber / grey (done / in progress / no report)."""
TASK_COLOURS = ("#2e7d32", "#f9a825", "#9e9e9e")
_FONTS = ("Liberation Serif", "DejaVu Serif")


@dataclass(frozen=True, slots=True)
class Bars:
    """One stacked bar per label; `series` are (legend, values) in stacking order. The title
    is the caption the document prints under the figure."""

    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]
    axis: str
    colours: tuple[str, ...] = COLOURS


def _font() -> str:
    from matplotlib import font_manager

    for family in _FONTS:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        return family
    return "DejaVu Sans"


def render_png(chart: Bars, *, width_cm: float = 16.0) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    height_cm = 2.2 + 0.55 * len(chart.labels)
    with matplotlib.rc_context({"font.family": _font(), "font.size": 9, "svg.hashsalt": "ntm-plan"}):
        figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=200)
        try:
            _draw(axes, chart)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", metadata={"Software": None})
        finally:
            pyplot.close(figure)
    return buffer.getvalue()


def _draw(axes: object, chart: Bars) -> None:
    from matplotlib.ticker import MaxNLocator

    ax: object = axes
    positions = list(range(len(chart.labels)))[::-1]  # first label on top
    left = [0] * len(chart.labels)
    for (legend, values), colour in zip(chart.series, chart.colours, strict=False):
        bars = ax.barh(positions, values, left=left, color=colour, label=legend, height=0.7)  # type: ignore[attr-defined]
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center", color="white")  # type: ignore[attr-defined]
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(positions, labels=list(chart.labels))  # type: ignore[attr-defined]
    ax.set_xlabel(chart.axis)  # type: ignore[attr-defined]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # type: ignore[attr-defined]
    ax.spines[["top", "right"]].set_visible(False)  # type: ignore[attr-defined]
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(chart.series), frameon=False)  # type: ignore[attr-defined]
    ax.set_xlim(0, max(left, default=0) * 1.02 or 1)  # type: ignore[attr-defined]


def stacked(
    title: str,
    axis: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    colours: Sequence[str] = COLOURS,
) -> Bars:
    return Bars(title, tuple(labels), tuple((name, tuple(values)) for name, values in series), axis, tuple(colours))
