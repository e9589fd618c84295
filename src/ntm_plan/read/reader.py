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
Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
        if tag == TAG_INT:
            if len(value.lstrip("+-")) > MAX_DIGITS:
                return self._too_big(node, path)
            return int(value)
        if tag == TAG_FLOAT:
            number = Decimal(value)
            if number.adjusted() >= MAX_DIGITS:
                return self._too_big(node, path)
            return number
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

    def _too_big(self, node: ScalarNode, path: Path_) -> None:
        shown = node.value if len(node.value) <= 20 else node.value[:20] + "…"
        self._problem(node, "NTM013", f"số {shown} quá lớn (tối đa {MAX_DIGITS} chữ số)", path)
        return None
