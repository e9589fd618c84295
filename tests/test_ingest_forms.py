"""What each reporter's form holds and how a filled row finds its place in the data
(`ingest/forms.py`): the rows a commune and a department report or only see, the last
figures shown, the indicators a department answers for through a derived set, and the
look-ups of a row's reference."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ntm_plan.ingest.forms import (
    LEAD,
    SUPPORT,
    Reporter,
    find_indicator_row,
    find_task,
    form_content,
    latest_observation,
    latest_progress,
    no_form_reason,
    reporter_rows,
    reporters,
    rows_of,
)
from ntm_plan.model import Observation, Progress
from ntm_plan.model.dataset import Dataset


def _load(root: Path) -> Dataset:
    from ntm_plan.pipeline.load import load

    data, diags = load(root)
    assert not [d for d in diags if d.is_error], diags
    return data


@pytest.fixture(scope="module")
def data() -> Dataset:
    return _load(SYNTHETIC)


def test_every_unit_and_department_is_a_reporter_addressed_as_its_form_is(data: Dataset) -> None:
    assert [(r.key, r.slug, r.title) for r in reporters(data)] == [
        ("unit:thi-tran-hoa-an", "thi-tran-hoa-an", "UBND thị trấn Hòa Bình"),
        ("unit:binh-minh", "binh-minh", "UBND xã Bình Minh"),
        ("unit:hoa-an", "hoa-an", "UBND xã Hòa An"),
        ("dept:kinh-te-ha-tang", "kinh-te-ha-tang", "Phòng Kinh tế - Hạ tầng"),
        ("dept:tai-chinh", "tai-chinh", "Phòng Tài chính - Kế hoạch"),
        ("dept:van-hoa", "van-hoa", "Phòng Văn hóa và Thông tin"),
    ]


def test_a_commune_reports_the_tasks_it_leads_and_its_target_set_s_indicators(data: Dataset) -> None:
    rows = reporter_rows(data, "unit:hoa-an")
    assert rows is not None
    assert rows.title == "UBND xã Hòa An"
    assert rows.leads == {"unit:hoa-an/nha-tieu"}  # 'duong-a-b' is led by a department
    assert rows.supports == frozenset()
    assert rows.indicators == {f"unit:hoa-an#{c}" for c in ("10", "11", "17.1", "17.2", "17.3", "18.1", "18.2")}
    assert reporter_rows(data, "unit:khong-co") is None
    assert rows_of(data, "unit:hoa-an") == rows and rows_of(data, "dept:khong-co") is None


def test_a_department_leads_tasks_anywhere_and_its_own_duties_and_sees_those_it_supports(data: Dataset) -> None:
    lead = reporter_rows(data, "dept:kinh-te-ha-tang")
    assert lead is not None
    assert lead.leads == {
        "unit:hoa-an/duong-a-b",
        "district/quy-hoach-vung",
        "dept:kinh-te-ha-tang/ra-soat-duong",  # a duty without 'lead' is its own department's
    }
    assert lead.supports == frozenset()
    assert lead.indicators == {"district#1.1"}  # "1" is the criterion; the aggregates are computed
    support = reporter_rows(data, "dept:tai-chinh")
    assert support is not None
    assert (support.leads, support.supports, support.indicators) == (
        frozenset(),
        {"unit:hoa-an/duong-a-b"},
        frozenset(),
    )
    culture = reporter_rows(data, "dept:van-hoa")
    assert culture is not None and culture.leads == {"unit:binh-minh/thon-thong-minh"}


def test_a_form_s_rows_say_where_each_task_is_its_role_and_its_last_progress(data: Dataset) -> None:
    reporter = next(r for r in reporters(data) if r.key == "dept:kinh-te-ha-tang")
    content = form_content(data, reporter, 2024, 2, date(2024, 6, 30))
    shown = [(r.ref, r.place, r.role, r.last.done if r.last else None) for r in content.tasks]
    assert shown == [
        ("unit:hoa-an/duong-a-b", "xã Hòa An", LEAD, Decimal(100)),  # 30/06 counts, 30/09 is later
        ("district/quy-hoach-vung", "huyện Hòa Bình", LEAD, None),
        ("dept:kinh-te-ha-tang/ra-soat-duong", "Nhiệm vụ của phòng", LEAD, None),
    ]
    assert [r.ref for r in content.indicators] == ["district#1.1"]
    assert content.indicators[0].last is not None and content.indicators[0].last.met is True
    support = next(r for r in reporters(data) if r.key == "dept:tai-chinh")
    assert [(r.ref, r.role) for r in form_content(data, support, 2024, 2, date(2024, 6, 30)).tasks] == [
        ("unit:hoa-an/duong-a-b", SUPPORT)
    ]


def _progress(day: date, done: int) -> Progress:
    return Progress.model_validate({"as_of": day, "done": done})


def _observation(code: str, day: date, value: int, set_id: str | None = None) -> Observation:
    fields = {"indicator": code, "as_of": day, "value": value, "source": {"document": "giả lập"}, "set": set_id}
    return Observation.model_validate(fields)


def test_the_last_figure_is_the_latest_up_to_the_quarter_s_end(data: Dataset) -> None:
    task = next(t for u in data.units for t in u.tasks if t.id == "duong-a-b")
    later = task.model_copy(update={"progress": (_progress(date(2024, 9, 30), 200), _progress(date(2024, 6, 30), 100))})
    assert latest_progress(later, date(2024, 9, 30)).done == 200  # type: ignore[union-attr]
    assert latest_progress(later, date(2024, 9, 29)).done == 100  # type: ignore[union-attr]
    assert latest_progress(later, date(2024, 6, 29)) is None
    unit = next(u for u in data.units if u.id == "hoa-an")
    changed = unit.model_copy(
        update={
            "observations": (
                _observation("10", date(2024, 9, 30), 60),
                _observation("10", date(2024, 6, 30), 55),
                _observation("10", date(2024, 8, 1), 99, set_id="xa-nc"),  # a figure for another set
                _observation("11", date(2024, 9, 1), 3),
            )
        }
    )
    assert latest_observation(changed, "10", date(2024, 9, 30)).value == 60  # type: ignore[union-attr]
    assert latest_observation(changed, "10", date(2024, 9, 29)).value == 55  # type: ignore[union-attr]
    assert latest_observation(changed, "10", date(2024, 6, 29)) is None


def test_why_a_reporter_gets_no_form(data: Dataset) -> None:
    without = data._replace(  # only hoa-an lacks a target: the reason is its own, not another unit's
        units=tuple(u.model_copy(update={"target": None}) if u.id == "hoa-an" else u for u in data.units)
    )
    title = next(r for r in reporters(data) if r.key == "unit:hoa-an")
    assert no_form_reason(without, title) == (
        "đơn vị chưa có bộ tiêu chí mục tiêu (target) nên không có chỉ tiêu để cập nhật, và không chủ trì nhiệm vụ nào"
    )
    assert no_form_reason(data, title) == (
        "bộ tiêu chí mục tiêu không có chỉ tiêu để đơn vị cập nhật, và đơn vị không chủ trì nhiệm vụ nào"
    )
    assert no_form_reason(data, Reporter("dept:van-hoa", "van-hoa", "Phòng Văn hóa và Thông tin")) == (
        "phòng không chủ trì nhiệm vụ nào và không phụ trách chỉ tiêu nào của bộ tiêu chí mục tiêu huyện"
    )


def test_a_row_s_reference_finds_its_task_and_the_place_its_entries_go(data: Dataset) -> None:
    found = find_task(data, "dept:kinh-te-ha-tang/ra-soat-duong")
    assert found is not None
    task, place = found
    assert task.id == "ra-soat-duong" and place.unit is None
    assert place.source is data.files["departments"]
    assert place.path == ("departments", 0, "duties", 0)
    found = find_task(data, "district/quy-hoach-vung")
    assert found is not None and found[1].unit is data.district and found[1].path == ("tasks", 0)
    found = find_task(data, "unit:hoa-an/nha-tieu")
    assert found is not None and found[1].path == ("tasks", 1)
    assert find_task(data, "unit:hoa-an/khong-co") is None


def test_a_duty_of_the_second_department_goes_under_that_department(data: Dataset) -> None:
    first, second, *rest = data.departments
    moved = second.model_copy(update={"duties": first.duties})
    changed = data._replace(departments=(first.model_copy(update={"duties": ()}), moved, *rest))
    found = find_task(changed, "dept:tai-chinh/ra-soat-duong")
    assert found is not None and found[1].path == ("departments", 1, "duties", 0)
    assert find_task(changed, "dept:kinh-te-ha-tang/ra-soat-duong") is None


def test_a_row_s_reference_finds_its_indicator_and_its_unit(data: Dataset) -> None:
    found = find_indicator_row(data, "unit:hoa-an#18.1")
    assert found is not None
    indicator, unit, source = found
    assert (indicator.code, unit.id, source) == ("18.1", "hoa-an", data.file_of(unit))
    district = find_indicator_row(data, "district#1.1")
    assert district is not None and district[1] is data.district
    assert find_indicator_row(data, "district#xa-dat-chuan") is None  # computed, never reported
    assert find_indicator_row(data, "unit:hoa-an#99") is None
    assert find_indicator_row(data, "unit:khong-co#10") is None
    no_target = data._replace(units=tuple(u.model_copy(update={"target": None}) for u in data.units))
    assert find_indicator_row(no_target, "unit:hoa-an#10") is None


def test_without_a_district_its_rows_are_unknown(data: Dataset) -> None:
    alone = data._replace(district=None)
    assert find_task(alone, "district/quy-hoach-vung") is None
    assert find_indicator_row(alone, "district#1.1") is None
    rows = reporter_rows(alone, "dept:kinh-te-ha-tang")
    assert rows is not None
    assert rows.leads == {"unit:hoa-an/duong-a-b", "dept:kinh-te-ha-tang/ra-soat-duong"}
    assert rows.indicators == frozenset()


DERIVED = """\
# SYNTHETIC test data: a province's district set built on the national one.
id: huyen-tinh
name: Bộ tiêu chí huyện của tỉnh (thử nghiệm)
level: huyện
tier: nâng cao
period: [2021, 2025]
province: Tỉnh Thử
decision: {document: "Quyết định tỉnh thử nghiệm (dữ liệu giả lập)"}
base: huyen
overrides:
  - indicator: "1.1"
    thresholds:
      - {expect: true, source: {document: "giả lập"}, verified: false}
"""


def test_a_department_answers_for_the_base_set_s_codes_of_a_derived_district_set(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "criteria" / "huyen-tinh.yaml").write_text(DERIVED, encoding="utf-8")
    district = root / "district.yaml"
    district.write_text(
        district.read_text(encoding="utf-8").replace("target: {set: huyen,", "target: {set: huyen-tinh,"),
        encoding="utf-8",
    )
    data = _load(root)
    rows = reporter_rows(data, "dept:kinh-te-ha-tang")  # its responsibility names the set 'huyen'
    assert rows is not None and rows.indicators == {"district#1.1"}
    # a responsibility for a set the district's target is not built on gives nothing
    departments = root / "departments.yaml"
    departments.write_text(
        departments.read_text(encoding="utf-8").replace(
            '{set: huyen, indicators: ["1", "xa-dat-chuan", "xa-nang-cao"]', '{set: dtvm, indicators: ["1"]'
        ),
        encoding="utf-8",
    )
    other = reporter_rows(_load(root), "dept:kinh-te-ha-tang")
    assert other is not None and other.indicators == frozenset()


def test_the_rows_kept_for_a_reporter_are_those_of_the_dataset_asked_about(data: Dataset) -> None:
    before = rows_of(data, "dept:kinh-te-ha-tang")
    assert before is not None and "district/quy-hoach-vung" in before.leads
    alone = rows_of(data._replace(district=None), "dept:kinh-te-ha-tang")  # another dataset: its own rows
    assert alone is not None and "district/quy-hoach-vung" not in alone.leads
    again = rows_of(data, "dept:kinh-te-ha-tang")
    assert again == before
