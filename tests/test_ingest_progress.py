"""Long runs of the Excel cycle show a progress bar at a terminal, nothing when piped, and
nothing with --quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from ingest_helpers import copy_data

pty = pytest.importorskip("pty")
QUARTER = "2024-Q3"


def _run(args: list[str], *, terminal: bool) -> tuple[int, str, str]:
    """The command with stderr on a pseudo-terminal (as in a console window) or a pipe."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "120", "TERM": "xterm"}
    if not terminal:
        done = subprocess.run([sys.executable, "-m", "ntm_plan", *args], env=env, capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ntm_plan", *args], env=env, stdout=subprocess.PIPE, stderr=follower, text=True
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the command closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    out, _ = proc.communicate(timeout=300)
    os.close(leader)
    return proc.returncode, out, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("progress"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_form_all_and_import_show_progress_at_a_terminal(data: Path, tmp_path: Path) -> None:
    forms = tmp_path / "gui"
    code, out, err = _run(["form", "--quarter", QUARTER, "--all", "-o", str(forms), "--data", str(data)], terminal=True)
    assert code == 0, err
    assert "Đang tạo biểu…" in err
    assert "biểu trong" in out
    code, out, err = _run(["import", str(forms), "--dry-run", "--data", str(data)], terminal=True)
    assert code == 0, err
    assert "Đang đọc biểu…" in err


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_quiet_shows_no_progress_and_no_file_list(data: Path, tmp_path: Path) -> None:
    forms = tmp_path / "gui"
    args = ["form", "--quarter", QUARTER, "--all", "-o", str(forms), "--quiet", "--data", str(data)]
    code, out, err = _run(args, terminal=True)
    assert code == 0, err
    assert "Đang tạo biểu" not in err and out == ""
    code, out, err = _run(["import", str(forms), "--dry-run", "-q", "--data", str(data)], terminal=True)
    assert code == 0 and "Đang đọc biểu" not in err


@pytest.mark.slow
def test_piped_output_has_no_progress(data: Path, tmp_path: Path) -> None:
    forms = tmp_path / "gui"
    code, out, err = _run(
        ["form", "--quarter", QUARTER, "--all", "-o", str(forms), "--data", str(data)], terminal=False
    )
    assert code == 0, err
    assert "Đang tạo biểu" not in err and "\x1b[" not in err + out
