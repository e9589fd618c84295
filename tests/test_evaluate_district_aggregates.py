"""The district's aggregate conditions ("≥ 50% xã đạt chuẩn NTM nâng cao") counted from its
communes: met / not met / not assessed kept apart, the boundary where the share equals the
threshold, a threshold that is not a whole number of communes, and the count still needed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

TITLED = """\
# SYNTHETIC: a commune holding the advanced title.
name: {name}
kind: xã
region: Bắc Trung Bộ
titles:
  - {{tier: nâng cao, year: 2020, source: {{document: "giả lập"}}}}
"""

FAILING = """\
# SYNTHETIC: a commune assessed against the advanced set and not meeting it.
name: {name}
kind: xã
region: Bắc Trung Bộ
target: {{set: xa-nc, year: 2024, source: {{document: "giả lập"}}}}
observations:
  - {{indicator: "17.2", met: false, as_of: 2024-03-31, source: {{document: "giả lập"}}}}
"""

UNASSESSED = """\
# SYNTHETIC: a commune with neither a title nor a target: nothing is known of it.
name: {name}
kind: xã
region: Bắc Trung Bộ
"""

NAMES = ["An Bình", "Bắc Sơn", "Cẩm Hòa", "Đông Lâm", "Gia Phú", "Hải Yến"]


@pytest.fixture
def district(tmp_path: Path):
    def build(titled: int, failing: int, unassessed: int) -> Path:
        root = tmp_path / f"d-{titled}-{failing}-{unassessed}"
        shutil.copytree(SYNTHETIC, root)
        for old in (root / "communes").iterdir():
            if old.name != "thi-tran-hoa-an.yaml":
                old.unlink()  # only the communes of this case (the township is not a commune)
        (root / "departments.yaml").write_text(
            (root / "departments.yaml").read_text(encoding="utf-8").split("    duties:")[0], encoding="utf-8"
        )
        kinds = [TITLED] * titled + [FAILING] * failing + [UNASSESSED] * unassessed
        for i, text in enumerate(kinds):
            (root / "communes" / f"xa-{i}.yaml").write_text(text.format(name=NAMES[i]), encoding="utf-8")
        return root

    return build


def conditions(cli, root: Path) -> dict[str, tuple[str, object, object, object]]:
    run = cli("gap", "huyen-hoa-binh", "--data", str(root), "--as-of", "2024-09-30", "--format", "json")
    assert run.code == 0, run.err
    unit = json.loads(run.out)["units"][0]
    return {c["id"]: (c["status"], c["current"], c["needed"], c["gap"]) for c in unit["conditions"]}


@pytest.mark.parametrize(
    ("titled", "failing", "unassessed", "expected"),
    [
        (2, 2, 0, ("đạt", 50, 0, 0)),  # exactly the threshold: met
        (1, 3, 0, ("chưa đạt", 25, 1, 25)),
        (1, 2, 1, ("chưa đánh giá", 25, 1, 25)),  # the unassessed commune could still make it
        (1, 1, 1, ("chưa đánh giá", 33.33, 1, 16.67)),  # 1.5 communes needed: one more, not a half
        (1, 2, 0, ("chưa đạt", 33.33, 1, 16.67)),
        (2, 1, 0, ("đạt", 66.67, 0, 0)),
        (0, 1, 3, ("chưa đánh giá", 0, 2, 50)),
        (0, 4, 0, ("chưa đạt", 0, 2, 50)),
    ],
)
def test_the_share_of_advanced_communes(
    cli, district, titled: int, failing: int, unassessed: int, expected: tuple[str, float, int, float]
) -> None:
    status, current, needed, gap = conditions(cli, district(titled, failing, unassessed))["xa-nang-cao"]
    assert (status, needed) == (expected[0], expected[2])
    assert current == pytest.approx(expected[1], abs=0.01)
    assert gap == pytest.approx(expected[3], abs=0.01)


def test_a_higher_title_counts_for_the_lower_tier_and_a_failed_higher_set_says_nothing_of_it(cli, district) -> None:
    got = conditions(cli, district(2, 2, 0))["xa-dat-chuan"]
    # two advanced titles hold the basic tier; the two failing the advanced set are not known at the basic one
    assert got[0] == "chưa đánh giá"
    assert got[1] == 50 and got[2] == 2


def test_all_communes_titled_meet_both_shares(cli, district) -> None:
    got = conditions(cli, district(3, 0, 0))
    assert got["xa-dat-chuan"] == ("đạt", 100, 0, 0)
    assert got["xa-nang-cao"] == ("đạt", 100, 0, 0)


def test_a_district_without_communes_is_not_assessed_rather_than_met(cli, district) -> None:
    got = conditions(cli, district(0, 0, 0))
    assert got["xa-nang-cao"][0] == "chưa đánh giá"
    assert got["xa-nang-cao"][2] is None
