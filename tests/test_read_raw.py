"""read/raw.py: a file that is not UTF-8 is NTM002 at the first bad byte's line and column."""

from __future__ import annotations

import pytest

from ntm_plan.read.reader import read_yaml
from read_helpers import time_limit

pytestmark = pytest.mark.usefixtures(time_limit.__name__)

HINT = "Lưu lại tệp với mã hóa UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)"


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_a_utf16_file_is_named_as_such(bom: bytes) -> None:
    doc, diags = read_yaml(bom + "a: 1\n".encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"))
    assert doc is None
    assert [(d.code, d.line, d.col, d.message) for d in diags] == [
        ("NTM002", 1, 1, "tệp ở dạng UTF-16, không phải UTF-8")
    ]
    assert diags[0].hint == HINT + "."


@pytest.mark.parametrize(
    ("raw", "line", "col", "byte"),
    [
        (b"a: H\xf2a\n", 1, 5, "F2"),
        (b"\na: H\xf2a\n", 2, 5, "F2"),  # a line break as the very first byte still counts
        ("a: Hòa\nb: 1\nc: ".encode() + b"\xe1\n", 3, 4, "E1"),
    ],
)
def test_the_first_byte_that_is_not_utf8_is_placed_at_its_line_and_column(
    raw: bytes, line: int, col: int, byte: str
) -> None:
    doc, diags = read_yaml(raw)
    assert doc is None
    assert [(d.code, d.line, d.col, d.message) for d in diags] == [
        ("NTM002", line, col, f"tệp không phải UTF-8 (byte 0x{byte} không hợp lệ)")
    ]
    assert diags[0].hint == HINT + "; tệp có thể đang ở dạng Windows-1258 hoặc TCVN3."
