"""Limits on filling a template: time, output size, and the two operators that can build a
huge value in one step. A template is a document an office edits and shares; one with
loops nested over the communes would otherwise run for hours or fill the memory.

`BudgetedEnvironment` is Jinja's sandbox checking its deadline at every attribute, item,
call and piece of output; `deadline` adds a timer signal for loops that do none of these.
Going past a limit raises `RenderLimit`, which `render` reports as NTM040.
"""

from __future__ import annotations

import contextlib
import math
import operator
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import jinja2
import jinja2.sandbox

from ntm_plan.present.vnformat import number

RENDER_SECONDS_ENV = "NTM_PLAN_RENDER_SECONDS"
RENDER_SECONDS = 120.0
"""The shipped templates fill a 2.000-commune plan in about 3 s (benchmarks/)."""
MAX_PIECES = 20_000_000
MAX_CHARS = 500_000_000
"""The 2.000-commune plan is 474.000 pieces and 40 million characters of XML."""
MAX_REPEAT = 1_000_000
"""Longest string or list a template may build with `*` ('─' * 40 is what one needs)."""
MAX_POWER = 1024
"""Largest integer exponent: 10 ** 1000000000 computes for minutes inside one step (Jinja reads
10 ** 10 ** 9 left to right, (10 ** 10) ** 9, which is instant)."""


class RenderLimit(jinja2.TemplateError):
    """Filling the template went past a limit; `reason` says which, in Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def too_long(seconds: float) -> RenderLimit:
    return RenderLimit(f"điền mẫu quá {number(seconds)} giây")


def render_seconds() -> float:
    """The time limit: $NTM_PLAN_RENDER_SECONDS when it is a positive number, else 120 s."""
    try:
        value = float(os.environ.get(RENDER_SECONDS_ENV) or RENDER_SECONDS)
    except ValueError:
        return RENDER_SECONDS
    return value if value > 0 and math.isfinite(value) else RENDER_SECONDS


class BudgetedEnvironment(jinja2.sandbox.SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, seconds: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = seconds if seconds is not None else render_seconds()
        self.deadline = math.inf
        self.pieces = 0
        self.chars = 0

    def in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise too_long(self.seconds)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.in_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.in_time()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.in_time()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        self.in_time()
        if operator_ == "*":
            for times, value in ((left, right), (right, left)):
                if isinstance(times, int) and isinstance(value, (str, list, tuple)) and len(value) * times > MAX_REPEAT:
                    raise RenderLimit(f"phép nhân tạo chuỗi hoặc danh sách quá dài (hơn {number(MAX_REPEAT)} phần tử)")
            return operator.mul(left, right)
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > MAX_POWER:
            raise RenderLimit(f"phép lũy thừa quá lớn (số mũ hơn {number(MAX_POWER)})")
        return operator.pow(left, right)

    def concat(self, pieces: Iterable[str]) -> str:
        return "".join(self._counted(pieces))

    def _counted(self, pieces: Iterable[str]) -> Iterator[str]:
        for piece in pieces:
            self.pieces += 1
            self.chars += len(piece)
            if self.pieces > MAX_PIECES or self.chars > MAX_CHARS:
                raise RenderLimit(f"mẫu tạo ra quá nhiều nội dung (hơn {number(MAX_CHARS)} ký tự)")
            if not self.pieces % 1024:
                self.in_time()
            yield piece


@contextlib.contextmanager
def deadline(env: BudgetedEnvironment) -> Iterator[None]:
    """Start the clock; with a timer signal where there is one (POSIX, main thread), so that
    loops that neither output nor touch a value stop too
    (`{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}`)."""
    env.deadline = time.monotonic() + env.seconds
    env.pieces = env.chars = 0
    timer = getattr(signal, "setitimer", None)
    if timer is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise too_long(env.seconds)

    previous = signal.signal(signal.SIGALRM, ring)
    timer(signal.ITIMER_REAL, env.seconds)
    try:
        yield
    finally:
        timer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
