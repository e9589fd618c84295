"""Filled rows checked against the data (`ingest/changes.py`), in process: each indicator
kind's figures and their bounds, the entry written, the day, repeated and jumping figures,
and the task rows' order of checks. Each case states the diagnostics an office is shown
(code, cell, Vietnamese message), or the entry that import writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, TASKS
from ntm_plan.ingest.changes import collect_changes
from ntm_plan.ingest.reading import FilledForm, FilledRow
from ntm_plan.model import Observation, Progress
from ntm_plan.model.dataset import Dataset

FORM_SOURCE = {"document": "Biểu báo cáo Quý IV/2024 của UBND xã Hòa An"}


@pytest.fixture(scope="module")
def data() -> Dataset:
    from ntm_plan.pipeline.load import load

    return load(SYNTHETIC)[0]


def _form(*rows: FilledRow, quarter: int = 4, reporter: str = "unit:hoa-an", title: str = "UBND xã Hòa An"):  # type: ignore[no-untyped-def]
    return FilledForm(
        "f.xlsx",
        2024,
        quarter,
        reporter,
        title,
        tasks=[r for r in rows if r.sheet == TASKS],
        indicators=[r for r in rows if r.sheet == INDICATORS],
    )


def _indicator_row(code: str, row: int = 6, owner: str = "unit:hoa-an", **cells: object) -> FilledRow:
    return FilledRow(INDICATORS, row, f"{owner}#{code}", {"value": None, "total": None, **cells})


def _said(diags) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{d.severity.value if hasattr(d.severity, 'value') else d.severity}:{d.code} {d.cell}: {d.message}"
        for d in diags
    ]


def _import(data: Dataset, *rows: FilledRow, **form: Any):  # type: ignore[no-untyped-def]
    tasks, indicators, diags = collect_changes(data, [_form(*rows, **form)], 2024, form.get("quarter", 4))
    return tasks, indicators, [(d.code, d.cell, d.message) for d in diags]


def _entry(data: Dataset, code: str, **cells: object) -> dict[str, Any]:
    _, indicators, said = _import(data, _indicator_row(code, **cells))
    assert said == [] and len(indicators) == 1
    return indicators[0].entry


@pytest.mark.parametrize(
    ("code", "typed", "figures"),
    [
        ("10", 0, {"value": Decimal(0)}),  # zero is a figure, not "no figure"
        ("10", "150,5", {"value": Decimal("150.5")}),  # a number may pass 100, only a rate may not
        ("11", "100", {"value": Decimal(100)}),
        ("11", "0%", {"value": Decimal(0)}),
        ("17.2", "Đạt", {"met": True}),
        ("17.2", " chưa đạt ", {"met": False}),
        ("17.2", "KHONG DAT", {"met": False}),
        ("17.2", "dat", {"met": True}),  # typed without diacritics
        ("17.2", "Chua dat", {"met": False}),
        ("17.2", "Không đạt", {"met": False}),
        ("18.2", " mức  độ 2 ", {"level": "mức độ 2"}),
    ],
)
def test_each_kind_s_accepted_figure_is_written(data: Dataset, code: str, typed: object, figures: dict) -> None:  # type: ignore[type-arg]
    entry = _entry(data, code, value=typed)
    assert entry == {"indicator": code, **figures, "as_of": date(2024, 12, 31), "source": FORM_SOURCE}


@pytest.mark.parametrize(
    ("cells", "figures"),
    [
        ({"value": 0, "total": 1}, {"count": 0, "total": 1}),  # the smallest of each
        ({"value": "9", "total": "9,0"}, {"count": 9, "total": 9}),
    ],
)
def test_a_count_and_total_at_their_bounds_is_written(data: Dataset, cells: dict, figures: dict) -> None:  # type: ignore[type-arg]
    assert _entry(data, "18.1", **cells) == {
        "indicator": "18.1",
        **figures,
        "as_of": date(2024, 12, 31),
        "source": FORM_SOURCE,
    }


@pytest.mark.parametrize(
    ("code", "cells", "said"),
    [
        ("10", {"value": "-0,1"}, [("NTM013", "Chỉ tiêu!H6", "-0,1 nằm ngoài số không âm")]),
        ("11", {"value": "100,01"}, [("NTM013", "Chỉ tiêu!H6", "100,01 nằm ngoài 0–100%")]),
        ("11", {"value": "-1%"}, [("NTM013", "Chỉ tiêu!H6", "-1 nằm ngoài 0–100%")]),
        ("10", {"value": "x"}, [("NTM012", "Chỉ tiêu!H6", "'x' không phải là số")]),
        ("10", {"value": 56, "total": 3}, [("NTM013", "Chỉ tiêu!I6", "chỉ tiêu này không ghi tổng số")]),
        ("10", {"note": "không có số"}, [("NTM010", "Chỉ tiêu!H6", "chưa ghi số liệu mới")]),
        ("17.2", {"value": "Có"}, [("NTM013", "Chỉ tiêu!H6", "'Có' không hợp lệ")]),
        ("17.2", {"value": "Đạt", "total": 1}, [("NTM013", "Chỉ tiêu!I6", "chỉ tiêu này không ghi tổng số")]),
        ("18.2", {"value": "mức độ 3"}, [("NTM013", "Chỉ tiêu!H6", "mức 'mức độ 3' không có trong chỉ tiêu")]),
        ("18.1", {"value": 9}, [("NTM010", "Chỉ tiêu!I6", "chưa ghi tổng số (mẫu số)")]),
        ("18.1", {"value": 9, "total": "chín"}, [("NTM012", "Chỉ tiêu!I6", "'chín' không phải là số")]),
        ("18.1", {"value": "tám", "total": 9}, [("NTM012", "Chỉ tiêu!H6", "'tám' không phải là số")]),
        ("18.1", {"value": -1, "total": 9}, [("NTM013", "Chỉ tiêu!H6", "'-1' phải là số nguyên không âm")]),
        ("18.1", {"value": "1,5", "total": 9}, [("NTM013", "Chỉ tiêu!H6", "'1,5' phải là số nguyên không âm")]),
        ("18.1", {"value": 1, "total": "9,5"}, [("NTM013", "Chỉ tiêu!I6", "'9,5' phải là số nguyên dương")]),
        (
            "18.1",
            {"value": 0, "total": 0},
            [("NTM013", "Chỉ tiêu!I6", "'0' phải là số nguyên dương")],
        ),
        ("18.1", {"value": 10, "total": 9}, [("NTM013", "Chỉ tiêu!H6", "số đạt 10 lớn hơn tổng số 9")]),
        ("10", {"value": 56, "day": "x"}, [("NTM013", "Chỉ tiêu!J6", "'x' không phải là ngày")]),
        (
            "10",
            {"value": 56, "day": "30/09/2024"},
            [("NTM013", "Chỉ tiêu!J6", "ngày 30/09/2024 nằm ngoài Quý IV/2024")],
        ),
        (
            "10",
            {"value": 56, "day": "01/01/2025"},
            [("NTM013", "Chỉ tiêu!J6", "ngày 01/01/2025 nằm ngoài Quý IV/2024")],
        ),
    ],
)
def test_a_refused_figure_is_shown_at_its_cell(data: Dataset, code: str, cells: dict, said: list) -> None:  # type: ignore[type-arg]
    _, indicators, found = _import(data, _indicator_row(code, **cells))
    assert found == said
    assert indicators == []


def test_the_document_typed_and_the_note_are_written(data: Dataset) -> None:
    entry = _entry(data, "10", value=56, day="15/10/2024", source=" Báo cáo 7/BC-UBND ", note="ước tính")
    assert entry == {
        "indicator": "10",
        "value": Decimal(56),
        "as_of": date(2024, 10, 15),
        "source": {"document": "Báo cáo 7/BC-UBND"},
        "note": "ước tính",
    }


def _with_observations(data: Dataset, *added: Observation) -> Dataset:
    unit = next(u for u in data.units if u.id == "hoa-an")
    changed = unit.model_copy(update={"observations": (*unit.observations, *added)})
    return data._replace(units=tuple(changed if u is unit else u for u in data.units))


def _observation(code: str, day: date, **fields: object) -> Observation:
    return Observation.model_validate({"indicator": code, "as_of": day, "source": {"document": "giả lập"}, **fields})


def test_a_figure_already_recorded_that_day_is_refused_but_not_one_for_a_set(data: Dataset) -> None:
    day = date(2024, 12, 31)
    for_a_set = _with_observations(data, _observation("10", day, value=51, set="xa-nc"))
    assert _entry(for_a_set, "10", value=56)["value"] == 56
    recorded = _with_observations(data, _observation("10", day, value=51))
    _, indicators, said = _import(recorded, _indicator_row("10", value=56), _indicator_row("11", row=7, value=1))
    assert said == [("NTM054", "Chỉ tiêu!H6", "dữ liệu đã có số liệu chỉ tiêu 10 ngày 31/12/2024")]
    assert [i.indicator.code for i in indicators] == ["11"]  # another indicator that day is no repeat


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        ("500,2", None),  # exactly ten times 50,02
        ("500,21", "số mới 500,21 triệu đồng/người/năm gấp hơn 10 lần so với số đã báo cáo 50,02"),
        ("5,002", None),  # exactly a tenth
        ("5,001", "số mới 5,001 triệu đồng/người/năm nhỏ hơn một phần 10 số đã báo cáo 50,02"),
    ],
)
def test_a_figure_more_than_ten_times_the_last_is_pointed_out(data: Dataset, typed: str, warned: str | None) -> None:
    _, indicators, said = _import(data, _indicator_row("10", value=typed))
    assert len(indicators) == 1  # a warning does not refuse the figure
    expected = [] if warned is None else [("NTM058", "Chỉ tiêu!H6", f"{warned} triệu đồng/người/năm (ngày 31/12/2023)")]
    assert said == expected
    assert indicators[0].before is not None and indicators[0].before.value == Decimal("50.02")


def test_the_jump_compares_with_the_latest_figure_before_the_day_of_this_indicator_only(data: Dataset) -> None:
    # 18.1 was 7/9 and later 8/9 (15/08/2024); another indicator's and a later figure do not count
    later = _observation("18.1", date(2024, 12, 1), count=1, total=2)
    other = _observation("11", date(2024, 9, 1), count=1, total=90)
    changed = _with_observations(data, later, other)
    _, indicators, said = _import(changed, _indicator_row("18.1", value=81, total=90, day="30/11/2024"))
    assert said == [
        ("NTM058", "Chỉ tiêu!H6", "số mới 81 gấp hơn 10 lần so với số đã báo cáo 8 (ngày 15/08/2024)"),
    ]
    assert indicators[0].before is not None and indicators[0].before.as_of == date(2024, 8, 15)
    _, _, said = _import(changed, _indicator_row("18.1", value=8, total=91, day="30/11/2024"))
    assert said == [("NTM058", "Chỉ tiêu!I6", "số mới 91 gấp hơn 10 lần so với số đã báo cáo 9 (ngày 15/08/2024)")]


def test_a_rate_s_jump_is_shown_with_its_percent_sign(data: Dataset) -> None:
    changed = _with_observations(data, _observation("11", date(2024, 9, 30), value=Decimal("2.5")))
    _, _, said = _import(changed, _indicator_row("11", value="30"))
    assert said == [("NTM058", "Chỉ tiêu!H6", "số mới 30% gấp hơn 10 lần so với số đã báo cáo 2,5% (ngày 30/09/2024)")]


def test_an_unknown_or_foreign_indicator_row_is_refused_with_the_rest_still_read(data: Dataset) -> None:
    _, indicators, said = _import(
        data,
        _indicator_row("99", value=1),
        _indicator_row("1.1", row=7, owner="district", value="Đạt"),
        _indicator_row("10", row=8, value=56),
    )
    assert said == [
        ("NTM052", "Chỉ tiêu!A6", "chỉ tiêu 'unit:hoa-an#99' không có trong dữ liệu"),
        (
            "NTM055",
            "Chỉ tiêu!A7",
            "dòng 'district#1.1' không thuộc UBND xã Hòa An: biểu chỉ báo cáo nhiệm vụ đơn vị chủ trì"
            " và chỉ tiêu đơn vị phụ trách",
        ),
    ]
    assert [i.entry["value"] for i in indicators] == [56]


def test_every_form_is_read_after_one_of_an_unknown_reporter(data: Dataset) -> None:
    stranger = FilledForm(
        "a.xlsx", 2024, 4, "unit:khong-co", "UBND xã Không Có", indicators=[_indicator_row("10", value=56)]
    )
    renamed = FilledForm("b.xlsx", 2024, 4, "unit:hoa-an", "UBND xã Khác", indicators=[_indicator_row("11", value=1)])
    good = _form(_indicator_row("10", value=56))
    _, indicators, diags = collect_changes(data, [stranger, renamed, good], 2024, 4)
    # neither form's rows are read: only the one message each, and hoa-an's own form is taken
    assert [(d.code, d.file, d.cell, d.message) for d in diags] == [
        ("NTM052", "a.xlsx", "Nhiệm vụ!D2", "biểu của đơn vị 'unit:khong-co' không có trong dữ liệu"),
        (
            "NTM055",
            "b.xlsx",
            "Nhiệm vụ!D2",
            "biểu ghi đơn vị báo cáo 'UBND xã Khác' nhưng được tạo cho UBND xã Hòa An",
        ),
    ]
    assert [(i.form, i.indicator.code) for i in indicators] == [("f.xlsx", "10")]


def test_a_row_reported_twice_is_refused_once_and_every_other_row_kept(data: Dataset) -> None:
    first = _form(_indicator_row("10", value=56), _indicator_row("11", row=7, value=1))
    second = FilledForm("g.xlsx", 2024, 4, "unit:hoa-an", "UBND xã Hòa An")
    second.indicators = [_indicator_row("10", value=57), _indicator_row("18.2", row=8, value="mức độ 1")]
    _, indicators, diags = collect_changes(data, [first, second], 2024, 4)
    assert [(d.code, d.file, d.cell, d.message) for d in diags] == [
        ("NTM054", "g.xlsx", "Chỉ tiêu!A6", "'unit:hoa-an#10' đã được báo cáo trong f.xlsx"),
    ]
    assert [i.indicator.code for i in indicators] == ["10", "11", "18.2"]


# ---------------------------------------------------------------- task rows


def _task_row(task: str, row: int = 6, owner: str = "unit:hoa-an", **cells: object) -> FilledRow:
    return FilledRow(TASKS, row, f"{owner}/{task}", {"done": None, "percent": None, **cells})


def _with_task(data: Dataset, quantity: int | None, *progress: Progress) -> Dataset:
    """hoa-an's own task 'nha-tieu', with the given quantity and progress."""
    unit = next(u for u in data.units if u.id == "hoa-an")
    tasks = tuple(
        t.model_copy(update={"quantity": quantity, "progress": progress}) if t.id == "nha-tieu" else t
        for t in unit.tasks
    )
    changed = unit.model_copy(update={"tasks": tasks})
    return data._replace(units=tuple(changed if u is unit else u for u in data.units))


def _progress(day: date, **fields: object) -> Progress:
    return Progress.model_validate({"as_of": day, **fields})


def test_a_task_s_entry_and_the_amount_done_this_quarter(data: Dataset) -> None:
    fresh = _with_task(data, 43)
    tasks, _, said = _import(fresh, _task_row("nha-tieu", done=10, spent="1,5", note="đợt 1"))
    assert said == []
    assert tasks[0].entry == {
        "as_of": date(2024, 12, 31),
        "done": Decimal(10),
        "spent": Decimal("1.5"),
        "note": "đợt 1",
        "source": FORM_SOURCE,
    }
    assert tasks[0].this_quarter == 10 and tasks[0].before is None
    started = _with_task(data, 43, _progress(date(2024, 9, 30), done=4))
    tasks, _, _ = _import(started, _task_row("nha-tieu", done=10, correction="Có"))
    assert tasks[0].entry == {
        "as_of": date(2024, 12, 31),
        "done": Decimal(10),
        "correction": True,
        "source": FORM_SOURCE,
    }
    assert tasks[0].this_quarter == 6 and tasks[0].correction
    tasks, _, _ = _import(started, _task_row("nha-tieu", percent="50%"))
    assert tasks[0].entry["percent"] == 50 and tasks[0].this_quarter is None


@pytest.mark.parametrize(
    ("progress", "cells", "said"),
    [
        (  # a later entry than the form's quarter
            [_progress(date(2025, 1, 15), done=5)],
            {"done": 10},
            [("NTM051", "Nhiệm vụ!K6", "dữ liệu đã có tiến độ ngày 15/01/2025, sau kỳ của biểu")],
        ),
        (  # an entry of the same day: only that is said, it is no earlier entry to compare with
            [_progress(date(2024, 12, 31), done=5)],
            {"done": 3},
            [("NTM033", "Nhiệm vụ!K6", "dữ liệu đã có tiến độ ngày 31/12/2024 của nhiệm vụ này")],
        ),
        (  # finished in an earlier quarter
            [_progress(date(2024, 9, 30), done=43)],
            {"done": 43},
            [("NTM034", "Nhiệm vụ!K6", "nhiệm vụ đã hoàn thành từ ngày 30/09/2024")],
        ),
        (  # finished earlier in this quarter: a later figure of the same quarter is still taken
            [_progress(date(2024, 10, 15), done=43)],
            {"done": 43},
            [],
        ),
        (  # a smaller total than the last one
            [_progress(date(2024, 9, 30), done=20)],
            {"done": 19},
            [
                (
                    "NTM032",
                    "Nhiệm vụ!K6",
                    "lũy kế 19 nhà tiêu nhỏ hơn số đã báo cáo 20 nhà tiêu (ngày 30/09/2024)",
                )
            ],
        ),
        (
            [_progress(date(2024, 9, 30), percent=40)],
            {"percent": 39},
            [("NTM032", "Nhiệm vụ!L6", "lũy kế 39% nhỏ hơn số đã báo cáo 40% (ngày 30/09/2024)")],
        ),
        (  # the entry before the form's day counts, not an earlier one
            [_progress(date(2024, 3, 31), done=30), _progress(date(2024, 9, 30), done=20)],
            {"done": 25},
            [],
        ),
    ],
    ids=["later", "same-day", "finished-before", "finished-this-quarter", "done-down", "percent-down", "latest-before"],
)
def test_a_task_figure_against_the_entries_before_it(
    data: Dataset, progress: list[Progress], cells: dict[str, object], said: list[tuple[str, str, str]]
) -> None:
    tasks, _, found = _import(_with_task(data, 43, *progress), _task_row("nha-tieu", **cells))
    assert found == said
    assert len(tasks) == (0 if said else 1)


def test_a_row_with_only_an_unreadable_figure_gets_one_message(data: Dataset) -> None:
    _, _, said = _import(_with_task(data, 43), _task_row("nha-tieu", done="mười"))
    assert said == [("NTM012", "Nhiệm vụ!K6", "'mười' không phải là số")]
    _, _, said = _import(_with_task(data, 43), _task_row("nha-tieu", percent="mười"))
    assert said == [("NTM012", "Nhiệm vụ!L6", "'mười' không phải là số")]


@pytest.mark.parametrize(
    ("last", "typed", "warned"),
    [
        (0, "5", None),  # nothing to compare with: a first real figure after a zero
        ("50.02", "0", None),  # zero is no misplaced decimal mark
        (1, "10,5", "số mới 10,5 triệu đồng/người/năm gấp hơn 10 lần so với số đã báo cáo 1"),
        (1, "0,09", "số mới 0,09 triệu đồng/người/năm nhỏ hơn một phần 10 số đã báo cáo 1"),
    ],
)
def test_a_jump_from_or_to_zero_is_not_pointed_out(data: Dataset, last: object, typed: str, warned: str | None) -> None:
    changed = _with_observations(data, _observation("10", date(2024, 9, 30), value=Decimal(str(last))))
    _, indicators, said = _import(changed, _indicator_row("10", value=typed))
    assert len(indicators) == 1
    shown = [] if warned is None else [("NTM058", "Chỉ tiêu!H6", f"{warned} triệu đồng/người/năm (ngày 30/09/2024)")]
    assert said == shown


def test_blank_rows_are_skipped_and_other_rows_refused_at_their_reference(data: Dataset) -> None:
    blank = FilledRow(TASKS, 6, "unit:hoa-an/nha-tieu", {"done": None, "percent": " ", "note": None})
    blank_indicator = FilledRow(INDICATORS, 6, "unit:hoa-an#10", {"value": None, "total": "", "note": None})
    assert _import(data, blank, blank_indicator) == ([], [], [])
    rows = (
        _task_row("khong-co", row=7, done=1),
        _task_row("duong-a-b", row=8, done=1),  # led by a department
    )
    assert _import(data, *rows)[2] == [
        ("NTM052", "Nhiệm vụ!A7", "nhiệm vụ 'unit:hoa-an/khong-co' không có trong dữ liệu"),
        (
            "NTM055",
            "Nhiệm vụ!A8",
            "dòng 'unit:hoa-an/duong-a-b' không thuộc UBND xã Hòa An: biểu chỉ báo cáo nhiệm vụ đơn vị chủ trì"
            " và chỉ tiêu đơn vị phụ trách",
        ),
    ]
    supported = _task_row("duong-a-b", row=9, owner="unit:hoa-an", note="đã xong", done=None)
    form = {"reporter": "dept:tai-chinh", "title": "Phòng Tài chính - Kế hoạch"}
    assert _import(data, supported, **form)[2] == [
        (
            "NTM053",
            "Nhiệm vụ!P9",
            "nhiệm vụ đơn vị chỉ phối hợp: ô này đã khóa, đơn vị chủ trì báo cáo số liệu",
        )
    ]


@pytest.mark.parametrize(
    ("cells", "said", "day"),
    [
        ({"note": "chưa làm"}, [("NTM010", "Nhiệm vụ!K6", "chưa ghi số lũy kế hoặc % hoàn thành")], None),
        (
            {"done": 5, "percent": 10},
            [("NTM013", "Nhiệm vụ!L6", "chỉ ghi một trong hai: số lũy kế hoặc % hoàn thành")],
            None,
        ),
        ({"done": 5, "day": "01/10/2024"}, [], date(2024, 10, 1)),  # the quarter's first day is in it
        ({"done": 5, "day": "31/12/2024"}, [], date(2024, 12, 31)),
        ({"done": 5, "day": "30/09/2024"}, [("NTM013", "Nhiệm vụ!N6", "ngày 30/09/2024 nằm ngoài Quý IV/2024")], None),
        ({"done": 44}, [("NTM030", "Nhiệm vụ!K6", "lũy kế 44 nhà tiêu vượt khối lượng nhiệm vụ 43 nhà tiêu")], None),
        ({"done": 43}, [], date(2024, 12, 31)),
        ({"percent": "100,5"}, [("NTM013", "Nhiệm vụ!L6", "100,5% vượt quá 100%")], None),
        ({"percent": 100}, [], date(2024, 12, 31)),
        (
            {"done": -1, "spent": "-0,5"},
            [
                ("NTM013", "Nhiệm vụ!K6", "số -1 không được âm"),
                ("NTM013", "Nhiệm vụ!O6", "số -0,5 không được âm"),
            ],
            None,
        ),
        ({"done": 0, "spent": 0}, [], date(2024, 12, 31)),
    ],
)
def test_a_task_row_s_own_figures(
    data: Dataset, cells: dict[str, object], said: list[object], day: date | None
) -> None:
    tasks, _, found = _import(_with_task(data, 43), _task_row("nha-tieu", **cells))
    assert found == said
    assert [t.entry["as_of"] for t in tasks] == ([] if day is None else [day])


def test_a_task_total_ten_times_the_last_is_pointed_out_and_still_taken(data: Dataset) -> None:
    started = _with_task(data, 43, _progress(date(2024, 9, 30), done=4))
    tasks, _, said = _import(started, _task_row("nha-tieu", done=41))
    assert said == [
        ("NTM058", "Nhiệm vụ!K6", "số mới 41 nhà tiêu gấp hơn 10 lần so với số đã báo cáo 4 nhà tiêu (ngày 30/09/2024)")
    ]
    assert [t.entry["done"] for t in tasks] == [41]
    tasks, _, said = _import(started, _task_row("nha-tieu", done=40))
    assert said == [] and len(tasks) == 1
