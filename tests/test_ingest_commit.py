"""Writing into the data directory (`ingest/commit.py`), in process and fast: how long a
second writer waits, the lock held and given back, several files replaced together with
their modes kept, and what `recover` does with every kind of journal and leftover.
The concurrent and signal cases are in tests/test_data_lock.py."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_plan.ingest.commit import JOURNAL, LOCK_SECONDS, Busy, data_lock, lock_seconds, recover, write_together


@pytest.mark.parametrize(("typed", "seconds"), [(None, 120.0), ("5", 5.0), ("0,5", 120.0), ("-3", 0.0), ("2.5", 2.5)])
def test_how_long_a_second_writer_waits(typed: str | None, seconds: float, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if typed is None:
        monkeypatch.delenv("NTM_PLAN_LOCK_SECONDS", raising=False)
    else:
        monkeypatch.setenv("NTM_PLAN_LOCK_SECONDS", typed)
    assert lock_seconds() == seconds
    assert LOCK_SECONDS == 120.0


@contextlib.contextmanager
def _at_most(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, if the lock is waited for longer than it may be."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _held_elsewhere(root: Path) -> int:
    handle = os.open(root, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def _free(root: Path) -> bool:
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(handle)
    return True


def test_the_lock_is_held_inside_and_given_back_after(tmp_path: Path) -> None:
    told: list[int] = []
    with data_lock(tmp_path, wait=0, on_wait=lambda: told.append(1)):
        assert not _free(tmp_path)
    assert _free(tmp_path) and told == []
    with pytest.raises(ValueError), data_lock(tmp_path):
        raise ValueError  # given back also when the work inside fails
    assert _free(tmp_path)


@pytest.mark.slow
def test_a_second_writer_is_told_once_then_refused_after_the_wait(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other = _held_elsewhere(tmp_path)
    told: list[int] = []
    try:
        started = time.monotonic()
        with _at_most(5), pytest.raises(Busy), data_lock(tmp_path, wait=0.35, on_wait=lambda: told.append(1)):
            pytest.fail("the lock was held by another")
        assert time.monotonic() - started >= 0.35
        assert told == [1]
        monkeypatch.setenv("NTM_PLAN_LOCK_SECONDS", "0.2")
        started = time.monotonic()
        with _at_most(5), pytest.raises(Busy), data_lock(tmp_path):  # the default wait: the environment's
            pass
        assert 0.2 <= time.monotonic() - started < 5
    finally:
        os.close(other)


def test_a_writer_waits_for_the_lock_to_be_given_back(tmp_path: Path) -> None:
    import threading

    other = _held_elsewhere(tmp_path)
    threading.Timer(0.3, os.close, (other,)).start()
    told: list[int] = []
    with _at_most(5), data_lock(tmp_path, wait=10, on_wait=lambda: told.append(1)):
        assert not _free(tmp_path)
    assert told == [1]


def test_the_lock_leaves_no_file_in_the_temporary_folder_either(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data = tmp_path / "data"
    data.mkdir()
    with data_lock(data):
        pass
    assert list(temp.iterdir()) == [] and list(data.iterdir()) == []


def test_files_are_replaced_together_with_their_modes_kept(tmp_path: Path) -> None:
    (tmp_path / "communes").mkdir()
    first, second = tmp_path / "district.yaml", tmp_path / "communes" / "a.yaml"
    first.write_text("old\n", encoding="utf-8")
    second.write_text("old\n", encoding="utf-8")
    first.chmod(0o640)
    second.chmod(0o604)
    write_together(tmp_path, {first: "mới 1\n", second: "mới 2\n"})
    assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == ("mới 1\n", "mới 2\n")
    assert (first.stat().st_mode & 0o7777, second.stat().st_mode & 0o7777) == (0o640, 0o604)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "communes",
        "communes/a.yaml",
        "district.yaml",
    ]


def test_a_file_that_cannot_be_written_leaves_every_file_old_and_no_leftover(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_text("old\n", encoding="utf-8")
    missing = tmp_path / "gone" / "b.yaml"  # its folder was removed meanwhile
    with pytest.raises(OSError):
        write_together(tmp_path, {first: "new\n", missing: "new\n"})
    assert first.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def _journal(root: Path, renames: object) -> None:
    (root / JOURNAL).write_text(json.dumps({"renames": renames}), encoding="utf-8")


def test_recover_finishes_the_renames_a_journal_names(tmp_path: Path) -> None:
    (tmp_path / "communes").mkdir()
    target = tmp_path / "communes" / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    (tmp_path / "communes" / ".ntm-plan-1.tmp").write_text("new\n", encoding="utf-8")
    (tmp_path / "district.yaml").write_text("new already\n", encoding="utf-8")  # renamed before the cut
    _journal(tmp_path, [["communes/.ntm-plan-1.tmp", "communes/a.yaml"], [".ntm-plan-2.tmp", "district.yaml"]])
    found = recover(tmp_path)
    assert [(d.severity.name, d.code, d.file, d.message) for d in found] == [
        (
            "WARNING",
            "NTM041",
            str(tmp_path),
            "lần nhập trước bị dừng giữa chừng; đã ghi nốt 2 tệp như lần đó định ghi",
        )
    ]
    assert target.read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "district.yaml").read_text(encoding="utf-8") == "new already\n"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "communes",
        "communes/a.yaml",
        "district.yaml",
    ]


def test_recover_without_a_journal_removes_leftovers_in_the_data_and_its_folders_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "communes").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / ".ntm-plan-x.tmp").write_text("not ours", encoding="utf-8")
    (data / "linked").symlink_to(outside, target_is_directory=True)
    for leftover in (data / ".ntm-plan-a.tmp", data / "communes" / ".ntm-plan-b.tmp"):
        leftover.write_text("half", encoding="utf-8")
    (data / "communes" / "a.yaml").write_text("kept\n", encoding="utf-8")
    (data / "communes" / ".ntm-plan-notes.txt").write_text("kept\n", encoding="utf-8")
    assert recover(data) == []
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == [
        "communes",
        "communes/.ntm-plan-notes.txt",
        "communes/a.yaml",
        "linked",
    ]
    assert (outside / ".ntm-plan-x.tmp").exists()  # a linked folder is not searched


@pytest.mark.parametrize(
    "journal",
    [
        "{not json",
        '{"other": []}',
        '{"renames": [["a.tmp", "a.yaml", "b.yaml"]]}',
        '{"renames": [["a.tmp"]]}',
        '{"renames": ["a.tmp"]}',
        '{"renames": [["a.tmp", 3]]}',
        '{"renames": [["a.tmp", "../a.yaml"]]}',
        '{"renames": [["../a.tmp", "a.yaml"]]}',
        '{"renames": [["a.tmp", "/etc/a.yaml"]]}',
        '{"renames": [["communes/../../a.tmp", "a.yaml"]]}',
        "[1]",
        '{"renames": [{"a.tmp": 1, "a.yaml": 2}]}',  # two names, but not a pair
        '{"renames": ["ab"]}',
    ],
)
def test_a_journal_that_cannot_be_trusted_is_reported_and_nothing_moved(tmp_path: Path, journal: str) -> None:
    (tmp_path / "a.tmp").write_text("new\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / JOURNAL).write_text(journal, encoding="utf-8")
    found = recover(tmp_path)
    assert [(d.severity.name, d.code, d.file, d.message, d.hint) for d in found] == [
        (
            "ERROR",
            "NTM041",
            str(tmp_path / JOURNAL),
            "nhật ký ghi dữ liệu bị hỏng: không biết lần ghi trước đã xong hay chưa",
            "Kiểm tra dữ liệu (git status, git diff), rồi xóa tệp này.",
        )
    ]
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "old\n"
    assert (tmp_path / JOURNAL).exists() and (tmp_path / "a.tmp").exists()


def test_a_journal_may_move_a_file_into_another_folder_of_the_data(tmp_path: Path) -> None:
    (tmp_path / "communes").mkdir()
    (tmp_path / ".ntm-plan-1.tmp").write_text("new\n", encoding="utf-8")
    _journal(tmp_path, [[".ntm-plan-1.tmp", "communes/a.yaml"]])
    assert [d.is_error for d in recover(tmp_path)] == [False]
    assert (tmp_path / "communes" / "a.yaml").read_text(encoding="utf-8") == "new\n"


class _FakeMsvcrt:
    """Windows' byte-range locks, as `msvcrt.locking` takes them, for a run on POSIX."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.positions: list[int] = []
        self.held_by_another = False

    def locking(self, handle: int, mode: int, nbytes: int) -> None:
        self.calls.append((mode, nbytes))
        self.positions.append(os.lseek(handle, 0, os.SEEK_CUR))  # the byte range starts here
        if mode == self.LK_NBLCK and self.held_by_another:
            raise OSError(36, "Resource deadlock avoided")


@pytest.fixture
def windows(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """`ingest.commit` as it runs on Windows: its `sys.platform` and `msvcrt`, a temporary folder of its own."""
    import sys
    from types import SimpleNamespace

    from ntm_plan.ingest import commit

    fake = _FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(commit, "sys", SimpleNamespace(platform="win32"))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return fake, temp


def test_on_windows_the_lock_is_a_file_named_after_the_data_folder(windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    fake, temp = windows
    data = tmp_path / "data"
    data.mkdir()
    name = hashlib.sha256(os.path.normcase(str(data.resolve())).encode("utf-8")).hexdigest()[:32]
    with _at_most(5), data_lock(data, wait=1):
        assert fake.calls == [(fake.LK_NBLCK, 1)]
        lock = temp / "ntm-plan-locks" / f"{name}.lock"
        assert lock.is_file() and lock.stat().st_mode & 0o777 == 0o600
    assert fake.calls == [(fake.LK_NBLCK, 1), (fake.LK_UNLCK, 1)]
    assert fake.positions == [0, 0]  # the same first byte locked and unlocked
    assert list(data.iterdir()) == []
    with data_lock(data):  # the folder of locks is there already
        pass
    assert [p.name for p in (temp / "ntm-plan-locks").iterdir()] == [f"{name}.lock"]


def test_on_windows_a_held_lock_is_waited_for_then_refused(windows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake, _ = windows
    fake.held_by_another = True
    told: list[int] = []
    with _at_most(5), pytest.raises(Busy), data_lock(tmp_path, wait=0.2, on_wait=lambda: told.append(1)):
        pass
    assert told == [1] and (fake.LK_UNLCK, 1) not in fake.calls


def test_on_windows_no_folder_is_opened_to_sync_it(windows, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Windows cannot open a folder as a file: only the written files are synced."""
    from ntm_plan.ingest import commit

    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        synced.append(handle)
        real_fsync(handle)

    opened: list[str] = []
    real_open = os.open

    def open_file(path, flags, *mode):  # type: ignore[no-untyped-def]
        opened.append(str(path))
        return real_open(path, flags, *mode)

    monkeypatch.setattr(commit.os, "fsync", fsync)
    monkeypatch.setattr(commit.os, "open", open_file)
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    write_together(tmp_path, {target: "new\n"})
    assert target.read_text(encoding="utf-8") == "new\n"
    assert str(tmp_path) not in opened
    assert len(synced) == 2  # the new text and the journal


def test_on_posix_the_folders_are_synced_after_the_renames(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ntm_plan.ingest import commit

    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        synced.append(str(Path(f"/proc/self/fd/{handle}").readlink()))
        real_fsync(handle)

    monkeypatch.setattr(commit.os, "fsync", fsync)
    (tmp_path / "communes").mkdir()
    first, second = tmp_path / "district.yaml", tmp_path / "communes" / "a.yaml"
    for path in (first, second):
        path.write_text("old\n", encoding="utf-8")
    handles = len(list(Path("/proc/self/fd").iterdir()))
    with data_lock(tmp_path):
        write_together(tmp_path, {first: "new\n", second: "new\n"})
    assert len(list(Path("/proc/self/fd").iterdir())) == handles  # every file and folder opened is closed
    folders = [p for p in synced if Path(p).is_dir()]
    assert sorted(folders) == sorted([str(tmp_path), str(tmp_path), str(tmp_path / "communes")])
    assert len(synced) - len(folders) == 3  # two new texts and the journal


def test_a_rename_refused_twice_is_tried_once_more_and_the_error_still_told(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ntm_plan.ingest import commit

    real, calls = commit._rename_all, []

    def flaky(root: Path, pairs: list[list[str]]) -> None:
        calls.append(1)
        if len(calls) <= 2:
            raise OSError(13, "Permission denied")
        real(root, pairs)

    monkeypatch.setattr(commit, "_rename_all", flaky)
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(OSError):
        write_together(tmp_path, {target: "new\n"})
    assert len(calls) == 3 and target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_journal_left_by_renames_that_keep_failing_is_private_and_names_each_pair(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ntm_plan.ingest import commit

    def refused(root: Path, pairs: list[list[str]]) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(commit, "_rename_all", refused)
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(OSError):
        write_together(tmp_path, {target: "new\n"})
    journal = tmp_path / JOURNAL
    assert journal.stat().st_mode & 0o777 == 0o600
    ((temp, named),) = json.loads(journal.read_text(encoding="utf-8"))["renames"]
    assert named == "a.yaml" and (tmp_path / temp).read_text(encoding="utf-8") == "new\n"
    assert target.read_text(encoding="utf-8") == "old\n"  # the next writer finishes it
