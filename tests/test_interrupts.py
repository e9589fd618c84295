"""Ctrl-C and SIGTERM: one Vietnamese line, exit 130, no temporary file, no stray worker."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SYNTHETIC

STOPPED = "Đã dừng."


def _big_data(folder: Path, communes: int) -> Path:
    """A synthetic data directory large enough for validate's process pool."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Path(module.generate(folder, communes))


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return bool(state)  # a zombie ("Z") counts too: nobody reaped it


def _ntm(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "ntm_plan", *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[call-overload]
    )


def _user_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("import time:")]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _big_data(tmp_path_factory.mktemp("big") / "data", 1200)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for the worker processes")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="validate runs without a pool on one core")
@pytest.mark.parametrize("how", ["SIGTERM to the command", "SIGINT to the process group"])
def test_interrupting_parallel_validate_stops_every_worker(big: Path, how: str) -> None:
    proc = _ntm("validate", "--data", str(big), start_new_session=True)
    workers: set[int] = set()
    while len(workers) < 1 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert workers, "validate finished before its pool started"
    if how.startswith("SIGTERM"):
        os.kill(proc.pid, signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate()
    assert proc.returncode == 130
    assert _user_lines(err) == [STOPPED], err
    for _ in range(100):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the command"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_while_the_modules_load_is_one_line_and_130(sig: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "ntm_plan", "validate", "--data", str(SYNTHETIC)],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    launched = False
    for line in proc.stderr:  # each line is printed when a module has finished importing
        if launched:  # an import inside main(): the command line's modules are loading
            proc.send_signal(sig)
            break
        launched = line.rstrip().endswith("| ntm_plan.launch")
    _, rest = proc.communicate()
    assert proc.returncode == 130
    assert _user_lines(rest) == [STOPPED], rest


def test_sigterm_while_writing_leaves_no_temporary_file(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from ntm_plan.launch import install_signal_handlers

    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"previous version")

    def terminated(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    install_signal_handlers()
    try:
        monkeypatch.setattr(os, "fsync", terminated)
        run = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out))
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    assert run.code == 130 and run.err.strip() == STOPPED
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.docx"]
