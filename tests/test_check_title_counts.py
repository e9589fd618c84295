"""A source's count of titled units (`title_counts`, NTM065) at its boundaries: a count dated
on the day asked already counts; each title's latest count is checked even after one that
agrees. SYNTHETIC data (the province set-up of tests/test_province_status.py)."""

from __future__ import annotations

from test_merger_figures import SRC
from test_province_status import _counted


def test_a_count_dated_on_the_day_asked_is_checked(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    root = _counted(write_tree, f"{{tier: đạt chuẩn, count: 2, as_of: 2026-06-30, source: {SRC}}}")
    on_the_day = cli("status", "--as-of", "2026-06-30", "--data", str(root))
    assert on_the_day.code == 0, on_the_day.err
    assert "nêu 2 đơn vị đạt NTM; dữ liệu ghi nhận 1 đơn vị" in " ".join(on_the_day.err.split())
    day_before = cli("status", "--as-of", "2026-06-29", "--data", str(root))
    assert "NTM065" not in day_before.err


def test_each_title_s_count_is_checked_after_one_that_agrees(write_tree, cli) -> None:  # type: ignore[no-untyped-def]
    """NTM (1 unit holds it: agrees) comes before nâng cao (0 hold it, the source says 3)."""
    agrees = f"{{tier: đạt chuẩn, count: 1, as_of: 2026-06-30, source: {SRC}}}"
    differs = f"{{tier: nâng cao, count: 3, as_of: 2026-06-30, source: {SRC}}}"
    root = _counted(write_tree, f"{agrees}\n  - {differs}")
    run = cli("status", "--as-of", "2026-12-31", "--data", str(root))
    assert run.code == 0, run.err
    said = " ".join(run.err.split())
    assert said.count("NTM065") == 1
    assert "nêu 3 đơn vị đạt NTM nâng cao; dữ liệu ghi nhận 0 đơn vị" in said
