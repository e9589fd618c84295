"""The command line's own words in Vietnamese, through the hooks typer and click offer.

typer marks its texts ("Options", "required", "Missing command."…) with gettext; a
translation catalogue answers them. The click that typer bundles has no catalogue, so
its texts are chosen where click lets a program choose: the context's help formatter
(the usage line), the help option, and how a usage error is shown — rebuilt in
Vietnamese from the exception's own fields, never by editing printed text.
"""

from __future__ import annotations

import gettext
import re
import sys
from typing import Any

from typer import core as typer_core

from ntm_plan.cli.typer_parts import Context, HelpFormatter, click_errors, echo, install_completion, translate_with

MESSAGES = {
    "Arguments": "Tham số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "required": "bắt buộc",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "Aborted!": "Đã dừng.",
    "Missing command.": "thiếu tên lệnh.",
    "No such command {name!r}.": "không có lệnh {name!r}.",
}

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
HELP_OPTIONS = ["-h", "--help"]


class Catalogue(gettext.NullTranslations):
    """typer's gettext messages in Vietnamese (a catalogue kept in code: no .mo to build)."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)


def install() -> None:
    """Answer typer's `_()` calls from the Vietnamese catalogue."""
    translate_with(Catalogue().gettext)


class VietnameseFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Cách dùng: " if prefix is None else prefix)


class VietnameseContext(Context):
    formatter_class = VietnameseFormatter


def _name_parameters(command: Any) -> None:
    """Vietnamese placeholders in the usage line: '[TÙY-CHỌN]', and '...' after an
    argument that takes several words (typer drops it once the argument has a name)."""
    command.options_metavar = "[TÙY-CHỌN]"
    for param in command.params:
        named = isinstance(param, typer_core.TyperArgument) and param.metavar is not None
        if named and param.nargs != 1 and not param.metavar.endswith("..."):
            param.metavar += "..."


class VietnameseCommand(typer_core.TyperCommand):
    context_class = VietnameseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_parameters(self)

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


class PipeClosed(Exception):
    """The reader of our output went away (`| head`). Not an OSError, so that typer does
    not turn it into exit code 1 on its way out."""


class VietnameseGroup(typer_core.TyperGroup):
    context_class = VietnameseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_parameters(self)
        self.subcommand_metavar = "LỆNH [THAM-SỐ]..."
        self.suggest_commands = False  # typer's "Did you mean" is English: resolve_command asks

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        """A mistyped command name gets the close names, worded as for a mistyped option."""
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as exc:
            import difflib

            close = difflib.get_close_matches(args[0], list(self.commands)) if args else []
            if close:
                exc.message = exc.message.rstrip(".") + " (có phải: " + ", ".join(map(repr, close)) + "?)"
            raise

    def invoke(self, ctx: Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
        except BrokenPipeError as exc:
            raise PipeClosed from exc
        return result

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


def _hint(exc: click_errors.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(f"'{h}'" for h in hint)
    if exc.param is None or exc.ctx is None:
        return ""
    return exc.param.get_error_hint(exc.ctx)


_CHOICE = re.compile(r"(?P<value>'.*') is not one of (?P<choices>.*?)\.?$")
_NOT_VALID = re.compile(r"(?:Value )?(?P<value>.*) is not a valid (?P<label>\w+)\.$")
_VALUE_WORDS = {"integer": "số nguyên", "float": "số", "int": "số nguyên", "date": "ngày", "path": "đường dẫn"}


def _bad_value(message: str) -> str:
    """typer's value-conversion messages, the kinds this program's options can raise."""
    if match := _CHOICE.match(message):
        return f"{match['value']} không phải một trong {match['choices']}"
    if match := _NOT_VALID.match(message):
        return f"phải là {_VALUE_WORDS.get(match['label'], match['label'])}, không phải {match['value']}"
    return message


_EXTRA = re.compile(r"Got unexpected extra argument\(s\) \((?P<words>.*)\)$")


def usage_message(exc: click_errors.UsageError) -> str:
    """What was wrong with the command line, in Vietnamese."""
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"không có tùy chọn {exc.option_name}"
        if exc.possibilities:
            text += " (có phải: " + ", ".join(sorted(exc.possibilities)) + "?)"
        return text
    if isinstance(exc, click_errors.MissingParameter):
        kind = "tùy chọn" if isinstance(exc.param, typer_core.TyperOption) else "tham số"
        return f"thiếu {kind} {_hint(exc)}".rstrip()
    if isinstance(exc, click_errors.BadParameter):
        return f"giá trị không hợp lệ cho {_hint(exc)}: {_bad_value(exc.message)}"
    if isinstance(exc, click_errors.BadOptionUsage):
        if "requires an argument" in exc.message or "requires" in exc.message:
            return f"tùy chọn {exc.option_name} cần một giá trị"
        if "does not take a value" in exc.message:
            return f"tùy chọn {exc.option_name} không nhận giá trị"
        return exc.message
    if match := _EXTRA.match(exc.message):
        return f"thừa tham số: {match['words']}"
    return exc.message


def usage_error_text(exc: click_errors.UsageError) -> str:
    """The whole message for a usage error: usage line, where to look, the error. A group
    called without a command (`no_args_is_help`) shows its help, as click does."""
    if isinstance(exc, click_errors.NoArgsIsHelpError):
        return exc.message
    lines = []
    if exc.ctx is not None:
        lines.append(exc.ctx.get_usage())
        lines.append(f"Xem '{exc.ctx.command_path} -h' để biết cách dùng.")
        lines.append("")
    lines.append(f"Lỗi: {usage_message(exc)}")
    return "\n".join(lines)


def _install_completion(ctx: Context, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    shell, path = install_completion(value if isinstance(value, str) else None)
    echo(f"Đã cài gợi ý lệnh cho {shell} vào {path}; mở lại cửa sổ dòng lệnh để dùng.")
    raise SystemExit(0)


def localize_completion(command: Any) -> None:
    """typer's completion options, with Vietnamese help and message."""
    for param in command.params:
        if param.name == "install_completion":
            param.help = "Cài gợi ý lệnh (phím Tab) cho shell đang dùng."
            param.callback = _install_completion
        elif param.name == "show_completion":
            param.help = "In đoạn mã gợi ý lệnh cho shell đang dùng (để tự cài)."
