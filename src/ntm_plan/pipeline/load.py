"""`load`: the whole data directory in memory, checked — for the commands that need every
unit at once (`gap`, `tasks`, the documents). It runs the same two steps as `scan` (see
`stages`), so every path finds the same problems in the same data.

What `check_unit` found for a commune file is kept between runs (`cache`), keyed by the
file's bytes: only a changed file is read and checked again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model.dataset import Dataset

if TYPE_CHECKING:
    from ntm_plan.check.checks import UnitName
    from ntm_plan.model import Unit
    from ntm_plan.model.dataset import SourceFile
    from ntm_plan.pipeline.stages import CheckedUnit


def load(
    root: Path, *, progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None
) -> tuple[Dataset, list[Diagnostic]]:
    # Loading, or unpickling, builds many long-lived objects; CPython's cyclic GC would
    # rescan them again and again (2-3x the load time at 1,000 communes). Nothing here
    # creates cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, None, progress=progress, cached=True)
    finally:
        if enabled:
            gc.enable()


def _load(
    root: Path,
    only: Iterator[Path] | None,
    *,
    progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None,
    cached: bool = False,
) -> tuple[Dataset, list[Diagnostic]]:
    """The reference files and the unit files `only` (None: every unit file found)."""
    from ntm_plan.model.names import unit_order
    from ntm_plan.pipeline.cache import FileResults, file_results, read_with_digest
    from ntm_plan.pipeline.read_files import load_reference
    from ntm_plan.pipeline.stages import CheckedUnit, check_unit, finish_dataset

    reference = load_reference(root)
    paths = iter(reference.communes) if only is None else only
    if progress is not None:
        paths = progress(paths)
    kept: FileResults[CheckedUnit] | None = None
    if cached:
        kept = file_results(root, "load", reference.fingerprint, CheckedUnit)
    diags = list(reference.diagnostics)
    files: dict[str, SourceFile] = dict(reference.dataset.files)
    units: list[Unit] = []
    names: list[tuple[str, UnitName]] = []
    for path in paths:
        raw, digest = read_with_digest(path)
        checked: CheckedUnit | None = kept.get(path, digest) if kept is not None else None
        if checked is None:
            checked = check_unit(reference.dataset, path, raw)
            if kept is not None:
                kept.put(path, digest, checked)
        diags += checked.diagnostics
        if checked.unit is None or checked.source is None or checked.name is None:
            continue
        names.append((checked.unit.id, checked.name))
        if f"unit:{checked.unit.id}" in files:
            continue  # the same id twice: reported by finish_dataset, the first file is the unit
        units.append(checked.unit)
        files[f"unit:{checked.unit.id}"] = checked.source
    diags += finish_dataset(reference.dataset, names)
    if kept is not None:
        kept.save()
    units.sort(key=lambda u: unit_order(u.kind, u.name))
    return reference.dataset._replace(units=tuple(units), files=files), diags
