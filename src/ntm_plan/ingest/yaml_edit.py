"""Add list items to a YAML file without touching any other byte.

The new items are inserted as lines at the places the composed document shows: after
the last item of an existing block list, or as a new key after the last line of the
mapping that lacks it. The result is read back and must equal the old data plus the new
items; where the layout is one the text edit does not handle (a flow list, a flow
mapping), ruamel.yaml's round-trip writer does the edit instead, and is checked the same.
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ntm_plan.read.reader import YamlDoc, read_yaml

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Addition:
    """Append `item` to the list at `path` (`("tasks", 3, "progress")`), creating it if absent."""

    path: KeyPath
    item: dict[str, Any]


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PositionsLoader(_BaseLoader):  # type: ignore[misc]
    """Only node positions are needed: every scalar is text (tag resolution is the
    slowest part of composing a file)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is SequenceNode else "tag:yaml.org,2002:map"


class EditError(Exception):
    """The edited text would not hold exactly the old data plus the new items. The import
    prints the message (NTM041), so it is Vietnamese."""


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    if isinstance(value, dict):
        return flow(value)
    return json.dumps(str(value), ensure_ascii=False)


def flow(item: dict[str, Any]) -> str:
    """`{as_of: 2024-09-30, done: 200, note: "…"}`: texts double-quoted, numbers with '.'."""
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in item.items()) + "}"


def _last_line(node: Node) -> int:
    """0-based index of the last line holding part of `node`."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return max(_last_line(node.value[-1][0]), _last_line(node.value[-1][1]))
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return int(end.line) - 1
    return int(end.line)


def _child(node: Node, key: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(key, str):
        return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


def _insertion(lines: list[str], root: Node, add: Addition) -> tuple[int, list[str]]:
    """(line index to insert before, the lines) for one addition, or EditError."""
    parent: Node | None = root
    for key in add.path[:-1]:
        parent = _child(parent, key) if parent is not None else None
    if not isinstance(parent, MappingNode) or parent.flow_style:
        raise EditError("chỗ thêm mục không phải một bảng khóa dạng khối")
    target = _child(parent, add.path[-1])
    if target is None:
        first_key = parent.value[0][0] if parent.value else None
        indent = first_key.start_mark.column if first_key is not None else 0
        at = _last_line(parent) + 1 if parent.value else len(lines)
        return at, [f"{' ' * indent}{add.path[-1]}:", f"{' ' * (indent + 2)}- {flow(add.item)}"]
    if not isinstance(target, SequenceNode) or target.flow_style or not target.value:
        raise EditError("danh sách không ở dạng khối có sẵn mục")
    last = target.value[-1]
    dash = lines[last.start_mark.line][: last.start_mark.column].rstrip()
    if not dash.endswith("-"):
        raise EditError("cách viết các mục trong danh sách không như thường lệ")
    return _last_line(last) + 1, [f"{' ' * (len(dash) - 1)}- {flow(add.item)}"]


def add_items(text: str, additions: list[Addition]) -> tuple[str, YamlDoc]:
    """The text with the items added, and what it reads as. The line insertion is tried
    first (every other byte kept), ruamel.yaml's round trip where the layout needs it;
    either must read back as exactly the old document plus the new items."""
    try:
        root = _compose(text)
        new = _text_edit(text, root, additions)
        if _same_plus(root, _compose(new), additions):
            doc, problems = read_yaml(new.encode("utf-8"))
            if doc is not None and not problems:
                return new, doc
    except EditError:
        pass
    return _round_trip_checked(text, additions)


def _compose(text: str) -> Node:
    try:
        root = yaml.compose(text, Loader=_PositionsLoader)
    except yaml.YAMLError as exc:
        raise EditError(str(exc)) from None
    if root is None:
        raise EditError("tệp rỗng")
    return root


def _tree(node: Node) -> Any:
    """The document as nested lists: scalars with their style, no positions."""
    if isinstance(node, ScalarNode):
        return (node.value, node.style)
    if isinstance(node, SequenceNode):
        return ["seq", [_tree(child) for child in node.value]]
    return ["map", [[_tree(k), _tree(v)] for k, v in node.value]]


def _step(tree: Any, key: str | int) -> Any:
    if tree[0] == "seq":
        return tree[1][key]
    return next(pair for pair in tree[1] if pair[0][0] == key)


def _same_plus(old: Node, new: Node, additions: list[Addition]) -> bool:
    """`new` is `old` with the items appended, and nothing else changed: each item is
    taken off the end of its list again (the list too, if it is new), then the rest compared."""
    old_tree, new_tree = _tree(old), _tree(new)
    try:
        for add in reversed(additions):
            parent = new_tree
            for key in add.path[:-1]:
                parent = _step(parent, key)[1] if parent[0] == "map" else _step(parent, key)
            pair = _step(parent, add.path[-1])
            if pair[1][0] != "seq" or pair[1][1].pop() != _tree(_compose(flow(add.item))):
                return False
            if not pair[1][1]:
                parent[1].remove(pair)
    except (StopIteration, IndexError, KeyError, TypeError, EditError):
        return False
    return bool(old_tree == new_tree)


def _round_trip_checked(text: str, additions: list[Addition]) -> tuple[str, YamlDoc]:
    old, problems = read_yaml(text.encode("utf-8"))
    if old is None or problems:
        raise EditError("tệp đang có lỗi khi đọc")
    expected = copy.deepcopy(old.data)
    try:
        for add in additions:
            parent = expected
            for key in add.path[:-1]:
                parent = parent[key]
            parent.setdefault(add.path[-1], []).append(add.item)
    except (TypeError, KeyError, IndexError, AttributeError):
        raise EditError("tệp không có chỗ để thêm mục này") from None
    new = _round_trip_edit(text, additions)
    doc, problems = read_yaml(new.encode("utf-8"))
    if doc is None or problems or doc.data != expected:
        raise EditError("nội dung sau khi sửa sẽ khác dữ liệu định thêm")
    return new, doc


def _text_edit(text: str, root: Node, additions: list[Addition]) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    inserts: dict[int, list[tuple[int, int, list[str]]]] = {}
    for n, add in enumerate(additions):
        at, new = _insertion(lines, root, add)
        indent = len(new[0]) - len(new[0].lstrip(" "))
        inserts.setdefault(at, []).append((-indent, n, new))
    out: list[str] = []
    for i in range(len(lines) + 1):
        # at one place, an item of a nested list goes before a new key that closes that list
        for _, _, new in sorted(inserts.get(i, []), key=lambda entry: entry[:2]):
            out.extend(new)
        if i < len(lines):
            out.append(lines[i])
    keep_open = not text.endswith(("\n", "\r")) and len(lines) not in inserts
    return newline.join(out) + ("" if keep_open else newline)


def _round_trip_edit(text: str, additions: list[Addition]) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, indent, dash_offset = load_yaml_guess_indent(text)
    except IndexError:  # ruamel's guess fails on a list item whose dash stands alone on its line
        indent = dash_offset = None
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.representer.ignore_aliases = lambda _data: True  # one date object in two items is no anchor
    if indent is not None and dash_offset is not None:
        rt.indent(mapping=max(2, indent - dash_offset), sequence=indent, offset=dash_offset)
    doc = rt.load(text)
    for add in additions:
        parent = doc
        for key in add.path[:-1]:
            parent = parent[key]
        if add.path[-1] not in parent:
            parent[add.path[-1]] = CommentedSeq()
        item = CommentedMap(_plain(add.item))
        item.fa.set_flow_style()
        parent[add.path[-1]].append(item)
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    """Values ruamel can write: Decimal as int or float text it will not reformat."""
    from ruamel.yaml.comments import CommentedMap

    result: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, Decimal):
            result[key] = int(value) if value == value.to_integral_value() else float(value)
        elif isinstance(value, dict):
            sub = CommentedMap(_plain(value))
            sub.fa.set_flow_style()
            result[key] = sub
        else:
            result[key] = value
    return result
