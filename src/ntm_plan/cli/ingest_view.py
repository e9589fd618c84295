"""What `import` prints: per reporting unit, each task's cumulative amount old → new and
this quarter's amount, each indicator's value old → new."""

from __future__ import annotations

from collections import defaultdict

import typer

from ntm_plan.ingest.apply import ImportResult
from ntm_plan.ingest.changes import IndicatorChange, TaskChange
from ntm_plan.model import Observation, Progress
from ntm_plan.present.vnformat import number, short_date


def _progress_text(entry: Progress | None, unit: str) -> str:
    if entry is None:
        return "chưa báo cáo"
    if entry.done is not None:
        amount = f"{number(entry.done)}{unit}"
    else:
        amount = f"{number(entry.percent)}%" if entry.percent is not None else "hoàn thành"
    return f"{amount} ({short_date(entry.as_of)})"


def _observation_text(obs: Observation | None, unit: str) -> str:
    if obs is None:
        return "chưa có số liệu"
    if obs.count is not None:
        value = number(obs.count) + (f"/{number(obs.total)}" if obs.total is not None else "")
    elif obs.value is not None:
        value = f"{number(obs.value)}{unit}"
    elif obs.met is not None:
        value = "đạt" if obs.met else "chưa đạt"
    elif obs.short_by is not None:
        value = f"còn thiếu {number(obs.short_by)}"
    else:
        value = obs.level or "không áp dụng"
    return f"{value} ({short_date(obs.as_of)})"


def task_line(change: TaskChange) -> str:
    unit = f" {change.task.unit}" if change.task.unit else ""
    new = Progress.model_validate(change.entry)
    line = f"    {change.task.text}: {_progress_text(change.before, unit)} → {_progress_text(new, unit)}"
    if change.this_quarter is not None:
        line += f"; trong quý: {number(change.this_quarter)}{unit}"
    if change.correction:
        line += " (SỬA SỐ ĐÃ BÁO CÁO)"
    return line


def indicator_line(change: IndicatorChange) -> str:
    ind = change.indicator
    unit = "%" if ind.kind == "percent" else (f" {ind.unit}" if ind.unit else "")
    new = Observation.model_validate(change.entry)
    return f"    {ind.code} {ind.name}: {_observation_text(change.before, unit)} → {_observation_text(new, unit)}"


def print_changes(result: ImportResult) -> None:
    by_form: dict[str, tuple[list[TaskChange], list[IndicatorChange]]] = defaultdict(lambda: ([], []))
    for t in result.tasks:
        by_form[t.form][0].append(t)
    for i in result.indicators:
        by_form[i.form][1].append(i)
    for form in result.forms:
        tasks, indicators = by_form.get(form.file, ([], []))
        typer.echo(f"{form.reporter_title} — {form.file}")
        if not tasks and not indicators:
            typer.echo("    (không có số liệu mới)")
        if tasks:
            typer.echo("  Nhiệm vụ:")
            for t in tasks:
                typer.echo(task_line(t))
        if indicators:
            typer.echo("  Chỉ tiêu:")
            for i in indicators:
                typer.echo(indicator_line(i))
    corrections = sum(1 for t in result.tasks if t.correction)
    if corrections:
        typer.echo(f"Lưu ý: {corrections} nhiệm vụ sửa lại số lũy kế đã báo cáo (số mới nhỏ hơn số cũ).")
