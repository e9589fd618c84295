"""`evaluate/lineage.py` in process: a unit formed from one whole predecessor carries its
count; a count without its total is not summed; the predecessors' titles skip a
predecessor outside the data. Units and sets built in the test (SYNTHETIC)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ntm_plan.evaluate.lineage import carry, predecessor_titles
from ntm_plan.evaluate.steps import CarriedFigure, CarryProblem, NotCarried
from ntm_plan.model import Unit
from test_evaluate import SRC, indicator, make_set, make_unit

WATER = make_set([indicator("18.1", value=55, count_unit="hộ")])
DAY = date(2024, 12, 31)


def _old(unit_id: str, observation: dict[str, Any]) -> Unit:
    old = make_unit(
        [{"indicator": "18.1", "as_of": DAY, **observation}],
        titles=[{"tier": "đạt chuẩn", "year": 2019, "source": SRC}],
    )
    return old.model_copy(update={"id": unit_id})


def _new(*predecessors: dict[str, Any]) -> Unit:
    return make_unit([], predecessors=[{"merge": "whole", "source": SRC, **p} for p in predecessors])


def test_one_whole_predecessor_carries_its_count_and_total() -> None:
    units = {"an": _old("an", {"count": 300, "total": 500})}
    found = carry(_new({"unit": "an"}), WATER.criteria[0].indicators[0], WATER, {}, date(2025, 7, 1), units)
    assert isinstance(found, CarriedFigure)
    assert (found.counted, found.total, found.as_of) == (300, 500, DAY)


def test_a_count_without_its_total_is_not_summed() -> None:
    units = {"an": _old("an", {"count": 300, "total": 500}), "binh": _old("binh", {"count": 200})}
    found = carry(
        _new({"unit": "an"}, {"unit": "binh"}), WATER.criteria[0].indicators[0], WATER, {}, date(2025, 7, 1), units
    )
    assert isinstance(found, NotCarried) and found.problem == CarryProblem.NOT_COUNTS
    assert found.predecessor is not None and found.predecessor.unit == "binh"


def test_the_predecessors_titles_leave_out_one_outside_the_data() -> None:
    unit = _new({"unit": "an"}, {"unit": "giang"}, {"code": "99999", "name": "xã Giang"})
    history = predecessor_titles(unit, {"an": _old("an", {"count": 1, "total": 2})})
    assert [(p.unit, t.tier, t.year) for p, t in history] == [("an", "đạt chuẩn", 2019)]
