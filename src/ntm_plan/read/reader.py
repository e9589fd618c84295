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

from ntm_plan.diagnostics import Diagnostic, error
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
    Composer_,
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
from ntm_plan.read.syntax import syntax_diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Real files are tens of kilobytes; libyaml needs ~2 s per megabyte of the densest YAML."""
MAX_DIGITS = 15
"""Numbers with more integer digits than this are refused (10^15 triệu đồng is not data)."""
MIN_EXPONENT = -15
"""Non-zero numbers closer to zero than 10^-15 are refused: no indicator is that fine, and
an exponent like e-999999999 would make exact arithmetic run for hours."""
MAX_SIGNIFICANT = 30
"""Significant digits kept exactly; more is not a measurement."""
_MAX_NUMBER_TEXT = 64
"""A number written longer than this cannot be within the bounds: refused unparsed."""
Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_OR_INT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_NULL = re.compile(r"~|null|Null|NULL|")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EXPONENT_ONLY = re.compile(r"[-+]?[0-9]+[eE][-+]?[0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
"""Zero-width and direction marks, soft hyphen, BOM: invisible, so 'Hòa\u200bAn' looks like
'Hòa An' yet matches nothing; no Vietnamese text needs them."""


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
    raw_controls = raw_control_diagnostics(text)
    if raw_controls:
        return None, raw_controls  # libyaml refuses the whole file at the first one
    diags = tab_diagnostics(text)
    if may_have_anchor(text):
        anchors, aliases = anchor_diagnostics(text)
        if aliases:
            # never composed: an alias can stand for a billion items ("billion laughs");
            # each line that uses one is reported, the anchors are the same mistake
            return None, diags + aliases
        diags.extend(anchors)
    if may_nest_deeply(text):
        deep = nesting_diagnostic(text)
        if deep is not None:  # libyaml's composer recurses in C: refuse before composing
            return None, [*diags, deep]
    try:
        node = Composer_(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        if NESTING_LIMIT in (exc.problem or ""):
            return None, [*diags, too_deep(exc.problem_mark)]
        syntax = syntax_diagnostic(exc, text)
        if diags and syntax.line in {d.line for d in diags if d.code == "NTM004"}:
            return None, diags  # the tab is the syntax error; one report of it is enough
        return None, [*diags, syntax]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [*diags, error("NTM001", f"cú pháp YAML sai: {exc}", line=1)]
    if node is None:
        return YamlDoc(None, {(): (1, 1)}), diags
    walker = _Walker()
    data = walker.walk(node, ())
    nested = next((d for d in walker.diagnostics if d.code == "NTM008"), None)
    if nested is not None:  # refused as a whole, like deeper nesting above
        return None, [*diags, nested]
    return YamlDoc(data, walker.positions), diags + walker.diagnostics


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
            if node.tag != TAG_SEQ:
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
        if node.tag != TAG_MAP:
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
        if tag == TAG_STR or tag == "!":
            if not node.style and _EXPONENT_ONLY.fullmatch(value) and not self._bounded(node, path):
                return None  # 1e-400: text to the resolver (as in YAML 1.1), but a number's bounds apply
            bad = _CONTROL.search(value) or INVISIBLE.search(value)
            if bad is not None:
                kind = "điều khiển" if _CONTROL.match(bad.group()) else "vô hình"
                self._problem(
                    node,
                    "NTM007",
                    f"có ký tự {kind} U+{ord(bad.group()):04X} trong chuỗi (vị trí {bad.start() + 1})",
                    path,
                    "Thường do sao chép từ Word/Excel hoặc web; xóa và gõ lại đoạn chữ này.",
                )
            return value
        mismatch = explicit_tag_problem(tag, value)
        if mismatch is not None:
            self._problem(node, "NTM012", mismatch, path, "Bỏ thẻ '!!…' và viết giá trị đúng kiểu, không kèm thẻ.")
            return None
        if tag == TAG_INT:
            if len(value) > _MAX_NUMBER_TEXT or len(value.lstrip("+-")) > MAX_DIGITS:
                self._out_of_bounds(node, path, "quá lớn")
                return None
            return int(value)
        if tag == TAG_FLOAT:
            return self._decimal(node, path)
        if tag == TAG_BOOL:
            return value.lower() == "true"
        if tag == TAG_NULL:
            return None
        if tag == TAG_DATE:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value  # the model reports the impossible date with its position
        self._problem(node, "NTM001", f"thẻ YAML không được hỗ trợ: {tag}", path)
        return None

    def _decimal(self, node: ScalarNode, path: Path_) -> Decimal | None:
        return Decimal(node.value) if self._bounded(node, path) else None

    def _bounded(self, node: ScalarNode, path: Path_) -> bool:
        """True when the number written in `node` is within the bounds; else NTM013."""
        if len(node.value) > _MAX_NUMBER_TEXT:
            return self._out_of_bounds(node, path, "quá dài")
        number = Decimal(node.value)
        _, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)  # the resolver's pattern admits finite numbers only
        if number and number.adjusted() >= MAX_DIGITS:
            return self._out_of_bounds(node, path, "quá lớn")
        if number and number.adjusted() < MIN_EXPONENT:
            return self._out_of_bounds(node, path, "quá nhỏ")
        if len(digits) > MAX_SIGNIFICANT or not MIN_EXPONENT - MAX_SIGNIFICANT <= exponent < MAX_DIGITS:
            return self._out_of_bounds(node, path, "có quá nhiều chữ số")
        return True

    def _out_of_bounds(self, node: ScalarNode, path: Path_, why: str) -> bool:
        shown = node.value if len(node.value) <= 20 else node.value[:20] + "…"
        self._problem(
            node,
            "NTM013",
            f"số {shown} {why}: chỉ nhận số có tối đa {MAX_DIGITS} chữ số phần nguyên, "
            f"{MAX_SIGNIFICANT} chữ số có nghĩa, và khác 0 thì không nhỏ hơn 10^{MIN_EXPONENT}",
            path,
        )
        return False


_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_TAG_WORDS = {TAG_INT: "số nguyên", TAG_FLOAT: "số", TAG_BOOL: "true/false", TAG_NULL: "giá trị rỗng", TAG_DATE: "ngày"}


def _yaml12_reading(value: str) -> str:
    """How a YAML 1.2 (core schema) reader takes the text, in words."""
    if _BOOL.fullmatch(value):
        return f"giá trị đúng/sai {value.lower()}"
    if _NULL.fullmatch(value):
        return "giá trị rỗng (null)"
    if _YAML12_INT.fullmatch(value):
        base = 16 if value.startswith("0x") else 8 if value.startswith("0o") else 10
        number = int(value[2:] if base != 10 else value, base) if len(value) <= _MAX_NUMBER_TEXT else None
        written = "" if base == 10 else f" viết ở hệ {base}"
        return f"số nguyên {number}{written}" if number is not None else "một số nguyên quá dài"
    if _YAML12_FLOAT.fullmatch(value):
        return "số vô hạn hoặc NaN" if value.lstrip("+-").startswith(".") and value[-1] in "fFnN" else "một số"
    shown = value if len(value) <= 20 else value[:20] + "…"
    return f"chuỗi chữ '{shown}'"


def explicit_tag_problem(tag: str, value: str) -> str | None:
    """A scalar with an explicit tag (`!!int 0x1F`, `!!bool yes`) whose text is not what our
    reader would read as that type by itself; None when the tag agrees with the text."""
    if tag not in _TAG_WORDS:
        return None
    fits = {
        TAG_INT: _INT_RE,
        TAG_FLOAT: _FLOAT_OR_INT,
        TAG_BOOL: _BOOL,
        TAG_NULL: _NULL,
        TAG_DATE: _DATE,
    }[tag]
    if fits.fullmatch(value):
        return None
    short = tag.rsplit(":", 1)[-1]
    shown = value if len(value) <= 20 else value[:20] + "…"
    return (
        f"thẻ !!{short} gắn với '{shown}', không phải {_TAG_WORDS[tag]} viết theo cách tệp dữ liệu nhận; "
        f"theo YAML 1.2 đây là {_yaml12_reading(value)}"
    )
