"""Stage 5: the context of the annual plan (Kế hoạch). Pure: dataset and dates in, dict out.

Follows the reference plan's outline: I. purposes, requirements and the district's targets;
II. per commune (grouped by target set), per criterion, its figures, gaps and works, then
the district level; III. the schedule with the Khung kế hoạch annex (one row per task);
IV. per department the indicator codes it answers for in each set and its duties.
The figures are those known at `as_of` (by default 31/12 of the year before the plan).
"""

from __future__ import annotations

from datetime import date

from ntm_plan.check.checks import UNIT_LEAD
from ntm_plan.documents.common import (
    Context,
    annex_ref,
    codes_text,
    count_line,
    criterion_items,
    department_short,
    header,
    in_plan_year,
    issuer_name,
    lead_text,
    references_text,
    set_goal,
    target_label,
    tasks_by_unit,
    unit_title,
    work_text,
)
from ntm_plan.evaluate.results import MET, NO_DATA, NOT_MET, Assessment
from ntm_plan.evaluate.tasks import TaskStatus, all_task_statuses
from ntm_plan.evaluate.units import assess_district, current_title
from ntm_plan.model import Unit
from ntm_plan.model.criteria import TIER_RANK
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.responsibilities import expand_all
from ntm_plan.model.sets import find_indicator
from ntm_plan.present.vnformat import document_date, number, roman


def plan_context(
    data: Dataset, year: int, *, as_of: date | None = None, number_text: str | None = None, day: date | None = None
) -> Context:
    district = data.district
    assert district is not None, "the plan needs district.yaml"
    as_of = as_of or date(year - 1, 12, 31)
    view = assess_district(data, as_of)
    statuses = [s for s in all_task_statuses(data, as_of) if in_plan_year(s, year)]
    d_assessment = view.district
    goal = (
        f"xây dựng {district.kind} {district.name} đạt chuẩn {set_goal(data.sets[district.target.set], 'huyện')}"
        if district.target and district.target.set in data.sets and district.target.year == year
        else f"xây dựng nông thôn mới trên địa bàn {district.kind} {district.name}"
    )
    subject = f"Thực hiện {goal} năm {year}"
    ctx = header(data, symbol="KH", year=year, number_text=number_text, day=day, subject=subject)
    refs = references_text(district.document.references)
    lead_in = f"Thực hiện {refs}; " if refs else ""
    ctx["opening"] = (
        f"{lead_in}căn cứ kết quả rà soát các tiêu chí đến ngày {document_date(as_of)}, "
        f"{issuer_name(district)} ban hành Kế hoạch {goal} năm {year} với các nội dung sau:"
    )
    ctx["opening"] = ctx["opening"][0].upper() + ctx["opening"][1:]
    ctx["purposes"] = [
        f"Cụ thể hóa mục tiêu {goal} thành các nhiệm vụ, khối lượng, thời hạn và đơn vị chịu trách nhiệm "
        f"trong năm {year}, làm căn cứ để các phòng, ban và các xã, thị trấn triển khai.",
        "Tập trung nguồn lực vào những tiêu chí, chỉ tiêu còn thiếu hoặc chưa vững; huy động cả hệ thống "
        "chính trị và người dân cùng tham gia.",
    ]
    ctx["requirements"] = [
        "Bám sát các bộ tiêu chí hiện hành; mỗi nhiệm vụ có đơn vị chủ trì, đơn vị phối hợp và thời hạn rõ ràng.",
        "Các đơn vị báo cáo tiến độ định kỳ hằng quý; kịp thời phản ánh khó khăn, vướng mắc để được xử lý.",
        "Gắn nhiệm vụ với chức năng chuyên môn của từng cơ quan, đơn vị; bảo đảm hiệu quả, tránh hình thức.",
    ]
    ctx["targets"] = _targets(data, year, d_assessment)
    ctx["communes_intro"] = (
        "Các xã, thị trấn rà soát kết quả từng tiêu chí theo bộ tiêu chí mục tiêu, lập khung kế hoạch chi tiết, "
        "bố trí nguồn lực và phân công thành viên Ban Chỉ đạo theo dõi từng nội dung. Kết quả đến ngày "
        f"{document_date(as_of)} và những việc cần làm của từng đơn vị như sau:"
    )
    by_unit = tasks_by_unit(statuses)
    ctx["commune_groups"] = _commune_groups(data, year, view.units, by_unit, as_of)
    district_tasks = [s for s in statuses if s.unit is district]
    if d_assessment is not None:
        ctx["district_intro"] = (
            f"Củng cố, nâng cao các tiêu chí theo {d_assessment.criteria_set.name}; đến ngày {document_date(as_of)} "
            f"huyện đạt {count_line(d_assessment)} tiêu chí. Các nội dung cần tập trung:"
        )
    else:
        ctx["district_intro"] = "Các nội dung cần tập trung ở cấp huyện:"
    ctx["district_items"] = criterion_items(d_assessment, district_tasks) or [
        {"label": "Nhiệm vụ", "text": "chưa có nhiệm vụ cấp huyện trong dữ liệu."}
    ]
    ctx["schedule_text"] = (
        f"Thời gian hoàn thành, đơn vị chủ trì, đơn vị phối hợp và kinh phí của {len(statuses)} nhiệm vụ được nêu "
        "tại Khung kế hoạch kèm theo. Tiến độ được báo cáo hằng quý để tổng hợp, đánh giá."
    )
    ctx["departments_intro"] = (
        "Các phòng, ban, đơn vị chủ động phối hợp với các xã, thị trấn kiểm tra, hướng dẫn và thẩm định các tiêu chí "
        "thuộc lĩnh vực phụ trách; hoàn thiện hồ sơ tiêu chí cấp huyện. Nhiệm vụ cụ thể của từng đơn vị:"
    )
    ctx["departments"] = _departments(data, statuses, d_assessment)
    ubnd = [s for s in statuses if s.lead == UNIT_LEAD and s.unit is not district]
    ctx["ubnd_lines"] = [
        f"Căn cứ Kế hoạch này và chỉ tiêu được giao năm {year}, xây dựng khung kế hoạch chi tiết của đơn vị, "
        "cân đối nguồn lực và phân công cụ thể cho từng thành viên.",
        f"Trực tiếp chủ trì {len(ubnd)} nhiệm vụ nêu tại Khung kế hoạch; vận động Nhân dân và con em xa quê "
        "cùng tham gia, đóng góp.",
        "Báo cáo kết quả thực hiện định kỳ hằng quý; phản ánh kịp thời khó khăn, vướng mắc về Ban Chỉ đạo huyện.",
    ]
    ctx["closing"] = (
        f"Trên đây là Kế hoạch {goal} năm {year}. Yêu cầu các phòng, ban, đơn vị và Ủy ban nhân dân các xã, "
        "thị trấn triển khai thực hiện; trong quá trình thực hiện có vướng mắc, báo cáo Ủy ban nhân dân huyện "
        "để xem xét, giải quyết"
    )
    ctx["annex_title"] = f"({goal[0].upper() + goal[1:]} năm {year})"
    ctx["annex_ref"] = annex_ref(data, "Kế hoạch", "KH", number_text, day, year)
    ctx["annex_rows"] = _annex_rows(data, statuses, year)
    return ctx


def _target_value(value: object, upper: object, unit: str | None) -> str:
    text = number(value) if upper is None else f"{number(value)} - {number(upper)}"  # type: ignore[arg-type]
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _targets(data: Dataset, year: int, d_assessment: Assessment | None) -> list[str]:
    district = data.district
    assert district is not None
    lines: list[str] = []
    if d_assessment is not None and district.target is not None:
        lines.append(
            f"Hoàn thành các tiêu chí theo {d_assessment.criteria_set.name} (hiện đạt "
            f"{count_line(d_assessment)} tiêu chí), trình cấp có thẩm quyền xét công nhận {district.kind} "
            f"{district.name} đạt chuẩn {set_goal(d_assessment.criteria_set, 'huyện')} năm {district.target.year}."
        )
    groups: dict[str, list[Unit]] = {}
    for unit in data.units:
        if unit.target and unit.target.year == year and unit.target.set in data.sets:
            groups.setdefault(unit.target.set, []).append(unit)
    for set_id, units in sorted(groups.items(), key=lambda kv: -TIER_RANK.get(data.sets[kv[0]].tier, 0)):
        cset = data.sets[set_id]
        kind = units[0].kind
        names = ", ".join(u.name for u in units)
        lines.append(f"Có thêm {len(units)} {kind} đạt chuẩn {set_goal(cset, kind)} ({names}).")
    for target in district.targets:
        if target.year != year or target.value is None:
            continue
        name = target.name
        if name is None and target.indicator and d_assessment is not None:
            found = find_indicator(d_assessment.criteria_set, target.indicator)
            name = found[1].name if found else f"Chỉ tiêu {target.indicator}"
        amount = _target_value(target.value, target.upper, target.unit)
        prefix = "không quá " if target.direction == "max" else ""
        lines.append(f"{name or 'Chỉ tiêu'}: {prefix}{amount}.")
    return lines


def _group_key(unit: Unit, data: Dataset) -> tuple[int, int, str, int]:
    if unit.target is None or unit.target.set not in data.sets:
        return (2, 0, "", 0)
    cset = data.sets[unit.target.set]
    town = 1 if cset.tier == "đô thị văn minh" or unit.kind == "thị trấn" else 0
    return (town, -TIER_RANK.get(cset.tier, 0), cset.id, unit.target.year)


def _commune_groups(
    data: Dataset, year: int, units: dict[str, Assessment | None], by_unit: dict[int, list[TaskStatus]], as_of: date
) -> list[dict[str, object]]:
    groups: dict[tuple[int, int, str, int], list[Unit]] = {}
    for unit in data.units:
        groups.setdefault(_group_key(unit, data), []).append(unit)
    out: list[dict[str, object]] = []
    for index, (key, members) in enumerate(sorted(groups.items()), start=1):
        cset = data.sets.get(key[2])
        kinds = {u.kind for u in members}
        if len(members) == 1:
            who = members[0].kind.capitalize()
        else:
            who = {frozenset({"xã"}): "Các xã", frozenset({"thị trấn"}): "Các thị trấn"}.get(
                frozenset(kinds), "Các đơn vị"
            )
        if cset is None:
            heading, intro = (
                f"1.{index}. {who} chưa xác định bộ tiêu chí mục tiêu",
                ("Cần xác định bộ tiêu chí mục tiêu để đánh giá và lập kế hoạch."),
            )
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
                f"Căn cứ {cset.name} ({cset.decision.document}), rà soát từng tiêu chí, xác định lộ trình, nguồn vốn "
                "và phân công thực hiện; tập trung vào các nội dung sau:"
            )
        out.append(
            {
                "heading": heading,
                "intro": intro,
                "units": [_unit_block(data, u, units, by_unit.get(id(u), []), as_of) for u in members],
            }
        )
    return out


def _unit_block(
    data: Dataset, unit: Unit, units: dict[str, Assessment | None], mine: list[TaskStatus], as_of: date
) -> dict[str, object]:
    assessment = units.get(unit.id or unit.name)
    title = current_title(unit, as_of)
    parts = []
    if title != "chưa có số liệu":
        parts.append(f"đã đạt chuẩn {title}")
    parts.append(f"mục tiêu: {target_label(unit, data)}")
    summary = f" ({'; '.join(parts)})"
    if assessment is not None:
        unmet = [c for c in assessment.criteria if c.status == NOT_MET]
        summary += f": đến ngày {document_date(as_of)} đạt {count_line(assessment)} tiêu chí"
        if unmet:
            summary += ", chưa đạt: " + ", ".join(f"{c.criterion.code}. {c.criterion.name}" for c in unmet)
        missing = sum(1 for c in assessment.criteria if c.status == NO_DATA)
        if missing:
            summary += f"; {missing} tiêu chí chưa đủ số liệu"
        summary += "."
    else:
        summary += "."
    return {"title": unit_title(unit), "summary": summary, "points": criterion_items(assessment, mine)}


def _departments(data: Dataset, statuses: list[TaskStatus], d_assessment: Assessment | None) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    # mass organisations (Ủy ban MTTQ) are not among "các phòng, ban, đơn vị cấp huyện"
    offices = [d for d in data.departments if d.kind != "đoàn thể"]
    for index, dept in enumerate(offices, start=1):
        lines: list[str] = []
        by_set: dict[str, list[str]] = {}
        for resp in dept.responsibilities:
            by_set.setdefault(resp.set, []).extend(resp.indicators)
        for set_id, texts in by_set.items():
            cset = data.sets.get(set_id)
            if cset is None:
                continue
            codes = expand_all(texts, cset)
            criteria = []
            for crit in cset.criteria:
                if any(i.code in codes for i in crit.indicators):
                    criteria.append(f"số {crit.code} {crit.name}")
            line = f"Phụ trách theo {cset.name}: chỉ tiêu {', '.join(codes)} (tiêu chí {'; '.join(criteria)})"
            if d_assessment is not None and d_assessment.criteria_set.id == set_id:
                results = [r for r in d_assessment.indicators() if r.indicator.code in codes]
                unmet = [r.indicator.code for r in results if r.status == NOT_MET]
                missing = [r.indicator.code for r in results if r.status == NO_DATA]
                met = [r.indicator.code for r in results if r.status == MET]
                line += f"; hiện đạt {len(met)}/{len(results)} chỉ tiêu"
                if unmet:
                    line += f", chưa đạt: {codes_text(unmet)}"
                if missing:
                    line += f", chưa có số liệu: {codes_text(missing)}"
            lines.append(line + ".")
        if by_set and not dept.duties:
            lines.append(
                "Rà soát nội dung, khối lượng công việc của các chỉ tiêu được giao; hoàn thiện hồ sơ tiêu chí và "
                "phối hợp với các sở, ngành trong kiểm tra, thẩm định."
            )
        for duty in dept.duties:
            lines.append(work_text(duty) + ".")
        led = [s for s in statuses if s.lead == dept.id and s.owner_department is None]
        supported = [s for s in statuses if dept.id in s.task.support]
        counts = [f"chủ trì {len(led)}" if led else "", f"phối hợp {len(supported)}" if supported else ""]
        if led or supported:
            phrase = " và ".join(c for c in counts if c)
            lines.append(f"{phrase[0].upper()}{phrase[1:]} nhiệm vụ tại Khung kế hoạch kèm theo.")
        if not lines:
            lines.append("Thực hiện các nhiệm vụ thuộc chức năng, nhiệm vụ được giao.")
        out.append({"heading": f"1.{index}. {dept.name}", "lines": lines})
    return out


def _annex_rows(data: Dataset, statuses: list[TaskStatus], year: int) -> list[dict[str, object]]:
    groups: list[tuple[str, list[TaskStatus]]] = []
    by_unit = tasks_by_unit(statuses)
    for unit in data.units:
        mine = by_unit.get(id(unit), [])
        if mine:
            groups.append((unit_title(unit), mine))
    district_tasks = [s for s in statuses if s.unit is not None and s.unit is data.district]
    if district_tasks:
        groups.append(("Cấp huyện", district_tasks))
    for dept in data.departments:
        mine = [s for s in statuses if s.owner_department == dept.id]
        if mine:
            groups.append((dept.name, mine))
    rows: list[dict[str, object]] = []
    for g, (title, members) in enumerate(groups, start=1):
        rows.append(_row(True, roman(g), title))
        for i, status in enumerate(members, start=1):
            task = status.task
            rows.append(
                _row(
                    False,
                    str(i),
                    work_text(task, with_due=False),
                    lead=lead_text(status, data),
                    support=", ".join(department_short(data, s, status.unit) for s in task.support),
                    due=task.due.label if task.due else f"Năm {year}",
                    cost=number(task.cost) if task.cost is not None else "",
                )
            )
    return rows


def _row(group: bool, tt: str, content: str, **cells: str) -> dict[str, object]:
    row: dict[str, object] = {"group": group, "tt": tt, "content": content}
    row.update({k: cells.get(k, "") for k in ("lead", "support", "due", "cost")})
    return row
