"""The orchestrator of stages 1–3: find the files, read them, fit them, check across them.

`load(root)` returns a `Dataset` (whatever could be read) and every diagnostic found, in
file order. Nothing is raised for bad data. The layout is:
`criteria/*.yaml`, `communes/*.yaml`, `district.yaml`, `departments.yaml`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .checks import run_checks
from .dataset import Dataset, SourceFile
from .diagnostics import Diagnostic, display_path, error, relocate
from .models import CriteriaSet, Department, DepartmentsFile, District, Unit
from .sets import resolve_sets
from .shape import fit
from .yamlio import read_yaml

M = TypeVar("M", bound=BaseModel)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _read(path: Path, root: Path, model: type[M]) -> tuple[M | None, SourceFile | None, list[Diagnostic]]:
    name = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, None, [error("NTM001", f"không đọc được tệp: {exc.strerror}", file=name)]
    doc, diags = read_yaml(raw)
    diags = [relocate(d, name) for d in diags]
    if doc is None:
        return None, None, diags
    source = SourceFile(name, path)
    reported = frozenset(d.path for d in diags if d.path)
    obj, shape_diags = fit(model, doc, name, reported=reported)
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


def _load(root: Path, progress: Callable[[Iterator[Path]], Iterator[Path]] | None) -> tuple[Dataset, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    files: dict[str, SourceFile] = {}

    written: dict[str, CriteriaSet] = {}
    unreadable: set[str] = set()
    for path in _yaml_files(root / "criteria"):
        cset, source, found = _read(path, root, CriteriaSet)
        diags += found
        if cset is None or source is None:
            unreadable.add(path.stem)
            continue
        if cset.id in written:
            diags.append(error("NTM029", f"mã bộ tiêu chí '{cset.id}' đã dùng ở tệp khác", **source.at(("id",))))
            continue
        written[cset.id] = cset
        files[f"set:{cset.id}"] = source

    sets, problems = resolve_sets(written)
    for problem in problems:
        source = files[f"set:{problem.set_id}"]
        where = source.at(problem.path)
        diags.append(
            Diagnostic(
                problem.diagnostic.severity,
                problem.diagnostic.code,
                problem.diagnostic.message,
                hint=problem.diagnostic.hint,
                **where,
            )
        )

    units: list[Unit] = []
    unit_paths = _yaml_files(root / "communes")
    for path in progress(iter(unit_paths)) if progress else unit_paths:
        unit, source, found = _read(path, root, Unit)
        diags += found
        if unit is None or source is None:
            continue
        unit = unit.model_copy(update={"id": unit.id or path.stem})
        units.append(unit)
        files.setdefault(f"unit:{unit.id}", source)

    district = None
    district_path = root / "district.yaml"
    if district_path.is_file():
        district, source, found = _read(district_path, root, District)
        diags += found
        if district is not None and source is not None:
            district = district.model_copy(update={"id": district.id or "huyen"})
            files["district"] = source

    departments: tuple[Department, ...] = ()
    departments_path = root / "departments.yaml"
    if departments_path.is_file():
        dfile, source, found = _read(departments_path, root, DepartmentsFile)
        diags += found
        if dfile is not None and source is not None:
            departments = dfile.departments
            files["departments"] = source

    units.sort(key=lambda u: (u.kind != "thị trấn", u.name))
    dataset = Dataset(root, sets, written, tuple(units), district, departments, files, frozenset(unreadable))
    diags += run_checks(dataset)
    return dataset, diags
