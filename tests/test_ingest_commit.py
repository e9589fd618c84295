"""Writing into the data directory (`ingest/commit.py`), in process and fast: how long a
second writer waits, the lock held and given back, several files replaced together with
their modes kept, and what `recover` does with every kind of journal and leftover.
The concurrent and signal cases are in tests/test_data_lock.py."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import time
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


def test_a_second_writer_is_told_once_then_refused_after_the_wait(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other = _held_elsewhere(tmp_path)
    told: list[int] = []
    try:
        started = time.monotonic()
        with pytest.raises(Busy), data_lock(tmp_path, wait=0.35, on_wait=lambda: told.append(1)):
            pytest.fail("the lock was held by another")
        assert time.monotonic() - started >= 0.35
        assert told == [1]
        monkeypatch.setenv("NTM_PLAN_LOCK_SECONDS", "0.2")
        started = time.monotonic()
        with pytest.raises(Busy), data_lock(tmp_path):  # the default wait: the environment's
            pass
        assert 0.2 <= time.monotonic() - started < 5
    finally:
        os.close(other)


def test_a_writer_waits_for_the_lock_to_be_given_back(tmp_path: Path) -> None:
    import threading

    other = _held_elsewhere(tmp_path)
    threading.Timer(0.3, os.close, (other,)).start()
    told: list[int] = []
    with data_lock(tmp_path, wait=10, on_wait=lambda: told.append(1)):
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
