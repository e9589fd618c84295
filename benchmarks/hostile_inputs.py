"""Time the reader on hostile inputs (the tests only check that they are refused): a
50 MB commune file, a file just under the 2 MB limit, nesting 200.000 levels deep, and a
ten-level "billion laughs". Prints seconds for each; all should be well under a second or
two on an office machine.

    python benchmarks/hostile_inputs.py
"""

from __future__ import annotations

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
    print(f"{label:<45} {time.perf_counter() - start:6.2f} s")


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


if __name__ == "__main__":
    main()
