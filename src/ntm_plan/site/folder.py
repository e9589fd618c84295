"""Writing the site's folder: all pages or none, and never over what the tool did not write.

The pages are written into a new folder beside the target, then swapped in by renaming:
a failure or an interrupt leaves the previous site whole. A folder the tool wrote carries a
small manifest (`MANIFEST`) listing its files; an existing non-empty folder without one,
or with files the manifest does not list, is replaced only with `force`. The data
directory is never written into, nor replaced by a folder that holds it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic, error, os_error_text

MANIFEST = ".ntm-plan-site.json"
MANIFEST_KIND = "ntm-plan site"
_TEMP_PREFIX = ".ntm-plan-site-"


def _refuse(out: Path, reason: str, hint: str) -> list[Diagnostic]:
    return [error("NTM041", f"không ghi trang web vào '{out}': {reason}", file=str(out), hint=hint)]


def _contains(outer: Path, inner: Path) -> bool:
    return inner == outer or inner.is_relative_to(outer)


def _listed(folder: Path) -> set[str] | None:
    """The files the manifest lists, or None when the folder has no manifest of ours."""
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("kind") != MANIFEST_KIND or not isinstance(doc.get("files"), list):
        return None
    return {str(name) for name in doc["files"]}


def _present(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}


def check_folder(out: Path, data_dir: Path | None, *, force: bool) -> tuple[Path | None, list[Diagnostic]]:
    """The folder to replace (a symlink followed only with `force`), or None with NTM041."""
    if out.is_symlink() and not force:
        return None, _refuse(
            out,
            f"đây là liên kết tượng trưng (symlink) tới '{out.readlink()}'",
            "Chọn thư mục khác, hoặc thêm --force để ghi vào thư mục mà liên kết trỏ tới.",
        )
    target = out.resolve()
    if data_dir is not None:
        data = data_dir.resolve()
        if _contains(data, target) or _contains(target, data):
            return None, _refuse(
                out,
                f"thư mục này chứa hoặc nằm trong thư mục dữ liệu '{data_dir}'",
                "Trang web không bao giờ ghi vào thư mục dữ liệu; chọn thư mục khác với -o, ví dụ -o public.",
            )
    if target.exists() and not target.is_dir():
        return None, _refuse(out, "đã có một tệp cùng tên, không phải thư mục", "Chọn thư mục khác với -o.")
    if _never_replaced(target):
        return None, _refuse(
            out,
            "đây là thư mục gốc, thư mục nhà hoặc thư mục đang làm việc (hay thư mục chứa nó)",
            "Chọn một thư mục con riêng cho trang web, ví dụ -o public.",
        )
    if target.is_dir() and not force:
        try:
            empty = next(target.iterdir(), None) is None
            listed = _listed(target)
            present = set() if empty or listed is None else _present(target)
        except OSError as exc:
            return None, _refuse(out, os_error_text(exc), "Kiểm tra đường dẫn và quyền truy cập.")
        if not empty:
            if listed is None:
                return None, _refuse(
                    out,
                    "thư mục đã có tệp mà không phải do ntm-plan site ghi",
                    "Chọn một thư mục trống hoặc mới, hoặc thêm --force để thay toàn bộ thư mục này.",
                )
            foreign = sorted(present - listed - {MANIFEST})
            if foreign:
                shown = ", ".join(foreign[:3]) + (f" và {len(foreign) - 3} tệp khác" if len(foreign) > 3 else "")
                return None, _refuse(
                    out,
                    f"thư mục có tệp không do ntm-plan site ghi: {shown}",
                    "Chuyển các tệp đó đi, hoặc thêm --force để thay toàn bộ thư mục.",
                )
    return target, []


def _never_replaced(target: Path) -> bool:
    """Folders that even --force does not replace: the root, the home folder, the working
    folder and every folder that holds it."""
    cwd = Path.cwd().resolve()
    return target == Path(target.anchor) or target == Path.home().resolve() or _contains(target, cwd)


def write_site(
    out: Path, files: Iterable[tuple[str, bytes]], data_dir: Path | None, *, force: bool = False
) -> list[Diagnostic]:
    """Write `files` ((relative path, bytes), produced one at a time so that a large site is
    never held in memory whole) as the folder `out`, replacing the old one whole."""
    target, refused = check_folder(out, data_dir, force=force)
    if target is None:
        return refused
    staging: Path | None = None
    old: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=_TEMP_PREFIX))
        staging.chmod(0o777 & ~_umask())
        names = []
        for name, data in files:
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            names.append(name)
        manifest = {"kind": MANIFEST_KIND, "files": sorted(names)}
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=0), encoding="utf-8")
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=_TEMP_PREFIX + "old-"))
            old.rmdir()
            target.rename(old)
        staging.rename(target)
        staging = None
    except OSError as exc:
        return [
            error(
                "NTM041",
                f"không ghi được trang web vào '{out}': {os_error_text(exc)}",
                file=str(out),
                hint="Kiểm tra quyền ghi và dung lượng đĩa; trang web cũ (nếu có) được giữ nguyên.",
            )
        ]
    finally:
        if old is not None and not target.exists():  # failed or interrupted between the two renames
            with contextlib.suppress(OSError):
                old.rename(target)
                old = None
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None and target.exists():
            shutil.rmtree(old, ignore_errors=True)
    return []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
