"""Counts in the documents' sentences are written the Vietnamese way: 1.800, not 1800.

SYNTHETIC data from benchmarks/generate.py: 150 communes with 12 tasks each, one lead.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import REPO
from ntm_plan.documents.plan import plan_context
from ntm_plan.documents.report import report_context
from ntm_plan.model.dataset import Dataset
from ntm_plan.pipeline.load import load


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data, _ = load(Path(module.generate(tmp_path_factory.mktemp("big"), 150)))
    return data


@pytest.mark.slow
def test_plan_counts_grouped(big: Dataset) -> None:
    context = plan_context(big, 2024)
    rows = [r for r in context["annex_rows"] if not r["group"]]
    assert len(rows) == 1800 and rows[-1]["tt"] == "12"
    lines = [line for d in context["departments"] for line in d["lines"]]
    assert not any("1800" in line or "nhiệm vụ tại Khung" in line for line in lines)


@pytest.mark.slow
def test_report_counts_grouped(big: Dataset) -> None:
    context = report_context(big, 2024, 4)
    tasks_intro = next(s["intro"] for s in context["results"] if s["heading"].endswith("Tiến độ thực hiện nhiệm vụ"))
    assert tasks_intro.startswith("Tổng số 1.800 nhiệm vụ trong năm: ")
    assert "1.738 đang thực hiện" in tasks_intro
    assert "; 1.305 nhiệm vụ quá hạn" in tasks_intro
    overdue = next(s["lines"] for s in context["shortcomings"] if s["heading"].endswith("quá hạn"))
    assert overdue[0].startswith("Phòng KT-HT (1.305): ")
    assert any(line.endswith("nêu tại mục II: Phòng KT-HT (1.305).") for line in context["next_lines"])
