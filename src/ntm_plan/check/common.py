"""What every check builds its diagnostics with."""

from __future__ import annotations

from ntm_plan.diagnostics import Diagnostic, Severity
from ntm_plan.model.dataset import Dataset, Where


def _diag(severity: Severity, code: str, message: str, where: Where, hint: str | None = None) -> Diagnostic:
    return Diagnostic(severity, code, message, hint=hint, **where)


def _err(code: str, message: str, where: Where, hint: str | None = None) -> Diagnostic:
    return _diag(Severity.ERROR, code, message, where, hint)


def _set_hint(data: Dataset) -> str:
    return (
        "Các bộ tiêu chí hiện có: " + ", ".join(sorted(data.sets))
        if data.sets
        else "Chưa có bộ tiêu chí nào trong criteria/."
    )
