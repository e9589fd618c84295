"""Finding a unit by the name a person types: "Duc Dong", "đức đồng", "xã Hoà Lạc", NFD.

Names are folded to a key (accents, đ/Đ, case, spacing, unit-type prefix and tone
placement all dropped). A query whose key matches one unit returns it; several → the
candidates; none → the closest names. Pure functions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ntm_plan.model import Unit

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})
_PREFIX = re.compile(r"^(?:xa|thi tran|huyen|phuong|thanh pho|thi xa|tinh|tt|h)\.?\s+")


def fold(text: str) -> str:
    """ASCII key of a Vietnamese name: 'Xã Hoà  Lạc' -> 'hoa lac'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


_ORDER_MAP = str.maketrans({"đ": "d{", "Đ": "D{"})


def sort_key(name: str) -> tuple[str, str]:
    """Vietnamese alphabetical order: Đ after D (Python's code-point order puts it after Y)."""
    return fold(name.translate(_ORDER_MAP)), name


def unit_key(text: str) -> str:
    """`fold` without the leading 'xã', 'thị trấn', 'huyện' word."""
    return _PREFIX.sub("", fold(text))


def display_name(unit: Unit) -> str:
    return f"{unit.kind} {unit.name}"


@dataclass(frozen=True, slots=True)
class Found:
    unit: Unit | None
    candidates: tuple[Unit, ...] = ()
    suggestions: tuple[Unit, ...] = ()


def find_unit(query: str, units: Sequence[Unit]) -> Found:
    folded = fold(query)
    key = unit_key(query)
    prefix_kind = next((k for k in ("thị trấn", "huyện", "xã") if folded.startswith(fold(k) + " ")), None)
    pool = [u for u in units if prefix_kind is None or u.kind == prefix_kind]
    matches = [
        u for u in pool if key in {unit_key(n) for n in (u.name, *u.aliases)} or key == (u.id or "").replace("-", " ")
    ]
    if len(matches) == 1:
        return Found(matches[0])
    if matches:
        return Found(None, candidates=tuple(matches))
    names = {unit_key(n): u for u in units for n in (u.name, *u.aliases)}
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    return Found(None, suggestions=tuple(dict.fromkeys(names[c] for c in close)))
