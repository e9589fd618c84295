"""Stage 5: the context of the quarterly report (Báo cáo). Pure: dataset and quarter in, dict out.

A leadership report: I. results — the district and each unit in a line (criteria by state
and the change since the previous quarter, titles, works finished, the quantity done this
quarter) with two figures; II. shortcomings — who did not report, the overdue works by
lead, the indicators that block recognition; III. the works due next quarter; IV.
proposals drawn from the data. Each task is named at most once in the body; the full
lists are the annexes Biểu 1 (units × criteria) and Biểu 2 (tasks by lead).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ntm_plan.documents.common import (
    TIER_TITLE,
    Context,
    annex_ref,
    district_standing,
    header,
    in_plan_year,
    plan_goal,
)
from ntm_plan.documents.issuer import issuer_of
from ntm_plan.documents.plan_unit import unit_goal
from ntm_plan.documents.report_parts import figures, next_quarter, proposals, shortcomings, task_summary
from ntm_plan.documents.report_quarter import (
    Reporting,
    criteria_moves,
    finished_works,
    period_statuses,
    quantities,
    reporting,
)
from ntm_plan.documents.report_tables import tasks_table, units_table
from ntm_plan.documents.wording import clean_name, criteria_state, polish, title_words
from ntm_plan.evaluate.results import MET, Assessment
from ntm_plan.evaluate.tasks import TaskStatus, all_task_statuses
from ntm_plan.evaluate.units import DistrictView, assess_district, current_title
from ntm_plan.model import District, Unit
from ntm_plan.model.common import previous_quarter_end, quarter_end, quarter_of
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.vnformat import document_date, quarter


@dataclass(frozen=True)
class Period:
    """The quarter reported on, the one before and the one after."""

    year: int
    q: int
    end: date
    before: date
    next_end: date
    label: str
    prev_label: str
    next_label: str


def period_of(year: int, q: int) -> Period:
    before = previous_quarter_end(year, q)
    next_year, next_q = (year, q + 1) if q < 4 else (year + 1, 1)
    return Period(
        year,
        q,
        quarter_end(year, q),
        before,
        quarter_end(next_year, next_q),
        quarter(year, q, capital=False),
        quarter(before.year, quarter_of(before), capital=False),
        quarter(next_year, next_q, capital=False),
    )


def scoped(data: Dataset, unit: Unit | None) -> Dataset:
    """The data one issuer reports on: the district with its own communes (not those formed
    later under the province), else one commune alone (no district level, no duties)."""
    if unit is None or isinstance(unit, District):
        return data._replace(units=data.district_units())
    return data._replace(units=(unit,), district=None)


def _statuses(data: Dataset, day: date, unit: Unit | None) -> list[TaskStatus]:
    statuses = all_task_statuses(data, day)
    return statuses if unit is None or isinstance(unit, District) else [s for s in statuses if s.unit is unit]


def quarter_reporting(data: Dataset, year: int, q: int, unit: Unit | None = None) -> Reporting:
    """Who reported on the quarter and who did not (for `report`'s refusal of an empty quarter)."""
    period = period_of(year, q)
    view = scoped(data, unit)
    statuses = [s for s in _statuses(view, period.end, unit) if in_plan_year(s, year)]
    return reporting(view, statuses, period.before, period.end)


def report_context(
    data: Dataset,
    year: int,
    q: int,
    *,
    unit: Unit | None = None,
    number_text: str | None = None,
    day: date | None = None,
    draft: bool = False,
) -> Context:
    """The quarterly report of the district, or (`unit`) of one commune on its own work."""
    issuer = issuer_of(data, unit)
    commune = not issuer.is_district
    if commune:
        goal = unit_goal(data, issuer.unit, year)
    else:
        assert data.district is not None, "the report needs district.yaml"
        goal = plan_goal(data, data.district, year)
    scope = scoped(data, unit)
    period = period_of(year, q)
    # the quarter before is judged by this year's requirements too: the first quarter's
    # baseline is then the year's plan, figure for figure
    now_view = assess_district(scope, period.end, rules_year=year)
    old_view = assess_district(scope, period.before, rules_year=year)
    pairs = period_statuses(scope, _statuses(scope, period.end, unit), _statuses(scope, period.before, unit), year)
    statuses = [now for now, _ in pairs]
    subject = f"Kết quả thực hiện Chương trình xây dựng nông thôn mới {period.label}"
    ctx = header(
        issuer,
        symbol="BC",
        year=year,
        number_text=number_text,
        day=day,
        subject=subject,
        recipients=issuer.report_recipients,
    )
    ctx["draft"] = draft
    ctx["opening"] = (
        f"Thực hiện Kế hoạch {goal} năm {year}, {issuer.name} báo cáo kết quả "
        f"thực hiện {period.label} (số liệu đến ngày {document_date(period.end)}) như sau:"
    )
    gained, lost = criteria_moves(scope, now_view.units, old_view.units)
    charts = [] if commune else figures(scope, now_view.units, statuses)
    ctx["results"] = _results(scope, now_view, old_view, pairs, period, charts, gained, commune=commune)
    ctx["figures"] = charts
    ctx["shortcomings"] = shortcomings(scope, now_view.units, now_view.district, pairs, period.before, lost)
    ctx["next_period_upper"] = period.next_label.upper()
    ctx["next_lines"] = next_quarter(scope, statuses, period.end, period.next_end)
    ctx["proposals"] = proposals(scope, now_view.units, issuer.superior, min_units=1 if commune else 2)
    ctx["closing"] = (
        f"Trên đây là báo cáo kết quả thực hiện Chương trình xây dựng nông thôn mới {period.label} của {issuer.name}"
    )
    ctx["as_of_label_upper"] = f"NGÀY {document_date(period.end)}"
    ctx["annex_ref"] = annex_ref(issuer, "Báo cáo", "BC", number_text, day, year)
    ctx["units_table"] = units_table(scope, now_view, old_view)
    ctx["tasks_table"] = tasks_table(scope, pairs)
    return polish(ctx)  # type: ignore[no-any-return]


def _results(
    scope: Dataset,
    now_view: DistrictView,
    old_view: DistrictView,
    pairs: list[tuple[TaskStatus, TaskStatus]],
    period: Period,
    charts: list[Context],
    gained: list[str],
    *,
    commune: bool,
) -> list[Context]:
    """I. Kết quả: what changed in the quarter, the criteria (district, then units), the tasks."""
    statuses = [now for now, _ in pairs]
    quarter_lines = finished_works(pairs) + quantities(pairs)
    if gained:
        quarter_lines.append(f"Tiêu chí đạt thêm trong quý: {'; '.join(gained)}.")
    criteria_heading = "Kết quả thực hiện các tiêu chí" + ("" if commune else " cấp xã, thị trấn")
    results = [
        _section(
            "1. Kết quả nổi bật trong quý",
            quarter_lines or [f"Trong {period.label} chưa có công trình hoàn thành và chưa có tiêu chí đạt thêm."],
        ),
        _section(
            "2. Kết quả thực hiện các tiêu chí cấp huyện",
            _district_lines(scope, now_view.district, old_view.district, period),
        ),
        _section(
            f"3. {criteria_heading}",
            [],
            intro="" if commune else _units_intro(scope, now_view.units, period, chart_ref(charts, "criteria")),
            items=[
                {"label": unit_heading(u), "text": _unit_text(u, now_view.units, old_view.units, period)}
                for u in scope.units
            ],
        ),
        _section("4. Tiến độ thực hiện nhiệm vụ", [], intro=task_summary(statuses, chart_ref(charts, "tasks"))),
    ]
    kept = [r for r in results if r["lines"] or r["entries"] or r["intro"]]
    for number_, section in enumerate(kept, start=1):
        section["heading"] = f"{number_}.{section['heading'].split('.', 1)[1]}"
    return kept


def _section(heading: str, lines: list[str], *, intro: str = "", items: list[Context] | None = None) -> Context:
    return {"heading": heading, "intro": intro, "lines": lines, "entries": items or []}


def _district_lines(data: Dataset, now: Assessment | None, old: Assessment | None, period: Period) -> list[str]:
    """The district as the year's plan states it (`district_standing`), and what changed."""
    if now is None:
        return []
    standing = district_standing(data, now, period.end, period.year)
    if not standing:
        return []
    line = f"Đến ngày {document_date(period.end)}, huyện {standing}"
    change = _change(now, old, period) if old is not None else ""
    if change:
        line += f"; {change}"
    return [line + "."]


def _change(now: Assessment, old: Assessment, period: Period) -> str:
    was_met = {c.criterion.code for c in old.criteria if c.status == MET}
    gained = [clean_name(c.criterion.name) for c in now.criteria if c.status == MET and c.criterion.code not in was_met]
    lost = [clean_name(c.criterion.name) for c in now.criteria if c.status != MET and c.criterion.code in was_met]
    parts = []
    if gained:
        parts.append(f"đạt thêm {len(gained)} tiêu chí so với cuối {period.prev_label} ({'; '.join(gained)})")
    if lost:
        parts.append(f"không còn đạt {len(lost)} tiêu chí ({'; '.join(lost)})")
    return ", ".join(parts)


def chart_ref(charts: list[Context], kind: str) -> str:
    return next((c["ref"] for c in charts if c["kind"] == kind), "")


def _units_intro(data: Dataset, units: dict[str, Assessment | None], period: Period, chart: str = "") -> str:
    """How many units meet every criterion and how many still have criteria to complete; a
    count of units meeting everything only where every criterion is known."""
    assessed = [a for a in units.values() if a is not None]
    full = sum(1 for a in assessed if a.status == MET)
    short = sum(1 for a in assessed if a.counts.not_met)
    parts = [f"{full} xã, thị trấn đạt đủ các tiêu chí của bộ tiêu chí mục tiêu"] if full else []
    if short:
        parts.append(f"{short} đơn vị còn tiêu chí phải hoàn thành")
    head = f"Đến ngày {document_date(period.end)}, {'; '.join(parts)}. " if parts else ""
    chart = f"{chart}; " if chart else ""
    return f"{head}Kết quả từng đơn vị so với cuối {period.prev_label} ({chart}chi tiết tại Biểu 1):"


def _unit_text(
    unit: Unit,
    now: dict[str, Assessment | None],
    old: dict[str, Assessment | None],
    period: Period,
) -> str:
    key = unit.id
    a, b = now.get(key), old.get(key)
    if a is None:
        return _title_line(unit, period)
    state = criteria_state(a)
    parts = [state] if state else []
    if state and b is not None:
        change = _change(a, b, period)
        if change:
            parts.append(change)
    gained = [t for t in unit.titles if t.year == period.year]
    if gained:
        titles = ", ".join(f"đạt chuẩn {TIER_TITLE.get(t.tier, t.tier)}" for t in gained)
        parts.append(f"được công nhận {titles} năm {period.year}")
    if a.status == MET and (b is None or b.status != MET):
        parts.append("đạt đủ các tiêu chí, đủ điều kiện đề nghị xét công nhận")
    return "; ".join(parts) + "." if parts else _title_line(unit, period)


def _title_line(unit: Unit, period: Period) -> str:
    """What a unit without an assessed criterion still has to say: the title it holds."""
    title = current_title(unit, period.end)
    return f"đã đạt chuẩn {title_words(title)}." if title else "chưa có số liệu rà soát tiêu chí trong quý."
