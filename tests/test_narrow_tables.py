"""At 80 columns the gap table drops its secondary column instead of cutting every word (SYNTHETIC data)."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console

from conftest import SYNTHETIC
from ntm_plan.cli.views import gap_view
from ntm_plan.evaluate.tasks import task_status
from ntm_plan.evaluate.units import assess_unit
from ntm_plan.pipeline.load import load


def _render(width: int) -> str:
    dataset, _ = load(SYNTHETIC)
    unit = next(u for u in dataset.units if u.id == "hoa-an")
    day = date(2024, 9, 30)
    assessment = assess_unit(dataset, unit, day)
    assert assessment is not None
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(
        gap_view(dataset, assessment, [task_status(t, day, unit=unit) for t in unit.tasks])
    )
    return out.getvalue()


def test_narrow_terminal_drops_the_own_target_column() -> None:
    assert "của đơn" not in _render(80)
    assert "Chỉ tiêu của đơn vị" in _render(160)


def test_every_line_fits_at_80_columns() -> None:
    assert max(len(line) for line in _render(80).splitlines()) <= 80
