"""Stage 1, before walking: cheap text checks that refuse what would hurt the reader.

Control characters, tabs, anchors and aliases ("billion laughs"), and nesting deeper
than the reader accepts are found here, each as a diagnostic at its line, before any
value is built.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.read.parser import HAS_LIBYAML, MAX_DEPTH, NESTING_LIMIT, EventLoader, Parser_, position

_BEFORE_ANCHOR = frozenset(" \t\r\n\x85\u2028\u2029,[{:")
"""What may stand before the '&' of an anchor; a find() loop over the few '&' is ~1,000x
cheaper than a regex over every character."""


# Upper bounds of nesting that need no parse: flow depth <= the number of '[' and '{';
# block depth <= 2 x (column of the deepest block node + 1), and a block node starts
# within a line's indentation and run of compact "- " / "? " indicators (with their
# anchors and tags), so within the line. Files under both bounds (<= 1,300 levels) cannot
# exhaust the C stack (~25,000 levels with 8 MB); the others get the exact count from
# the event stream.
_MAX_BRACKETS = 500


_LONG_LINE = 400


_BLOCK_PREFIX = re.compile(r"[ \t]*(?:(?:[-?]|[&!][^ \t]*)[ \t]+)*")


def may_nest_deeply(text: str) -> bool:
    if text.count("[") + text.count("{") > _MAX_BRACKETS:
        return True
    lines = text.split("\n")
    if max(map(len, lines)) <= _LONG_LINE:
        return False
    return any(
        _BLOCK_PREFIX.match(line).end() > _LONG_LINE  # type: ignore[union-attr]  # matches the empty string
        for line in lines
        if len(line) > _LONG_LINE
    )


def may_have_anchor(text: str) -> bool:
    """'&' starts an anchor only after a separator ("key: &a", "- &a", "[&a"); "TN&MT" is text."""
    at = text.find("&")
    while at != -1:
        if (at == 0 or text[at - 1] in _BEFORE_ANCHOR) and text[at + 1 : at + 2] not in ("", " ", "\t", "\n", "\r"):
            return True
        at = text.find("&", at + 1)
    return False


def nesting_diagnostic(text: str) -> Diagnostic | None:
    """The exact nesting depth from libyaml's event stream (iterative, no recursion)."""
    parser = Parser_(text) if HAS_LIBYAML else yaml.SafeLoader(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
                return too_deep(event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if NESTING_LIMIT in (exc.problem or ""):  # libyaml >= 0.2.6 has its own depth limit
            return too_deep(exc.problem_mark)
        return None  # the reader reports it, having nested no deeper than seen here
    except yaml.YAMLError:
        return None


def too_deep(mark: Any) -> Diagnostic:
    line, col = position(mark)
    return error(
        "NTM008",
        f"dữ liệu lồng quá sâu (hơn {MAX_DEPTH} cấp)",
        line=line,
        col=col,
        hint="Dữ liệu thật không lồng quá vài cấp; kiểm tra các dấu '[' và '{'.",
    )


_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""What libyaml refuses or counts as a line break where editors do not; tab, CR, LF pass."""


def raw_control_diagnostics(text: str) -> list[Diagnostic]:
    if not _RAW_CONTROL.search(text):
        return []
    return [
        error(
            "NTM007",
            f"có ký tự điều khiển U+{ord(match.group()):04X}",
            line=number,
            col=match.start() + 1,
            hint="Thường do sao chép từ Word/Excel; gõ lại đoạn chữ này.",
        )
        for number, line in enumerate(text.split("\n"), start=1)
        if (match := _RAW_CONTROL.search(line)) is not None  # one per line: a pasted cell has several
    ]


def tab_diagnostics(text: str) -> list[Diagnostic]:
    if "\t" not in text:
        return []
    return [
        error(
            "NTM004",
            "có ký tự tab",
            line=number,
            col=line.index("\t") + 1,
            hint="YAML chỉ dùng dấu cách để thụt lề; thay tab bằng dấu cách.",
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line
    ]


def anchor_diagnostics(text: str) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(anchors, alias uses — one per line), from the event stream; nothing is composed."""
    anchors: list[Diagnostic] = []
    aliases: list[Diagnostic] = []
    lines: set[int | None] = set()
    try:
        for event in yaml.parse(text, Loader=EventLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            line, col = position(event.start_mark)
            if not isinstance(event, yaml.AliasEvent):
                anchors.append(
                    error(
                        "NTM005",
                        f"không dùng anchor YAML ('&{anchor}')",
                        line=line,
                        col=col,
                        hint="Viết đầy đủ giá trị ở mỗi chỗ cần dùng thay cho anchor/alias.",
                    )
                )
            elif line not in lines:
                lines.add(line)
                aliases.append(
                    error(
                        "NTM005",
                        f"không dùng alias YAML ('*{anchor}')",
                        line=line,
                        col=col,
                        hint="Viết đầy đủ giá trị thay cho anchor/alias.",
                    )
                )
    except yaml.YAMLError:
        pass  # the reader reports the syntax error itself
    return anchors, aliases
