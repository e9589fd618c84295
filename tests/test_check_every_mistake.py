"""The checks on a case with several mistakes in every list (tests/data/invalid/
every-mistake-reported): each diagnostic at its line, column and key path, with its words
and numbers — what a user reads to find and fix each mistake."""

from __future__ import annotations

import json

from conftest import INVALID

CASE = INVALID / "every-mistake-reported"


def test_every_diagnostic_names_its_place_and_its_figures(cli) -> None:
    run = cli("validate", "--data", str(CASE), "--format", "json")
    got = [
        f"{d['file'].removeprefix(CASE.name + '/')}:{d['line']}:{d['col']} {d['code']} {d['path'] or '-'}"
        f" | {d['message']}"
        for d in json.loads(run.out)["diagnostics"]
    ]
    wanted = [
        line
        for line in (CASE / "messages.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert sorted(got) == sorted(wanted)
    assert run.code == 1
