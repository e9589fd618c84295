"""Units over time: codes, parents, dates, predecessors and the checks across them; the
shipped data of the 2025 reform (the sixteen units of the former Đức Thọ district closed on
30/06/2025, the five communes formed on 01/7/2025 under the province)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import REAL_DATA
from ntm_plan.diagnostics import Diagnostic
from ntm_plan.model import Unit
from ntm_plan.model.names import find_unit
from ntm_plan.pipeline.load import load

NEW = {
    "xa-duc-tho-18229": ("18229", {"thi-tran-duc-tho", "tung-anh", "hoa-lac", "tan-dan"}, 37),
    "xa-duc-dong-18304": ("18304", {"duc-dong", "duc-lang", "tan-huong"}, 38),
    "xa-duc-quang-18262": ("18262", {"quang-vinh", "bui-la-nhan", "yen-ho"}, 39),
    "xa-duc-thinh-18277": ("18277", {"thanh-binh-thinh", "lam-trung-thuy", "an-dung"}, 40),
    "xa-duc-minh-18244": ("18244", {"truong-son", "tung-chau", "lien-minh"}, 41),
}
OLD_CODES = {  # the statistics office's table, former district 440
    "thi-tran-duc-tho": "18229", "tung-anh": "18259", "hoa-lac": "18280", "tan-dan": "18283",
    "tung-chau": "18241", "truong-son": "18244", "lien-minh": "18247", "quang-vinh": "18235",
    "yen-ho": "18253", "bui-la-nhan": "18262", "thanh-binh-thinh": "18274", "lam-trung-thuy": "18277",
    "an-dung": "18298", "duc-dong": "18304", "duc-lang": "18307", "tan-huong": "18310",
}  # fmt: skip


def _units(root: Path = REAL_DATA) -> tuple[dict[str, Unit], list[Diagnostic]]:
    data, diags = load(root)
    return {u.id: u for u in data.all_units()}, diags


def test_the_five_new_communes_follow_the_resolution() -> None:
    units, diags = _units()
    assert [d for d in diags if d.is_error] == []
    for unit_id, (code, olds, clause) in NEW.items():
        unit = units[unit_id]
        assert (unit.kind, unit.code, unit.parent, unit.valid_from, unit.valid_to) == (
            "xã",
            code,
            "ha-tinh",
            date(2025, 7, 1),
            None,
        )
        assert {p.unit for p in unit.predecessors} == olds
        assert all(p.merge == "whole" and p.share is None for p in unit.predecessors)
        assert all(f"khoản {clause}" in (p.source.section or "") for p in unit.predecessors)
        assert all("1665/NQ-UBTVQH15" in p.source.document for p in unit.predecessors)
        assert unit.titles == () and unit.observations == () and unit.group is None  # nothing invented
        assert {p.code for p in unit.predecessors} == {OLD_CODES[o] for o in olds}


def test_the_sixteen_old_units_close_the_day_before() -> None:
    units, _ = _units()
    for unit_id, code in OLD_CODES.items():
        unit = units[unit_id]
        assert (unit.code, unit.valid_to, unit.parent) == (code, date(2025, 6, 30), "huyen-duc-tho")
        assert unit.admin_source is not None and "19/2025/QĐ-TTg" in unit.admin_source.document
    district, province = units["huyen-duc-tho"], units["ha-tinh"]
    assert (district.code, district.parent, district.valid_to) == ("440", "ha-tinh", date(2025, 6, 30))
    assert (province.kind, province.code, province.valid_to) == ("tỉnh", "42", None)


def test_a_unit_exists_on_both_of_its_end_days_only() -> None:
    units, _ = _units()
    old, new = units["duc-dong"], units["xa-duc-dong-18304"]
    assert old.exists_on(date(2025, 6, 30)) and not old.exists_on(date(2025, 7, 1))
    assert new.exists_on(date(2025, 7, 1)) and not new.exists_on(date(2025, 6, 30))


def test_a_shared_name_resolves_by_date() -> None:
    units, _ = _units()
    pool = list(units.values())
    assert find_unit("Duc Dong", pool, date(2024, 9, 30)).unit is units["duc-dong"]
    assert find_unit("Duc Dong", pool, date(2026, 3, 31)).unit is units["xa-duc-dong-18304"]
    assert len(find_unit("Duc Dong", pool).candidates) == 2  # no date: both, for the user to pick


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(root: Path) -> list[tuple[str, str | None, str]]:
    _, diags = load(root)
    return [(d.code, d.file, d.message) for d in diags if d.is_error]


def test_a_predecessor_must_close_the_day_before_its_successor(real_copy: Path) -> None:
    _edit(real_copy / "communes" / "tan-huong.yaml", "valid_to: 2025-06-30", "valid_to: 2025-06-29")
    found = _codes(real_copy)
    assert [(c, (f or "").endswith("communes/xa-duc-dong-18304.yaml")) for c, f, _ in found] == [("NTM071", True)]
    assert "30/06/2025" in found[0][2]


def test_a_predecessor_still_open_is_reported(real_copy: Path) -> None:
    _edit(real_copy / "communes" / "tan-huong.yaml", "valid_to: 2025-06-30\n", "")
    # and it outlives its parent, the district
    assert sorted(c for c, _, _ in _codes(real_copy)) == ["NTM070", "NTM071"]


def test_a_missing_predecessor_is_reported(real_copy: Path) -> None:
    (real_copy / "communes" / "duc-lang.yaml").unlink()
    found = _codes(real_copy)
    assert [c for c, _, _ in found] == ["NTM071"] and "'duc-lang'" in found[0][2]


def test_a_predecessor_s_code_must_match_its_file(real_copy: Path) -> None:
    _edit(real_copy / "communes" / "xa-duc-dong-18304.yaml", 'code: "18307"', 'code: "18310"')
    assert [c for c, _, _ in _codes(real_copy)] == ["NTM071"]


def test_a_parent_must_exist(real_copy: Path) -> None:
    _edit(real_copy / "communes" / "xa-duc-minh-18244.yaml", "parent: ha-tinh", "parent: ha-tinh-cu")
    assert [c for c, _, _ in _codes(real_copy)] == ["NTM070"]


def test_a_parent_must_exist_on_every_day_of_its_child(real_copy: Path) -> None:
    # the new commune under the district that closed on 30/06/2025
    _edit(real_copy / "communes" / "xa-duc-minh-18244.yaml", "parent: ha-tinh", "parent: huyen-duc-tho")
    found = _codes(real_copy)
    assert [c for c, _, _ in found] == ["NTM070"] and "30/06/2025" in found[0][2]


def test_the_parent_closing_on_the_child_s_last_day_is_fine(real_copy: Path) -> None:
    _edit(real_copy / "district.yaml", "valid_to: 2025-06-30", "valid_to: 2025-06-29")
    assert {c for c, _, _ in _codes(real_copy)} == {"NTM070"}  # one day short: every old unit outlives it


def test_one_code_twice_at_the_same_time_is_an_error(real_copy: Path) -> None:
    # the new xã Đức Đồng keeps the old one's code 18304: fine, their days do not meet
    assert _codes(real_copy) == []
    _edit(real_copy / "communes" / "duc-dong.yaml", "valid_to: 2025-06-30", "valid_to: 2025-07-01")
    found = _codes(real_copy)
    assert ("NTM072" in {c for c, _, _ in found}) and any("'18304'" in m for _, _, m in found)


def test_one_name_twice_under_one_parent_at_the_same_time_is_an_error(real_copy: Path) -> None:
    _edit(real_copy / "communes" / "xa-duc-dong-18304.yaml", "valid_from: 2025-07-01", "valid_from: 2025-06-30")
    found = {c for c, _, _ in _codes(real_copy)}
    assert "NTM023" not in found  # different parents (the district, the province)
    _edit(real_copy / "communes" / "xa-duc-dong-18304.yaml", "parent: ha-tinh", "parent: huyen-duc-tho")
    assert "NTM023" in {c for c, _, _ in _codes(real_copy)}


def test_a_new_unit_holds_no_title_from_before_it_existed(real_copy: Path) -> None:
    path = real_copy / "communes" / "xa-duc-dong-18304.yaml"
    before = '\ntitles:\n  - {tier: nâng cao, year: 2020, source: {document: "giả lập (SYNTHETIC)"}}\n'
    path.write_text(path.read_text(encoding="utf-8") + before, encoding="utf-8")
    found = _codes(real_copy)
    assert [c for c, _, _ in found] == ["NTM073"] and "01/07/2025" in found[0][2]


def test_a_title_acknowledged_after_the_merger_is_held(real_copy: Path) -> None:
    path = real_copy / "communes" / "xa-duc-dong-18304.yaml"
    after = (
        "\ntitles:\n  - {tier: đạt chuẩn, year: 2025, decision_date: 2025-07-01, basis: thừa nhận sau sắp xếp,"
        ' source: {document: "quyết định giả lập (SYNTHETIC)"}}\n'
    )
    path.write_text(path.read_text(encoding="utf-8") + after, encoding="utf-8")
    assert _codes(real_copy) == []
    units, _ = _units(real_copy)
    assert units["xa-duc-dong-18304"].titles[0].basis == "thừa nhận sau sắp xếp"


def test_acknowledgement_after_a_merger_needs_a_merger(real_copy: Path) -> None:
    path = real_copy / "communes" / "duc-lang.yaml"
    assert "\ntitles:" not in path.read_text(encoding="utf-8")
    title = "\ntitles:\n  - {tier: đạt chuẩn, year: 2015, basis: thừa nhận sau sắp xếp, source: {document: x}}\n"
    path.write_text(path.read_text(encoding="utf-8") + title, encoding="utf-8")
    assert [c for c, _, _ in _codes(real_copy)] == ["NTM073"]


def test_unit_dates_and_codes_have_their_shape(write_tree) -> None:  # type: ignore[no-untyped-def]
    base = "kind: xã\nregion: Bắc Trung Bộ\n"
    root = write_tree(
        {
            "criteria/.keep": "",
            "communes/a.yaml": "name: A\n" + base + "code: 18304\n",
            "communes/b.yaml": "name: B\n" + base + "valid_from: 2025-07-01\nvalid_to: 2025-06-30\n",
            "communes/c.yaml": "name: C\n"
            + base
            + "valid_from: 2025-07-01\npredecessors:\n  - {merge: whole, source: {document: x}}\n",
            "communes/d.yaml": "name: D\n"
            + base
            + "valid_from: 2025-07-01\npredecessors:\n"
            + "  - {code: '00001', merge: whole, share: 0.5, source: {document: x}}\n",
        }
    )
    _, diags = load(root)
    by_file = {Path(d.file or "").name: d.message for d in diags if d.is_error}
    assert 'ngoặc kép: "18304"' in by_file["a.yaml"]
    assert "valid_from (01/07/2025) sau valid_to (30/06/2025)" in by_file["b.yaml"]
    assert "unit" in by_file["c.yaml"] and "code" in by_file["c.yaml"]
    assert "share chỉ ghi khi nhập một phần" in by_file["d.yaml"]


def test_gap_by_name_today_answers_for_the_new_commune(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("gap", "Duc", "Dong", "--as-of", "2026-03-31", "--data", str(REAL_DATA))
    text = " ".join(run.out.split())
    assert run.code == 0 and "NTM064" not in run.err
    assert "Hình thành từ 01/07/2025 từ 3 đơn vị cũ" in text
    # each predecessor on its own line with its own titles: Tân Hương's are not Đức Đồng's
    assert "– xã Đức Đồng: chưa ghi nhận danh hiệu nào – xã Đức Lạng: chưa ghi nhận danh hiệu nào" in text
    assert "– xã Tân Hương: NTM nâng cao (2020)" in text
    assert "Danh hiệu: chưa có danh hiệu nào được ghi nhận" in text  # Tân Hương's titles are history
    old = cli("gap", "Duc", "Dong", "--as-of", "2024-09-30", "--data", str(REAL_DATA))
    assert old.code == 0 and "Hình thành" not in old.out
    assert "50,02" in old.out  # the old commune's 2023 income


def test_json_carries_code_dates_and_predecessors(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("gap", "Duc", "Dong", "--as-of", "2026-03-31", "--format", "json", "--data", str(REAL_DATA))
    unit = json.loads(run.out)["units"][0]["unit"]
    assert (unit["id"], unit["code"], unit["parent"], unit["valid_from"], unit["valid_to"]) == (
        "xa-duc-dong-18304",
        "18304",
        "ha-tinh",
        "2025-07-01",
        None,
    )
    assert [p["unit"] for p in unit["predecessors"]] == ["duc-dong", "duc-lang", "tan-huong"]
