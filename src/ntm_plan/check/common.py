"""What every check builds its diagnostics with."""

from __future__ import annotations

from datetime import date

from ntm_plan.diagnostics import Diagnostic, Severity
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset, Where


def _diag(severity: Severity, code: str, message: str, where: Where, hint: str | None = None) -> Diagnostic:
    return Diagnostic(severity, code, message, hint=hint, **where)


def _err(code: str, message: str, where: Where, hint: str | None = None) -> Diagnostic:
    return _diag(Severity.ERROR, code, message, where, hint)


def _warn(code: str, message: str, where: Where, hint: str | None = None) -> Diagnostic:
    return _diag(Severity.WARNING, code, message, where, hint)


def _set_hint(data: Dataset) -> str:
    return (
        "Các bộ tiêu chí hiện có: " + ", ".join(sorted(data.sets))
        if data.sets
        else "Chưa có bộ tiêu chí nào trong criteria/."
    )


def later_observations(data: Dataset, unit: Unit, day: date) -> list[Diagnostic]:
    """Observations dated after the evaluation date are ignored: say where they are (NTM031)."""
    source = data.file_of(unit)
    return [
        _warn(
            "NTM031",
            f"số liệu {obs.subject} ngày {obs.as_of:%d/%m/%Y} ghi sau ngày đánh giá {day:%d/%m/%Y} nên không được dùng",
            source.at(("observations", i, "as_of")),
        )
        for i, obs in enumerate(unit.observations)
        if obs.as_of > day
    ]
