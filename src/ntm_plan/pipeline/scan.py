"""Validate and evaluate a large dataset one unit at a time, in parallel when it pays.

For a province or the whole country (thousands of communes) `load` would hold every
unit in memory. `scan` reads each commune file, checks it against the reference data
(sets, district, departments), optionally assesses it, and keeps only a small summary;
the district's aggregates are then computed from those summaries. With many files the
work is spread over the machine's cores (fork: workers share the reference data; spawn
where there is no fork, as on Windows: it is sent to each worker once).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import date
from pathlib import Path

from ntm_plan.check.checks import UnitName
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.evaluate.standing import ScanResult, UnitSummary, standing, summarise
from ntm_plan.model import Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.pipeline.cache import FileResults, file_results, read_with_digest
from ntm_plan.pipeline.read_files import load_reference
from ntm_plan.pipeline.stages import check_unit, finish_dataset

PARALLEL_FROM = 400
"""Below this many files a process pool costs more than it saves."""


Outcome = tuple[UnitSummary | None, list[Diagnostic], UnitName | None]

_REFERENCE: Dataset | None = None  # set in the parent before the pool starts; read by workers

START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
"""fork where the system has it (workers share the reference data, nothing pickled);
spawn elsewhere (Windows): the reference data is sent once to each worker."""


def _scan_job(job: tuple[Path, date | None]) -> tuple[str | None, Outcome]:
    """The outcome for one file, and the digest of the bytes it was made from (for the cache)."""
    path, as_of = job
    raw, digest = read_with_digest(path)
    return digest, _scan_file(path, as_of, raw)


def _scan_file(path: Path, as_of: date | None, raw: bytes | None) -> Outcome:
    assert _REFERENCE is not None
    checked = check_unit(_REFERENCE, path, raw)
    unit, source, diags = checked.unit, checked.source, checked.diagnostics
    if unit is None or source is None:
        return None, diags, None
    data = _REFERENCE.with_unit(unit, source)
    if as_of is not None and unit.predecessors:  # a merged unit's figures add up from its predecessors'
        data = data._replace(units=(*data.units, *_predecessors(unit, _REFERENCE.root).values()))
    return summarise(data, unit, as_of), diags, UnitName.of(unit, source)


def _reads_other_files(summary: UnitSummary | None, as_of: date | None) -> bool:
    """Whether the summary depends on files besides the unit's own (and the reference files):
    a merged unit assessed with its predecessors' figures, read from their files. Such a
    summary is never kept; a predecessor named only by its code reads no file."""
    return as_of is not None and summary is not None and any(p.unit for p in summary.place.predecessors)


def _predecessors(unit: Unit, root: Path) -> dict[str, Unit]:
    """The predecessors a merged unit's figures add up from, read from their files (a scan
    holds one unit at a time). A predecessor is found by its file name (`communes/<id>.yaml`);
    one whose file is named otherwise stays out, and its figures are not assessed."""
    from ntm_plan.pipeline.read_files import read_unit

    found: dict[str, Unit] = {}
    for predecessor in unit.predecessors:
        path = root / "communes" / f"{predecessor.unit}.yaml"
        if predecessor.unit is None or not path.is_file():
            continue
        old, _, _ = read_unit(path, root)
        if old is not None and old.id == predecessor.unit:
            found[old.id] = old
    return found


def _results(jobs: list[tuple[Path, date | None]], workers: int) -> Generator[tuple[str | None, Outcome]]:
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        yield from map(_scan_job, jobs)
        return
    context = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "fork":
        pool = context.Pool(workers, initializer=_quiet_worker)
    else:
        pool = context.Pool(workers, initializer=_spawned_worker, initargs=(_REFERENCE,))
    with pool:
        yield from pool.imap(_scan_job, jobs, chunksize=32)


def _with_kept(paths: list[Path], as_of: date | None, kept: FileResults[Outcome], workers: int) -> Iterator[Outcome]:
    """Every file's outcome in file order: kept ones from the cache, the others scanned
    (and kept for the next run)."""
    found = {path: kept.get(path, digest) for path, digest in _digests(paths)}
    misses = [path for path in paths if found[path] is None]
    scanned = _results([(path, as_of) for path in misses], workers)
    try:
        for path in paths:
            outcome = found[path]
            if outcome is None:
                digest, outcome = next(scanned)
                if not _reads_other_files(outcome[0], as_of):
                    kept.put(path, digest, outcome)
            yield outcome
    finally:
        scanned.close()  # the process pool, if any, ends here


def _digests(paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """The digest of each file's bytes; hashing large inputs releases the GIL, so two threads
    use two cores."""
    if len(paths) < PARALLEL_FROM:
        yield from ((path, read_with_digest(path)[1]) for path in paths)
        return
    from concurrent.futures import ThreadPoolExecutor

    def digests(chunk: list[Path]) -> list[str | None]:
        return [read_with_digest(path)[1] for path in chunk]

    chunks = [paths[start : start + 256] for start in range(0, len(paths), 256)]
    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as threads:
        for chunk, found in zip(chunks, threads.map(digests, chunks), strict=True):
            yield from zip(chunk, found, strict=True)


def _quiet_worker() -> None:
    """Workers leave interrupts to the parent: Ctrl-C reaches the whole process group, and
    the parent's KeyboardInterrupt terminates the pool (SIGTERM, which ends a worker
    silently); a worker of its own would print a traceback per process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _spawned_worker(reference: Dataset | None) -> None:
    """A spawned worker's start: quiet on interrupts, and the parent's reference data."""
    global _REFERENCE
    _quiet_worker()
    _REFERENCE = reference


def scan(
    root: Path,
    as_of: date | None = None,
    *,
    workers: int | None = None,
    progress: Callable[[Iterable[object], int], Iterable[object]] | None = None,
) -> ScanResult:
    """Check every file; with `as_of`, also assess every unit and the district."""
    global _REFERENCE
    enabled = gc.isenabled()
    gc.disable()  # see load.load: long-lived objects, no cycles
    try:
        reference = load_reference(root)
        _REFERENCE = reference.dataset
        diags = list(reference.diagnostics)
        paths = list(reference.communes)
        # what a unit's summary shows depends on the day it is made for (none: no dated part);
        # one bundle per day, so that `validate` and `status` do not undo each other's
        kept: FileResults[Outcome] = file_results(root, f"scan {as_of or 'undated'}", reference.fingerprint, tuple)
        cpus = workers if workers is not None else (os.cpu_count() or 1)
        results: Iterable[Outcome] = _with_kept(paths, as_of, kept, cpus)
        if progress is not None:
            results = progress(results, len(paths))  # type: ignore[assignment]
        summaries: list[UnitSummary] = []
        names: list[tuple[str, UnitName]] = []
        seen: set[str] = set()
        for summary, found, name in results:
            diags.extend(found)
            if summary is not None and name is not None:
                if summary.id not in seen:  # the same id twice: reported by finish_dataset
                    seen.add(summary.id)
                    summaries.append(summary)
                names.append((summary.id, name))
        diags.extend(finish_dataset(reference.dataset, names))
        kept.save()
        return standing(reference.dataset, diags, summaries, as_of)
    finally:
        _REFERENCE = None
        if enabled:
            gc.enable()
