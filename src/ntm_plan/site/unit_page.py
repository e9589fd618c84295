"""The page of one unit: its facts, titles, every criterion with its indicators, its tasks."""

from __future__ import annotations

from typing import Any

from ntm_plan.evaluate.results import Assessment, IndicatorResult
from ntm_plan.model import Unit
from ntm_plan.model.criteria import CONDITIONS_NAME, TIER_LABEL, TIER_RANK
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.names import unit_heading
from ntm_plan.present.explain import evidence_text, source_text
from ntm_plan.present.phrases import (
    counts_text,
    gap_text,
    observed,
    target_text,
    threshold_text,
    working_name,
)
from ntm_plan.present.unit_view import claim_lines, statement_lines, titles_sentence
from ntm_plan.present.vnformat import short_date
from ntm_plan.site import links
from ntm_plan.site.charts import bar_chart
from ntm_plan.site.lineage import dated_heading, lineage
from ntm_plan.site.pages import (
    STATE_KIND,
    Evaluated,
    Page,
    link,
    task_row,
    unit_state,
)


def _value_source(r: IndicatorResult) -> str:
    if r.criterion_evidence is not None:
        return evidence_text(r.criterion_evidence)
    if r.aggregate is not None:
        return "tính từ đánh giá các đơn vị trong danh sách"
    if r.observation is not None:
        return f"{source_text(r.observation.source)}; số liệu ngày {short_date(r.observation.as_of)}"
    return "chưa có số liệu"


def indicator_row(r: IndicatorResult) -> dict[str, Any]:
    return {
        "code": r.indicator.code,
        "name": working_name(r.indicator),
        "value": observed(r),
        "threshold": threshold_text(r),
        "gap": gap_text(r),
        "target": target_text(r),
        "source": _value_source(r),
        "status": str(r.status),
        "reason": str(r.reason) if r.reason else None,
        "kind": STATE_KIND.get(str(r.status), "none"),
    }


def _conditions_group(assessment: Assessment) -> list[dict[str, Any]]:
    """The conditions of recognition as one more table, without codes (readers know none)."""
    if not assessment.conditions:
        return []
    status = assessment.conditions_status
    return [
        {
            "id": "dieu-kien",
            "heading": CONDITIONS_NAME,
            "caption": CONDITIONS_NAME,
            "status": str(status),
            "kind": STATE_KIND.get(str(status), "none"),
            "coded": False,
            "rows": [indicator_row(r) for r in assessment.conditions],
        }
    ]


def unit_facts(unit: Unit, data: Dataset) -> list[tuple[str, str]]:
    """The header's facts; what the model does not record is not shown."""
    facts = [("Loại đơn vị", unit.kind), ("Mã đơn vị hành chính", unit.code or "chưa ghi")]
    if unit.province:
        facts.append(("Tỉnh", unit.province))
    if unit.region:
        facts.append(("Vùng", unit.region))
    if unit.aliases:
        facts.append(("Tên khác", ", ".join(unit.aliases)))
    if unit.target is not None:
        cset = data.sets.get(unit.target.set)
        facts.append(("Mục tiêu", f"{cset.name if cset else unit.target.set} — năm {unit.target.year}"))
    return facts


def assessed(assessment: Assessment) -> dict[str, Any]:
    """What a unit page shows of its assessment: the summary, every criterion's table, the chart."""
    counts = assessment.counts
    return {
        "set": link(assessment.criteria_set.name, links.set_url(assessment.criteria_set.id)),
        "summary": counts_text(counts),
        "statements": statement_lines(assessment),
        "groups": [
            {
                "id": f"tieu-chi-{c.criterion.code}",
                "heading": f"{c.criterion.code}. {c.criterion.name}",
                "caption": f"Tiêu chí {c.criterion.code}: các chỉ tiêu",
                "status": str(c.status),
                "kind": STATE_KIND.get(str(c.status), "none"),
                "coded": True,
                "rows": [indicator_row(r) for r in c.indicators],
            }
            for c in assessment.criteria
        ]
        + _conditions_group(assessment),
        "chart": bar_chart(
            "chart-criteria",
            "Tiêu chí theo tình trạng",
            [
                ("Đạt", counts.met, "met"),
                ("Chưa đạt", counts.not_met, "not-met"),
                ("Chưa đánh giá", counts.unknown, "unknown"),
            ],
        ),
        "ignored_later": assessment.ignored_later,
        "outside_period": len(assessment.outside_period),
    }


def unit_page(ev: Evaluated, unit: Unit) -> Page:
    data, as_of = ev.data, ev.as_of
    assessment = ev.assessments.get(unit.id)
    tasks = ev.tasks_by_unit.get(unit.id, ())
    context: dict[str, Any] = {
        "heading": unit_heading(unit),
        "facts": unit_facts(unit, data),
        "lineage": lineage(unit, data, ev.successors, as_of),
        "titles": titles_sentence(unit, as_of, data.sets, assessment),
        "title_records": [
            {
                "label": f"{TIER_LABEL[t.tier]} năm {t.year}" + (f" ({t.decision})" if t.decision else ""),
                "source": source_text(t.source),
                "held": t.held_by(as_of),
            }
            for t in sorted(unit.titles, key=lambda t: (t.year, TIER_RANK[t.tier]))
        ],
        "claims": claim_lines(unit, as_of),
        "state": unit_state(assessment),
        "state_kind": STATE_KIND[unit_state(assessment)],
        "tasks": [task_row(s, data) for s in tasks],
        "overdue": sum(1 for s in tasks if s.overdue),
        "note": unit.note,
    }
    if assessment is not None:
        context |= assessed(assessment)
    else:
        context |= {
            "set": None,
            "observations": sum(1 for o in unit.observations if o.as_of <= as_of),
        }
    return Page(links.unit_url(unit.id), "unit.html", dated_heading(unit), context)
