"""Benchmark the quarterly cycle on SYNTHETIC data: `form --all` for N communes, fill every
form programmatically (as an office would: decimal commas, dates as text), then time
`import --dry-run` and `import` of all N forms, and check that `validate` passes after.

    python benchmarks/bench_import.py            # N = 1000
    python benchmarks/bench_import.py 200
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

QUARTER = "2025-Q1"


def command(*args: str) -> tuple[str, subprocess.CompletedProcess[str]]:
    """Wall time and CPU time (the command and its worker processes) of a fresh command."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "ntm_plan", *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return f"{wall:.1f} s (CPU {cpu:.1f} s)", result


def fill(form: Path) -> None:
    """Each task one step further (cumulative), every third indicator a new value."""
    wb = load_workbook(form)
    tasks = wb["Nhiệm vụ"]
    for r in range(6, tasks.max_row + 1):
        quantity, last = tasks[f"E{r}"].value, tasks[f"I{r}"].value
        if isinstance(quantity, int | float) and isinstance(last, int | float) and last < quantity:
            new = min(quantity, last + (quantity - last) / 2)
            tasks[f"K{r}"] = f"{new:.1f}".replace(".", ",")  # typed as text with a decimal comma
            tasks[f"O{r}"] = "12,5"
    indicators = wb["Chỉ tiêu"]
    for n, r in enumerate(range(6, indicators.max_row + 1)):
        how = indicators[f"D{r}"].value
        if n % 3 or not isinstance(how, str):
            continue
        if how.startswith("số đạt"):
            indicators[f"H{r}"], indicators[f"I{r}"] = 40, 50
        elif how == "Đạt / Chưa đạt":
            indicators[f"H{r}"] = "Đạt"
        else:
            indicators[f"H{r}"] = "61,5"
        indicators[f"J{r}"] = "31/03/2025"
    wb.save(form)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ntm-import-bench-") as tmp:
        root = generate(Path(tmp) / "data", args.n)
        for path in (root / "communes").iterdir():  # communes lead their own works here
            path.write_text(path.read_text(encoding="utf-8").replace("lead: kinh-te-ha-tang", "lead: ubnd"))
        forms = Path(tmp) / "forms"
        took, result = command("form", "--quarter", QUARTER, "--all", "-o", str(forms), "--data", str(root))
        assert result.returncode == 0, result.stderr
        files = sorted(forms.glob("gia-lap-*.xlsx"))
        print(f"form --all: {len(files)} forms in {took}", flush=True)
        start = time.perf_counter()
        for form in files:
            fill(form)
        print(f"(filling them with openpyxl: {time.perf_counter() - start:.1f} s, not part of the tool)", flush=True)
        names = [str(f) for f in files]
        took, result = command("import", *names, "--quarter", QUARTER, "--dry-run", "--data", str(root))
        assert result.returncode == 0, result.stderr[-2000:]
        print(f"import --dry-run of {len(files)} forms: {took}", flush=True)
        took, result = command("import", *names, "--quarter", QUARTER, "--data", str(root))
        assert result.returncode == 0, result.stderr[-2000:]
        print(f"import of {len(files)} forms: {took} ({result.stdout.strip().splitlines()[-1]})", flush=True)
        took, result = command("validate", "--data", str(root))
        print(f"validate after: exit {result.returncode}, {took}; {result.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
