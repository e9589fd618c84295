"""Time the Word documents: the plan and the quarterly report, median of several runs.

    python benchmarks/bench_documents.py [DATA_DIR] [--runs 5]

Each run loads the data, builds the context and renders and writes the .docx, in process
(what `ntm-plan plan` does after start-up); the first run also pays the imports. A second
figure times the whole command in a fresh interpreter. Defaults to ./data when it has a
district.yaml, else the synthetic test data (tests/data/synthetic-q3, SYNTHETIC).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _default_data() -> Path:
    real = ROOT / "data"
    return real if (real / "district.yaml").is_file() else ROOT / "tests" / "data" / "synthetic-q3"


def _in_process(data: Path, out: Path, kind: str) -> float:
    from ntm_plan.cli.app import main

    args = ["plan", "--year", "2024"] if kind == "plan" else ["report", "--quarter", "2024-Q3"]
    start = time.perf_counter()
    code = main([*args, "--data", str(data), "-o", str(out)])
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{kind} failed with exit code {code}")
    return elapsed


def _fresh_process(data: Path, out: Path, kind: str) -> float:
    args = ["plan", "--year", "2024"] if kind == "plan" else ["report", "--quarter", "2024-Q3"]
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ntm_plan", *args, "--data", str(data), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = args.data or _default_data()
    print(f"data: {data}  runs: {args.runs}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("plan", "report"):
            out = Path(tmp) / f"{kind}.docx"
            warm = [_in_process(data, out, kind) for _ in range(args.runs)]
            cold = [_fresh_process(data, out, kind) for _ in range(args.runs)]
            print(
                f"{kind:6s} in-process median {statistics.median(warm):.3f} s "
                f"(min {min(warm):.3f}, max {max(warm):.3f}); "
                f"fresh `ntm-plan {kind}` median {statistics.median(cold):.3f} s; "
                f"{out.stat().st_size / 1024:.0f} KiB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
