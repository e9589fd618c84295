"""The daily command against the libraries it stands on: `ntm-plan gap Duc Dong` on the
shipped data vs a bare `import typer, pydantic, yaml, rich`, each as fresh processes,
interleaved, N runs each. Prints the median and the fastest run of each and their ratio
(the goal is ≤ 2,0), in wall time and in CPU time (user + system of the child). On a
virtual machine whose host is busy, every run is slowed at random; the fastest run is the
least disturbed one and its ratio the steadiest.

    python benchmarks/gap_ratio.py            # 15 runs each
    python benchmarks/gap_ratio.py --runs 31
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE = [sys.executable, "-c", "import typer, pydantic, yaml, rich"]
FLOOR = [sys.executable, str(REPO / "benchmarks" / "floor_app.py"), "gap", "Duc", "Dong"]
GAP = [sys.executable, "-m", "ntm_plan", "gap", "Duc", "Dong", "--as-of", "2024-09-30", "--data", str(REPO / "data")]


# An installed package has its bytecode compiled by pip; with PYTHONDONTWRITEBYTECODE set
# (as on some CI machines) an editable checkout would be compiled again in every run,
# ~80 ms that no user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    _once(GAP)  # warm the file cache and any cache of our own
    _once(FLOOR)
    times: dict[str, list[tuple[float, float]]] = {"bare": [], "floor": [], "gap": []}
    for _ in range(runs):
        for name, command in (("bare", BARE), ("floor", FLOOR), ("gap", GAP)):
            times[name].append(_once(command))
    for (label, index), (kind, pick) in itertools.product(
        (("wall", 0), ("CPU", 1)), (("median", statistics.median), ("fastest", min))
    ):
        bare, floor, gap = (pick(t[index] for t in times[n]) * 1000 for n in ("bare", "floor", "gap"))
        print(f"{label} time, {kind} of {runs}:")
        print(f"  bare import typer+pydantic+yaml+rich  {bare:4.0f} ms")
        print(f"  floor_app.py (the libraries in use)   {floor:4.0f} ms   ratio {_comma(floor / bare)}")
        print(f"  ntm-plan gap Duc Dong                 {gap:4.0f} ms   ratio {_comma(gap / bare)}")


def _comma(ratio: float) -> str:
    return f"{ratio:.2f}".replace(".", ",")


if __name__ == "__main__":
    main()
