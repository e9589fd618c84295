"""Shared test helpers: the synthetic dataset, a file-tree writer and an in-process CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ntm_plan.cli import main


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_home(tmp_path_factory: pytest.TempPathFactory):
    """The loaded-data cache of the test run lives in its temporary folder, not in ~/.cache.
    `NTM_PLAN_CACHE=off` (the mutation runner sets it) is kept: every test then runs the whole
    pipeline itself instead of reading what an earlier test kept."""
    with pytest.MonkeyPatch.context() as patch:
        if os.environ.get("NTM_PLAN_CACHE") != "off":
            patch.setenv("NTM_PLAN_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


TESTS = Path(__file__).parent
SYNTHETIC = TESTS / "data" / "synthetic"
INVALID = TESTS / "data" / "invalid"
REPO = TESTS.parent
REAL_DATA = REPO / "data"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def write_tree(tmp_path: Path):
    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write


def fresh_python(*lines: str) -> subprocess.CompletedProcess[str]:
    """Run `lines` in a new interpreter from the repository root: what a command imports
    can only be seen in a process that has imported nothing else."""
    code = "\n".join(["import sys", "from ntm_plan.cli import main", *lines])
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """The shipped data in a temporary folder, for a test to edit."""
    root = tmp_path / "data"
    shutil.copytree(REAL_DATA, root)
    return root
