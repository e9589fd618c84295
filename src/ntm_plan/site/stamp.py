"""What every page says about itself: when it was generated and from which data version."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

GIT_SECONDS = 10


@dataclass(frozen=True, slots=True)
class DataVersion:
    commit: str | None
    """The short commit of the last change to the data directory, None outside git."""
    dirty: bool = False
    """Files of the data directory differ from that commit."""


def generation_time(now: datetime) -> datetime:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else `now`: the same
    data and the same epoch give the same bytes."""
    try:
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC)
    except (KeyError, ValueError, OverflowError, OSError):
        return now


def data_version(root: Path) -> DataVersion:
    """The git commit that last touched `root`, and whether its files have changed since."""
    git = shutil.which("git")
    if git is None:
        return DataVersion(None)
    try:
        commit = _git(git, root, "log", "-1", "--format=%h", "--", ".")
        if not commit:
            return DataVersion(None)
        changes = _git(git, root, "status", "--porcelain", "--untracked-files=normal", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return DataVersion(None)
    return DataVersion(commit, bool(changes))


def _git(git: str, root: Path, *args: str) -> str:
    done = subprocess.run(
        [git, "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=GIT_SECONDS,
        check=False,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def version_text(version: DataVersion) -> str:
    if version.commit is None:
        return "không rõ (thư mục dữ liệu không nằm trong kho git)"
    return version.commit + (" (có thay đổi chưa ghi vào git)" if version.dirty else "")
