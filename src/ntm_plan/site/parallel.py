"""The unit pages — nearly all of a large site — rendered by worker processes.

A unit's page needs only the assessed data, which every worker shares with the parent by
fork (set here before the pool starts, read-only after). Pages come back in unit order,
so the site is the same byte for byte however it was rendered. Below `PARALLEL_FROM`
units, or where fork is not available, the parent renders them itself.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence

from jinja2.sandbox import SandboxedEnvironment

from ntm_plan.model import Unit
from ntm_plan.site import unit_page
from ntm_plan.site.pages import Evaluated
from ntm_plan.site.render import make_env, render_page

PARALLEL_FROM = 400
"""Below this many units a process pool costs more than it saves."""

_SHARED: tuple[Evaluated, Sequence[Unit], dict[str, str]] | None = None  # set in the parent before forking
_ENV: SandboxedEnvironment | None = None  # one per process


def _render(index: int) -> tuple[str, bytes]:
    global _ENV
    assert _SHARED is not None
    site, units, common = _SHARED
    if _ENV is None:
        _ENV = make_env()
    page = unit_page.unit_page(site, units[index])
    return page.url, render_page(_ENV, page, common)


def _quiet_worker() -> None:
    """Interrupts are the parent's to handle (it stops the pool); a worker of its own would
    print a traceback per process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def unit_pages(site: Evaluated, common: dict[str, str], workers: int | None = None) -> Iterator[tuple[str, bytes]]:
    """(url, bytes) of every unit's page, in the data's order."""
    global _SHARED
    units = site.data.all_units()
    count = workers if workers is not None else (os.cpu_count() or 1)
    _SHARED = (site, units, common)
    try:
        if count <= 1 or len(units) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(_render, range(len(units)))
            return
        with multiprocessing.get_context("fork").Pool(count, initializer=_quiet_worker) as pool:
            yield from pool.imap(_render, range(len(units)), chunksize=16)
    finally:
        _SHARED = None
