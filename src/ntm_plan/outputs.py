"""Writing an output file (a .docx, a JSON Schema) safely: one path for every command.

A target is written only when it is a regular file or a new name, outside the data
directory and not a template in use; anything else (a directory, a device, a FIFO, a
socket, a symlink without `force`) is refused as NTM041 before a byte is written. The
bytes go to a short temporary name in the target's folder and are renamed over the
target, so a failure or an interrupt never leaves a half file or touches the old one.
Imports nothing from the rest of the package but `diagnostics`.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic, error, os_error_text

_TEMP_PREFIX = ".ntm-plan-"
"""The temporary name does not repeat the target's: a 255-byte name must still fit."""
_INTERRUPTS = frozenset({signal.SIGINT, signal.SIGTERM})


@dataclass(frozen=True)
class Protected:
    """What an output must never replace: the data directory and the templates in use."""

    data_dir: Path | None = None
    templates: Sequence[Path] = ()


def _refuse(out: Path, reason: str, hint: str) -> list[Diagnostic]:
    return [error("NTM041", f"không ghi vào '{out}': {reason}", file=str(out), hint=hint)]


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.is_relative_to(folder.resolve())
    except OSError:
        return False


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "đây là một thư mục"
    if stat.S_ISFIFO(mode):
        return "đây là một đường ống (FIFO), không phải tệp"
    if stat.S_ISSOCK(mode):
        return "đây là một socket, không phải tệp"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "đây là một thiết bị, không phải tệp"
    return "đây không phải tệp thông thường"


def check_target(out: Path, protected: Protected, *, force: bool = False) -> tuple[Path | None, list[Diagnostic]]:
    """The path to write (a symlink followed only with `force`), or None with NTM041."""
    try:
        info = out.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return None, _refuse(out, os_error_text(exc), "Kiểm tra đường dẫn và quyền truy cập.")
    target = out
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not force:
            return None, _refuse(
                out,
                f"đây là liên kết tượng trưng (symlink) tới '{out.readlink()}'",
                "Chọn tên tệp khác, hoặc thêm --force để ghi vào tệp mà liên kết trỏ tới.",
            )
        target = out.resolve()
        try:
            info = target.stat()
        except OSError:
            info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return None, _refuse(out, _kind(info.st_mode), "Chọn đường dẫn là một tệp thường hoặc một tên tệp mới.")
    resolved = target.resolve()
    if protected.data_dir is not None and _inside(resolved, protected.data_dir):
        return None, _refuse(
            out,
            f"tệp nằm trong thư mục dữ liệu '{protected.data_dir}'",
            "Kết quả không bao giờ ghi vào thư mục dữ liệu; chọn thư mục khác với -o.",
        )
    for template in protected.templates:
        with contextlib.suppress(OSError):
            if resolved == template.resolve():
                return None, _refuse(out, "đây là mẫu văn bản đang dùng", "Chọn tên tệp khác với -o.")
    return target, []


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block ends (then delivered): a temporary file created
    and recorded, or a set of renames, is never cut in the middle."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - POSIX has it
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _new_file_mode(target: Path) -> int:
    """mkstemp files are private (0600); the output gets the mode a new file would get."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_error(target: Path, exc: OSError) -> list[Diagnostic]:
    hint = (
        "Thư mục chưa tồn tại: tạo thư mục hoặc chọn đường dẫn khác với -o."
        if isinstance(exc, FileNotFoundError)
        else "Kiểm tra quyền ghi, dung lượng đĩa, và tệp không bị mở trong Word."
    )
    return [error("NTM041", f"không ghi được tệp '{target}': {os_error_text(exc)}", file=str(target), hint=hint)]


def write_output(data: bytes, out: Path, protected: Protected, *, force: bool = False) -> list[Diagnostic]:
    """Write `data` to `out` atomically, after `check_target`; the old file kept on failure."""
    target, refused = check_target(out, protected, force=force)
    if target is None:
        return refused
    tmp_name: str | None = None
    try:
        with interrupts_held():
            handle, tmp_name = _mkstemp(target.parent)
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        Path(tmp_name).chmod(_new_file_mode(target))
        with interrupts_held():
            Path(tmp_name).replace(target)  # atomic rename (os.replace)
            tmp_name = None
    except OSError as exc:
        return _write_error(target, exc)
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()
    return []


def _mkstemp(folder: Path) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(dir=folder, prefix=_TEMP_PREFIX, suffix=".tmp")


def write_files(
    folder: Path, files: dict[str, bytes], protected: Protected, *, force: bool = False, keep_existing: bool = False
) -> tuple[list[Path], list[Diagnostic]]:
    """Write several files into `folder` (created if new), each through `write_output`.
    With `keep_existing` a file already there is refused unless `force` (a filled form
    returned into the folder it was sent from must never be replaced by a blank one)."""
    if folder.is_symlink() and not force:
        return [], _refuse(
            folder,
            f"đây là liên kết tượng trưng (symlink) tới '{folder.readlink()}'",
            "Chọn thư mục khác, hoặc thêm --force để ghi vào thư mục mà liên kết trỏ tới.",
        )
    if protected.data_dir is not None and _inside(folder.resolve(), protected.data_dir):
        return [], _refuse(
            folder,
            f"thư mục nằm trong thư mục dữ liệu '{protected.data_dir}'",
            "Kết quả không bao giờ ghi vào thư mục dữ liệu; chọn thư mục khác với -o.",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return [], _refuse(folder, "đã có một tệp cùng tên, không phải thư mục", "Chọn thư mục khác với -o.")
    except OSError as exc:
        return [], _write_error(folder, exc)
    refusals: list[Diagnostic] = []
    for name in files:  # all refusals before the first write: never half a set of files
        _, refused = check_target(folder / name, protected, force=force)
        if not refused and keep_existing and not force and (folder / name).exists():
            refused = _refuse(
                folder / name,
                "đã có tệp này (có thể là biểu đã điền gửi về)",
                "Ghi biểu mới vào thư mục khác với -o, hoặc thêm --force để ghi đè.",
            )
        refusals += refused
    if refusals:
        return [], refusals
    written: list[Path] = []
    for name, data in files.items():
        diags = write_output(data, folder / name, protected, force=force)
        if diags:
            return written, diags
        written.append(folder / name)
    return written, []


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry: used when SOURCE_DATE_EPOCH is not set."""
ZIP_LATEST = (2107, 12, 31, 23, 59, 58)
"""The latest time a zip entry can carry (MS-DOS dates: 7 bits of years, seconds in twos)."""


def _zip_time() -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) if set and valid, else the
    zip epoch; kept within the times a zip entry can carry."""
    from datetime import UTC, datetime

    try:
        stamp = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC)
    except (KeyError, ValueError, OverflowError, OSError):
        return ZIP_EPOCH
    return min(ZIP_LATEST, max(ZIP_EPOCH, (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)))


_WRITTEN_AT = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
"""The times a workbook's properties (docProps/core.xml) give: openpyxl sets `modified` to
the moment of saving, whatever the workbook says."""


def reproducible_zip(data: bytes, *, undated_properties: bool = False) -> bytes:
    """The same .docx or .xlsx with every entry dated alike, so that rendering unchanged
    data again gives the same bytes (a document kept in git does not change for nothing).
    The libraries stamp each entry with the time of writing; with `undated_properties` the
    created/modified times are taken out of docProps/core.xml too (both are optional)."""
    import io
    import zipfile

    when = _zip_time()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=when)
            fixed.compress_type = entry.compress_type
            fixed.external_attr = entry.external_attr
            content = source.read(entry)
            if undated_properties and entry.filename == "docProps/core.xml":
                content = _WRITTEN_AT.sub(b"", content)
            target.writestr(fixed, content)
    return out.getvalue()
