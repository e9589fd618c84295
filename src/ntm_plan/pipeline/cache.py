"""A cache of loaded data, so that the daily `gap` does not parse and validate every file
again: the loaded dataset and its diagnostics, pickled, under a key made of every input
file's path, size and modification time, and of the program's own files.

Any change to a data file (or to the program) gives another key, so a stale answer is
never served; a cache that cannot be read or written is simply not used. The folder is
$NTM_PLAN_CACHE, else $XDG_CACHE_HOME/ntm-plan, else ~/.cache/ntm-plan; NTM_PLAN_CACHE=off
turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model.dataset import Dataset

KEEP = 8
"""Cached loads kept; the oldest are removed (each data directory and version needs one)."""
PROGRAM = Path(__file__).resolve().parents[1]


def cache_dir() -> Path | None:
    chosen = os.environ.get("NTM_PLAN_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "ntm-plan"


SETTLE_NS = 2_000_000_000
"""A file changed this recently may change again within the clock's resolution without
its time moving (git's "racy clean" case): such data is loaded, not cached."""


def _stamp(entry: os.DirEntry[str]) -> tuple[str, int]:
    info = entry.stat(follow_symlinks=False)
    text = f"{entry.path}:{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"
    changed = info.st_mtime_ns
    if entry.is_symlink():
        try:
            target = entry.stat()
            text += f"->{target.st_mode}:{target.st_size}:{target.st_mtime_ns}:{Path(entry.path).resolve()}"
            changed = max(changed, target.st_mtime_ns)
        except OSError:
            text += "->?"
    return text, changed


def _stamps(folder: Path, skip: str | None = None) -> tuple[list[str], int]:
    """Every entry under `folder` (what `discover` reports on depends on all of them), but
    for folders named `skip`."""
    stamps, newest = [], 0
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name == skip:
                    continue
                text, changed = _stamp(entry)
                stamps.append(text)
                newest = max(newest, changed)
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
    return sorted(stamps), newest


def cache_key(root: Path) -> str | None:
    """Everything the loaded data depends on: the data directory's entries and the
    program's files. None when some file changed too recently to be trusted."""
    resolved = root.resolve()
    data, newest = _stamps(resolved)
    program, _ = _stamps(PROGRAM, skip="__pycache__")  # compiled from the sources stamped
    if time.time_ns() - newest < SETTLE_NS:
        return None
    parts = [sys.version, str(resolved), *data, *program]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def read_cached(root: Path) -> tuple[str | None, tuple[Dataset, list[Diagnostic]] | None]:
    """The cache key of `root` and what was loaded under it, if anything."""
    folder = cache_dir()
    if folder is None:
        return None, None
    try:
        key = cache_key(root)
    except OSError:
        return None, None
    if key is None:
        return None, None
    try:
        with (folder / f"{key}.pickle").open("rb") as handle:
            loaded: tuple[Dataset, list[Diagnostic]] = pickle.load(handle)
    except Exception:  # a missing, partial or foreign cache file is a miss
        return key, None
    return key, loaded


def write_cached(key: str | None, loaded: tuple[Dataset, list[Diagnostic]]) -> None:
    import tempfile  # with shutil, bz2 and lzma: only when writing

    folder = cache_dir()
    if folder is None or not key:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            pickle.dump(loaded, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(folder / f"{key}.pickle")
        old = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]
        for path in old:
            path.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is not used
        return
