"""Figures carried across a merger (`evaluate.lineage`): counts of every whole predecessor
at one date add up for the new unit; anything else stays not assessed with its reason.
Every unit and set here is SYNTHETIC."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ntm_plan.evaluate.lineage import predecessor_titles
from ntm_plan.evaluate.results import MET, NOT_MET, UNKNOWN, Reason
from ntm_plan.evaluate.steps import CarriedFigure, CarryProblem, NotCarried
from ntm_plan.evaluate.units import assess_unit
from ntm_plan.pipeline.load import load

SRC = '{document: "giả lập (SYNTHETIC)"}'
SET = f"""# SYNTHETIC: a made-up 2022-2025 set.
id: xa-2022
name: Bộ tiêu chí xã thử nghiệm 2022-2025
level: xã
tier: đạt chuẩn
period: [2022, 2025]
decision: {SRC}
criteria:
  - code: "18"
    name: Nước sạch
    indicators:
      - code: "18.1"
        name: Tỷ lệ hộ dùng nước sạch
        kind: percent
        count_unit: hộ
        thresholds: [{{value: 55, source: {SRC}, verified: false}}]
  - code: "10"
    name: Thu nhập
    indicators:
      - code: "10"
        name: Thu nhập bình quân đầu người
        kind: number
        thresholds: [{{value: 50, source: {SRC}, verified: false}}]
"""
DAY = date(2025, 7, 1)


def _old(name: str, observation: str) -> str:
    return (
        f"# SYNTHETIC\nname: {name}\nkind: xã\nparent: huyen-gia\nvalid_to: 2025-06-30\n"
        f"titles:\n  - {{tier: đạt chuẩn, year: 2019, source: {SRC}}}\n"
        f"observations:\n  - {observation}\n"
    )


def _count(count: int, total: int, day: str = "2024-12-31") -> str:
    source = f'{{document: "báo cáo giả lập {count}"}}'
    return f'{{indicator: "18.1", count: {count}, total: {total}, as_of: {day}, source: {source}}}'


def _new(predecessors: list[tuple[str, str]]) -> str:
    lines = ["# SYNTHETIC", "id: xa-moi", "name: Mới", "kind: xã", "parent: tinh-gia", "valid_from: 2025-07-01"]
    lines.append("predecessors:")
    lines += [f"  - {{unit: {u}, merge: {m}, source: {SRC}}}" for u, m in predecessors]
    return "\n".join(lines) + "\n"


DISTRICT = """# SYNTHETIC
id: huyen-gia
name: Giả
kind: huyện
parent: tinh-gia
valid_to: 2025-06-30
document: {issuer: [UBND HUYỆN GIẢ], issuer_code: UBND, place: Giả, signer: {title: CHỦ TỊCH, name: A}, recipients: [x]}
"""
PROVINCE = "# SYNTHETIC\nname: Tỉnh Giả\nkind: tỉnh\n"
WHOLE = [("an", "whole"), ("binh", "whole"), ("chau", "whole")]


def _tree(write_tree, new: str, chau: str | None = None):  # type: ignore[no-untyped-def]
    files = {
        "criteria/xa-2022.yaml": SET,
        "district.yaml": DISTRICT,
        "provinces/tinh-gia.yaml": PROVINCE,
        "communes/an.yaml": _old("An", _count(300, 500)),
        "communes/binh.yaml": _old("Bình", _count(200, 400)),
        "communes/chau.yaml": _old("Châu", chau or _count(100, 100)),
        "communes/xa-moi.yaml": new,
    }
    return write_tree(files)


def _water(root: Path):  # type: ignore[no-untyped-def]
    data, diags = load(root)
    assert [d for d in diags if d.is_error] == []
    unit = next(u for u in data.units if u.id == "xa-moi")
    assessment = assess_unit(data, unit, DAY, "xa-2022")
    assert assessment is not None
    return data, unit, assessment, assessment.result_for("18.1")


def test_counts_of_every_whole_predecessor_add_up(write_tree) -> None:  # type: ignore[no-untyped-def]
    _, _, _, result = _water(_tree(write_tree, _new(WHOLE)))
    assert result.status == MET and result.current == Fraction(60)  # 600/1.000, not the mean of 60, 50, 100
    assert (result.observation.count, result.observation.total) == (600, 1000)
    carried = next(s for s in result.steps if isinstance(s, CarriedFigure))
    assert [(p.predecessor.unit, p.counted, p.total) for p in carried.parts] == [
        ("an", 300, 500),
        ("binh", 200, 400),
        ("chau", 100, 100),
    ]


def test_the_summed_share_is_compared_like_any_other(write_tree) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    (root / "criteria/xa-2022.yaml").write_text(SET.replace("value: 55,", "value: 60.1,"), encoding="utf-8")
    _, _, _, result = _water(root)
    assert result.status == NOT_MET and result.needed == 1  # 601 of 1.000 households needed


def test_explain_names_each_predecessor_and_its_source(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    run = cli("explain", "xa-moi", "18.1", "--set", "xa-2022", "--as-of", "2025-07-01", "--data", str(root))
    text = " ".join(run.out.split())
    assert run.code == 0, run.err
    for part in ("An 300/500", "Bình 200/400", "Châu 100/100", "báo cáo giả lập 300", "báo cáo giả lập 100"):
        assert part in text
    assert "→ 600/1.000" in text and "600/1.000 = 60%" in text


@pytest.mark.parametrize(
    ("new", "chau", "problem"),
    [
        (_new([*WHOLE[:2], ("giang", "whole")]), None, CarryProblem.NOT_IN_DATA),
        (_new(WHOLE), '{indicator: "10", value: 40, as_of: 2024-12-31, source: {document: x}}', CarryProblem.NO_DATA),
        (
            _new(WHOLE),
            '{indicator: "18.1", value: 70, as_of: 2024-12-31, source: {document: x}}',
            CarryProblem.NOT_COUNTS,
        ),
        (_new(WHOLE), _count(100, 100, "2024-06-30"), CarryProblem.DATES_DIFFER),
        (_new([*WHOLE[:2], ("chau", "partial")]), None, CarryProblem.PARTIAL),
    ],
    ids=["predecessor-missing", "predecessor-without-data", "rate-without-total", "two-dates", "partial"],
)
def test_a_figure_that_cannot_be_summed_is_not_assessed(write_tree, new: str, chau: str | None, problem) -> None:  # type: ignore[no-untyped-def]
    if "giang" in new:
        new = new.replace("unit: giang,", "code: '99999', name: xã Giang,")
    _, _, _, result = _water(_tree(write_tree, new, chau))
    assert (result.status, result.reason) == (UNKNOWN, Reason.NOT_CARRIED)
    refused = next(s for s in result.steps if isinstance(s, NotCarried))
    assert refused.problem == problem


def test_an_average_is_never_summed(write_tree) -> None:  # type: ignore[no-untyped-def]
    root = _tree(write_tree, _new(WHOLE))
    for name in ("an", "binh"):
        path = root / "communes" / f"{name}.yaml"
        obs = '  - {indicator: "10", value: 60, as_of: 2024-12-31, source: {document: x}}\n'
        path.write_text(path.read_text(encoding="utf-8") + obs, encoding="utf-8")
    _, _, assessment, _ = _water(root)
    income = assessment.result_for("10")
    assert income is not None and (income.status, income.reason) == (UNKNOWN, Reason.NOT_CARRIED)
    assert next(s for s in income.steps if isinstance(s, NotCarried)).problem == CarryProblem.NOT_ADDITIVE


def test_the_unit_s_own_figure_wins(write_tree) -> None:  # type: ignore[no-untyped-def]
    own = 'observations:\n  - {indicator: "18.1", count: 10, total: 100, as_of: 2025-07-01, source: {document: x}}\n'
    _, _, _, result = _water(_tree(write_tree, _new(WHOLE) + own))
    assert result.status == NOT_MET and result.current == 10


def test_the_predecessors_titles_are_history_not_the_new_unit_s(write_tree) -> None:  # type: ignore[no-untyped-def]
    data, unit, assessment, _ = _water(_tree(write_tree, _new(WHOLE)))
    history = predecessor_titles(unit, {u.id: u for u in data.units})
    assert [(p.unit, t.year) for p, t in history] == [("an", 2019), ("binh", 2019), ("chau", 2019)]
    assert unit.titles == ()
    assert assessment.criteria[0].evidence is None  # no title of the new unit speaks for the set


def test_status_adds_up_the_same_figures_as_gap(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    target = f"target: {{set: xa-2022, year: 2025, source: {SRC}}}\n"
    root = _tree(write_tree, _new(WHOLE) + target)
    run = cli("status", "--as-of", "2025-07-01", "--format", "json", "--data", str(root))
    units = {u["id"]: u for u in json.loads(run.out)["units"]}
    assert set(units) == {"xa-moi"}  # the old communes no longer exist on 01/7/2025
    assert units["xa-moi"]["criteria"] == {"met": 1, "not_met": 0, "unknown": 1, "total": 2}


def test_a_changed_predecessor_changes_the_new_unit_s_status(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    """The load cache keeps a file's summary by its own content: a merged unit's summary,
    which reads its predecessors' files, is never kept."""
    target = f"target: {{set: xa-2022, year: 2025, source: {SRC}}}\n"
    root = _tree(write_tree, _new(WHOLE) + target)
    args = ("status", "--as-of", "2025-07-01", "--format", "json", "--data", str(root))
    before = {u["id"]: u for u in json.loads(cli(*args).out)["units"]}["xa-moi"]["criteria"]
    path = root / "communes" / "an.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("count: 300", "count: 10"), encoding="utf-8")
    after = {u["id"]: u for u in json.loads(cli(*args).out)["units"]}["xa-moi"]["criteria"]
    assert (before["met"], after["met"]) == (1, 0)  # 600/1.000 = 60 % met; 310/1.000 = 31 % not
