"""The command line's small promises (issue 19): --data before the command, dates and
quarters in the forms' own spelling, completion of unit, department and set names, and
--version answered without building the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL_DATA, REPO
from ntm_plan.cli.app import click_command
from ntm_plan.model.common import day_from_text, quarter_from_text

DATA = ("--data", str(REAL_DATA))


def test_data_may_come_before_the_command(cli) -> None:
    before = cli(*DATA, "gap", "Duc", "Dong", "--as-of", "2024-09-30")
    after = cli("gap", "Duc", "Dong", "--as-of", "2024-09-30", *DATA)
    assert before.code == 0, before.err
    assert before.out == after.out and "Xã Đức Đồng" in before.out


def test_the_commands_own_data_option_wins(cli, tmp_path: Path) -> None:
    run = cli("--data", str(tmp_path / "missing"), "gap", "Duc", "Dong", "--as-of", "2024-09-30", *DATA)
    assert run.code == 0, run.err


def test_data_before_the_command_is_forgotten_by_the_next_run(cli, monkeypatch: pytest.MonkeyPatch, tmp_path):
    assert cli(*DATA, "criteria").code == 0
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NTM_PLAN_DATA", raising=False)
    again = cli("criteria")
    assert again.code == 2 and "không tìm thấy thư mục dữ liệu 'data'" in again.err


def test_only_the_named_command_is_built_after_root_options() -> None:
    assert list(click_command(["--data", "x", "gap", "Duc"]).commands) == ["gap"]  # type: ignore[attr-defined]
    assert list(click_command(["--debug", "--data", "x", "status"]).commands) == ["status"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30/09/2024", (2024, 9, 30)),
        ("30/9/2024", (2024, 9, 30)),
        ("1.10.2024", (2024, 10, 1)),
        ("30-9-2024", (2024, 9, 30)),
        ("2024-09-30", (2024, 9, 30)),
        ("29/02/2024", (2024, 2, 29)),
        ("29/02/2023", None),
        ("31/9/2024", None),
        ("9/2024", None),
        ("30/09/24", None),
        ("hôm qua", None),
    ],
)
def test_days_are_read_as_the_forms_write_them(text: str, day: tuple[int, int, int] | None) -> None:
    found = day_from_text(text)
    assert (found.year, found.month, found.day) == day if found else day is None


@pytest.mark.parametrize(
    ("text", "quarter"),
    [
        ("2024-Q3", (2024, 3)),
        ("2024q4", (2024, 4)),
        ("Q3/2024", (2024, 3)),
        ("q1-2025", (2025, 1)),
        ("III/2024", (2024, 3)),
        ("iv/2024", (2024, 4)),
        ("Quý II/2024", (2024, 2)),
        ("quý 3/2024", (2024, 3)),
        ("3/2024", None),
        ("V/2024", None),
        ("IIII/2024", None),
        ("2024-Q5", None),
        ("Q0/2024", None),
    ],
)
def test_quarters_are_read_as_the_forms_write_them(text: str, quarter: tuple[int, int] | None) -> None:
    assert quarter_from_text(text) == quarter


def test_as_of_takes_the_forms_spelling_in_every_command(cli) -> None:
    for command in (("gap", "Duc", "Dong"), ("status",), ("tasks", "--overdue")):
        iso = cli(*command, "--as-of", "2024-09-30", *DATA)
        assert iso.code == 0, iso.err
        for spelling in ("30/09/2024", "30/9/2024"):
            assert cli(*command, "--as-of", spelling, *DATA).out == iso.out, (command, spelling)
    wrong = cli("status", "--as-of", "31/9/2024", *DATA)
    assert wrong.code == 2
    assert "Lỗi: --as-of '31/9/2024' không phải ngày hợp lệ; viết dạng 30/09/2024 hoặc 2024-09-30." in wrong.err


@pytest.mark.parametrize("spelling", ["III/2024", "Q3/2024", "Quý III/2024", "2024-Q3"])
def test_form_takes_the_quarter_as_forms_write_it(cli, tmp_path: Path, spelling: str) -> None:
    run = cli("form", "--quarter", spelling, "-u", "Duc", "Dong", "-o", str(tmp_path), *DATA)
    assert run.code == 0, run.err
    assert [p.name for p in tmp_path.iterdir()] == ["duc-dong-2024-Q3.xlsx"]


def test_a_quarter_that_is_none_is_refused_with_the_spellings(cli, tmp_path: Path) -> None:
    run = cli("form", "--quarter", "3/2024", "-o", str(tmp_path), *DATA)
    assert run.code == 2
    assert "quý '3/2024' không hợp lệ; viết dạng III/2024, Q3/2024 hoặc 2024-Q3" in run.err


def _complete(words: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What bash's Tab offers after `words` (the last word being completed)."""
    from ntm_plan.cli import main

    monkeypatch.setenv("_NTM_PLAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - 1))
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([])
    return capsys.readouterr().out.split()


def test_completion_offers_unit_department_and_set_names(monkeypatch, capsys) -> None:
    data = f"--data {REAL_DATA}"
    assert _complete(f"ntm-plan gap {data} duc", monkeypatch, capsys) == ["duc-dong", "duc-lang"]
    assert _complete(f"ntm-plan {data} tasks -u tung", monkeypatch, capsys) == ["tung-anh", "tung-chau"]
    assert _complete(f"ntm-plan tasks {data} -d nong", monkeypatch, capsys) == ["nong-nghiep"]
    assert _complete(f"ntm-plan form {data} -d tai", monkeypatch, capsys) == [
        "tai-chinh-ke-hoach",
        "tai-nguyen-moi-truong",
    ]
    offered = _complete(f"ntm-plan gap Duc Dong {data} --set xa-ntm-n", monkeypatch, capsys)
    assert offered == ["xa-ntm-nang-cao-2021-2025"]
    assert "xa-ntm-2021-2025" in _complete(f"ntm-plan criteria {data} xa", monkeypatch, capsys)


def test_completion_without_data_offers_nothing_and_prints_no_error(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NTM_PLAN_DATA", raising=False)
    assert _complete("ntm-plan gap duc", monkeypatch, capsys) == []


def test_version_is_answered_without_building_the_command_line() -> None:
    code = (
        "import sys\nfrom ntm_plan.launch import main\ncode = main(['--version'])\n"
        "print(code, 'typer' in sys.modules, 'ntm_plan.cli' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    lines = run.stdout.splitlines()
    assert lines[0].startswith("ntm-plan ") and lines[1] == "0 False False", run.stdout + run.stderr


def test_version_after_another_root_option_still_answers(cli) -> None:
    from importlib.metadata import version

    run = cli(*DATA, "--version")
    assert run.code == 0 and run.out == f"ntm-plan {version('ntm-plan')}\n"
