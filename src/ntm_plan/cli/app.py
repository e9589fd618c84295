"""The command line: the app, its root options, and the one place exceptions become exit codes.

Each command is thin: load → check → evaluate → present; the commands live in
`data_commands`, `unit_commands`, `district_commands` and `documents`. Exit codes:
0 fine, 1 data problems found (printed), 2 usage error, 3 internal error (traceback only
with --debug). Heavy imports (docx, jinja) happen only inside the commands that need them.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Annotated

import typer
from typer.models import CommandInfo

from ntm_plan.about import PROGRAM, version_line
from ntm_plan.cli import common, data_commands, district_commands, init_command, unit_commands, vietnamese
from ntm_plan.cli import documents as documents_cli
from ntm_plan.cli import ingest as ingest_cli
from ntm_plan.cli import site as site_cli
from ntm_plan.cli.typer_parts import Command, click_errors
from ntm_plan.exits import INTERNAL, INTERRUPTED, OK, STOPPED, USAGE

app = typer.Typer(
    name=PROGRAM,
    help="Lập kế hoạch và theo dõi xây dựng nông thôn mới (NTM) từ dữ liệu YAML.\n\n"
    "Ví dụ: ntm-plan gap Duc Dong   |   ntm-plan status   |   ntm-plan validate --strict",
    cls=vietnamese.VietnameseGroup,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": vietnamese.HELP_OPTIONS},
)
templates_app = typer.Typer(
    help="Kiểm tra mẫu văn bản .docx.\n\nVí dụ: ntm-plan templates check",
    cls=vietnamese.VietnameseGroup,
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")

_state = {"debug": False}


def _show_version(value: bool) -> None:
    """After another root option (`--data DIR --version`); alone, `launch` answers first."""
    if value:
        typer.echo(version_line())
        raise typer.Exit(OK)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="In traceback khi có lỗi nội bộ.")] = False,
    data: common.DataOption = None,
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    _state["debug"] = debug
    common.set_data_before_command(data)


data_commands.register(app)
unit_commands.register(app)
district_commands.register(app)
documents_cli.register(app, templates_app)
ingest_cli.register(app)
site_cli.register(app)
init_command.register(app)


def _quiet_stdout() -> None:
    """Send what is left to print nowhere, so that Python's own flush at exit is silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


COMPLETION_VARIABLE = "_NTM_PLAN_COMPLETE"


def _command_name(info: CommandInfo) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__ if info.callback else "")


ROOT_OPTIONS_WITH_VALUE = ("--data",)


def _command_word(argv: list[str]) -> str | None:
    """The first word that is not a root option or the value of one: the command's name."""
    words = iter(argv)
    for arg in words:
        if arg in ROOT_OPTIONS_WITH_VALUE:
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return None


def click_command(argv: list[str]) -> Command:
    """The click group to run `argv`. typer builds every command's options up front (about
    1 ms a command); a run names one command, so the group is built with that one alone,
    click's lazy loading of subcommands. Help, completion and a name that is no command get
    the whole group, which lists and suggests the others."""
    word = _command_word(argv)
    if word is None or COMPLETION_VARIABLE in os.environ:
        return typer.main.get_command(app)
    trimmed = copy.copy(app)
    trimmed.registered_commands = [info for info in app.registered_commands if _command_name(info) == word]
    trimmed.registered_groups = [info for info in app.registered_groups if info.name == word]
    if not trimmed.registered_commands and not trimmed.registered_groups:
        return typer.main.get_command(app)
    return typer.main.get_command(trimmed)


def main(argv: list[str] | None = None) -> int:
    """Entry point with the one exception-to-exit-code boundary."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    vietnamese.install()
    command = click_command(sys.argv[1:] if argv is None else argv)
    vietnamese.localize_completion(command)
    try:
        code = command.main(args=argv, prog_name=PROGRAM, standalone_mode=False)
        if code == INTERRUPTED:  # typer turns KeyboardInterrupt into a silent exit code 130
            typer.echo(STOPPED, err=True)
    except vietnamese.PipeClosed:
        _quiet_stdout()
        return OK
    except typer.Exit as stop:
        return int(stop.exit_code)
    except click_errors.UsageError as exc:
        typer.echo(vietnamese.usage_error_text(exc), err=True)
        return USAGE
    except (typer.Abort, KeyboardInterrupt):
        typer.echo(STOPPED, err=True)
        return INTERRUPTED
    except Exception as exc:
        if _state["debug"]:
            raise
        typer.echo(
            f"Lỗi nội bộ: {type(exc).__name__}: {exc}. Chạy lại với --debug để xem chi tiết "
            "và báo cho nhóm phát triển.",
            err=True,
        )
        return INTERNAL
    return int(code) if isinstance(code, int) else OK
