"""The validated bundle of all data files, with the source file of each object.

Built by `pipeline.load.load`; read by the checks, the evaluator and the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from ntm_plan.model import CriteriaSet, Department, District, Unassigned, Unit
from ntm_plan.model.unit import Province

if TYPE_CHECKING:
    from ntm_plan.read.reader import YamlDoc


class Where(TypedDict):
    """Keyword arguments that place a `Diagnostic` in a file."""

    file: str
    line: int | None
    col: int | None
    path: tuple[str | int, ...]


class SourceFile:
    """A data file as diagnostics see it: its display name and, on demand, key positions.

    Positions are read again from the file only when a diagnostic needs one, so a large
    clean dataset does not keep the position of every key in memory.
    """

    __slots__ = ("_doc", "name", "path", "removed")

    def __init__(
        self,
        name: str,
        path: Path | None = None,
        doc: YamlDoc | None = None,
        removed: frozenset[tuple[str | int, ...]] = frozenset(),
    ) -> None:
        self.name = name
        self.path = path
        self._doc = doc
        self.removed = removed
        """List items set aside for failing their shape: model indexes skip them."""

    def __getstate__(self) -> tuple[str, Path | None, frozenset[tuple[str | int, ...]]]:
        """Kept (the load cache) without the positions read on demand: read again if needed,
        from the same bytes, and without importing the YAML reader to restore them."""
        return self.name, self.path, self.removed

    def __setstate__(self, state: tuple[str, Path | None, frozenset[tuple[str | int, ...]]]) -> None:
        self.name, self.path, self.removed = state
        self._doc = None

    def at(self, path: tuple[str | int, ...]) -> Where:
        from ntm_plan.model.fit import original_path  # the reading stage, only for a diagnostic

        path = original_path(path, self.removed)
        line, col = self._positions().where(path)
        return {"file": self.name, "line": line, "col": col, "path": path}

    def _positions(self) -> YamlDoc:
        from ntm_plan.read.raw import read_file
        from ntm_plan.read.reader import YamlDoc, read_yaml

        if self._doc is None:
            doc = None
            if self.path is not None:
                try:
                    doc, _ = read_yaml(read_file(self.path))
                except OSError:
                    doc = None
            self._doc = YamlDoc(None, doc.positions if doc else {})
        return self._doc


class Dataset(NamedTuple):
    root: Path
    sets: dict[str, CriteriaSet]
    written_sets: dict[str, CriteriaSet]
    units: tuple[Unit, ...]
    district: District | None
    departments: tuple[Department, ...]
    files: dict[str, SourceFile]
    """Source of each object, keyed 'set:<id>', 'unit:<id>', 'district', 'departments'."""
    unreadable_sets: frozenset[str]
    """Stems of criteria files that could not be read: references to them are not
    reported again as unknown sets."""
    unassigned: tuple[Unassigned, ...]
    """Indicators the plan gives to no department, each with its reason."""
    provinces: tuple[Province, ...] = ()
    """The provinces (`provinces/*.yaml`): parents of the communes from 01/7/2025."""

    def set_is_unknown(self, set_id: str) -> bool:
        return set_id not in self.written_sets and set_id not in self.unreadable_sets

    def all_units(self) -> list[Unit]:
        return [*self.units, *([self.district] if self.district else []), *self.provinces]

    def district_units(self) -> tuple[Unit, ...]:
        """The units under the district: those whose parent is the district, or that name no
        parent (data written before units had parents). A commune formed in 2025 under the
        province is not one of them."""
        district_id = self.district.id if self.district is not None else None
        return tuple(u for u in self.units if u.parent is None or u.parent == district_id)

    def unit_by_id(self, unit_id: str) -> Unit | None:
        return next((u for u in self.all_units() if u.id == unit_id), None)

    def department(self, dept_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == dept_id), None)

    def with_unit(self, unit: Unit, source: SourceFile) -> Dataset:
        """The reference data and this one unit: what a unit's checks and assessment see."""
        return self._replace(units=(unit,), files={**self.files, f"unit:{unit.id}": source})

    def file_of(self, unit: Unit) -> SourceFile:
        key = "district" if isinstance(unit, District) else f"unit:{unit.id}"
        return self.files[key]
