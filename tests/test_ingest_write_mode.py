"""ingest.apply.write_all through `import`: the data file written keeps its permission bits
(an office's shared folder may give the group write access; the file must not turn private)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, fill


@pytest.mark.parametrize("mode", [0o664, 0o755, 0o600])
def test_an_imported_file_keeps_its_mode(tmp_path: Path, cli, mode: int) -> None:
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    target = data / "communes" / "hoa-an.yaml"
    target.chmod(mode)
    assert cli("form", "--quarter", "2024-Q4", "--unit", "hoa-an", "-o", str(tmp_path), "--data", str(data)).code == 0
    form = tmp_path / "hoa-an-2024-Q4.xlsx"
    fill(form, INDICATORS, "#10", value=56)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert "value: 56" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert not list(target.parent.glob(".hoa-an.yaml.*.tmp"))  # no temporary file left behind
