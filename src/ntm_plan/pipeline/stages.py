"""The two steps every way of loading runs, so that `load` and `scan` find exactly the
same problems: `check_unit` (one commune file read, fitted and checked against the
reference data by `check.checks.check_unit_file`, which `import` runs on an edited file
too) and `finish_dataset` (checks across units and of the
reference data itself). `scan` only runs `check_unit` in parallel and keeps summaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ntm_plan.check.checks import DATASET_CHECKS, UnitName, check_unit_file, duplicate_names, run_unit_checks
from ntm_plan.check.lineage import lineage_problems
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.pipeline.discover import duplicate_ids
from ntm_plan.pipeline.read_files import read_unit


@dataclass(frozen=True, slots=True)
class CheckedUnit:
    """One commune file after `check_unit`: the unit if it could be read, and what was found."""

    unit: Unit | None
    source: SourceFile | None
    diagnostics: list[Diagnostic]

    @property
    def name(self) -> UnitName | None:
        if self.unit is None or self.source is None:
            return None
        return UnitName.of(self.unit, self.source)


def check_unit(reference: Dataset, path: Path, raw: bytes | None = None) -> CheckedUnit:
    """`raw`: the file's bytes when the caller has read them (to know what it checked)."""
    unit, source, diags = read_unit(path, reference.root, raw)
    if unit is None or source is None:
        return CheckedUnit(None, None, diags)
    return CheckedUnit(unit, source, diags + check_unit_file(reference, unit, source))


def first_of_each_id(units: Iterable[tuple[str, UnitName]]) -> list[tuple[str, UnitName]]:
    """The units that count: of two files with the same unit id, the first (the other is
    reported by `finish_dataset`)."""
    seen: set[str] = set()
    firsts = []
    for unit_id, name in units:
        if unit_id not in seen:
            seen.add(unit_id)
            firsts.append((unit_id, name))
    return firsts


def finish_dataset(reference: Dataset, units: Sequence[tuple[str, UnitName]]) -> list[Diagnostic]:
    """What no single commune file shows: two files with one unit id, two units with one
    name, the reference files' own consistency, the district checked like a unit.
    `units`: the id and name of every commune file read, in file order."""
    found = list(duplicate_ids((unit_id, name.source) for unit_id, name in units))
    firsts = [name for _, name in first_of_each_id(units)]
    found += duplicate_names(firsts)
    found += lineage_problems(reference, firsts)
    for check in DATASET_CHECKS:
        found.extend(check(reference))
    if reference.district is not None:
        found.extend(run_unit_checks(reference, reference.district))
    return found
