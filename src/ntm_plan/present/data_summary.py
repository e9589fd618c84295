"""What the data holds, in numbers, and the summary line `validate` prints under its diagnostics."""

from __future__ import annotations

from ntm_plan.check.checks import unverified_thresholds
from ntm_plan.model.dataset import Dataset


def dataset_counts(data: Dataset, *, units: int | None = None, tasks: int | None = None) -> dict[str, int]:
    """Counts for the summary line; `units` and `tasks` when the communes were scanned, not held."""
    thresholds = sum(len(i.thresholds) for s in data.written_sets.values() for _, i in s.measures()) + sum(
        len(o.thresholds) for s in data.written_sets.values() for o in s.overrides
    )
    return {
        "units": (len(data.units) if units is None else units) + (1 if data.district else 0),
        "sets": len(data.sets),
        "indicators": sum(len(s.indicators()) for s in data.sets.values()),
        "conditions": sum(len(s.conditions) for s in data.sets.values()),
        "tasks": tasks
        if tasks is not None
        else sum(len(u.tasks) for u in data.all_units()) + sum(len(d.duties) for d in data.departments),
        "departments": len(data.departments),
        "thresholds": thresholds,
        "unverified_thresholds": sum(1 for _ in unverified_thresholds(data)),
    }


def counts_sentence(counts: dict[str, int]) -> str:
    """The summary line under `validate`'s diagnostics."""
    conditions = f" và {counts['conditions']} điều kiện công nhận" if counts["conditions"] else ""
    return (
        f"Dữ liệu: {counts['units']} đơn vị, {counts['sets']} bộ tiêu chí, {counts['indicators']} chỉ tiêu"
        f"{conditions}, {counts['tasks']} nhiệm vụ, {counts['departments']} phòng ban, đơn vị; "
        f"{counts['unverified_thresholds']}/{counts['thresholds']} ngưỡng chưa đối chiếu văn bản chính thức."
    )
