"""check.evidence.check_claims (NTM060): a summary count ("đạt 2/4 tiêu chí") against the
criteria the same source lists on the same date — more listed met than claimed, more listed
not met than the count leaves — each at its boundary, and only that source and that date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

SOURCE = 'source: {document: "Báo cáo số 7"}'


def commune(claim: str, met: list[str], not_met: list[str], extra: str = "") -> str:
    rows = [f'  - {{criterion: "{c}", met: true, as_of: 2023-12-31, {SOURCE}}}' for c in met]
    rows += [f'  - {{criterion: "{c}", met: false, as_of: 2023-12-31, {SOURCE}}}' for c in not_met]
    return (
        "# SYNTHETIC test data: a summary claim beside the criteria its source lists.\n"
        "name: Tân Lộc\nkind: xã\nregion: Bắc Trung Bộ\n"
        'target: {set: xa-nc, year: 2024, source: {document: "giả lập"}}\n'
        f"claims:\n  - {{{claim}, as_of: 2023-12-31, {SOURCE}}}\n"
        "observations:\n" + "\n".join(rows) + "\n" + extra
    )


@pytest.fixture
def claims(tmp_path: Path, cli):
    def run(text: str) -> list[str]:
        root = tmp_path / "data"
        if not root.exists():
            shutil.copytree(SYNTHETIC, root)
        (root / "communes" / "tan-loc.yaml").write_text(text, encoding="utf-8")
        out = cli("validate", "--data", str(root), "--format", "json")
        return [d["message"] for d in json.loads(out.out)["diagnostics"] if d["code"] == "NTM060"]

    return run


@pytest.mark.parametrize(
    ("claim", "met", "not_met", "expected"),
    [
        ("criteria_met: 1, total: 4", ["10", "11"], [], ["nguồn nêu đạt 1/4 tiêu chí nhưng liệt kê 2 tiêu chí đạt"]),
        ("criteria_met: 2, total: 4", ["10", "11"], [], []),  # as many listed as claimed
        (
            "criteria_met: 3, total: 4",
            [],
            ["10", "11"],
            ["nguồn nêu đạt 3/4 tiêu chí nhưng liệt kê 2 tiêu chí chưa đạt (3 + 2 > 4)"],
        ),
        ("criteria_met: 2, total: 4", [], ["10", "11"], []),  # exactly the two the count leaves
        ("criteria_met: 2, total: 4", ["10", "11"], ["17", "18"], []),  # a full list that agrees
        ("criteria_met: 4, total: 4", ["10", "11", "17", "18"], [], []),
        ("criteria_met: 0, total: 4", [], ["10", "11", "17", "18"], []),
        ("criteria_met: 0, total: 4", ["10"], [], ["nguồn nêu đạt 0/4 tiêu chí nhưng liệt kê 1 tiêu chí đạt"]),
    ],
)
def test_a_count_against_the_list_of_the_same_source(claims, claim, met, not_met, expected) -> None:
    assert claims(commune(claim, met, not_met)) == expected


def test_a_criterion_listed_twice_counts_once(claims) -> None:
    twice = f'  - {{criterion: "10", met: true, as_of: 2023-12-31, set: xa-nc, {SOURCE}}}\n'
    assert claims(commune("criteria_met: 1, total: 4", ["10"], [], twice)) == []


def test_another_source_or_another_date_is_not_the_claim_s_list(claims) -> None:
    other = (
        '  - {criterion: "11", met: true, as_of: 2023-12-31, source: {document: "Báo cáo khác"}}\n'
        f'  - {{criterion: "17", met: true, as_of: 2023-06-30, {SOURCE}}}\n'
    )
    assert claims(commune("criteria_met: 1, total: 4", ["10"], [], other)) == []


def test_a_count_of_another_set_s_size_is_flagged(claims) -> None:
    assert claims(commune("criteria_met: 2, total: 5", ["10"], [])) == [
        "nguồn nêu đạt 2/5 tiêu chí nhưng bộ 'xa-nc' có 4 tiêu chí: số liệu tóm tắt này không được dùng để đánh giá "
        "theo bộ đó"
    ]


def test_a_claim_with_only_a_complete_list_does_not_hide_the_next_claim(claims) -> None:
    text = commune("criteria_met: 1, total: 4", ["10", "11"], [])
    text = text.replace(
        "claims:\n", 'claims:\n  - {complete: not_met, as_of: 2023-06-30, source: {document: "Báo cáo khác"}}\n'
    )
    assert claims(text) == ["nguồn nêu đạt 1/4 tiêu chí nhưng liệt kê 2 tiêu chí đạt"]
