"""Stage 3, a source's count of units at a title ("12 xã đạt chuẩn NTM nâng cao"), recorded
in a province's file (`title_counts`): against the units the same source names (at
`validate`), and against the units of the data holding that title (at `status`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ntm_plan.check.common import _warn
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model.criteria import TIER_LABEL
from ntm_plan.model.dataset import Dataset


def check_title_counts(data: Dataset) -> Iterator[Diagnostic]:
    for province in data.provinces:
        source = data.file_of(province)
        for i, claim in enumerate(province.title_counts):
            if claim.units and len(claim.units) != claim.count:
                yield _warn(
                    "NTM065",
                    f"nguồn nêu {claim.count} đơn vị đạt {TIER_LABEL[claim.tier]} nhưng kể tên "
                    f"{len(claim.units)} đơn vị",
                    source.at(("title_counts", i, "count")),
                    "Đối chiếu lại văn bản nguồn; ghi chỗ vênh vào note.",
                )


def title_count_warnings(
    reference: Dataset, units: Iterable[tuple[str | None, str | None]], day: date
) -> list[Diagnostic]:
    """Each province's latest count per title dated on or before `day`, against the units
    (`units`: each one's parent and best title label at `day`, as `status` has them) of that
    province whose best title is that title."""
    units = list(units)
    found: list[Diagnostic] = []
    for province in reference.provinces:
        dated = sorted((c.as_of, i) for i, c in enumerate(province.title_counts) if c.as_of <= day)
        latest = {province.title_counts[i].tier: i for _, i in dated}
        for tier, i in latest.items():
            claim = province.title_counts[i]
            label = TIER_LABEL[tier]
            held = [t for parent, t in units if parent == province.id and (t or "").startswith(label + " (")]
            if len(held) == claim.count:
                continue
            found.append(
                _warn(
                    "NTM065",
                    f"nguồn ngày {claim.as_of:%d/%m/%Y} nêu {claim.count} đơn vị đạt {label}; dữ liệu ghi nhận "
                    f"{len(held)} đơn vị của {province.kind} {province.name} có danh hiệu này đến ngày {day:%d/%m/%Y}",
                    reference.file_of(province).at(("title_counts", i, "count")),
                    "Ghi danh hiệu còn thiếu vào tệp của từng đơn vị (kèm nguồn), hoặc ghi chỗ vênh vào note.",
                )
            )
    return found
