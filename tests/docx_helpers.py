"""Helpers for the document tests: run the CLI in-process, read a .docx back as text."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "tests" / "data" / "synthetic"
QUARTER = ROOT / "tests" / "data" / "synthetic-q3"
REAL = ROOT / "data"
TEMPLATES = ROOT / "src" / "ntm_plan" / "documents" / "templates"
IN_CI = os.environ.get("CI", "").lower() == "true"


def template_with(tmp_path: Path, replacement: str, name: str = "mau.docx") -> Path:
    """A copy of the shipped plan template whose 'closing' tag is replaced by `replacement`."""
    made = tmp_path / name
    with zipfile.ZipFile(TEMPLATES / "ke-hoach.docx") as zin, zipfile.ZipFile(made, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace("{{ closing }}", replacement).encode("utf-8")
            zout.writestr(item, data)
    return made


def blocks(path: Path) -> list[object]:
    """Body paragraphs and tables in document order."""
    doc = Document(str(path))
    out: list[object] = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(element, doc))
        elif tag == "tbl":
            out.append(Table(element, doc))
    return out


def lines(path: Path) -> list[str]:
    """Text of every paragraph and every table cell, in order."""
    out: list[str] = []
    for block in blocks(path):
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            assert isinstance(block, Table)
            for row in block.rows:
                out.extend(cell.text for cell in row.cells)
    return out


def text(path: Path) -> str:
    return "\n".join(lines(path))


def tables(path: Path) -> list[Table]:
    return [b for b in blocks(path) if isinstance(b, Table)]


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) must be installed under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def poppler(tool: str) -> str:
    """A poppler-utils tool; required under CI=true, else its checks are skipped, not passed."""
    exe = shutil.which(tool)
    if exe is None:
        if IN_CI:
            pytest.fail(f"{tool} (poppler-utils) must be installed under CI=true")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return exe


def convert(source: Path, to: str, outdir: Path, profile: Path, name: str) -> Path:
    """Convert `source` with LibreOffice into `outdir/name`, using its own profile so a running
    instance cannot interfere; fail with LibreOffice's output when it did not write the file."""
    result = subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    target = outdir / name
    assert result.returncode == 0 and target.is_file(), f"LibreOffice failed: {result.stdout}\n{result.stderr}"
    return target


def to_pdf(docx: Path, workdir: Path) -> Path:
    return convert(docx, "pdf", workdir, workdir / "lo-profile", docx.stem + ".pdf")
