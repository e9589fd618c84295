"""The steps of an evaluation in Vietnamese, for `explain`: one sentence per step.

The evaluator gives the steps as data with exact numbers (`evaluate.steps`); this module
alone chooses the words and the number formats.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ntm_plan.evaluate.steps import (
    AggregateNeed,
    AggregateTally,
    BaseThresholdMissing,
    BooleanCheck,
    CarriedFigure,
    Conclusion,
    CountCheck,
    CountWithoutTotal,
    CriterionEvidence,
    CriterionStatement,
    DefaultExpectation,
    DerivedThreshold,
    FormMismatch,
    LevelCheck,
    NoGroup,
    NoObservation,
    NotCarried,
    NoThreshold,
    NoUnits,
    ObservationUsed,
    StatedResult,
    StatedShortBy,
    Step,
    ThresholdUsed,
    ValueCheck,
)
from ntm_plan.model import Source
from ntm_plan.present.vnformat import number, short_date


def plain(value: Fraction | int) -> str:
    """An exact value in Vietnamese style: 60,5; 1.765; ≈0,3333 when it does not end."""
    value = Fraction(value)
    if value.denominator == 1:
        return number(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(decimal) != value:
        return "≈" + number(decimal, 4)
    exponent = decimal.normalize().as_tuple().exponent
    return number(decimal, max(0, -exponent) if isinstance(exponent, int) else 0)


def source_text(source: Source) -> str:
    return source.document + (f" ({source.section})" if source.section else "")


def evidence_text(evidence: CriterionEvidence) -> str:
    said = "đạt" if evidence.met else "chưa đạt"
    if evidence.title is not None:
        return f"danh hiệu {evidence.title} theo bộ này: cả tiêu chí {said} — nguồn {source_text(evidence.source)}"
    if evidence.summary is not None:
        return (
            f"nguồn nêu {evidence.summary} (ngày {short_date(evidence.as_of)}): cả tiêu chí {said} — "
            f"{source_text(evidence.source)}"
        )
    return f"nguồn nêu cả tiêu chí {said} (ngày {short_date(evidence.as_of)}) — {source_text(evidence.source)}"


def step_text(step: Step) -> str:
    match step:
        case ThresholdUsed(threshold):
            region = f"nhóm {threshold.group}" if threshold.group else threshold.region or "mọi vùng"
            since = f", từ năm {threshold.from_year}" if threshold.from_year else ""
            verified = "đã đối chiếu" if threshold.verified else "CHƯA đối chiếu văn bản chính thức"
            return f"ngưỡng áp dụng ({region}{since}): nguồn {threshold.source.document} — {verified}"
        case DefaultExpectation():
            return "yêu cầu mặc định của chỉ tiêu có/không: đạt"
        case DerivedThreshold(set_id, indicator, factor, base, value):
            of = f"ngưỡng chỉ tiêu {indicator} của bộ {set_id}"
            return f"ngưỡng = {plain(factor)} × {of} ({plain(base)}) = {plain(value)}"
        case BaseThresholdMissing(set_id, indicator):
            return f"ngưỡng gốc ({set_id}, chỉ tiêu {indicator}) chưa có"
        case NoObservation(as_of):
            return f"không có số liệu nào đến ngày {short_date(as_of)}"
        case ObservationUsed(obs):
            return f"số liệu dùng: ngày {short_date(obs.as_of)}, nguồn {source_text(obs.source)}"
        case StatedShortBy(short_by, count_unit, at_least):
            verb = "còn thiếu" if at_least else "cần giảm"
            return f"nguồn nêu {verb} {number(short_by)} {count_unit or ''}".rstrip()
        case NoThreshold():
            return "chưa có ngưỡng cho vùng và năm này"
        case NoGroup():
            return "ngưỡng của bộ tiêu chí tùy theo nhóm xã mà chưa có nguồn xác định nhóm của đơn vị này"
        case BooleanCheck(expected, actual):
            return f"yêu cầu: {'có' if expected else 'không'}; thực tế: {'có' if actual else 'không'}"
        case StatedResult(met):
            return f"nguồn nêu: {'đạt' if met else 'chưa đạt'} (không kèm số liệu)"
        case CountCheck():
            return _count_text(step)
        case ValueCheck(current, required, at_least):
            return f"{plain(current)} so với ngưỡng {'≥' if at_least else '≤'} {plain(required)}"
        case CountWithoutTotal(counted):
            return f"nguồn chỉ nêu số lượng ({number(counted)}), không có tổng số nên chưa tính được tỷ lệ"
        case LevelCheck(actual, required):
            return f"mức hiện tại '{actual}', yêu cầu tối thiểu '{required}'"
        case FormMismatch():
            return "số liệu không cùng dạng với ngưỡng nên không so được"
        case NoUnits(unit_kind):
            return f"không có đơn vị loại {unit_kind} nào để tính"
        case AggregateTally(met, total, unit_kind, tier, current, unknown):
            text = f"{met}/{total} {unit_kind} đạt '{tier}' = {plain(current)}%"
            return text + (f"; {unknown} đơn vị chưa được đánh giá" if unknown else "")
        case AggregateNeed(required, total, scaled, needed):
            return f"cần ≥ {plain(required)}% × {total} = {plain(scaled)} đơn vị; còn thiếu {needed}"
        case CriterionStatement(evidence, superseded):
            text = evidence_text(evidence)
            if superseded is not None:
                text += (
                    f"; số liệu riêng của chỉ tiêu (ngày {short_date(superseded.as_of)}) không mới hơn nên không thay"
                )
            return text
        case CarriedFigure():
            return _carried_text(step)
        case NotCarried():
            return _not_carried_text(step)
        case Conclusion(met):
            return f"kết luận: {'đạt' if met else 'chưa đạt'}"
    return str(step)


def _carried_text(step: CarriedFigure) -> str:
    parts = "; ".join(
        f"{p.name} {number(p.counted)}/{number(p.total)} (ngày {short_date(p.observation.as_of)}, "
        f"nguồn {source_text(p.observation.source)})"
        for p in step.parts
    )
    summed = f"{number(step.counted)}/{number(step.total)}"
    return f"đơn vị hình thành do sắp xếp: cộng số liệu của các đơn vị cũ (nhập toàn bộ) — {parts} → {summed}"


def _not_carried_text(step: NotCarried) -> str:
    about = f" ({step.predecessor.label})" if step.predecessor is not None else ""
    return f"không cộng được số liệu của các đơn vị trước sắp xếp: {step.problem}{about}"


def _count_text(step: CountCheck) -> str:
    count, total = plain(step.counted), plain(step.total)
    if step.derived == "count":
        head = f"{plain(step.stated or 0)}% × {total} = {count} (số lượng suy ra từ tỷ lệ nguồn nêu)"
    elif step.derived == "total":
        head = f"{count} ÷ {plain(step.stated or 0)}% = {total} (tổng số suy ra từ tỷ lệ nguồn nêu)"
    else:
        head = f"{count}/{total} = {plain(step.current)}%"
    scaled = f"{plain(step.required)}% × {total} = {plain(step.scaled)}"
    if step.at_least:
        return f"{head}; cần ≥ {scaled} → tối thiểu {plain(step.bound)}; còn thiếu {plain(step.needed)}"
    return f"{head}; cho phép ≤ {scaled} → tối đa {plain(step.bound)}; cần giảm {plain(step.needed)}"
