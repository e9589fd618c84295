"""pipeline/answers.py: one function per question, each running its evaluation and its
checks and returning the diagnostics; `status` and `gap` share one district evaluation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import REAL_DATA, SYNTHETIC
from ingest_helpers import INDICATORS, copy_data, fill
from ntm_plan.diagnostics import format_text
from ntm_plan.pipeline import answers
from ntm_plan.pipeline.load import load
from ntm_plan.pipeline.scan import scan

DAY = date(2024, 9, 30)


def _statuses(assessment) -> dict[str, str]:
    results = [*assessment.indicators(), *assessment.conditions]
    return {r.indicator.code: r.status for r in results}


@pytest.mark.parametrize("root", [REAL_DATA, SYNTHETIC], ids=["shipped", "synthetic"])
@pytest.mark.parametrize("day", [date(2023, 12, 31), DAY])
def test_status_and_gap_assess_the_district_alike(root: Path, day: date) -> None:
    result, _ = answers.assess_district(root, day)
    dataset, _ = load(root)
    assert dataset.district is not None and result.district is not None
    alone, _ = answers.assess_unit(dataset, dataset.district, day)
    assert result.district.counts == alone.counts
    assert _statuses(result.district) == _statuses(alone)
    assert [u.id for u in result.units] == [u.id for u in dataset.units if u.exists_on(day)]  # the units of that day


def test_the_units_of_status_stand_as_the_units_of_gap() -> None:
    result, _ = answers.assess_district(REAL_DATA, DAY)
    dataset, _ = load(REAL_DATA)
    for summary, unit in zip(result.units, [u for u in dataset.units if u.exists_on(DAY)], strict=True):
        assessment, _ = answers.assess_unit(dataset, unit, DAY) if unit.target else (None, [])
        assert summary.criteria == (assessment.counts if assessment else None), unit.id


def test_a_scan_without_a_date_reads_no_clock() -> None:
    result = scan(REAL_DATA)
    assert result.district is None
    assert all(u.title is None and u.child is None and u.tasks_overdue == 0 for u in result.units)
    with pytest.raises(ValueError):
        _ = result.overdue_count


def test_overdue_count_is_what_tasks_overdue_lists(cli) -> None:
    result, _ = answers.assess_district(REAL_DATA, DAY)
    dataset, _ = load(REAL_DATA)
    listed, closed = answers.task_list(dataset, DAY, department=None, unit=None, overdue=True)
    assert result.overdue_count == len(listed) > 0
    assert result.closed_owners == closed


@pytest.mark.parametrize(
    ("day", "listed", "left_out"),
    [(date(2025, 6, 30), 188, 0), (date(2025, 7, 1), 0, 188), (date(2026, 3, 31), 0, 188)],
)
def test_tasks_of_units_that_no_longer_exist_are_left_out_and_counted(day: date, listed: int, left_out: int) -> None:
    """On 01/07/2025 the district, its departments and its sixteen units closed (NQ
    1665/NQ-UBTVQH15): their 188 tasks are not listed, not overdue, and counted apart with
    the day to ask for them; on 30/06/2025 every one is listed."""
    dataset, _ = load(REAL_DATA)
    statuses, closed = answers.task_list(dataset, day, department=None, unit=None, overdue=False)
    result, _ = answers.assess_district(REAL_DATA, day)
    assert len(statuses) == result.task_count == listed
    assert closed.tasks == result.closed_owners.tasks == left_out
    assert closed.last_day == result.closed_owners.last_day == (date(2025, 6, 30) if left_out else None)
    if not listed:
        assert result.overdue_count == 0


def test_gap_prints_the_warnings_its_question_returns(cli) -> None:
    dataset, _ = load(REAL_DATA)
    unit = next(u for u in dataset.units if u.id == "duc-dong")
    early = date(2022, 6, 30)
    _, warnings = answers.assess_unit(dataset, unit, early)
    assert any(d.code == "NTM031" for d in warnings)
    run = cli("gap", "duc-dong", "--as-of", "2022-06-30", "--data", str(REAL_DATA))
    assert run.code == 0, run.err
    assert [line for line in run.err.splitlines() if "[NTM" in line] == [
        format_text(d).splitlines()[0] for d in warnings
    ]


def test_import_shows_the_warnings_validate_shows_for_the_edited_file(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    forms = tmp_path / "forms"
    # a quarter before the set's period 2022-2025 (the old Đức Đồng closed on 30/06/2025)
    assert cli("form", "--quarter", "2021-Q4", "-u", "duc-dong", "-o", str(forms), "--data", str(data)).code == 0
    form = forms / "duc-dong-2021-Q4.xlsx"
    fill(form, INDICATORS, "#18.1", value="56,5", day="31/12/2021")
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert "cảnh báo[NTM064]: số liệu chỉ tiêu 18.1 ngày 31/12/2021 nằm ngoài giai đoạn" in run.err
    after = cli("validate", "--data", str(data))
    assert "cảnh báo[NTM064]: số liệu chỉ tiêu 18.1 ngày 31/12/2021" in after.out
