"""Output paths: only a regular file or a new name outside the data and the templates is
written; every refusal is NTM041 with the target and the data directory byte-identical."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from pathlib import Path

import pytest

from conftest import REAL_DATA, SYNTHETIC
from docx_helpers import TEMPLATES


def snapshot(*roots: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under the roots: its type and its bytes (or link target)."""
    seen: dict[str, tuple[int, bytes | str]] = {}
    for root in roots:
        for path in sorted([root, *root.rglob("*")]):
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                seen[str(path)] = (stat.S_IFMT(mode), str(path.readlink()))
            elif stat.S_ISREG(mode):
                seen[str(path)] = (stat.S_IFMT(mode), path.read_bytes())
            else:
                seen[str(path)] = (stat.S_IFMT(mode), "")
    return seen


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(SYNTHETIC, copy)
    return copy


def _plan(cli, data: Path, out: Path | str, *extra: str):  # type: ignore[no-untyped-def]
    return cli("plan", "--year", "2024", "--data", str(data), "-o", str(out), *extra)


def _refused(run, *, target: str) -> None:  # type: ignore[no-untyped-def]
    assert run.code == 1, run.err
    assert "NTM041" in run.err and target in run.err
    assert "Traceback" not in run.err and "Đã ghi" not in run.out


def test_output_onto_the_data_directorys_district_yaml_is_refused(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(REAL_DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    run = cli("plan", "--year", "2024", "-o", "data/district.yaml")
    _refused(run, target="data/district.yaml")
    assert "thư mục dữ liệu" in run.err
    report = cli("report", "--quarter", "2024-Q3", "--draft", "-o", "data/communes/moi.docx")
    _refused(report, target="data/communes/moi.docx")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["directory", "fifo", "socket", "symlink", "symlink-to-data"])
def test_special_targets_are_refused_and_left_as_they_were(cli, data: Path, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "ke-hoach.docx"
    target.parent.mkdir()
    keep = None
    if kind == "directory":
        target.mkdir()
        (target / "inside.txt").write_text("giữ nguyên", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        keep = socket.socket(socket.AF_UNIX)
        keep.bind(str(target))
    elif kind == "symlink":
        (tmp_path / "out" / "real.docx").write_bytes(b"signed version")
        target.symlink_to("real.docx")
    else:
        target.symlink_to(data / "district.yaml")
    before = snapshot(tmp_path)
    run = _plan(cli, data, target)
    _refused(run, target=str(target))
    if keep is not None:
        keep.close()
    assert snapshot(tmp_path) == before


def test_a_device_is_refused(cli, data: Path) -> None:  # type: ignore[no-untyped-def]
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    run = _plan(cli, data, "/dev/null")
    _refused(run, target="/dev/null")
    assert "thiết bị" in run.err
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_force_writes_through_a_symlink_to_a_regular_file(cli, data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    assert _plan(cli, data, link, "--force").code == 0
    assert link.is_symlink() and real.read_bytes()[:2] == b"PK"


def test_force_never_writes_into_the_data_directory(cli, data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    link = tmp_path / "link.docx"
    link.symlink_to(data / "departments.yaml")
    before = snapshot(data)
    _refused(_plan(cli, data, link, "--force"), target=str(link))
    assert snapshot(data) == before


def test_the_template_in_use_is_never_overwritten(cli, data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "mau.docx"
    shutil.copy(TEMPLATES / "ke-hoach.docx", template)
    before = snapshot(tmp_path)
    run = _plan(cli, data, template, "--template", str(template))
    _refused(run, target=str(template))
    assert "mẫu văn bản đang dùng" in run.err
    assert snapshot(tmp_path) == before
    packaged = TEMPLATES / "bao-cao.docx"
    original = packaged.read_bytes()
    _refused(
        cli("report", "--quarter", "2024-Q3", "--draft", "--data", str(data), "-o", str(packaged)), target=str(packaged)
    )
    assert packaged.read_bytes() == original


def test_a_new_name_and_a_regular_file_are_written(cli, data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "cu.docx"
    old.write_bytes(b"old")
    assert _plan(cli, data, old).code == 0 and old.read_bytes()[:2] == b"PK"
    longest = tmp_path / ("k" * 250 + ".docx")  # 255 bytes: the temporary name must be shorter
    run = _plan(cli, data, longest)
    assert run.code == 0, run.err
    assert longest.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["cu.docx", longest.name, "data"])


def test_schema_goes_through_the_same_refusals(
    cli, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NTM_PLAN_DATA", raising=False)
    (tmp_path / "link").symlink_to(data)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    before = snapshot(tmp_path)
    for target in ("data", "data/criteria", "link", "a-file"):
        _refused(cli("schema", "-o", target), target=target)
    assert snapshot(tmp_path) == before
    written = cli("schema", "-o", "schema")
    assert written.code == 0 and (tmp_path / "schema" / "unit.schema.json").is_file()
    (tmp_path / "schema" / "unit.schema.json").unlink()
    os.mkfifo(tmp_path / "schema" / "unit.schema.json")
    _refused(cli("schema", "-o", "schema"), target="unit.schema.json")


def test_form_offers_the_force_its_refusal_names(cli, data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The refusal of a symlinked folder says "thêm --force": `form` must have it."""
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "bieu"
    link.symlink_to(real)
    form = ("form", "--quarter", "2024-Q3", "--unit", "Binh Minh", "--data", str(data), "-o", str(link))
    refused = cli(*form)
    _refused(refused, target=str(link))
    assert "--force" in refused.err
    run = cli(*form, "--force")
    assert run.code == 0, run.err
    assert link.is_symlink() and [p.suffix for p in real.iterdir()] == [".xlsx"]
