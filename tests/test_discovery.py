"""Finding the data files: nothing skipped silently, nothing read from outside the data
directory, one diagnostic for a missing departments.yaml, duplicate unit ids named."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import INVALID, REAL_DATA, SYNTHETIC


def _copy(tmp_path: Path, source: Path = SYNTHETIC) -> Path:
    data = tmp_path / "data"
    shutil.copytree(source, data, symlinks=True)
    return data


def _found(cli, data: Path) -> tuple[int, list[tuple[str, int | None, str, str]]]:  # type: ignore[no-untyped-def]
    run = cli("validate", "--data", str(data), "--format", "json")
    doc = json.loads(run.out)
    return run.code, [(d["file"], d["line"], d["code"], d["severity"]) for d in doc["diagnostics"]]


def test_a_fifo_in_communes_is_named_and_never_opened(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    os.mkfifo(data / "communes" / "ong.yaml")  # opening it would block for ever
    code, found = _found(cli, data)
    assert code == 1 and ("data/communes/ong.yaml", None, "NTM009", "error") in found


def test_an_unreadable_folder_is_named(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    real_scandir = os.scandir

    def refuse(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "communes":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)  # the tests run as root, for whom chmod 000 is no bar
    run = cli("validate", "--data", str(data))
    assert run.code == 1
    assert "data/communes: lỗi[NTM009]: không mở được thư mục: không có quyền truy cập" in run.out


def test_district_yaml_that_is_a_directory(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    (data / "district.yaml").unlink()
    (data / "district.yaml").mkdir()
    code, found = _found(cli, data)
    assert code == 1 and ("data/district.yaml", None, "NTM009", "error") in found


def test_a_misnamed_district_file_is_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    (data / "district.yaml").rename(data / "District.yml")
    code, found = _found(cli, data)
    assert code == 1 and ("data/District.yml", None, "NTM009", "error") in found


def test_wrong_data_folder_is_one_diagnostic(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes.txt").write_text("không phải dữ liệu", encoding="utf-8")
    shutil.copytree(SYNTHETIC, tmp_path / "data")
    run = cli("validate", "--data", str(tmp_path), "--format", "json")
    doc = json.loads(run.out)
    assert run.code == 1 and [d["code"] for d in doc["diagnostics"]] == ["NTM009"]
    assert doc["diagnostics"][0]["file"] == str(tmp_path)
    assert f"--data {tmp_path / 'data'}" in doc["diagnostics"][0]["hint"]
    assert cli("status", "--data", str(tmp_path)).code == 1


def test_a_data_directory_without_units_says_so(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    shutil.rmtree(data / "communes")
    _, found = _found(cli, data)
    assert ("data/communes", None, "NTM009", "warning") in found


def test_missing_departments_is_one_diagnostic_naming_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path, REAL_DATA)
    (data / "departments.yaml").unlink()
    code, found = _found(cli, data)
    assert code == 1
    assert [f for f in found if f[3] == "error"] == [("data/departments.yaml", None, "NTM009", "error")]


def test_a_symlink_outside_the_data_directory_is_refused_and_never_echoed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: MẬT-KHẨU-123\nkind: xã\n", encoding="utf-8")
    (data / "communes" / "la.yaml").symlink_to(secret)
    (data / "criteria" / "la.yaml").symlink_to(secret)
    run = cli("validate", "--data", str(data))
    assert run.code == 1 and "MẬT-KHẨU-123" not in run.out + run.err
    assert "data/communes/la.yaml: lỗi[NTM009]: liên kết (symlink) dẫn ra ngoài" in run.out
    assert "data/criteria/la.yaml: lỗi[NTM009]" in run.out
    gap = cli("gap", "la", "--data", str(data))
    assert gap.code != 0 and "MẬT-KHẨU-123" not in gap.out + gap.err


def test_a_symlink_inside_the_data_directory_is_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    (data / "communes" / "hoa-an.yaml").rename(data / "hoa-an.yaml")
    (data / "communes" / "hoa-an.yaml").symlink_to(data / "hoa-an.yaml")
    code, found = _found(cli, data)
    assert code == 0, found


def test_the_layout_corpus_case_gives_one_diagnostic_per_entry(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("validate", "--data", str(INVALID / "layout-mistakes"))
    assert "Hòa Thắng" not in run.out  # the sub-folder's file is named as a folder, not read
    assert "trùng với tệp layout-mistakes/communes/hoa-an.yaml" in run.out
    assert "layout-mistakes/communes/hoa-an.yaml và layout-mistakes/communes/hoa-an.yml" in run.out


def test_gap_never_reads_a_unit_file_that_leads_outside(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: Bí Mật\nkind: xã\nregion: [MẬT-KHẨU-123\n", encoding="utf-8")  # a syntax error quotes it
    (data / "communes" / "bi-mat.yaml").symlink_to(secret)
    run = cli("gap", "Bi", "Mat", "--data", str(data))
    assert run.code != 0 and "MẬT-KHẨU-123" not in run.out + run.err


@pytest.mark.parametrize("mark", ["\u200b", "\u00ad", "\ufeff", "\u202e"])
def test_an_invisible_character_in_a_file_name_is_ntm007(cli, tmp_path: Path, mark: str) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    (data / "communes" / "hoa-an.yaml").rename(data / "communes" / f"hoa{mark}an.yaml")
    code, found = _found(cli, data)
    assert code == 1 and (f"data/communes/hoa{mark}an.yaml", None, "NTM007", "error") in found


@pytest.mark.parametrize("mark", ["\u200b", "\u2060", "\u00ad"])
def test_an_invisible_character_in_a_unit_name_is_ntm007(cli, tmp_path: Path, mark: str) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    unit = data / "communes" / "hoa-an.yaml"
    text = unit.read_text(encoding="utf-8")
    assert "name: Hòa An\n" in text
    unit.write_text(text.replace("name: Hòa An\n", f"name: Hòa{mark} An\n"), encoding="utf-8")
    code, found = _found(cli, data)
    assert code == 1 and [f[2] for f in found if f[3] == "error"] == ["NTM007"]


def test_hidden_files_and_folders_are_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _copy(tmp_path)
    (data / "communes" / ".x.yaml").write_text("name: Ẩn\n", encoding="utf-8")
    (data / "communes" / ".hoa-an.yaml.swp").write_bytes(b"\x00swap")
    (data / "criteria" / ".cu").mkdir()
    (data / "communes" / ".gitkeep").write_text("", encoding="utf-8")  # git's placeholder: nothing to name
    _, found = _found(cli, data)
    hidden = sorted((file, code, severity) for file, _, code, severity in found if "/." in file)
    assert hidden == [
        ("data/communes/.hoa-an.yaml.swp", "NTM009", "warning"),
        ("data/communes/.x.yaml", "NTM009", "warning"),
        ("data/criteria/.cu", "NTM009", "warning"),
    ]
    run = cli("validate", "--data", str(data))
    assert "Không có lỗi" not in run.out
    assert "data/communes/.x.yaml: cảnh báo[NTM009]: tệp ẩn (tên bắt đầu bằng dấu chấm) không được đọc" in run.out
    assert "gợi ý: Nếu đây là dữ liệu, đổi tên thành x.yaml." in run.out
    assert "thư mục ẩn" in run.out
