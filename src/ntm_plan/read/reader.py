"""Stage 1: read one YAML file into plain Python values plus the position of every key.

The reader is strict where PyYAML is lenient: it rejects non-UTF-8 bytes, tabs, duplicate
keys, anchors and aliases, control characters and unknown tags, and it resolves scalars by
a small YAML-1.2-like rule set (only `true`/`false` are booleans, `012` stays a string,
decimals become `Decimal` so that 50.02 stays exactly 50.02). Text is normalised to NFC.
Every problem is returned as a `Diagnostic`; nothing here raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ntm_plan.diagnostics import Diagnostic, error, thousands
from ntm_plan.read.parser import (
    MAX_DEPTH,
    NESTING_LIMIT,
    TAG_BOOL,
    TAG_DATE,
    TAG_FLOAT,
    TAG_INT,
    TAG_MAP,
    TAG_NULL,
    TAG_SEQ,
    TAG_STR,
    EventParser_,
)
from ntm_plan.read.prechecks import (
    anchor_diagnostics,
    may_have_anchor,
    may_nest_deeply,
    nesting_diagnostic,
    raw_control_diagnostics,
    tab_diagnostics,
    too_deep,
)
from ntm_plan.read.raw import INVISIBLE, MAX_FILE_BYTES, decode
from ntm_plan.read.syntax import syntax_diagnostic
from ntm_plan.read.tags import MAX_NUMBER_TEXT, explicit_tag_problem

MAX_DIGITS = 15
"""Numbers with more integer digits than this are refused (10^15 triệu đồng is not data)."""
MIN_EXPONENT = -15
"""Non-zero numbers closer to zero than 10^-15 are refused: no indicator is that fine, and
an exponent like e-999999999 would make exact arithmetic run for hours."""
MAX_SIGNIFICANT = 30
"""Significant digits kept exactly; more is not a measurement."""
MAX_ITEMS = 50_000
"""Items of one list, or keys of one mapping. A commune file holds tens; 2 MB of items of
42 bytes or more never reach it, but a million "1," would each become a validation error
(1,9 GB of them): such a file is refused whole, like one nested too deeply."""
ONE_FILE_HINT = "Mỗi tệp chỉ nên chứa một đơn vị hoặc một bộ tiêu chí."  # too large, too many items
Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_EXPONENT_ONLY = re.compile(r"[-+]?[0-9]+[eE][-+]?[0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNWANTED = re.compile(f"{_CONTROL.pattern}|{INVISIBLE.pattern}")
"""Either kind, in one search of the (almost always clean) text."""


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """A file's values and the (line, col) of each key path, both 1-based."""

    data: Any
    positions: Positions

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Position of the longest prefix of `path` that has one."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:end]))
            if pos is not None:
                return pos
        return None, None


def too_large(size: int) -> Diagnostic:
    return error(
        "NTM008",
        f"tệp quá lớn ({size / (1024 * 1024):.1f} MB, tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)".replace(".", ","),
        line=1,
        hint=ONE_FILE_HINT,
    )


def read_yaml(raw: bytes) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse one file's bytes. Returns no document when it cannot be read at all."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(len(raw))]
    text, bad = decode(raw)
    if text is None:
        return None, [bad] if bad else []
    raw_controls = raw_control_diagnostics(text)
    if raw_controls:
        return None, raw_controls  # libyaml refuses the whole file at the first one
    diags = tab_diagnostics(text)
    if may_have_anchor(text):
        anchors, aliases = anchor_diagnostics(text)
        if aliases:
            # never walked: an alias can stand for a billion items ("billion laughs");
            # each line that uses one is reported, the anchors are the same mistake
            return None, diags + aliases
        diags.extend(anchors)
    if may_nest_deeply(text):
        deep = nesting_diagnostic(text)
        if deep is not None:  # said before any syntax error further on, whatever libyaml's own depth limit
            return None, [*diags, deep]
    walker = _Walker(EventParser_(text))
    try:
        data, empty = walker.single_document()
    except yaml.MarkedYAMLError as exc:
        if NESTING_LIMIT in (exc.problem or ""):
            return None, [*diags, too_deep(exc.problem_mark)]
        syntax = syntax_diagnostic(exc, text)
        if diags and syntax.line in {d.line for d in diags if d.code == "NTM004"}:
            return None, diags  # the tab is the syntax error; one report of it is enough
        return None, [*diags, syntax]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [*diags, error("NTM001", f"cú pháp YAML sai: {exc}", line=1)]
    if empty:
        return YamlDoc(None, {(): (1, 1)}), diags
    nested = next((d for d in walker.diagnostics if d.code == "NTM008"), None)
    if nested is not None:  # refused as a whole, like deeper nesting above
        return None, [*diags, nested]
    return YamlDoc(data, walker.positions), diags + walker.diagnostics


class _Walker:
    """Turns the parser's events into values, recording positions and refusing what we forbid.

    Built from events, not from a composed node tree: the tree of a 2 MB file takes ~100 MB,
    and only the values and positions are kept."""

    def __init__(self, parser: EventParser_) -> None:
        self.positions: Positions = {(): (1, 1)}
        self.diagnostics: list[Diagnostic] = []
        self._parser = parser
        # bound once: the walk runs per event (most of the time `validate` spends reading)
        self._next: Callable[[], Any] = parser.get_event
        """The next event (never None before the stream's end, which `single_document` stops at)."""
        self._resolve = parser.resolve

    def single_document(self) -> tuple[Any, bool]:
        """The one document's values, and whether the stream holds no document at all.
        Raises the parser's errors, and a `ComposerError` (as PyYAML's would) for a second document."""
        self._next()  # stream start
        if self._parser.check_event(yaml.StreamEndEvent):
            return None, True
        start = self._next()  # document start
        data = self.walk(self._next(), ())
        self._next()  # document end
        if not self._parser.check_event(yaml.StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                self._next().start_mark,
            )
        return data, False

    def _problem(self, event: Any, code: str, message: str, path: Path_, hint: str | None = None) -> None:
        self.diagnostics.append(
            error(
                code,
                message,
                line=event.start_mark.line + 1,
                col=event.start_mark.column + 1,
                path=path,
                hint=hint,
            )
        )

    def _skip(self, event: Any) -> None:
        """Consume the events of a collection not walked (its start already read)."""
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            following = self._next()
            if isinstance(following, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(following, yaml.CollectionEndEvent):
                depth -= 1

    def _tag(self, event: Any, kind: type[Node]) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            value = event.value if type(event) is ScalarEvent else None
            return str(self._resolve(kind, value, event.implicit))
        return tag

    def walk(self, event: Any, path: Path_) -> Any:
        kind = type(event)  # the parser makes these exact classes: no isinstance walk of the MRO
        if kind is AliasEvent:  # an anchored one is refused before parsing
            alias_at: Any = event.start_mark
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", alias_at)
        if len(path) > MAX_DEPTH:
            self._problem(event, "NTM008", f"dữ liệu lồng quá sâu (hơn {MAX_DEPTH} cấp)", path)
            self._skip(event)
            return None
        if kind is ScalarEvent:
            tag: str | None = event.tag
            if tag is None or tag == "!":
                tag = self._resolve(ScalarNode, event.value, event.implicit)
            return self._scalar(event, tag, path)
        if kind is SequenceStartEvent:
            return self._sequence(event, path)
        return self._mapping(event, path)

    def _sequence(self, event: Any, path: Path_) -> list[Any]:
        tag = self._tag(event, SequenceNode)
        if tag != TAG_SEQ:
            self._problem(event, "NTM001", f"thẻ YAML không được hỗ trợ: {tag}", path)
        items: list[Any] = []
        positions, walk, following = self.positions, self.walk, self._next
        item = following()
        while type(item) is not SequenceEndEvent:
            index = len(items)
            if index == MAX_ITEMS:
                count = index + self._count_rest(item, yaml.SequenceEndEvent)
                self._too_many(event, path, f"danh sách có quá nhiều mục ({thousands(count)})")
                return items
            mark = item.start_mark
            at = (*path, index)
            positions[at] = (mark.line + 1, mark.column + 1)
            items.append(walk(item, at))
            item = following()
        return items

    def _count_rest(self, first: Any, end: type[yaml.Event]) -> int:
        """The values left in a collection, `first` included, all consumed unread."""
        count = 0
        event = first
        while not isinstance(event, end):
            self._skip(event)
            count += 1
            event = self._next()
        return count

    def _too_many(self, event: Any, path: Path_, problem: str) -> None:
        self._problem(
            event,
            "NTM008",
            f"{problem}, tối đa {thousands(MAX_ITEMS)}: tệp không được đọc",
            path,
            f"{ONE_FILE_HINT} Tách dữ liệu hoặc kiểm tra xem tệp có bị sinh tự động sai không.",
        )

    def _mapping(self, event: Any, path: Path_) -> dict[str, Any]:
        tag = self._tag(event, MappingNode)
        if tag != TAG_MAP:
            self._problem(event, "NTM001", f"thẻ YAML không được hỗ trợ: {tag}", path)
        result: dict[str, Any] = {}
        positions, walk, following = self.positions, self.walk, self._next
        key_event = following()
        keys = 0
        while type(key_event) is not MappingEndEvent:
            if keys == MAX_ITEMS:
                count = keys + self._count_rest(key_event, yaml.MappingEndEvent) // 2
                self._too_many(event, path, f"bảng khóa-giá trị có quá nhiều khóa ({thousands(count)})")
                return result
            keys += 1
            key: str | None = key_event.value if type(key_event) is ScalarEvent else None
            if key is not None and key not in result:
                mark = key_event.start_mark
                at = (*path, key)
                positions[at] = (mark.line + 1, mark.column + 1)
                result[key] = walk(following(), at)
            else:
                self._refuse_key(key_event, key, path)
            key_event = following()
        return result

    def _refuse_key(self, key_event: Any, key: str | None, path: Path_) -> None:
        """A key that is not text (`key` None) or is repeated: said, and its value consumed unread."""
        if key is None:
            self._problem(key_event, "NTM001", "khóa phải là một chuỗi đơn giản", path)
            self._skip(key_event)
        else:
            first = self.positions[(*path, key)][0]  # recorded when the key was first taken
            self._problem(
                key_event,
                "NTM003",
                f"khóa '{key}' bị lặp",
                (*path, key),
                f"Khóa này đã có ở dòng {first}; giữ một và xóa cái còn lại.",
            )
        self._skip(self._next())

    def _scalar(self, scalar: yaml.ScalarEvent, tag: str, path: Path_) -> Any:
        """The value of a scalar event (`tag` resolved)."""
        value: str = scalar.value
        if tag == TAG_STR:
            if not scalar.style and _EXPONENT_ONLY.fullmatch(value) and not self._bounded(scalar, path):
                return None  # 1e-400: text to the resolver (as in YAML 1.1), but a number's bounds apply
            bad = (_CONTROL.search(value) or INVISIBLE.search(value)) if _UNWANTED.search(value) else None
            if bad is not None:
                kind = "điều khiển" if _CONTROL.match(bad.group()) else "vô hình"
                self._problem(
                    scalar,
                    "NTM007",
                    f"có ký tự {kind} U+{ord(bad.group()):04X} trong chuỗi (vị trí {bad.start() + 1})",
                    path,
                    "Thường do sao chép từ Word/Excel hoặc web; xóa và gõ lại đoạn chữ này.",
                )
            return value
        # a tag the resolver chose agrees with the text by construction
        mismatch = explicit_tag_problem(tag, value) if scalar.tag not in (None, "!") else None
        if mismatch is not None:
            self._problem(scalar, "NTM012", mismatch, path, "Bỏ thẻ '!!…' và viết giá trị đúng kiểu, không kèm thẻ.")
            return None
        if tag == TAG_INT:
            if len(value.lstrip("+-")) > MAX_DIGITS:
                self._out_of_bounds(scalar, path, "quá lớn")
                return None
            return int(value)
        if tag == TAG_FLOAT:
            return self._decimal(scalar, path)
        if tag == TAG_BOOL:
            return value.lower() == "true"
        if tag == TAG_NULL:
            return None
        if tag == TAG_DATE:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value  # the model reports the impossible date with its position
        self._problem(scalar, "NTM001", f"thẻ YAML không được hỗ trợ: {tag}", path)
        return None

    def _decimal(self, scalar: yaml.ScalarEvent, path: Path_) -> Decimal | None:
        return Decimal(scalar.value) if self._bounded(scalar, path) else None

    def _bounded(self, scalar: yaml.ScalarEvent, path: Path_) -> bool:
        """True when the number written in `scalar` is within the bounds; else NTM013."""
        if len(scalar.value) > MAX_NUMBER_TEXT:
            return self._out_of_bounds(scalar, path, "quá dài")
        try:
            number = Decimal(scalar.value)
        except ArithmeticError:  # an exponent past what decimal holds at all: 1e3999999999999999999
            return self._out_of_bounds(scalar, path, "quá lớn")
        _, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)  # the resolver's pattern admits finite numbers only
        if number and number.adjusted() >= MAX_DIGITS:
            return self._out_of_bounds(scalar, path, "quá lớn")
        if number and number.adjusted() < MIN_EXPONENT:
            return self._out_of_bounds(scalar, path, "quá nhỏ")
        if len(digits) > MAX_SIGNIFICANT or not MIN_EXPONENT - MAX_SIGNIFICANT <= exponent < MAX_DIGITS:
            return self._out_of_bounds(scalar, path, "có quá nhiều chữ số")
        return True

    def _out_of_bounds(self, scalar: yaml.ScalarEvent, path: Path_, why: str) -> bool:
        shown = scalar.value if len(scalar.value) <= 20 else scalar.value[:20] + "…"
        self._problem(
            scalar,
            "NTM013",
            f"số {shown} {why}: chỉ nhận số có tối đa {MAX_DIGITS} chữ số phần nguyên, "
            f"{MAX_SIGNIFICANT} chữ số có nghĩa, và khác 0 thì không nhỏ hơn 10^{MIN_EXPONENT}",
            path,
        )
        return False
