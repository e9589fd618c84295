"""A document rendered again from unchanged data is the same file, byte for byte: offices
keep the signed plan and reports in git next to the data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from docx_helpers import QUARTER, SYNTHETIC
from ntm_plan.outputs import ZIP_EPOCH, reproducible_zip


def _render(cli, out: Path, *args: str) -> bytes:  # type: ignore[no-untyped-def]
    assert cli(*args, "-o", str(out)).code == 0
    return out.read_bytes()


@pytest.mark.parametrize(
    "args",
    [("plan", "--year", "2024", "--data", str(SYNTHETIC)), ("report", "--quarter", "2024-Q3", "--data", str(QUARTER))],
)
def test_every_entry_of_a_document_carries_the_same_fixed_time(cli, tmp_path: Path, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    first = _render(cli, tmp_path / "a.docx", *args)
    with zipfile.ZipFile(tmp_path / "a.docx") as document:
        assert {entry.date_time for entry in document.infolist()} == {ZIP_EPOCH}
    assert _render(cli, tmp_path / "b.docx", *args) == first


def test_source_date_epoch_dates_the_entries(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727654400")  # 2024-09-30 00:00:00 UTC
    _render(cli, tmp_path / "a.docx", "plan", "--year", "2024", "--data", str(SYNTHETIC))
    with zipfile.ZipFile(tmp_path / "a.docx") as document:
        assert {entry.date_time for entry in document.infolist()} == {(2024, 9, 30, 0, 0, 0)}


def test_a_source_date_epoch_past_what_zip_can_date_gives_its_latest_time(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5000000000")  # 2128-06-11: past 2107, zip's last year
    _render(cli, tmp_path / "a.docx", "plan", "--year", "2024", "--data", str(SYNTHETIC))
    with zipfile.ZipFile(tmp_path / "a.docx") as document:
        assert {entry.date_time for entry in document.infolist()} == {(2107, 12, 31, 23, 59, 58)}


@pytest.mark.parametrize("value", ["", "soon", "-5", "99999999999999999999"])
def test_an_unusable_source_date_epoch_falls_back_to_the_zip_epoch(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    source = _zip_of({"a.xml": b"<a/>"}, when=(2026, 11, 29, 9, 50, 6))
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(source))) as fixed:
        assert [e.date_time for e in fixed.infolist()] == [ZIP_EPOCH]


def test_entries_keep_their_names_order_content_and_compression() -> None:
    source = _zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>" * 50})
    with zipfile.ZipFile(io.BytesIO(source)) as before, zipfile.ZipFile(io.BytesIO(reproducible_zip(source))) as after:
        assert [e.filename for e in after.infolist()] == [e.filename for e in before.infolist()]
        assert [e.compress_type for e in after.infolist()] == [zipfile.ZIP_DEFLATED] * 2
        assert all(after.read(e) == before.read(e) for e in before.infolist())


def _zip_of(files: dict[str, bytes], when: tuple[int, int, int, int, int, int] = (2026, 1, 2, 3, 4, 5)) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.slow
def test_excel_forms_and_the_annex_workbook_are_reproducible_and_carry_no_save_time(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ingest_helpers import copy_data

    data = copy_data(tmp_path)
    for folder in ("a", "b"):
        assert (
            cli(
                "form", "--quarter", "2024-Q3", "--unit", "Duc Dong", "-o", str(tmp_path / folder), "--data", str(data)
            ).code
            == 0
        )
        assert (
            cli(
                "report",
                "--quarter",
                "2024-Q3",
                "--draft",
                "--xlsx",
                "-o",
                str(tmp_path / folder / "bc.xlsx"),
                "--data",
                str(data),
            ).code
            == 0
        )
    for name in ("duc-dong-2024-Q3.xlsx", "bc.xlsx"):
        first, second = tmp_path / "a" / name, tmp_path / "b" / name
        assert first.read_bytes() == second.read_bytes(), name
        with zipfile.ZipFile(first) as workbook:
            core = workbook.read("docProps/core.xml")
            assert b"dcterms:modified" not in core and b"dcterms:created" not in core
            assert {entry.date_time for entry in workbook.infolist()} == {ZIP_EPOCH}
