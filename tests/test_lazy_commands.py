"""A run builds only the command it names (`cli.app.click_command`): the trimmed group must
answer exactly as the whole group does, and fall back to the whole group wherever the
others are needed (help, unknown names, completion)."""

from __future__ import annotations

import pytest
import typer

from ntm_plan.cli.app import COMPLETION_VARIABLE, app, click_command
from ntm_plan.cli.vietnamese import install

FULL = typer.main.get_command(app)
NAMES = sorted(FULL.commands)  # type: ignore[attr-defined]


def _help(command: typer.core.TyperGroup, args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    install()
    with pytest.raises(SystemExit):
        command.main(args=args, prog_name="ntm-plan")
    return capsys.readouterr().out


def test_every_command_has_a_name_the_trimmed_group_finds() -> None:
    assert len(NAMES) >= 13
    for name in NAMES:
        assert sorted(click_command([name]).commands) == [name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NAMES)
def test_a_trimmed_command_helps_as_the_whole_group_does(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    trimmed = _help(click_command([name, "--help"]), [name, "--help"], capsys)  # type: ignore[arg-type]
    whole = _help(FULL, [name, "--help"], capsys)  # type: ignore[arg-type]
    assert trimmed == whole
    assert f"ntm-plan {name}" in trimmed


def test_the_root_options_come_before_the_command() -> None:
    assert sorted(click_command(["--debug", "gap", "Duc", "Dong"]).commands) == ["gap"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h"], ["--version"], ["gapp"], ["--show-completion", "bash"]])
def test_help_unknown_names_and_root_options_get_the_whole_group(argv: list[str]) -> None:
    assert sorted(click_command(argv).commands) == NAMES  # type: ignore[attr-defined]


def test_completion_gets_the_whole_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COMPLETION_VARIABLE, "complete_bash")
    assert sorted(click_command(["ga"]).commands) == NAMES  # type: ignore[attr-defined]
    assert sorted(click_command(["gap"]).commands) == NAMES  # type: ignore[attr-defined]


def test_a_misspelt_command_is_still_suggested(cli) -> None:
    run = cli("gapp", "Duc", "Dong")
    assert run.code == 2
    assert "không có lệnh 'gapp' (có phải: 'gap'?)" in run.err


def test_the_main_help_still_lists_every_command(cli) -> None:
    run = cli("--help")
    assert run.code == 0
    for name in NAMES:
        assert f"  {name} " in run.out or f"  {name}\n" in run.out
