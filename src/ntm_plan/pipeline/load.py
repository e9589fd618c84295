"""`load`: the whole data directory in memory, checked — for the commands that need every
unit at once (`gap`, `tasks`, the documents). `load_one`: the reference files and one
commune file. Both run the same two steps as `scan` (see `stages`), so every path finds
the same problems in the same data.

On a cache hit `load` needs none of the reading and checking stages: they are imported
when files are read, so that the daily `gap` does not pay for them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model.dataset import Dataset
from ntm_plan.pipeline.cache import read_cached, write_cached

if TYPE_CHECKING:
    from ntm_plan.check.checks import UnitName
    from ntm_plan.model import Unit
    from ntm_plan.model.dataset import SourceFile


def load(
    root: Path, *, progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None
) -> tuple[Dataset, list[Diagnostic]]:
    # Loading, or unpickling, builds many long-lived objects; CPython's cyclic GC would
    # rescan them again and again (2-3x the load time at 1,000 communes). Nothing here
    # creates cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        key, cached = read_cached(root) if progress is None else (None, None)
        if cached is not None:
            return cached
        from ntm_plan.pipeline.read_files import unit_paths

        paths = unit_paths(root)
        loaded = _load(root, progress(iter(paths)) if progress else iter(paths))
    finally:
        if enabled:
            gc.enable()
    write_cached(key, loaded)
    return loaded


def load_one(root: Path, path: Path) -> tuple[Dataset, list[Diagnostic]]:
    """The reference files and one commune file, checked: enough to answer for one unit
    without reading a province's worth of communes. A path that is not a unit file of the
    directory (a symlink leading outside) is never read."""
    from ntm_plan.pipeline.read_files import unit_paths

    return _load(root, iter([path] if path in unit_paths(root) else []))


def _load(root: Path, paths: Iterator[Path]) -> tuple[Dataset, list[Diagnostic]]:
    from ntm_plan.model.names import sort_key
    from ntm_plan.pipeline.read_files import load_reference
    from ntm_plan.pipeline.stages import check_unit, finish_dataset

    reference = load_reference(root)
    diags = list(reference.diagnostics)
    files: dict[str, SourceFile] = dict(reference.dataset.files)
    units: list[Unit] = []
    names: list[tuple[str, UnitName]] = []
    for path in paths:
        checked = check_unit(reference.dataset, path)
        diags += checked.diagnostics
        if checked.unit is None or checked.source is None or checked.name is None:
            continue
        names.append((checked.unit.id, checked.name))
        if f"unit:{checked.unit.id}" in files:
            continue  # the same id twice: reported by finish_dataset, the first file is the unit
        units.append(checked.unit)
        files[f"unit:{checked.unit.id}"] = checked.source
    diags += finish_dataset(reference.dataset, names)
    units.sort(key=lambda u: (u.kind != "thị trấn", sort_key(u.name)))
    return reference.dataset._replace(units=tuple(units), files=files), diags
