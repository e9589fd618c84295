"""Text from the data reaches the terminal exactly as written: rich must not read "[b]",
"[/x]" or ":smile:" in a task's text as markup or an emoji code (before, "[/x]" stopped
`gap` and `tasks` with an internal error, and "[b]…[/b]" lost its brackets)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

WRITTEN = "Xây dựng [b]thôn[/b] :smile: [/x] thông minh"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    commune = root / "communes" / "binh-minh.yaml"
    text = commune.read_text(encoding="utf-8")
    assert "    text: Xây dựng thôn thông minh\n" in text
    text = text.replace("    text: Xây dựng thôn thông minh\n", f'    text: "{WRITTEN}"\n')
    commune.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "command", [("gap", "Binh", "Minh"), ("tasks",), ("tasks", "--unit", "Binh Minh"), ("tasks", "--overdue")]
)
def test_bracketed_and_colon_words_are_printed_as_written(cli, data: Path, command: tuple[str, ...]) -> None:
    run = cli(*command, "--data", str(data), "--as-of", "2024-09-30")
    assert run.code == 0, run.err
    assert WRITTEN in run.out
    assert "😄" not in run.out
