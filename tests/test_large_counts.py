"""Counts of a thousand and more are written the Vietnamese way (1.800, not 1800) in the
terminal summaries: `status`, `tasks` titles and `validate`'s data line. SYNTHETIC data
from benchmarks/generate.py (12 tasks a commune)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate

pytestmark = pytest.mark.slow  # thousands of synthetic units


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("large") / "data", 100)


def _unformatted(text: str) -> list[str]:
    """Runs of four or more digits not written with a thousands dot (years and dates aside)."""
    return [n for n in re.findall(r"(?<![\d.,/-])\d{4,}(?![\d.,/-])", text) if not 1990 <= int(n) <= 2100]


def test_status_counts_tasks_with_a_thousands_dot(cli, data: Path) -> None:
    run = cli("status", "--data", str(data), "--as-of", "2024-09-30")
    line = next(x for x in run.out.splitlines() if x.startswith("Nhiệm vụ (của các xã"))
    assert re.search(r": \d\.\d{3}, trong đó [\d.]+ quá hạn\.$", line), line
    assert _unformatted(run.out) == []


def test_validate_and_tasks_write_their_counts_with_a_thousands_dot(cli, data: Path) -> None:
    validate = cli("validate", "--data", str(data))
    summary = next(x for x in validate.out.splitlines() if x.startswith("Dữ liệu:"))
    assert re.search(r", \d\.\d{3} nhiệm vụ,", summary), summary
    tasks = cli("tasks", "--data", str(data), "--as-of", "2024-09-30")
    assert re.search(r"— \d\.\d{3} nhiệm vụ", tasks.out)
    assert _unformatted(validate.out + tasks.out) == []
