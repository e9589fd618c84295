"""Stage 1: read one YAML file into plain Python values plus the position of every key.

The reader is strict where PyYAML is lenient: it rejects non-UTF-8 bytes, tabs, duplicate
keys, anchors and aliases, control characters and unknown tags, and it resolves scalars by
a small YAML-1.2-like rule set (only `true`/`false` are booleans, `012` stays a string,
decimals become `Decimal` so that 50.02 stays exactly 50.02). Text is normalised to NFC.
Every problem is returned as a `Diagnostic`; nothing here raises for bad input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .diagnostics import Diagnostic, error

try:  # libyaml's C parser is ~10x faster; the pure-Python parser is the fallback
    from yaml._yaml import CParser as _Parser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAS_LIBYAML = False

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Real files are tens of kilobytes; libyaml needs ~2 s per megabyte of the densest YAML."""
MAX_DEPTH = 64
MAX_DIGITS = 15
"""Numbers with more integer digits than this are refused (10^15 triệu đồng is not data)."""

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_DATE = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_BEFORE_ANCHOR = frozenset(" \t\r\n\x85\u2028\u2029,[{:")
"""What may stand before the '&' of an anchor; a find() loop over the few '&' is ~1,000x
cheaper than a regex over every character."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class _Resolver(BaseResolver):
    """YAML 1.2 core-like implicit typing: no `yes/no/on/off`, no octal, no sexagesimal.

    `resolve` is called for every node from the C parser, so it is a direct dispatch on
    the first character rather than PyYAML's generic resolver table.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            if not value:
                return _NULL
            first = value[0]
            if first in "0123456789":
                if _INT_RE.match(value):
                    return _INT
                if _DATE_RE.match(value):
                    return _DATE
                return _FLOAT if _FLOAT_RE.match(value) else _STR
            if first in "-+.":
                if _INT_RE.match(value):
                    return _INT
                return _FLOAT if _FLOAT_RE.match(value) else _STR
            if first in "tTfF":
                return _BOOL if _BOOL_RE.match(value) else _STR
            if first in "~nN":
                return _NULL if _NULL_RE.match(value) else _STR
            return _STR
        if kind is SequenceNode:
            return _SEQ
        return _MAP


_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

if HAS_LIBYAML:

    class _Composer(_Parser, _Resolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Composer(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)


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


def decode(raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text (BOM allowed), or a diagnostic pointing at the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, error(
            "NTM002",
            "tệp ở dạng UTF-16, không phải UTF-8",
            line=1,
            col=1,
            hint="Lưu lại tệp với mã hóa UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8).",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, error(
            "NTM002",
            f"tệp không phải UTF-8 (byte 0x{raw[exc.start]:02X} không hợp lệ)",
            line=line,
            col=col,
            hint="Lưu lại tệp với mã hóa UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8); "
            "tệp có thể đang ở dạng Windows-1258 hoặc TCVN3.",
        )
    return unicodedata.normalize("NFC", text), None


def read_file(path: Path) -> bytes:
    """A data file's bytes, never more than one byte past the limit (a 50 MB file is not
    held in memory to be refused). Raises OSError like `Path.read_bytes`."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    return raw


def too_large(size: int) -> Diagnostic:
    return error(
        "NTM008",
        f"tệp quá lớn ({size / (1024 * 1024):.1f} MB, tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)",
        line=1,
        hint="Mỗi tệp chỉ nên chứa một đơn vị hoặc một bộ tiêu chí.",
    )


def read_yaml(raw: bytes) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse one file's bytes. Returns no document when it cannot be read at all."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(len(raw))]
    text, bad = decode(raw)
    if text is None:
        return None, [bad] if bad else []
    raw_controls = _raw_control_diagnostics(text)
    if raw_controls:
        return None, raw_controls  # libyaml refuses the whole file at the first one
    diags = _tab_diagnostics(text)
    if _may_have_anchor(text):
        anchors, aliases = _anchor_diagnostics(text)
        if aliases:
            # never composed: an alias can stand for a billion items ("billion laughs");
            # each line that uses one is reported, the anchors are the same mistake
            return None, diags + aliases
        diags.extend(anchors)
    if _may_nest_deeply(text):
        too_deep = _nesting_diagnostic(text)
        if too_deep is not None:  # libyaml's composer recurses in C: refuse before composing
            return None, [*diags, too_deep]
    try:
        node = _Composer(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        if _NESTING_LIMIT in (exc.problem or ""):
            return None, [*diags, _too_deep(exc.problem_mark)]
        syntax = _syntax_diagnostic(exc, text)
        if diags and syntax.line in {d.line for d in diags if d.code == "NTM004"}:
            return None, diags  # the tab is the syntax error; one report of it is enough
        return None, [*diags, syntax]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [*diags, error("NTM001", f"cú pháp YAML sai: {exc}", line=1)]
    if node is None:
        return YamlDoc(None, {(): (1, 1)}), diags
    walker = _Walker()
    data = walker.walk(node, ())
    too_deep = next((d for d in walker.diagnostics if d.code == "NTM008"), None)
    if too_deep is not None:  # refused as a whole, like deeper nesting above
        return None, [*diags, too_deep]
    return YamlDoc(data, walker.positions), diags + walker.diagnostics


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    problem = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    context = exc.context_mark
    message = _translate_problem(problem, exc.context or "")
    if context is not None and mark is not None:
        unclosed = "end of stream" in problem or "could not find expected ':'" in problem
        flow = "expected ',' or" in problem and context.line < mark.line
        if unclosed or flow:  # a quote, bracket or key left open: point where it opens
            mark = context
        if flow:
            message = "dấu '[' chưa được đóng" if "']'" in problem else "dấu '{' chưa được đóng"
    if mark is not None and not (exc.context or "").startswith("while scanning"):
        last, open_flow = _events_before_error(text)
        if _quoted_across_lines(last, mark.line):  # a quote left open ran on to the next line's quote
            mark, message = last.start_mark, "chuỗi trong ngoặc kép chưa được đóng"
        elif "node content" in problem and _opened_before(open_flow, mark.line):  # file ended inside '[' or '{'
            mark = open_flow.start_mark
            bracket = "[" if isinstance(open_flow, yaml.SequenceStartEvent) else "{"
            message = f"dấu '{bracket}' chưa được đóng"
    return error(
        "NTM001",
        f"cú pháp YAML sai: {message}",
        line=mark.line + 1 if mark else None,
        col=mark.column + 1 if mark else None,
        hint="Kiểm tra thụt lề (dùng dấu cách), dấu ':' sau mỗi khóa và dấu ngoặc kép.",
    )


# Upper bounds of nesting that need no parse: flow depth <= the number of '[' and '{';
# block depth <= 2 x (column of the deepest block node + 1), and a block node starts
# within a line's indentation and run of compact "- " / "? " indicators (with their
# anchors and tags), so within the line. Files under both bounds (<= 1,300 levels) cannot
# exhaust the C stack (~25,000 levels with 8 MB); the others get the exact count from
# the event stream.
_MAX_BRACKETS = 500
_LONG_LINE = 400
_BLOCK_PREFIX = re.compile(r"[ \t]*(?:(?:[-?]|[&!][^ \t]*)[ \t]+)*")


def _events_before_error(text: str) -> tuple[Any, Any]:
    """The last scalar the parser produced before the syntax error, and the outermost flow
    collection ('[' or '{') still open there. Only on the error path."""
    parser = _Parser(text) if HAS_LIBYAML else yaml.SafeLoader(text)
    last = None
    flows: list[Any] = []
    try:
        while not isinstance(event := parser.get_event(), yaml.StreamEndEvent):
            if isinstance(event, yaml.ScalarEvent):
                last = event
            elif isinstance(event, yaml.CollectionStartEvent):
                flows.append(event if event.flow_style else None)
            elif isinstance(event, yaml.CollectionEndEvent) and flows:
                flows.pop()
    except yaml.YAMLError:
        pass
    return last, next((f for f in flows if f is not None), None)


def _opened_before(event: Any, line: int) -> bool:
    return event is not None and event.start_mark is not None and bool(event.start_mark.line < line)


def _quoted_across_lines(event: Any, line: int) -> bool:
    if event is None or event.style not in ('"', "'") or event.start_mark is None or event.end_mark is None:
        return False
    return bool(event.start_mark.line < event.end_mark.line == line)


def _position(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _may_nest_deeply(text: str) -> bool:
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


def _may_have_anchor(text: str) -> bool:
    """'&' starts an anchor only after a separator ("key: &a", "- &a", "[&a"); "TN&MT" is text."""
    at = text.find("&")
    while at != -1:
        if (at == 0 or text[at - 1] in _BEFORE_ANCHOR) and text[at + 1 : at + 2] not in ("", " ", "\t", "\n", "\r"):
            return True
        at = text.find("&", at + 1)
    return False


def _nesting_diagnostic(text: str) -> Diagnostic | None:
    """The exact nesting depth from libyaml's event stream (iterative, no recursion)."""
    parser = _Parser(text) if HAS_LIBYAML else yaml.SafeLoader(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
                return _too_deep(event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if _NESTING_LIMIT in (exc.problem or ""):  # libyaml >= 0.2.6 has its own depth limit
            return _too_deep(exc.problem_mark)
        return None  # the composer reports it, having nested no deeper than seen here
    except yaml.YAMLError:
        return None


_NESTING_LIMIT = "maximum nesting depth"


def _too_deep(mark: Any) -> Diagnostic:
    line, col = _position(mark)
    return error(
        "NTM008",
        f"dữ liệu lồng quá sâu (hơn {MAX_DEPTH} cấp)",
        line=line,
        col=col,
        hint="Dữ liệu thật không lồng quá vài cấp; kiểm tra các dấu '[' và '{'.",
    )


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "có ký tự tab ở đầu dòng",
    "that cannot start any token": "có ký tự không được đứng đầu một giá trị (@, `, %; đặt giá trị trong ngoặc kép)",
    "mapping values are not allowed": "dấu ':' không được đặt ở đây (thiếu ngoặc kép?)",
    "could not find expected ':'": "thiếu dấu ':' sau khóa",
    "found undefined alias": "alias chưa được định nghĩa",
    "did not find expected key": "thụt lề không khớp hoặc thiếu khóa",
    "did not find expected node content": "thiếu giá trị",
    "found unexpected end of stream": "tệp kết thúc khi chưa đóng ngoặc/nháy",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp",
    "found a tab character where an indentation space is expected": "có ký tự tab chỗ cần dấu cách",
    "found a tab character that violates indentation": "có ký tự tab phá vỡ thụt lề",
    "but found another document": "tệp chứa nhiều tài liệu YAML (---)",
    "expected ',' or ']'": "thiếu dấu ',' hoặc ']' trong danh sách",
    "expected ',' or '}'": "thiếu dấu ',' hoặc '}' trong bảng",
    "found unknown escape character": "ký tự thoát (\\) không hợp lệ trong chuỗi",
    "while scanning a quoted scalar": "chuỗi trong ngoặc kép chưa được đóng",
    "found unexpected ':'": "dấu ':' không đúng chỗ",
}


def _translate_problem(problem: str, context: str = "") -> str:
    if "end of stream" in problem and "quoted scalar" in context:
        return "chuỗi trong ngoặc kép chưa được đóng"
    for english, vietnamese in _PROBLEMS.items():
        if english in problem:
            return vietnamese
    return problem


_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""What libyaml refuses or counts as a line break where editors do not; tab, CR, LF pass."""


def _raw_control_diagnostics(text: str) -> list[Diagnostic]:
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


def _tab_diagnostics(text: str) -> list[Diagnostic]:
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


def _anchor_diagnostics(text: str) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(anchors, alias uses — one per line), from the event stream; nothing is composed."""
    anchors: list[Diagnostic] = []
    aliases: list[Diagnostic] = []
    lines: set[int | None] = set()
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            line, col = _position(event.start_mark)
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
        pass  # the composer reports the syntax error itself
    return anchors, aliases


class _Walker:
    """Turns composed nodes into values, recording positions and refusing what we forbid."""

    def __init__(self) -> None:
        self.positions: Positions = {(): (1, 1)}
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()

    def _problem(self, node: Node, code: str, message: str, path: Path_, hint: str | None = None) -> None:
        self.diagnostics.append(
            error(
                code,
                message,
                line=node.start_mark.line + 1,
                col=node.start_mark.column + 1,
                path=path,
                hint=hint,
            )
        )

    def walk(self, node: Node, path: Path_) -> Any:
        if id(node) in self._seen:
            line, col = self.positions.get(path, (None, None))
            self.diagnostics.append(
                error(
                    "NTM005",
                    "không dùng alias YAML ('*...')",
                    line=line,
                    col=col,
                    path=path,
                    hint="Viết đầy đủ giá trị thay cho anchor/alias.",
                )
            )
            return None
        self._seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self._problem(node, "NTM008", f"dữ liệu lồng quá sâu (hơn {MAX_DEPTH} cấp)", path)
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, "NTM001", f"thẻ YAML không được hỗ trợ: {node.tag}", path)
            items = []
            for index, item in enumerate(node.value):
                self.positions[(*path, index)] = (item.start_mark.line + 1, item.start_mark.column + 1)
                items.append(self.walk(item, (*path, index)))
            return items
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        return None  # pragma: no cover - composer yields only the three node kinds

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        if node.tag != _MAP:
            self._problem(node, "NTM001", f"thẻ YAML không được hỗ trợ: {node.tag}", path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "NTM001", "khóa phải là một chuỗi đơn giản", path)
                continue
            key = key_node.value
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.positions.get((*path, key), (0, 0))[0]
                self._problem(
                    key_node,
                    "NTM003",
                    f"khóa '{key}' bị lặp",
                    (*path, key),
                    f"Khóa này đã có ở dòng {first}; giữ một và xóa cái còn lại.",
                )
                continue
            self.positions[(*path, key)] = key_pos
            result[key] = self.walk(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        value: str = node.value
        tag = node.tag
        if tag == _STR or tag == "!":
            if _CONTROL.search(value):
                bad = _CONTROL.search(value)
                assert bad is not None
                self._problem(
                    node,
                    "NTM007",
                    f"có ký tự điều khiển U+{ord(bad.group()):04X} trong chuỗi",
                    path,
                    "Thường do sao chép từ Word/Excel; gõ lại đoạn chữ này.",
                )
            return value
        if tag == _INT:
            if len(value.lstrip("+-")) > MAX_DIGITS:
                return self._too_big(node, path)
            return int(value)
        if tag == _FLOAT:
            number = Decimal(value)
            if number.adjusted() >= MAX_DIGITS:
                return self._too_big(node, path)
            return number
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        if tag == _DATE:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value  # the model reports the impossible date with its position
        self._problem(node, "NTM001", f"thẻ YAML không được hỗ trợ: {tag}", path)
        return None

    def _too_big(self, node: ScalarNode, path: Path_) -> None:
        shown = node.value if len(node.value) <= 20 else node.value[:20] + "…"
        self._problem(node, "NTM013", f"số {shown} quá lớn (tối đa {MAX_DIGITS} chữ số)", path)
        return None
