"""What the Đức Thọ 2024 plan states, as the shipped data encodes it, read back through the
evaluator at the plan's figures date (31/12/2023)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REAL_DATA
from ntm_plan.evaluate.results import MET, NOT_MET, CriteriaCounts
from ntm_plan.evaluate.units import assess_district
from ntm_plan.model.dataset import Dataset
from ntm_plan.pipeline.load import load

YEAR_END = date(2023, 12, 31)


@pytest.fixture(scope="module")
def data() -> Dataset:
    loaded, _ = load(REAL_DATA)
    return loaded


def _unit(data: Dataset, name: str):
    # the plan's units, as they were in 2024 (the new xã Đức Đồng of 01/7/2025 shares the name)
    (unit,) = [u for u in data.all_units() if u.name == name and u.kind != "huyện" and u.exists_on(date(2024, 12, 31))]
    return unit


@pytest.mark.parametrize(
    ("name", "open_criteria"),
    [("Đức Lạng", ["18"]), ("Hòa Lạc", ["18"]), ("Liên Minh", ["18"]), ("Tân Dân", ["18", "20"])],
)
def test_the_communes_appraised_by_the_province_have_only_what_the_plan_leaves_open(
    data: Dataset, name: str, open_criteria: list[str]
) -> None:
    assessment = assess_district(data, YEAR_END).units[_unit(data, name).id]
    assert assessment is not None
    left = len(open_criteria)
    assert assessment.counts == CriteriaCounts(met=20 - left, not_met=left, unknown=0, total=20)
    assert [c.criterion.code for c in assessment.criteria if c.status == NOT_MET] == open_criteria
    claim = _unit(data, name).claims[0]
    assert claim.complete == "not_met" and claim.source.section == "II.1.1"


def test_the_appraisal_is_not_known_before_the_plan_s_figures_date(data: Dataset) -> None:
    before = assess_district(data, date(2023, 12, 30)).units[_unit(data, "Đức Lạng").id]
    assert before is not None and before.counts.met == 0


def test_duc_dong_transport_is_met_as_the_plan_says(data: Dataset) -> None:
    assessment = assess_district(data, YEAR_END).units[_unit(data, "Đức Đồng").id]
    assert assessment is not None
    transport = next(c for c in assessment.criteria if c.criterion.code == "2")
    assert transport.status == MET
    assert transport.evidence is not None and transport.evidence.source.section == "II.1.1"
    statement = next(o for o in _unit(data, "Đức Đồng").observations if o.criterion == "2")
    assert statement.note is not None and "đã đạt tỷ lệ % theo quy định" in statement.note


def test_the_civilised_town_set_counts_nine_criteria(data: Dataset) -> None:
    cset = data.sets["do-thi-van-minh-2022"]
    assert len(cset.criteria) == 9
    assert [c.code for c in cset.conditions] == ["hai-long-dtvm", "dang-ky-dtvm"]
    town = assess_district(data, YEAR_END).units[_unit(data, "Đức Thọ").id]
    assert town is not None and town.counts.total == 9
