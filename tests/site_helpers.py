"""Helpers for the site tests: build a site in-process, read its pages, a SYNTHETIC XSS dataset."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

from conftest import SYNTHETIC
from ntm_plan.pipeline.answers import write_site
from ntm_plan.pipeline.load import load
from ntm_plan.site.build import SiteSummary
from ntm_plan.site.stamp import DataVersion

AS_OF = date(2024, 9, 30)
GENERATED = datetime(2024, 10, 1, 8, 30, tzinfo=UTC)

SCRIPT_PAYLOAD = "<script>window.__ntmXss = 'script'; document.title = 'XSS';</script>"
IMG_PAYLOAD = "\"><img src=x onerror=\"window.__ntmXss = 'img'; document.title = 'XSS'\">"
XSS_COMMUNE = f"""# SYNTHETIC test data: an invented commune whose texts carry script payloads.
name: Xuân Thử
kind: xã
region: Bắc Trung Bộ
aliases: ['{IMG_PAYLOAD.replace("'", "''")}']
target: {{set: xa-km, year: 2024, source: {{document: "giả lập"}}}}
note: '{SCRIPT_PAYLOAD.replace("'", "''")}'
tasks:
  - id: nhiem-vu-script
    text: '{SCRIPT_PAYLOAD.replace("'", "''")}'
    lead: van-hoa
    due: 2024-Q2
    source: {{document: "giả lập"}}
  - id: nhiem-vu-img
    text: '{IMG_PAYLOAD.replace("'", "''")}'
    lead: van-hoa
    due: 2024-Q2
    source: {{document: '{IMG_PAYLOAD.replace("'", "''")}'}}
"""


def build(data_dir: Path, out: Path, *, as_of: date = AS_OF, force: bool = False) -> SiteSummary:
    dataset, diags = load(data_dir)
    assert not [d for d in diags if d.is_error], diags
    summary, written = write_site(dataset, out, as_of, GENERATED, DataVersion("abc1234"), force=force)
    assert summary is not None, written
    return summary


def xss_data(tmp: Path) -> Path:
    root = tmp / "xss-data"
    shutil.copytree(SYNTHETIC, root)
    (root / "communes" / "xuan-thu.yaml").write_text(XSS_COMMUNE, encoding="utf-8")
    return root


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of cells marked with a class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: dict[str, dict[str, str]] = {}
        self._row: str | None = None
        self._cell: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "tr" and found.get("data-indicator"):
            self._row = found["data-indicator"]
            self.rows[self._row] = {"status": found.get("data-status") or ""}
        elif tag == "td" and self._row is not None:
            self._cell = (found.get("class") or "").split(" ")[0] or None
            if self._cell:
                self.rows[self._row][self._cell] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row is not None and self._cell is not None:
            self.rows[self._row][self._cell] += data


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
