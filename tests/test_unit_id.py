"""A unit's id is given to validation (written `id:`, else the file's name), so `Unit.id` is
a required `str` and no copy after loading fills it in."""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ntm_plan.model import District, Unit
from ntm_plan.model.fit import fit
from ntm_plan.model.unit import named
from ntm_plan.pipeline.load import load
from ntm_plan.pipeline.read_files import read_unit
from ntm_plan.read.reader import read_yaml

UNIT = "name: Thử\nkind: xã\nregion: Bắc Trung Bộ\n".encode()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    return root


def test_the_id_field_is_a_required_str() -> None:
    for model in (Unit, District):
        field = model.model_fields["id"]
        assert field.is_required()  # fails if the id went back to optional and filled in later
        assert field.annotation is str
        assert typing.get_type_hints(model)["id"] is str


def test_a_unit_without_id_is_refused_unless_validation_is_given_one() -> None:
    doc, _ = read_yaml(UNIT)
    assert doc is not None
    unit, diags = fit(Unit, doc, "x.yaml")
    assert unit is None and [(d.code, d.message) for d in diags] == [("NTM010", "thiếu trường bắt buộc 'id'")]
    unit, diags = fit(Unit, doc, "x.yaml", context=named("thu"))
    assert unit is not None and unit.id == "thu" and not diags


def test_loaded_units_are_named_by_their_files(data: Path) -> None:
    dataset, _ = load(data)
    stems = {p.stem for p in (data / "communes").glob("*.yaml")}
    assert {u.id for u in dataset.units} == stems
    for unit in dataset.units:
        assert dataset.files[f"unit:{unit.id}"].name.endswith(f"communes/{unit.id}.yaml")
    assert dataset.district is not None and dataset.district.id == "huyen-hoa-binh"  # written in district.yaml


def test_a_written_id_beats_the_file_name_and_an_empty_one_does_not(data: Path) -> None:
    path = data / "communes" / "hoa-an.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("id: xa-hoa-an\n" + text, encoding="utf-8")
    unit, _, diags = read_unit(path, data)
    assert unit is not None and unit.id == "xa-hoa-an" and not [d for d in diags if d.is_error]
    path.write_text("id:\n" + text, encoding="utf-8")
    unit, _, diags = read_unit(path, data)
    assert unit is not None and unit.id == "hoa-an" and not [d for d in diags if d.is_error]


def test_the_district_without_id_is_huyen(data: Path) -> None:
    path = data / "district.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: huyen-hoa-binh\n", ""), encoding="utf-8")
    dataset, _ = load(data)
    assert dataset.district is not None and dataset.district.id == "huyen"


def test_a_file_name_unfit_for_an_id_is_read_and_reported_as_a_name(data: Path) -> None:
    odd = data / "communes" / "Hoa An.yaml"
    (data / "communes" / "hoa-an.yaml").rename(odd)
    unit, _, _ = read_unit(odd, data)
    assert unit is not None and unit.id == "Hoa An"
    dataset, diags = load(data)
    [diag] = [d for d in diags if d.code == "NTM013"]
    assert (diag.file, diag.line, diag.message) == (
        "data/communes/Hoa An.yaml",
        1,
        "tên tệp 'Hoa An.yaml' không dùng được làm mã đơn vị",
    )
    assert "Hoa An" in {u.id for u in dataset.units}


def test_a_written_id_unfit_for_an_id_is_a_shape_error_at_its_line(data: Path) -> None:
    path = data / "communes" / "hoa-an.yaml"
    path.write_text("id: Hoa An\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    unit, _, diags = read_unit(path, data)
    assert unit is None
    [diag] = diags
    assert (diag.code, diag.line, diag.message) == (
        "NTM013",
        1,
        "'Hoa An' không đúng dạng mã (chữ thường không dấu, số, '-')",
    )
