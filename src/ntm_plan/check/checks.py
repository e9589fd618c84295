"""Stage 3: checks across files, run once every file has its shape.

Each check is a small function listed in `UNIT_CHECKS` (one unit against the reference
data) or `DATASET_CHECKS` (the reference data itself); names are compared across units.
They find what no single file can show: references to sets, indicators and departments
that do not exist, duplicate units, tasks outside the unit's target set, targets weaker
than the official threshold, and indicators nobody answers for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ntm_plan.check.common import _err, _set_hint, _warn
from ntm_plan.check.duplicates import check_district_duplicates, check_duplicate_tasks
from ntm_plan.check.evidence import EVIDENCE_CHECKS
from ntm_plan.check.ownership import check_departments
from ntm_plan.check.progress import progress_problems
from ntm_plan.check.title_counts import check_title_counts
from ntm_plan.check.unit_time import check_unit_time
from ntm_plan.diagnostics import Diagnostic, display_path
from ntm_plan.model import CriteriaSet, Task, Threshold, Unit
from ntm_plan.model.common import SLUG_PATTERN
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.model.names import name_key
from ntm_plan.model.sets import find_indicator, select_threshold
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.model.units_time import EMPTY_PLACE, UnitPlace


def check_unit_sets(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    source = data.file_of(unit)
    if unit.target and data.set_is_unknown(unit.target.set):
        yield _err(
            "NTM020",
            f"bộ tiêu chí '{unit.target.set}' không tồn tại",
            source.at(("target", "set")),
            _set_hint(data),
        )
    for i, title in enumerate(unit.titles):
        if title.set and data.set_is_unknown(title.set):
            yield _err(
                "NTM020",
                f"bộ tiêu chí '{title.set}' không tồn tại",
                source.at(("titles", i, "set")),
                _set_hint(data),
            )


_SLUG = re.compile(SLUG_PATTERN)


def check_unit_id(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    """A unit without 'id:' takes its file's name, which must then be usable as one."""
    if not _SLUG.fullmatch(unit.id):
        shown = unit.id.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        yield _err(
            "NTM013",
            f"tên tệp '{shown}.yaml' không dùng được làm mã đơn vị",
            data.file_of(unit).at(()),
            "Đặt tên tệp bằng chữ thường không dấu, số và '-' (ví dụ hoa-an.yaml), hoặc ghi 'id:' trong tệp.",
        )


def _set_for(data: Dataset, unit: Unit, explicit: str | None) -> CriteriaSet | None:
    set_id = explicit or (unit.target.set if unit.target else None)
    return data.sets.get(set_id) if set_id else None


def check_observations(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    source = data.file_of(unit)
    for i, obs in enumerate(unit.observations):
        if obs.set and obs.set not in data.sets:
            if not data.set_is_unknown(obs.set):
                continue
            yield _err(
                "NTM020",
                f"bộ tiêu chí '{obs.set}' không tồn tại",
                source.at(("observations", i, "set")),
                _set_hint(data),
            )
            continue
        cset = _set_for(data, unit, obs.set)
        if cset is None:
            continue
        if obs.criterion is not None:
            if all(c.code != obs.criterion for c in cset.criteria):
                yield _err(
                    "NTM021",
                    f"tiêu chí '{obs.criterion}' không có trong bộ '{cset.id}'",
                    source.at(("observations", i, "criterion")),
                    "Ghi 'set:' nếu số liệu thuộc bộ tiêu chí khác.",
                )
            continue
        found = find_indicator(cset, obs.indicator or "")
        if found is None:
            yield _err(
                "NTM021",
                f"chỉ tiêu '{obs.indicator}' không có trong bộ '{cset.id}'",
                source.at(("observations", i, "indicator")),
                "Ghi 'set:' nếu số liệu thuộc bộ tiêu chí khác.",
            )
            continue
        indicator = found[1]
        if indicator.kind == "percent" and obs.value is not None and not 0 <= obs.value <= 100:
            yield _err("NTM013", f"tỷ lệ {obs.value}% phải nằm trong 0–100", source.at(("observations", i, "value")))
        if obs.level is not None and obs.level not in indicator.levels:
            yield _err(
                "NTM013",
                f"mức '{obs.level}' không có trong chỉ tiêu {indicator.code}",
                source.at(("observations", i, "level")),
                "Các mức: " + ", ".join(indicator.levels),
            )


def _department_hint(data: Dataset) -> str:
    return "Các phòng ban: " + ", ".join(sorted(d.id for d in data.departments)) + f"; hoặc '{UNIT_LEAD}' (UBND xã)."


def no_departments(data: Dataset) -> Diagnostic:
    """Without a readable departments.yaml every lead would be unknown: one diagnostic names
    the file instead of one per task."""
    return _err(
        "NTM009",
        "nhiệm vụ giao cho phòng ban nhưng chưa đọc được danh sách phòng ban (departments.yaml thiếu hoặc có lỗi)",
        {"file": display_path(data.root / "departments.yaml", data.root), "line": None, "col": None, "path": ()},
        "Tạo hoặc sửa departments.yaml: danh sách phòng ban của huyện (xem README, mục Data layout).",
    )


def _task_problems(
    data: Dataset, unit: Unit | None, tasks: Iterable[Task], prefix: tuple[str | int, ...], source: SourceFile
) -> Iterator[Diagnostic]:
    known = {d.id for d in data.departments}
    cset = _set_for(data, unit, None) if unit is not None else None
    seen: set[str] = set()
    for i, task in enumerate(tasks):
        path = (*prefix, i)
        if task.id in seen:
            yield _err("NTM029", f"mã nhiệm vụ '{task.id}' bị trùng", source.at((*path, "id")))
        seen.add(task.id)
        if unit is not None and task.lead is None:
            yield _err("NTM010", "nhiệm vụ thiếu đơn vị chủ trì 'lead'", source.at(path), _department_hint(data))
        for field, values in (("lead", [task.lead] if task.lead else []), ("support", list(task.support))):
            for j, value in enumerate(values):
                if value != UNIT_LEAD and "departments" not in data.files:
                    yield no_departments(data)  # one for all: identical diagnostics are shown once
                elif value != UNIT_LEAD and value not in known:
                    sub = (*path, field) if field == "lead" else (*path, field, j)
                    yield _err("NTM022", f"phòng ban '{value}' không tồn tại", source.at(sub), _department_hint(data))
        if task.quantity is not None:
            for k, entry in enumerate(task.progress):
                if entry.done is not None and entry.done > task.quantity:
                    yield _err(
                        "NTM030",
                        f"đã làm {entry.done} {task.unit} vượt khối lượng {task.quantity} {task.unit}",
                        source.at((*path, "progress", k, "done")),
                    )
        yield from progress_problems(task, path, source)
        if cset is None:
            continue
        if task.indicator and find_indicator(cset, task.indicator) is None:
            yield _err(
                "NTM024",
                f"nhiệm vụ gắn với chỉ tiêu '{task.indicator}' không có trong bộ '{cset.id}'",
                source.at((*path, "indicator")),
            )
        if task.criterion and task.criterion not in {c.code for c in cset.criteria}:
            yield _err(
                "NTM024",
                f"nhiệm vụ gắn với tiêu chí '{task.criterion}' không có trong bộ '{cset.id}'",
                source.at((*path, "criterion")),
            )


def check_unit_tasks(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    yield from _task_problems(data, unit, unit.tasks, ("tasks",), data.file_of(unit))


def check_duties(data: Dataset) -> Iterator[Diagnostic]:
    if "departments" not in data.files:
        return
    for d, dept in enumerate(data.departments):
        yield from _task_problems(data, None, dept.duties, ("departments", d, "duties"), data.files["departments"])


def check_unit_targets(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    source = data.file_of(unit)
    cset = _set_for(data, unit, None)
    if cset is not None:
        for i, target in enumerate(unit.targets):
            if target.indicator is None:
                continue
            found = find_indicator(cset, target.indicator)
            if found is None:
                yield _err(
                    "NTM021",
                    f"chỉ tiêu '{target.indicator}' không có trong bộ '{cset.id}'",
                    source.at(("targets", i, "indicator")),
                )
                continue
            if found[1].kind == "percent" and target.value is not None and not 0 <= target.value <= 100:
                yield _err("NTM013", f"tỷ lệ {target.value}% phải nằm trong 0–100", source.at(("targets", i, "value")))
                continue
            threshold = select_threshold(found[1], unit.region, target.year)
            if threshold is None or threshold.value is None or target.value is None:
                continue
            weaker = target.value < threshold.value if found[1].direction == "min" else target.value > threshold.value
            if weaker:
                yield _warn(
                    "NTM025",
                    f"chỉ tiêu năm {target.year} ({target.value}) kém hơn ngưỡng của bộ tiêu chí ({threshold.value})",
                    source.at(("targets", i, "value")),
                )


@dataclass(frozen=True, slots=True)
class UnitName:
    """What the checks across units keep of a unit: enough to report, not the unit."""

    kind: str
    name: str
    source: SourceFile
    place: UnitPlace = EMPTY_PLACE

    @classmethod
    def of(cls, unit: Unit, source: SourceFile) -> UnitName:
        return cls(unit.kind, unit.name, source, UnitPlace.of(unit))


def duplicate_names(names: Iterable[UnitName]) -> Iterator[Diagnostic]:
    """Two units of one kind with one name under one parent at the same time. The same name
    at other dates (the old and the new xã Đức Đồng) or under another parent is allowed."""
    first: dict[tuple[str, str, str | None], list[UnitName]] = {}
    for entry in names:
        key = (entry.kind, name_key(entry.name), entry.place.parent)
        same = first.setdefault(key, [])
        other = next((o for o in same if o.place.overlaps(entry.place)), None)
        same.append(entry)
        if other is not None:
            yield _err(
                "NTM023",
                f"tên '{entry.name}' trùng với {other.kind} {other.name} (tệp {other.source.name})",
                entry.source.at(("name",)),
                "Hai đơn vị cùng loại không được trùng tên (không kể chữ hoa/thường và vị trí dấu thanh).",
            )


def check_derived(data: Dataset) -> Iterator[Diagnostic]:
    for set_id, cset in data.written_sets.items():
        source = data.files[f"set:{set_id}"]
        for c, criterion in enumerate(cset.criteria):
            for i, indicator in enumerate(criterion.indicators):
                for t, threshold in enumerate(indicator.thresholds):
                    if threshold.derived is None:
                        continue
                    path = ("criteria", c, "indicators", i, "thresholds", t, "derived")
                    other = data.sets.get(threshold.derived.set)
                    if other is None:
                        yield _err(
                            "NTM028",
                            f"bộ tiêu chí '{threshold.derived.set}' không tồn tại",
                            source.at((*path, "set")),
                            _set_hint(data),
                        )
                    elif find_indicator(other, threshold.derived.indicator) is None:
                        yield _err(
                            "NTM021",
                            f"chỉ tiêu '{threshold.derived.indicator}' không có trong bộ '{other.id}'",
                            source.at((*path, "indicator")),
                        )


_SHARES = ("percent", "parts", "aggregate")
"""Indicator kinds whose threshold is a percentage."""


def check_percent_thresholds(data: Dataset) -> Iterator[Diagnostic]:
    """Thresholds of percentage indicators within 0–100, in a set and in a province's overrides
    (whose indicator kind comes from the base set)."""
    for set_id, cset in data.written_sets.items():
        source = data.files[f"set:{set_id}"]
        places: list[tuple[tuple[str | int, ...], str, tuple[Threshold, ...]]] = [
            (("criteria", c, "indicators", i), indicator.kind, indicator.thresholds)
            for c, criterion in enumerate(cset.criteria)
            for i, indicator in enumerate(criterion.indicators)
        ]
        places += [(("conditions", k), cond.kind, cond.thresholds) for k, cond in enumerate(cset.conditions)]
        base = data.sets.get(cset.base) if cset.base else None
        for o, override in enumerate(cset.overrides):
            found = find_indicator(base, override.indicator) if base else None
            if found is not None:
                places.append((("overrides", o), found[1].kind, override.thresholds))
        for path, kind, thresholds in places:
            if kind not in _SHARES:
                continue
            for t, threshold in enumerate(thresholds):
                if threshold.value is not None and not 0 <= threshold.value <= 100:
                    yield _err(
                        "NTM013",
                        f"tỷ lệ {threshold.value}% phải nằm trong 0–100",
                        source.at((*path, "thresholds", t, "value")),
                    )


UNIT_CHECKS = (
    check_unit_id,
    check_unit_sets,
    check_observations,
    check_unit_tasks,
    check_unit_targets,
    check_duplicate_tasks,
    check_unit_time,
    *EVIDENCE_CHECKS,
)
"""Checks of one unit against the reference data (sets, departments)."""

DATASET_CHECKS = (
    check_duties,
    check_departments,
    check_derived,
    check_percent_thresholds,
    check_district_duplicates,
    check_title_counts,
)
"""Checks of the reference data itself."""


def run_unit_checks(data: Dataset, unit: Unit) -> list[Diagnostic]:
    return [diag for check in UNIT_CHECKS for diag in check(data, unit)]


def check_unit_file(reference: Dataset, unit: Unit, source: SourceFile) -> list[Diagnostic]:
    """A commune read from its file, checked against the reference data: the one stage
    `validate`, `load` and `import` (on the edited text) run for every commune file."""
    return run_unit_checks(reference.with_unit(unit, source), unit)


def unverified_thresholds(data: Dataset) -> Iterable[tuple[str, str]]:
    for set_id, cset in data.written_sets.items():
        for _, indicator in cset.measures():
            for t in indicator.thresholds:
                if not t.verified:
                    yield set_id, indicator.code
        for override in cset.overrides:
            for t in override.thresholds:
                if not t.verified:
                    yield set_id, override.indicator
