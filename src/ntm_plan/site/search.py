"""The client-side search index: each unit, department and criteria set with the keys the
command line matches names by (`model.names.fold`/`unit_key`), written as a script file
because browsers refuse to fetch JSON from file:// pages."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

from ntm_plan.model.names import KIND_PREFIX_PATTERN, fold, unit_key

INDEX_VARIABLE = "NTM_SEARCH_INDEX"


class Entry(NamedTuple):
    label: str
    """What the result list shows: 'Xã Đức Đồng'."""
    kind: str
    """What it is, in words: 'đơn vị', 'phòng ban', 'bộ tiêu chí'."""
    url: str
    """Relative to the site's root."""
    names: tuple[str, ...]
    """Every name it can be found by: name, name with kind, aliases, code, id."""
    current: bool
    """It exists at the site's date: among equal matches, listed before a unit of the past."""


def keys(entry: Entry) -> list[str]:
    """Folded keys, with and without the unit-kind word, each once."""
    found: dict[str, None] = {}
    for name in entry.names:
        for key in (fold(name), unit_key(name)):
            if key:
                found.setdefault(key, None)
    return list(found)


def index_script(entries: Iterable[Entry]) -> str:
    """`window.NTM_SEARCH_INDEX = {...};` with the prefix rule of `unit_key`, so that the
    page folds a query exactly as the command line does."""
    doc = {
        "prefix": KIND_PREFIX_PATTERN,
        "entries": [[e.label, e.kind, e.url, keys(e), 1 if e.current else 0] for e in entries],
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 are line ends in older JavaScript; '</' never matters in a .js file but costs nothing
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return f"window.{INDEX_VARIABLE} = {text};\n"
