"""The program's name and version line, on the ground floor: `launch` answers `--version`
with it before the command line is built, and the command line's own option says the same."""

from __future__ import annotations

PROGRAM = "ntm-plan"


def version_line() -> str:
    from importlib.metadata import version

    return f"{PROGRAM} {version(PROGRAM)}"
