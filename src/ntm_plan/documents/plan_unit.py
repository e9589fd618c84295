"""Stage 5: the plan a commune issues for itself. Pure: dataset, unit and dates in, dict out.

The same outline and template as the district's plan, at the commune's level: I. purposes,
requirements and the commune's targets for the year; II. its criteria, figures and works
(what is known at `as_of`); III. the schedule with the commune's rows of the Khung kế hoạch;
IV. who does what: the People's Committee itself, then the district departments (or the
province's after 2025) asked to guide it, by the criteria their works serve.
"""

from __future__ import annotations

from datetime import date

from ntm_plan.documents.common import (
    Context,
    annex_ref,
    criterion_items,
    header,
    in_plan_year,
    plan_goal,
    set_goal,
    task_criterion,
    tasks_by_unit,
)
from ntm_plan.documents.issuer import Issuer, issuer_of
from ntm_plan.documents.plan_parts import annex_rows, content_part, decision_basis, organisation_part, target_rows
from ntm_plan.documents.wording import clean_name, criteria_state, first_upper, polish, title_words
from ntm_plan.evaluate.results import Assessment
from ntm_plan.evaluate.tasks import TaskStatus, all_task_statuses
from ntm_plan.evaluate.units import assess_district, current_title
from ntm_plan.model import CriteriaSet, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.unit import UNIT_LEAD
from ntm_plan.present.vnformat import document_date


def unit_goal(data: Dataset, unit: Unit, year: int) -> str:
    """What a commune's plan of the year is for: its standard in its target year, building
    new countryside in any other year."""
    target = unit.target
    if target is not None and target.set in data.sets and target.year == year:
        return f"xây dựng {unit.kind} {unit.name} đạt chuẩn {set_goal(data.sets[target.set], unit.kind)}"
    return f"xây dựng nông thôn mới trên địa bàn {unit.kind} {unit.name}"


def unit_plan_context(
    data: Dataset, unit: Unit, year: int, as_of: date, *, number_text: str | None, day: date | None
) -> Context:
    issuer = issuer_of(data, unit)
    assessment = assess_district(data, as_of).units.get(unit.id)
    cset = data.sets.get(unit.target.set) if unit.target else None
    statuses = [s for s in all_task_statuses(data, as_of) if s.unit is unit and in_plan_year(s, year)]
    goal = unit_goal(data, unit, year)
    ctx = header(
        issuer, symbol="KH", year=year, number_text=number_text, day=day, subject=f"Thực hiện {goal} năm {year}"
    )
    ctx["opening"] = _opening(data, issuer, cset, goal, year, as_of)
    ctx.update(_aims(unit, goal, year, issuer.superior))
    sentences, rows = target_rows(unit.targets, year, cset)
    ctx["targets"] = [*_recognition(unit, year, cset), *sentences]
    ctx["target_rows"] = rows
    ctx["target_rows_intro"] = f"Các chỉ tiêu cụ thể năm {year}:" if rows else ""
    intro = _known(unit, assessment, as_of)
    mine = tasks_by_unit(statuses).get(id(unit), [])
    items = criterion_items(assessment, mine)
    ctx["commune_groups"] = []
    ctx["district_items"] = items
    ctx["content_parts"] = [content_part("1. Các tiêu chí, chỉ tiêu và công việc cần thực hiện", intro, items=items)]
    annex, has_cost = annex_rows(data, statuses, year)
    ctx["annex_has_cost"] = has_cost
    money = ", kinh phí" if has_cost else ""
    ctx["schedule_text"] = (
        f"Thời gian hoàn thành, người chủ trì, đơn vị phối hợp{money} của từng nhiệm vụ được nêu tại Khung kế hoạch "
        "kèm theo. Tiến độ được báo cáo hằng quý để tổng hợp, đánh giá."
    )
    ctx["organisation_parts"] = _organisation(data, unit, statuses, issuer.superior)
    ctx["closing"] = (
        f"Trên đây là Kế hoạch {goal} năm {year}. Yêu cầu cán bộ, công chức và các thôn triển khai thực hiện; "
        f"trong quá trình thực hiện có vướng mắc, báo cáo {issuer.name} để xem xét, giải quyết"
    )
    ctx["annex_title"] = f"({first_upper(goal)} năm {year})"
    ctx["annex_ref"] = annex_ref(issuer, "Kế hoạch", "KH", number_text, day, year)
    ctx["annex_rows"] = annex
    return polish(ctx)  # type: ignore[no-any-return]


def _opening(data: Dataset, issuer: Issuer, cset: CriteriaSet | None, goal: str, year: int, as_of: date) -> str:
    bases = []
    if data.district is not None:
        bases.append(f"Thực hiện Kế hoạch {plan_goal(data, data.district, year)} năm {year} của {issuer.superior}")
    if cset is not None:
        bases.append(f"căn cứ {decision_basis(data, cset)}")
    bases.append(f"căn cứ kết quả rà soát các tiêu chí đến ngày {document_date(as_of)}")
    return first_upper(f"{'; '.join(bases)}, {issuer.name} ban hành Kế hoạch {goal} năm {year} với các nội dung sau:")


def _aims(unit: Unit, goal: str, year: int, superior: str) -> Context:
    return {
        "purposes": [
            f"Cụ thể hóa mục tiêu {goal} thành các nhiệm vụ, khối lượng, thời hạn và người chịu trách nhiệm trong "
            f"năm {year}, làm căn cứ để các thôn, cán bộ, công chức {unit.kind} triển khai.",
            "Tập trung nguồn lực vào những tiêu chí, chỉ tiêu còn thiếu hoặc chưa vững; huy động cả hệ thống chính "
            "trị và Nhân dân cùng tham gia.",
        ],
        "requirements": [
            "Bám sát bộ tiêu chí hiện hành; mỗi nhiệm vụ có người chủ trì, đơn vị phối hợp và thời hạn rõ ràng.",
            f"Báo cáo tiến độ định kỳ hằng quý về {superior}; kịp thời phản ánh khó khăn, vướng mắc.",
        ],
    }


def _known(unit: Unit, assessment: Assessment | None, as_of: date) -> str:
    """What is known of the commune at `as_of`: its title, its criteria met and to complete."""
    state = criteria_state(assessment) if assessment is not None else ""
    title = current_title(unit, as_of)
    known = [f"{unit.kind} đã đạt chuẩn {title_words(title)}"] if title else []
    if state:
        known.append(f"đến ngày {document_date(as_of)} {unit.kind} {state}")
    return (first_upper("; ".join(known)) + ". " if known else "") + "Các nội dung cần tập trung:"


def _recognition(unit: Unit, year: int, cset: CriteriaSet | None) -> list[str]:
    target = unit.target
    if target is None or cset is None or target.year != year:
        return []
    goal = set_goal(cset, unit.kind)
    return [
        f"Hoàn thành các tiêu chí theo {cset.name}, trình cấp có thẩm quyền thẩm định, xét công nhận {unit.kind} "
        f"{unit.name} đạt chuẩn {goal} năm {year}."
    ]


def _organisation(data: Dataset, unit: Unit, statuses: list[TaskStatus], superior: str) -> list[Context]:
    """IV: the commune's own committee, then each department its works involve, with the
    criteria those works serve (never a count of rows)."""
    cset = data.sets.get(unit.target.set) if unit.target else None
    own = [
        "Chủ trì tổ chức thực hiện các nội dung tại mục II; phân công cán bộ, công chức theo dõi từng tiêu chí, "
        "nhiệm vụ; vận động Nhân dân và con em xa quê cùng tham gia, đóng góp.",
        f"Báo cáo kết quả thực hiện định kỳ hằng quý về {superior}; phản ánh kịp thời khó khăn, vướng mắc.",
    ]
    serving: dict[str, list[str]] = {}
    for status in statuses:
        code = task_criterion(status.task, cset)
        crit = next((c for c in cset.criteria if c.code == code), None) if cset is not None else None
        label = f"tiêu chí {clean_name(crit.name)}" if crit is not None else "các nhiệm vụ khác"
        for dept_id in ([status.lead] if status.lead != UNIT_LEAD else []) + list(status.task.support):
            labels = serving.setdefault(dept_id, [])
            if label not in labels:
                labels.append(label)
    sections = []
    for dept in data.departments:
        if dept.id in serving:
            sections.append(
                {
                    "heading": dept.name,
                    "lines": [f"Hướng dẫn, hỗ trợ {unit.kind} thực hiện {', '.join(serving[dept.id])}."],
                }
            )
    parts = [organisation_part(f"1. Ủy ban nhân dân {unit.kind}", "", lines=own)]
    if sections:
        numbered = [{**s, "heading": f"2.{i}. {s['heading']}"} for i, s in enumerate(sections, start=1)]
        above = "cấp huyện" if data.district is not None else "cấp tỉnh"
        parts.append(
            organisation_part(
                f"2. Đề nghị các phòng, ban, đơn vị {above}",
                "Phối hợp, hướng dẫn và hỗ trợ các nội dung thuộc lĩnh vực phụ trách:",
                numbered,
            )
        )
    return parts
