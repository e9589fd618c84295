"""Every issuer writes its own plan and report with the same templates.

`plan --unit Duc Dong` is a commune plan issued by UBND xã Đức Đồng: its header, số ký hiệu,
nơi nhận and signature block, its criteria and works only; the signer's name is left for the
office to write (the commune file names none). `--all` writes one document per issuer into a
folder, refusing a folder with files the tool did not write (unless --force) and writing
nothing when one document cannot be made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_helpers import QUARTER, REAL, lines, tables
from ntm_plan.documents.issuer import SIGN_HERE
from ntm_plan.pipeline.load import load


def _body(path: Path) -> list[str]:
    text = lines(path)
    return text[: next(i for i, line in enumerate(text) if line.startswith("Nơi nhận:"))]


def test_a_commune_plan_is_issued_by_the_commune(cli, tmp_path: Path) -> None:
    out = tmp_path / "kh.docx"
    run = cli("plan", "--unit", "Duc", "Dong", "--year", "2024", "--data", str(REAL), "-o", str(out))
    assert run.code == 0, run.err
    text = lines(out)
    assert text[0].startswith("ỦY BAN NHÂN DÂN\nXÃ ĐỨC ĐỒNG\n")
    assert any(line.startswith("Số:") and line.endswith("/KH-UBND") for line in text)
    assert any(line.startswith("Đức Đồng, ngày") for line in text)
    assert "Thực hiện xây dựng xã Đức Đồng đạt chuẩn xã nông thôn mới nâng cao năm 2024" in text
    body = "\n".join(_body(out))
    assert "Ủy ban nhân dân xã Đức Đồng ban hành Kế hoạch" in body
    assert "Trường THCS Đồng Lạng xây 6 phòng học bộ môn" in body and "7/9 khu dân cư" in body
    assert "An Dũng" not in body and "ĐH 46" not in body, "another unit's works in a commune plan"
    signature = tables(out)[-2]
    recipients, signer = signature.cell(0, 0).text, signature.cell(0, 1).text
    assert "- UBND huyện Đức Thọ;" in recipients and recipients.rstrip().endswith("- Lưu: VT.")
    assert signer.startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH") and signer.rstrip().endswith(SIGN_HERE)
    assert "Trần Hoài Đức" not in "\n".join(text), "the district chairman does not sign for a commune"
    annex = tables(out)[-1]
    leads = {row.cells[2].text for row in annex.rows[1:] if row.cells[0].text.isdigit()}
    assert leads == {"UBND xã Đức Đồng"}
    assert "(Kèm theo Kế hoạch số" in "\n".join(text) and "của Ủy ban nhân dân xã Đức Đồng)" in "\n".join(text)


def test_a_commune_report_asks_the_district_not_itself(cli, tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    run = cli("report", "--quarter", "2024-Q3", "-u", "Hoa An", "--data", str(QUARTER), "-o", str(out))
    assert run.code == 0, run.err
    text = lines(out)
    assert text[0].startswith("ỦY BAN NHÂN DÂN\nXÃ HÒA AN\n")
    body = _body(out)
    assert any("Ủy ban nhân dân xã Hòa An báo cáo kết quả" in line for line in body)
    assert not any("Bình Minh" in line for line in body), "another commune in Hòa An's report"
    assert not any("các xã, thị trấn" in line for line in body), "a commune reports on itself, not on the communes"
    proposals = [line for line in body[body.index("IV. KIẾN NGHỊ") + 1 :] if line.startswith("- ")]
    assert proposals and all(line.startswith("- Đề nghị Ủy ban nhân dân huyện Hòa Bình") for line in proposals)


def test_a_commune_report_with_nothing_reported_is_refused(cli, tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    run = cli("report", "--quarter", "2024-Q3", "-u", "Duc Dong", "--data", str(REAL), "-o", str(out))
    assert run.code == 1 and "NTM046" in run.err and "xã Đức Đồng" in run.err
    assert not out.exists()


@pytest.mark.slow
def test_all_writes_one_plan_per_issuer_into_a_folder(cli, tmp_path: Path) -> None:
    data, _ = load(REAL)
    folder = tmp_path / "ke-hoach"
    run = cli("plan", "--year", "2024", "--all", "--data", str(REAL), "-o", str(folder))
    assert run.code == 0, run.err
    written = sorted(p.name for p in folder.glob("*.docx"))
    assert len(written) == len(data.district_units()) + 1, "the communes of 2024 and the district"
    assert "ke-hoach-2024-duc-dong.docx" in written
    assert lines(folder / "ke-hoach-2024-tan-dan.docx")[0].startswith("ỦY BAN NHÂN DÂN\nXÃ TÂN DÂN\n")
    assert lines(folder / f"ke-hoach-2024-{data.district.id}.docx")[0].startswith("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ")
    again = cli("plan", "--year", "2024", "--all", "--data", str(REAL), "-o", str(folder))
    assert again.code == 0, "a folder the tool wrote may be written again"


def test_after_the_reform_the_new_communes_issue_and_ask_the_province(cli, tmp_path: Path) -> None:
    """In 2026 the district and its sixteen units no longer exist: --all writes the plans of
    the communes of that year, each issued by the commune and reporting to the province."""
    data, _ = load(REAL)
    folder = tmp_path / "ke-hoach-2026"
    run = cli("plan", "--year", "2026", "--all", "--data", str(REAL), "-o", str(folder))
    assert run.code == 0, run.err
    alive = [u for u in data.units if u.valid_from is not None and u.valid_from.year <= 2026 and u.valid_to is None]
    assert alive, "the shipped data has the communes formed on 01/7/2025"
    assert sorted(p.name for p in folder.glob("*.docx")) == sorted(f"ke-hoach-2026-{u.id}.docx" for u in alive)
    one = folder / f"ke-hoach-2026-{alive[0].id}.docx"
    text = "\n".join(lines(one))
    assert "UBND tỉnh Hà Tĩnh" in text and "huyện Đức Thọ" not in text.split("Nơi nhận:")[1]


@pytest.mark.slow
def test_all_refuses_a_folder_it_did_not_write(cli, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bao-cao-cua-toi.docx").write_bytes(b"keep me")
    run = cli("plan", "--year", "2024", "--all", "--data", str(REAL), "-o", str(folder))
    assert run.code == 1 and "NTM041" in run.err and "bao-cao-cua-toi.docx" in run.err
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao-cua-toi.docx"]
    forced = cli("plan", "--year", "2024", "--all", "--force", "--data", str(REAL), "-o", str(folder))
    assert forced.code == 0 and (folder / "bao-cao-cua-toi.docx").read_bytes() == b"keep me"


def test_all_reports_write_nothing_when_one_issuer_has_nothing_to_report(cli, tmp_path: Path) -> None:
    """Thị trấn Hòa Bình reported nothing in quý III: without --draft no report is written at all."""
    folder = tmp_path / "bao-cao"
    run = cli("report", "--quarter", "2024-Q3", "--all", "--data", str(QUARTER), "-o", str(folder))
    assert run.code == 1 and "thị trấn Hòa Bình" in run.err
    assert not folder.exists()
    drafted = cli("report", "--quarter", "2024-Q3", "--all", "--draft", "--data", str(QUARTER), "-o", str(folder))
    assert drafted.code == 0, drafted.err
    assert len(list(folder.glob("*.docx"))) == 4


@pytest.mark.slow
def test_the_signature_block_is_never_split_across_pages(cli, tmp_path: Path) -> None:
    """Read as PDF: 'Nơi nhận', the signer's title and the name line on one page, with the
    closing sentence ('./.') on that page too."""
    import subprocess

    from docx_helpers import poppler, to_pdf

    out = tmp_path / "kh.docx"
    assert cli("plan", "--year", "2024", "-u", "Duc Dong", "--data", str(REAL), "-o", str(out)).code == 0
    pdf = to_pdf(out, tmp_path)
    pages = subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    page = next(p for p in pages.stdout.split("\f") if "Nơi nhận:" in p)
    assert "TM. ỦY BAN NHÂN DÂN" in page and SIGN_HERE in page and "./." in page


def test_a_commune_file_s_document_block_is_used(cli, tmp_path: Path) -> None:
    """SYNTHETIC signer: a commune file with its own `document:` block issues with it."""
    from ingest_helpers import copy_data

    data = copy_data(tmp_path)
    path = data / "communes" / "duc-dong.yaml"
    block = (
        "document:\n"
        '  issuer: ["ỦY BAN NHÂN DÂN", "XÃ ĐỨC ĐỒNG"]\n'
        "  issuer_code: UBND\n"
        "  place: Đức Đồng\n"
        '  signer: {on_behalf: "TM. ỦY BAN NHÂN DÂN", title: "KT. CHỦ TỊCH", name: "Người Ký Thử"}\n'
        '  recipients: ["UBND huyện Đức Thọ", "Lưu: VT, NN"]\n'
    )
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    out = tmp_path / "kh.docx"
    run = cli("plan", "--year", "2024", "-u", "Duc Dong", "--data", str(data), "-o", str(out))
    assert run.code == 0, run.err
    signature = tables(out)[-2]
    assert signature.cell(0, 1).text.rstrip().endswith("Người Ký Thử")
    assert signature.cell(0, 0).text.rstrip().endswith("- Lưu: VT, NN.")
