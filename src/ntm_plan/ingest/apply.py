"""Import filled forms: read them all, check every figure, then write every YAML file or
none. The edited data is checked as `validate` would before anything is written."""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ntm_plan.check.checks import check_duties, check_unit_file, run_unit_checks
from ntm_plan.diagnostics import Diagnostic, error, os_error_text
from ntm_plan.ingest.changes import IndicatorChange, TaskChange, collect_changes
from ntm_plan.ingest.paths import FormFile
from ntm_plan.ingest.reading import FilledForm, read_form
from ntm_plan.ingest.yaml_edit import Addition, EditError, add_items
from ntm_plan.model import DepartmentsFile, District, Unit
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.model.fit import fit
from ntm_plan.model.unit import DISTRICT_ID, named
from ntm_plan.read.reader import YamlDoc


@dataclass
class ImportResult:
    forms: list[FilledForm]
    tasks: list[TaskChange]
    indicators: list[IndicatorChange]
    diagnostics: list[Diagnostic]
    written: list[Path]


PARALLEL_FROM = 64
"""Below this many files a pool of processes costs more than it saves."""

START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
"""fork where the system has it (the workers share the parent's data, nothing pickled);
spawn elsewhere (Windows, where these offices work): the shared state is sent once to each
worker by `_share`."""

_JOBS: list[tuple[SourceFile, list[Addition]]] = []
_DATA: Dataset | None = None
"""Set in the parent before the pool starts; a forked worker inherits them, a spawned one
receives them through `_share`."""

T = TypeVar("T")
R = TypeVar("R")


def _share(jobs: list[tuple[SourceFile, list[Addition]]], data: Dataset | None) -> None:
    """A spawned worker's start: the parent's jobs and data (pickled together, so a job's
    source is still the very object in `data.files`)."""
    global _DATA
    _JOBS[:] = jobs
    _DATA = data


Progress = Callable[[Iterable[Any], int], Iterable[Any]]
"""Wraps the results as they come, given their number: the CLI's progress bar."""


def _quietly(results: Iterable[Any], total: int) -> Iterable[Any]:
    return results


def _map(function: Callable[[T], R], items: list[T], progress: Progress = _quietly) -> list[R]:
    """`map`, over the machine's cores when there are many items."""
    workers = os.cpu_count() or 1
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return list(progress(map(function, items), len(items)))
    context = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "fork":
        pool = context.Pool(workers)
    else:
        pool = context.Pool(workers, initializer=_share, initargs=(list(_JOBS), _DATA))
    with pool:
        return list(progress(pool.imap(function, items, chunksize=max(1, min(16, len(items) // workers))), len(items)))


def _read_one(file: FormFile) -> tuple[FilledForm | None, list[Diagnostic]]:
    return read_form(*file)


def _as_typed(paths: Sequence[Path | FormFile]) -> list[FormFile]:
    return [(p, p.as_posix()) if isinstance(p, Path) else p for p in paths]


def read_forms(
    paths: Sequence[Path | FormFile], progress: Progress = _quietly
) -> tuple[list[FilledForm], list[Diagnostic]]:
    forms, diags = [], []
    for form, found in _map(_read_one, _as_typed(paths), progress):
        diags += found
        if form is not None:
            forms.append(form)
    return forms, diags


def choose_quarter(forms: list[FilledForm]) -> tuple[int, int] | None:
    """Without --quarter: the quarter most forms are for (the latest on a tie)."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for form in forms:
        counts[(form.year, form.quarter)] += 1
    return max(counts, key=lambda q: (counts[q], q), default=None)


def run_import(
    data: Dataset,
    paths: Sequence[Path | FormFile],
    quarter: tuple[int, int] | None,
    *,
    write: bool,
    progress: Progress = _quietly,
) -> ImportResult:
    forms, diags = read_forms(paths, progress)
    chosen = quarter or choose_quarter(forms)
    tasks: list[TaskChange] = []
    indicators: list[IndicatorChange] = []
    if chosen is not None:
        tasks, indicators, found = collect_changes(data, forms, *chosen)
        diags += found
    result = ImportResult(forms, tasks, indicators, diags, [])
    if any(d.is_error for d in diags) or not (tasks or indicators):
        return result
    texts, found = edited_texts(data, tasks, indicators)
    result.diagnostics += found
    if any(d.is_error for d in found) or not write:
        return result
    try:
        write_all(texts, data.root)
    except OSError as exc:
        result.diagnostics.append(
            error("NTM041", f"không ghi được dữ liệu: {os_error_text(exc)}; không tệp nào bị đổi")
        )
        return result
    result.written = sorted(texts)
    return result


def edited_texts(
    data: Dataset, tasks: list[TaskChange], indicators: list[IndicatorChange]
) -> tuple[dict[Path, str], list[Diagnostic]]:
    """The new text of every file touched, checked as `validate` checks it."""
    global _DATA
    additions: dict[SourceFile, list[Addition]] = defaultdict(list)
    for change in tasks:
        additions[change.place.source].append(Addition((*change.place.path, "progress"), change.entry))
    for obs in indicators:
        additions[obs.source].append(Addition(("observations",), obs.entry))
    _JOBS[:] = list(additions.items())
    _DATA = data
    texts: dict[Path, str] = {}
    diags: list[Diagnostic] = []
    try:
        for path, new, found in _map(_edit_one, list(range(len(_JOBS)))):
            diags += found
            if new is not None:
                texts[path] = new
    finally:
        _JOBS.clear()
        _DATA = None
    return texts, diags


def _edit_one(index: int) -> tuple[Path, str | None, list[Diagnostic]]:
    source, adds = _JOBS[index]
    assert source.path is not None and _DATA is not None
    old = source.path.read_bytes().decode("utf-8")
    try:
        new, doc = add_items(old, adds)
    except EditError as exc:
        message = f"không sửa được tệp mà giữ nguyên phần còn lại ({exc})"
        return source.path, None, [error("NTM041", message, file=source.name)]
    return source.path, new, _validate_edit(_DATA, source, doc)


def _validate_edit(data: Dataset, source: SourceFile, doc: YamlDoc) -> list[Diagnostic]:
    """The edited file checked by the stage `validate` runs on it, warnings kept."""
    edited = SourceFile(source.name, source.path, doc)
    if source is data.files.get("departments"):
        dfile, found = fit(DepartmentsFile, doc, source.name)
        if dfile is None:
            return found
        after = data._replace(departments=dfile.departments, files={**data.files, "departments": edited})
        return found + list(check_duties(after))
    key = next(k for k, v in data.files.items() if v is source)
    if key == "district":
        district, found = fit(District, doc, source.name, context=named(DISTRICT_ID))
        if district is None:
            return found
        return found + run_unit_checks(data._replace(district=district, files={**data.files, key: edited}), district)
    unit, found = fit(Unit, doc, source.name, context=named(key.removeprefix("unit:")))
    return found if unit is None else found + check_unit_file(data, unit, edited)


def write_all(texts: dict[Path, str], root: Path | None = None) -> None:
    """Every file or none, even if interrupted (see `commit.write_together`); `root` is the
    data directory (default: the files' common folder), where the journal is kept."""
    from ntm_plan.ingest.commit import write_together

    if not texts:
        return
    write_together(root or Path(os.path.commonpath([p.parent for p in texts])), texts)
