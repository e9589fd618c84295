"""Thresholds a province's override brings in are checked against the base indicator as
the base's own are: a diagnostic at the override's line, never an internal error later."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

OVERRIDES = {
    "level the indicator does not have": ('"18.2"', "{level: mức độ 9, source: {document: giả lập}, verified: false}"),
    "expect on a numeric indicator": ('"17.1"', "{expect: true, source: {document: giả lập}, verified: false}"),
    "value on a boolean indicator": ('"17.2"', "{value: 90, source: {document: giả lập}, verified: false}"),
    "level on a numeric indicator": ('"17.1"', "{level: mức độ 1, source: {document: giả lập}, verified: false}"),
}


@pytest.mark.parametrize("case", sorted(OVERRIDES))
def test_an_override_threshold_unfit_for_its_indicator_is_a_diagnostic_at_its_line(
    cli, tmp_path: Path, case: str
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    path = data / "criteria" / "tinh-xa-nc.yaml"
    indicator, threshold = OVERRIDES[case]
    text = path.read_text(encoding="utf-8") + f"  - indicator: {indicator}\n    thresholds:\n      - {threshold}\n"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n")
    run = cli("validate", "--data", str(data), "--format", "json")
    errors = [(d["file"], d["line"], d["code"]) for d in json.loads(run.out)["diagnostics"] if d["severity"] == "error"]
    assert errors == [("data/criteria/tinh-xa-nc.yaml", line, "NTM013")]
    for command in (["gap", "Hoa An", "--as-of", "2024-06-30"], ["status"], ["explain", "Hoa", "An", "18.2"]):
        refused = cli(*command, "--data", str(data))
        assert refused.code == 1 and "NTM013" in refused.err, (command, refused.err)


def test_a_fit_override_still_applies(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "Hoa", "An", "17.1", "--data", str(SYNTHETIC), "--as-of", "2024-06-30")
    assert run.code == 0 and "90" in run.out
