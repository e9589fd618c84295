"""Each task once (NTM035): two tasks of one owner that say the same work.

A plan often states a work twice: in the district's contents (II.2: what is to be done)
and again in a department's duties (VI.1.2: who does it). Recorded twice, the work is
counted twice and printed as two rows of the Khung kế hoạch. Two tasks are the same when
they belong to one owner (a commune's tasks; at the district, the department that leads
the task or holds the duty) and have one id, or one text (case, spacing and punctuation
aside) with one criterion or indicator and one quantity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ntm_plan.check.common import _warn
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model import Task, Unit
from ntm_plan.model.dataset import Dataset, SourceFile, Where
from ntm_plan.model.names import display_name

_NOT_WORD = re.compile(r"[\W_]+")


class Placed(NamedTuple):
    """A task with the file and path it was read from."""

    task: Task
    source: SourceFile
    path: tuple[str | int, ...]


def same_text(a: str, b: str) -> bool:
    return _words(a) == _words(b)


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def sameness(a: Task, b: Task, *, one_file: bool) -> str | None:
    """How two tasks of one owner are the same work, in words; None if they are not. One
    text for two criteria, or for two quantities, is two works. One id twice in one file is
    NTM029 already; across files (a district task and a duty) it is one work."""
    if a.id == b.id and not one_file:
        return f"cùng mã '{a.id}'"
    if (
        same_text(a.text, b.text)
        and (a.criterion, a.indicator) == (b.criterion, b.indicator)
        and (a.quantity, a.unit) == (b.quantity, b.unit)
    ):
        return "cùng nội dung, chỉ tiêu và khối lượng"
    return None


def duplicate_warnings(placed: Sequence[Placed], owner: str) -> Iterator[Diagnostic]:
    """One warning per task that repeats an earlier one, naming both places."""
    for j, later in enumerate(placed):
        for earlier in placed[:j]:
            how = sameness(earlier.task, later.task, one_file=earlier.source is later.source)
            if how is None or (earlier.source is later.source and earlier.path == later.path):
                continue
            first = earlier.source.at(earlier.path)
            yield _warn(
                "NTM035",
                f"nhiệm vụ '{later.task.id}' của {owner} trùng với nhiệm vụ '{earlier.task.id}' "
                f"({_place(first)}): {how}",
                later.source.at(later.path),
                "Ghi mỗi việc một lần: gộp hai mục (nêu cả hai mục của văn bản nguồn trong source.section) "
                "rồi xóa mục còn lại.",
            )
            break


def _place(where: Where) -> str:
    line = f", dòng {where['line']}" if where.get("line") else ""
    return f"{where['file']}{line}"


def check_duplicate_tasks(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    """A commune's tasks, each once. The district's are checked with its departments' duties."""
    if unit.kind == "huyện":
        return
    source = data.file_of(unit)
    placed = [Placed(task, source, ("tasks", i)) for i, task in enumerate(unit.tasks)]
    yield from duplicate_warnings(placed, display_name(unit))


def check_district_duplicates(data: Dataset) -> Iterator[Diagnostic]:
    """At the district, by owner: a task led by a department against that department's
    duties and the other district tasks it leads."""
    by_owner: dict[str, list[Placed]] = {}
    district = data.district
    if district is not None:
        source = data.file_of(district)
        for i, task in enumerate(district.tasks):
            by_owner.setdefault(task.lead or "", []).append(Placed(task, source, ("tasks", i)))
    if "departments" in data.files:
        departments = data.files["departments"]
        for d, dept in enumerate(data.departments):
            for k, duty in enumerate(dept.duties):
                by_owner.setdefault(dept.id, []).append(Placed(duty, departments, ("departments", d, "duties", k)))
    names = {dept.id: dept.name for dept in data.departments}
    for owner, placed in by_owner.items():
        yield from duplicate_warnings(placed, names.get(owner, "cấp huyện"))
