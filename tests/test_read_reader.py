"""read/reader.py: the walk from events to values: positions, repeated and non-text keys
skipped with what follows kept, strings with hidden characters, number bounds at their
edges, files too large, empty files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ntm_plan.read.raw import read_file
from ntm_plan.read.reader import YamlDoc, read_yaml, too_large
from read_helpers import time_limit

pytestmark = pytest.mark.usefixtures(time_limit.__name__)

BOUNDS = "chỉ nhận số có tối đa 15 chữ số phần nguyên, 30 chữ số có nghĩa, và khác 0 thì không nhỏ hơn 10^-15"
PASTED = "Thường do sao chép từ Word/Excel hoặc web; xóa và gõ lại đoạn chữ này."
LIMIT = 2 * 1024 * 1024


def read(text: str) -> tuple[YamlDoc | None, list[tuple[str, int | None, int | None, tuple, str, str | None]]]:
    doc, diags = read_yaml(text.encode())
    return doc, [(d.code, d.line, d.col, d.path, d.message, d.hint) for d in diags]


def test_a_path_without_a_position_takes_its_longest_prefix_and_the_file_start_at_worst() -> None:
    doc, found = read("a: 1\nlist:\n  - x: 2\n  - y: 3\n")
    assert found == [] and doc is not None
    assert doc.positions[("list", 1)] == (4, 5)
    assert doc.where(("list", 1, "y")) == (4, 5)
    assert doc.where(("list", 1, "z", 0)) == (4, 5)
    assert doc.where(("nothing", "here")) == (1, 1)
    assert YamlDoc(None, {}).where(("a",)) == (None, None)  # a file gone since it was read


def test_repeated_keys_are_skipped_with_their_values_and_the_next_keys_kept() -> None:
    doc, found = read("x:\n  a: 1\n  a: [1, [2, 3], {x: 1}]\n  b: 2\n  b: {c: [1]}\n  c: 4\n")
    assert doc is not None and doc.data == {"x": {"a": 1, "b": 2, "c": 4}}
    assert found == [
        ("NTM003", 3, 3, ("x", "a"), "khóa 'a' bị lặp", "Khóa này đã có ở dòng 2; giữ một và xóa cái còn lại."),
        ("NTM003", 5, 3, ("x", "b"), "khóa 'b' bị lặp", "Khóa này đã có ở dòng 4; giữ một và xóa cái còn lại."),
    ]
    assert doc.positions[("x", "a")] == (2, 3) and doc.positions[("x", "c")] == (6, 3)


def test_a_repeated_key_with_a_plain_value_skips_only_that_value() -> None:
    doc, found = read("a: 1\na: 2\nb: [3]\n")
    assert doc is not None and doc.data == {"a": 1, "b": [3]}
    assert [f[:3] for f in found] == [("NTM003", 2, 1)]


def test_keys_that_are_lists_or_tables_are_refused_and_what_follows_is_read() -> None:
    doc, found = read("x:\n  ? [k]\n  : [5, [6]]\n  ? {k: 1}\n  : 7\n  b: 4\n")
    assert doc is not None and doc.data == {"x": {"b": 4}}
    assert found == [
        ("NTM001", 2, 5, ("x",), "khóa phải là một chuỗi đơn giản", None),
        ("NTM001", 4, 5, ("x",), "khóa phải là một chuỗi đơn giản", None),
    ]
    assert doc.positions[("x", "b")] == (6, 3)


def test_a_control_or_invisible_character_in_a_string_is_named_with_its_place() -> None:
    doc, found = read('a: "x\\x07y"\nb: "x\\u200by"\nc: "\\u200b\\x07"\nd: ok\n')
    assert doc is not None and doc.data["d"] == "ok"
    assert found == [
        ("NTM007", 1, 4, ("a",), "có ký tự điều khiển U+0007 trong chuỗi (vị trí 2)", PASTED),
        ("NTM007", 2, 4, ("b",), "có ký tự vô hình U+200B trong chuỗi (vị trí 2)", PASTED),
        ("NTM007", 3, 4, ("c",), "có ký tự điều khiển U+0007 trong chuỗi (vị trí 2)", PASTED),
    ]


def test_a_number_written_with_only_an_exponent_is_text_but_bounded() -> None:
    doc, found = read("a: 5e3\nb: '1e-400'\nc: 1e-400\nd: 9e15\n")
    assert doc is not None and doc.data == {"a": "5e3", "b": "1e-400", "c": None, "d": None}
    assert found == [
        ("NTM013", 3, 4, ("c",), f"số 1e-400 quá nhỏ: {BOUNDS}", None),
        ("NTM013", 4, 4, ("d",), f"số 9e15 quá lớn: {BOUNDS}", None),
    ]


def test_a_zero_may_carry_an_exponent_within_the_digits_kept() -> None:
    doc, found = read("a: 0.0e15\nb: 0.0e16\nc: 0.0e-44\nd: 0.0e-45\ne: 0e14\nf: 0e15\n")
    assert doc is not None
    assert doc.data == {"a": Decimal(0), "b": None, "c": Decimal(0), "d": None, "e": "0e14", "f": None}
    assert found == [
        ("NTM013", 2, 4, ("b",), f"số 0.0e16 có quá nhiều chữ số: {BOUNDS}", None),
        ("NTM013", 4, 4, ("d",), f"số 0.0e-45 có quá nhiều chữ số: {BOUNDS}", None),
        ("NTM013", 6, 4, ("f",), f"số 0e15 có quá nhiều chữ số: {BOUNDS}", None),
    ]


def test_a_number_is_shown_up_to_20_characters() -> None:
    _, found = read("a: 1000000000000000.001\nb: 1000000000000000.0001\n")
    assert [f[4] for f in found] == [
        f"số 1000000000000000.001 quá lớn: {BOUNDS}",
        f"số 1000000000000000.000… quá lớn: {BOUNDS}",
    ]


@pytest.mark.parametrize(
    ("value", "why"),
    [("1." + "1" * 62, "có quá nhiều chữ số"), ("1." + "1" * 63, "quá dài"), ("1" * 65, "quá lớn")],
)
def test_a_number_longer_than_64_characters_is_refused_unread(value: str, why: str) -> None:
    _, found = read(f"x: {value}\n")
    assert found == [("NTM013", 1, 4, ("x",), f"số {value[:20]}… {why}: {BOUNDS}", None)]


def test_an_empty_file_is_a_document_without_values() -> None:
    for text in ("", "# chỉ có chú thích\n"):
        doc, found = read(text)
        assert (doc, found) == (YamlDoc(None, {(): (1, 1)}), [])


def test_a_file_of_2_mb_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    head = b"a: 1\n# "
    exact = head + b"x" * (LIMIT - len(head) - 1) + b"\n"
    assert len(exact) == LIMIT
    doc, diags = read_yaml(exact)
    assert diags == [] and doc is not None and doc.data == {"a": 1}
    doc, diags = read_yaml(exact + b"\n")
    assert doc is None
    assert [(d.code, d.line, d.message) for d in diags] == [("NTM008", 1, "tệp quá lớn (2,0 MB, tối đa 2 MB)")]
    big = tmp_path / "big.yaml"
    big.write_bytes(exact + b"x" * 100)
    assert len(read_file(big)) == LIMIT + 1  # never more than one byte past the limit is held


def test_the_size_of_a_file_too_large_is_written_the_vietnamese_way() -> None:
    diag = too_large(3_670_016)
    assert (diag.code, diag.line, diag.message) == ("NTM008", 1, "tệp quá lớn (3,5 MB, tối đa 2 MB)")
    assert diag.hint == "Mỗi tệp chỉ nên chứa một đơn vị hoặc một bộ tiêu chí."


def test_a_list_of_50_000_items_is_read_and_one_more_refuses_the_file() -> None:
    doc, diags = read_yaml(b"x: [" + b"1," * 49_999 + b"1]\n")
    assert diags == [] and doc is not None and len(doc.data["x"]) == 50_000
    doc, diags = read_yaml(b"x: [" + b"1," * 50_000 + b"1]\n")
    assert doc is None
    assert [(d.code, d.line, d.col, d.path, d.message, d.hint) for d in diags] == [
        (
            "NTM008",
            1,
            4,
            ("x",),
            "danh sách có quá nhiều mục (50.001), tối đa 50.000: tệp không được đọc",
            "Mỗi tệp chỉ nên chứa một đơn vị hoặc một bộ tiêu chí. "
            "Tách dữ liệu hoặc kiểm tra xem tệp có bị sinh tự động sai không.",
        )
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("a: 1\nb:\t2\nc: d: e\n", ("NTM004", 2, 3, "có ký tự tab")),
        ("a: &x 1\nb: 2\nc: d: e\n", ("NTM005", 1, 4, "không dùng anchor YAML ('&x')")),
    ],
)
def test_a_syntax_error_on_another_line_is_said_after_the_tabs_and_anchors(text: str, first: tuple) -> None:
    doc, diags = read_yaml(text.encode())
    assert doc is None
    stray = "cú pháp YAML sai: dấu ':' không được đặt ở đây (thiếu ngoặc kép?)"
    assert [(d.code, d.line, d.col, d.message) for d in diags] == [first, ("NTM001", 3, 5, stray)]


def test_a_tab_that_is_the_syntax_error_is_said_once() -> None:
    doc, diags = read_yaml(b"a:\n\t- 1\n")
    assert doc is None and [(d.code, d.line, d.col) for d in diags] == [("NTM004", 2, 1)]


def test_items_past_the_limit_are_counted_whole_even_when_they_are_lists() -> None:
    _, diags = read_yaml(b"x: [" + b"[1]," * 50_000 + b"[1]]\n")
    assert [(d.code, d.message) for d in diags] == [
        ("NTM008", "danh sách có quá nhiều mục (50.001), tối đa 50.000: tệp không được đọc")
    ]


@pytest.mark.slow
def test_a_table_of_50_000_keys_is_read_and_one_more_refuses_the_file() -> None:
    def table(keys: int) -> bytes:
        return b"x:\n" + b"".join(b"  k%d: [1]\n" % i for i in range(keys))

    doc, diags = read_yaml(table(50_000))
    assert diags == [] and doc is not None and len(doc.data["x"]) == 50_000
    doc, diags = read_yaml(table(50_001))
    assert doc is None
    assert [(d.code, d.line, d.col, d.path, d.message) for d in diags] == [
        ("NTM008", 2, 3, ("x",), "bảng khóa-giá trị có quá nhiều khóa (50.001), tối đa 50.000: tệp không được đọc")
    ]
