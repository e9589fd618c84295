"""Stage 3, units over time: checks across units of their parents, predecessors and codes.

Run once every unit file is read (`pipeline.stages.finish_dataset`), on the small
`UnitName` each keeps, so that a scan of the whole country holds no unit in memory:
- a parent exists and exists on every day of the unit (NTM070);
- a predecessor named by id exists and closes the day before its successor opens (NTM071);
- no two units valid on a same day share a national code (NTM072).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from ntm_plan.check.checks import UnitName
from ntm_plan.check.common import _err
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.units_time import day_before


def _shown(day: date | None) -> str:
    return "không ghi" if day is None else f"{day:%d/%m/%Y}"


def lineage_problems(reference: Dataset, units: Sequence[UnitName]) -> Iterator[Diagnostic]:
    everyone = [
        *units,
        *([UnitName.of(reference.district, reference.file_of(reference.district))] if reference.district else []),
        *(UnitName.of(p, reference.file_of(p)) for p in reference.provinces),
    ]
    by_id: dict[str, UnitName] = {}
    for entry in everyone:
        by_id.setdefault(entry.place.id, entry)
    for entry in everyone:
        yield from _parent_problems(entry, by_id)
        yield from _predecessor_problems(entry, by_id)
    yield from _shared_codes(everyone)


def _parent_problems(entry: UnitName, by_id: dict[str, UnitName]) -> Iterator[Diagnostic]:
    place = entry.place
    if place.parent is None:
        return
    parent = by_id.get(place.parent)
    if parent is None:
        yield _err(
            "NTM070",
            f"đơn vị cấp trên '{place.parent}' không có trong thư mục dữ liệu",
            entry.source.at(("parent",)),
            "Ghi mã (id) của huyện (district.yaml) hoặc của tỉnh (provinces/<mã>.yaml).",
        )
    elif place.parent == place.id:
        yield _err("NTM070", "đơn vị không thể là cấp trên của chính nó", entry.source.at(("parent",)))
    elif not place.within(parent.place):
        yield _err(
            "NTM070",
            f"{entry.kind} {entry.name} tồn tại từ {_shown(place.valid_from)} đến {_shown(place.valid_to)}, "
            f"ngoài thời gian của đơn vị cấp trên {parent.kind} {parent.name} "
            f"({_shown(parent.place.valid_from)} – {_shown(parent.place.valid_to)})",
            entry.source.at(("parent",)),
            "Ghi valid_from/valid_to của đơn vị nằm trong thời gian của đơn vị cấp trên, hoặc đổi 'parent'.",
        )


def _predecessor_problems(entry: UnitName, by_id: dict[str, UnitName]) -> Iterator[Diagnostic]:
    place = entry.place
    if place.predecessors and place.valid_from is None:
        yield _err(
            "NTM071",
            f"{entry.kind} {entry.name} có đơn vị cũ (predecessors) nhưng chưa ghi ngày thành lập valid_from",
            entry.source.at(("predecessors",)),
        )
    for i, pred in enumerate(place.predecessors):
        if pred.unit is None:
            continue  # named by its national code only: a unit outside the data directory
        old = by_id.get(pred.unit)
        if old is None:
            yield _err(
                "NTM071",
                f"đơn vị cũ '{pred.unit}' không có trong thư mục dữ liệu",
                entry.source.at(("predecessors", i, "unit")),
                "Ghi mã (id) của tệp đơn vị cũ, hoặc bỏ 'unit' và chỉ ghi 'code' (mã đơn vị hành chính).",
            )
            continue
        if pred.code is not None and old.place.code is not None and pred.code != old.place.code:
            yield _err(
                "NTM071",
                f"mã '{pred.code}' khác mã của {old.kind} {old.name} ('{old.place.code}')",
                entry.source.at(("predecessors", i, "code")),
            )
        if place.valid_from is not None and old.place.valid_to != day_before(place.valid_from):
            yield _err(
                "NTM071",
                f"{old.kind} {old.name} phải kết thúc ngày {day_before(place.valid_from):%d/%m/%Y}, ngay trước ngày "
                f"{entry.kind} {entry.name} được thành lập; tệp của nó ghi valid_to: {_shown(old.place.valid_to)}",
                entry.source.at(("predecessors", i, "unit")),
                f"Ghi valid_to: {day_before(place.valid_from).isoformat()} trong tệp {old.source.name}.",
            )


def _shared_codes(everyone: Sequence[UnitName]) -> Iterator[Diagnostic]:
    by_code: dict[str, list[UnitName]] = {}
    for entry in everyone:
        if entry.place.code is None:
            continue
        same = by_code.setdefault(entry.place.code, [])
        other = next((o for o in same if o.place.overlaps(entry.place)), None)
        same.append(entry)
        if other is not None:
            yield _err(
                "NTM072",
                f"mã đơn vị hành chính '{entry.place.code}' trùng với {other.kind} {other.name} "
                f"(tệp {other.source.name}) trong cùng thời gian",
                entry.source.at(("code",)),
                "Hai đơn vị chỉ dùng chung một mã khi thời gian tồn tại không giao nhau (valid_from/valid_to).",
            )
