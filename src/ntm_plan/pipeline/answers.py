"""One function per question a command asks once the data is loaded: each runs the
evaluation and every check that belongs to it, and returns its answer with the
diagnostics to show. Commands only parse, call, print and choose the exit code.

The date is always passed in: the command line reads the clock once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_plan.diagnostics import Diagnostic

if TYPE_CHECKING:
    from ntm_plan.evaluate.matrix import Matrix
    from ntm_plan.evaluate.results import Assessment
    from ntm_plan.evaluate.set_comparison import SetComparison
    from ntm_plan.evaluate.standing import ScanResult
    from ntm_plan.evaluate.tasks import ClosedOwners, TaskStatus
    from ntm_plan.ingest.apply import ImportResult
    from ntm_plan.ingest.paths import FormFile
    from ntm_plan.model import CriteriaSet, Department, Unit
    from ntm_plan.model.dataset import Dataset
    from ntm_plan.site.build import SiteSummary
    from ntm_plan.site.stamp import DataVersion

Progress = Callable[[Iterable[object], int], Iterable[object]]


def assess_unit(
    dataset: Dataset, unit: Unit, as_of: date, set_id: str | None = None
) -> tuple[Assessment, list[Diagnostic]]:
    """One unit (the district with its aggregates over every unit) by `set_id`, default
    its target set, and what `gap` and `explain` say before answering: observations
    dated after `as_of` (NTM031), a date outside the set's period and the observations
    it leaves out. The caller has made sure there is a set to assess by."""
    from ntm_plan.check.common import later_observations
    from ntm_plan.check.evidence import evaluation_warnings
    from ntm_plan.evaluate import units

    children = units.assess_district(dataset, as_of).children if unit is dataset.district else ()
    assessment = units.assess_unit(dataset, unit, as_of, set_id, children)
    if assessment is None:
        raise ValueError(f"no criteria set to assess {unit.id} by")
    warnings = later_observations(dataset, unit, as_of)
    warnings += evaluation_warnings(dataset, unit, assessment.criteria_set, assessment.as_of)
    return assessment, warnings


def compare_unit_sets(
    dataset: Dataset, unit: Unit, as_of: date, set_id: str | None, compared_id: str
) -> tuple[SetComparison, list[Diagnostic]]:
    """`gap --compare`: the unit by its current set (`set_id`, default its target) and by
    `compared_id`, criterion by criterion, with what `gap` warns of for each, said once."""
    from ntm_plan.evaluate.set_comparison import compare_sets

    current, warnings = assess_unit(dataset, unit, as_of, set_id)
    compared, more = assess_unit(dataset, unit, as_of, compared_id)
    warnings += [d for d in more if d not in warnings]
    return compare_sets(current, compared), warnings


def set_in_force_for(dataset: Dataset, unit: Unit, as_of: date) -> CriteriaSet | None:
    """The set a unit formed by a merger is assessed by when it has chosen no target: the
    one national set in force for its kind at `as_of` (None when none or several)."""
    from ntm_plan.evaluate.in_force import set_in_force

    if unit.target is not None or not unit.predecessors:
        return None
    return set_in_force(dataset.sets.values(), unit.kind, as_of)


def unit_tasks(unit: Unit, as_of: date) -> list[TaskStatus]:
    """The unit's own tasks at `as_of`, as `gap` lists them."""
    from ntm_plan.evaluate.tasks import task_status

    return [task_status(t, as_of, unit=unit) for t in unit.tasks]


def assess_district(
    root: Path, as_of: date, *, progress: Progress | None = None
) -> tuple[ScanResult, list[Diagnostic]]:
    """Every unit and the district of the data directory at `as_of`, read one unit at a
    time (`scan`), with the loading's diagnostics in the result; and, if the data has no
    errors, the criteria sets used at a date outside their period (NTM064), once a set."""
    from ntm_plan.check.evidence import period_warnings
    from ntm_plan.check.title_counts import title_count_warnings
    from ntm_plan.pipeline.scan import scan

    result = scan(root, as_of, progress=progress)
    if any(d.is_error for d in result.diagnostics):
        return result, []
    return result, period_warnings(result.reference, result.evaluated_sets, [as_of]) + title_count_warnings(
        result.reference, ((u.place.parent, u.title) for u in result.units), as_of
    )


def task_list(
    dataset: Dataset, as_of: date, *, department: Department | None, unit: Unit | None, overdue: bool
) -> tuple[list[TaskStatus], ClosedOwners]:
    """Every task at `as_of` (the units', the district's, the departments' duties, of owners
    existing that day), those a department leads or supports, of one unit, overdue only, as
    asked; and the tasks left out because their owner no longer exists."""
    from ntm_plan.evaluate.tasks import all_task_statuses, tasks_of_closed_owners, tasks_of_department

    statuses = all_task_statuses(dataset, as_of)
    if department is not None:
        statuses = tasks_of_department(statuses, department.id)
    if unit is not None:
        statuses = [s for s in statuses if s.unit is unit]
    return ([s for s in statuses if s.overdue] if overdue else statuses), tasks_of_closed_owners(dataset, as_of)


def responsibilities(dataset: Dataset) -> list[Matrix]:
    """Which department answers for which indicator, one matrix per criteria set."""
    from ntm_plan.evaluate.matrix import responsibility_matrices

    return responsibility_matrices(dataset.departments, dataset.sets, dataset.unassigned)


def _period_warnings(dataset: Dataset, *days: date) -> list[Diagnostic]:
    """NTM064 once per criteria set the documents evaluate at a date outside its period:
    said on the terminal, never in the document, and no reason to refuse it."""
    from ntm_plan.check.evidence import period_warnings
    from ntm_plan.evaluate.standing import evaluated_sets

    return period_warnings(dataset, evaluated_sets(dataset), days)


def plan_context(
    dataset: Dataset, year: int, *, as_of: date | None = None, warn: bool = True, **options: Any
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The annual plan's template context, figures at `as_of` (default: the end of the
    year before), and the period warnings for that date."""
    import gc

    from ntm_plan.documents.checklist import figures_date
    from ntm_plan.documents.plan import plan_context as context

    warnings = _period_warnings(dataset, figures_date(year, as_of)) if warn else []
    gc.freeze()  # the loaded data lives to the end; render_bytes unfreezes when the document is done
    return context(dataset, year, as_of=as_of, **options), warnings


def report_context(
    dataset: Dataset, year: int, quarter: int, *, warn: bool = True, **options: Any
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The quarterly report's template context and the period warnings for the quarter's
    end and the end of the quarter before."""
    import gc

    from ntm_plan.documents.report import period_of
    from ntm_plan.documents.report import report_context as context

    period = period_of(year, quarter)
    warnings = _period_warnings(dataset, period.end, period.before) if warn else []
    gc.freeze()  # the loaded data lives to the end; render_bytes unfreezes when the document is done
    return context(dataset, year, quarter, **options), warnings


def import_forms(
    dataset: Dataset,
    paths: Sequence[Path | FormFile],
    quarter: tuple[int, int] | None,
    *,
    write: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """Filled forms read, every figure checked, the edited files checked as `validate`
    checks them, then every file written or none (unless `write` is false)."""
    from ntm_plan.ingest.apply import run_import

    if progress is None:
        return run_import(dataset, paths, quarter, write=write)
    return run_import(dataset, paths, quarter, write=write, progress=progress)


def write_site(
    dataset: Dataset, out: Path, as_of: date, generated: datetime, version: DataVersion, *, force: bool = False
) -> tuple[SiteSummary | None, list[Diagnostic]]:
    """The static site of `dataset` at `as_of` written into `out`: the folder checked first
    (nothing evaluated for a folder refused), every unit and the district assessed exactly
    as `gap` assesses each, every task's status; with the criteria sets used at a date
    outside their period (NTM064), once a set."""
    import gc

    from ntm_plan.evaluate.tasks import all_task_statuses
    from ntm_plan.evaluate.units import assess_district as assess_every_unit
    from ntm_plan.site.build import evaluated, write
    from ntm_plan.site.folder import check_folder

    _, refused = check_folder(out, dataset.root, force=force)
    if refused:
        return None, refused
    warnings = _period_warnings(dataset, as_of)
    # The data and its assessments live to the end: frozen, the cyclic GC stops rescanning
    # them at every collection (a third of the time at 3.321 communes).
    gc.freeze()
    try:
        view = assess_every_unit(dataset, as_of)
        site = evaluated(dataset, view, all_task_statuses(dataset, as_of))
        gc.freeze()
        summary, diags = write(site, out, generated, version, force=force)
    finally:
        gc.unfreeze()
    return summary, warnings + diags
