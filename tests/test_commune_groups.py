"""The 2026-2030 shape: thresholds per commune group, a unit's group with its source (or
unknown), criteria known only by name, and the shipped QĐ 51/2025 set. Every set and unit
written here is SYNTHETIC, except the last tests, which read the shipped data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import REAL_DATA
from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Reason
from ntm_plan.evaluate.units import assess_unit
from ntm_plan.pipeline.load import load

SOURCE = '{document: "giả lập (SYNTHETIC)"}'
SET = f"""# SYNTHETIC: not a real set; thresholds per group made up for the test.
id: xa-nhom
name: Bộ tiêu chí thử nghiệm theo nhóm xã
level: xã
tier: đạt chuẩn
period: [2026, 2030]
decision: {SOURCE}
groups:
  - {{code: "1", name: Nhóm 1, rule: xã ven đô thị (giả lập), source: {SOURCE}, verified: false}}
  - {{code: "2", name: Nhóm 2, rule: các xã còn lại (giả lập), source: {SOURCE}, verified: false}}
criteria:
  - code: "1"
    name: Nước sạch
    indicators:
      - code: "1.1"
        name: Tỷ lệ hộ dùng nước sạch
        kind: percent
        count_unit: hộ
        thresholds:
          - {{value: 80, group: "1", source: {SOURCE}, verified: false}}
          - {{value: 70, group: "2", source: {SOURCE}, verified: false}}
  - {{code: "2", name: Quy hoạch}}
"""


def _unit(name: str, group: str | None, percent: int, extra: str = "") -> str:
    lines = [f"name: {name}", "kind: xã", f"target: {{set: xa-nhom, year: 2026, source: {SOURCE}}}"]
    if group is not None:
        lines.append(f'group: {{code: "{group}", source: {SOURCE}}}')
    lines.append("observations:")
    lines.append(f'  - {{indicator: "1.1", value: {percent}, as_of: 2026-03-31, source: {SOURCE}}}')
    return "\n".join(lines) + "\n" + extra


@pytest.fixture
def groups(write_tree) -> Path:  # type: ignore[no-untyped-def]
    statement = f'  - {{criterion: "2", met: true, as_of: 2026-03-31, source: {SOURCE}}}\n'
    return write_tree(  # type: ignore[no-any-return]
        {
            "criteria/xa-nhom.yaml": SET,
            "communes/ven-do.yaml": _unit("Ven Đô", "1", 75),
            "communes/dong-que.yaml": _unit("Đồng Quê", "2", 75, statement),
            "communes/chua-ro.yaml": _unit("Chưa Rõ", None, 75),
            "communes/vua-du.yaml": _unit("Vừa Đủ", "1", 80),
        }
    )


def _results(root: Path, day: date = date(2026, 6, 30)):  # type: ignore[no-untyped-def]
    data, diags = load(root)
    assert [d for d in diags if d.is_error] == []
    return {u.id: assess_unit(data, u, day) for u in data.units}


def test_the_threshold_is_the_unit_s_group_s(groups: Path) -> None:
    results = _results(groups)
    one, two = results["ven-do"], results["dong-que"]
    assert one is not None and two is not None
    first, second = one.result_for("1.1"), two.result_for("1.1")
    assert first is not None and second is not None
    # the same 75 % is short of nhóm 1's 80 % and beyond nhóm 2's 70 %
    assert (first.status, first.required) == (NOT_MET, 80)
    assert (second.status, second.required) == (MET, 70)


def test_the_group_s_threshold_is_a_minimum_reached_at_equality(groups: Path) -> None:
    result = _results(groups)["vua-du"]
    assert result is not None and result.result_for("1.1").status == MET  # type: ignore[union-attr]


def test_a_unit_without_a_group_is_not_assessed(groups: Path) -> None:
    result = _results(groups)["chua-ro"]
    assert result is not None
    indicator = result.result_for("1.1")
    assert indicator is not None and (indicator.status, indicator.reason) == (UNKNOWN, Reason.NO_GROUP)
    assert indicator.status != NOT_MET  # unknown is never not met


def test_a_criterion_without_indicators_stands_on_its_statement(groups: Path) -> None:
    results = _results(groups)
    stated, silent = results["dong-que"], results["ven-do"]
    assert stated is not None and silent is not None
    assert stated.criteria[1].status == MET and stated.criteria[1].evidence is not None
    assert silent.criteria[1].status == UNKNOWN  # nothing said: not met would be a guess


def test_a_date_inside_the_set_s_period_gives_no_period_warning(groups: Path, cli) -> None:  # type: ignore[no-untyped-def]
    inside = cli("gap", "ven-do", "--as-of", "2026-03-31", "--data", str(groups))
    assert inside.code == 0 and "NTM064" not in inside.err
    outside = cli("gap", "ven-do", "--as-of", "2025-12-31", "--data", str(groups))
    assert "NTM064" in outside.err


def test_a_group_the_set_lacks_is_reported(write_tree) -> None:  # type: ignore[no-untyped-def]
    root = write_tree({"criteria/xa-nhom.yaml": SET, "communes/a.yaml": _unit("A", "3", 75)})
    _, diags = load(root)
    assert [d.code for d in diags if d.is_error] == ["NTM073"]


def test_a_threshold_for_a_group_the_set_lacks_is_reported(write_tree) -> None:  # type: ignore[no-untyped-def]
    root = write_tree({"criteria/xa-nhom.yaml": SET.replace('value: 70, group: "2"', 'value: 70, group: "4"')})
    _, diags = load(root)
    assert any("nhóm '4' không có trong bộ" in d.message for d in diags if d.is_error)


def test_the_shipped_2026_2030_set_holds_what_the_record_allows() -> None:
    data, _ = load(REAL_DATA)
    cset = data.sets["xa-ntm-2026-2030"]
    assert cset.period == (2026, 2030) and "51/2025/QĐ-TTg" in cset.decision.document
    assert [c.code for c in cset.criteria] == [str(n) for n in range(1, 11)]
    assert cset.criteria[8].name == "Xây dựng hệ thống chính trị và hành chính công"
    assert all(c.indicators == () for c in cset.criteria)  # the 47 indicators: not read, not invented
    assert [g.code for g in cset.groups] == ["1", "2", "3"] and not any(g.verified for g in cset.groups)
    assert "khu vực II và khu vực III" in cset.groups[2].rule


def test_the_new_commune_under_the_2026_2030_set(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(
        "gap", "xa-duc-dong-18304", "--set", "xa-ntm-2026-2030", "--as-of", "2026-03-31", "--data", str(REAL_DATA)
    )
    assert run.code == 0 and "NTM064" not in run.err
    assert "chưa đánh giá 10 (trên 10 tiêu chí)" in run.out.replace("\n", " ")
