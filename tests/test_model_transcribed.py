"""What the data has not yet copied from an official text is a field (`content_checked`,
`parts_entered`), not words in a name: the terminal and the site say it next to the name,
a signed document prints the name alone. Shipped data: the 2021–2025 criteria sets."""

from __future__ import annotations

import json

import pytest

from conftest import REAL_DATA
from ntm_plan.model.criteria import Criterion, Indicator
from ntm_plan.pipeline.load import load
from ntm_plan.present.phrases import working_name

NOTES = ("chưa đối chiếu", "chưa nhập")


def test_no_name_in_the_shipped_criteria_carries_a_working_note() -> None:
    dataset, _ = load(REAL_DATA)
    names = [
        item.name
        for cset in dataset.sets.values()
        for criterion in cset.criteria
        for item in (criterion, *criterion.indicators)
    ]
    assert not [name for name in names if any(note in name for note in NOTES)]
    unchecked = [i for c in dataset.sets["huyen-ntm-2021-2025"].criteria for i in c.indicators if not i.content_checked]
    assert {"2.3", "7.1", "9.6"} <= {i.code for i in unchecked}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "Chỉ tiêu 7.1"),
        ({"content_checked": False}, "Chỉ tiêu 7.1 (nội dung chưa đối chiếu)"),
        ({"parts_entered": False}, "Chỉ tiêu 7.1 (chỉ tiêu con chưa nhập)"),
        (
            {"content_checked": False, "parts_entered": False},
            "Chỉ tiêu 7.1 (nội dung chưa đối chiếu; chỉ tiêu con chưa nhập)",
        ),
    ],
)
def test_the_working_name_says_what_is_not_yet_copied(fields: dict[str, bool], expected: str) -> None:
    indicator = Indicator(code="7.1", name="Chỉ tiêu 7.1", kind="boolean", **fields)
    assert working_name(indicator) == expected


def test_a_criterion_without_its_list_says_so() -> None:
    criterion = Criterion(code="1", name="Khu dân cư NTM kiểu mẫu", parts_entered=False)
    assert working_name(criterion) == "Khu dân cư NTM kiểu mẫu (danh mục tiêu chí chưa nhập)"


def test_the_criteria_listing_shows_the_notes_beside_the_names(cli) -> None:
    run = cli("criteria", "huyen-ntm-2021-2025", "--data", str(REAL_DATA))
    assert run.code == 0, run.err
    assert "Chỉ tiêu 7.1 (nội dung chưa đối chiếu)" in run.out
    assert "Chỉ tiêu 2.4 (nội dung" not in run.out  # 2.4 is copied from its text
    places = cli("criteria", "ha-tinh-khu-dan-cu-ntm-kieu-mau-2022-2025", "--data", str(REAL_DATA))
    assert "Khu dân cư NTM kiểu mẫu (danh mục tiêu chí chưa nhập)" in places.out


def test_gap_json_keeps_the_name_and_the_fields_apart(cli) -> None:
    run = cli("gap", "Tan", "Dan", "--as-of", "2024-09-30", "--format", "json", "--data", str(REAL_DATA))
    assert run.code == 0, run.err
    units = json.loads(run.out)["units"]
    indicators = [i for u in units for c in u["by_criterion"] for i in c["indicators"]]
    parts = [i for i in indicators if not i["parts_entered"]]
    assert parts and all(not any(note in i["name"] for note in NOTES) for i in indicators)
    assert all(i["content_checked"] is True for i in indicators if i["parts_entered"])
