"""Reading responsibility items as the plan writes them, and expanding them against a set.

"7" is a whole criterion, "8.4" one indicator, "8.1-8.3" a range inside a criterion, and
"7 trừ 7.3, 7.6" a criterion without some indicators. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ntm_plan.model.common import CONDITION_ID

if TYPE_CHECKING:
    from ntm_plan.model.criteria import CriteriaSet

_CODE = r"[0-9]+(?:\.[0-9]+)*"
_RANGE = re.compile(rf"^({_CODE})\s*[-–—]\s*({_CODE})$")
_EXCEPT = re.compile(rf"^({_CODE})\s+(?:trừ|tru|except)\s+(.+)$", re.IGNORECASE)
_SINGLE = re.compile(rf"^({_CODE})$")
_CONDITION = re.compile(rf"^({CONDITION_ID})$")


class Item(NamedTuple):
    start: str
    end: str | None = None
    excluded: tuple[str, ...] = ()


def code_key(code: str) -> tuple[int, ...]:
    """Numeric order of codes: "8.10" comes after "8.9"."""
    return tuple(int(part) for part in re.findall(r"[0-9]+", code))


def code_order(code: str) -> tuple[bool, tuple[int, ...], str]:
    """`code_key` with the code itself to break ties ("17a" before "17b"), so output is stable;
    condition ids ("hai-long-huyen") after every indicator code."""
    return not code[:1].isdigit(), code_key(code), code


def parse_item(text: str) -> Item:
    """Parse one item or raise ValueError with a Vietnamese message."""
    cleaned = " ".join(text.split())
    if match := _SINGLE.match(cleaned) or _CONDITION.match(cleaned):
        return Item(match[1])
    if match := _RANGE.match(cleaned):
        start, end = match[1], match[2]
        if start.split(".")[0] != end.split(".")[0] or code_key(start) > code_key(end):
            raise ValueError(f"khoảng '{text}' phải nằm trong một tiêu chí và đi từ nhỏ đến lớn")
        return Item(start, end)
    if match := _EXCEPT.match(cleaned):
        excluded = tuple(c for c in re.split(r"\s*(?:,|và|;)\s*", match[2]) if c)
        if not all(_SINGLE.match(c) for c in excluded):
            raise ValueError(f"phần loại trừ trong '{text}' phải là các mã, ví dụ \"7 trừ 7.3, 7.6\"")
        return Item(match[1], excluded=excluded)
    raise ValueError(
        f'không hiểu \'{text}\': viết "7" (cả tiêu chí), "8.4", "8.1-8.3", "7 trừ 7.3, 7.6" '
        'hoặc mã một điều kiện công nhận ("hai-long-huyen")'
    )


class Expansion(NamedTuple):
    codes: tuple[str, ...]
    unknown: tuple[str, ...]


def expand(item: Item, criteria: Mapping[str, Sequence[str]], indicator_codes: Iterable[str]) -> Expansion:
    """Indicator codes an item names. `criteria` maps criterion code -> its indicator codes."""
    known = set(indicator_codes)
    if item.end is not None:
        low, high = code_key(item.start), code_key(item.end)
        unknown = tuple(c for c in (item.start, item.end) if c not in known)
        chosen = sorted(
            (c for c in known if low <= code_key(c) <= high and c.split(".")[0] == item.start.split(".")[0]),
            key=code_order,
        )
        return Expansion(tuple(chosen), unknown)
    if item.start in criteria:
        unknown = tuple(c for c in item.excluded if c not in criteria[item.start])
        chosen = [c for c in criteria[item.start] if c not in item.excluded]
        return Expansion(tuple(chosen), unknown)
    if item.excluded:
        return Expansion((), (item.start,))
    if item.start in known:
        return Expansion((item.start,), ())
    return Expansion((), (item.start,))


def expand_in_set(text: str, criteria_set: CriteriaSet) -> Expansion:
    """Expand one written item ("7 trừ 7.3, 7.6", "hai-long-huyen") against a resolved criteria set."""
    criteria = {c.code: [i.code for i in c.indicators] for c in criteria_set.criteria}
    codes = [i.code for _, i in criteria_set.measures()]
    return expand(parse_item(text), criteria, codes)


def expand_all(texts: Iterable[str], criteria_set: CriteriaSet) -> tuple[str, ...]:
    """Every indicator code the items name, once each, in numeric order."""
    found: set[str] = set()
    for text in texts:
        found.update(expand_in_set(text, criteria_set).codes)
    return tuple(sorted(found, key=code_order))
