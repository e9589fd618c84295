"""Scale of the Word documents: plan and quarterly report at 250, 500, 1.000, 2.000 communes.

    python benchmarks/bench_documents.py                 # N = 250 500 1000 2000, 2 runs
    python benchmarks/bench_documents.py 250 1000 --runs 3

For each N a SYNTHETIC data directory is generated (benchmarks/generate.py), then each
document is written by a fresh `ntm-plan plan --year 2024` / `ntm-plan report --quarter
2024-Q3`. Printed: CPU seconds (user + system, min of the runs: steadier than wall time
on a shared machine), peak RSS, and at the end the ratio time(2N)/time(N) for each step
(linear growth with a fixed start-up cost gives a ratio below 2).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

COMMANDS = {"plan": ["plan", "--year", "2024"], "report": ["report", "--quarter", "2024-Q3"]}


def measure(args: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB) of one fresh command."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ntm_plan", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ntm-plan {' '.join(args)} failed: {stderr}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[250, 500, 1000, 2000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    results: dict[tuple[str, int], tuple[float, float]] = {}
    print(f"{'N':>6} {'document':8} {'CPU s':>8} {'peak MB':>8} {'KiB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            data = Path(tmp) / f"data-{n}"
            generate(data, n)
            for kind, command in COMMANDS.items():
                out = Path(tmp) / f"{kind}-{n}.docx"
                runs = [measure([*command, "--data", str(data), "-o", str(out)]) for _ in range(args.runs)]
                cpu, rss = min(r[0] for r in runs), min(r[1] for r in runs)
                results[(kind, n)] = (cpu, rss)
                print(f"{n:>6} {kind:8} {cpu:8.2f} {rss:8.0f} {out.stat().st_size / 1024:8.0f}", flush=True)
    for kind in COMMANDS:
        for n in args.sizes:
            if (kind, 2 * n) in results:
                (t1, m1), (t2, m2) = results[(kind, n)], results[(kind, 2 * n)]
                print(f"{kind}: time({2 * n})/time({n}) = {t2 / t1:.2f}; peak memory ratio {m2 / m1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
