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


@pytest.fixture(scope="module")
def plan(data: Dataset) -> dict[str, object]:
    from ntm_plan.documents.plan import plan_context

    return plan_context(data, 2024)


def _summaries(plan: dict[str, object]) -> dict[str, str]:
    return {u["title"]: u["summary"] for g in plan["commune_groups"] for u in g["units"]}  # type: ignore[attr-defined,index]


def _groups(plan: dict[str, object]) -> dict[str, list[str]]:
    return {g["heading"]: [u["title"] for u in g["units"]] for g in plan["commune_groups"]}  # type: ignore[attr-defined,index]


def test_tung_anh_s_goal_is_the_smart_commune_the_plan_names(data: Dataset, plan: dict[str, object]) -> None:
    summary = _summaries(plan)["Xã Tùng Ảnh"]
    assert "mục tiêu: đạt chuẩn xã nông thôn mới thông minh" in summary
    assert "kiểu mẫu năm 2024" not in summary
    goal = _unit(data, "Tùng Ảnh").goal
    assert goal is not None and goal.source.section == "II.1.1" and goal.note and "thông minh" in goal.note


def test_the_remaining_communes_keep_their_criteria_as_the_plan_says(data: Dataset, plan: dict[str, object]) -> None:
    (members,) = [m for heading, m in _groups(plan).items() if heading.endswith("duy trì bền vững các tiêu chí")]
    assert members == ["Xã Lâm Trung Thủy", "Xã Thanh Bình Thịnh", "Xã Trường Sơn", "Xã Yên Hồ"]
    for name in members:
        assert "mục tiêu: duy trì bền vững các tiêu chí" in _summaries(plan)[name]
    assert not any("chưa xác định mục tiêu" in s for s in _summaries(plan).values())
    goal = _unit(data, "Yên Hồ").goal
    assert goal is not None and goal.source.section == "I.3" and "các xã còn lại duy trì bền vững" in (goal.note or "")


def test_a_title_under_an_earlier_set_is_said_so_beside_the_current_set_s_gap(plan: dict[str, object]) -> None:
    for name in ("Xã Bùi La Nhân", "Xã Tùng Ảnh", "Xã Tân Hương"):
        assert "theo bộ tiêu chí giai đoạn trước" in _summaries(plan)[name], name
    # a title granted within the set's period is a title under that set
    assert "giai đoạn trước" not in _summaries(plan)["Xã Yên Hồ"]


def test_the_earlier_set_boundary_is_the_set_s_first_year(data: Dataset) -> None:
    from ntm_plan.documents.plan import _earlier_set

    unit = _unit(data, "Tân Hương")  # title 2020, assessed by the 2022-2025 set
    first_year = data.sets[unit.target.set].period[0]  # type: ignore[union-attr]
    at = date(2024, 12, 31)
    for year, words in ((first_year - 1, " theo bộ tiêu chí giai đoạn trước"), (first_year, "")):
        title = unit.titles[0].model_copy(update={"year": year})
        assert _earlier_set(unit.model_copy(update={"titles": (title,)}), data, at) == words


def test_the_plan_s_commune_targets_match_the_groups_it_prints(plan: dict[str, object]) -> None:
    rows = {r["content"]: r["value"] for r in plan["target_rows"]}  # type: ignore[attr-defined,index]
    assert rows["Số xã đạt chuẩn NTM nâng cao xây dựng thêm"] == "ít nhất 2 - 3"
    assert rows["Số xã đạt chuẩn NTM kiểu mẫu"] == "1 - 2"
    (model,) = [m for heading, m in _groups(plan).items() if "kiểu mẫu năm 2024" in heading]
    assert 1 <= len(model) <= 2, model
