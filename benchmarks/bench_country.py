"""Benchmark `init` of every province into one directory (3.321 commune-level units with
their 10.571 predecessor entries, from the national list shipped in the package), then
`validate` and `status` on it, against the bare libyaml parse of the same files.

Each command is a fresh process (median wall clock of --runs), with the load cache off
(cold: every file read, fitted and checked) and on (warm: the second run of the same data).

    python benchmarks/bench_country.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import bare_parse, run


def median_run(args: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    old = dict(os.environ)
    os.environ.update(env)
    try:
        results = [run(args, timeout=600) for _ in range(runs)]
    finally:
        os.environ.clear()
        os.environ.update(old)
    assert all(code in (0, 1) for _, _, code in results), results
    return statistics.median(w for w, _, _ in results), max(m for _, m, _ in results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vn"
        init_wall, init_mb, code = run(["init", str(root), "--all-provinces"], timeout=600)
        assert code == 0
        files = list((root / "communes").glob("*.yaml"))
        units = len(files)
        entries = sum(p.read_text(encoding="utf-8").count("\n  - {code:") for p in files)
        parse = statistics.median(bare_parse(root) for _ in range(args.runs))
        print(f"init --all-provinces: {init_wall:.2f} s, {init_mb:.0f} MB; {units} units, {entries} predecessors")
        print(f"bare YAML parse (libyaml, in-process) of the same {units + 34} files: {parse:.2f} s")
        cache = str(Path(tmp) / "cache")
        for label, env in (("cache off", {"NTM_PLAN_CACHE": "off"}), ("cache warm", {"NTM_PLAN_CACHE": cache})):
            for command in (["validate"], ["status"], ["status", "--format", "json"]):
                if label == "cache warm":
                    median_run([*command, "--data", str(root)], 1, env)  # fill the cache
                wall, mb = median_run([*command, "--data", str(root)], args.runs, env)
                name = " ".join(command)
                print(f"{name:>20} ({label}): {wall:.2f} s, {mb:.0f} MB, {wall / parse:.1f}× the bare parse")


if __name__ == "__main__":
    main()
