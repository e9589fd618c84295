"""read/tags.py: an explicit tag whose text the data files would not read as its type is NTM012,
and the message says, in Vietnamese, how a YAML 1.2 reader takes that text."""

from __future__ import annotations

import pytest

from ntm_plan.read.reader import read_yaml
from read_helpers import time_limit

pytestmark = pytest.mark.usefixtures(time_limit.__name__)

TYPE_WORDS = {"int": "số nguyên", "float": "số", "bool": "true/false", "null": "giá trị rỗng", "timestamp": "ngày"}


def only_problem(text: str) -> tuple[str, int | None, int | None, str]:
    doc, diags = read_yaml(f"x: {text}\n".encode())
    assert doc is not None and doc.data == {"x": None}  # the value is left out, never guessed
    [diag] = diags
    return diag.code, diag.line, diag.col, diag.message


def tag_message(tag: str, shown: str, reading: str) -> str:
    return (
        f"thẻ !!{tag} gắn với '{shown}', không phải {TYPE_WORDS[tag]} viết theo cách tệp dữ liệu nhận; "
        f"theo YAML 1.2 đây là {reading}"
    )


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("!!int 0x1F", "số nguyên 31 viết ở hệ 16"),
        ("!!bool 0x1f", "số nguyên 31 viết ở hệ 16"),
        ("!!float 0o17", "số nguyên 15 viết ở hệ 8"),
        ("!!bool 12345", "số nguyên 12345"),  # base 10: every digit kept, no "viết ở hệ"
        ("!!bool 012", "số nguyên 12"),  # YAML 1.2 has no octal without 0o
        ("!!null 0", "số nguyên 0"),
        ("!!int TRUE", "giá trị đúng/sai true"),
        ("!!int ~", "giá trị rỗng (null)"),
        ("!!bool null", "giá trị rỗng (null)"),
        ("!!int 1.5", "một số"),
        ("!!int .5", "một số"),  # a leading dot alone is an ordinary number
        ("!!int .inf", "số vô hạn hoặc NaN"),
        ("!!int -.Inf", "số vô hạn hoặc NaN"),
        ("!!int .nan", "số vô hạn hoặc NaN"),
        ("!!int -0o7", "chuỗi chữ '-0o7'"),
        ("!!timestamp 2024-1-1", "chuỗi chữ '2024-1-1'"),
    ],
)
def test_each_yaml_12_reading_is_named(text: str, reading: str) -> None:
    tag, value = text.removeprefix("!!").split(" ", 1)
    assert only_problem(text) == ("NTM012", 1, 4, tag_message(tag, value, reading))


def test_a_value_of_20_characters_is_shown_whole_and_a_longer_one_cut_at_20() -> None:
    twenty = "abcdefghijklmnopqrst"
    assert only_problem(f"!!int {twenty}")[3] == tag_message("int", twenty, f"chuỗi chữ '{twenty}'")
    cut = twenty + "…"
    assert only_problem(f"!!int {twenty}u")[3] == tag_message("int", cut, f"chuỗi chữ '{cut}'")


def test_an_integer_of_64_characters_is_read_out_and_a_longer_one_is_too_long() -> None:
    shown = "1" * 20 + "…"
    assert only_problem("!!bool " + "1" * 64)[3] == tag_message("bool", shown, "số nguyên " + "1" * 64)
    assert only_problem("!!bool " + "1" * 65)[3] == tag_message("bool", shown, "một số nguyên quá dài")


@pytest.mark.parametrize(("text", "tag"), [("!foo 1", "!foo"), ("!!binary abc", "tag:yaml.org,2002:binary")])
def test_a_tag_of_no_known_type_is_unsupported_not_a_mismatch(text: str, tag: str) -> None:
    assert only_problem(text) == ("NTM001", 1, 4, f"thẻ YAML không được hỗ trợ: {tag}")
