"""read/syntax.py: every YAML syntax error is one NTM001 in Vietnamese, placed where the
mistake is (an unclosed quote or bracket where it opens, not where libyaml gave up)."""

from __future__ import annotations

import pytest
import yaml

from ntm_plan.read.reader import read_yaml
from ntm_plan.read.syntax import syntax_diagnostic
from read_helpers import time_limit

pytestmark = pytest.mark.usefixtures(time_limit.__name__)

QUOTE_OPEN = "chuỗi trong ngoặc kép chưa được đóng"
LIST_OPEN = "dấu '[' chưa được đóng"
TABLE_OPEN = "dấu '{' chưa được đóng"
INDENT = "thụt lề không khớp hoặc thiếu khóa"
AT_SIGN = "có ký tự không được đứng đầu một giá trị (@, `, %; đặt giá trị trong ngoặc kép)"
STRAY_COLON = "dấu ':' không được đặt ở đây (thiếu ngoặc kép?)"
IN_QUOTE = "dòng '---' hoặc '...' nằm trong một chuỗi trong ngoặc kép chưa được đóng"
DASH = "dấu '-' của danh sách không được đặt ở đây (mỗi mục một dòng)"
NO_NAME = "thiếu tên sau '&' hoặc '*' (nếu là chữ, đặt giá trị trong ngoặc kép)"
BAD_TAG = "thẻ YAML ('!…') viết sai"
ESCAPE = "mã \\x, \\u hoặc \\U trong chuỗi viết sai"
TRAILING = "có chữ thừa ở cuối dòng (sau '|', '>' hoặc chỉ thị '%')"
DIRECTIVE = "dòng chỉ thị bắt đầu bằng '%' không hợp lệ (tệp dữ liệu không cần dòng này)"
DOCUMENT_START = "thiếu dòng '---' (sau chỉ thị '%' hoặc sau dòng '...')"

CASES = {
    # a quote left open: where it opens, whatever libyaml's complaint
    "quote open at the end of the file": ('a: "abc', 1, 4, QUOTE_OPEN),
    "quote open, more keys below": ('a: "abc\nb: 2\n', 1, 4, QUOTE_OPEN),
    "single quote open": ("a: 'abc\nb: 2\n", 1, 4, QUOTE_OPEN),
    "quote open runs into the next line's quote": ('a: "abc\nb: "x"\n', 1, 4, QUOTE_OPEN),
    "quote open in the middle of the file": ("a: 'b'\nc: 'd\ne: 'f'\n", 2, 4, QUOTE_OPEN),
    "quote open in a list item": ('- "a\n- "b"\n', 1, 3, QUOTE_OPEN),
    # a quote closed on the line of the mistake is not the mistake
    "text after a closed quote": ('a: "x" y\n', 1, 8, INDENT),
    "text after a quote closed on the next line": ('a: "x\ny" @z\n', 2, 4, AT_SIGN),
    # a bracket left open: where it opens, and which bracket
    "list open, more keys below": ("a: 1\nb: [1, 2\nc: 3\n", 2, 4, LIST_OPEN),
    "table open, more keys below": ("a: 1\nb: {x: 1\nc: 3\n", 2, 4, TABLE_OPEN),
    "list open at the end of the file": ("a: [1,\n", 1, 4, LIST_OPEN),
    "table open at the end of the file": ("a: {x: 1,\n", 1, 4, TABLE_OPEN),
    "list open after a closed list": ("a: [1]\nb: [\n", 2, 4, LIST_OPEN),
    "list open after a closed table": ("a: {x: 1}\nb: [\n", 2, 4, LIST_OPEN),
    "list open in a repeated key's skipped value": ("a: 1\na: [*x,\n", 2, 4, LIST_OPEN),
    "list open inside a table": ("a: {b: [1\n", 1, 8, LIST_OPEN),
    # a wrong bracket on the line it opens is said as the missing separator
    "list closed by a brace": ("a: [1, 2}\n", 1, 9, "thiếu dấu ',' hoặc ']' trong danh sách"),
    "table closed by a bracket": ("a: {x: 1]\n", 1, 9, "thiếu dấu ',' hoặc '}' trong bảng"),
    "empty key in a list": ("a: [:]\n", 1, 5, "thiếu giá trị"),
    # the rest, where libyaml found it
    "key without its colon": ("a: 1\nfoo\n", 2, 1, "thiếu dấu ':' sau khóa"),
    "colon inside a value": ("a: b: c\n", 1, 5, STRAY_COLON),
    "text continued into a key": ("a: b\n c\n d: e\n", 3, 3, STRAY_COLON),
    "indented key after a value": ("key: value\n  other: 1\n", 2, 8, STRAY_COLON),
    "key less indented": ("a:\n  b: 1\n c: 2\n", 3, 2, INDENT),
    "a closing bracket too many": ("key: [a, b]]\n", 1, 12, INDENT),
    "key in a list": ("a:\n  - 1\n  b: 2\n", 3, 3, "thụt lề của danh sách không khớp"),
    "closing bracket as a value": ("a: [1]\nb: ]\n", 2, 4, "thiếu giá trị"),
    "undefined alias": ("a: *x\n", 1, 4, "alias chưa được định nghĩa"),
    "two documents": ("a: 1\n---\nb: 2\n", 2, 1, "tệp chứa nhiều tài liệu YAML (---)"),
    "unknown escape": ('a: "\\q"\n', 1, 5, "ký tự thoát (\\) không hợp lệ trong chuỗi"),
    "at sign first": ("a: @x\n", 1, 4, AT_SIGN),
    # libyaml's rarer complaints, said in Vietnamese too
    "list item after a key on its line": ("a: 1\nb: - c\n", 2, 4, DASH),
    "question mark as a value": ("a: ? x\n", 1, 4, "dấu '?' không được đặt ở đây (đặt giá trị trong ngoặc kép)"),
    "anchor without a name": ("a: &\n", 1, 5, NO_NAME),
    "alias without a name": ("a: *\n", 1, 5, NO_NAME),
    "undeclared tag handle": ("a: !e!x y\n", 1, 4, "thẻ YAML dạng '!tên!' chưa được khai báo"),
    "verbatim tag not closed": ("a: !<foo\n", 1, 9, "thẻ YAML dạng '!<…>' thiếu dấu '>'"),
    "tag without a suffix": ("a: !foo! x\n", 1, 9, BAD_TAG),
    "tag with a bad escape": ("a: !<%zz> x\n", 1, 6, BAD_TAG),
    "tag directive without its handle": ("%TAG !x !y\n---\na: 1\n", 1, 8, BAD_TAG),
    "tag glued to its value": ("a: !<x>y z\n", 1, 8, "thiếu dấu cách sau thẻ YAML hoặc chỉ thị '%'"),
    "document marker inside an open quote": ('a: "x\n---\n', 2, 1, IN_QUOTE),
    "bad hexadecimal escape": ('a: "\\xZZ"\n', 1, 7, ESCAPE),
    "escape of no character": ('a: "\\uD800"\n', 1, 7, ESCAPE),
    "block scalar indented by 0": ("a: |0\n  x\n", 1, 5, "số thụt lề sau '|' hoặc '>' phải từ 1 đến 9"),
    "text after a block scalar's bar": ("a: |x\n", 1, 5, TRAILING),
    "text after a directive": ("%YAML 1.1x\n---\na: 1\n", 1, 10, TRAILING),
    "YAML 2.0": ("%YAML 2.0\n---\na: 1\n", 1, 1, "phiên bản YAML trong chỉ thị '%YAML' không được hỗ trợ"),
    "bad version": ("%YAML 1.x\n---\na: 1\n", 1, 9, "số phiên bản trong chỉ thị '%YAML' viết sai"),
    "two version directives": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", 2, 1, DIRECTIVE),
    "unknown directive": ("%FOO bar\n---\na: 1\n", 1, 5, DIRECTIVE),
    "directive without ---": ("%YAML 1.1\na: 1\n", 2, 1, DOCUMENT_START),
    "text after the end marker": ("a: 1\n...\nb: 2\n", 3, 1, DOCUMENT_START),
}


@pytest.mark.parametrize("name", CASES)
def test_a_syntax_error_is_one_vietnamese_ntm001_where_the_mistake_is(name: str) -> None:
    text, line, col, message = CASES[name]
    doc, diags = read_yaml(text.encode())
    assert doc is None
    assert [(d.code, d.line, d.col, d.message) for d in diags] == [
        ("NTM001", line, col, f"cú pháp YAML sai: {message}")
    ]
    assert diags[0].hint == "Kiểm tra thụt lề (dùng dấu cách), dấu ':' sau mỗi khóa và dấu ngoặc kép."


def test_a_libyaml_complaint_not_yet_translated_is_shown_as_libyaml_words_it() -> None:
    """A newer libyaml may word a problem we have not met: shown as it is, never dropped."""
    mark = yaml.error.Mark("tệp", 7, 2, 4, None, None)
    exc = yaml.MarkedYAMLError(problem="found something new", problem_mark=mark)
    diag = syntax_diagnostic(exc, "a: 1\nb: 2\nc: 3\n")
    assert (diag.code, diag.line, diag.col, diag.message) == ("NTM001", 3, 5, "cú pháp YAML sai: found something new")
