"""Shared by the tests of read/: a time limit for the reader's loops."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """A reader loop that never ends fails the test instead of hanging it."""

    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"not answered within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
