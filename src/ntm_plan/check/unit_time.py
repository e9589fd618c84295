"""Stage 3, one unit in time: what its titles and its commune group say against its dates
and its sets.

- A unit formed by a reorganisation holds no title recognised before it existed: its
  predecessors' titles are their history (`evaluate.lineage.predecessor_titles`), and a
  title of its own needs a decision after its formation, usually "thừa nhận sau sắp xếp".
- A title "thừa nhận sau sắp xếp" belongs to a unit a reorganisation formed.
- A commune group names a group of the set that defines it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ntm_plan.check.common import _err
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset


def check_unit_time(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    source = data.file_of(unit)
    for i, title in enumerate(unit.titles):
        if unit.valid_from is not None and title.recognised_on < unit.valid_from:
            yield _err(
                "NTM073",
                f"danh hiệu '{title.tier}' công nhận ngày {title.recognised_on:%d/%m/%Y}, trước khi {unit.kind} "
                f"{unit.name} được thành lập ({unit.valid_from:%d/%m/%Y})",
                source.at(("titles", i)),
                "Danh hiệu của đơn vị cũ ghi ở tệp của đơn vị cũ; đơn vị mới chỉ có danh hiệu khi có quyết định "
                "công nhận hoặc thừa nhận sau sắp xếp (basis: thừa nhận sau sắp xếp).",
            )
        if title.basis == "thừa nhận sau sắp xếp" and not unit.predecessors:
            yield _err(
                "NTM073",
                "danh hiệu 'thừa nhận sau sắp xếp' chỉ dành cho đơn vị hình thành do sắp xếp (có predecessors)",
                source.at(("titles", i, "basis")),
            )
    if unit.group is not None:
        set_id = unit.group.set or (unit.target.set if unit.target else None)
        cset = data.sets.get(set_id) if set_id else None
        if set_id is not None and cset is not None and cset.group(unit.group.code) is None:
            known = ", ".join(g.code for g in cset.groups) or "bộ không chia nhóm"
            yield _err(
                "NTM073",
                f"nhóm '{unit.group.code}' không có trong bộ tiêu chí '{set_id}' ({known})",
                source.at(("group", "code")),
            )
        elif set_id is None:
            yield _err(
                "NTM073",
                "nhóm xã phải nói thuộc bộ tiêu chí nào: ghi 'set:' trong group, hoặc ghi bộ mục tiêu (target)",
                source.at(("group",)),
            )
