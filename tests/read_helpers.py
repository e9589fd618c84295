"""Shared by the tests of read/: a time limit for the reader's loops."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


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


@pytest.fixture
def time_limit() -> Iterator[None]:
    """Used by every test of read/ (`pytestmark`): 20 s at most, so a changed loop condition
    fails the test at once rather than hanging the run."""
    with at_most(20):
        yield
