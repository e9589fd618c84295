"""Tables built for the width they get: below a table's threshold its secondary columns go
or fold into a dim line under the primary cell, and the primary column takes the room left,
so a terminal of 80 columns never shows one word a line. Piped output is wide (see
`common.console`) and keeps every column."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

SECONDARY_WIDTH = 14
"""At most this wide, a secondary column kept in a narrow table: the rest goes to the primary."""


class ByWidth:
    """A table built at render time for the width it gets (rich passes it in `options`);
    `build(narrow)` with narrow true below `narrow_below` columns (each table says how many
    its columns need)."""

    def __init__(self, build: Callable[[bool], Table], narrow_below: int) -> None:
        self.build = build
        self.narrow_below = narrow_below

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width < self.narrow_below)


def fitted_table(
    title: str | None, names: Sequence[str], primary: str, widths: Mapping[str, int] | None = None
) -> Table:
    """A narrow table: every column but `primary` at most its width in `widths` (default
    SECONDARY_WIDTH), wrapping at spaces; `primary` takes all the room they leave."""
    table = Table(title=title, title_justify="left", expand=True)
    for name in names:
        if name == primary:
            table.add_column(name, overflow="fold", ratio=1)
        else:
            table.add_column(name, overflow="fold", max_width=(widths or {}).get(name, SECONDARY_WIDTH))
    return table


def wide_table(title: str | None, names: Iterable[str], min_widths: Mapping[str, int] | None = None) -> Table:
    """A wide table (a wide terminal, or piped output): every column at its natural width,
    folding a word only when the table must be cut to the terminal; a column in `min_widths`
    keeps at least that width."""
    table = Table(title=title, title_justify="left")
    for name in names:
        table.add_column(name, overflow="fold", min_width=(min_widths or {}).get(name))
    return table


def folded(primary: str | Text, details: Iterable[tuple[str, str]]) -> Text:
    """The primary cell with the secondary columns it replaces on a dim line below it:
    'Mã: duong-tt5 · Thời hạn: Quý IV/2024'. Empty and '—' values are left out."""
    text = primary.copy() if isinstance(primary, Text) else Text(primary)
    shown = [f"{label}: {value}" for label, value in details if value and value != "—"]
    if shown:
        text.append("\n" + " · ".join(shown), style="dim")
    return text


MIN_WIDTHS = {"Mã": 4, "Tình trạng": 10, "Thời hạn": 8, "Hiện trạng": 8, "Ngưỡng": 8, "Chênh lệch": 8}
"""The least width of the short columns of a wide task or indicator table, so that cutting it
to the terminal squeezes the long text columns first. (rich's column `ratio` would need an
expanding table: wide tables keep their natural width.)"""
