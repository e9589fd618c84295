"""A render that cannot be written leaves the previous document byte-for-byte intact."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import SYNTHETIC


def test_disk_full_keeps_the_previous_document(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ke-hoach-2024.docx"
    out.write_bytes(b"previous signed version")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    run = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out))
    assert run.code == 1
    assert "NTM041" in run.err and "đĩa đã đầy" in run.err and "Traceback" not in run.err
    assert out.read_bytes() == b"previous signed version"
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach-2024.docx"]  # no temporary file left behind


def test_read_only_directory_keeps_the_previous_document(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"previous report")
    real_replace = Path.replace

    def refuse(self: Path, target: str | os.PathLike[str]) -> Path:
        if Path(target) == out:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", refuse)
    run = cli("report", "--quarter", "2024-Q3", "--data", str(SYNTHETIC), "-o", str(out))
    assert run.code == 1 and "NTM041" in run.err and "chỉ cho phép đọc" in run.err
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]
