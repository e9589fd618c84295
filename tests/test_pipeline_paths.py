"""Every way of loading finds the same problems: `load`, one commune alone, `scan`
(one process and a process pool), and `gap` refuses exactly the data `status` refuses.
Runs the whole invalid-case corpus (SYNTHETIC) and the synthetic and shipped datasets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import INVALID, REAL_DATA, SYNTHETIC
from ntm_plan.diagnostics import Diagnostic, sort_diagnostics
from ntm_plan.pipeline import scan as scan_module
from ntm_plan.pipeline.load import _load, load
from ntm_plan.pipeline.read_files import unit_paths
from ntm_plan.pipeline.scan import scan

CASES = sorted(p for p in INVALID.iterdir() if (p / "expected.txt").is_file())
ROOTS = [*CASES, SYNTHETIC, REAL_DATA]
IDS = [p.name for p in CASES] + ["synthetic", "shipped"]
ACROSS_UNITS = {"NTM023", "NTM071", "NTM072"}
"""Codes only a second commune file can show (a duplicate name; a predecessor's dates, one
code used twice at a time)."""


def _key(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sort_diagnostics(diags)


@pytest.mark.slow
@pytest.mark.parametrize("root", ROOTS, ids=IDS)
def test_load_and_scan_find_the_same_diagnostics(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, loaded = load(root)
    assert _key(scan(root, workers=1).diagnostics) == _key(loaded)
    assert _key(scan(root, date(2024, 9, 30), workers=1).diagnostics) == _key(loaded)
    monkeypatch.setattr(scan_module, "PARALLEL_FROM", 1)
    assert _key(scan(root, workers=2).diagnostics) == _key(loaded)


@pytest.mark.slow
@pytest.mark.parametrize("root", ROOTS, ids=IDS)
def test_single_unit_load_finds_what_load_finds_for_that_file(root: Path) -> None:
    _, loaded = load(root)
    paths = unit_paths(root)
    for path in paths:
        others = {p.name for p in paths if p != path}
        wanted = [
            d
            for d in loaded
            if d.code not in ACROSS_UNITS
            and not (d.file and d.file.startswith(f"{root.name}/communes/") and Path(d.file).name in others)
        ]
        _, alone = _load(root, iter([path]))
        assert _key([d for d in alone if d.code not in ACROSS_UNITS]) == _key(wanted), path.name


@pytest.mark.parametrize("root", CASES, ids=[p.name for p in CASES])
def test_gap_refuses_exactly_what_status_refuses(root: Path, cli) -> None:
    dataset, _ = load(root)
    if not dataset.units:
        pytest.skip("no commune could be read")
    status = cli("status", "--data", str(root), "--as-of", "2024-09-30")
    gap = cli("gap", dataset.units[0].id or "", "--data", str(root), "--as-of", "2024-09-30", "--set", "xa")
    assert (status.code == 1) == (gap.code == 1), (status.err, gap.err)
