"""`evaluate/standing.py` through `ntm-plan status --format json` on the SYNTHETIC data:
each unit's criteria not met and not assessed (by code), its indicators without data, its
tasks and overdue tasks, and the district's totals counting its own tasks and the
departments' duties."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ntm_plan.evaluate.standing import evaluated_sets
from ntm_plan.evaluate.tasks import closed_owners
from ntm_plan.pipeline.load import load
from ntm_plan.pipeline.scan import scan


@pytest.mark.parametrize(
    ("day", "overdue"),
    [("2024-09-30", {"binh-minh": 1, "total": 3}), ("2024-01-01", {"binh-minh": 0, "total": 0})],
)
def test_status_names_each_unit_s_criteria_not_met_and_not_assessed(cli, day: str, overdue: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    run = cli("status", "--data", str(SYNTHETIC), "--as-of", day, "--format", "json")
    assert run.code == 0, run.err
    out = json.loads(run.out)
    units = {
        u["id"]: (
            u["criteria_not_met"],
            u["criteria_unknown"],
            u["indicators_without_data"],
            u["tasks"],
            u["tasks_overdue"],
        )
        for u in out["units"]
    }
    assert units == {
        "thi-tran-hoa-an": ([], ["1"], 1, 0, 0),
        "binh-minh": (["1"], [], 0, 1, overdue["binh-minh"]),
        "hoa-an": (["10", "11", "17", "18"], [], 1, 2, 0),
    }
    # 3 tasks of the communes, 1 of the district, 1 duty of a department; overdue: Q1 and Q2 deadlines passed
    assert (out["tasks"]["total"], out["tasks"]["overdue"]) == (5, overdue["total"])


def test_a_scan_without_a_date_holds_no_dated_part() -> None:
    result = scan(SYNTHETIC, workers=1)
    assert result.district is None and result.as_of is None
    assert [(u.id, u.title, u.criteria, u.without_data, u.tasks, u.tasks_overdue, u.child) for u in result.units] == [
        ("thi-tran-hoa-an", None, None, None, 0, 0, None),
        ("binh-minh", None, None, None, 1, 0, None),
        ("hoa-an", None, None, None, 2, 0, None),
    ]
    assert result.task_count == 5 and result.evaluated_sets == ["dtvm", "xa-km", "tinh-xa-nc", "huyen"]
    assert result.closed_owners == (0, None)


def test_the_sets_evaluated_count_the_district_s_own_target_set() -> None:
    data, _ = load(SYNTHETIC)
    assert evaluated_sets(data) == ["dtvm", "xa-km", "tinh-xa-nc", "huyen"]
    assert evaluated_sets(data, with_district=False) == ["dtvm", "xa-km", "tinh-xa-nc"]
    assert evaluated_sets(data, ["xa-km", None, "khong-co"]) == ["xa-km", "huyen"]  # a set not in the data: none


def test_without_a_district_the_tasks_are_the_communes_and_the_departments(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "district.yaml").unlink()
    result = scan(root, date(2024, 9, 30), workers=1)
    assert [d for d in result.diagnostics if d.is_error] == []
    assert (result.district, result.task_count, result.overdue_count) == (None, 4, 2)


def test_the_district_counts_its_own_communes_only(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "provinces").mkdir()
    (root / "provinces" / "tinh-khac.yaml").write_text("# SYNTHETIC\nname: Tỉnh Khác\nkind: tỉnh\n", encoding="utf-8")
    other = (
        "# SYNTHETIC: a commune under a province, not under the district\nname: Xã Khác\nkind: xã\nparent: tinh-khac\n"
    )
    titled = 'titles:\n  - {tier: nâng cao, year: 2020, source: {document: "giả lập"}}\n'
    (root / "communes" / "xa-khac.yaml").write_text(other + titled, encoding="utf-8")
    result = scan(root, date(2024, 9, 30), workers=1)
    assert [d for d in result.diagnostics if d.is_error] == []
    assert "xa-khac" in [u.id for u in result.units]
    assert result.district is not None
    advanced = result.district.result_for("xa-nang-cao")
    assert advanced is not None and advanced.aggregate is not None
    assert (advanced.aggregate.total, advanced.aggregate.met_names) == (2, ("Bình Minh",))


def test_a_district_closed_without_tasks_or_duties_leaves_nothing_out_and_is_not_evaluated(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    district, departments = root / "district.yaml", root / "departments.yaml"
    text = district.read_text(encoding="utf-8")
    district.write_text(re.sub(r"^tasks:\n(?: .*\n)*", "valid_to: 2024-06-30\n", text, flags=re.M), encoding="utf-8")
    text = departments.read_text(encoding="utf-8")
    departments.write_text(re.sub(r"^    duties:\n(?:     .*\n)*", "", text, flags=re.M), encoding="utf-8")
    day = date(2024, 9, 30)
    data, diagnostics = load(root)
    assert [d for d in diagnostics if d.is_error] == [] and data.district is not None
    assert (
        data.district.valid_to == date(2024, 6, 30) and data.departments and not any(d.duties for d in data.departments)
    )
    assert closed_owners([], data, day) == (0, None)  # no task was left out: no day to name
    closed = scan(root, day, workers=1)
    assert (closed.district, closed.closed_owners) == (None, (0, None))
    assert closed.evaluated_sets == ["dtvm", "xa-km", "tinh-xa-nc"]  # the closed district's set is not evaluated
    assert scan(SYNTHETIC, day, workers=1).evaluated_sets == ["dtvm", "xa-km", "tinh-xa-nc", "huyen"]
