"""read/prechecks.py: control characters, tabs, anchors and aliases said at their line and
column before any value is built; nesting deeper than 64 levels refused, also past the
cheap bounds (500 brackets, a block prefix of 400 columns) where the event stream is counted."""

from __future__ import annotations

import pytest

from ntm_plan.read.reader import read_yaml
from read_helpers import time_limit

pytestmark = pytest.mark.usefixtures(time_limit.__name__)

ANCHOR_HINT = "Viết đầy đủ giá trị ở mỗi chỗ cần dùng thay cho anchor/alias."
DEEP = "dữ liệu lồng quá sâu (hơn 64 cấp)"
STRAY_COLON = "dấu ':' không được đặt ở đây (thiếu ngoặc kép?)"


def found(raw: bytes) -> list[tuple[str, int | None, int | None, str]]:
    _, diags = read_yaml(raw)
    return [(d.code, d.line, d.col, d.message) for d in diags]


def test_each_line_with_raw_control_characters_is_said_once_at_the_first() -> None:
    assert found(b"a: 1\nb: x\x01y\x02\nc: \x7f\n") == [
        ("NTM007", 2, 5, "có ký tự điều khiển U+0001"),
        ("NTM007", 3, 4, "có ký tự điều khiển U+007F"),
    ]


def test_each_tab_is_said_at_its_line_and_column() -> None:
    doc, diags = read_yaml(b"a: 1\nb:\t2\nc: 3\t\n")
    assert doc is not None and doc.data == {"a": 1, "b": 2, "c": 3}
    assert [(d.code, d.line, d.col, d.message) for d in diags] == [
        ("NTM004", 2, 3, "có ký tự tab"),
        ("NTM004", 3, 5, "có ký tự tab"),
    ]
    assert diags[0].hint == "YAML chỉ dùng dấu cách để thụt lề; thay tab bằng dấu cách."


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: &x 1\nb: 2\n", [(1, 4, "x")]),
        ("&x a", [(1, 1, "x")]),  # at the very start, and no newline at the end
        ("- &x a\n", [(1, 3, "x")]),
        ("a: [&x 1, 2]\nb: {c: &y 2}\n", [(1, 5, "x"), (2, 8, "y")]),
        ("name: TN&MT\nnote: a & b, x&\nc: &z 3\n", [(3, 4, "z")]),  # '&' inside words is text
    ],
)
def test_every_anchor_is_said_where_it_stands_and_the_file_is_still_read(text: str, where: list) -> None:
    doc, diags = read_yaml(text.encode())
    assert doc is not None
    assert [(d.code, d.line, d.col, d.message, d.hint) for d in diags] == [
        ("NTM005", line, col, f"không dùng anchor YAML ('&{name}')", ANCHOR_HINT) for line, col, name in where
    ]


def test_an_alias_refuses_the_file_once_per_line_that_uses_it() -> None:
    doc, diags = read_yaml(b"a: &x 1\nb: [*x, *x]\nc: *x\n")
    assert doc is None
    assert [(d.code, d.line, d.col, d.message, d.hint) for d in diags] == [
        ("NTM005", 2, 5, "không dùng alias YAML ('*x')", "Viết đầy đủ giá trị thay cho anchor/alias."),
        ("NTM005", 3, 4, "không dùng alias YAML ('*x')", "Viết đầy đủ giá trị thay cho anchor/alias."),
    ]


def test_ampersands_in_text_are_read_as_text_at_once() -> None:
    doc, diags = read_yaml(b"name: TN&MT\nnote: 'a && b'\n")
    assert diags == [] and doc is not None and doc.data == {"name": "TN&MT", "note": "a && b"}


PADS = {
    "lists": "pad: [" + "[1], " * 450 + "[1]]\n",  # 452 '[': over 500 with the nesting below
    "tables": "pad: [" + "{}, " * 450 + "{}]\n",  # 451 '{' and one '['
}


@pytest.mark.parametrize("pad", PADS)
@pytest.mark.parametrize("after", ["", "b: {x\n"])
def test_past_500_brackets_64_levels_are_read_and_65_refused_before_a_later_syntax_error(pad: str, after: str) -> None:
    def nested(depth: int) -> bytes:
        return (PADS[pad] + "note: " + "[" * depth + "x" + "]" * depth + "\n" + after).encode()

    doc, diags = read_yaml(nested(63))  # with the top mapping, 64 levels
    if not after:
        assert diags == [] and doc is not None and len(doc.data["pad"]) == 451
    else:
        assert [(d.code, d.line) for d in diags] == [("NTM001", 3)]
    _, diags = read_yaml(nested(64))
    # counted on the event stream: the place of the 65th level, without the key path the walk would give
    assert [(d.code, d.line, d.col, d.path, d.message) for d in diags] == [("NTM008", 2, 71, (), DEEP)]


def test_just_past_500_brackets_the_nesting_is_said_before_a_later_syntax_error() -> None:
    deep = "a: " + "[" * 500 + "]" * 500 + "\n"  # 500 opening brackets: walked, the syntax error stops the walk
    assert found((deep + "b: c: d\n").encode()) == [("NTM001", 2, 5, "cú pháp YAML sai: " + STRAY_COLON)]
    assert found((deep + "b: [c: d: e\n").encode()) == [("NTM008", 1, 68, DEEP)]  # 501: counted first


def test_a_syntax_error_past_500_shallow_brackets_is_a_syntax_error() -> None:
    text = "a: [" + "[1], " * 300 + "[1]]\nb: {x: 1\nc: 2\n"
    assert found(text.encode()) == [("NTM001", 2, 4, "cú pháp YAML sai: dấu '{' chưa được đóng")]


@pytest.mark.parametrize(("indent", "expected"), [(0, "NTM001"), (1, "NTM008")])
def test_a_block_prefix_past_400_columns_is_counted_before_a_later_syntax_error(indent: int, expected: str) -> None:
    # 200 compact "- " items nest 200 levels; their prefix ends at column 400 + indent
    text = " " * indent + "- " * 200 + "x\n" + " " * indent + "b: {x\n"
    [(code, line, _, _)] = found(text.encode())
    assert (code, line) == (expected, 2 if expected == "NTM001" else 1)


def test_deep_block_mappings_within_the_cheap_bounds_are_refused_with_their_key_path() -> None:
    text = "".join(" " * i + "k:\n" for i in range(70))  # short lines, no bracket: walked, not counted
    doc, diags = read_yaml(text.encode())
    assert doc is None
    assert [(d.code, d.line, d.col, d.path, d.message) for d in diags] == [("NTM008", 66, 66, ("k",) * 65, DEEP)]


@pytest.mark.parametrize("closed", [False, True])
def test_a_thousand_levels_are_refused_where_libyaml_stops_counting(closed: bool) -> None:
    depth = 2000
    text = "note: " + "[" * depth + ("]" * depth if closed else "") + "\n"
    doc, diags = read_yaml(text.encode())
    assert doc is None
    # libyaml stops at its own limit (1000 levels) before the 65th level's node is read
    assert [(d.code, d.line, d.col, d.path, d.message) for d in diags] == [("NTM008", 1, 1006, (), DEEP)]
