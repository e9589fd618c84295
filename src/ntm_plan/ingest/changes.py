"""Check filled rows against the data and turn them into new progress entries and
observations. Pure: forms and dataset in, changes and diagnostics out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ntm_plan.check.progress import is_complete
from ntm_plan.diagnostics import Diagnostic, error, warning
from ntm_plan.ingest.cells import CellError, is_blank, parse_day, parse_number, parse_percent, parse_text, parse_yes
from ntm_plan.ingest.forms import Place, find_indicator_row, find_task, rows_of
from ntm_plan.ingest.reading import FilledForm, FilledRow
from ntm_plan.model import Indicator, Observation, Progress, Task, Unit
from ntm_plan.model.common import quarter_end, quarter_of, quarter_start
from ntm_plan.model.dataset import Dataset, SourceFile
from ntm_plan.present.vnformat import number, quarter

JUMP = 10
"""A new figure more than JUMP times the last one of the same task or indicator (or less
than its JUMP-th part) is pointed out: 1.234,5 next to last quarter's 50,02."""

Entry = dict[str, Any]
"""A new list item as the YAML will hold it, keys in writing order."""


@dataclass(frozen=True)
class TaskChange:
    form: str
    reporter: str
    task: Task
    place: Place
    entry: Entry
    before: Progress | None
    this_quarter: Decimal | None
    correction: bool


@dataclass(frozen=True)
class IndicatorChange:
    form: str
    reporter: str
    indicator: Indicator
    unit: Unit
    source: SourceFile
    entry: Entry
    before: Observation | None


@dataclass
class _Row:
    """One row being read: its cells, and the problems found in them."""

    form: FilledForm
    row: FilledRow
    diags: list[Diagnostic]
    start: int = field(init=False)
    """How many diagnostics there were before this row."""

    def __post_init__(self) -> None:
        self.start = len(self.diags)

    def failed(self) -> bool:
        return len(self.diags) > self.start

    def not_owned(self) -> None:
        """NTM055: the row names a task or indicator another unit or department reports."""
        self.fail(
            "NTM055",
            "ref",
            f"dòng '{self.row.ref}' không thuộc {self.form.reporter_title}: biểu chỉ báo cáo nhiệm vụ đơn vị chủ trì"
            " và chỉ tiêu đơn vị phụ trách",
            "Mỗi đơn vị chỉ gửi biểu của mình; tạo lại biểu bằng 'ntm-plan form'.",
        )

    def jump(self, key: str, old: Decimal | None, new: Decimal | None, unit: str, day: date) -> None:
        """NTM058 (a warning the preview shows): the new figure is more than ten times the last
        one, or less than a tenth of it — most often a misplaced decimal mark (1.234,5 for 12,345)."""
        if old is None or new is None or old <= 0 or new <= 0 or (new <= old * JUMP and new * JUMP >= old):
            return
        self.diags.append(
            warning(
                "NTM058",
                f"số mới {number(new)}{unit} gấp hơn {JUMP} lần so với số đã báo cáo {number(old)}{unit}"
                f" (ngày {day:%d/%m/%Y})"
                if new > old
                else f"số mới {number(new)}{unit} nhỏ hơn một phần {JUMP} số đã báo cáo {number(old)}{unit}"
                f" (ngày {day:%d/%m/%Y})",
                hint="Kiểm tra dấu thập phân (1,5) và dấu nghìn (1.234); số đúng thì không cần sửa.",
                **self.row.where(self.form.file, key),
            )
        )

    def unknown(self, what: str) -> None:
        self.fail("NTM052", "ref", f"{what} '{self.row.ref}' không có trong dữ liệu", "Biểu đã cũ: tạo lại biểu.")

    def fail(self, code: str, key: str, message: str, hint: str | None = None) -> None:
        self.diags.append(error(code, message, hint=hint, **self.row.where(self.form.file, key)))

    def read(self, key: str, parse: Any) -> Any:
        value = self.row.cells.get(key)
        if is_blank(value):
            return None
        try:
            return parse(value)
        except CellError as exc:
            code = "NTM013" if parse is parse_day or parse is parse_yes else "NTM012"
            self.fail(code, key, str(exc), exc.hint)
            return None

    def day(self) -> date:
        """The entry's date: the one typed, inside the quarter, else the quarter's last day."""
        start, end = quarter_start(self.form.year, self.form.quarter), quarter_end(self.form.year, self.form.quarter)
        typed = self.read("day", parse_day)
        if typed is not None and not start <= typed <= end:
            self.fail("NTM013", "day", f"ngày {typed:%d/%m/%Y} nằm ngoài {quarter(self.form.year, self.form.quarter)}")
        return typed if typed is not None and start <= typed <= end else end


def form_source(form: FilledForm) -> dict[str, str]:
    return {"document": f"Biểu báo cáo {quarter(form.year, form.quarter)} của {form.reporter_title}"}


def task_change(data: Dataset, form: FilledForm, row: FilledRow, diags: list[Diagnostic]) -> TaskChange | None:
    if row.blank():
        return None
    cur = _Row(form, row, diags)
    found = find_task(data, row.ref)
    if found is None:
        cur.unknown("nhiệm vụ")
        return None
    task, place = found
    rows = rows_of(data, form.reporter)
    if rows is None or row.ref not in rows.leads | rows.supports:
        cur.not_owned()
        return None
    if row.ref not in rows.leads:
        key = next(k for k, v in row.cells.items() if not is_blank(v))
        message = "nhiệm vụ đơn vị chỉ phối hợp: ô này đã khóa, đơn vị chủ trì báo cáo số liệu"
        cur.fail("NTM053", key, message, "Xóa số liệu ở dòng này.")
        return None
    done, percent = cur.read("done", parse_number), cur.read("percent", parse_percent)
    correction, spent = bool(cur.read("correction", parse_yes)), cur.read("spent", parse_number)
    note, day = cur.read("note", parse_text), cur.day()
    if done is None and percent is None:
        if is_blank(row.cells.get("done")) and is_blank(row.cells.get("percent")):
            cur.fail("NTM010", "done", "chưa ghi số lũy kế hoặc % hoàn thành", "Ghi một trong hai cột.")
        return None
    if done is not None and percent is not None:
        cur.fail("NTM013", "percent", "chỉ ghi một trong hai: số lũy kế hoặc % hoàn thành")
        return None
    before = _check_task_figures(cur, task, done, percent, correction, spent, day)
    if cur.failed():
        return None
    if before is not None:
        cur.jump("done", before.done, done, f" {task.unit}" if task.unit else "", before.as_of)
    entry: Entry = {"as_of": day, ("done" if done is not None else "percent"): done if done is not None else percent}
    if correction:
        entry["correction"] = True
    if spent is not None:
        entry["spent"] = spent
    if note is not None:
        entry["note"] = note
    entry["source"] = form_source(form)
    previous = (before.done if before is not None else Decimal(0)) if done is not None else None
    amount = done - previous if done is not None and previous is not None else None
    return TaskChange(form.file, form.reporter, task, place, entry, before, amount, correction)


def _check_task_figures(
    cur: _Row,
    task: Task,
    done: Decimal | None,
    percent: Decimal | None,
    correction: bool,
    spent: Decimal | None,
    day: date,
) -> Progress | None:
    """The entry before this one; a refused figure adds its diagnostic to `cur`."""
    unit = f" {task.unit}" if task.unit else ""
    for key, value in (("done", done), ("percent", percent), ("spent", spent)):
        if value is not None and value < 0:
            cur.fail("NTM013", key, f"số {number(value)} không được âm")
    if percent is not None and percent > 100:
        cur.fail("NTM013", "percent", f"{number(percent)}% vượt quá 100%")
    if done is not None and task.quantity is not None and done > task.quantity:
        message = f"lũy kế {number(done)}{unit} vượt khối lượng nhiệm vụ {number(task.quantity)}{unit}"
        cur.fail("NTM030", "done", message)
    if any(p.as_of == day for p in task.progress):
        cur.fail(
            "NTM033", "done", f"dữ liệu đã có tiến độ ngày {day:%d/%m/%Y} của nhiệm vụ này", "Biểu này đã được nhập."
        )
    later = [p.as_of for p in task.progress if p.as_of > day]
    if later:
        cur.fail("NTM051", "done", f"dữ liệu đã có tiến độ ngày {max(later):%d/%m/%Y}, sau kỳ của biểu")
    earlier = [p for p in task.progress if p.as_of < day]
    before = max(earlier, key=lambda p: p.as_of, default=None)
    if (
        before is not None
        and is_complete(task, before)
        and (before.as_of.year, quarter_of(before.as_of)) < (day.year, quarter_of(day))
    ):
        cur.fail("NTM034", "done", f"nhiệm vụ đã hoàn thành từ ngày {before.as_of:%d/%m/%Y}", "Bỏ trống dòng này.")
    if before is not None and not correction:
        for key, old, new, shown in (("done", before.done, done, unit), ("percent", before.percent, percent, "%")):
            if old is not None and new is not None and new < old:
                cur.fail(
                    "NTM032",
                    key,
                    f"lũy kế {number(new)}{shown} nhỏ hơn số đã báo cáo {number(old)}{shown}"
                    f" (ngày {before.as_of:%d/%m/%Y})",
                    "Số lũy kế là số cộng dồn. Nếu số kỳ trước sai, chọn 'Có' ở cột 'Sửa số đã báo cáo'.",
                )
    return before


_MET = {"đạt": True, "dat": True, "chưa đạt": False, "chua dat": False, "không đạt": False, "khong dat": False}


def indicator_change(
    data: Dataset, form: FilledForm, row: FilledRow, diags: list[Diagnostic]
) -> IndicatorChange | None:
    if row.blank():
        return None
    cur = _Row(form, row, diags)
    found = find_indicator_row(data, row.ref)
    if found is None:
        cur.unknown("chỉ tiêu")
        return None
    indicator, unit, source = found
    rows = rows_of(data, form.reporter)
    if rows is None or row.ref not in rows.indicators:
        cur.not_owned()
        return None
    day = cur.day()
    figures = _figures(cur, indicator)
    document = cur.read("source", parse_text)
    note = cur.read("note", parse_text)
    if figures is None or cur.failed():
        return None
    if any(o.indicator == indicator.code and o.as_of == day and o.set is None for o in unit.observations):
        cur.fail("NTM054", "value", f"dữ liệu đã có số liệu chỉ tiêu {indicator.code} ngày {day:%d/%m/%Y}")
        return None
    entry: Entry = {"indicator": indicator.code, **figures, "as_of": day}
    entry["source"] = {"document": document} if document else form_source(form)
    if note is not None:
        entry["note"] = note
    before = max(
        (o for o in unit.observations if o.indicator == indicator.code and o.set is None and o.as_of < day),
        key=lambda o: o.as_of,
        default=None,
    )
    if before is not None:
        shown = "%" if indicator.kind == "percent" else (f" {indicator.unit}" if indicator.unit else "")
        cur.jump("value", before.value, figures.get("value"), shown, before.as_of)
        cur.jump("value", _decimal(before.count), _decimal(figures.get("count")), "", before.as_of)
        cur.jump("total", _decimal(before.total), _decimal(figures.get("total")), "", before.as_of)
    return IndicatorChange(form.file, form.reporter, indicator, unit, source, entry, before)


def _decimal(value: int | Decimal | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _figures(cur: _Row, indicator: Indicator) -> Entry | None:
    cells = cur.row.cells
    if is_blank(cells.get("value")):
        cur.fail("NTM010", "value", "chưa ghi số liệu mới", "Ghi số liệu, hoặc xóa cả dòng nếu không có số liệu mới.")
        return None
    if indicator.kind == "parts":
        count, total = cur.read("value", parse_number), cur.read("total", parse_number)
        if total is None and is_blank(cells.get("total")):
            cur.fail("NTM010", "total", "chưa ghi tổng số (mẫu số)")
        if count is None or total is None:
            return None
        for key, figure in (("value", count), ("total", total)):
            if figure != figure.to_integral_value() or figure < (1 if key == "total" else 0):
                cur.fail(
                    "NTM013", key, f"'{number(figure)}' phải là số nguyên {'dương' if key == 'total' else 'không âm'}"
                )
        if count > total:
            cur.fail("NTM013", "value", f"số đạt {number(count)} lớn hơn tổng số {number(total)}")
        return {"count": int(count), "total": int(total)}
    if not is_blank(cells.get("total")):
        cur.fail("NTM013", "total", "chỉ tiêu này không ghi tổng số", "Xóa ô này.")
    if indicator.kind == "boolean":
        text = str(cells["value"]).strip().casefold()
        if text not in _MET:
            cur.fail("NTM013", "value", f"'{cells['value']}' không hợp lệ", "Chọn Đạt hoặc Chưa đạt.")
            return None
        return {"met": _MET[text]}
    if indicator.kind == "level":
        level = parse_text(cells["value"])
        if level not in indicator.levels:
            cur.fail(
                "NTM013", "value", f"mức '{level}' không có trong chỉ tiêu", "Các mức: " + ", ".join(indicator.levels)
            )
            return None
        return {"level": level}
    value = cur.read("value", parse_percent if indicator.kind == "percent" else parse_number)
    if value is None:
        return None
    if value < 0 or (indicator.kind == "percent" and value > 100):
        cur.fail(
            "NTM013", "value", f"{number(value)} nằm ngoài {'0–100%' if indicator.kind == 'percent' else 'số không âm'}"
        )
    return {"value": value}


def collect_changes(
    data: Dataset, forms: list[FilledForm], year: int, q: int
) -> tuple[list[TaskChange], list[IndicatorChange], list[Diagnostic]]:
    """Every change the forms ask for, or the diagnostics that refuse them."""
    diags: list[Diagnostic] = []
    tasks: list[TaskChange] = []
    indicators: list[IndicatorChange] = []
    seen: dict[str, str] = {}
    for form in forms:
        if not _known_reporter(data, form, diags):
            continue
        if (form.year, form.quarter) != (year, q):
            diags.append(
                error(
                    "NTM051",
                    f"biểu của {quarter(form.year, form.quarter)}, không phải {quarter(year, q)}",
                    hint="Nhập riêng từng quý (--quarter), hoặc gửi biểu của đúng quý.",
                    **form.quarter_where(),
                )
            )
            continue
        for row in form.tasks:
            task = task_change(data, form, row, diags)
            if task is not None and _first_report(form, row, seen, diags):
                tasks.append(task)
        for row in form.indicators:
            indicator = indicator_change(data, form, row, diags)
            if indicator is not None and _first_report(form, row, seen, diags):
                indicators.append(indicator)
    return tasks, indicators, diags


def _known_reporter(data: Dataset, form: FilledForm, diags: list[Diagnostic]) -> bool:
    """The form's reporter is a unit or department of the data, named as the form shows it."""
    rows = rows_of(data, form.reporter)
    if rows is None:
        message = f"biểu của đơn vị '{form.reporter}' không có trong dữ liệu"
        diags.append(error("NTM052", message, hint="Tạo lại biểu bằng 'ntm-plan form'.", **form.reporter_where()))
        return False
    if rows.title != form.reporter_title:
        diags.append(
            error(
                "NTM055",
                f"biểu ghi đơn vị báo cáo '{form.reporter_title}' nhưng được tạo cho {rows.title}",
                hint="Mỗi đơn vị chỉ gửi biểu của mình; tạo lại biểu bằng 'ntm-plan form'.",
                **form.reporter_where(),
            )
        )
        return False
    return True


def _first_report(form: FilledForm, row: FilledRow, seen: dict[str, str], diags: list[Diagnostic]) -> bool:
    if row.ref in seen:
        diags.append(
            error("NTM054", f"'{row.ref}' đã được báo cáo trong {seen[row.ref]}", **row.where(form.file, "ref"))
        )
        return False
    seen[row.ref] = form.file
    return True
