"""Stage 1 over a data directory: find the files, read them, fit them to their models.

`load_reference` reads the small files every unit is checked against (criteria sets,
district, departments); `read_unit` one commune file. Nothing is raised for bad data.
The layout is: `criteria/*.yaml`, `communes/*.yaml`, `provinces/*.yaml`, `district.yaml`,
`departments.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ntm_plan.diagnostics import Diagnostic, display_path, error, os_error_text, relocate
from ntm_plan.model import CriteriaSet, Department, DepartmentsFile, District, Province, Unassigned, Unit
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.model.fit import fit
from ntm_plan.model.sets import resolve_sets
from ntm_plan.model.unit import DISTRICT_ID, named
from ntm_plan.pipeline.cache import digest_line, fingerprint
from ntm_plan.pipeline.discover import Layout, discover
from ntm_plan.read.raw import MAX_FILE_BYTES, read_file
from ntm_plan.read.reader import read_yaml, too_large

M = TypeVar("M", bound=BaseModel)


def _read(
    path: Path,
    root: Path,
    model: type[M],
    context: Mapping[str, object] | None = None,
    raw: bytes | None = None,
    digests: list[str] | None = None,
) -> tuple[M | None, SourceFile | None, list[Diagnostic]]:
    """One file fitted to `model`; from `raw` when the caller has read its bytes already.
    `digests` collects, for the cache, the hash of the bytes read (or the failure)."""
    name = display_path(path, root)
    try:
        if raw is None:
            raw = read_file(path)
        if digests is not None:
            digests.append(digest_line(name, raw))
        if len(raw) > MAX_FILE_BYTES:
            return None, None, [relocate(too_large(path.stat().st_size), name)]
    except OSError as exc:
        if digests is not None:
            digests.append(digest_line(name, None, os_error_text(exc)))
        return None, None, [error("NTM001", f"không đọc được tệp: {os_error_text(exc)}", file=name)]
    doc, diags = read_yaml(raw)
    diags = [relocate(d, name) for d in diags]
    if doc is None:
        return None, None, diags
    reported = frozenset(d.path for d in diags if d.path)
    removed: set[tuple[str | int, ...]] = set()
    obj, shape_diags = fit(model, doc, name, reported=reported, removed=removed, context=context)
    source = SourceFile(name, path, removed=frozenset(removed))
    return obj, source, diags + shape_diags


@dataclass(frozen=True)
class Reference:
    """The small files every unit is checked against: sets, district, departments."""

    dataset: Dataset
    """A dataset holding the reference files and no communes yet."""
    diagnostics: list[Diagnostic]
    fingerprint: str = ""
    """A hash of the reference files' bytes as read: what a unit's checks depend on."""
    communes: tuple[Path, ...] = ()
    """The unit files found beside them (`unit_paths`), without listing the folder again."""


def load_reference(root: Path, layout: Layout | None = None) -> Reference:
    """`layout`: what `discover(root)` found, when the caller has it already."""
    layout = layout or discover(root)
    diags: list[Diagnostic] = list(layout.diagnostics)
    digests: list[str] = []
    files: dict[str, SourceFile] = {}

    written: dict[str, CriteriaSet] = {}
    unreadable: set[str] = set()
    for path in layout.criteria:
        cset, source, found = _read(path, root, CriteriaSet, digests=digests)
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
        diags.append(problem.diagnostic._replace(**files[f"set:{problem.set_id}"].at(problem.path)))

    district = None
    if layout.district is not None:
        district, source, found = _read(layout.district, root, District, named(DISTRICT_ID), digests=digests)
        diags += found
        if district is not None and source is not None:
            files["district"] = source

    provinces, found = _read_provinces(layout.provinces, root, files, digests)
    diags += found

    departments: tuple[Department, ...] = ()
    unassigned: tuple[Unassigned, ...] = ()
    if layout.departments is not None:
        dfile, source, found = _read(layout.departments, root, DepartmentsFile, digests=digests)
        diags += found
        if dfile is not None and source is not None:
            departments, unassigned = dfile.departments, dfile.unassigned
            files["departments"] = source

    dataset = Dataset(
        root, sets, written, (), district, departments, files, frozenset(unreadable), unassigned, tuple(provinces)
    )
    return Reference(dataset, diags, fingerprint(digests), layout.communes)


def _read_provinces(
    paths: tuple[Path, ...], root: Path, files: dict[str, SourceFile], digests: list[str]
) -> tuple[list[Province], list[Diagnostic]]:
    """The province files, each recorded in `files` as 'unit:<id>' like a commune."""
    diags: list[Diagnostic] = []
    provinces: list[Province] = []
    for path in paths:
        province, source, found = _read(path, root, Province, named(path.stem), digests=digests)
        diags += found
        if province is None or source is None:
            continue
        if f"unit:{province.id}" in files:
            diags.append(
                error(
                    "NTM023",
                    f"mã đơn vị '{province.id}' trùng với tệp {files[f'unit:{province.id}'].name}",
                    **source.at(("id",)),
                )
            )
            continue
        provinces.append(province)
        files[f"unit:{province.id}"] = source

    return provinces, diags


def unit_paths(root: Path) -> list[Path]:
    """The unit files (what else `communes/` holds is reported by `load_reference`)."""
    return list(discover(root).communes)


def read_unit(
    path: Path, root: Path, raw: bytes | None = None
) -> tuple[Unit | None, SourceFile | None, list[Diagnostic]]:
    return _read(path, root, Unit, named(path.stem), raw)
