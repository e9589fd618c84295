"""evaluate.results through `gap`: a unit's criteria counted as met / not met / not assessed,
a criterion that does not apply left out of the total, and the unit's overall status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

HEAD = """\
# SYNTHETIC test data.
name: Tân Lộc
kind: xã
region: Bắc Trung Bộ
target: {set: xa-nc, year: 2024, source: {document: "giả lập"}}
observations:
"""
NOT_APPLICABLE = "".join(
    f'  - {{indicator: "{code}", applicable: false, as_of: 2024-06-30, source: {{document: "giả lập"}}}}\n'
    for code in ("17.1", "17.2", "17.3")
)


def row(code: str, figure: str) -> str:
    return f'  - {{indicator: "{code}", {figure}, as_of: 2024-06-30, source: {{document: "giả lập"}}}}\n'


@pytest.fixture
def gap(tmp_path: Path, cli):
    def run(observations: str) -> tuple[str, dict[str, int], str]:
        root = tmp_path / "data"
        if not root.exists():
            shutil.copytree(SYNTHETIC, root)
        (root / "communes" / "tan-loc.yaml").write_text(HEAD + observations, encoding="utf-8")
        out = cli("gap", "tan-loc", "--data", str(root), "--as-of", "2024-09-30", "--format", "json")
        unit = json.loads(out.out)["units"][0]
        table = cli("gap", "tan-loc", "--data", str(root), "--as-of", "2024-09-30").out
        summary = next(line for line in table.splitlines() if line.startswith("Đánh giá đến ngày"))
        return unit["status"], unit["criteria"], summary

    return run


def test_a_criterion_that_does_not_apply_is_left_out_of_the_total(gap) -> None:
    status, counts, summary = gap(row("10", "value: 60") + row("11", "value: 5") + NOT_APPLICABLE)
    assert status == "chưa đạt"
    assert counts == {"met": 1, "not_met": 1, "unknown": 1, "total": 3}
    assert "đạt 1 · chưa đạt 1 · chưa đánh giá 1 (trên 3 tiêu chí)" in summary


def test_unknown_is_not_folded_into_not_met(gap) -> None:
    status, counts, _ = gap(row("10", "value: 60") + row("11", "value: 2") + NOT_APPLICABLE)
    assert status == "chưa đánh giá"  # criterion 18 has no data: the unit is not known to fail
    assert counts == {"met": 2, "not_met": 0, "unknown": 1, "total": 3}


def test_everything_met_that_applies_is_met(gap) -> None:
    met = row("18.1", "count: 9, total: 9") + row("18.2", 'level: "mức độ 2"')
    status, counts, _ = gap(row("10", "value: 55") + row("11", "value: 2") + NOT_APPLICABLE + met)
    assert status == "đạt"
    assert counts == {"met": 3, "not_met": 0, "unknown": 0, "total": 3}
