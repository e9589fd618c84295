"""The cache of loaded data answers exactly as a fresh load, and never for changed data (SYNTHETIC)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import INVALID, SYNTHETIC
from ntm_plan.diagnostics import sort_diagnostics
from ntm_plan.pipeline import cache
from ntm_plan.pipeline.load import load

HOUR = 3600 * 10**9


def _age(root: Path) -> None:
    """Files last changed an hour ago: settled, so the cache may be used."""
    past = time.time_ns() - HOUR
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(past, past), follow_symlinks=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    _age(root)
    return root


def _pickles(folder: Path) -> list[Path]:
    return list(folder.glob("*.pickle"))


def test_second_load_comes_from_the_cache_and_equals_the_first(data: Path) -> None:
    folder = cache.cache_dir()
    assert folder is not None
    before = len(_pickles(folder))
    first, first_diags = load(data)
    assert len(_pickles(folder)) == before + 1
    second, second_diags = load(data)
    assert second is not first  # unpickled, not the same objects
    assert second.units == first.units and second.sets == first.sets
    assert sort_diagnostics(second_diags) == sort_diagnostics(first_diags)


def test_a_changed_file_is_loaded_again(data: Path) -> None:
    load(data)
    path = data / "communes" / "hoa-an.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Hòa An", "Hòa Ân"), encoding="utf-8")
    _age(data)
    os.utime(path, ns=(time.time_ns() - HOUR // 2, time.time_ns() - HOUR // 2))
    dataset, _ = load(data)
    assert "Hòa Ân" in {u.name for u in dataset.units}


def test_a_new_stray_file_changes_the_answer(data: Path) -> None:
    _, before = load(data)
    (data / "communes" / "notes.txt").write_text("ghi chú", encoding="utf-8")
    _age(data)
    _, after = load(data)
    assert (len(after) == len(before) + 1 and after[-1].code == "NTM009") or any(d.code == "NTM009" for d in after)


def test_data_changed_just_now_is_not_cached(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    shutil.copytree(INVALID / "several-mistakes", root)
    assert cache.cache_key(root) is not None  # copied with their old times
    (root / "communes" / "new.yaml").write_text("name: Mới\n", encoding="utf-8")
    assert cache.cache_key(root) is None


def test_cache_can_be_turned_off(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NTM_PLAN_CACHE", "off")
    assert cache.cache_dir() is None
    assert load(data)[0].units


def test_the_program_s_sources_are_in_the_key_and_its_compiled_files_are_not(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "program"
    (program / "__pycache__").mkdir(parents=True)
    (program / "stage.py").write_text("STEP = 1\n", encoding="utf-8")
    _age(program)
    monkeypatch.setattr(cache, "PROGRAM", program)
    key = cache.cache_key(data)
    assert key is not None
    (program / "__pycache__" / "stage.cpython-311.pyc").write_bytes(b"compiled on the first run")
    assert cache.cache_key(data) == key  # Python writing bytecode is no change of the program
    (program / "stage.py").write_text("STEP = 2\n", encoding="utf-8")
    assert cache.cache_key(data) != key
