"""One unit assessed by two criteria sets, criterion by criterion (`gap --compare`).

The criteria of two sets do not correspond one to one (the 2021–2025 commune set has 19
criteria, the 2026–2030 one 10, grouped differently), so nothing is mapped by code: a
criterion is paired only with the criterion of the other set whose name is the same once
folded (case, accents and spacing aside); every other criterion is said to exist in one
set only. Each side keeps its own states and counts: unknown stays unknown.
"""

from __future__ import annotations

from typing import NamedTuple

from ntm_plan.evaluate.results import Assessment, CriterionResult
from ntm_plan.model.names import fold


class CriterionPair(NamedTuple):
    """One line of the comparison: a criterion of the current set, of the compared set, or
    one of each when their names match."""

    current: CriterionResult | None
    compared: CriterionResult | None


class SetComparison(NamedTuple):
    current: Assessment
    compared: Assessment
    rows: tuple[CriterionPair, ...]

    @property
    def paired(self) -> list[CriterionPair]:
        return [r for r in self.rows if r.current is not None and r.compared is not None]

    @property
    def only_current(self) -> list[CriterionResult]:
        return [r.current for r in self.rows if r.current is not None and r.compared is None]

    @property
    def only_compared(self) -> list[CriterionResult]:
        return [r.compared for r in self.rows if r.compared is not None and r.current is None]


def compare_sets(current: Assessment, compared: Assessment) -> SetComparison:
    """The current set's criteria in their order, each with its namesake in the compared
    set if there is one; then the compared set's criteria no name matched, in their order.
    A name repeated within one set pairs in order of appearance, each criterion at most once."""
    waiting: dict[str, list[CriterionResult]] = {}
    for result in compared.criteria:
        waiting.setdefault(fold(result.criterion.name), []).append(result)
    rows: list[CriterionPair] = []
    used: set[int] = set()
    for result in current.criteria:
        matches = waiting.get(fold(result.criterion.name))
        partner = matches.pop(0) if matches else None
        if partner is not None:
            used.add(id(partner))
        rows.append(CriterionPair(result, partner))
    rows += [CriterionPair(None, r) for r in compared.criteria if id(r) not in used]
    return SetComparison(current, compared, tuple(rows))
