"""Every number the reader accepts is bounded on both sides (digits and exponent); explicit
tags that do not fit their text are NTM012 with the YAML 1.2 reading."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ntm_plan.read.reader import read_yaml

PLACES = {
    # place: (file, line, text replaced on that line)
    "observation": ("communes/hoa-an.yaml", 10, "value: 50.02"),
    "target": ("communes/hoa-an.yaml", 18, "value: 55"),
    "threshold": ("criteria/xa-nc.yaml", 17, "value: 50"),
    "derived factor": ("criteria/xa-km.yaml", 18, "factor: 1.1"),
}
VALUES = {
    "5.002e-999999999": "5.002e-999999999",
    "1e-400": "1e-400",
    "200.000 digits": "7" * 200_000,
    "200.000 decimals": "0." + "3" * 200_000,
    "1e15": "1e15",
}


@pytest.mark.slow
@pytest.mark.parametrize("value", sorted(VALUES))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_number_out_of_bounds_is_ntm013_at_its_line(cli, tmp_path: Path, place: str, value: str) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    file, line, old = PLACES[place]
    path = data / file
    lines = path.read_text(encoding="utf-8").split("\n")
    key = old.split(":")[0]
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, f"{key}: {VALUES[value]}")
    path.write_text("\n".join(lines), encoding="utf-8")
    run = cli("validate", "--data", str(data), "--format", "json")
    found = [(d["file"], d["line"], d["code"]) for d in json.loads(run.out)["diagnostics"] if d["severity"] == "error"]
    assert found == [(f"data/{file}", line, "NTM013")]
    assert run.code == 1
    for command in (["gap", "Hoa An"], ["status"], ["plan", "--year", "2024", "-o", str(tmp_path / "x.docx")]):
        refused = cli(*command, "--data", str(data))
        assert refused.code == 1 and "NTM013" in refused.err, refused.err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.0e-15", Decimal("1.0e-15")),  # the smallest accepted magnitude
        ("-1.0e-15", Decimal("-1.0e-15")),
        ("999999999999999.5", Decimal("999999999999999.5")),  # 15 integer digits
        ("0.000", Decimal("0.000")),
        ("1.0e14", Decimal("1.0e14")),
        ("0.123456789012345678901234567890", Decimal("0.123456789012345678901234567890")),  # 30 digits
        ("999999999999999", 999999999999999),
        ("-999999999999999", -999999999999999),
    ],
)
def test_numbers_at_the_bounds_are_accepted(text: str, expected: object) -> None:
    doc, diags = read_yaml(f"x: {text}\n".encode())
    assert diags == [] and doc is not None and doc.data["x"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "9.9e-16",
        "-9.9e-16",
        "1000000000000000.5",
        "-1000000000000000.5",
        "1e15",
        "0.1234567890123456789012345678901",
        "0e-999999999",
        "1000000000000000",
        "-1000000000000000",
        "1e3999999999999999999999999999999",  # past decimal's own exponent range: no InvalidOperation
    ],
)
def test_numbers_past_the_bounds_are_ntm013(text: str) -> None:
    doc, diags = read_yaml(f"x: {text}\n".encode())
    assert [(d.code, d.line) for d in diags] == [("NTM013", 1)]
    assert doc is not None and doc.data["x"] is None


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("!!int 0x1F", "số nguyên 31 viết ở hệ 16"),
        ("!!int 0o17", "số nguyên 15 viết ở hệ 8"),
        ("!!float abc", "chuỗi chữ 'abc'"),
        ("!!float .inf", "số vô hạn hoặc NaN"),
        ("!!bool yes", "chuỗi chữ 'yes'"),
        ("!!bool 1", "số nguyên 1"),
        ("!!int 1.5", "một số"),
        ("!!null x", "chuỗi chữ 'x'"),
        ("!!timestamp 2024-13", "chuỗi chữ '2024-13'"),
    ],
)
def test_explicit_tag_that_does_not_fit_is_ntm012_with_the_yaml_12_reading(text: str, reading: str) -> None:
    doc, diags = read_yaml(f"x: {text}\n".encode())
    assert [(d.code, d.line) for d in diags] == [("NTM012", 1)]
    assert f"theo YAML 1.2 đây là {reading}" in diags[0].message
    assert doc is not None and doc.data["x"] is None


@pytest.mark.parametrize(("text", "value"), [("!!int 12", 12), ("!!float 5", Decimal(5)), ("!!bool true", True)])
def test_explicit_tag_that_fits_is_read(text: str, value: object) -> None:
    doc, diags = read_yaml(f"x: {text}\n".encode())
    assert diags == [] and doc is not None and doc.data["x"] == value


def test_explicit_tags_in_a_unit_never_exit_3(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    path = data / "communes" / "hoa-an.yaml"
    text = path.read_text(encoding="utf-8").replace("value: 50.02", "value: !!float abc")
    path.write_text(text, encoding="utf-8")
    run = cli("validate", "--data", str(data))
    assert run.code == 1 and "NTM012" in run.out and "Lỗi nội bộ" not in run.err
