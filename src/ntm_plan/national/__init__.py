"""The national list of administrative units after the 2025 reform, shipped with the package.

Built by `scripts/build_national_units.py` from the statistics office's old/new conversion
table (unit codes of Quyết định 19/2025/QĐ-TTg): 34 provinces, 3.321 commune-level units
from 01/7/2025, and 10.571 old → new edges (whole or partial), as redistributed by the
open-source project vietnam-address-kit (MIT licence: LICENSE-vietnam-address-kit.txt beside
this file). Read on demand; pure functions over the rows.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from ntm_plan.model.names import fold, unit_key

TABLE = (
    "Bảng chuyển đổi đơn vị hành chính cấp xã trước và sau sắp xếp năm 2025 của cơ quan thống kê quốc gia "
    "(mã đơn vị theo Quyết định số 19/2025/QĐ-TTg)"
)
"""The source every generated fact cites."""
REFORM_DAY = "2025-07-01"
"""The day the commune-level units of the list exist from."""

KINDS = {
    "province": "tỉnh",
    "city": "thành phố",
    "commune": "xã",
    "ward": "phường",
    "special_zone": "đặc khu",
    "town": "thị trấn",
    "district": "huyện",
}
"""The table's unit types as the kind words of the data files."""
PARTIAL = frozenset({"ambiguous", "split_population"})
"""Edge types meaning part of the old unit went into the new one ("Nhập một phần…")."""


class NationalUnit(NamedTuple):
    code: str
    kind: str
    name: str
    """Without its kind word: 'Đức Đồng', 'Hà Tĩnh'."""
    province_code: str


class Edge(NamedTuple):
    old_code: str
    old_kind: str
    old_name: str
    merge: str
    """'whole' or 'partial'."""
    note: str
    """The table's own words: 'Nhập toàn bộ', 'Nhập một phần'."""


def _rows(name: str) -> list[dict[str, str]]:
    data = gzip.decompress(files("ntm_plan.national").joinpath(name).read_bytes())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _bare(name: str, kind: str) -> str:
    """'Xã Đức Đồng' → 'Đức Đồng': the kind word is the file's `kind`."""
    prefix = kind.split()
    words = name.split()
    if [w.casefold() for w in words[: len(prefix)]] == [p.casefold() for p in prefix]:
        return " ".join(words[len(prefix) :])
    return name


def _unit(row: dict[str, str]) -> NationalUnit:
    kind = KINDS[row["type"]]
    return NationalUnit(row["code"], kind, _bare(row["name"], kind), row["province_code"])


@cache
def provinces() -> tuple[NationalUnit, ...]:
    return tuple(_unit(r) for r in _rows("units-2025.csv.gz") if r["level"] == "province")


@cache
def communes() -> tuple[NationalUnit, ...]:
    """Every commune-level unit from 01/7/2025 (xã, phường, đặc khu)."""
    return tuple(_unit(r) for r in _rows("units-2025.csv.gz") if r["level"] == "commune")


@cache
def edges() -> dict[str, tuple[Edge, ...]]:
    """The old units each new unit was formed from, by the new unit's code, in table order."""
    found: dict[str, list[Edge]] = {}
    for row in _rows("lineage-2025.csv.gz"):
        kind = KINDS[row["old_type"]]
        merge = "partial" if row["type"] in PARTIAL else "whole"
        edge = Edge(row["old_code"], kind, _bare(row["old_name"], kind), merge, row["note"])
        found.setdefault(row["new_code"], []).append(edge)
    return {code: tuple(dict.fromkeys(e)) for code, e in found.items()}


def find_province(query: str) -> NationalUnit | None:
    """A province by its name with or without accents, case or kind word ('Ha Tinh',
    'tỉnh Hà Tĩnh', 'thanh pho ho chi minh'), or by its code ('42')."""
    text = query.strip()
    key = unit_key(text)
    for province in provinces():
        if text == province.code or key == fold(province.name):
            return province
    return None
