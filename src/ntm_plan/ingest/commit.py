"""Writing into the data directory: one writer at a time, and several files all or none.

`data_lock` holds an exclusive lock on the data directory for a command that writes into
it; a second writer waits (saying so once) and is refused after `NTM_PLAN_LOCK_SECONDS`.
On POSIX the lock is `flock` on the directory itself, so no lock file appears among the
data (where `validate` would name it); on Windows, where a folder cannot be locked, it is
a file in the temporary folder named after the data directory's full path.

`write_together` writes every new text to a temporary file beside its target, then a
journal naming each (temporary, target) pair, then renames them all, SIGINT and SIGTERM
held off meanwhile, and removes the journal. An interrupt before the journal leaves every
file old; one after it, every file new. A process killed outright (power cut, SIGKILL)
between the journal and its removal leaves the journal: `recover`, run by the next writer
under the lock, finishes the renames (every temporary file was complete before the
journal was written), so the files are again all new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic, error, warning
from ntm_plan.outputs import interrupts_held

JOURNAL = ".ntm-plan-journal.json"
TEMP_PREFIX = ".ntm-plan-"
TEMP_SUFFIX = ".tmp"
LOCK_SECONDS = 120.0
"""How long a second writer waits by default; `NTM_PLAN_LOCK_SECONDS` changes it."""
_POLL = 0.1


class Busy(Exception):
    """Another command held the data directory for longer than the wait allowed."""


def lock_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("NTM_PLAN_LOCK_SECONDS", LOCK_SECONDS)))
    except ValueError:
        return LOCK_SECONDS


@contextlib.contextmanager
def data_lock(root: Path, *, wait: float | None = None, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the data directory's write lock; `on_wait` is called once if another holds it.
    Busy after `wait` seconds (default `lock_seconds()`)."""
    deadline = time.monotonic() + (lock_seconds() if wait is None else wait)
    handle = _open_lock(root)
    try:
        waited = False
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise Busy
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            time.sleep(_POLL)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        os.close(handle)


def _open_lock(root: Path) -> int:
    if sys.platform != "win32":
        return os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    folder = Path(tempfile.gettempdir()) / "ntm-plan-locks"  # pragma: no cover - Windows
    folder.mkdir(exist_ok=True)
    name = hashlib.sha256(os.path.normcase(str(root.resolve())).encode("utf-8")).hexdigest()[:32]
    return os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)


def _try_lock(handle: int) -> bool:
    if sys.platform != "win32":
        import fcntl

        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # pragma: no cover - Windows

    try:  # pragma: no cover - Windows
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:  # pragma: no cover - Windows
        return False
    return True  # pragma: no cover - Windows


def _unlock(handle: int) -> None:
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_UN)
        return
    import msvcrt  # pragma: no cover - Windows

    os.lseek(handle, 0, os.SEEK_SET)  # pragma: no cover - Windows
    msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)  # pragma: no cover - Windows


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _temp_beside(target: Path, data: bytes, mode: int) -> Path:
    handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(name).chmod(mode)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_together(root: Path, texts: dict[Path, str]) -> None:
    """Every file of `texts` (inside `root`) replaced by its new text, or none; OSError on
    failure with every file as it was. Call it holding `data_lock(root)`."""
    temps: dict[Path, Path] = {}
    journal = root / JOURNAL
    try:
        for path, text in texts.items():
            temps[path] = _temp_beside(path, text.encode("utf-8"), path.stat().st_mode & 0o7777)
        pairs = [[temp.relative_to(root).as_posix(), path.relative_to(root).as_posix()] for path, temp in temps.items()]
        temps[journal] = _temp_beside(journal, json.dumps({"renames": pairs}).encode("utf-8"), 0o600)
        with interrupts_held():
            temps.pop(journal).replace(journal)
            try:
                _sync_folder(root)
                _rename_all(root, pairs)
                journal.unlink()
            except OSError:
                recover(root)  # a rename refused once is tried again; the journal stays if it fails again
    except BaseException:
        if journal.exists():  # the journal is complete: finish the write rather than undo it
            with interrupts_held(), contextlib.suppress(OSError):
                recover(root)
        if not journal.exists():  # else the next writer finishes it: the temporary files are needed
            with contextlib.suppress(OSError):
                recover(root)  # every temporary file, also one a signal cut off before it was listed
        raise


def _rename_all(root: Path, pairs: list[list[str]]) -> None:
    folders = set()
    for temp, target in pairs:
        source = root / temp
        if source.exists():
            source.replace(root / target)
        folders.add((root / target).parent)
    for folder in folders:
        _sync_folder(folder)


def recover(root: Path) -> list[Diagnostic]:
    """Finish a write that was cut after its journal (every file new), and remove the
    temporary files of one cut before it (every file old). Run under `data_lock(root)`."""
    journal = root / JOURNAL
    found: list[Diagnostic] = []
    if journal.exists():
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))["renames"]
            if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
                raise ValueError(pairs)
            inside = [(root / a, root / b) for a, b in pairs]
            if not all(_within(a, root) and _within(b, root) for a, b in inside):
                raise ValueError(pairs)
        except (OSError, ValueError, KeyError, TypeError):
            return [
                error(
                    "NTM041",
                    "nhật ký ghi dữ liệu bị hỏng: không biết lần ghi trước đã xong hay chưa",
                    file=str(journal),
                    hint="Kiểm tra dữ liệu (git status, git diff), rồi xóa tệp này.",
                )
            ]
        _rename_all(root, pairs)
        journal.unlink()
        found.append(
            warning(
                "NTM041",
                f"lần nhập trước bị dừng giữa chừng; đã ghi nốt {len(pairs)} tệp như lần đó định ghi",
                file=str(root),
            )
        )
    for folder in (root, *(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())):
        for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            leftover.unlink(missing_ok=True)
    return found


def _within(path: Path, root: Path) -> bool:
    return ".." not in path.relative_to(root).parts if path.is_relative_to(root) else False
