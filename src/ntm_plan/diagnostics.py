"""Diagnostics: the one type every stage uses to report a problem in the data.

Stages never raise for bad input; they return `Diagnostic` values that carry the file,
line, column and key path of the problem, plus a Vietnamese message and an optional hint.
This module also formats a list of them (text, JSON, GitHub annotations) and writes the
summary line. It imports nothing from the rest of the package.
"""

from __future__ import annotations

import errno
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


# Stable codes: tests, the README table and users' CI filters depend on them.
CODES: dict[str, str] = {
    "NTM001": "Cú pháp YAML sai",
    "NTM002": "Tệp không phải UTF-8",
    "NTM003": "Khóa bị lặp",
    "NTM004": "Có ký tự tab",
    "NTM005": "Dùng anchor/alias YAML",
    "NTM006": "Tệp rỗng hoặc không phải một bảng khóa-giá trị",
    "NTM007": "Có ký tự điều khiển",
    "NTM008": "Tệp quá lớn, lồng quá sâu hoặc có quá nhiều mục",
    "NTM009": "Tệp hoặc thư mục trong thư mục dữ liệu không được đọc",
    "NTM010": "Thiếu trường bắt buộc",
    "NTM011": "Trường không được phép",
    "NTM012": "Sai kiểu dữ liệu",
    "NTM013": "Giá trị không hợp lệ",
    "NTM020": "Bộ tiêu chí không tồn tại",
    "NTM021": "Mã chỉ tiêu/tiêu chí không tồn tại",
    "NTM022": "Phòng ban không tồn tại",
    "NTM023": "Tên hoặc mã đơn vị bị trùng",
    "NTM024": "Nhiệm vụ gắn với chỉ tiêu ngoài bộ tiêu chí mục tiêu",
    "NTM025": "Chỉ tiêu của đơn vị thấp hơn ngưỡng của bộ tiêu chí",
    "NTM026": "Chỉ tiêu chưa có phòng ban phụ trách",
    "NTM027": "Phòng ban nhận một chỉ tiêu hai lần",
    "NTM028": "Bộ tiêu chí gốc không hợp lệ",
    "NTM029": "Mã bị trùng trong cùng tệp",
    "NTM030": "Tiến độ vượt khối lượng nhiệm vụ",
    "NTM031": "Số liệu ghi nhận sau ngày đánh giá",
    "NTM032": "Số lũy kế tiến độ giảm",
    "NTM033": "Hai mục tiến độ cùng ngày",
    "NTM034": "Tiến độ ghi sau khi nhiệm vụ đã hoàn thành",
    "NTM035": "Nhiệm vụ bị ghi hai lần",
    "NTM040": "Lỗi mẫu văn bản",
    "NTM041": "Không ghi được tệp kết quả",
    "NTM046": "Quý báo cáo chưa có đơn vị nào báo cáo tiến độ",
    "NTM050": "Không đọc được biểu nhập liệu",
    "NTM051": "Biểu của quý khác",
    "NTM052": "Mã nhiệm vụ hoặc chỉ tiêu không có trong dữ liệu",
    "NTM053": "Ô bị khóa trong biểu đã bị sửa",
    "NTM054": "Một nhiệm vụ hoặc chỉ tiêu được báo cáo hai lần",
    "NTM055": "Dòng của biểu không thuộc đơn vị báo cáo",
    "NTM056": "Ô của biểu không đọc được",
    "NTM057": "Biểu vượt giới hạn kích thước",
    "NTM058": "Số liệu mới chênh hơn 10 lần so với số đã báo cáo",
    "NTM060": "Số tiêu chí đạt nguồn nêu vênh với danh sách tiêu chí của chính nguồn đó",
    "NTM061": "Tỷ lệ nguồn ghi vênh với số lượng/tổng số",
    "NTM062": "Hai số liệu của một chỉ tiêu cùng ngày",
    "NTM063": "Các nguồn ghi khác nhau về một danh hiệu",
    "NTM064": "Số liệu hoặc ngày đánh giá ngoài giai đoạn của bộ tiêu chí",
    "NTM065": "Số đơn vị đạt danh hiệu nguồn nêu vênh với danh sách nguồn kể hoặc với dữ liệu",
    "NTM070": "Đơn vị cấp trên không có hoặc không tồn tại trong thời gian của đơn vị",
    "NTM071": "Đơn vị cũ (trước sắp xếp) không có hoặc ngày không nối tiếp",
    "NTM072": "Mã đơn vị hành chính trùng trong cùng thời gian",
    "NTM073": "Danh hiệu hoặc nhóm xã không khớp với thời gian, bộ tiêu chí của đơn vị",
}


class Diagnostic(NamedTuple):
    severity: Severity
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    path: tuple[str | int, ...] = ()
    hint: str | None = None
    cell: str | None = None
    """For a spreadsheet: the sheet and cell (`Nhiệm vụ!K6`), shown instead of line:col."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.col or 0, self.code)

    def location(self) -> str:
        parts = [self.file or "<không rõ tệp>"]
        if self.cell is not None:
            return f"{parts[0]}:{self.cell}"
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": format_path(self.path),
            "hint": self.hint,
            **({"cell": self.cell} if self.cell is not None else {}),
        }


def error(code: str, message: str, **where: object) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, **where)  # type: ignore[arg-type]


def warning(code: str, message: str, **where: object) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, **where)  # type: ignore[arg-type]


_OS_ERRORS = {
    errno.ENOSPC: "đĩa đã đầy",
    errno.EDQUOT: "vượt hạn mức dung lượng",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "không tồn tại",
    errno.EISDIR: "đường dẫn là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EBUSY: "thiết bị hoặc tệp đang bận (đang được chương trình khác dùng)",
    errno.ETXTBSY: "tệp đang được chương trình khác dùng",
    errno.EEXIST: "đã có tệp cùng tên",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ELOOP: "liên kết (symlink) lồng nhau quá nhiều hoặc vòng",
    errno.EIO: "lỗi đọc/ghi của thiết bị",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "hệ thống mở quá nhiều tệp cùng lúc",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
    errno.EINVAL: "đường dẫn hoặc thao tác không hợp lệ",
    errno.ENODEV: "không có thiết bị",
    errno.ENXIO: "không có thiết bị hoặc địa chỉ",
    errno.EFBIG: "tệp quá lớn",
    errno.ESPIPE: "không phải tệp thông thường",
}


def os_error_text(exc: OSError) -> str:
    """A file-system error in Vietnamese (the OS gives it in English)."""
    known = _OS_ERRORS.get(exc.errno or 0)
    if known is not None:
        return known
    name = errno.errorcode.get(exc.errno or 0)
    return f"lỗi hệ thống {name}" if name else "lỗi hệ thống không rõ"  # strerror is English


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def relocate(diag: Diagnostic, file: str) -> Diagnostic:
    """Give a diagnostic produced without a file name the file it belongs to."""
    return diag._replace(file=file)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = dict.fromkeys(diags)  # the same problem found twice is shown once
    return sorted(unique, key=Diagnostic.sort_key)


def has_errors(diags: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    return any(d.is_error or strict for d in diags)


def summary_line(diags: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diags if d.is_error)
    warnings = len(diags) - errors
    files = len({d.file for d in diags if d.file})
    if not diags:
        return "Không có lỗi."
    return f"{errors} lỗi, {warnings} cảnh báo trong {files} tệp"


MAX_SHOWN_PER_FILE = 200
MAX_SHOWN = 1000
"""A terminal or CI log with 90.000 copies of one mistake helps nobody: past these, the rest
are counted in one line (JSON output keeps them all)."""


def shown_and_rest(diags: Iterable[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The diagnostics to print (at most 200 a file, 1.000 in all, in order) and the rest."""
    per_file: Counter[str | None] = Counter()
    shown: list[Diagnostic] = []
    rest: list[Diagnostic] = []
    for diag in diags:
        if len(shown) < MAX_SHOWN and per_file[diag.file] < MAX_SHOWN_PER_FILE:
            per_file[diag.file] += 1
            shown.append(diag)
        else:
            rest.append(diag)
    return shown, rest


def thousands(number: int) -> str:
    """12345 -> '12.345': a count as Vietnamese text writes it (present.vnformat.number, here for
    the stages below `present`)."""
    return f"{number:,}".replace(",", ".")


def rest_line(rest: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in rest if d.is_error)
    files = len({d.file for d in rest})
    return (
        f"… và {thousands(errors)} lỗi, {thousands(len(rest) - errors)} cảnh báo nữa trong {thousands(files)} tệp "
        f"không in ra (tối đa {MAX_SHOWN_PER_FILE} mỗi tệp, {thousands(MAX_SHOWN)} tất cả); "
        "sửa các lỗi trên rồi chạy lại, hoặc dùng --format json để xem đủ."
    )


def format_text(diag: Diagnostic) -> str:
    head = f"{diag.location()}: {diag.severity.label}[{diag.code}]: {diag.message}"
    lines = [head]
    if diag.path:
        lines.append(f"    tại {format_path(diag.path)}")
    if diag.hint:
        lines.append(f"    gợi ý: {diag.hint}")
    return "\n".join(lines)


def format_json(diags: Sequence[Diagnostic], extra: dict[str, object] | None = None) -> str:
    doc: dict[str, object] = {
        "diagnostics": [d.to_json() for d in diags],
        "errors": sum(1 for d in diags if d.is_error),
        "warnings": sum(1 for d in diags if not d.is_error),
    }
    if extra:
        doc.update(extra)
    import json  # only for this format: not on the path of a clean `gap`

    return json.dumps(doc, ensure_ascii=False, indent=2)


def escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\x85", " ").replace("\u2028", " ")


def github_safe(diag: Diagnostic) -> Diagnostic:
    """The diagnostic with every text on one line, for the text report in a GitHub Actions
    log: no value from the files can start a line and be read as a workflow command."""
    return diag._replace(
        message=_one_line(diag.message),
        file=_one_line(diag.file) if diag.file else diag.file,
        path=tuple(_one_line(p) if isinstance(p, str) else p for p in diag.path),
        hint=_one_line(diag.hint) if diag.hint else diag.hint,
    )


def _escape_github_property(text: str) -> str:
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diag: Diagnostic) -> str:
    kind = "error" if diag.is_error else "warning"
    props = []
    if diag.file:
        props.append(f"file={_escape_github_property(diag.file)}")
    if diag.line is not None:
        props.append(f"line={diag.line}")
    if diag.col is not None:
        props.append(f"col={diag.col}")
    props.append(f"title={_escape_github_property(diag.code)}")
    message = diag.message + (f" (gợi ý: {diag.hint})" if diag.hint else "")
    return f"::{kind} {','.join(props)}::{escape_github_data(message)}"


def display_path(path: Path, root: Path) -> str:
    """Path as shown to the user: relative to the data directory's parent when possible."""
    try:
        shown = path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        shown = path.as_posix()
    # a file name that is not UTF-8 (copied from an old Windows share) must not break printing
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
