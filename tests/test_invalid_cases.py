"""Each case under tests/data/invalid/ gives exactly the diagnostics its expected.txt lists."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import INVALID

WARNING_CODES = {"NTM025", "NTM026", "NTM027", "NTM031", "NTM035", "NTM060", "NTM061", "NTM063", "NTM064", "NTM065"}
"""Codes that are warnings: a case expecting only these is accepted (exit 0)."""


def expected(case: Path) -> Counter[tuple[str, int | None, str]]:
    """One row per expected diagnostic; a case with only comments is accepted data."""
    rows: Counter[tuple[str, int | None, str]] = Counter()
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, code = line.split()
        file, _, number = where.partition(":")
        rows[(file, int(number) if number else None, code)] += 1
    return rows


CASES = sorted(p for p in INVALID.iterdir() if (p / "expected.txt").is_file())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gives_its_expected_diagnostics(case: Path, cli) -> None:
    run = cli("validate", "--data", str(case), "--format", "json")
    doc = json.loads(run.out)
    prefix = case.name + "/"
    got = Counter((d["file"].removeprefix(prefix), d["line"], d["code"]) for d in doc["diagnostics"])
    # exactly one diagnostic per planted mistake: no echoes, nothing missing, right lines
    assert sorted(got.elements(), key=str) == sorted(expected(case).elements(), key=str)
    wants_error = any(code not in WARNING_CODES for _, _, code in expected(case))
    assert run.code == (1 if wants_error else 0)
    assert "Traceback" not in run.err


def test_text_output_names_file_line_and_vietnamese_message(cli) -> None:
    run = cli("validate", "--data", str(INVALID / "several-mistakes"))
    assert run.code == 1
    assert (
        "several-mistakes/communes/hoa-an.yaml:25:5: lỗi[NTM022]: phòng ban 'phong-khong-co' không tồn tại" in run.out
    )
    assert "several-mistakes/communes/binh-minh.yaml:5:1: lỗi[NTM003]: khóa 'region' bị lặp" in run.out
    assert run.out.rstrip().endswith("6 lỗi, 1 cảnh báo trong 5 tệp")


def test_github_format_prints_annotations_relative_to_the_current_directory(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID.parents[2])
    run = cli("validate", "--data", str(INVALID / "several-mistakes"), "--format", "github")
    lines = [line for line in run.out.splitlines() if line.startswith("::")]
    assert len(lines) == 7
    assert any(
        line.startswith("::error file=tests/data/invalid/several-mistakes/district.yaml,line=9,col=62,title=NTM005::")
        for line in lines
    )
    assert any(line.startswith("::warning ") for line in lines)


def test_strict_turns_warnings_into_failure(cli) -> None:
    from conftest import SYNTHETIC

    assert cli("validate", "--data", str(SYNTHETIC)).code == 0
    assert cli("validate", "--data", str(SYNTHETIC), "--strict").code == 1


ELSEWHERE = {
    "NTM031": "observation after --as-of: a warning of gap/status, tested with the evaluator",
    "NTM040": "template error: the documents tests",
    "NTM041": "unwritable output: the documents tests",
    "NTM046": "a quarter nobody reported on: tests/test_report_quarter.py",
    **dict.fromkeys(
        ("NTM050", "NTM051", "NTM052", "NTM053", "NTM054", "NTM055", "NTM056", "NTM057", "NTM058"),
        "filled Excel forms: tests/test_ingest*.py",
    ),
}


def test_every_diagnostic_code_is_produced_by_some_case() -> None:
    from ntm_plan.diagnostics import CODES

    produced = {code for case in CASES for _, _, code in expected(case)}
    assert produced <= set(CODES), "an expected.txt names a code that does not exist"
    assert set(CODES) - set(ELSEWHERE) - produced == set()
