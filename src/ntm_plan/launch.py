"""The console entry point, kept free of imports so that it can catch interrupts early.

Ctrl-C (SIGINT) or SIGTERM at any moment, even while the command line's modules are
still being imported, ends with one Vietnamese line and exit code 130: SIGTERM is turned
into the same KeyboardInterrupt as Ctrl-C, so every `finally` (the temporary file of an
output, the process pool of `validate`) cleans up on both.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
from types import FrameType

from ntm_plan.about import version_line
from ntm_plan.exits import INTERRUPTED, OK, STOPPED

GC_YOUNGEST = 10_000


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)


def asks_version(argv: list[str]) -> bool:
    """`--version` among the options before any word: answered without the command line,
    which takes three times as long to build as the answer (typer, rich, pydantic)."""
    for arg in argv:
        if arg == "--version":
            return True
        if not arg.startswith("-") or arg in ("-h", "--help", "--install-completion", "--show-completion"):
            return False
    return False


def main(argv: list[str] | None = None) -> int:
    if asks_version(sys.argv[1:] if argv is None else argv):
        print(version_line())
        return OK
    install_signal_handlers()
    try:
        # Importing creates some 30.000 long-lived objects (pydantic, typer and rich classes)
        # that the cyclic GC would scan again and again, a fifth of a cached `gap`: collect
        # nothing while importing, then set them aside (freeze) so later passes skip them.
        # A command's own objects (rich segments, later imports) live until it ends, so the
        # youngest generation is collected every 10.000 allocations rather than every 700.
        gc.disable()
        try:
            from ntm_plan.cli.app import main as run
        finally:
            gc.freeze()
            gc.set_threshold(GC_YOUNGEST, *gc.get_threshold()[1:])
            gc.enable()
        code = run(argv)
    except KeyboardInterrupt:
        with contextlib.suppress(KeyboardInterrupt, OSError):
            print(STOPPED, file=sys.stderr)
        code = INTERRUPTED
    # the command has answered: an interrupt now, while the interpreter shuts down, would
    # only print a traceback from an exit handler
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code
