"""Rebuild the national list of administrative units that `ntm-plan init` ships with.

Input: a folder with the statistics office's old/new conversion table as CSV files
(`provinces.csv`, `current.csv`, `legacy.csv`, `legacy-districts.csv`, `old-to-new.csv`; the
table published with Quyết định 19/2025/QĐ-TTg on unit codes, as redistributed in JSON by
the open-source project vietnam-address-kit, `src/data/official/*.json`, MIT licence).
Output: `src/ntm_plan/national/units-2025.csv.gz` (provinces and commune-level units from
01/7/2025) and `lineage-2025.csv.gz` (one row per old → new edge, with the old unit's name).
Values are copied, never changed; gzip headers carry no time, so a rebuild is byte-identical.

Usage: python scripts/build_national_units.py FOLDER
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "ntm_plan" / "national"


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(name: str, header: list[str], rows: list[list[str]]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    (OUT / name).write_bytes(data)
    print(f"{name}: {len(rows)} rows, {len(data)} bytes")


def main(folder: Path) -> None:
    provinces = _rows(folder, "provinces.csv")
    current = _rows(folder, "current.csv")
    legacy = {r["code"]: r for r in _rows(folder, "legacy.csv")}
    districts = {r["code"]: r for r in _rows(folder, "legacy-districts.csv")}
    units = [["province", p["code"], p["name"], p["type"], p["code"]] for p in provinces]
    units += [["commune", u["code"], u["name"], u["type"], u["province_code"]] for u in current]
    _write("units-2025.csv.gz", ["level", "code", "name", "type", "province_code"], units)
    edges = []
    for edge in _rows(folder, "old-to-new.csv"):
        if edge["old_code"]:
            old = legacy[edge["old_code"]]
            edges.append([edge["new_code"], edge["old_code"], old["name"], old["type"], edge["type"], edge["note"]])
        else:  # a whole island district made a special zone: the district is the predecessor
            old = districts[edge["old_district_code"]]
            edges.append([edge["new_code"], old["code"], old["name"], old["type"], edge["type"], edge["note"]])
    _write("lineage-2025.csv.gz", ["new_code", "old_code", "old_name", "old_type", "type", "note"], edges)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
