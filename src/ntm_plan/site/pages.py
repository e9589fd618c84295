"""What every page context shares: the page record, the evaluated data, links, task rows.

Page contexts are plain dicts of ready-made Vietnamese text, built from the evaluated data.

Every figure comes from the evaluator (the same `assess_unit`/`assess_district` results
`gap` prints), every phrase from `present`; the templates only place the strings. Long
lists are cut into numbered pages so that no page grows with the number of units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment, CriteriaCounts
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.model import Unit
from ntm_plan.model.criteria import TIER_LABEL, TIER_RANK
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.phrases import (
    due_text,
    progress_text,
    quantity_text,
)
from ntm_plan.present.task_lists import lead_name
from ntm_plan.site import links

T = TypeVar("T")

UNITS_PER_PAGE = 150
"""Rows of a page of the unit list: about 80 KB, well under the 200 KB a page may take."""
UNITS_ON_HOME = 100
TASKS_PER_PAGE = 100
"""Rows of a page of a department's tasks: about 80 KB with the synthetic texts."""

NO_SET = "chưa có bộ tiêu chí"
"""A unit without a target set is not assessed: its own state, never a failure."""
STATE_KIND = {MET: "met", NOT_MET: "not-met", UNKNOWN: "unknown", NO_SET: "none"}
NO_TITLE = "chưa có danh hiệu"
OWN_COMMITTEES = "UBND các đơn vị (tự chủ trì)"


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    """Where the page is written, relative to the site's root."""
    template: str
    title: str
    context: dict[str, Any]


@dataclass(frozen=True)
class Evaluated:
    """The data and its assessments at one date: what every page is built from."""

    data: Dataset
    as_of: date
    assessments: Mapping[str, Assessment | None]
    """By unit id, the district's included."""
    tasks: Sequence[TaskStatus]
    """Every task at the date: the units', the district's, the departments' own duties."""
    tasks_by_unit: Mapping[str, Sequence[TaskStatus]]
    """The units' tasks by unit id (a unit page must not search every task)."""
    successors: Mapping[str, Sequence[Unit]]
    """By unit id, the units a reorganisation formed from it."""


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def pager(url: str, page: int, pages: int) -> dict[str, Any] | None:
    if pages <= 1:
        return None
    return {
        "page": page,
        "pages": pages,
        "links": [{"n": n, "url": links.numbered(url, n), "current": n == page} for n in range(1, pages + 1)],
    }


# ---- shared pieces -------------------------------------------------------------------


def unit_state(assessment: Assessment | None) -> str:
    return NO_SET if assessment is None else str(assessment.status)


def best_tier(unit: Unit, as_of: date) -> str:
    held = [t for t in unit.titles if t.held_by(as_of)]
    if not held:
        return NO_TITLE
    return TIER_LABEL[max(held, key=lambda t: TIER_RANK[t.tier]).tier]


def link(label: str, url: str | None) -> dict[str, str | None]:
    return {"label": label, "url": url}


def lead_link(status: TaskStatus, data: Dataset) -> dict[str, str | None]:
    if status.lead == UNIT_LEAD:
        return link(lead_name(status, data), None)
    known = data.department(status.lead) is not None
    return link(lead_name(status, data), links.department_url(status.lead) if known else None)


def department_link(dept_id: str, data: Dataset) -> dict[str, str | None]:
    dept = data.department(dept_id)
    return link(dept.short if dept else dept_id, links.department_url(dept_id) if dept else None)


def task_row(status: TaskStatus, data: Dataset, *, with_unit: bool = False, role: str | None = None) -> dict[str, Any]:
    unit = status.unit
    owner = data.department(status.owner_department) if status.owner_department else None
    where = None
    if with_unit:
        if unit is not None:
            where = link(unit_heading(unit), links.unit_url(unit.id))
        elif owner is not None:
            where = link(f"Nhiệm vụ riêng của {owner.short}", None)
    return {
        "text": status.task.text,
        "quantity": quantity_text(status.task),
        "progress": progress_text(status),
        "lead": lead_link(status, data),
        "support": [department_link(d, data) for d in status.task.support],
        "due": due_text(status.task),
        "state": str(status.state),
        "overdue": status.overdue,
        "unit": where,
        "role": role,
    }


def counts_row(counts: CriteriaCounts | None) -> dict[str, Any] | None:
    if counts is None:
        return None
    return {"met": counts.met, "not_met": counts.not_met, "unknown": counts.unknown, "total": counts.total}
