"""Writers of one data directory: serialised by a lock, and every file of a write old or
every file new, whatever interrupts it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import REPO
from ingest_helpers import TASKS, copy_data, fill, snapshot
from ntm_plan.ingest.commit import JOURNAL, data_lock, recover

QUARTER = "2024-Q3"
SRC = str(REPO / "src")


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), **extra}


@pytest.fixture(scope="module")
def two_forms(tmp_path_factory: pytest.TempPathFactory):
    """Two departments' forms that both write district.yaml: without a lock, one is lost."""
    from ntm_plan.cli import main

    base = tmp_path_factory.mktemp("lock")
    data = copy_data(base)
    forms = base / "forms"
    for department in ("kinh-te-ha-tang", "nong-nghiep"):
        assert main(["form", "--quarter", QUARTER, "-d", department, "-o", str(forms), "--data", str(data)]) == 0
    fill(forms / f"kinh-te-ha-tang-{QUARTER}.xlsx", TASKS, "district/dh-46", percent=40)
    fill(forms / f"nong-nghiep-{QUARTER}.xlsx", TASKS, "district/ocop", done=2)
    return data, sorted(forms.iterdir())


@pytest.mark.slow
def test_two_concurrent_imports_both_land(two_forms, tmp_path: Path) -> None:
    data, forms = two_forms
    for attempt in range(20):
        target = tmp_path / f"data-{attempt}"
        shutil.copytree(data, target)
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "ntm_plan", "import", str(form), "--data", str(target)],
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for form in forms
        ]
        results = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], results
        district = (target / "district.yaml").read_text(encoding="utf-8")
        assert "percent: 40" in district and "done: 2" in district, f"attempt {attempt}: an import was lost"
        shutil.rmtree(target)


def test_a_second_writer_waits_then_is_refused(two_forms, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    data, forms = two_forms
    before = snapshot(data)
    monkeypatch.setenv("NTM_PLAN_LOCK_SECONDS", "0.3")
    with data_lock(data):
        run = cli("import", str(forms[0]), "--data", str(data))
    assert run.code == 1
    assert "Đang chờ: một lệnh khác đang ghi vào thư mục dữ liệu" in run.err
    assert "lỗi[NTM041]: thư mục dữ liệu đang được một lệnh khác ghi; đã chờ 0,3 giây" in run.err
    assert snapshot(data) == before
    dry = cli("import", str(forms[0]), "--dry-run", "--data", str(data))
    assert dry.code == 0, "a dry run reads without the lock"


def test_the_lock_leaves_no_file_in_the_data_directory(tmp_path: Path) -> None:
    with data_lock(tmp_path):
        assert list(tmp_path.iterdir()) == []


WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from ntm_plan.launch import install_signal_handlers
    from ntm_plan.ingest.commit import write_together
    install_signal_handlers()
    root, signum, at_rename = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    if at_rename:  # the signal sent from inside, at the n-th rename of the commit
        real, calls = Path.replace, []
        def replace(self, target):
            calls.append(target)
            if len(calls) == at_rename:
                os.kill(os.getpid(), signum)
            return real(self, target)
        Path.replace = replace
    files = sorted(root.glob("communes/*.yaml"))
    texts = {path: path.read_text(encoding="utf-8").replace("old", "new") for path in files}
    print("go", flush=True)
    start = time.monotonic()
    write_together(root, texts)
    print(time.monotonic() - start, flush=True)
    """
)


def _synthetic_units(root: Path, count: int) -> None:
    """SYNTHETIC: `count` unit files of a few kilobytes each."""
    (root / "communes").mkdir(parents=True)
    body = "".join(f"  - {{id: viec-{n}, text: old SYNTHETIC task {n}}}\n" for n in range(60))
    for n in range(count):
        (root / "communes" / f"xa-{n:04}.yaml").write_text(f"id: xa-{n:04}\nstate: old\ntasks:\n{body}")


def _states(root: Path) -> set[str]:
    return {"new" if "state: new" in p.read_text() else "old" for p in root.glob("communes/*.yaml")}


def _writer(root: Path, signum: int = 0, at_rename: int = 0) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", WRITER, str(root), str(signum), str(at_rename)]
    return subprocess.Popen(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _all_old_or_all_new(root: Path, how: int, when: str) -> str:
    if how == signal.SIGKILL:  # nothing ran after the kill: the next writer finishes or cleans up
        with data_lock(root):
            recover(root)
    states = _states(root)
    assert len(states) == 1, f"{how!r} {when} left old and new files"
    assert [p.name for p in root.rglob(".ntm-plan*")] == [], "a temporary file or the journal was left"
    return states.pop()


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """1.000 SYNTHETIC unit files, and how long writing them all takes here."""
    template = tmp_path_factory.mktemp("units") / "data"
    _synthetic_units(template, 1000)
    timing = template.parent / "timing"
    shutil.copytree(template, timing)
    first = _writer(timing)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert _states(timing) == {"new"}
    return template, float(out.split()[-1])


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_signal_during_the_renames_of_a_thousand_units_leaves_all_new(thousand, tmp_path: Path, how: int) -> None:
    template, _ = thousand
    root = tmp_path / "data"
    shutil.copytree(template, root)
    proc = _writer(root, how, at_rename=501)  # the journal's rename, then 500 of the 1.000 files
    _, err = proc.communicate(timeout=300)
    assert proc.returncode != 0, "the signal did not stop the writer"
    assert _all_old_or_all_new(root, how, "in the middle of the renames") == "new", err


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_signal_at_any_moment_of_a_thousand_unit_write_leaves_all_old_or_all_new(
    thousand, tmp_path: Path, how: int
) -> None:
    template, took = thousand
    for step in (1, 2):
        root = tmp_path / f"run-{step}"
        shutil.copytree(template, root)
        proc = _writer(root)
        assert proc.stdout is not None and proc.stdout.readline() == "go\n"
        time.sleep(took * step / 3)
        proc.send_signal(how)
        proc.communicate(timeout=300)
        _all_old_or_all_new(root, how, f"after {step}/3 of the write")
        shutil.rmtree(root)


def test_a_journal_left_by_a_killed_write_is_finished_by_the_next_writer(tmp_path: Path) -> None:
    """Killed after the journal and two of three renames: the next writer completes the third."""
    _synthetic_units(tmp_path, 3)
    files = sorted(tmp_path.glob("communes/*.yaml"))
    temps = []
    for n, path in enumerate(files):
        temp = path.parent / f".ntm-plan-{n}.tmp"
        temp.write_text(path.read_text().replace("old", "new"))
        temps.append(temp)
    pairs = [
        [t.relative_to(tmp_path).as_posix(), p.relative_to(tmp_path).as_posix()]
        for t, p in zip(temps, files, strict=True)
    ]
    (tmp_path / JOURNAL).write_text('{"renames": ' + str(pairs).replace("'", '"') + "}")
    for temp, path in list(zip(temps, files, strict=True))[:2]:
        temp.replace(path)
    assert _states(tmp_path) == {"old", "new"}
    with data_lock(tmp_path):
        found = recover(tmp_path)
    assert _states(tmp_path) == {"new"}
    assert [d.code for d in found] == ["NTM041"] and not found[0].is_error
    assert not (tmp_path / JOURNAL).exists() and not list(tmp_path.rglob(".ntm-plan-*"))


def test_a_journal_naming_a_path_outside_the_data_is_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    outside = tmp_path / "victim.txt"
    outside.write_text("keep")
    (root / "x.tmp").write_text("planted")
    (root / JOURNAL).write_text('{"renames": [["x.tmp", "../victim.txt"]]}')
    found = recover(root)
    assert outside.read_text() == "keep"
    assert [d.is_error for d in found] == [True]


def test_import_finishes_an_interrupted_write_before_its_own(two_forms, tmp_path: Path, cli) -> None:
    data, forms = two_forms
    root = tmp_path / "data"
    shutil.copytree(data, root)
    unit = root / "communes" / "duc-dong.yaml"
    finished = unit.read_text(encoding="utf-8") + "# SYNTHETIC: the text the cut write meant to leave\n"
    (unit.parent / ".ntm-plan-cut.tmp").write_text(finished, encoding="utf-8")
    (root / JOURNAL).write_text('{"renames": [["communes/.ntm-plan-cut.tmp", "communes/duc-dong.yaml"]]}')
    run = cli("import", str(forms[0]), "--data", str(root))
    assert run.code == 0, run.err
    assert "cảnh báo[NTM041]: lần nhập trước bị dừng giữa chừng; đã ghi nốt 1 tệp" in run.err
    assert unit.read_text(encoding="utf-8") == finished
    assert not (root / JOURNAL).exists()


def test_import_refuses_to_write_over_an_unreadable_journal(two_forms, tmp_path: Path, cli) -> None:
    data, forms = two_forms
    root = tmp_path / "data"
    shutil.copytree(data, root)
    (root / JOURNAL).write_text("{not json")
    before = snapshot(root)
    run = cli("import", str(forms[0]), "--data", str(root))
    assert run.code == 1 and "lỗi[NTM041]: nhật ký ghi dữ liệu bị hỏng" in run.err
    assert snapshot(root) == before
