"""What the data holds, in numbers, and the summary line `validate` prints under its diagnostics."""

from __future__ import annotations

from ntm_plan.check.checks import unverified_thresholds
from ntm_plan.model.dataset import Dataset
from ntm_plan.present.vnformat import number


def dataset_counts(data: Dataset, *, units: int, tasks: int) -> dict[str, int]:
    """Counts for the summary line; `units` and `tasks` counted while the communes were scanned."""
    thresholds = sum(len(i.thresholds) for s in data.written_sets.values() for _, i in s.measures()) + sum(
        len(o.thresholds) for s in data.written_sets.values() for o in s.overrides
    )
    return {
        "units": units + (1 if data.district else 0) + len(data.provinces),
        "sets": len(data.sets),
        "indicators": sum(len(s.indicators()) for s in data.sets.values()),
        "conditions": sum(len(s.conditions) for s in data.sets.values()),
        "tasks": tasks,
        "departments": len(data.departments),
        "thresholds": thresholds,
        "unverified_thresholds": sum(1 for _ in unverified_thresholds(data)),
    }


def counts_sentence(counts: dict[str, int]) -> str:
    """The summary line under `validate`'s diagnostics."""
    n = {key: number(value) for key, value in counts.items()}
    conditions = f" và {n['conditions']} điều kiện công nhận" if counts["conditions"] else ""
    return (
        f"Dữ liệu: {n['units']} đơn vị, {n['sets']} bộ tiêu chí, {n['indicators']} chỉ tiêu"
        f"{conditions}, {n['tasks']} nhiệm vụ, {n['departments']} phòng ban, đơn vị; "
        f"{n['unverified_thresholds']}/{n['thresholds']} ngưỡng chưa đối chiếu văn bản chính thức."
    )
