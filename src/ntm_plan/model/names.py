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
from datetime import date
from typing import NamedTuple

from ntm_plan.model import Unit

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})
_PREFIX = re.compile(r"^(?:xa|thi tran|huyen|phuong|thanh pho|thi xa|tinh|tt|h)\.?\s+")
KIND_PREFIX_PATTERN = _PREFIX.pattern
"""The unit-kind word `unit_key` drops, as a pattern other languages can read (the site's search)."""


def fold(text: str) -> str:
    """ASCII key of a Vietnamese name: 'Xã Hoà  Lạc' -> 'hoa lac'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# Letters of the Vietnamese alphabet that carry a modifier sort after their base letter
# (a ă â, d đ, e ê, o ô ơ, u ư); tone marks only break ties.
_LETTER_MARKS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}
_TONE_MARKS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
"""The five tone marks (huyền, hỏi, ngã, sắc, nặng) as combining characters, in sort order."""


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


def unit_order(kind: str, name: str) -> tuple[bool, tuple[str, str, str]]:
    """The order units are listed in everywhere: towns first, then Vietnamese alphabetical."""
    return kind != "thị trấn", sort_key(name)


def unit_key(text: str) -> str:
    """`fold` without the leading 'xã', 'thị trấn', 'huyện' word."""
    return _PREFIX.sub("", fold(text))


def display_name(unit: Unit) -> str:
    """Inside a sentence: 'xã Đức Đồng' (NĐ 30: the generic word in lower case)."""
    return f"{unit.kind} {unit.name}"


def unit_heading(unit: Unit) -> str:
    """At the start of a line or cell: 'Xã Đức Đồng'."""
    return f"{unit.kind.capitalize()} {unit.name}"


class Found(NamedTuple):
    unit: Unit | None
    candidates: tuple[Unit, ...] = ()
    suggestions: tuple[Unit, ...] = ()


def name_key(text: str) -> str:
    """A name as written, with only case, spacing, Unicode form and the place of the tone
    mark evened out: 'Hoà Lạc' = 'Hòa Lạc', but 'Đức Thịnh' ≠ 'Đức Thình'."""
    words = []
    for word in unicodedata.normalize("NFD", text).casefold().split():
        tones = sorted(ch for ch in word if ch in _TONE_MARKS)
        words.append("".join(ch for ch in word if ch not in _TONE_MARKS) + "".join(tones))
    return unicodedata.normalize("NFC", " ".join(words))


def _one_or_many(matches: Sequence[Unit], day: date | None = None) -> Found | None:
    unique = tuple(dict.fromkeys(matches))
    if len(unique) > 1 and day is not None:
        # one name, several units over time (the old and the new xã Đức Đồng): the date decides
        existing = tuple(u for u in unique if u.exists_on(day))
        unique = existing or unique
    if len(unique) == 1:
        return Found(unique[0])
    return Found(None, candidates=unique) if unique else None


def find_unit(query: str, units: Sequence[Unit], day: date | None = None) -> Found:
    """The unit a person means. By strength: the unit id; the exact name (with or without
    its kind, accents kept); the folded name; the folded alias. A stronger match always
    beats a weaker one, so an exact name resolves even where folded names collide. Of
    several units matching equally, those existing on `day` are kept when there are any."""
    folded = fold(query)
    key = unit_key(query)
    prefix_kind = next((k for k in ("thị trấn", "huyện", "xã") if folded.startswith(fold(k) + " ")), None)
    pool = [u for u in units if prefix_kind is None or u.kind == prefix_kind]
    exact = name_key(query)
    tiers = (
        [u for u in units if query.strip() == u.id],
        [u for u in pool if exact in (name_key(u.name), name_key(f"{u.kind} {u.name}"))],
        [u for u in pool if key in (unit_key(u.name), u.id.replace("-", " "))],
        [u for u in pool if key in {unit_key(n) for n in u.aliases}],
    )
    for matches in tiers:
        found = _one_or_many(matches, day)
        if found is not None:
            return found
    names: dict[str, list[Unit]] = {}
    then = [u for u in units if u.exists_on(day)] if day is not None else []
    for unit in then or units:  # suggest the units of the day when there are any
        for name in (unit.name, *unit.aliases):
            names.setdefault(unit_key(name), []).append(unit)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    return Found(None, suggestions=tuple(dict.fromkeys(u for c in close for u in names[c])))


def unambiguous_name(unit: Unit, among: Sequence[Unit]) -> str:
    """What to type to get `unit` and not the others: its exact name with the kind when
    that is unique among them, else its id."""
    exact = name_key(f"{unit.kind} {unit.name}")
    if sum(1 for u in among if name_key(f"{u.kind} {u.name}") == exact) == 1:
        return f"{unit.kind} {unit.name}"
    return unit.id
