"""Benchmark ntm-plan on SYNTHETIC data of N communes (see generate.py) and on the shipped data.

For each N it times, as fresh commands (wall clock, median of several runs): `validate`,
`status`, `gap` for one commune, and the plan and report renders; it also times bare
libyaml parsing (`yaml.CSafeLoader`) of the same files in-process and prints the ratio
of validate to it, and the peak memory (max RSS) of each command.

    python benchmarks/run.py                 # N = 16, 1000, 10000
    python benchmarks/run.py 16 1000 --runs 3
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

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

REPO = Path(__file__).resolve().parent.parent
DOCUMENT_TIMEOUT = 900  # seconds; a 10,000-commune plan is a book, not a daily task


def bare_parse(root: Path) -> float:
    files = sorted(root.rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def run(args: list[str], timeout: float) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one fresh command."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ntm_plan", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return float("inf"), 0.0, -1
        time.sleep(0.005)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(label: str, args: list[str], runs: int, timeout: float = 600) -> dict[str, float]:
    walls, peaks = [], []
    for _ in range(runs):
        wall, peak, code = run(args, timeout)
        if code not in (0, 1):
            print(f"  {label:<10} failed (exit {code})", flush=True)
            return {"wall": float("inf"), "peak": 0.0}
        walls.append(wall)
        peaks.append(peak)
        if wall == float("inf"):
            break
    result = {"wall": statistics.median(walls), "peak": max(peaks)}
    print(f"  {label:<10} {result['wall']:8.3f} s   peak {result['peak']:7.1f} MB   ({len(walls)} runs)", flush=True)
    return result


def bench(n: int, runs: int, work: Path) -> None:
    root = work / f"n{n}"
    if not (root / "communes").is_dir() or len(list((root / "communes").iterdir())) != n:
        shutil.rmtree(root, ignore_errors=True)
        generate(root, n)
    size = sum(p.stat().st_size for p in root.rglob("*.yaml")) / 2**20
    print(f"N = {n} communes ({size:.1f} MB of YAML)", flush=True)
    parse = statistics.median(bare_parse(root) for _ in range(max(1, min(runs, 3))))
    print(f"  {'parse':<10} {parse:8.3f} s   (bare yaml.CSafeLoader, in-process)", flush=True)
    data = ["--data", str(root)]
    validate = measure("validate", ["validate", *data, "--format", "json"], runs)
    status = measure("status", ["status", *data, "--as-of", "2024-12-31", "--format", "json"], runs)
    measure("gap", ["gap", "Giả", "Lập", "1", *data, "--as-of", "2024-12-31"], runs)
    doc_runs = runs if n <= 1000 else 1
    out = work / "out.docx"
    measure("plan", ["plan", "--year", "2024", *data, "-o", str(out)], doc_runs, DOCUMENT_TIMEOUT)
    measure("report", ["report", "--quarter", "2024-Q3", *data, "-o", str(out)], doc_runs, DOCUMENT_TIMEOUT)
    print(
        f"  ratio validate / bare parse = {validate['wall'] / parse:.2f}; "
        f"status / bare parse = {status['wall'] / parse:.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[16, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="keep generated data here between runs")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, libyaml {yaml.__with_libyaml__}")
    print("shipped data (Đức Thọ, 16 units):", flush=True)
    shipped = ["--data", str(REPO / "data")]
    measure("gap", ["gap", "Duc", "Dong", *shipped], max(args.runs, 10))
    measure("validate", ["validate", *shipped], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.docx"
        measure("plan", ["plan", "--year", "2024", *shipped, "-o", str(out)], args.runs)
        measure("report", ["report", "--quarter", "2024-Q3", *shipped, "-o", str(out)], args.runs)
    work = args.work or Path(tempfile.mkdtemp(prefix="ntm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        bench(n, args.runs, work)


if __name__ == "__main__":
    main()
