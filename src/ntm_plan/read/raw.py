"""Stage 1, first step: a file's bytes (bounded), and its text (UTF-8, a BOM allowed,
normalised to NFC) or a diagnostic pointing at the first byte that is not UTF-8.

Free of YAML: finding files and the cache use it without importing a parser.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic, error

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Real files are tens of kilobytes; libyaml needs ~2 s per megabyte of the densest YAML."""

INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
"""Zero-width and direction marks, soft hyphen, BOM: invisible, so 'Hòa\u200bAn' looks like
'Hòa An' yet matches nothing; no Vietnamese text needs them."""


def read_file(path: Path) -> bytes:
    """A data file's bytes, never more than one byte past the limit (a 50 MB file is not
    held in memory to be refused). Raises OSError like `Path.read_bytes`."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    return raw


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
