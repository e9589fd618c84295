"""`write`: build each page from the assessed data, render it and write the folder.

The assessments come in from `pipeline.answers.write_site` (which evaluates as `gap`
does). Linear in units: each unit's page is built from its own results and tasks, long
lists are cut into pages of fixed size, and pages go to the disk as they are rendered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic
from ntm_plan.evaluate.results import Assessment
from ntm_plan.evaluate.tasks import TaskStatus
from ntm_plan.evaluate.units import DistrictView
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.vnformat import short_date
from ntm_plan.site import links, overview, parallel, reference_pages
from ntm_plan.site.folder import write_site
from ntm_plan.site.lineage import dated_heading, successors_of
from ntm_plan.site.pages import Evaluated, Page
from ntm_plan.site.render import make_env, render_page, stamp
from ntm_plan.site.search import Entry, index_script
from ntm_plan.site.stamp import DataVersion, version_text

STATIC = Path(__file__).parent / "static"
STATIC_FILES = ("site.css", "search.js")
SEARCH_INDEX = f"{links.ASSETS_DIR}/search-index.js"
PAGE_LIMIT = 200 * 1024
"""The largest page the site means to write (bytes); `build_site` reports the largest."""


@dataclass(frozen=True, slots=True)
class SiteSummary:
    pages: int
    files: int
    total_bytes: int
    largest_page: str
    largest_bytes: int


def evaluated(data: Dataset, view: DistrictView, tasks: Sequence[TaskStatus]) -> Evaluated:
    """The assessments (`evaluate.units.assess_district`, as `gap` makes them) and the task
    statuses, indexed for the pages."""
    assessments: dict[str, Assessment | None] = dict(view.units)
    if data.district is not None:
        assessments[data.district.id] = view.district
    by_unit: dict[str, list[TaskStatus]] = {}
    for status in tasks:
        if status.unit is not None:
            by_unit.setdefault(status.unit.id, []).append(status)
    return Evaluated(data, view.as_of, assessments, tasks, by_unit, successors_of(data.all_units()))


def overview_pages(ev: Evaluated) -> Iterator[Page]:
    yield overview.home_page(ev)
    yield from overview.unit_list_pages(ev)


def reference_pages_of(ev: Evaluated) -> Iterator[Page]:
    for cset in ev.data.sets.values():
        yield reference_pages.set_page(ev, cset)
    for dept in ev.data.departments:
        yield from reference_pages.department_pages(ev, dept)


def search_entries(data: Dataset, as_of: date) -> Iterator[Entry]:
    units = data.all_units()
    headings = Counter(unit_heading(u) for u in units)
    labels = Counter(dated_heading(u) for u in units)
    for unit in units:
        names = (unit.name, f"{unit.kind} {unit.name}", *unit.aliases, unit.id, *([unit.code] if unit.code else []))
        label = unit_heading(unit)
        if headings[label] > 1:  # two units of one name: the result says which is which, by date
            label = dated_heading(unit)
            if labels[label] > 1:
                label += f" (mã {unit.code})" if unit.code else f" ({unit.id})"
        yield Entry(label, "đơn vị", links.unit_url(unit.id), names, unit.exists_on(as_of))
    for dept in data.departments:
        yield Entry(dept.name, "phòng ban", links.department_url(dept.id), (dept.name, dept.short, dept.id), True)
    for cset in data.sets.values():
        yield Entry(cset.name, "bộ tiêu chí", links.set_url(cset.id), (cset.name, cset.id), True)


def site_name(data: Dataset) -> str:
    return f"NTM {unit_heading(data.district)}" if data.district else "Nông thôn mới"


def site_files(
    ev: Evaluated, generated: datetime, version: DataVersion, workers: int | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, one at a time: the pages (the units' in `workers`
    processes, default one a core), then the assets."""
    env = make_env()
    common = stamp(generated, version_text(version), short_date(ev.as_of), site_name(ev.data))
    for page in overview_pages(ev):
        yield page.url, render_page(env, page, common)
    yield from parallel.unit_pages(ev, common, workers)
    for page in reference_pages_of(ev):
        yield page.url, render_page(env, page, common)
    for name in STATIC_FILES:
        yield f"{links.ASSETS_DIR}/{name}", (STATIC / name).read_bytes()
    yield SEARCH_INDEX, index_script(search_entries(ev.data, ev.as_of)).encode("utf-8")


class Tally:
    """Counts what passes on its way to the disk: pages, bytes, the largest page."""

    def __init__(self) -> None:
        self.pages = self.files = self.total = self.largest_bytes = 0
        self.largest = ""

    def count(self, files: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        for name, data in files:
            self.files += 1
            self.total += len(data)
            if name.endswith(".html"):
                self.pages += 1
                if len(data) > self.largest_bytes:
                    self.largest, self.largest_bytes = name, len(data)
            yield name, data

    def summary(self) -> SiteSummary:
        return SiteSummary(self.pages, self.files, self.total, self.largest, self.largest_bytes)


def write(
    site: Evaluated, out: Path, generated: datetime, version: DataVersion, *, force: bool = False
) -> tuple[SiteSummary | None, list[Diagnostic]]:
    """Render every page and write the folder `out`; the summary, or None with the reason."""
    tally = Tally()
    diags = write_site(out, tally.count(site_files(site, generated, version)), site.data.root, force=force)
    return (None if diags else tally.summary()), diags
