"""The one way every command finds what a person names: a unit, a department, a criteria set.

Each `resolve_*` answers with the object, or with what to tell the person: the names that
fit when several do, the close names when none does. The wording is the same for every
command; the command only adds its own example line (`Resolved.example`). Pure functions.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from ntm_plan.model import CriteriaSet, Department, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import display_name, find_unit, fold, unambiguous_name
from ntm_plan.model.place import Predecessor

T = TypeVar("T")


@dataclass(frozen=True)
class Resolved(Generic[T]):
    """The object named, or why none: `problem` (a sentence), `choices` (one line per
    candidate when several fit) and `example`, what to type to get the first of them,
    introduced by `hint`."""

    found: T | None
    problem: str = ""
    choices: tuple[str, ...] = ()
    hint: str = ""
    example: str | None = None


def units_at(units: Sequence[Unit], as_of: date | None) -> list[Unit]:
    """The units a name may mean at `as_of` (None: at any time). The one place where a
    unit's validity in time narrows the candidates: today every unit is always valid."""
    return list(units)


def resolve_unit(
    dataset: Dataset, query: str, as_of: date | None = None, *, communes_only: bool = False
) -> Resolved[Unit]:
    """The unit `query` names among the dataset's units (the district too unless
    `communes_only`) valid at `as_of`."""
    pool = units_at(dataset.units if communes_only else dataset.all_units(), as_of)
    found = find_unit(query, pool, as_of)  # of several with one name, the one existing at as_of
    if found.unit is not None:
        if as_of is not None and not found.unit.exists_on(as_of):
            return _not_existing(found.unit, query, as_of, dataset.all_units())
        return Resolved(found.unit)
    if found.candidates:
        return Resolved(
            None,
            f"'{query}' khớp với nhiều đơn vị:",
            tuple(f"{display_name(u)} (mã {u.id}{_lifespan(u, ', ')})" for u in found.candidates),
            "Ghi rõ loại đơn vị hoặc dùng mã",
            unambiguous_name(found.candidates[0], found.candidates),
        )
    problem = f"không tìm thấy đơn vị '{query}'."
    if found.suggestions:
        problem += " Có phải ý bạn là: " + ", ".join(display_name(u) for u in found.suggestions) + "?"
    return Resolved(None, problem)


def successors(units: Sequence[Unit], unit: Unit) -> list[Unit]:
    """The units a reorganisation formed from `unit`, wholly or partly: those naming it as
    a predecessor by its id, or by its national code where they do not give an id."""

    def names_it(p: Predecessor) -> bool:
        return p.unit == unit.id or (p.unit is None and p.code is not None and p.code == unit.code)

    return [u for u in units if any(names_it(p) for p in u.predecessors)]


def _lifespan(unit: Unit, lead: str = "") -> str:
    """When the unit exists, as people write it ('từ 01/07/2025', 'đến 30/06/2025'); empty
    for a unit with no dates."""
    start, end = unit.valid_from, unit.valid_to
    if start and end:
        return f"{lead}{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    if start:
        return f"{lead}từ {start:%d/%m/%Y}"
    if end:
        return f"{lead}đến {end:%d/%m/%Y}"
    return ""


def _not_existing(unit: Unit, query: str, day: date, units: Sequence[Unit]) -> Resolved[Unit]:
    """A name that means a unit on other days than `day`: where it went (or when it starts)
    and the --as-of that shows it."""
    name = display_name(unit)
    if unit.valid_to is not None and unit.valid_to < day:
        later = successors(units, unit)
        opened = min((u.valid_from for u in later if u.valid_from), default=unit.valid_to + timedelta(days=1))
        problem = f"{name} không còn tồn tại ngày {day:%d/%m/%Y}"
        if later:
            whole = all(p.merge == "whole" for u in later for p in u.predecessors if p.unit == unit.id)
            verb = "đã nhập vào" if whole else "đã được sắp xếp (nhập một phần) vào"
            problem += f": từ {opened:%d/%m/%Y} {verb} " + ", ".join(display_name(u) for u in later) + "."
        else:
            problem += f" (tồn tại đến {unit.valid_to:%d/%m/%Y})."
        return Resolved(
            None,
            problem,
            tuple(f"{display_name(u)} (mã {u.id}{_lifespan(u, ', ')})" for u in later),
            f"Xem số liệu của {name} trước khi sắp xếp",
            f"{query} --as-of {unit.valid_to.isoformat()}",
        )
    start = unit.valid_from or day
    return Resolved(
        None,
        f"{name} chỉ tồn tại từ {start:%d/%m/%Y}, chưa có vào ngày {day:%d/%m/%Y}.",
        (),
        f"Xem {name} từ ngày thành lập",
        f"{query} --as-of {start.isoformat()}",
    )


def _department_keys(dept: Department) -> tuple[str, ...]:
    return (fold(dept.id), fold(dept.id).replace("-", " "), fold(dept.short), fold(dept.name))


def find_departments(departments: Sequence[Department], text: str) -> list[Department]:
    """Departments named by `text`: its id, short or full name exactly (accents, case and
    the id's hyphens aside), else every department whose short or full name contains it."""
    key = fold(text)
    exact = [d for d in departments if key in _department_keys(d)]
    return exact or [d for d in departments if key and (key in fold(d.short) or key in fold(d.name))]


def resolve_department(dataset: Dataset, query: str) -> Resolved[Department]:
    matches = find_departments(dataset.departments, query)
    if len(matches) == 1:
        return Resolved(matches[0])
    if matches:
        return Resolved(
            None,
            f"'{query}' khớp với nhiều phòng ban:",
            tuple(f"{d.name} (mã {d.id})" for d in matches),
            "Ghi rõ tên hoặc dùng mã",
            matches[0].id,
        )
    keys = {k: d for d in dataset.departments for k in _department_keys(d)}
    close = difflib.get_close_matches(fold(query), list(keys), n=3, cutoff=0.6)
    suggestions = tuple(dict.fromkeys(keys[c] for c in close))
    problem = f"không tìm thấy phòng ban '{query}'."
    if suggestions:
        problem += " Có phải ý bạn là: " + ", ".join(f"{d.name} (mã {d.id})" for d in suggestions) + "?"
    else:
        problem += " Các phòng ban: " + ", ".join(f"{d.id} ({d.short})" for d in dataset.departments)
    return Resolved(None, problem)


def resolve_set(dataset: Dataset, query: str) -> Resolved[CriteriaSet]:
    """A criteria set by its id (case and accents aside)."""
    key = fold(query)
    matches = [s for set_id, s in dataset.sets.items() if fold(set_id) == key]
    if len(matches) == 1:
        return Resolved(matches[0])
    problem = f"bộ tiêu chí '{query}' không tồn tại."
    close = difflib.get_close_matches(key, sorted(dataset.sets), n=3, cutoff=0.6)
    if close:
        problem += " Có phải ý bạn là: " + ", ".join(close) + "?"
    return Resolved(None, problem + " Các bộ: " + ", ".join(sorted(dataset.sets)))


def unit_names(dataset: Dataset) -> list[str]:
    """What a person may type for each unit, for shell completion: its name and its id."""
    return [name for u in dataset.all_units() for name in (u.name, u.id)]
