"""Who answers for each indicator: departments' responsibilities and the plan's "nobody".

An indicator no department answers for is a warning (NTM026) unless `unassigned:` records
that the plan gives it to nobody, with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterator, Mapping

from ntm_plan.check.common import _err, _set_hint, _warn
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model import CriteriaSet
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.model.responsibilities import expand_in_set


def check_departments(data: Dataset) -> Iterator[Diagnostic]:
    if "departments" not in data.files:
        return
    source = data.files["departments"]
    ids: set[str] = set()
    owned: dict[str, set[str]] = defaultdict(set)
    for d, dept in enumerate(data.departments):
        if dept.id in ids:
            yield _err("NTM029", f"mã phòng ban '{dept.id}' bị trùng", source.at(("departments", d, "id")))
        ids.add(dept.id)
        mine: dict[tuple[str, str], int] = {}
        for r, resp in enumerate(dept.responsibilities):
            path = ("departments", d, "responsibilities", r)
            cset = yield from _resolve_set(data, resp.set, source, path)
            if cset is None:
                continue
            for k, text in enumerate(resp.indicators):
                for code in (yield from _expand(text, cset, source, path, k)):
                    if (cset.id, code) in mine:
                        yield _warn(
                            "NTM027",
                            f"{dept.short} đã nhận chỉ tiêu {code} của bộ '{cset.id}' ở mục khác",
                            source.at((*path, "indicators", k)),
                        )
                    mine[(cset.id, code)] = k
                    owned[cset.id].add(code)
    decided = yield from _check_unassigned(data, owned)
    for set_id in sorted(owned):
        missing = [
            i.code
            for _, i in data.sets[set_id].measures()
            if i.code not in owned[set_id] and i.code not in decided[set_id]
        ]
        if missing:
            yield _warn(
                "NTM026",
                f"{len(missing)} chỉ tiêu của bộ '{set_id}' chưa có phòng ban phụ trách: " + ", ".join(missing),
                source.at(("departments",)),
                "Giao cho một phòng ban, hoặc ghi vào 'unassigned:' kèm lý do nếu kế hoạch không giao cho ai.",
            )


def _check_unassigned(data: Dataset, owned: Mapping[str, set[str]]) -> Generator[Diagnostic, None, dict[str, set[str]]]:
    """Indicators recorded as given to nobody: known codes, and not also given to someone."""
    source = data.files["departments"]
    decided: dict[str, set[str]] = defaultdict(set)
    for u, entry in enumerate(data.unassigned):
        path = ("unassigned", u)
        cset = yield from _resolve_set(data, entry.set, source, path)
        if cset is None:
            continue
        for k, text in enumerate(entry.indicators):
            for code in (yield from _expand(text, cset, source, path, k)):
                if code in owned.get(cset.id, ()):
                    yield _warn(
                        "NTM027",
                        f"chỉ tiêu {code} của bộ '{cset.id}' ghi là không giao cho ai nhưng đã có phòng ban nhận",
                        source.at((*path, "indicators", k)),
                    )
                decided[cset.id].add(code)
    return decided


def _resolve_set(
    data: Dataset, set_id: str, source: SourceFile, path: tuple[str | int, ...]
) -> Generator[Diagnostic, None, CriteriaSet | None]:
    """The criteria set an entry names; an unknown one is an error (NTM020), a skipped one is quiet."""
    cset = data.sets.get(set_id)
    if cset is None and data.set_is_unknown(set_id):
        yield _err("NTM020", f"bộ tiêu chí '{set_id}' không tồn tại", source.at((*path, "set")), _set_hint(data))
    return cset


def _expand(
    text: str, cset: CriteriaSet, source: SourceFile, path: tuple[str | int, ...], k: int
) -> Generator[Diagnostic, None, tuple[str, ...]]:
    """The codes one written item names; codes not in the set are errors (NTM021)."""
    result = expand_in_set(text, cset)
    for code in result.unknown:
        yield _err("NTM021", f"mã '{code}' không có trong bộ '{cset.id}'", source.at((*path, "indicators", k)))
    return result.codes
