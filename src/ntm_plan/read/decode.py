"""Stage 1, first step: a file's bytes to text (UTF-8, a BOM allowed, normalised to NFC),
or a diagnostic pointing at the first byte that is not UTF-8."""

from __future__ import annotations

import unicodedata

from ntm_plan.diagnostics import Diagnostic, error


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
