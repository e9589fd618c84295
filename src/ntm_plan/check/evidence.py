"""Checks on a unit's evidence: what its sources claim against what they list, stated
rates against their counts, two facts for one date, titles the sources disagree on, and
observations outside the period of the set they would be used for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ntm_plan.check.common import _err, _warn
from ntm_plan.diagnostics import Diagnostic, thousands
from ntm_plan.model import CriteriaSet, Observation, Unit
from ntm_plan.model.dataset import Dataset
from ntm_plan.model.unit import complete_list_mismatch, listed_criteria


def check_claims(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    """A summary claim ("đạt 15/19 tiêu chí") against the criteria the same source lists
    met or not met on the same date, against the list the source says is complete, and
    against the number of criteria of the set it speaks of."""
    source = data.file_of(unit)
    for i, claim in enumerate(unit.claims):
        met_codes, unmet_codes = listed_criteria(unit.observations, claim)
        met, unmet = len(met_codes), len(unmet_codes)
        said = f"nguồn nêu {claim.words}"
        problem = None
        if claim.criteria_met is None or claim.total is None:
            continue  # a complete list without counts: nothing to compare it with
        if met > claim.criteria_met:
            problem = f"{said} nhưng liệt kê {met} tiêu chí đạt"
        elif unmet > claim.total - claim.criteria_met:
            problem = f"{said} nhưng liệt kê {unmet} tiêu chí chưa đạt ({claim.criteria_met} + {unmet} > {claim.total})"
        elif met + unmet == claim.total and met != claim.criteria_met:
            problem = f"{said} nhưng danh sách đủ {claim.total} tiêu chí cho {met} tiêu chí đạt"
        elif complete_list_mismatch(claim, met_codes, unmet_codes):
            if claim.complete == "not_met":
                problem = (
                    f"{said} (còn {claim.total - claim.criteria_met} tiêu chí chưa đạt) nhưng danh sách "
                    f"đầy đủ các tiêu chí chưa đạt có {unmet} tiêu chí"
                )
            else:
                problem = f"{said} nhưng danh sách đầy đủ các tiêu chí đạt có {met} tiêu chí"
        else:
            problem = _set_size_problem(data, unit, claim.set, claim.total, said)
        if problem:
            yield _warn(
                "NTM060",
                problem,
                source.at(("claims", i)),
                "Đối chiếu lại văn bản nguồn; ghi cả hai như nguồn nêu, cảnh báo này ghi nhận chỗ vênh.",
            )


def _set_size_problem(data: Dataset, unit: Unit, set_id: str | None, total: int, said: str) -> str | None:
    """A claim counting another number of criteria than its set has: it is not used."""
    set_id = set_id or (unit.target.set if unit.target else None)
    cset = data.sets.get(set_id) if set_id else None
    if cset is None or len(cset.criteria) == total:
        return None
    return (
        f"{said} nhưng bộ '{cset.id}' có {len(cset.criteria)} tiêu chí: "
        "số liệu tóm tắt này không được dùng để đánh giá theo bộ đó"
    )


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def stated_rate_problem(obs: Observation) -> str | None:
    """A rate stated beside count/total that rounding cannot explain."""
    if obs.stated_percent is None or obs.count is None or obs.total is None:
        return None
    actual = Fraction(100 * obs.count, obs.total)
    stated = Fraction(obs.stated_percent)
    tolerance = Fraction(1, 2 * 10 ** _decimals(obs.stated_percent))
    if abs(actual - stated) <= tolerance:
        return None
    shown = f"{float(actual):.2f}".replace(".", ",")
    rate = str(obs.stated_percent).replace(".", ",")
    return f"tỷ lệ nguồn ghi {rate}% khác {obs.count}/{obs.total} = {shown}%"


def check_observation_facts(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    source = data.file_of(unit)
    seen: dict[tuple[str, str, str | None, object], int] = {}
    for i, obs in enumerate(unit.observations):
        problem = stated_rate_problem(obs)
        if problem:
            yield _warn(
                "NTM061", problem, source.at(("observations", i, "stated_percent")), "Kiểm tra lại số liệu nguồn."
            )
        key = ("indicator" if obs.indicator else "criterion", obs.code, obs.set, obs.as_of)
        if key in seen:
            yield _err(
                "NTM062",
                f"hai số liệu của {obs.subject} cùng ngày {obs.as_of:%d/%m/%Y} (mục {seen[key] + 1} và {i + 1})",
                source.at(("observations", i, "as_of")),
                "Giữ một số liệu cho mỗi ngày; nếu hai nguồn vênh nhau, ghi số được dùng và nêu nguồn kia trong note.",
            )
        else:
            seen[key] = i


def check_titles(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    """Two sources giving one title different years: both are kept, and said."""
    source = data.file_of(unit)
    first: dict[str, int] = {}
    for i, title in enumerate(unit.titles):
        if title.tier not in first:
            first[title.tier] = i
            continue
        other = unit.titles[first[title.tier]]
        if title.disagreement or other.disagreement:
            continue  # recorded on purpose, with both sources
        if other.year != title.year or (other.decision_date and title.decision_date != other.decision_date):
            yield _warn(
                "NTM063",
                f"các nguồn ghi khác nhau về danh hiệu '{title.tier}': năm {other.year} "
                f"({other.source.document}) và năm {title.year} ({title.source.document})",
                source.at(("titles", i, "year")),
                "Giữ cả hai với nguồn của chúng cho tới khi đối chiếu được quyết định công nhận.",
            )


def outside_period(criteria_set: CriteriaSet, obs: Observation) -> bool:
    first, last = criteria_set.period
    return obs.set is None and not first <= obs.as_of.year <= last


def check_periods(data: Dataset, unit: Unit) -> Iterator[Diagnostic]:
    """Observations without `set:` dated outside the target set's period are not used for it."""
    if unit.target is None or unit.target.set not in data.sets:
        return
    cset = data.sets[unit.target.set]
    source = data.file_of(unit)
    for i, obs in enumerate(unit.observations):
        if outside_period(cset, obs):
            yield _warn(
                "NTM064",
                f"số liệu {obs.subject} ngày {obs.as_of:%d/%m/%Y} nằm ngoài giai đoạn "
                f"{cset.period[0]}-{cset.period[1]} của bộ '{cset.id}' nên không được dùng để đánh giá theo bộ này",
                source.at(("observations", i, "as_of")),
                "Ghi 'set:' để nói rõ số liệu dùng cho bộ tiêu chí nào.",
            )


EVIDENCE_CHECKS = (check_claims, check_observation_facts, check_titles, check_periods)


def evaluation_warnings(data: Dataset, unit: Unit, criteria_set: CriteriaSet, as_of: date) -> list[Diagnostic]:
    """What `gap` and `explain` say before answering: an evaluation date outside the set's
    period, and the observations left out because they fall outside it."""
    source = data.file_of(unit)
    first, last = criteria_set.period
    found: list[Diagnostic] = []
    if not first <= as_of.year <= last:
        found.append(
            _warn(
                "NTM064",
                f"ngày đánh giá {as_of:%d/%m/%Y} nằm ngoài giai đoạn {first}-{last} của bộ '{criteria_set.id}'",
                {"file": source.name, "line": None, "col": None, "path": ()},
                "Chọn bộ tiêu chí của giai đoạn chứa ngày đánh giá (--set) hoặc đổi --as-of.",
            )
        )
    targeted = unit.target is not None and unit.target.set == criteria_set.id
    if not targeted:  # for the target set, validate already says so
        for i, obs in enumerate(unit.observations):
            if obs.as_of <= as_of and outside_period(criteria_set, obs):
                found.append(
                    _warn(
                        "NTM064",
                        f"số liệu {obs.subject} ngày {obs.as_of:%d/%m/%Y} nằm ngoài giai đoạn {first}-{last} "
                        f"của bộ '{criteria_set.id}' nên không được dùng",
                        source.at(("observations", i, "as_of")),
                    )
                )
    return found


def period_warnings(data: Dataset, evaluated: Iterable[str], days: Sequence[date]) -> list[Diagnostic]:
    """What `status`, `plan` and `report` say before answering: once per criteria set (not
    once per unit, as `gap` does), how many units they evaluate by it at a date outside its
    period. `evaluated` holds one set id per evaluated unit."""
    found: list[Diagnostic] = []
    for set_id, units in sorted(Counter(evaluated).items()):
        cset = data.sets[set_id]
        first, last = cset.period
        outside = sorted({d for d in days if not first <= d.year <= last})
        if not outside:
            continue
        source = data.files[f"set:{set_id}"]  # every resolved set was read from a file
        dates = " và ".join(f"{d:%d/%m/%Y}" for d in outside)
        message = (
            f"ngày đánh giá {dates} nằm ngoài giai đoạn {first}-{last} của bộ '{set_id}': "
            f"{thousands(units)} đơn vị được đánh giá theo bộ này"
        )
        hint = "Chọn ngày trong giai đoạn của bộ, hoặc chuyển mục tiêu của các đơn vị sang bộ của giai đoạn mới."
        found.append(_warn("NTM064", message, source.at(("period",)), hint))
    return found
