"""The orchestrator of stages 1–3: find the files, read them, fit them, check across them.

`load(root)` returns a `Dataset` (whatever could be read) and every diagnostic found, in
file order. Nothing is raised for bad data. The layout is:
`criteria/*.yaml`, `communes/*.yaml`, `district.yaml`, `departments.yaml`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ntm_plan.check.checks import DATASET_CHECKS, run_checks, run_unit_checks
from ntm_plan.diagnostics import Diagnostic, display_path, error, os_error_text, relocate
from ntm_plan.model import CriteriaSet, Department, DepartmentsFile, District, Unassigned, Unit
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.model.fit import fit
from ntm_plan.model.names import sort_key
from ntm_plan.model.sets import resolve_sets
from ntm_plan.pipeline.discover import discover, duplicate_ids
from ntm_plan.read.reader import MAX_FILE_BYTES, read_file, read_yaml, too_large

M = TypeVar("M", bound=BaseModel)


def _read(path: Path, root: Path, model: type[M]) -> tuple[M | None, SourceFile | None, list[Diagnostic]]:
    name = display_path(path, root)
    try:
        raw = read_file(path)
        if len(raw) > MAX_FILE_BYTES:
            return None, None, [relocate(too_large(path.stat().st_size), name)]
    except OSError as exc:
        return None, None, [error("NTM001", f"không đọc được tệp: {os_error_text(exc)}", file=name)]
    doc, diags = read_yaml(raw)
    diags = [relocate(d, name) for d in diags]
    if doc is None:
        return None, None, diags
    reported = frozenset(d.path for d in diags if d.path)
    removed: set[tuple[str | int, ...]] = set()
    obj, shape_diags = fit(model, doc, name, reported=reported, removed=removed)
    source = SourceFile(name, path, removed=frozenset(removed))
    return obj, source, diags + shape_diags


def load(
    root: Path, *, progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None
) -> tuple[Dataset, list[Diagnostic]]:
    # Loading builds many long-lived objects; CPython's cyclic GC would rescan them again
    # and again (2-3x the load time at 1,000 communes). Nothing here creates cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, progress)
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Reference:
    """The small files every unit is checked against: sets, district, departments."""

    dataset: Dataset
    """A dataset holding the reference files and no communes yet."""
    diagnostics: list[Diagnostic]


def load_reference(root: Path) -> Reference:
    layout = discover(root)
    diags: list[Diagnostic] = list(layout.diagnostics)
    files: dict[str, SourceFile] = {}

    written: dict[str, CriteriaSet] = {}
    unreadable: set[str] = set()
    for path in layout.criteria:
        cset, source, found = _read(path, root, CriteriaSet)
        diags += found
        if cset is None or source is None:
            unreadable.add(path.stem)
            continue
        if cset.id in written:
            other = files[f"set:{cset.id}"].name
            diags.append(error("NTM029", f"mã bộ tiêu chí '{cset.id}' đã dùng ở tệp {other}", **source.at(("id",))))
            continue
        written[cset.id] = cset
        files[f"set:{cset.id}"] = source

    sets, problems = resolve_sets(written)
    for problem in problems:
        where = files[f"set:{problem.set_id}"].at(problem.path)
        found_diag = problem.diagnostic
        diags.append(
            Diagnostic(found_diag.severity, found_diag.code, found_diag.message, hint=found_diag.hint, **where)
        )

    district = None
    if layout.district is not None:
        district, source, found = _read(layout.district, root, District)
        diags += found
        if district is not None and source is not None:
            district = district.model_copy(update={"id": district.id or "huyen"})
            files["district"] = source

    departments: tuple[Department, ...] = ()
    unassigned: tuple[Unassigned, ...] = ()
    if layout.departments is not None:
        dfile, source, found = _read(layout.departments, root, DepartmentsFile)
        diags += found
        if dfile is not None and source is not None:
            departments, unassigned = dfile.departments, dfile.unassigned
            files["departments"] = source

    dataset = Dataset(root, sets, written, (), district, departments, files, frozenset(unreadable), unassigned)
    return Reference(dataset, diags)


def unit_paths(root: Path) -> list[Path]:
    """The unit files (what else `communes/` holds is reported by `load_reference`)."""
    return list(discover(root).communes)


def read_unit(path: Path, root: Path) -> tuple[Unit | None, SourceFile | None, list[Diagnostic]]:
    unit, source, found = _read(path, root, Unit)
    if unit is not None:
        unit = unit.model_copy(update={"id": unit.id or path.stem})
    return unit, source, found


def _load(root: Path, progress: Callable[[Iterator[Path]], Iterator[Path]] | None) -> tuple[Dataset, list[Diagnostic]]:
    reference = load_reference(root)
    diags = list(reference.diagnostics)
    files = dict(reference.dataset.files)
    units: list[Unit] = []
    paths = unit_paths(root)
    ids: list[tuple[str, SourceFile]] = []
    for path in progress(iter(paths)) if progress else paths:
        unit, source, found = read_unit(path, root)
        diags += found
        if unit is None or source is None:
            continue
        assert unit.id is not None  # read_unit gives every unit an id
        ids.append((unit.id, source))
        if f"unit:{unit.id}" in files:
            continue  # the same id twice: reported below, the first file is the unit
        units.append(unit)
        files[f"unit:{unit.id}"] = source
    diags += duplicate_ids(ids)
    units.sort(key=lambda u: (u.kind != "thị trấn", sort_key(u.name)))
    dataset = replace(reference.dataset, units=tuple(units), files=files)
    diags += run_checks(dataset)
    return dataset, diags


def load_one(root: Path, path: Path) -> tuple[Dataset, list[Diagnostic]]:
    """The reference files and one commune file, checked: enough to answer for one unit
    without reading a province's worth of communes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        reference = load_reference(root)
        diags = list(reference.diagnostics)
        if path not in unit_paths(root):  # e.g. a symlink leading outside: reported, never read
            return reference.dataset, diags
        unit, source, found = read_unit(path, root)
        diags += found
        dataset = reference.dataset
        if unit is not None and source is not None:
            dataset = replace(dataset, units=(unit,), files={**dataset.files, f"unit:{unit.id}": source})
            diags += run_unit_checks(dataset, unit)
        for check in DATASET_CHECKS:
            diags.extend(check(dataset))
        if dataset.district is not None:
            diags += run_unit_checks(dataset, dataset.district)
        return dataset, diags
    finally:
        if enabled:
            gc.enable()
