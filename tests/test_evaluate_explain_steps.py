"""The steps `explain` shows for each way a figure can be judged: a rate the source states
beside a count (at the boundary, both directions), a count without its total (zero
included), a result stated without a figure, a level against the level required."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

COMMUNE = """\
# SYNTHETIC test data: one indicator per way of stating a figure, one date per case.
name: Tân Lộc
kind: xã
region: Bắc Trung Bộ
target: {set: xa-nc, year: 2024, source: {document: "giả lập"}}
observations:
  - {indicator: "17.1", count: 243, stated_percent: 54, as_of: 2024-03-31, source: {document: "giả lập"}}
  - {indicator: "17.1", count: 242, stated_percent: 53.9, as_of: 2024-06-30, source: {document: "giả lập"}}
  - {indicator: "11", count: 9, stated_percent: 2, as_of: 2024-03-31, source: {document: "giả lập"}}
  - {indicator: "11", count: 10, stated_percent: 2.1, as_of: 2024-06-30, source: {document: "giả lập"}}
  - {indicator: "11", count: 0, as_of: 2024-09-30, source: {document: "giả lập"}}
  - {indicator: "11", count: 5, as_of: 2024-12-31, source: {document: "giả lập"}}
  - {indicator: "10", met: false, as_of: 2024-03-31, source: {document: "Biên bản kiểm tra"}}
  - {indicator: "10", met: true, as_of: 2024-06-30, source: {document: "Biên bản kiểm tra"}}
  - {indicator: "18.2", level: "mức độ 1", as_of: 2024-03-31, source: {document: "giả lập"}}
  - {indicator: "18.2", level: "mức độ 2", as_of: 2024-06-30, source: {document: "giả lập"}}
  - {indicator: "18.2", value: 2, as_of: 2024-09-30, source: {document: "giả lập"}}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("explain") / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "communes" / "tan-loc.yaml").write_text(COMMUNE, encoding="utf-8")
    return root


def explain(cli, data: Path, code: str, as_of: str) -> list[str]:
    run = cli("explain", "tan-loc", code, "--data", str(data), "--as-of", as_of)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    return [line.strip() for line in lines[lines.index("Cách tính:") + 1 :]]


@pytest.mark.parametrize(
    ("code", "as_of", "step", "result"),
    [
        (
            "17.1",
            "2024-03-31",
            "3. 243 ÷ 54% = 450 (tổng số suy ra từ tỷ lệ nguồn nêu); cần ≥ 54% × 450 = 243 → tối thiểu 243; "
            "còn thiếu 0",
            "Kết quả: đạt",
        ),
        ("17.1", "2024-06-30", "4. kết luận: chưa đạt", "Kết quả: chưa đạt"),
        (
            "11",
            "2024-03-31",
            "3. 9 ÷ 2% = 450 (tổng số suy ra từ tỷ lệ nguồn nêu); cho phép ≤ 2% × 450 = 9 → tối đa 9; cần giảm 0",
            "Kết quả: đạt",
        ),
        ("11", "2024-06-30", "4. kết luận: chưa đạt", "Kết quả: chưa đạt"),
        (
            "11",
            "2024-09-30",
            "3. nguồn chỉ nêu số lượng (0), không có tổng số nên chưa tính được tỷ lệ",
            "Kết quả: chưa đánh giá",
        ),
        (
            "11",
            "2024-12-31",
            "3. nguồn chỉ nêu số lượng (5), không có tổng số nên chưa tính được tỷ lệ",
            "Kết quả: chưa đánh giá",
        ),
        ("10", "2024-03-31", "3. nguồn nêu: chưa đạt (không kèm số liệu)", "Kết quả: chưa đạt"),
        ("10", "2024-06-30", "3. nguồn nêu: đạt (không kèm số liệu)", "Kết quả: đạt"),
        ("18.2", "2024-03-31", "3. mức hiện tại 'mức độ 1', yêu cầu tối thiểu 'mức độ 2'", "Kết quả: chưa đạt"),
        ("18.2", "2024-06-30", "4. kết luận: đạt", "Kết quả: đạt"),
    ],
)
def test_each_way_of_judging_a_figure_is_explained(cli, data: Path, code: str, as_of: str, step: str, result: str):
    lines = explain(cli, data, code, as_of)
    assert step in lines
    assert any(line.startswith(result) for line in lines)


def test_a_level_reached_says_so_step_by_step(cli, data: Path) -> None:
    lines = explain(cli, data, "18.2", "2024-06-30")
    assert "3. mức hiện tại 'mức độ 2', yêu cầu tối thiểu 'mức độ 2'" in lines


def test_a_yes_no_indicator_without_a_written_threshold_is_expected_met(cli, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    sets = root / "criteria" / "xa-nc.yaml"
    text = sets.read_text(encoding="utf-8")
    written = '        thresholds:\n          - {expect: true, source: {document: "giả lập"}, verified: true}\n'
    at = text.index("Xử lý rác thải đạt yêu cầu")
    sets.write_text(text[:at] + text[at:].replace(written, "", 1), encoding="utf-8")
    (root / "communes" / "tan-loc.yaml").write_text(COMMUNE, encoding="utf-8")
    run = cli("explain", "tan-loc", "17.2", "--data", str(root), "--as-of", "2024-09-30")
    assert run.code == 0, run.err
    assert "  1. yêu cầu mặc định của chỉ tiêu có/không: đạt" in run.out.splitlines()


def test_a_figure_without_a_level_for_a_level_indicator_is_not_assessed(cli, data: Path) -> None:
    assert explain(cli, data, "18.2", "2024-09-30")[-3:] == [
        "1. ngưỡng áp dụng (mọi vùng): nguồn giả lập — đã đối chiếu",
        "2. số liệu dùng: ngày 30/09/2024, nguồn giả lập",
        "Kết quả: chưa đánh giá",
    ]
    run = cli("gap", "tan-loc", "--data", str(data), "--as-of", "2024-09-30", "--format", "json")
    unit = json.loads(run.out)["units"][0]
    level = next(i for c in unit["by_criterion"] for i in c["indicators"] if i["indicator"] == "18.2")
    assert (level["status"], level["reason"]) == ("chưa đánh giá", "số liệu không ghi mức")
