"""`status` after the 2025 reform: the province at a glance, its units by title and by
commune group (unknown group said as such); before 01/7/2025 the district view as before.
SYNTHETIC units except where the shipped data is named."""

from __future__ import annotations

import json

import pytest

from conftest import REAL_DATA
from test_merger_figures import SET, SRC, WHOLE, _new, _tree

GROUPED = SET.replace("id: xa-2022", "id: xa-2026").replace("period: [2022, 2025]", "period: [2026, 2030]") + (
    f'groups:\n  - {{code: "2", name: Nhóm 2, rule: giả lập, source: {SRC}, verified: false}}\n'
)


def _status(cli, root, day: str):  # type: ignore[no-untyped-def]
    run = cli("status", "--as-of", day, "--format", "json", "--data", str(root))
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_shipped_data_switches_from_district_to_province_on_1_july_2025(cli) -> None:  # type: ignore[no-untyped-def]
    before = _status(cli, REAL_DATA, "2025-06-30")
    assert before["province"] is None and before["district"] is not None
    after = _status(cli, REAL_DATA, "2025-07-01")
    assert after["district"] is None
    province = after["province"]
    assert (province["id"], province["code"]) == ("ha-tinh", "42")
    assert province["by_title"] == [
        {"title": "chưa có danh hiệu", "count": 5, "units": province["by_title"][0]["units"]}
    ]
    assert province["by_group"][0]["group"] == "chưa rõ nhóm" and province["by_group"][0]["count"] == 5
    unit = next(u for u in after["units"] if u["code"] == "18304")
    assert unit["valid_from"] == "2025-07-01" and unit["group"] is None


def test_units_by_title_and_by_group(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    (root / "criteria/xa-2026.yaml").write_text(GROUPED, encoding="utf-8")
    group = f'group: {{code: "2", set: xa-2026, source: {SRC}}}\n'
    titled = f"titles:\n  - {{tier: đạt chuẩn, year: 2026, source: {SRC}}}\n"
    (root / "communes/xa-moi.yaml").write_text(_new(WHOLE) + group, encoding="utf-8")
    other = _new([]).replace("id: xa-moi", "id: xa-khac").replace("name: Mới", "name: Khác")
    (root / "communes/xa-khac.yaml").write_text(other.replace("predecessors:\n", "") + titled, encoding="utf-8")
    province = _status(cli, root, "2026-12-31")["province"]
    by_title = {t["title"]: t["units"] for t in province["by_title"]}
    assert by_title == {"NTM (2026)": ["xã Khác"], "chưa có danh hiệu": ["xã Mới"]}
    assert [(g["group"], g["units"]) for g in province["by_group"]] == [
        ("nhóm 2", ["xã Mới"]),
        ("chưa rõ nhóm", ["xã Khác"]),
    ]
    table = " ".join(cli("status", "--as-of", "2026-12-31", "--data", str(root)).out.split())
    assert "Tỉnh Tỉnh Giả: 2 đơn vị cấp xã trong dữ liệu" in table
    assert "Theo nhóm xã (bộ 2026-2030) — nhóm 2: 1 (xã Mới); chưa rõ nhóm: 1 (xã Khác)" in table


def test_before_the_reform_no_province_view(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    out = _status(cli, root, "2025-06-30")
    assert out["province"] is None
    assert "đơn vị cấp xã trong dữ liệu" not in cli("status", "--as-of", "2025-06-30", "--data", str(root)).out


def _counted(write_tree, claim: str):  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    titled = f"titles:\n  - {{tier: đạt chuẩn, year: 2026, source: {SRC}}}\n"
    other = _new([]).replace("id: xa-moi", "id: xa-khac").replace("name: Mới", "name: Khác")
    (root / "communes/xa-khac.yaml").write_text(other.replace("predecessors:\n", "") + titled, encoding="utf-8")
    province = f"# SYNTHETIC\nname: Tỉnh Giả\nkind: tỉnh\ntitle_counts:\n  - {claim}\n"
    (root / "provinces/tinh-gia.yaml").write_text(province, encoding="utf-8")
    return root


@pytest.mark.parametrize(("count", "flagged"), [(0, True), (1, False), (2, True)])
def test_a_source_s_count_of_titled_units_is_checked_against_the_data(write_tree, cli, count, flagged) -> None:  # type: ignore[no-untyped-def]
    root = _counted(write_tree, f"{{tier: đạt chuẩn, count: {count}, as_of: 2026-06-30, source: {SRC}}}")
    run = cli("status", "--as-of", "2026-12-31", "--data", str(root))
    assert run.code == 0, run.err
    assert ("NTM065" in run.err) is flagged
    if flagged:
        assert f"nêu {count} đơn vị đạt NTM; dữ liệu ghi nhận 1 đơn vị" in " ".join(run.err.split())
    # a count dated after the day asked is not yet a claim
    later = cli("status", "--as-of", "2026-06-29", "--data", str(root))
    assert "NTM065" not in later.err


@pytest.mark.parametrize(("named", "flagged"), [("[xa-khac]", True), ("[xa-khac, xa-moi]", False)])
def test_a_count_is_checked_against_the_units_the_source_names(write_tree, cli, named, flagged) -> None:  # type: ignore[no-untyped-def]
    claim = f"{{tier: đạt chuẩn, count: 2, units: {named}, as_of: 2026-06-30, source: {SRC}}}"
    run = cli("validate", "--data", str(_counted(write_tree, claim)))
    assert run.code == 0, run.out + run.err
    text = " ".join((run.out + run.err).split())
    assert ("NTM065" in text) is flagged
    if flagged:
        assert "nguồn nêu 2 đơn vị đạt NTM nhưng kể tên 1 đơn vị" in text
