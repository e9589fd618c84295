"""`plan --all` / `report --all`: every issuer's document into one folder.

Every document is rendered in memory before the first write (a template error writes
nothing); the folder is refused (NTM041) when it holds files the tool did not write, unless
--force; the names written are kept in a small list file in the folder, so the same command
may write there again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.cli.common import print_diagnostics
from ntm_plan.exits import DATA_PROBLEMS
from ntm_plan.model.dataset import Dataset

MANIFEST = ".ntm-plan-van-ban"
"""The list of files `--all` wrote into its folder: a folder holding anything else is not ours."""


def foreign_files(folder: Path) -> list[str]:
    """What a folder holds that `--all` did not write (nothing when the folder is new)."""
    if not folder.is_dir():
        return []
    ours: set[str] = set()
    manifest = folder / MANIFEST
    if manifest.is_file():
        ours = set(manifest.read_text(encoding="utf-8").split("\n")) | {MANIFEST}
    return sorted(p.name for p in folder.iterdir() if p.name not in ours)


def write_all(folder: Path, files: dict[str, bytes], dataset: Dataset, force: bool) -> None:
    """Every document into `folder`, all targets checked before the first write; a folder
    with files the tool did not write is refused (NTM041) unless --force."""
    from ntm_plan.documents.render import PACKAGED, packaged_template
    from ntm_plan.outputs import Protected, write_files

    foreign = foreign_files(folder)
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (f" và {len(foreign) - 3} tệp khác" if len(foreign) > 3 else "")
        diag = dg.error(
            "NTM041",
            f"không ghi vào '{folder}': thư mục có tệp không do ntm-plan ghi ({shown})",
            file=str(folder),
            hint="Chọn một thư mục mới hoặc rỗng với -o, hoặc thêm --force.",
        )
        print_diagnostics([diag])
        raise typer.Exit(DATA_PROBLEMS)
    listed = "\n".join(sorted(files)).encode("utf-8")
    protected = Protected(dataset.root, tuple(packaged_template(n) for n in PACKAGED))
    written, refused = write_files(folder, {**files, MANIFEST: listed}, protected, force=force)
    for target in written:
        if target.name != MANIFEST:
            typer.echo(f"Đã ghi {target}")
    if refused:
        print_diagnostics(refused)
        raise typer.Exit(DATA_PROBLEMS)
    typer.echo(f"{len(files)} văn bản trong {folder}/")


def render_all(template: Path, contexts: dict[str, dict[str, Any]]) -> dict[str, bytes]:
    """Every document in memory first: a template error writes nothing."""
    from ntm_plan.documents.render import render_bytes

    files: dict[str, bytes] = {}
    problems: list[dg.Diagnostic] = []
    for name, context in contexts.items():
        data, diags = render_bytes(template, context)
        problems += diags
        if data is not None:
            files[name] = data
        if diags:
            break
    if problems:
        print_diagnostics(problems)
        raise typer.Exit(DATA_PROBLEMS)
    return files
