"""Stage 0: find the data files, and say so of everything in the data directory not read.

The layout is `criteria/*.yaml`, `communes/*.yaml`, `provinces/*.yaml` (optional: a
province is the parent of communes from 01/7/2025), `district.yaml`, `departments.yaml`.
Nothing is skipped silently: a `.YAML` name, a hidden file or folder, a sub-folder, a file
of another kind, a dangling or looping symlink, a folder that cannot be listed, or a directory named
`district.yaml` each give NTM009 naming the path. A symlink leading outside the data
directory is refused and never opened (nothing of it reaches the output). A folder with
none of the four entries is not a data directory: one diagnostic, nothing else.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic, display_path, error, os_error_text, warning
from ntm_plan.model.dataset import SourceFile
from ntm_plan.read.raw import INVISIBLE

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

YAML_SUFFIXES = (".yaml", ".yml")
FOLDERS = ("criteria", "communes", "provinces")
SINGLE_FILES = ("district.yaml", "departments.yaml")
CODE = "NTM009"


@dataclass(frozen=True)
class Layout:
    criteria: tuple[Path, ...]
    communes: tuple[Path, ...]
    district: Path | None
    departments: Path | None
    diagnostics: tuple[Diagnostic, ...]
    provinces: tuple[Path, ...] = ()


def _problem(path: Path, root: Path, message: str, hint: str | None = None, *, severe: bool = True) -> Diagnostic:
    make = error if severe else warning
    return make(CODE, message, file=_shown(path, root), hint=hint)


def _shown(path: Path, root: Path) -> str:
    """The entry's own name (a symlink's, not its target's), as other diagnostics show paths."""
    shown = path if path == root else Path(display_path(path.parent, root)) / path.name
    return shown.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _kind_of(path: Path, root: Path) -> tuple[int | None, Diagnostic | None]:
    """The file type behind `path` (a symlink followed only inside the data directory)."""
    try:
        info = path.lstat()
    except OSError as exc:
        return None, _problem(path, root, f"không đọc được: {os_error_text(exc)}")
    if not stat.S_ISLNK(info.st_mode):
        return info.st_mode, None
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return None, _problem(path, root, "liên kết (symlink) hỏng: nơi nó trỏ tới không tồn tại")
    except (OSError, RuntimeError):  # ELOOP, or pathlib's own loop detection
        return None, _problem(path, root, "liên kết (symlink) vòng: trỏ về chính nó")
    if not target.is_relative_to(root.resolve()):
        return None, _problem(
            path,
            root,
            "liên kết (symlink) dẫn ra ngoài thư mục dữ liệu nên không được đọc",
            "Chép tệp vào thư mục dữ liệu thay cho liên kết.",
        )
    try:
        return target.stat().st_mode, None
    except OSError as exc:
        return None, _problem(path, root, f"không đọc được: {os_error_text(exc)}")


def _hidden(path: Path, root: Path, folder: bool) -> Diagnostic:
    """A hidden entry (an editor's swap file, macOS's ._ copies, a file hidden by mistake)
    is not read, and is named like every other entry not read."""
    if folder:
        return _problem(path, root, "thư mục ẩn (tên bắt đầu bằng dấu chấm) không được đọc", severe=False)
    visible = path.name.lstrip(".")
    hint = f"Nếu đây là dữ liệu, đổi tên thành {visible}." if visible.endswith(YAML_SUFFIXES) else None
    return _problem(path, root, "tệp ẩn (tên bắt đầu bằng dấu chấm) không được đọc", hint, severe=False)


def _entry_kind(entry: os.DirEntry[str], path: Path, root: Path) -> tuple[int | None, Diagnostic | None]:
    """As `_kind_of`, without a system call for the plain files and folders a listing
    already names (a tree of 10.000 communes)."""
    try:
        if not entry.is_symlink():
            if entry.is_file(follow_symlinks=False):
                return stat.S_IFREG, None
            if entry.is_dir(follow_symlinks=False):
                return stat.S_IFDIR, None
    except OSError:
        pass
    return _kind_of(path, root)


def _folder(folder: Path, root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files directly in `folder`, and a diagnostic for every other entry."""
    mode, problem = _kind_of(folder, root)
    if problem is not None:
        return [], [problem]
    if mode is None or not stat.S_ISDIR(mode):
        return [], [_problem(folder, root, "phải là một thư mục")]
    try:
        with os.scandir(folder) as listing:
            # by name (as Path sorts, case-folded where the platform folds): comparing
            # Path objects was a fifth of re-validating a large unchanged tree
            entries = sorted(listing, key=lambda entry: os.path.normcase(entry.name))
    except OSError as exc:
        return [], [_problem(folder, root, f"không mở được thư mục: {os_error_text(exc)}")]
    found: list[Path] = []
    diags: list[Diagnostic] = []
    for entry in entries:
        path = folder / entry.name
        problem = _not_read(entry, path, folder, root)
        if problem is None:
            found.append(path)
        elif problem is not _IGNORED:
            diags.append(problem)
    return found, diags


_IGNORED = error(CODE, "")
"""What `_not_read` says of an entry skipped without a word (git's .gitkeep)."""


def _not_read(entry: os.DirEntry[str], path: Path, folder: Path, root: Path) -> Diagnostic | None:
    """Why an entry of `folder` is not read; None for a YAML file to read."""
    if path.name.startswith("."):
        if path.name == ".gitkeep":  # git's placeholder for an empty folder holds nothing
            return _IGNORED
        return _hidden(path, root, entry.is_dir())
    hidden = INVISIBLE.search(path.name) or _CONTROL.search(path.name)
    if hidden is not None:
        return error(
            "NTM007",
            f"tên tệp có ký tự vô hình U+{ord(hidden.group()):04X} nên tệp không được đọc",
            file=_shown(path, root),
            hint="Đổi tên tệp, gõ lại tên bằng bàn phím.",
        )
    mode, problem = _entry_kind(entry, path, root)
    if problem is not None:
        return problem
    if mode is not None and stat.S_ISDIR(mode):
        return _problem(
            path,
            root,
            f"thư mục con không được đọc: chỉ các tệp .yaml nằm ngay trong {folder.name}/ được đọc",
            severe=False,
        )
    if path.suffix in YAML_SUFFIXES:
        if mode is not None and stat.S_ISREG(mode):
            return None
        return _problem(path, root, "không phải tệp thông thường (thiết bị, FIFO hoặc socket)")
    if path.suffix.lower() in YAML_SUFFIXES:
        return _problem(
            path,
            root,
            f"đuôi tệp '{path.suffix}' phải viết thường nên tệp không được đọc",
            f"Đổi tên thành {path.stem}{path.suffix.lower()}.",
        )
    return _problem(path, root, "không phải tệp .yaml nên không được đọc", severe=False)


def _single(root: Path, name: str) -> tuple[Path | None, list[Diagnostic]]:
    path = root / name
    if not os.path.lexists(path):
        return None, []
    mode, problem = _kind_of(path, root)
    if problem is not None:
        return None, [problem]
    if mode is None or not stat.S_ISREG(mode):
        return None, [_problem(path, root, f"{name} phải là một tệp YAML, không phải thư mục hay tệp đặc biệt")]
    return path, []


def _misnamed(root: Path, entries: Iterable[str]) -> Iterator[Diagnostic]:
    """`District.yaml`, `departments.yml`: the name is fixed, and it is not read otherwise."""
    for entry in entries:
        stem, _, suffix = entry.lower().rpartition(".")
        if f".{suffix}" in YAML_SUFFIXES and f"{stem}.yaml" in SINGLE_FILES and entry not in SINGLE_FILES:
            yield _problem(root / entry, root, "tên tệp sai nên tệp không được đọc", f"Đổi tên thành {stem}.yaml.")


def discover(root: Path) -> Layout:
    try:
        top = {p.name for p in root.iterdir()}
    except OSError as exc:
        return Layout((), (), None, None, (_problem(root, root, f"không mở được thư mục: {os_error_text(exc)}"),))
    if not top & {*FOLDERS, *SINGLE_FILES}:
        hint = f"Có phải ý bạn là --data {root / 'data'}?" if (root / "data" / "criteria").is_dir() else None
        message = (
            "không phải thư mục dữ liệu: không có criteria/, communes/, provinces/, district.yaml hay departments.yaml"
        )
        return Layout((), (), None, None, (error(CODE, message, file=str(root), hint=hint),))
    diags = list(_misnamed(root, sorted(top)))
    folders: dict[str, list[Path]] = {}
    for name in FOLDERS:
        folders[name], found = _folder(root / name, root) if name in top else ([], [])
        diags += found
    if "criteria" not in top:
        diags.append(_problem(root / "criteria", root, "thiếu thư mục criteria/: không có bộ tiêu chí nào"))
    if not folders["communes"]:
        diags.append(_problem(root / "communes", root, "không có tệp đơn vị (xã, thị trấn) nào", severe=False))
    district, found = _single(root, "district.yaml")
    diags += found
    departments, found = _single(root, "departments.yaml")
    diags += found
    return Layout(
        tuple(folders["criteria"]),
        tuple(folders["communes"]),
        district,
        departments,
        tuple(diags),
        tuple(folders["provinces"]),
    )


def duplicate_ids(units: Iterable[tuple[str, SourceFile]]) -> Iterator[Diagnostic]:
    """Two unit files with the same id (written as `id:` or taken from the file name)."""
    first: dict[str, SourceFile] = {}
    for unit_id, source in units:
        other = first.setdefault(unit_id, source)
        if other is not source:
            yield error(
                "NTM023",
                f"mã đơn vị '{unit_id}' trùng với tệp {other.name}",
                **source.at(("id",)),
                hint=f"Hai tệp {other.name} và {source.name} là cùng một đơn vị: gộp lại hoặc đổi 'id:'.",
            )
