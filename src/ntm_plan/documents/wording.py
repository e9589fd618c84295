"""Stage 5 for documents: how a signed document states counts, names and quotations.

An office document states what is known: criteria met, criteria still to complete and
criteria not yet assessed, never a zero for an unknown. Names are printed without the
working notes the data keeps for the office ("nội dung chưa đối chiếu"), straight quotes
become typographic ones, and what the office should still check goes to one closing note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ntm_plan.evaluate.results import NOT_MET, UNKNOWN, Assessment, IndicatorResult
from ntm_plan.model import Task
from ntm_plan.present.phrases import threshold_text
from ntm_plan.present.vnformat import number

UNVERIFIED_MARK = " (chưa đối chiếu)"
_NOTE_IN_NAME = re.compile(r"\s*[;,]?\s*(?:nội dung |ngưỡng )?chưa đối chiếu\s*")
_CODE_NAME = re.compile(r"^Chỉ tiêu [0-9]+(?:\.[0-9]+)*[a-z]? \((.+)\)$")
_QUOTED = re.compile(r'"([^"\n]*)"')


def criteria_state(assessment: Assessment, *, with_names: bool = True) -> str:
    """'đạt 17/19 tiêu chí, còn 2 tiêu chí phải hoàn thành (Giao thông; Môi trường)' or, with
    unknowns, 'đạt 3 tiêu chí, …, 5 tiêu chí chưa đánh giá' — a count over the total only
    when every criterion is known."""
    counts = assessment.counts
    if counts.total == 0:
        return "không có tiêu chí áp dụng"
    if counts.unknown == counts.total:
        return f"chưa đánh giá được {counts.total} tiêu chí (chưa cập nhật kết quả rà soát)"
    parts = []
    if counts.unknown == 0 and counts.met:
        parts.append(f"đạt {counts.met}/{counts.total} tiêu chí")
    elif counts.met:
        parts.append(f"đạt {counts.met} tiêu chí")
    if counts.not_met:
        names = [clean_name(c.criterion.name) for c in assessment.criteria if c.status == NOT_MET]
        detail = f" ({'; '.join(names)})" if with_names else ""
        parts.append(f"còn {counts.not_met} tiêu chí phải hoàn thành{detail}")
    if counts.unknown:
        parts.append(f"{counts.unknown} tiêu chí chưa đánh giá")
    return ", ".join(parts)


def clean_name(name: str) -> str:
    """A name as the office prints it: without the data's working notes in brackets."""
    text = _NOTE_IN_NAME.sub("", name).replace("()", "").strip()
    text = re.sub(r"\(\s*;?\s*", "(", text)
    match = _CODE_NAME.match(text)
    if match:
        inner = match[1]
        text = first_upper(inner)
    return text


def first_upper(text: str) -> str:
    """The text with its first letter a capital ('Giao thông'); the rest as it is."""
    return text[:1].upper() + text[1:]


def first_lower(text: str) -> str:
    """The text with its first letter small, to follow on inside a sentence."""
    return text[:1].lower() + text[1:]


def threshold_words(result: IndicatorResult) -> str:
    return threshold_text(result).replace(UNVERIFIED_MARK, "")


def unknown_count(assessments: Iterable[Assessment | None]) -> tuple[int, int]:
    """(units with criteria not yet assessed, how many such criteria in all)."""
    units = criteria = 0
    for assessment in assessments:
        if assessment is None:
            continue
        missing = sum(1 for c in assessment.criteria if c.status == UNKNOWN)
        if missing:
            units += 1
            criteria += missing
    return units, criteria


def mentions_quantity(task: Task) -> bool:
    """Whether the task text already states its quantity ('xây mới 1 trạm biến áp', '50ha')."""
    if task.quantity is None:
        return False
    amount = number(task.quantity)
    for needle in (f"{amount} {task.unit or ''}".rstrip(), f"{amount}{task.unit or ''}"):
        start = task.text.find(needle)
        while start >= 0:
            if start == 0 or task.text[start - 1] not in "0123456789.,":
                return True
            start = task.text.find(needle, start + 1)
    return False


def typographic(text: str) -> str:
    """Straight double quotes around a phrase become “ ”."""
    return _QUOTED.sub("\u201c\\1\u201d", text) if '"' in text else text


def polish(value: Any) -> Any:
    """Typographic quotes in every string of a context (dicts and lists walked once)."""
    if isinstance(value, str):
        return typographic(value)
    if isinstance(value, dict):
        return {k: polish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [polish(v) for v in value]
    return value
