"""A clean data file is parsed once: the checks ask for a key's position only to place a
diagnostic (`SourceFile.at` parses the file again), so clean progress entries cost no
second parse."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SYNTHETIC
from ntm_plan.pipeline import read_files
from ntm_plan.pipeline.read_files import load_reference
from ntm_plan.pipeline.stages import check_unit
from ntm_plan.read import reader


def test_a_clean_unit_with_progress_entries_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SYNTHETIC / "communes" / "hoa-an.yaml"
    assert "progress:" in path.read_text(encoding="utf-8")
    reference = load_reference(SYNTHETIC).dataset
    parsed: list[bytes] = []
    real = reader.read_yaml

    def counted(raw: bytes) -> Any:
        parsed.append(raw)
        return real(raw)

    monkeypatch.setattr(reader, "read_yaml", counted)  # what SourceFile.at reads positions with
    monkeypatch.setattr(read_files, "read_yaml", counted)
    checked = check_unit(reference, path)
    assert checked.unit is not None and any(t.progress for t in checked.unit.tasks)
    assert checked.diagnostics == []
    assert len(parsed) == 1
