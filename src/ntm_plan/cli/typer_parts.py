"""The one module that reaches into typer's private parts: the click it bundles
(`typer._click`), its completion installer and the gettext hook of `typer.core`. typer
names none of them publicly; a typer release that moves them breaks this module only
(tests/test_layering.py keeps every other module off them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer import core as typer_core
from typer._click import exceptions as click_errors
from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter
from typer._click.utils import echo

__all__ = ["Command", "Context", "HelpFormatter", "click_errors", "echo", "install_completion", "translate_with"]


def translate_with(gettext: Callable[[str], str]) -> None:
    """Answer typer's `_()` calls (its help headings and messages) with `gettext`."""
    typer_core._ = gettext  # type: ignore[assignment,attr-defined]


def install_completion(shell: str | None) -> tuple[str, Path]:
    """typer's installer of the completion script: the shell and the file it wrote."""
    from typer._completion_shared import install

    return install(shell=shell) if shell is not None else install()
