"""The Word documents: format (NĐ 30/2020), escaping, failures that keep the old file, CLI."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from docx_helpers import QUARTER, SYNTHETIC, TEMPLATES, lines, tables, text

FONT = "Times New Roman"
TRICKY = 'Đường A & B <đoạn 2> "mở rộng"'
PRINTED = "Đường A & B <đoạn 2> \u201cmở rộng\u201d"  # straight quotes print as typographic ones


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ntm_plan.cli import main

    out = tmp_path_factory.mktemp("plan") / "ke-hoach-2024.docx"
    assert main(["plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out)]) == 0
    return out


def test_plan_reopens_and_has_no_leftover_tags(plan_docx: Path) -> None:
    body = text(plan_docx)
    assert "KẾ HOẠCH" in body and "KHUNG KẾ HOẠCH THỰC HIỆN" in body
    for tag in ("{{", "}}", "{%", "%}"):
        assert tag not in body


def test_special_characters_render_intact(plan_docx: Path) -> None:
    cells = lines(plan_docx)
    assert any(PRINTED in c for c in cells), "task text with & < > and quotes lost or mangled"
    annex = tables(plan_docx)[-1]
    assert any(row.cells[1].text == f"{PRINTED}: 350 m" for row in annex.rows)


def test_page_setup_is_a4_with_decree_margins(plan_docx: Path) -> None:
    doc = Document(str(plan_docx))
    first, annex = doc.sections[0], doc.sections[-1]
    assert abs(first.page_width - Mm(210)) < Mm(1) and abs(first.page_height - Mm(297)) < Mm(1)
    assert abs(annex.page_width - Mm(297)) < Mm(1) and abs(annex.page_height - Mm(210)) < Mm(1)
    for section in doc.sections:
        assert Mm(20) <= section.top_margin <= Mm(25)
        assert Mm(20) <= section.bottom_margin <= Mm(25)
        assert Mm(30) <= section.left_margin <= Mm(35)
        assert Mm(15) <= section.right_margin <= Mm(20)


def _style_ids_used(doc) -> set[str]:  # type: ignore[no-untyped-def]
    root = doc.element
    used = {el.get(qn("w:val")) for el in root.iter(qn("w:pStyle"))}
    used |= {el.get(qn("w:val")) for el in root.iter(qn("w:tblStyle"))}
    used |= {el.get(qn("w:val")) for el in root.iter(qn("w:rStyle"))}
    return used | {"Normal"}


def test_fonts_in_all_four_slots(plan_docx: Path) -> None:
    doc = Document(str(plan_docx))
    by_id = {s.style_id: s for s in doc.styles}
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    checked = [("docDefaults", defaults)]
    checked += [(sid, by_id[sid].element.rPr) for sid in sorted(_style_ids_used(doc)) if sid in by_id]
    assert len(checked) > 5
    for sid, rpr in checked:
        assert rpr is not None, f"style {sid} has no run properties"
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts is not None, f"style {sid} has no rFonts"
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(slot)) == FONT, f"style {sid}: {slot} is {fonts.get(qn(slot))}"
        assert fonts.get(qn("w:asciiTheme")) is None


def test_body_style_justified_indented_spaced(plan_docx: Path) -> None:
    doc = Document(str(plan_docx))
    style = doc.styles["NTM Body"]
    fmt = style.paragraph_format
    assert fmt.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent >= Mm(9.5)
    assert fmt.space_before.pt >= 6
    assert 13 <= style.font.size.pt <= 14


def test_header_is_borderless_two_column_table(plan_docx: Path) -> None:
    doc = Document(str(plan_docx))
    first = doc.element.body[0]
    assert first.tag == qn("w:tbl"), "the document must open with the header table"
    header = tables(plan_docx)[0]
    assert len(header.columns) == 2
    borders = first.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and all(b.get(qn("w:val")) in ("nil", "none") for b in borders)
    left, right = header.cell(0, 0).text, header.cell(0, 1).text
    assert "ỦY BAN NHÂN DÂN" in left and "HUYỆN HÒA BÌNH" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert header.cell(1, 0).text == "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-UBND"
    date_paragraph = header.cell(1, 1).paragraphs[0]
    assert (
        date_paragraph.text
        == "Hòa Bình, ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm 2024"
    )
    assert all(run.italic for run in date_paragraph.runs if run.text.strip())


def test_page_number_from_page_two(plan_docx: Path) -> None:
    doc = Document(str(plan_docx))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    instr = [f.get(qn("w:instr")) for f in section.header._element.iter(qn("w:fldSimple"))]
    assert any(i and i.strip().upper().startswith("PAGE") for i in instr)
    first_page = section.first_page_header._element
    assert not list(first_page.iter(qn("w:fldSimple"))) and not list(first_page.iter(qn("w:instrText")))
    centred = [p for p in section.header.paragraphs if p._p.findall(qn("w:fldSimple"))]
    assert centred and centred[0].alignment == 1  # centre


def test_signature_block_and_closing_mark(plan_docx: Path) -> None:
    body = lines(plan_docx)
    assert any(line.endswith("./.") for line in body)
    signature = next(t for t in tables(plan_docx) if "Nơi nhận:" in t.cell(0, 0).text)
    assert len(signature.columns) == 2
    right = signature.cell(0, 1).text
    assert "TM. ỦY BAN NHÂN DÂN" in right and "CHỦ TỊCH" in right and "Nguyễn Văn Thử" in right
    assert signature.cell(0, 0).text.splitlines()[-1] == "- Lưu: VT."


def test_number_and_date_when_given(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "kh.docx"
    result = cli(
        "plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--number", "5", "--date", "2024-01-09"
    )
    assert result.code == 0, result.err
    header = tables(out)[0]
    assert header.cell(1, 0).text == "Số: 05/KH-UBND"
    assert header.cell(1, 1).text == "Hòa Bình, ngày 09 tháng 01 năm 2024"
    assert "(Kèm theo Kế hoạch số 05/KH-UBND ngày 09/01/2024 của Ủy ban nhân dân huyện Hòa Bình)" in lines(out)


def test_default_output_name(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert cli("plan", "--year", "2024", "--data", str(SYNTHETIC)).code == 0
    assert cli("report", "--quarter", "2024-Q3", "--data", str(SYNTHETIC)).code == 0
    assert (tmp_path / "ke-hoach-2024.docx").is_file()
    assert (tmp_path / "bao-cao-quy-3-2024.docx").is_file()


def _broken_template(tmp_path: Path, replacement: str) -> Path:
    """A copy of the plan template whose 'closing' tag is replaced by `replacement`."""
    source = TEMPLATES / "ke-hoach.docx"
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert "{{ closing }}" in xml
                data = xml.replace("{{ closing }}", replacement).encode("utf-8")
            zout.writestr(item, data)
    return broken


def test_template_syntax_error_names_template_and_keeps_old_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = _broken_template(tmp_path, "Kết thúc kế hoạch {% endif %}{{ closing }}")
    out = tmp_path / "ke-hoach-2024.docx"
    out.write_bytes(b"previous version, must survive")
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(broken))
    assert result.code == 1
    assert "NTM040" in result.err and str(broken) in result.err
    assert "Kết thúc kế hoạch" in result.err, "the message should quote the text near the error"
    assert "Traceback" not in result.err + result.out
    assert out.read_bytes() == b"previous version, must survive"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hong.docx", "ke-hoach-2024.docx"]


def test_undefined_variable_is_an_error_not_blank(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = _broken_template(tmp_path, "{{ khong_co_bien_nay }}")
    out = tmp_path / "x.docx"
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out), "--template", str(broken))
    assert result.code == 1 and "NTM040" in result.err and "khong_co_bien_nay" in result.err
    assert not out.exists()
    check = cli("templates", "check", "--data", str(SYNTHETIC), "--plan-template", str(broken))
    assert check.code == 1 and "khong_co_bien_nay" in check.err


def test_unknown_filter_is_reported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = _broken_template(tmp_path, "{{ closing|khong_co_bo_loc }}")
    result = cli(
        "plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(tmp_path / "x.docx"), "--template", str(broken)
    )
    assert result.code == 1 and "NTM040" in result.err and "khong_co_bo_loc" in result.err


def test_templates_check_passes_on_shipped_templates(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("templates", "check", "--data", str(SYNTHETIC))
    assert result.code == 0, result.err
    assert result.out.count(": đạt") == 2


def test_missing_directory_gives_ntm041(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "khong-co" / "thu-muc" / "kh.docx"
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(out))
    assert result.code == 1
    assert "NTM041" in result.err and "Traceback" not in result.err
    assert not out.parent.exists()


def test_output_path_that_is_a_directory_gives_ntm041(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "la-thu-muc.docx"
    target.mkdir()
    result = cli("plan", "--year", "2024", "--data", str(SYNTHETIC), "-o", str(target))
    assert result.code == 1 and "NTM041" in result.err
    assert list(tmp_path.iterdir()) == [target], "no temporary file may be left behind"


def test_usage_errors_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("report", "--quarter", "2024-Q5", "--data", str(SYNTHETIC)).code == 2
    # 09/12/2024 is read (the forms' spelling); no 32nd day is
    assert cli("plan", "--year", "2024", "--date", "32/12/2024", "--data", str(SYNTHETIC)).code == 2
    assert cli("plan", "--year", "24", "--data", str(SYNTHETIC)).code == 2


def _with_control_character(tmp_path: Path) -> tuple[Path, int]:
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    commune = data / "communes" / "hoa-an.yaml"
    commune.write_text(
        commune.read_text(encoding="utf-8").replace("Xây nhà tiêu", "Xây\x07 nhà tiêu"), encoding="utf-8"
    )
    line = next(i for i, t in enumerate(commune.read_text(encoding="utf-8").splitlines(), 1) if "\x07" in t)
    return data, line


def test_refuses_to_render_invalid_data(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, _ = _with_control_character(tmp_path)
    out = tmp_path / "kh.docx"
    assert cli("validate", "--data", str(data)).code == 1
    result = cli("plan", "--year", "2024", "--data", str(data), "-o", str(out))
    assert result.code == 1 and "hoa-an.yaml" in result.err and "Traceback" not in result.err
    assert not out.exists()
    assert cli("report", "--quarter", "2024-Q3", "--data", str(data), "-o", str(out)).code == 1
    assert not out.exists()


def test_control_character_reported_with_its_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, line = _with_control_character(tmp_path)
    validate = cli("validate", "--data", str(data))
    assert validate.code == 1
    assert f"hoa-an.yaml:{line}:" in validate.out, "validate must name the line of the control character"


def test_report_renders_with_escaping(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bc.docx"
    assert cli("report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(out)).code == 0
    body = lines(out)
    assert any(PRINTED in line for line in body)
    assert any(line == "BÁO CÁO" for line in body)
    assert tables(out)[0].cell(1, 0).text.endswith("/BC-UBND")
