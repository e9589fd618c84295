"""Time the reader on hostile inputs (the tests only check that they are refused): a
50 MB commune file, a file just under the 2 MB limit, nesting 200.000 levels deep, and a
ten-level "billion laughs". Prints seconds for each; all should be well under a second or
two on an office machine. Then the peak memory (RSS) and time of `ntm-plan validate` on
SYNTHETIC data holding one file just under 2 MB: of valid items, of bad items, of tiny
items past the item limit, and of a million one-character bad items.

    python benchmarks/hostile_inputs.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ntm_plan.pipeline.load import load
from ntm_plan.read.reader import MAX_FILE_BYTES, read_yaml

HEAD = "# SYNTHETIC\nname: Hòa An\nkind: xã\nregion: Bắc Trung Bộ\nobservations:\n"
OBSERVATION = '  - {indicator: "1", value: 60, as_of: 2024-01-01, source: {document: "giả lập"}}\n'


def _timed(label: str, run: object) -> None:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    print(f"{label:<55} {time.perf_counter() - start:6.2f} s")


SHIPPED = Path(__file__).resolve().parents[1] / "data"
HEAD_2MB = "# SYNTHETIC\nname: Hòa An Giả Lập\nkind: xã\nregion: Bắc Trung Bộ\n"
ITEMS = {
    "valid items": '  - {{indicator: "1.1", value: 60, as_of: {day}, source: {{document: "giả lập"}}}}\n',
    "bad items (a word for a number)": '  - {{indicator: "10", value: năm, as_of: {day}, source: {{document: "x"}}}}\n',
    "misspelt keys": '  - {{indicator: "10", value: 5, as_of: {day}, sourse: {{document: "giả lập"}}}}\n',
    "{a: 1} items (over the item limit)": "  - {{a: 1}}\n",
}
MEASURE = (
    "import resource, subprocess, sys\n"
    "subprocess.run([sys.executable, '-m', 'ntm_plan', 'validate', '--data', sys.argv[1]], capture_output=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
)


def _items(item: str) -> str:
    """Block items up to just under 2 MB, each on its own date (no NTM062 between them)."""
    lines, size, n = [HEAD_2MB + "observations:\n"], len(HEAD_2MB.encode()) + 14, 0
    while True:
        line = item.format(day=f"{2000 + n // 336}-{n // 28 % 12 + 1:02d}-{n % 28 + 1:02d}")
        if size + len(line.encode()) > MAX_FILE_BYTES - 64:
            return "".join(lines)
        lines.append(line)
        size, n = size + len(line.encode()), n + 1


def _validate_peak(label: str, text: str) -> None:
    """Peak RSS of `ntm-plan validate`, a fresh process, over the shipped data plus the file."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(SHIPPED, data)
        (data / "communes" / "hoa-an.yaml").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", MEASURE, str(data)], capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
    print(f"{label:<55} {seconds:6.2f} s  peak {int(run.stdout):5d} MB")


def memory() -> None:
    for label, item in ITEMS.items():
        _validate_peak(f"validate, 2 MB of {label}", _items(item))
    room = MAX_FILE_BYTES - len(HEAD_2MB.encode()) - 64
    ones = HEAD_2MB + "observations: [" + "1," * (room // 2 - 10) + "1]\n"
    _validate_peak("validate, 2 MB of [1, 1, …] (a million errors)", ones)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "communes").mkdir()
        with (root / "communes" / "hoa-an.yaml").open("w", encoding="utf-8") as out:
            out.write(HEAD)
            while out.tell() < 50 * 1024 * 1024:
                out.write(OBSERVATION * 10_000)
        _timed("50 MB commune file (refused by size)", lambda: load(root))
    under = (HEAD + OBSERVATION * (MAX_FILE_BYTES // len(OBSERVATION.encode()) - 1)).encode()
    _timed("file just under the 2 MB limit (read)", lambda: read_yaml(under))
    deep = b"note: " + b"[" * 200_000 + b"]" * 200_000 + b"\n"
    _timed("200.000 nested flow lists (refused)", lambda: read_yaml(deep))
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    laughs = "\n".join(lines).encode()
    _timed("billion laughs, ten levels (refused)", lambda: read_yaml(laughs))
    memory()


if __name__ == "__main__":
    main()
