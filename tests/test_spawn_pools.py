"""The process pools work where there is no fork (Windows): spawned workers get the data
by pickling and give the same answers as one process."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import REAL_DATA
from ntm_plan.diagnostics import sort_diagnostics
from ntm_plan.pipeline import scan as scan_module
from ntm_plan.pipeline.scan import scan


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool is used only with two cores or more")
def test_validate_scan_with_spawned_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    monkeypatch.setenv("NTM_PLAN_CACHE", str(tmp_path / "cache-serial"))
    serial = scan(data, date(2024, 9, 30), workers=1)

    started: list[str] = []
    real_context = multiprocessing.get_context

    def spy(method: str | None = None):  # type: ignore[no-untyped-def]
        started.append(str(method))
        return real_context(method)

    monkeypatch.setenv("NTM_PLAN_CACHE", str(tmp_path / "cache-spawn"))  # nothing kept: every file scanned
    monkeypatch.setattr(scan_module, "START_METHOD", "spawn")
    monkeypatch.setattr(scan_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(scan_module.multiprocessing, "get_context", spy)
    spawned = scan(data, date(2024, 9, 30), workers=2)
    assert started == ["spawn"]
    assert sort_diagnostics(spawned.diagnostics) == sort_diagnostics(serial.diagnostics)
    assert (spawned.units, spawned.district) == (serial.units, serial.district)
