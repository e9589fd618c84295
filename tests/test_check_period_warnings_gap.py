"""check.evidence period warnings: `gap --set` says when the evaluation day and the
observations fall outside the chosen set's period (the period's first and last day count
as inside; an observation after the evaluation day is only a later one), and `status`
names every set whose period misses the day, once each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

EXTRA = """\
  - {indicator: "10", value: 40, as_of: 2020-12-31, source: {document: "giả lập"}}
  - {indicator: "11", value: 3, as_of: 2021-01-01, source: {document: "giả lập"}}
  - {indicator: "17.1", value: 60, as_of: 2026-01-01, source: {document: "giả lập"}}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("periods") / "data"
    shutil.copytree(SYNTHETIC, root)
    path = root / "communes" / "hoa-an.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("targets:\n", EXTRA + "targets:\n"), encoding="utf-8")
    return root


def warnings(cli, data: Path, *args: str) -> list[str]:
    run = cli("gap", "hoa-an", "--data", str(data), *args)
    assert run.code == 0, run.err
    return [line.split(": ", 1)[1] for line in run.err.splitlines() if "cảnh báo[" in line]


def test_on_the_period_s_last_day_only_the_observation_before_the_period_is_left_out(cli, data: Path) -> None:
    assert warnings(cli, data, "--set", "xa-nc", "--as-of", "2025-12-31") == [
        "cảnh báo[NTM031]: số liệu chỉ tiêu 17.1 ngày 01/01/2026 ghi sau ngày đánh giá 31/12/2025 nên không được dùng",
        "cảnh báo[NTM064]: số liệu chỉ tiêu 10 ngày 31/12/2020 nằm ngoài giai đoạn 2021-2025 của bộ 'xa-nc' "
        "nên không được dùng",
    ]


def test_the_day_after_the_period_the_evaluation_day_is_outside_too(cli, data: Path) -> None:
    assert warnings(cli, data, "--set", "xa-nc", "--as-of", "2026-01-01") == [
        "cảnh báo[NTM064]: ngày đánh giá 01/01/2026 nằm ngoài giai đoạn 2021-2025 của bộ 'xa-nc'",
        "cảnh báo[NTM064]: số liệu chỉ tiêu 10 ngày 31/12/2020 nằm ngoài giai đoạn 2021-2025 của bộ 'xa-nc' "
        "nên không được dùng",
        "cảnh báo[NTM064]: số liệu chỉ tiêu 17.1 ngày 01/01/2026 nằm ngoài giai đoạn 2021-2025 của bộ 'xa-nc' "
        "nên không được dùng",
    ]


def test_on_the_period_s_first_day_nothing_is_outside(cli, data: Path) -> None:
    got = warnings(cli, data, "--set", "xa-nc", "--as-of", "2021-01-01")
    assert not [w for w in got if "NTM064" in w and "ngày đánh giá" in w]
    assert [w for w in got if "NTM064" in w] == [
        "cảnh báo[NTM064]: số liệu chỉ tiêu 10 ngày 31/12/2020 nằm ngoài giai đoạn 2021-2025 của bộ 'xa-nc' "
        "nên không được dùng"
    ]


def test_the_target_set_leaves_the_period_warnings_to_validate(cli, data: Path) -> None:
    got = warnings(cli, data, "--as-of", "2025-12-31")
    assert not [w for w in got if "nên không được dùng" in w and "NTM064" in w and "giai đoạn" in w]


def test_status_names_every_set_whose_period_misses_the_day(cli) -> None:
    # sets in id order: dtvm (2022-2025) outside, huyen (2021-2025) inside, tinh-xa-nc (2022-2025) outside
    run = cli("status", "--data", str(SYNTHETIC), "--as-of", "2021-06-30")
    said = [line.split(": ", 1)[1] for line in run.err.splitlines() if "NTM064" in line]
    assert said == [
        "cảnh báo[NTM064]: ngày đánh giá 30/06/2021 nằm ngoài giai đoạn 2022-2025 của bộ 'dtvm': "
        "1 đơn vị được đánh giá theo bộ này",
        "cảnh báo[NTM064]: ngày đánh giá 30/06/2021 nằm ngoài giai đoạn 2022-2025 của bộ 'tinh-xa-nc': "
        "1 đơn vị được đánh giá theo bộ này",
    ]
    assert not [line for line in run.err.splitlines() if "NTM064" in line and "2021" in line and "huyen" in line]
