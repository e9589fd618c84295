"""What each reporting unit's form holds, and how a row finds its place in the data. Pure.

A commune's People's Committee reports the tasks it leads and the indicators of its
target set; a department reports the tasks it leads anywhere (and its own duties), sees
those it supports, and reports the district indicators it answers for. Every task and
indicator row carries a stable reference: `<owner>/<task id>` or `<owner>#<code>`, with
owner `unit:<id>`, `district` or `dept:<id>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ntm_plan.model import Indicator, Observation, Progress, Task, Unit
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.model.responsibilities import expand_all
from ntm_plan.model.unit import UNIT_LEAD

LEAD = "Chủ trì"
SUPPORT = "Phối hợp"


@dataclass(frozen=True)
class Reporter:
    key: str
    """`unit:<id>` or `dept:<id>`."""
    slug: str
    title: str
    """As a form addresses it: "UBND xã Đức Đồng", "Phòng Tài chính - Kế hoạch"."""


@dataclass(frozen=True)
class TaskRow:
    ref: str
    place: str
    task: Task
    role: str
    last: Progress | None


@dataclass(frozen=True)
class IndicatorRow:
    ref: str
    indicator: Indicator
    last: Observation | None


@dataclass(frozen=True)
class FormContent:
    reporter: Reporter
    year: int
    quarter: int
    tasks: list[TaskRow]
    indicators: list[IndicatorRow]


def unit_title(unit: Unit) -> str:
    return f"UBND {unit.kind} {unit.name}"


def reporters(data: Dataset) -> list[Reporter]:
    found = [Reporter(f"unit:{u.id}", u.id, unit_title(u)) for u in data.units]
    found += [Reporter(f"dept:{d.id}", d.id, d.name) for d in data.departments]
    return found


def owners(data: Dataset) -> list[tuple[str, Unit | None, tuple[Task, ...]]]:
    """Every holder of tasks: (owner key, the unit or None for a department, its tasks)."""
    held: list[tuple[str, Unit | None, tuple[Task, ...]]] = [(f"unit:{u.id}", u, u.tasks) for u in data.units]
    if data.district is not None:
        held.append(("district", data.district, data.district.tasks))
    held += [(f"dept:{d.id}", None, d.duties) for d in data.departments]
    return held


def latest_progress(task: Task, by: date) -> Progress | None:
    entries = [p for p in task.progress if p.as_of <= by]
    return max(entries, key=lambda p: p.as_of, default=None)


def latest_observation(unit: Unit, code: str, by: date) -> Observation | None:
    found = [o for o in unit.observations if o.indicator == code and o.as_of <= by and o.set is None]
    return max(found, key=lambda o: o.as_of, default=None)


def _task_roles(data: Dataset, reporter: str) -> Iterator[tuple[str, Unit | None, Task, str]]:
    """(owner key, its unit, task, role) of every task on `reporter`'s form."""
    kind, _, ident = reporter.partition(":")
    holders = owners(data)
    if kind == "unit":  # a commune reports only its own works: skip the other thousand
        holders = [(key, u, ts) for key, u, ts in holders if key == reporter]
    for owner, unit, tasks in holders:
        for task in tasks:
            lead = task.lead or (ident if owner == reporter else UNIT_LEAD)
            if kind == "unit":
                role = LEAD if owner == reporter and lead == UNIT_LEAD else None
            elif lead == ident:
                role = LEAD
            else:
                role = SUPPORT if ident in task.support else None
            if role is not None:
                yield owner, unit, task, role


def no_form_reason(data: Dataset, reporter: Reporter) -> str:
    """Why a reporter gets no form: what its data lacks, in the words the command prints."""
    kind, _, ident = reporter.key.partition(":")
    unit = next((u for u in data.units if u.id == ident), None) if kind == "unit" else None
    if unit is not None:
        if unit.target is None:
            return (
                "đơn vị chưa có bộ tiêu chí mục tiêu (target) nên không có chỉ tiêu để cập nhật, "
                "và không chủ trì nhiệm vụ nào"
            )
        return "bộ tiêu chí mục tiêu không có chỉ tiêu để đơn vị cập nhật, và đơn vị không chủ trì nhiệm vụ nào"
    return "phòng không chủ trì nhiệm vụ nào và không phụ trách chỉ tiêu nào của bộ tiêu chí mục tiêu huyện"


def form_content(data: Dataset, reporter: Reporter, year: int, quarter: int, end: date) -> FormContent:
    rows: list[TaskRow] = []
    for owner, unit, task, role in _task_roles(data, reporter.key):
        place = f"{unit.kind} {unit.name}" if unit is not None else "Nhiệm vụ của phòng"
        rows.append(TaskRow(f"{owner}/{task.id}", place, task, role, latest_progress(task, end)))
    return FormContent(reporter, year, quarter, rows, _indicator_rows(data, reporter, end))


@dataclass(frozen=True)
class Rows:
    """The rows a reporter's form may carry, by reference: what it reports and what it only sees."""

    title: str
    leads: frozenset[str]
    supports: frozenset[str]
    indicators: frozenset[str]


def reporter_rows(data: Dataset, reporter: str) -> Rows | None:
    """The rows of `reporter`'s form as the data has them now, or None for no such reporter.
    A filled row is taken only from the form of the unit or department it belongs to:
    the form's own copy of its rows (the hidden sheet) proves nothing, anyone can rewrite it."""
    found = next((r for r in reporters(data) if r.key == reporter), None)
    if found is None:
        return None
    leads: set[str] = set()
    supports: set[str] = set()
    for owner, _, task, role in _task_roles(data, reporter):
        (leads if role == LEAD else supports).add(f"{owner}/{task.id}")
    end = date.max
    indicators = frozenset(row.ref for row in _indicator_rows(data, found, end))
    return Rows(found.title, frozenset(leads), frozenset(supports), indicators)


def _indicator_rows(data: Dataset, reporter: Reporter, end: date) -> list[IndicatorRow]:
    kind, _, ident = reporter.key.partition(":")
    if kind == "unit":
        unit = next((u for u in data.units if u.id == ident), None)
        owner = reporter.key
        codes: set[str] | None = None
    else:
        unit = data.district
        owner = "district"
        department = data.department(ident)
        cset = data.sets.get(unit.target.set) if unit and unit.target else None
        codes = set()
        if department is not None and cset is not None:
            chain = _base_chain(data, cset.id)
            for resp in department.responsibilities:
                if resp.set in chain:
                    codes.update(expand_all(resp.indicators, cset))
    if unit is None or unit.target is None or unit.target.set not in data.sets:
        return []
    return [
        IndicatorRow(f"{owner}#{indicator.code}", indicator, latest_observation(unit, indicator.code, end))
        for _, indicator in data.sets[unit.target.set].measures()
        if indicator.kind != "aggregate" and (codes is None or indicator.code in codes)
    ]


def _base_chain(data: Dataset, set_id: str) -> set[str]:
    """The set and the sets it builds on: a department answers for the base set's codes."""
    chain: set[str] = set()
    current: str | None = set_id
    while current is not None and current not in chain:
        chain.add(current)
        written = data.written_sets.get(current)
        current = written.base if written is not None else None
    return chain


@dataclass(frozen=True)
class Place:
    """Where a row's entries go: the file, the key path of the list, and the owning unit."""

    source: SourceFile
    path: tuple[str | int, ...]
    unit: Unit | None


class Index:
    """Task and indicator references of one dataset, looked up in constant time (an import
    of a thousand forms looks up tens of thousands of rows)."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.tasks: dict[str, tuple[Task, Place]] = {}
        for key, unit, tasks in owners(data):
            for i, task in enumerate(tasks):
                place = _place(data, key, unit, ("tasks", i), i)
                self.tasks.setdefault(f"{key}/{task.id}", (task, place))
        self.units: dict[str, Unit] = {f"unit:{u.id}": u for u in data.units}
        if data.district is not None:
            self.units["district"] = data.district
        self.indicators: dict[str, dict[str, Indicator]] = {
            set_id: {i.code: i for _, i in cset.measures() if i.kind != "aggregate"}
            for set_id, cset in data.sets.items()
        }


_LAST: list[Index] = []
_ROWS: dict[str, Rows | None] = {}
_ROWS_OF: list[Dataset] = []


def rows_of(data: Dataset, reporter: str) -> Rows | None:
    """`reporter_rows`, once per reporter and dataset (a department's rows span every unit)."""
    if not _ROWS_OF or _ROWS_OF[0] is not data:
        _ROWS_OF[:] = [data]
        _ROWS.clear()
    if reporter not in _ROWS:
        _ROWS[reporter] = reporter_rows(data, reporter)
    return _ROWS[reporter]


def index_of(data: Dataset) -> Index:
    if not _LAST or _LAST[0].data is not data:
        _LAST[:] = [Index(data)]
    return _LAST[0]


def find_task(data: Dataset, ref: str) -> tuple[Task, Place] | None:
    return index_of(data).tasks.get(ref)


def _place(data: Dataset, key: str, unit: Unit | None, path: tuple[str | int, ...], i: int) -> Place:
    if unit is not None:
        return Place(data.file_of(unit), path, unit)
    d = next(n for n, dept in enumerate(data.departments) if f"dept:{dept.id}" == key)
    return Place(data.files["departments"], ("departments", d, "duties", i), None)


def find_indicator_row(data: Dataset, ref: str) -> tuple[Indicator, Unit, SourceFile] | None:
    owner, _, code = ref.rpartition("#")
    index = index_of(data)
    unit = index.units.get(owner)
    if unit is None or unit.target is None:
        return None
    indicator = index.indicators.get(unit.target.set, {}).get(code)
    return (indicator, unit, data.file_of(unit)) if indicator is not None else None
