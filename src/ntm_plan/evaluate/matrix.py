"""Who answers for what: the responsibility matrix of one criteria set. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ntm_plan.model import CriteriaSet, Department, Unassigned
from ntm_plan.model.responsibilities import expand_all


@dataclass(frozen=True)
class Matrix:
    criteria_set: CriteriaSet
    by_department: dict[str, tuple[str, ...]]
    """Department id -> the indicator codes it answers for, in numeric order."""
    written: dict[str, tuple[str, ...]]
    """Department id -> the items as the plan writes them ("7 trừ 7.3, 7.6")."""
    owners: dict[str, tuple[str, ...]]
    """Indicator code -> the departments answering for it (in file order)."""
    unassigned: dict[str, str] = field(default_factory=dict)
    """Indicator code -> why the plan gives it to nobody."""

    @property
    def unowned(self) -> list[str]:
        """Indicators nobody answers for and that no decision explains."""
        return [
            i.code
            for _, i in self.criteria_set.measures()
            if not self.owners.get(i.code) and i.code not in self.unassigned
        ]

    @property
    def shared(self) -> dict[str, tuple[str, ...]]:
        return {code: owners for code, owners in self.owners.items() if len(owners) > 1}


def responsibility_matrices(
    departments: Sequence[Department], sets: Mapping[str, CriteriaSet], unassigned: Sequence[Unassigned] = ()
) -> list[Matrix]:
    """One matrix per set that some department has responsibilities in, in set-id order."""
    set_ids = sorted({r.set for d in departments for r in d.responsibilities if r.set in sets})
    matrices = []
    for set_id in set_ids:
        cset = sets[set_id]
        by_department: dict[str, tuple[str, ...]] = {}
        written: dict[str, tuple[str, ...]] = {}
        for dept in departments:
            items = [text for r in dept.responsibilities if r.set == set_id for text in r.indicators]
            if items:
                by_department[dept.id] = expand_all(items, cset)
                written[dept.id] = tuple(items)
        owners = {i.code: tuple(d for d, codes in by_department.items() if i.code in codes) for _, i in cset.measures()}
        nobody = {
            code: entry.note
            for entry in unassigned
            if entry.set == set_id
            for code in expand_all(entry.indicators, cset)
        }
        matrices.append(Matrix(cset, by_department, written, owners, nobody))
    return matrices
