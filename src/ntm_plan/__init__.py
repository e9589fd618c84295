"""ntm-plan: plain-text planning for Vietnam's New Rural Development programme (NTM).

The public API is the pipeline: `load` (read, fit and check the data files), `assess`
(evaluate a unit against a criteria set at a date) and `Diagnostic`.
"""

from .diagnostics import Diagnostic, Severity
from .loader import load

__all__ = ["Diagnostic", "Severity", "load"]
