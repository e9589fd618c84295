"""`validate` and `status` on SYNTHETIC data of N communes (see generate.py): cold (empty
cache), warm (nothing changed since the last run) and after one edited commune.

Each run is a fresh command; the table gives wall seconds and CPU seconds (user + system,
pool workers included), the median of --runs runs. It also checks that the three runs
print the same (cold and warm the same bytes; after the edit, the same as a cold run of
the edited tree), as they must.

    python benchmarks/bench_cache.py                 # N = 10000
    python benchmarks/bench_cache.py 2000 --runs 5 --work /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

EDITED = "gia-lap-1.yaml"


def run(args: list[str], cache: Path | str) -> tuple[float, float, tuple[bytes, bytes]]:
    """(wall seconds, CPU seconds, (stdout, stderr)) of one fresh command."""
    env = {**os.environ, "NTM_PLAN_CACHE": str(cache), "COLUMNS": "120"}
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ntm_plan", *args], capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = os.times()  # children's CPU: the command's, and its process pool's, once reaped
    cpu = after.children_user - before.children_user + after.children_system - before.children_system
    return wall, cpu, (done.stdout, done.stderr)


def _edit(path: Path, turn: int) -> None:
    """Another content at every turn: the commune's name changes."""
    text = path.read_text(encoding="utf-8")
    name = text.split("name: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"name: {name}", f"name: Giả Lập Sửa {turn}", 1), encoding="utf-8")


def bench(n: int, runs: int, work: Path) -> None:
    root = work / f"communes-{n}"
    if not (root / "communes" / f"gia-lap-{n}.yaml").exists():
        shutil.rmtree(root, ignore_errors=True)
        generate(root, n)
    commands = {
        "validate": ["validate", "--data", str(root)],
        "status": ["status", "--as-of", "2024-09-30", "--data", str(root)],
    }
    print(f"\nN = {n:,} SYNTHETIC communes, {runs} runs each (median)")
    print(f"{'command':<10} {'run':<10} {'wall s':>8} {'CPU s':>8}")
    for label, args in commands.items():
        cold, warm, edited = [], [], []
        for turn in range(runs):
            cache = Path(tempfile.mkdtemp(prefix="ntm-cache-", dir=work))
            wall, cpu, first = run(args, cache)
            cold.append((wall, cpu))
            wall, cpu, again = run(args, cache)
            warm.append((wall, cpu))
            assert again == first, f"{label}: a warm run printed something else than the cold run"
            _edit(root / "communes" / EDITED, turn)
            wall, cpu, after = run(args, cache)
            edited.append((wall, cpu))
            assert after == run(args, "off")[2], f"{label}: after one edit, not what a cold run prints"
            shutil.rmtree(cache)
        for name, times in (("cold", cold), ("warm", warm), ("one edit", edited)):
            wall = statistics.median(t[0] for t in times)
            cpu = statistics.median(t[1] for t in times)
            print(f"{label:<10} {name:<10} {wall:>8.2f} {cpu:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="keep generated data here between runs")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="ntm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            bench(n, args.runs, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
