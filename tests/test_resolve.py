"""One name resolver (model/resolve.py) behind every command: the same matches, the same
suggestions and the same ambiguity hints for units, departments and criteria sets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import REAL_DATA
from ntm_plan.model import resolve
from ntm_plan.pipeline.load import load

DATA = ("--data", str(REAL_DATA))
AS_OF = ("--as-of", "2024-09-30")


def _error_line(err: str) -> str:
    return next(line for line in err.splitlines() if line.startswith("Lỗi:"))


def test_form_finds_a_department_by_its_words_as_tasks_does(cli, tmp_path: Path) -> None:
    listed = cli("tasks", "-d", "nông nghiệp", *DATA, *AS_OF)
    assert listed.code == 0, listed.err
    assert listed.out.startswith("Phòng NN&PTNT")
    made = cli("form", "--quarter", "2024-Q3", "-d", "nông nghiệp", "-o", str(tmp_path), *DATA)
    assert made.code == 0, made.err
    assert [p.name for p in tmp_path.iterdir()] == ["nong-nghiep-2024-Q3.xlsx"]


def test_a_department_id_may_be_typed_with_spaces(cli, tmp_path: Path) -> None:
    made = cli("form", "--quarter", "2024-Q3", "-d", "kinh te ha tang", "-o", str(tmp_path), *DATA)
    assert made.code == 0, made.err
    assert [p.name for p in tmp_path.iterdir()] == ["kinh-te-ha-tang-2024-Q3.xlsx"]


@pytest.mark.parametrize("words", [("--unit", "Duc", "Dong"), ("-u", "Đức", "Đồng"), ("Duc", "Dong")])
def test_form_takes_an_unquoted_unit_name(cli, tmp_path: Path, words: tuple[str, ...]) -> None:
    made = cli("form", "--quarter", "2024-Q3", *words, "-o", str(tmp_path), *DATA)
    assert made.code == 0, made.err
    assert [p.name for p in tmp_path.iterdir()] == ["duc-dong-2024-Q3.xlsx"]


def test_an_unknown_unit_gets_the_same_suggestions_in_every_command(cli, tmp_path: Path) -> None:
    runs = [
        cli("gap", "Duc", "Dongg", *DATA, *AS_OF),
        cli("explain", "Duc", "Dongg", "10", *DATA, *AS_OF),
        cli("tasks", "-u", "Duc", "Dongg", *DATA, *AS_OF),
        cli("form", "--quarter", "2024-Q3", "-u", "Duc", "Dongg", "-o", str(tmp_path), *DATA),
    ]
    assert [r.code for r in runs] == [2, 2, 2, 2]
    lines = [_error_line(r.err) for r in runs]
    assert len(set(lines[:3])) == 1, lines
    expected = "Lỗi: không tìm thấy đơn vị 'Duc Dongg'. Có phải ý bạn là: xã Đức Đồng, xã Đức Lạng, thị trấn Đức Thọ"
    assert lines[0] == expected + ", huyện Đức Thọ?"
    assert lines[3] == expected + "?"  # a form is made for a commune: the district is no choice
    assert not list(tmp_path.iterdir())


def test_an_ambiguous_department_lists_the_candidates_and_the_command_that_picks_one(cli, tmp_path: Path) -> None:
    listed = cli("tasks", "-d", "tài", *DATA, *AS_OF)
    made = cli("form", "--quarter", "2024-Q3", "-d", "tài", "-o", str(tmp_path), *DATA)
    for run, command in ((listed, "tasks -d"), (made, "form --quarter 2024-Q3 -d")):
        assert run.code == 2
        assert "Lỗi: 'tài' khớp với nhiều phòng ban:" in run.err
        assert "  - Phòng Tài chính - Kế hoạch (mã tai-chinh-ke-hoach)" in run.err
        assert "  - Phòng Tài nguyên và Môi trường (mã tai-nguyen-moi-truong)" in run.err
        assert "  - Phòng Nông nghiệp" not in run.err
        assert f"ví dụ: ntm-plan {command} tai-chinh-ke-hoach" in run.err


def test_an_unknown_department_is_told_the_close_names(cli, tmp_path: Path) -> None:
    close = cli("tasks", "-d", "nong-nghep", *DATA, *AS_OF)
    assert close.code == 2
    assert "không tìm thấy phòng ban 'nong-nghep'. Có phải ý bạn là: Phòng Nông nghiệp" in close.err
    far = cli("form", "--quarter", "2024-Q3", "-d", "xyz", "-o", str(tmp_path), *DATA)
    assert far.code == 2 and "không tìm thấy phòng ban 'xyz'. Các phòng ban: vp-dieu-phoi (VPĐP NTM)" in far.err


def test_a_criteria_set_is_resolved_and_suggested_alike_in_gap_explain_and_criteria(cli) -> None:
    runs = [
        cli("gap", "Duc", "Dong", "--set", "xa-ntm-2021-2026", *DATA, *AS_OF),
        cli("explain", "Duc", "Dong", "10", "--set", "xa-ntm-2021-2026", *DATA, *AS_OF),
        cli("criteria", "xa-ntm-2021-2026", *DATA),
    ]
    assert [r.code for r in runs] == [2, 2, 2]
    lines = {_error_line(r.err) for r in runs}
    assert len(lines) == 1, lines
    assert lines.pop().startswith(
        "Lỗi: bộ tiêu chí 'xa-ntm-2021-2026' không tồn tại. Có phải ý bạn là: xa-ntm-2021-2025"
    )
    upper = cli("gap", "Duc", "Dong", "--set", "XA-NTM-2021-2025", *DATA, *AS_OF)
    assert upper.code == 0, upper.err


def test_a_unit_is_looked_up_among_the_units_valid_at_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """`units_at` is the one place a unit's validity in time narrows the candidates."""
    dataset, _ = load(REAL_DATA)
    assert resolve.resolve_unit(dataset, "Duc Dong", date(2024, 9, 30)).found is not None
    seen: list[date | None] = []

    def none_valid(units, as_of):
        seen.append(as_of)
        return []

    monkeypatch.setattr(resolve, "units_at", none_valid)
    assert resolve.resolve_unit(dataset, "Duc Dong", date(2024, 9, 30)).found is None
    assert seen == [date(2024, 9, 30)]


def test_forms_are_made_for_communes_only() -> None:
    dataset, _ = load(REAL_DATA)
    assert dataset.district is not None
    found = resolve.resolve_unit(dataset, f"huyện {dataset.district.name}", communes_only=True).found
    assert found is None
    assert resolve.resolve_unit(dataset, f"huyện {dataset.district.name}").found is dataset.district
