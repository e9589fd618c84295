"""Benchmark `ntm-plan site` on the shipped data and on SYNTHETIC communes (generate.py).

For each size it runs `ntm-plan site` as a fresh command twice: with an empty load cache
(cold: every YAML file parsed) and again (warm: the cache hit), and prints the wall time,
the CPU time (user + system: what the run costs on a machine shared with other work), the
peak memory, the pages written, their total size and the largest page, and the CPU time
per unit (flat when the build is linear in units).

    python benchmarks/bench_site.py               # shipped data, then N = 1000 and 3321
    python benchmarks/bench_site.py 3321 --work /tmp/bench-site
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

REPO = Path(__file__).resolve().parent.parent
PAGE_LIMIT = 200 * 1024


def run_site(data: Path, out: Path, cache: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of one fresh `ntm-plan site` run."""
    env = {**os.environ, "NTM_PLAN_CACHE": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ntm_plan", "site", "--data", str(data), "-o", str(out), "--as-of", "2024-09-30"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def site_size(out: Path) -> tuple[int, int, str, int]:
    pages = list(out.rglob("*.html"))
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    largest = max(pages, key=lambda p: p.stat().st_size)
    return len(pages), total, largest.relative_to(out).as_posix(), largest.stat().st_size


def bench(label: str, data: Path, units: int, work: Path) -> None:
    cache = work / f"cache-{label}"
    shutil.rmtree(cache, ignore_errors=True)
    out = work / f"site-{label}"
    shutil.rmtree(out, ignore_errors=True)
    print(f"{label}: {units} units", flush=True)
    for kind in ("cold", "warm"):
        wall, cpu, peak = run_site(data, out, cache)
        print(
            f"  {kind:<5} wall {wall:7.2f} s   CPU {cpu:7.2f} s ({1000 * cpu / units:6.2f} ms/unit)"
            f"   peak {peak:7.1f} MB",
            flush=True,
        )
    pages, total, largest, largest_size = site_size(out)
    verdict = "under" if largest_size < PAGE_LIMIT else "OVER"
    print(
        f"  {pages} pages, {total / 2**20:.1f} MB in all; largest page {largest} "
        f"{largest_size / 1024:.0f} KB ({verdict} 200 KB)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 3321])
    parser.add_argument("--work", type=Path, default=None, help="keep generated data here between runs")
    args = parser.parse_args()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load}")
    work = args.work or Path(tempfile.mkdtemp(prefix="ntm-bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    bench("shipped", REPO / "data", len(list((REPO / "data" / "communes").glob("*.yaml"))) + 1, work)
    for n in args.sizes:
        root = work / f"n{n}"
        if not (root / "communes").is_dir() or len(list((root / "communes").iterdir())) != n:
            shutil.rmtree(root, ignore_errors=True)
            generate(root, n)
        bench(f"n{n}", root, n + 1, work)


if __name__ == "__main__":
    main()
