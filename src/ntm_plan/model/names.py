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


# Letters of the Vietnamese alphabet that carry a modifier sort after their base letter
# (a ă â, d đ, e ê, o ô ơ, u ư); tone marks only break ties.
_LETTER_MARKS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}
_TONE_MARKS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def sort_key(name: str) -> tuple[str, str, str]:
    """Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư (code points put Đ after Y)."""
    primary: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", " ".join(name.split()).casefold()):
        if ch in _LETTER_MARKS and primary:
            primary[-1] = primary[-1][0] + _LETTER_MARKS[ch]
        elif ch in _TONE_MARKS:
            tones[-1:] = [_TONE_MARKS[ch]]
        elif not unicodedata.combining(ch):
            primary.append("d4" if ch in "đð" else ch + "0")
            tones.append("0")
    return "".join(primary), "".join(tones), name


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
