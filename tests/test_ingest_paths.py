"""What `import` is given on Windows: a folder, a pattern cmd/PowerShell left unexpanded,
and a path shown in messages as it was typed."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from ingest_helpers import TASKS, copy_data, fill, snapshot

QUARTER = "2024-Q3"


@pytest.fixture
def returned(tmp_path: Path, cli):
    data = copy_data(tmp_path)
    sent = tmp_path / "gui"
    for unit in ("Duc Dong", "An Dung"):
        run = cli("form", "--quarter", QUARTER, "--unit", unit, "-o", str(sent), "--data", str(data))
        assert run.code == 0, run.err
    back = tmp_path / "nhan"
    back.mkdir()
    for form in sent.iterdir():
        (back / form.name).write_bytes(form.read_bytes())
    (back / "~$duc-dong-2024-Q3.xlsx").write_bytes(b"Excel's owner file of an open workbook")
    (back / "ghi-chu.txt").write_text("not a form", encoding="utf-8")
    fill(back / "duc-dong-2024-Q3.xlsx", TASKS, "/duong-tt5", done=200)
    return data, back


def test_import_accepts_a_folder(returned, cli) -> None:
    data, back = returned
    run = cli("import", str(back), "--dry-run", "--data", str(data))
    assert run.code == 0, run.err
    assert "duc-dong-2024-Q3.xlsx" in run.out and "an-dung-2024-Q3.xlsx" in run.out
    assert "~$" not in run.out + run.err and "ghi-chu" not in run.out + run.err


def test_import_expands_a_pattern_itself(returned, cli) -> None:
    data, back = returned
    run = cli("import", str(back / "*-2024-Q3.xlsx"), "--dry-run", "--data", str(data))
    assert run.code == 0, run.err
    assert "UBND xã Đức Đồng" in run.out and "UBND xã An Dũng" in run.out


def test_a_pattern_or_folder_without_forms_is_a_diagnostic(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    empty = tmp_path / "trong"
    empty.mkdir()
    for typed in (str(empty), str(empty / "*.xlsx")):
        run = cli("import", typed, "--data", str(data))
        assert run.code == 1 and "NTM050" in run.err and typed in run.err
        assert "Traceback" not in run.err


def test_a_path_is_shown_as_typed(returned, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    data, back = returned
    monkeypatch.chdir(back.parent)
    typed = "./nhan//duc-dong-2024-Q3.xlsx"
    fill(back / "duc-dong-2024-Q3.xlsx", TASKS, "/duong-tt5", done="hai trăm")
    run = cli("import", typed, "--data", str(data))
    assert run.code == 1
    assert f"{typed}:Nhiệm vụ!K" in run.err


def test_the_same_form_named_twice_is_refused_not_merged(returned, cli) -> None:
    data, back = returned
    run = cli("import", str(back), str(back / "duc-dong-2024-Q3.xlsx"), "--data", str(data))
    assert run.code == 1 and "NTM054" in run.err


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool is used only with two cores or more")
def test_parallel_import_works_with_the_spawn_start_method(returned, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no fork: the workers are spawned and get the data by pickling."""
    from ntm_plan.ingest import apply

    data, back = returned
    fill(back / "an-dung-2024-Q3.xlsx", TASKS, "/ngo-xom", percent=30)
    serial_data = data.parent / "serial"
    shutil.copytree(data, serial_data)
    serial = cli("import", str(back), "--data", str(serial_data))
    assert serial.code == 0, serial.err

    started: list[str] = []
    real_context = multiprocessing.get_context

    def spy(method: str | None = None):  # type: ignore[no-untyped-def]
        started.append(str(method))
        return real_context(method)

    monkeypatch.setattr(apply, "START_METHOD", "spawn")
    monkeypatch.setattr(apply, "PARALLEL_FROM", 2)
    monkeypatch.setattr(apply.multiprocessing, "get_context", spy)
    spawned = cli("import", str(back), "--data", str(data))
    assert spawned.code == 0, spawned.err
    assert started == ["spawn", "spawn"], "both the reading and the editing went through a spawned pool"
    assert spawned.out.replace(str(data), "") == serial.out.replace(str(serial_data), "")
    assert snapshot(data) == snapshot(serial_data)
