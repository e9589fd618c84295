"""A template cannot run for hours or fill the memory: past the time limit (configurable
by NTM_PLAN_RENDER_SECONDS), the output limit, or with a huge `*` or `**`, filling stops
with NTM040 naming the template, exit 1, nothing written and the previous file intact."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from docx_helpers import SYNTHETIC, TEMPLATES, template_with
from ntm_plan.documents import budget
from ntm_plan.documents.render import make_env

NESTED = {
    "with output": "{% for a in range(5000) %}{% for b in range(5000) %}x{% endfor %}{% endfor %}",
    "silent": "{% for a in range(5000) %}{% for b in range(5000) %}{% endfor %}{% endfor %}",
}
"""25 million turns: ~1,5 s silent, ~7 s with output on a fast machine without the limit
(so that a lost limit fails the test, not hangs it); the tests allow 0,2 s."""


def _plan(cli, template: Path, out: Path):  # type: ignore[no-untyped-def]
    return cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(template))


@pytest.mark.slow
@pytest.mark.parametrize("loops", sorted(NESTED))
def test_nested_loops_stop_at_the_time_limit_and_leave_the_previous_file(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loops: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(budget.RENDER_SECONDS_ENV, "0.2")
    template = template_with(tmp_path, NESTED[loops])
    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"previous plan")
    run = _plan(cli, template, out)
    assert run.code == 1 and "Traceback" not in run.err
    assert f"lỗi[NTM040]: mẫu '{template}': điền mẫu quá 0,2 giây nên đã dừng, không ghi tệp kết quả" in run.err
    assert "NTM_PLAN_RENDER_SECONDS" in run.err
    assert out.read_bytes() == b"previous plan" and sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [out.name, template.name]
    )
    check = cli("templates", "check", "--data", str(SYNTHETIC), "--plan-template", str(template))
    assert check.code == 1 and "điền mẫu quá 0,2 giây" in check.err


def test_the_limit_leaves_no_timer_behind(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(budget.RENDER_SECONDS_ENV, "0.2")
    before = signal.getsignal(signal.SIGALRM)
    assert _plan(cli, template_with(tmp_path, NESTED["silent"]), tmp_path / "a.docx").code == 1
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    monkeypatch.setenv(budget.RENDER_SECONDS_ENV, "60")  # a timer left armed by a finished render would still run
    run = _plan(cli, TEMPLATES / "ke-hoach.docx", tmp_path / "b.docx")
    assert run.code == 0 and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_too_much_output_stops(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(budget, "MAX_CHARS", 2_000_000)
    out = tmp_path / "ke-hoach.docx"
    run = _plan(cli, template_with(tmp_path, "{% for a in range(100000) %}{{ 'x' * 100 }}{% endfor %}"), out)
    assert run.code == 1 and "mẫu tạo ra quá nhiều nội dung (hơn 2.000.000 ký tự)" in run.err
    assert not out.exists()
    assert _plan(cli, TEMPLATES / "ke-hoach.docx", out).code == 0  # the shipped template is far below


def test_repeat_and_power_are_bounded_at_their_limits() -> None:
    env = make_env()
    repeat = env.from_string("{{ ('x' * n) | length }}|{{ ([1] * n) | length }}|{{ (n * 'x') | length }}")
    assert repeat.render(n=budget.MAX_REPEAT) == "|".join([str(budget.MAX_REPEAT)] * 3)
    with pytest.raises(budget.RenderLimit, match="quá dài"):
        env.from_string("{{ 'x' * n }}").render(n=budget.MAX_REPEAT + 1)
    with pytest.raises(budget.RenderLimit, match="quá dài"):
        env.from_string("{{ n * 'x' }}").render(n=budget.MAX_REPEAT + 1)
    assert env.from_string("{{ 6 * 7 }} {{ 2.5 * 2 }}").render() == "42 5.0"
    assert env.from_string("{{ 2 ** n }}").render(n=budget.MAX_POWER) == str(2**budget.MAX_POWER)
    with pytest.raises(budget.RenderLimit, match="lũy thừa"):
        env.from_string("{{ 2 ** n }}").render(n=budget.MAX_POWER + 1)
    assert env.from_string("{{ 1 ** n }} {{ (-1) ** n }}").render(n=10**9 + 1) == "1 -1"


def test_render_seconds_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(budget.RENDER_SECONDS_ENV, raising=False)
    assert budget.render_seconds() == budget.RENDER_SECONDS == 120
    monkeypatch.setenv(budget.RENDER_SECONDS_ENV, "0.5")
    assert budget.render_seconds() == 0.5 and make_env().seconds == 0.5
    for bad in ("abc", "0", "-1", "inf", "nan"):
        monkeypatch.setenv(budget.RENDER_SECONDS_ENV, bad)
        assert budget.render_seconds() == 120


def test_the_deadline_itself() -> None:
    env = make_env(seconds=60)
    with budget.deadline(env):
        env.in_time()  # well before
        env.deadline -= 61
        with pytest.raises(budget.RenderLimit, match="quá 60 giây"):
            env.in_time()
