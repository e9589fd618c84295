"""What the office checks before the chairman signs the year's plan: everything the signed
text leaves out because it is not known. Pure; printed beside the document, never in it.

A signed plan states only what is known ("đạt 19/20 tiêu chí, còn 1 tiêu chí phải hoàn
thành"); a criterion nobody has assessed is named here, unit by unit, with the recognition
conditions not assessed, the units with no goal, and the thresholds not yet checked against
their decision.
"""

from __future__ import annotations

from datetime import date

from ntm_plan.documents.plan_parts import closing_note
from ntm_plan.documents.wording import clean_name
from ntm_plan.evaluate.results import UNKNOWN, Assessment
from ntm_plan.evaluate.units import DistrictView, assess_district
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import display_name


def figures_date(year: int, as_of: date | None) -> date:
    """The date the plan's figures are taken at: by default the end of the year before."""
    return as_of or date(year - 1, 12, 31)


def plan_view(data: Dataset, year: int, as_of: date | None = None) -> DistrictView:
    """Every unit as the year's plan states it: the figures of its date judged by the year's
    requirements, as the year's quarterly reports judge them (one source of every status line)."""
    return assess_district(data, figures_date(year, as_of), rules_year=year)


def unknown_line(name: str, assessment: Assessment) -> str | None:
    """'xã An Dũng: chưa có kết quả rà soát 16 tiêu chí (Quy hoạch; Điện; …)'."""
    unknown = [clean_name(c.criterion.name) for c in assessment.criteria if c.status == UNKNOWN]
    conditions = [clean_name(c.indicator.name) for c in assessment.conditions if c.status == UNKNOWN]
    parts = []
    if unknown:
        parts.append(f"chưa có kết quả rà soát {len(unknown)} tiêu chí ({'; '.join(unknown)})")
    if conditions:
        parts.append(f"chưa đánh giá điều kiện công nhận: {'; '.join(conditions)}")
    return f"{name}: {', '.join(parts)}." if parts else None


def plan_checklist(data: Dataset, year: int, as_of: date | None = None) -> list[str]:
    """One line per thing to check: each unit's criteria not assessed (by name), the
    district's, the units with no goal, then the data's own caveats."""
    view = plan_view(data, year, as_of)
    lines = []
    for unit in data.units:
        if not unit.exists_on(view.as_of):
            continue  # a unit founded later (or closed before) is no part of this plan
        assessment = view.units.get(unit.id)
        if assessment is not None:
            line = unknown_line(display_name(unit), assessment)
            if line:
                lines.append(line)
        elif unit.goal is None:
            lines.append(f"{display_name(unit)}: chưa xác định mục tiêu (bộ tiêu chí hoặc mục tiêu theo lời kế hoạch).")
    if data.district is not None and view.district is not None:
        line = unknown_line(display_name(data.district), view.district)
        if line:
            lines.append(line)
    return lines + closing_note(data, view.units, view.district)
