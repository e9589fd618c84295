"""Edges of the checks the mutation run found unguarded: targets of a unit without a usable
set, the 0–100 rule kept to shares, the hint that lists the sets, the district's duplicate
tasks said once, a stated rate written with an exponent. SYNTHETIC data (tests/data/synthetic)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

SOURCE = '{document: "giả lập"}'


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    return root


def _commune(root: Path, body: str) -> None:
    head = "# SYNTHETIC test data\nname: Tân Lộc\nkind: xã\nregion: Bắc Trung Bộ\n"
    (root / "communes" / "tan-loc.yaml").write_text(head + body, encoding="utf-8")


def _codes(out: str) -> list[str]:
    return re.findall(r"(?:lỗi|cảnh báo)\[(NTM\d+)\]", out)


def test_targets_of_a_unit_without_a_set_are_not_checked_against_one(cli, data: Path) -> None:
    _commune(data, f'targets:\n  - {{indicator: "1", year: 2024, value: 70, source: {SOURCE}}}\n')
    run = cli("validate", "--data", str(data))
    assert run.code == 0, run.err
    assert _codes(run.out + run.err) == ["NTM026"]  # the synthetic departments' own warning, nothing for Tân Lộc


def test_targets_under_an_unknown_set_give_only_the_unknown_set(cli, data: Path) -> None:
    target = f"target: {{set: khong-co, year: 2024, source: {SOURCE}}}\n"
    _commune(data, target + f'targets:\n  - {{indicator: "1", year: 2024, value: 70, source: {SOURCE}}}\n')
    run = cli("validate", "--data", str(data))
    out = run.out + run.err
    assert run.code == 1
    assert sorted(_codes(out)) == ["NTM020", "NTM026"]
    assert "tan-loc.yaml:5:10: lỗi[NTM020]: bộ tiêu chí 'khong-co' không tồn tại" in out
    assert "gợi ý: Các bộ tiêu chí hiện có: dtvm, huyen, tinh-xa-nc, xa-km, xa-nc" in out


def test_the_hint_says_when_there_is_no_set_at_all(cli, data: Path) -> None:
    for path in (data / "criteria").glob("*.yaml"):
        path.unlink()
    run = cli("validate", "--data", str(data))
    assert run.code == 1
    assert "gợi ý: Chưa có bộ tiêu chí nào trong criteria/." in run.out + run.err


def test_a_number_threshold_above_100_is_not_a_percentage(cli, data: Path) -> None:
    """Income (indicator 10 of xa-nc) is a number in triệu đồng: 150 is a threshold, not a rate
    out of range; the same 150 on the percentage indicator 17.1 is NTM013."""
    nc = data / "criteria" / "xa-nc.yaml"
    text = nc.read_text(encoding="utf-8")
    income = "{value: 50, source:"
    assert income in text
    nc.write_text(text.replace(income, "{value: 150, source:"), encoding="utf-8")
    run = cli("validate", "--data", str(data))
    assert run.code == 0, run.err
    assert "NTM013" not in run.out + run.err
    rate = "{value: 54, source:"
    assert rate in text
    nc.write_text(text.replace(rate, "{value: 150, source:"), encoding="utf-8")
    again = cli("validate", "--data", str(data))
    assert again.code == 1
    assert _codes(again.out + again.err).count("NTM013") == 1


def test_the_district_s_duplicate_tasks_are_said_once(cli, data: Path) -> None:
    district = data / "district.yaml"
    text = district.read_text(encoding="utf-8")
    task = (
        '  - id: quy-hoach-vung-2\n    text: Hoàn thành quy hoạch vùng huyện\n    criterion: "1"\n'
        f"    lead: kinh-te-ha-tang\n    due: 2024-Q1\n    source: {SOURCE}\n"
    )
    district.write_text(text.replace("document:\n", task + "document:\n", 1), encoding="utf-8")
    run = cli("validate", "--data", str(data))
    assert _codes(run.out + run.err).count("NTM035") == 1


@pytest.mark.parametrize(("count", "warned"), [(450, False), (449, False), (400, True)])
def test_a_rate_written_with_an_exponent_is_compared_to_its_count(cli, data: Path, count: int, warned: bool) -> None:
    """'1.0e+2' is 100 with no decimal place: 449/450 = 99,78 % rounds to it, 400/450 does not."""
    figures = f"count: {count}, total: 450, stated_percent: 1.0e+2"
    obs = f'  - {{indicator: "17.1", {figures}, as_of: 2024-03-31, source: {SOURCE}}}\n'
    _commune(data, f"target: {{set: xa-nc, year: 2024, source: {SOURCE}}}\nobservations:\n{obs}")
    run = cli("validate", "--data", str(data))
    assert run.code == 0, run.err
    assert ("NTM061" in run.out + run.err) is warned


def test_a_shared_code_is_found_after_units_without_a_code(cli, data: Path) -> None:
    """Bình Minh (first by file name) has no code; Hòa An and thị trấn Hòa An share one: NTM072."""
    for name in ("hoa-an", "thi-tran-hoa-an"):
        path = data / "communes" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nkind:", '\ncode: "99001"\nkind:', 1), encoding="utf-8")
    run = cli("validate", "--data", str(data))
    out = run.out + run.err
    assert run.code == 1
    assert _codes(out).count("NTM072") == 1
    assert "mã đơn vị hành chính '99001' trùng với" in out


def _task_with_progress(first: str) -> str:
    return (
        f"target: {{set: xa-nc, year: 2024, source: {SOURCE}}}\ntasks:\n"
        "  - id: duong-thon\n    text: Làm đường thôn\n    quantity: 10\n    unit: km\n"
        f"    lead: van-hoa\n    due: 2024-Q4\n    source: {SOURCE}\n    progress:\n"
        f"      - {{as_of: 2024-03-31, {first}}}\n      - {{as_of: 2024-06-30, done: 10}}\n"
    )


@pytest.mark.parametrize(
    ("first", "complete"),
    [("done: 10", True), ("done: 9.9", False), ("percent: 100", True), ("percent: 99.9", False)],
)
def test_an_entry_after_completion_is_ntm034_only_once_complete(cli, data: Path, first: str, complete: bool) -> None:
    """Complete is the whole quantity done (10 of 10 km, not 9,9) or 100 %, not 99,9 %."""
    _commune(data, _task_with_progress(first))
    run = cli("validate", "--data", str(data))
    assert ("NTM034" in run.out + run.err) is complete
    if complete:
        assert "nhiệm vụ 'duong-thon' đã hoàn thành trong quý I/2024" in " ".join((run.out + run.err).split())


@pytest.mark.parametrize(
    ("group", "said"),
    [
        (f'{{code: "2", source: {SOURCE}}}', "nhóm xã phải nói thuộc bộ tiêu chí nào"),
        (
            f'{{code: "2", set: xa-nc, source: {SOURCE}}}',
            "nhóm '2' không có trong bộ tiêu chí 'xa-nc' (bộ không chia nhóm)",
        ),
    ],
)
def test_a_commune_group_names_a_group_of_a_set(cli, data: Path, group: str, said: str) -> None:
    """Without a set (no `set:` and no target) or in a set that has no groups, a group is NTM073."""
    _commune(data, f"group: {group}\n")
    run = cli("validate", "--data", str(data))
    out = " ".join((run.out + run.err).split())
    assert run.code == 1
    assert _codes(out).count("NTM073") == 1
    assert said in out


def test_an_unknown_lead_is_answered_with_the_departments(cli, data: Path) -> None:
    task = f"tasks:\n  - id: t1\n    text: Việc thử\n    lead: khong-co\n    due: 2024-Q4\n    source: {SOURCE}\n"
    _commune(data, task)
    run = cli("validate", "--data", str(data))
    out = " ".join((run.out + run.err).split())
    assert run.code == 1
    assert "gợi ý: Các phòng ban: kinh-te-ha-tang, tai-chinh, van-hoa; hoặc 'ubnd' (UBND xã)." in out
