"""The cache of read and checked files answers exactly as a fresh run, re-reads only what
changed (by content, not by size or time), and cannot be used to run code or to delete
other files (SYNTHETIC data)."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SYNTHETIC
from ntm_plan.diagnostics import sort_diagnostics
from ntm_plan.pipeline import cache, scan, stages
from ntm_plan.pipeline.load import load

NOBODY = 65534


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, as the user's cache folder would be."""
    place = tmp_path / "cache"
    monkeypatch.setenv("NTM_PLAN_CACHE", str(place))
    return place


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    hour_ago = time.time_ns() - 3600 * 10**9  # settled: no cache may refuse it as just written
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(hour_ago, hour_ago))
    return root


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the commune files read and checked (not answered from the cache)."""
    names: list[str] = []
    real = stages.check_unit

    def counting(reference, path, raw=None):  # type: ignore[no-untyped-def]
        names.append(path.name)
        return real(reference, path, raw)

    monkeypatch.setattr(stages, "check_unit", counting)
    monkeypatch.setattr(scan, "check_unit", counting)
    return names


def _bundles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ntm-cache"))


def _edit_same_size_same_time(path: Path, old: str, new: str) -> None:
    """An in-place edit that keeps the file's size and modification time."""
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1 and len(old.encode()) == len(new.encode())
    with path.open("r+b") as handle:  # the same inode, written in place
        handle.write(text.replace(old, new).encode("utf-8"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def _plant(folder: Path, name: str, value: object, *, signed: bool) -> None:
    body = pickle.dumps(value)
    mac = hmac.new((folder / cache.KEY_NAME).read_bytes(), body, hashlib.sha256).digest() if signed else b"x" * 32
    (folder / name).write_bytes(mac + body)
    (folder / name).chmod(0o600)


class _RunsCode:
    """Unpickling this creates a file: proof that a planted pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_second_load_reads_no_file_and_equals_the_first(folder: Path, data: Path, checked: list[str]) -> None:
    first, first_diags = load(data)
    assert len(checked) == 3 and len(_bundles(folder)) == 1
    checked.clear()
    second, second_diags = load(data)
    assert checked == []  # every commune answered from the cache
    assert second.units == first.units and second.sets == first.sets
    assert sort_diagnostics(second_diags) == sort_diagnostics(first_diags)


def test_one_edited_commune_is_the_only_one_read_again(folder: Path, data: Path, checked: list[str]) -> None:
    load(data)
    checked.clear()
    path = data / "communes" / "hoa-an.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Hòa An", "Hòa Ân"), encoding="utf-8")
    dataset, _ = load(data)
    assert checked == ["hoa-an.yaml"]
    assert "Hòa Ân" in {u.name for u in dataset.units}


def test_an_edit_keeping_size_and_time_is_seen(folder: Path, data: Path) -> None:
    def done(dataset) -> list[object]:  # type: ignore[no-untyped-def]
        unit = next(u for u in dataset.units if u.id == "hoa-an")
        return [p.done for t in unit.tasks for p in t.progress]

    before, _ = load(data)
    assert 43 in done(before) and 34 not in done(before)
    _edit_same_size_same_time(data / "communes" / "hoa-an.yaml", "done: 43", "done: 34")
    after, _ = load(data)
    assert 34 in done(after) and 43 not in done(after)


def test_a_changed_reference_file_reads_every_commune_again(folder: Path, data: Path, checked: list[str]) -> None:
    load(data)
    checked.clear()
    path = data / "district.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# một dòng ghi chú\n", encoding="utf-8")
    load(data)
    assert sorted(checked) == ["binh-minh.yaml", "hoa-an.yaml", "thi-tran-hoa-an.yaml"]


def test_a_new_stray_file_is_named_on_a_warm_run(folder: Path, data: Path) -> None:
    _, before = load(data)
    (data / "communes" / "notes.txt").write_text("ghi chú", encoding="utf-8")
    _, after = load(data)
    assert len(after) == len(before) + 1 and any(d.code == "NTM009" and "notes.txt" in str(d.file) for d in after)


def test_a_removed_commune_is_gone_on_a_warm_run(folder: Path, data: Path) -> None:
    load(data)
    (data / "communes" / "binh-minh.yaml").unlink()
    dataset, _ = load(data)
    assert "binh-minh" not in {u.id for u in dataset.units}


def test_the_cache_can_be_turned_off(data: Path, monkeypatch: pytest.MonkeyPatch, checked: list[str]) -> None:
    monkeypatch.setenv("NTM_PLAN_CACHE", "off")
    assert cache.cache_dir() is None
    load(data)
    load(data)
    assert len(checked) == 6


def test_the_default_folder_is_the_platform_s_user_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("NTM_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == platformdirs.user_cache_path("ntm-plan", appauthor=False)
    assert cache.cache_dir() == tmp_path / "xdg" / "ntm-plan"


def test_the_folder_and_key_are_private(folder: Path, data: Path) -> None:
    load(data)
    assert folder.stat().st_mode & 0o077 == 0
    assert (folder / cache.KEY_NAME).stat().st_mode & 0o777 == 0o600
    assert all(path.stat().st_mode & 0o077 == 0 for path in _bundles(folder))


# --- what cannot harm -------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_may_write_is_not_used(
    folder: Path, data: Path, checked: list[str], tmp_path: Path, mode: int
) -> None:
    load(data)
    bundle = _bundles(folder)[0]
    marker = tmp_path / "ran"
    _plant(folder, bundle.name, _RunsCode(marker), signed=True)  # even signed with the real key
    folder.chmod(mode)
    checked.clear()
    dataset, _ = load(data)
    assert not marker.exists()
    assert len(checked) == 3 and dataset.units  # read as if there were no cache
    assert bundle.read_bytes()[32:] == pickle.dumps(_RunsCode(marker))  # and nothing written there


def test_a_folder_owned_by_another_user_is_not_used(
    folder: Path, data: Path, checked: list[str], tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        pytest.skip("changing a folder's owner needs root")
    load(data)
    bundle = _bundles(folder)[0]
    marker = tmp_path / "ran"
    _plant(folder, bundle.name, _RunsCode(marker), signed=True)
    os.chown(folder, NOBODY, NOBODY)
    checked.clear()
    load(data)
    assert not marker.exists() and len(checked) == 3


def test_a_file_owned_by_another_user_or_writable_by_others_is_not_read(
    folder: Path, data: Path, checked: list[str], tmp_path: Path
) -> None:
    load(data)
    bundle = _bundles(folder)[0]
    marker = tmp_path / "ran"
    _plant(folder, bundle.name, _RunsCode(marker), signed=True)
    bundle.chmod(0o666)
    checked.clear()
    load(data)
    assert not marker.exists() and len(checked) == 3
    if os.geteuid() == 0:
        _plant(folder, bundle.name, _RunsCode(marker), signed=True)
        os.chown(bundle, NOBODY, NOBODY)
        checked.clear()
        load(data)
        assert not marker.exists() and len(checked) == 3


def test_an_unsigned_pickle_in_the_private_folder_is_never_unpickled(
    folder: Path, data: Path, checked: list[str], tmp_path: Path
) -> None:
    first, _ = load(data)
    marker = tmp_path / "ran"
    for bundle in _bundles(folder):
        _plant(folder, bundle.name, _RunsCode(marker), signed=False)
        (folder / bundle.name).write_bytes(pickle.dumps(_RunsCode(marker)))  # a bare pickle too
    checked.clear()
    second, _ = load(data)
    assert not marker.exists() and len(checked) == 3 and second.units == first.units


def test_a_key_others_can_read_is_not_used(folder: Path, data: Path) -> None:
    load(data)
    (folder / cache.KEY_NAME).chmod(0o644)
    assert cache.open_store() is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: b"\x00garbage" * 10, id="garbage"),
        pytest.param(lambda good: b"", id="empty"),
    ],
)
def test_a_damaged_cache_file_is_a_miss(folder: Path, data: Path, cli, content) -> None:  # type: ignore[no-untyped-def]
    cold = cli("validate", "--data", str(data))
    for bundle in _bundles(folder):
        bundle.write_bytes(content(bundle.read_bytes()))
    warm = cli("validate", "--data", str(data))
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)


@pytest.mark.parametrize("value", [{"a": 1}, ["x"], cache._Bundle("khác", {"x": ("d", 1)}), 42])
def test_a_signed_pickle_of_another_type_is_a_miss(folder: Path, data: Path, cli, value: object) -> None:  # type: ignore[no-untyped-def]
    cold = cli("validate", "--data", str(data))
    first, _ = load(data)
    for bundle in _bundles(folder):
        _plant(folder, bundle.name, value, signed=True)
    warm = cli("validate", "--data", str(data))
    assert (warm.code, warm.out) == (cold.code, cold.out)
    again, _ = load(data)
    assert again.units == first.units


def test_entries_of_the_wrong_type_inside_a_signed_bundle_are_misses(folder: Path, data: Path) -> None:
    first, _ = load(data)
    for bundle in _bundles(folder):
        paths = {str(p) for p in (data / "communes").glob("*.yaml")}
        _plant(
            folder, bundle.name, cache._Bundle("?", {p: ("0" * 64, "không phải kết quả") for p in paths}), signed=True
        )
    second, _ = load(data)
    assert second.units == first.units


def test_clean_up_touches_only_its_own_files(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.mkdir(mode=0o700)
    foreign = [
        "other.pickle",
        "notes.ntm-cache",
        "a" * 64 + ".pickle",
        "A" * 64 + ".ntm-cache",
        "hmac-key.bak",
        ".x.tmp",
    ]
    for name in foreign:
        (folder / name).write_bytes(b"not ours")
    monkeypatch.setattr(cache, "KEEP", 2)
    for index in range(5):  # five data directories: more bundles than kept
        root = tmp_path / f"data-{index}"
        shutil.copytree(SYNTHETIC, root)
        load(root)
    assert sorted(p.name for p in folder.iterdir() if p.name in foreign) == sorted(foreign)
    assert len([p for p in _bundles(folder) if cache.BUNDLE_NAME.fullmatch(p.name)]) == 2


def test_the_program_s_sources_name_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "program"
    (program / "__pycache__").mkdir(parents=True)
    (program / "stage.py").write_text("STEP = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "PROGRAM", program)
    monkeypatch.setattr(cache, "_PROGRAM_DIGEST", None)
    first = cache.program_digest()
    monkeypatch.setattr(cache, "_PROGRAM_DIGEST", None)
    (program / "__pycache__" / "stage.cpython-311.pyc").write_bytes(b"compiled on the first run")
    assert cache.program_digest() == first  # Python writing bytecode is no change of the program
    monkeypatch.setattr(cache, "_PROGRAM_DIGEST", None)
    (program / "stage.py").write_text("STEP = 2\n", encoding="utf-8")
    assert cache.program_digest() != first


# --- validate and status: the same answer cold, warm and after one edit -----------------


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Path(module.generate(tmp_path / "gia-lap", 24))


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(
    "command", [["validate"], ["validate", "--format", "json"], ["status", "--as-of", "2024-09-30"]]
)
@pytest.mark.slow
def test_cold_warm_and_one_edit_runs_say_the_same(  # type: ignore[no-untyped-def]
    folder: Path, generated: Path, cli, checked: list[str], monkeypatch: pytest.MonkeyPatch, command, workers: int
) -> None:
    monkeypatch.setattr(scan, "PARALLEL_FROM", 2)  # the process pool too, with few files
    monkeypatch.setattr(os, "cpu_count", lambda: workers)
    args = [*command, "--data", str(generated)]

    def cold():  # type: ignore[no-untyped-def]
        with monkeypatch.context() as off:
            off.setenv("NTM_PLAN_CACHE", "off")
            return cli(*args)

    before = cold()
    assert (cli(*args), cli(*args)) == (before, before)
    checked.clear()
    assert cli(*args) == before and checked == []  # answered from the cache alone
    path = generated / "communes" / "gia-lap-7.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("count:", "count: -", 1), encoding="utf-8")  # a negative count: an error
    after_cold = cold()
    assert after_cold != before
    checked.clear()
    assert cli(*args) == after_cold
    if workers == 1:
        assert checked == ["gia-lap-7.yaml"]


def test_a_warm_load_parses_nothing_and_imports_no_reading_stage(folder: Path, data: Path) -> None:
    load(data)  # fills the cache
    code = f"""
import sys
from pathlib import Path
from ntm_plan.pipeline.load import load
dataset, _ = load(Path({str(data)!r}))
assert dataset.units
stages = ("yaml", "ntm_plan.read.reader", "ntm_plan.pipeline.stages")
loaded = sorted(m for m in sys.modules if m in stages)
print(loaded)
"""
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env={**os.environ}, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_validate_and_status_keep_their_own_answers(folder: Path, data: Path, cli, checked: list[str]) -> None:  # type: ignore[no-untyped-def]
    status = ["status", "--data", str(data), "--as-of", "2024-09-30"]
    cli("validate", "--data", str(data))
    cli(*status)
    checked.clear()
    cli("validate", "--data", str(data))
    cli(*status)
    assert checked == []  # neither run undid what the other kept
