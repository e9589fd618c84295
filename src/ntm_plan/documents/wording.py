"""Stage 5 for documents: how a signed document states counts, names and quotations.

An office document states what is known: criteria met, criteria still to complete and
criteria not yet assessed, never a zero for an unknown. Names are printed without the
source the data notes in a name ("theo kế hoạch huyện …"), straight quotes
become typographic ones, and what the office should still check goes to one closing note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Assessment, IndicatorResult
from ntm_plan.model import Task
from ntm_plan.present.phrases import condition_label, threshold_text
from ntm_plan.present.vnformat import number

UNVERIFIED_MARK = " (chưa đối chiếu)"
_SOURCE_IN_NAME = re.compile(r"\s*\(theo (?:kế hoạch|KH)\b[^()]*\)", re.IGNORECASE)
"""'(theo kế hoạch huyện Đức Thọ)': where the data found a name, never part of the name."""
_CODE_NAME = re.compile(r"^Chỉ tiêu [0-9]+(?:\.[0-9]+)*[a-z]? \((.+)\)$")
_QUOTED = re.compile(r'"([^"\n]*)"')


def criteria_state(assessment: Assessment, *, with_names: bool = True) -> str:
    """What is known of a unit's criteria, as a signed document says it: 'đạt 17/19 tiêu chí'
    when every criterion is known, else 'đạt 15 tiêu chí, còn 2 tiêu chí phải hoàn thành
    (Giao thông; Môi trường)'. A criterion nobody has assessed is not counted in a sentence
    (the office's checklist lists those); '' when nothing is known."""
    counts = assessment.counts
    parts = []
    if counts.unknown == 0 and counts.met:
        parts.append(f"đạt {counts.met}/{counts.total} tiêu chí")
    elif counts.met:
        parts.append(f"đạt {counts.met} tiêu chí")
    if counts.not_met:
        names = [clean_name(c.criterion.name) for c in assessment.criteria if c.status == NOT_MET]
        detail = f" ({'; '.join(names)})" if with_names else ""
        parts.append(f"còn {counts.not_met} tiêu chí phải hoàn thành{detail}")
    return ", ".join(parts)


def clean_name(name: str) -> str:
    """A name as a signed document prints it: without a source noted in brackets, and a
    provisional 'Chỉ tiêu 6.2 (nông nghiệp)' as its field, 'Nông nghiệp'."""
    text = _SOURCE_IN_NAME.sub("", name).replace("()", "").strip()
    match = _CODE_NAME.match(text)
    if match:
        inner = match[1]
        text = first_upper(inner)
    return text


def title_words(label: str) -> str:
    """A title label ('NTM nâng cao (2020)') as a sentence says it: 'NTM nâng cao năm 2020'."""
    return re.sub(r"\s*\(([0-9]{4})\)$", r" năm \1", label)


def first_upper(text: str) -> str:
    """The text with its first letter a capital ('Giao thông'); the rest as it is."""
    return text[:1].upper() + text[1:]


def first_lower(text: str) -> str:
    """The text with its first letter small, to follow on inside a sentence."""
    return text[:1].lower() + text[1:]


def threshold_words(result: IndicatorResult) -> str:
    """The requirement in words: 'tối thiểu 55%', 'tối đa 10,5%', 'mức độ 2 trở lên'."""
    return in_words(threshold_text(result).replace(UNVERIFIED_MARK, ""))


_SYMBOLS = (
    (re.compile(r"≥\s*"), "tối thiểu "),
    (re.compile(r"≤\s*"), "tối đa "),
    (re.compile(r"\bđiểm %"), "điểm phần trăm"),
)


def in_words(text: str) -> str:
    """Running text says 'tối thiểu 55%' and 'điểm phần trăm', not '≥ 55%' or 'điểm %'."""
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


def conditions_words(conditions: Iterable[IndicatorResult]) -> str:
    """The recognition conditions whose state is known ('đã đạt: …; chưa đạt: …'); '' if none."""
    met = [in_words(condition_label(r)) for r in conditions if r.status == MET]
    unmet = [in_words(condition_label(r)) for r in conditions if r.status == NOT_MET]
    parts = ([f"đã đạt {'; '.join(met)}"] if met else []) + ([f"chưa đạt {'; '.join(unmet)}"] if unmet else [])
    return ", ".join(parts)


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
    """Typographic quotes and symbols in words in every string of a context (dicts and lists
    walked once)."""
    if isinstance(value, str):
        return in_words(typographic(value))
    if isinstance(value, dict):
        return {k: polish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [polish(v) for v in value]
    return value
