"""`load`: the whole data directory in memory, checked — for the commands that need every
unit at once (`gap`, `tasks`, the documents). It runs the same two steps as `scan` (see
`stages`), so every path finds the same problems in the same data.

Kept between runs (`cache`), keyed by the files' bytes: what `check_unit` found for each
commune file, so that only a changed file is read and checked again; and the whole
answer, so that when no file changed (the daily `gap`) nothing is parsed or checked and
the reading and checking stages are not even imported.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_plan.diagnostics import Diagnostic, display_path, os_error_text
from ntm_plan.model.dataset import Dataset
from ntm_plan.pipeline.cache import FileResults, digest_line, file_results, fingerprint, read_with_digest
from ntm_plan.pipeline.discover import Layout, discover
from ntm_plan.read.raw import read_file

if TYPE_CHECKING:
    from ntm_plan.check.checks import UnitName
    from ntm_plan.model import Unit
    from ntm_plan.model.dataset import SourceFile

Kept = tuple["Unit | None", "SourceFile | None", list[Diagnostic]]
"""What `check_unit` found for one file, as kept between runs."""
Inputs = tuple[str, tuple[tuple[str, str | None], ...], tuple[Diagnostic, ...]]
"""What a whole answer depends on: the reference files' fingerprint, each unit file's
digest, and what `discover` said of the directory."""


def load(
    root: Path, *, progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None
) -> tuple[Dataset, list[Diagnostic]]:
    # Loading, or unpickling, builds many long-lived objects; CPython's cyclic GC would
    # rescan them again and again (2-3x the load time at 1,000 communes). Nothing here
    # creates cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        layout = discover(root)
        kept: FileResults[Kept] = file_results(root, "load", None, tuple)
        inputs = _inputs(root, layout)
        answer = kept.whole_answer(inputs)
        if isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], Dataset):
            return answer[0], list(answer[1])
        digests: list[tuple[str, str | None]] = []
        loaded = _load(root, None, progress=progress, layout=layout, kept=kept, digests=digests)
        if (kept.context, tuple(digests), layout.diagnostics) == inputs:  # nothing changed while reading
            kept.whole = (inputs, loaded)
        kept.save()
        return loaded
    finally:
        if enabled:
            gc.enable()


def _inputs(root: Path, layout: Layout) -> Inputs:
    """The inputs as they are now, read as `load_reference` and `_load` read them."""
    lines = []
    for path in [*layout.criteria, *filter(None, (layout.district, layout.departments))]:
        try:
            lines.append(digest_line(display_path(path, root), read_file(path)))
        except OSError as exc:
            lines.append(digest_line(display_path(path, root), None, os_error_text(exc)))
    units = tuple((str(path), read_with_digest(path)[1]) for path in layout.communes)
    return fingerprint(lines), units, layout.diagnostics


def _load(
    root: Path,
    only: Iterator[Path] | None,
    *,
    progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None,
    layout: Layout | None = None,
    kept: FileResults[Kept] | None = None,
    digests: list[tuple[str, str | None]] | None = None,
) -> tuple[Dataset, list[Diagnostic]]:
    """The reference files and the unit files `only` (None: every unit file found), read
    (or taken from `kept`) and checked; `digests` collects the digest of each unit file read."""
    from ntm_plan.model.names import unit_order
    from ntm_plan.pipeline.read_files import load_reference
    from ntm_plan.pipeline.stages import CheckedUnit, check_unit, finish_dataset

    reference = load_reference(root, layout)
    if kept is not None:
        kept.context = reference.fingerprint
    paths = iter(reference.communes) if only is None else only
    if progress is not None:
        paths = progress(paths)
    diags = list(reference.diagnostics)
    files: dict[str, SourceFile] = dict(reference.dataset.files)
    units: list[Unit] = []
    names: list[tuple[str, UnitName]] = []
    for path in paths:
        raw, digest = read_with_digest(path)
        if digests is not None:
            digests.append((str(path), digest))
        entry = kept.get(path, digest) if kept is not None else None
        if isinstance(entry, tuple) and len(entry) == 3:
            checked = CheckedUnit(*entry)
        else:
            checked = check_unit(reference.dataset, path, raw)
            if kept is not None:  # kept as a plain tuple: reading it back imports no checking stage
                kept.put(path, digest, (checked.unit, checked.source, checked.diagnostics))
        diags += checked.diagnostics
        if checked.unit is None or checked.source is None or checked.name is None:
            continue
        names.append((checked.unit.id, checked.name))
        if f"unit:{checked.unit.id}" in files:
            continue  # the same id twice: reported by finish_dataset, the first file is the unit
        units.append(checked.unit)
        files[f"unit:{checked.unit.id}"] = checked.source
    diags += finish_dataset(reference.dataset, names)
    units.sort(key=lambda u: unit_order(u.kind, u.name))
    return reference.dataset._replace(units=tuple(units), files=files), diags
