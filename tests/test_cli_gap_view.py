"""`gap`'s view when there is nothing to list: a sentence, not an empty table, and never a
claim that everything is met when something is not assessed. SYNTHETIC data (tests/data/synthetic)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

ALL_MET = "Không có chỉ tiêu nào chưa đạt hoặc chưa đánh giá."


def _with_income(tmp_path: Path, value: str) -> Path:
    """The SYNTHETIC data with Bình Minh's only indicator (income, threshold ≥ 60,5) at `value`."""
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    commune = data / "communes" / "binh-minh.yaml"
    text = commune.read_text(encoding="utf-8")
    commune.write_text(text.replace('indicator: "1", value: 60,', f'indicator: "1", value: {value},'), encoding="utf-8")
    return data


@pytest.mark.parametrize(("value", "all_met"), [("60.5", True), ("60.4", False)])
def test_every_indicator_met_is_said_in_a_sentence(cli, tmp_path: Path, value: str, all_met: bool) -> None:
    data = _with_income(tmp_path, value)
    run = cli("gap", "-u", "binh-minh", "--as-of", "2024-09-30", "--data", str(data))
    assert run.code == 0, run.err
    assert (ALL_MET in run.out) is all_met
    assert ("Chỉ tiêu chưa đạt hoặc chưa đánh giá" in run.out) is not all_met


def test_an_indicator_without_a_figure_is_not_called_met(cli, tmp_path: Path) -> None:
    """Without its only figure the indicator is not assessed: `gap` lists it and never says
    that nothing is left."""
    data = _with_income(tmp_path, "60.5")
    commune = data / "communes" / "binh-minh.yaml"
    text = commune.read_text(encoding="utf-8")
    start = text.index("observations:")
    commune.write_text(text[:start] + text[text.index("tasks:") :], encoding="utf-8")
    run = cli("gap", "-u", "binh-minh", "--as-of", "2024-09-30", "--data", str(data))
    assert run.code == 0, run.err
    assert ALL_MET not in run.out
    assert "Chỉ tiêu chưa đạt hoặc chưa đánh giá" in run.out
    assert "chưa đánh giá 1 (trên 1 tiêu chí)" in run.out
