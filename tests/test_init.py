"""`ntm-plan init`: a data directory for a province from the national list shipped in the package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_plan.national import communes, edges, find_province, provinces
from ntm_plan.pipeline.load import load


def test_ha_tinh_gives_its_69_units_that_validate(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "ha-tinh"
    run = cli("init", str(root), "--province", "Ha Tinh")
    assert run.code == 0, run.err
    assert "tỉnh Hà Tĩnh, 69 đơn vị cấp xã" in run.out
    assert len(list((root / "communes").glob("*.yaml"))) == 69
    check = cli("validate", "--data", str(root), "--format", "json")
    assert check.code == 0, check.out
    assert json.loads(check.out)["diagnostics"] == []
    data, _ = load(root)
    assert [p.id for p in data.provinces] == ["ha-tinh"] and len(data.units) == 69
    new = next(u for u in data.units if u.id == "xa-duc-dong-18304")
    assert (new.name, new.kind, new.code, new.parent, str(new.valid_from)) == (
        "Đức Đồng",
        "xã",
        "18304",
        "ha-tinh",
        "2025-07-01",
    )
    assert [(p.code, p.name, p.merge) for p in new.predecessors] == [
        ("18304", "xã Đức Đồng", "whole"),
        ("18307", "xã Đức Lạng", "whole"),
        ("18310", "xã Tân Hương", "whole"),
    ]
    assert all("19/2025/QĐ-TTg" in p.source.document for p in new.predecessors)
    # Đại Nài (18082) was split between two new wards: a partial predecessor of each
    split = [u for u in data.units for p in u.predecessors if p.code == "18082"]
    assert len(split) == 2 and all(p.merge == "partial" for u in split for p in u.predecessors if p.code == "18082")
    assert {u.kind for u in data.units} == {"xã", "phường"}


@pytest.mark.parametrize("name", ["Ha Tinh", "HA TINH", "hà tĩnh", "Tỉnh Hà Tĩnh", "tinh ha tinh", "42", " Hà  Tĩnh "])
def test_a_province_is_found_without_accents_case_or_kind(name: str) -> None:
    found = find_province(name)
    assert found is not None and found.code == "42"


def test_a_city_is_found_by_its_name() -> None:
    found = find_province("thanh pho ho chi minh")
    assert found is not None and (found.kind, found.name) == ("thành phố", "Hồ Chí Minh")
    assert find_province("Ha Giang") is None  # merged into Tuyên Quang on 01/7/2025


def test_an_unknown_province_is_a_usage_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("init", str(tmp_path / "x"), "--province", "Ha Giang")
    assert run.code == 2 and "không có tỉnh, thành phố 'Ha Giang'" in run.err and "Tuyên Quang" in run.err
    assert not (tmp_path / "x").exists()


def test_a_directory_with_files_is_refused_without_force(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    kept = tmp_path / "notes.txt"
    kept.write_text("của văn phòng", encoding="utf-8")
    run = cli("init", str(tmp_path), "--province", "Ha Tinh")
    assert run.code == 1 and "NTM041" in run.err and "--force" in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing written
    forced = cli("init", str(tmp_path), "--province", "Ha Tinh", "--force")
    assert forced.code == 0 and kept.read_text(encoding="utf-8") == "của văn phòng"
    assert len(list((tmp_path / "communes").glob("*.yaml"))) == 69


def test_an_empty_directory_is_fine(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", str(tmp_path), "--province", "Hue").code == 0


def test_the_shipped_list_has_the_whole_country() -> None:
    assert len(provinces()) == 34 and len(communes()) == 3321
    assert len({u.code for u in communes()}) == 3321
    assert sum(len(e) for e in edges().values()) == 10571
    assert len({e.old_code for found in edges().values() for e in found}) == 10039  # 10.033 communes, 6 districts


@pytest.mark.slow
def test_every_province_gives_3321_units_that_validate(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "vn"
    run = cli("init", str(root), "--all-provinces")
    assert run.code == 0 and "3.321 đơn vị cấp xã" in run.out
    assert len(list((root / "communes").glob("*.yaml"))) == 3321
    assert len(list((root / "provinces").glob("*.yaml"))) == 34
    check = cli("validate", "--data", str(root), "--format", "json")
    assert check.code == 0 and json.loads(check.out)["diagnostics"] == []
