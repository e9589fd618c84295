"""Stage 5: the context of the annual plan (Kế hoạch). Pure: dataset and dates in, dict out.

Follows the reference plan's outline: I. purposes, requirements and the district's own
targets; II. per commune (grouped by target set), per criterion by name, its figures,
gaps and works, then the district level; III. the schedule with the Khung kế hoạch annex
(one row per task); IV. per department the criteria it answers for and its duties, the
communes' People's Committees, then the other bodies (Fatherland Front and mass
organisations, public service units). What the office should still check (thresholds not
verified, criteria not yet assessed) goes to one closing note after the annex.
The figures are those known at `as_of` (by default 31/12 of the year before the plan).
"""

from __future__ import annotations

from datetime import date

from ntm_plan.documents.checklist import figures_date, plan_checklist, plan_view
from ntm_plan.documents.common import (
    Context,
    annex_ref,
    criterion_items,
    district_standing,
    header,
    in_plan_year,
    plan_goal,
    references_text,
    set_goal,
    target_label,
    tasks_by_unit,
    work_text,
)
from ntm_plan.documents.issuer import issuer_of
from ntm_plan.documents.plan_parts import (
    annex_rows,
    content_part,
    decision_basis,
    departments_section,
    organisation_part,
    organisation_sections,
    target_rows,
)
from ntm_plan.documents.wording import criteria_state, first_upper, polish, title_words
from ntm_plan.evaluate.results import Assessment
from ntm_plan.evaluate.tasks import TaskStatus, all_task_statuses
from ntm_plan.evaluate.units import current_title, held_title
from ntm_plan.model import District, Unit
from ntm_plan.model.criteria import TIER_RANK
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.vnformat import document_date, number


def plan_context(
    data: Dataset,
    year: int,
    *,
    unit: Unit | None = None,
    as_of: date | None = None,
    number_text: str | None = None,
    day: date | None = None,
) -> Context:
    """The plan the district issues, or (`unit`) the plan a commune issues for itself."""
    if unit is not None and not isinstance(unit, District):
        from ntm_plan.documents.plan_unit import unit_plan_context

        return unit_plan_context(data, unit, year, figures_date(year, as_of), number_text=number_text, day=day)
    district = data.district
    assert district is not None, "the plan needs district.yaml"
    issuer = issuer_of(data)
    as_of = figures_date(year, as_of)
    view = plan_view(data, year, as_of)
    statuses = [s for s in all_task_statuses(data, as_of) if in_plan_year(s, year)]
    d_assessment = view.district
    goal = plan_goal(data, district, year)
    subject = f"Thực hiện {goal} năm {year}"
    ctx = header(issuer, symbol="KH", year=year, number_text=number_text, day=day, subject=subject)
    refs = references_text(district.document.references)
    lead_in = f"Thực hiện {refs}; " if refs else ""
    opening = (
        f"{lead_in}căn cứ kết quả rà soát các tiêu chí đến ngày {document_date(as_of)}, "
        f"{issuer.name} ban hành Kế hoạch {goal} năm {year} với các nội dung sau:"
    )
    ctx["opening"] = first_upper(opening)
    ctx["purposes"] = [
        f"Cụ thể hóa mục tiêu {goal} thành các nhiệm vụ, khối lượng, thời hạn và đơn vị chịu trách nhiệm "
        f"trong năm {year}, làm căn cứ để các phòng, ban và các xã, thị trấn triển khai.",
        "Tập trung nguồn lực vào những tiêu chí, chỉ tiêu còn thiếu hoặc chưa vững; huy động cả hệ thống "
        "chính trị và người dân cùng tham gia.",
    ]
    ctx["requirements"] = [
        "Bám sát các bộ tiêu chí hiện hành; mỗi nhiệm vụ có đơn vị chủ trì, đơn vị phối hợp và thời hạn rõ ràng.",
        "Các đơn vị báo cáo tiến độ định kỳ hằng quý; kịp thời phản ánh khó khăn, vướng mắc để được xử lý.",
        "Phát huy vai trò của từng cơ quan, đơn vị, đoàn thể và địa phương; gắn nhiệm vụ với chức năng chuyên môn, "
        "bảo đảm hiệu quả, tránh hình thức.",
    ]
    ctx["targets"], ctx["target_rows"] = _targets(data, year, d_assessment)
    ctx["target_rows_intro"] = f"Các chỉ tiêu cụ thể năm {year}:" if ctx["target_rows"] else ""
    ctx["communes_intro"] = (
        "Các xã, thị trấn rà soát kết quả từng tiêu chí theo bộ tiêu chí mục tiêu, lập khung kế hoạch chi tiết, "
        "bố trí nguồn lực và phân công thành viên Ban Chỉ đạo theo dõi từng nội dung. Kết quả đến ngày "
        f"{document_date(as_of)} và những việc cần làm của từng đơn vị như sau:"
    )
    by_unit = tasks_by_unit(statuses)
    ctx["commune_groups"] = _commune_groups(data, year, view.units, by_unit, as_of)
    district_tasks = by_unit.get(id(district), [])
    if d_assessment is not None:
        standing = district_standing(data, d_assessment, as_of, year)
        ctx["district_intro"] = (
            f"Củng cố, nâng cao các tiêu chí theo {d_assessment.criteria_set.name}"
            + (f"; đến ngày {document_date(as_of)} huyện {standing}" if standing else "")
            + ". Các nội dung cần tập trung:"
        )
    else:
        ctx["district_intro"] = "Các nội dung cần tập trung ở cấp huyện:"
    ctx["district_items"] = criterion_items(d_assessment, district_tasks) or [
        {"label": "Nhiệm vụ", "text": "chưa có nhiệm vụ cấp huyện trong dữ liệu."}
    ]
    ctx["content_parts"] = [
        content_part("1. Đối với cấp xã, thị trấn", ctx["communes_intro"], groups=ctx["commune_groups"]),
        content_part("2. Đối với cấp huyện", ctx["district_intro"], items=ctx["district_items"]),
    ]
    annex, has_cost = annex_rows(data, statuses, year)
    ctx["annex_has_cost"] = has_cost
    money = ", kinh phí" if has_cost else ""
    ctx["schedule_text"] = (
        f"Thời gian hoàn thành, đơn vị chủ trì, đơn vị phối hợp{money} của từng nhiệm vụ được nêu "
        "tại Khung kế hoạch kèm theo. Tiến độ được báo cáo hằng quý để tổng hợp, đánh giá."
    )
    ctx["departments_intro"] = (
        "Các phòng, ban, đơn vị chủ động phối hợp với các xã, thị trấn kiểm tra, hướng dẫn và thẩm định các tiêu chí "
        "thuộc lĩnh vực phụ trách; hoàn thiện hồ sơ tiêu chí cấp huyện. Nhiệm vụ cụ thể của từng đơn vị:"
    )
    ctx["departments"] = departments_section(data, d_assessment)
    ctx["ubnd_lines"] = [
        f"Căn cứ Kế hoạch này và chỉ tiêu được giao năm {year}, xây dựng khung kế hoạch chi tiết của đơn vị, "
        "cân đối nguồn lực và phân công cụ thể cho từng thành viên.",
        "Trực tiếp chủ trì các nội dung của đơn vị nêu tại mục II.1 và Khung kế hoạch; vận động Nhân dân và "
        "con em xa quê cùng tham gia, đóng góp.",
        "Báo cáo kết quả thực hiện định kỳ hằng quý; phản ánh kịp thời khó khăn, vướng mắc về Ban Chỉ đạo huyện.",
    ]
    ctx["organisations"] = organisation_sections(data, first_number=3)
    ctx["organisation_parts"] = [
        organisation_part("1. Các phòng, ban, đơn vị cấp huyện", ctx["departments_intro"], ctx["departments"]),
        organisation_part("2. Ủy ban nhân dân các xã, thị trấn", "", lines=ctx["ubnd_lines"]),
        *(organisation_part(o["heading"], "", lines=o["lines"]) for o in ctx["organisations"]),
    ]
    ctx["closing"] = (
        f"Trên đây là Kế hoạch {goal} năm {year}. Yêu cầu các phòng, ban, đơn vị và Ủy ban nhân dân các xã, "
        "thị trấn triển khai thực hiện; trong quá trình thực hiện có vướng mắc, báo cáo Ủy ban nhân dân huyện "
        "để xem xét, giải quyết"
    )
    ctx["annex_title"] = f"({first_upper(goal)} năm {year})"
    ctx["annex_ref"] = annex_ref(issuer, "Kế hoạch", "KH", number_text, day, year)
    ctx["annex_rows"] = annex
    return polish(ctx)  # type: ignore[no-any-return]


def office_notes(data: Dataset, year: int, *, as_of: date | None = None) -> list[str]:
    """What the office should check before the plan is signed; printed beside the document
    (on stderr), never in it: `documents.checklist.plan_checklist`."""
    return plan_checklist(data, year, as_of)


def _targets(data: Dataset, year: int, d_assessment: Assessment | None) -> tuple[list[str], list[Context]]:
    """Section I.3: the recognition goal and the targets without a figure as sentences, the
    figures of the year as a table (chỉ tiêu, đơn vị tính, kế hoạch), as annual plans set them."""
    district = data.district
    assert district is not None
    lines: list[str] = []
    if d_assessment is not None and district.target is not None and district.target.year == year:
        lines.append(
            f"Hoàn thành các tiêu chí theo {d_assessment.criteria_set.name}, trình cấp có thẩm quyền thẩm định, "
            f"xét công nhận {district.kind} {district.name} đạt chuẩn "
            f"{set_goal(d_assessment.criteria_set, 'huyện')} năm {district.target.year}."
        )
    sentences, rows = target_rows(district.targets, year, d_assessment.criteria_set if d_assessment else None)
    lines += sentences
    return lines, rows


GOAL_KEY = "goal:"
"""A group of units the plan gives a goal in its own words: after the set groups of communes."""


def _group_key(unit: Unit, data: Dataset) -> tuple[int, int, str, int]:
    if unit.goal is not None:
        return (1 if unit.kind == "thị trấn" else 0, 0, GOAL_KEY + unit.goal.text, unit.goal.year or 0)
    if unit.target is None or unit.target.set not in data.sets:
        return (2, 0, "", 0)
    cset = data.sets[unit.target.set]
    town = 1 if cset.tier == "đô thị văn minh" or unit.kind == "thị trấn" else 0
    return (town, -TIER_RANK.get(cset.tier, 0), cset.id, unit.target.year)


def _commune_groups(
    data: Dataset, year: int, units: dict[str, Assessment | None], by_unit: dict[int, list[TaskStatus]], as_of: date
) -> list[dict[str, object]]:
    groups: dict[tuple[int, int, str, int], list[Unit]] = {}
    for unit in data.district_units():
        groups.setdefault(_group_key(unit, data), []).append(unit)
    out: list[dict[str, object]] = []
    for index, (key, members) in enumerate(sorted(groups.items()), start=1):
        cset = data.sets.get(key[2])
        who = _who(members)
        if key[2].startswith(GOAL_KEY):
            goal = key[2].removeprefix(GOAL_KEY)
            heading = f"1.{index}. {who} {'phấn đấu ' if goal.startswith('đạt chuẩn') else ''}{goal}"
            intro = ""
        elif cset is None:
            heading = f"1.{index}. {who} còn lại" if len(groups) > 1 else f"1.{index}. {who}"
            intro = ""
        else:
            target_year = key[3]
            goal = set_goal(cset, members[0].kind)
            if target_year > year:
                phrase = f"chuẩn bị đạt chuẩn {goal} năm {target_year}"
            elif target_year == year:
                phrase = f"phấn đấu đạt chuẩn {goal} năm {year}"
            else:
                phrase = f"duy trì, nâng cao chất lượng tiêu chí {goal}"
            heading = f"1.{index}. {who} {phrase}"
            intro = (
                f"Căn cứ {decision_basis(data, cset)}, rà soát từng tiêu chí, xác định lộ trình, nguồn vốn "
                "và phân công thực hiện; tập trung vào các nội dung sau:"
            )
        shared, own = _shared_works(members, by_unit)
        blocks = [_unit_block(data, u, units, own[id(u)], as_of) for u in members]
        out.append({"heading": heading, "intro": intro, "shared": shared, "units": blocks})
    return out


def _who(members: list[Unit]) -> str:
    if len(members) == 1:
        return members[0].kind.capitalize()
    kinds = frozenset(u.kind for u in members)
    return {frozenset({"xã"}): "Các xã", frozenset({"thị trấn"}): "Các thị trấn"}.get(kinds, "Các đơn vị")


def _shared_works(
    members: list[Unit], by_unit: dict[int, list[TaskStatus]]
) -> tuple[list[dict[str, str]], dict[int, list[TaskStatus]]]:
    """Works several units of a group hold in the same words, said once for all of them
    ('Đối với 4 xã (Đức Lạng, Hòa Lạc, Liên Minh, Tân Dân): …'), and each unit's own works."""
    holders: dict[str, list[Unit]] = {}
    for unit in members:
        for status in by_unit.get(id(unit), []):
            held_by = holders.setdefault(_work_key(status), [])
            if not any(u is unit for u in held_by):
                held_by.append(unit)
    together: dict[tuple[int, ...], list[TaskStatus]] = {}
    for unit in members:
        for status in by_unit.get(id(unit), []):
            holding = holders[_work_key(status)]
            if len(holding) > 1 and holding[0] is unit:
                together.setdefault(tuple(id(u) for u in holding), []).append(status)
    shared = []
    for key, statuses in together.items():
        who = [u for u in members if id(u) in key]
        names = ", ".join(u.name for u in who)
        kind = who[0].kind if len({u.kind for u in who}) == 1 else "đơn vị"
        works = "; ".join(work_text(s.task) for s in statuses)
        shared.append({"who": f"Đối với {number(len(who))} {kind} ({names})", "text": first_upper(works) + "."})
    own = {id(u): [s for s in by_unit.get(id(u), []) if len(holders[_work_key(s)]) == 1] for u in members}
    return shared, own


def _work_key(status: TaskStatus) -> str:
    return " ".join(work_text(status.task).casefold().split())


def _unit_block(
    data: Dataset, unit: Unit, units: dict[str, Assessment | None], mine: list[TaskStatus], as_of: date
) -> dict[str, object]:
    assessment = units.get(unit.id)
    title = current_title(unit, as_of)
    parts = []
    if title is not None:
        parts.append(f"đã đạt chuẩn {title_words(title)}{_earlier_set(unit, data, as_of)}")
    goal = target_label(unit, data)
    if goal:
        parts.append(f"mục tiêu: {goal}")
    summary = f" ({'; '.join(parts)})" if parts else ""
    state = criteria_state(assessment, with_names=False) if assessment is not None else ""
    if state and assessment is not None and unit.goal is not None:
        state += f" theo {assessment.criteria_set.name}"  # the goal's words name no set
    if state:
        summary += f": đến ngày {document_date(as_of)} {state}"
    summary += "."
    return {"title": unit_heading(unit), "summary": summary, "points": criterion_items(assessment, mine)}


def _earlier_set(unit: Unit, data: Dataset, as_of: date) -> str:
    """' theo bộ tiêu chí giai đoạn trước' for a title granted before the period of the set the
    unit is assessed by: held then, it says nothing of the criteria of the current set."""
    title = held_title(unit, as_of)
    cset = data.sets.get(unit.target.set) if unit.target is not None else None
    if title is None or cset is None or title.year >= cset.period[0]:
        return ""
    return " theo bộ tiêu chí giai đoạn trước"
