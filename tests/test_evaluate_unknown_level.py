"""A level the indicator does not list is a data mistake validate names (NTM013); every
command refuses it with that diagnostic rather than an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

WRONG = '  - {indicator: "18.2", level: "mức độ 9", as_of: 2024-08-15, source: {document: "giả lập"}}\n'


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    path = root / "communes" / "hoa-an.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("targets:\n", WRONG + "targets:\n"), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "command",
    [("status",), ("gap", "hoa-an"), ("explain", "hoa-an", "18.2"), ("validate",)],
    ids=lambda c: c[0],
)
def test_every_command_names_the_unknown_level(cli, data: Path, command: tuple[str, ...]) -> None:
    run = cli(*command, "--data", str(data), *(() if command[0] == "validate" else ("--as-of", "2024-09-30")))
    assert run.code == 1
    text = run.out + run.err
    assert "lỗi[NTM013]: mức 'mức độ 9' không có trong chỉ tiêu 18.2" in text
    assert "Lỗi nội bộ" not in text and "Traceback" not in text
