"""The repository names no machine of ours: sources are public documents, not our paths."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).parents[1]
FOLDERS = ("data", "tests", "docs", "src", "benchmarks", "templates", "scripts")
MACHINE = ("/" + "work/", "shared/" + "reference", "000_" + "39ecc")


def test_no_machine_paths_in_the_repository() -> None:
    files = [REPO / "README.md", *(p for f in FOLDERS for p in (REPO / f).rglob("*") if p.is_file())]
    found = []
    for path in files:
        if path.suffix in (".pyc", ".docx", ".xlsx", ".png") or "egg-info" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(REPO)}: {m}" for m in MACHINE if m in text]
    assert not found, "\n".join(found)
