"""The daily command against the libraries it stands on: `ntm-plan gap Duc Dong` on the
shipped data vs a bare `import typer, pydantic, yaml, rich`, each as fresh processes,
interleaved, median of N. Prints both medians and their ratio (the goal is ≤ 2,0).

    python benchmarks/gap_ratio.py            # 15 runs each
    python benchmarks/gap_ratio.py --runs 31
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE = [sys.executable, "-c", "import typer, pydantic, yaml, rich"]
GAP = [sys.executable, "-m", "ntm_plan", "gap", "Duc", "Dong", "--as-of", "2024-09-30", "--data", str(REPO / "data")]


# An installed package has its bytecode compiled by pip; with PYTHONDONTWRITEBYTECODE set
# (as on some CI machines) an editable checkout would be compiled again in every run,
# ~80 ms that no user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    _once(GAP)  # warm the file cache and any cache of our own
    bare: list[float] = []
    gap: list[float] = []
    for _ in range(runs):
        bare.append(_once(BARE))
        gap.append(_once(GAP))
    bare_ms, gap_ms = statistics.median(bare) * 1000, statistics.median(gap) * 1000
    print(f"bare import typer+pydantic+yaml+rich: {bare_ms:.0f} ms (median of {runs})")
    print(f"ntm-plan gap Duc Dong:                {gap_ms:.0f} ms (median of {runs})")
    print(f"ratio: {gap_ms / bare_ms:.2f}".replace(".", ","))


if __name__ == "__main__":
    main()
