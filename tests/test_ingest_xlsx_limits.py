"""ingest.xlsx_values at its edges: every limit of a workbook (parts, sizes, sheets, rows)
accepted at the limit and refused one past it with its Vietnamese reason; each built-in date
format; the first and last day of both date systems; and every cell the reader cannot trust
(a broken shared string, a formula without its result, a number or date that is none)
reported with why, never a traceback."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from ntm_plan.ingest import xlsx_values
from ntm_plan.ingest.xlsx_values import XlsxError, XlsxLimit, read_workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MB = 1024 * 1024
# the limits as a user meets them, written out: a test that read them from the module would follow a change
PART_LIMIT, TOTAL_LIMIT, ENTRIES_LIMIT, ROWS_LIMIT = 20 * MB, 40 * MB, 1000, 100_000


def sheet_xml(cells: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData></worksheet>'


def parts(
    sheets: dict[str, str],
    *,
    styles: str | None = '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
    shared: list[str] | None = None,
    book_pr: str = "",
) -> dict[str, str]:
    """The parts of a workbook: each sheet's XML by name, cellXfs (None: no styles part),
    shared strings (None: no shared strings part)."""
    listed = "".join(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(sheets, 1))
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    found = {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{book_pr}<sheets>{listed}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">{rels}</Relationships>',
    }
    if styles is not None:
        found["xl/styles.xml"] = f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
    if shared is not None:
        items = "".join(f"<si><t>{text}</t></si>" for text in shared)
        found["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{items}</sst>'
    for n, xml in enumerate(sheets.values(), 1):
        found[f"xl/worksheets/sheet{n}.xml"] = xml
    return found


def zipped(path: Path, contents: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return path


def one_sheet(tmp_path: Path, cells: str, **kwargs) -> xlsx_values.Sheet:
    book = read_workbook(zipped(tmp_path / "book.xlsx", dict(parts({"Biểu": sheet_xml(cells)}, **kwargs))))
    return book["Biểu"]


def refused(path: Path) -> str:
    with pytest.raises(XlsxLimit) as caught:
        read_workbook(path)
    return str(caught.value)


# ---- limits ---------------------------------------------------------------------------


def test_the_number_of_parts(tmp_path: Path) -> None:
    base: dict[str, str | bytes] = dict(parts({"Biểu": sheet_xml("")}))
    filler = {f"docProps/x{n}.xml": "" for n in range(ENTRIES_LIMIT - len(base))}
    assert list(read_workbook(zipped(tmp_path / "at.xlsx", base | filler))) == ["Biểu"]
    past = base | filler | {"docProps/one-more.xml": ""}
    assert refused(zipped(tmp_path / "past.xlsx", past)) == "có 1001 phần (tối đa 1000)"


def test_the_size_of_one_part_and_of_all_together(tmp_path: Path) -> None:
    base: dict[str, str | bytes] = dict(parts({"Biểu": sheet_xml('<row r="1"><c r="A1"><v>7</v></c></row>')}))
    # the workbook part itself exactly at the limit of one part (trailing white space is XML)
    book = str(base["xl/workbook.xml"])
    base["xl/workbook.xml"] = book + " " * (PART_LIMIT - len(book.encode("utf-8")))
    used = sum(len(v.encode("utf-8") if isinstance(v, str) else v) for v in base.values())
    at_total = base | {"xl/media/image1.bin": bytes(TOTAL_LIMIT - used)}
    assert read_workbook(zipped(tmp_path / "at.xlsx", at_total))["Biểu"].value("A1") == 7

    past_total = base | {"xl/media/image1.bin": bytes(TOTAL_LIMIT - used + 1)}
    assert refused(zipped(tmp_path / "total.xlsx", past_total)) == "giải nén ra 40,0 MB (tối đa 40,0 MB)"

    small: dict[str, str | bytes] = dict(parts({"Biểu": sheet_xml("")}))
    past_part = small | {"xl/media/image1.bin": bytes(PART_LIMIT + 1)}
    assert refused(zipped(tmp_path / "part.xlsx", past_part)) == (
        "phần 'xl/media/image1.bin' giải nén ra 20,0 MB (tối đa 20,0 MB)"
    )
    half = small | {"xl/media/image1.bin": bytes(30 * MB // 2)}
    assert refused(zipped(tmp_path / "half.xlsx", half | {"xl/media/image2.bin": bytes(45 * MB // 2)})) == (
        "phần 'xl/media/image2.bin' giải nén ra 22,5 MB (tối đa 20,0 MB)"
    )


def test_the_number_of_sheets(tmp_path: Path) -> None:
    sixteen = {f"Trang {n}": sheet_xml("") for n in range(1, 17)}
    assert len(read_workbook(zipped(tmp_path / "at.xlsx", dict(parts(sixteen))))) == 16
    seventeen = sixteen | {"Trang 17": sheet_xml("")}
    assert refused(zipped(tmp_path / "past.xlsx", dict(parts(seventeen)))) == "có 17 trang (tối đa 16)"


def test_the_number_of_rows_of_a_sheet(tmp_path: Path) -> None:
    rows = "<row/>" * ROWS_LIMIT
    assert one_sheet(tmp_path, rows).max_row == 0
    past = zipped(tmp_path / "past.xlsx", dict(parts({"Biểu": sheet_xml(rows + "<row/>")})))
    assert refused(past) == "trang 'Biểu' có 100001 dòng (tối đa 100000)"


def test_an_empty_zip_and_a_sheet_without_data(tmp_path: Path) -> None:
    with pytest.raises(XlsxError, match="no workbook part"):
        read_workbook(zipped(tmp_path / "empty.xlsx", {}))
    without_rels = {k: v for k, v in parts({"Biểu": sheet_xml("")}).items() if "_rels" not in k}
    with pytest.raises(XlsxError, match="no workbook part"):
        read_workbook(zipped(tmp_path / "no-rels.xlsx", dict(without_rels)))
    book = read_workbook(zipped(tmp_path / "bare.xlsx", dict(parts({"Biểu": f'<worksheet xmlns="{MAIN}"/>'}))))
    assert book["Biểu"].cells == {} and book["Biểu"].max_row == 0


# ---- dates ----------------------------------------------------------------------------

BUILTIN_DATE_FORMATS = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]


@pytest.mark.parametrize("fmt", [*BUILTIN_DATE_FORMATS, 0, 2, 13, 23, 44, 48, 49])
def test_each_built_in_format_is_a_date_or_a_number(tmp_path: Path, fmt: int) -> None:
    sheet = one_sheet(tmp_path, '<row r="1"><c r="A1" s="1"><v>45565</v></c></row>', styles=_xfs(0, fmt))
    assert sheet.value("A1") == (date(2024, 9, 30) if fmt in BUILTIN_DATE_FORMATS else 45565)


def _xfs(*fmt_ids: int, custom: str = "") -> str:
    xfs = "".join(f'<xf numFmtId="{fmt}"/>' for fmt in fmt_ids)
    return f"<numFmts>{custom}</numFmts><cellXfs>{xfs}</cellXfs>" if custom else f"<cellXfs>{xfs}</cellXfs>"


def test_a_custom_format_is_a_date_by_its_letters(tmp_path: Path) -> None:
    custom = '<numFmt numFmtId="164" formatCode="mm"/><numFmt numFmtId="165" formatCode="0.0"/>'
    cells = '<row r="1"><c r="A1" s="1"><v>45565</v></c><c r="B1" s="2"><v>45565</v></c></row>'
    sheet = one_sheet(tmp_path, cells, styles=_xfs(0, 164, 165, custom=custom))
    assert sheet.row(1, 2) == [date(2024, 9, 30), 45565]


def test_styles_without_cell_formats_or_a_blank_style_read_numbers(tmp_path: Path) -> None:
    cells = '<row r="1"><c r="A1" s="1"><v>45565</v></c><c r="B1" s=""><v>12</v></c></row>'
    assert one_sheet(tmp_path, cells, styles="").row(1, 2) == [45565, 12]
    (tmp_path / "book.xlsx").unlink()
    assert one_sheet(tmp_path, cells).row(1, 2) == [date(2024, 9, 30), 12]
    (tmp_path / "book.xlsx").unlink()
    blank = '<row r="1"><c r="A1" s=""><v>45565</v></c></row>'  # a blank style is style 0, here a date
    assert one_sheet(tmp_path, blank, styles=_xfs(14)).value("A1") == date(2024, 9, 30)


@pytest.mark.parametrize(
    ("book_pr", "first", "last"),
    [("", date(1899, 12, 30), 2_958_465), ('<workbookPr date1904="1"/>', date(1904, 1, 1), 2_957_003)],
    ids=["1900", "1904"],
)
def test_the_first_and_last_day_of_each_date_system(tmp_path: Path, book_pr: str, first: date, last: int) -> None:
    cells = (
        f'<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>{last}</v></c>'
        f'<c r="C1" s="1"><v>-1</v></c><c r="D1" s="1"><v>{last + 1}</v></c><c r="E1" s="1"><v>{last}.5</v></c></row>'
    )
    sheet = one_sheet(tmp_path, cells, book_pr=book_pr)
    assert sheet.row(1, 5) == [first, date(9999, 12, 31), None, None, None]
    assert sheet.problems == {
        (1, 3): "ô ngày ghi số ngày -1, không phải một ngày có thật",
        (1, 4): f"ô ngày ghi số ngày {last + 1}, không phải một ngày có thật",
        (1, 5): f"ô ngày ghi số ngày {last}.5, không phải một ngày có thật",
    }


def test_cells_stored_as_iso_dates(tmp_path: Path) -> None:
    cells = (
        '<row r="1"><c r="A1" t="d"><v>2024-09-30T00:00:00</v></c><c r="B1" t="d"><v>2024-09-30T14:30:00</v></c>'
        '<c r="C1" t="d"><v>2024-09-30</v></c><c r="D1" t="d"><v>hôm qua</v></c>'
        f'<c r="E1" t="d"><v>{"3" * 50}</v></c></row>'
    )
    sheet = one_sheet(tmp_path, cells)
    assert sheet.row(1, 3) == [date(2024, 9, 30), datetime(2024, 9, 30, 14, 30), date(2024, 9, 30)]
    assert [type(v) for v in sheet.row(1, 3)] == [date, datetime, date]
    assert sheet.problems == {
        (1, 4): "ô ngày ghi 'hôm qua', không phải một ngày",
        (1, 5): f"ô ngày ghi '{'3' * 40}', không phải một ngày",
    }


# ---- cells the reader cannot trust ---------------------------------------------------


def test_every_untrustworthy_cell_is_a_problem_with_its_reason(tmp_path: Path) -> None:
    long_number = "1" + "0" * 49
    cells = (
        '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>x</v></c>'
        '<c r="D1"><f>1+1</f></c><c r="E1"><f>1+1</f><v>2</v></c><c r="F1"/></row>'
        f'<row r="2"><c r="A2"><v>abc</v></c><c r="B2"><v>{"x" * 50}</v></c><c r="C2"><v>inf</v></c>'
        f'<c r="D2"><v>nan</v></c><c r="E2"><v>{long_number}e999</v></c><c r="F2" s="1"><v>{long_number}</v></c></row>'
    )
    sheet = one_sheet(tmp_path, cells, shared=["Đạt", "Chưa đạt"])
    assert sheet.cells == {(1, 1): "Chưa đạt", (1, 5): 2}
    formula = "ô có công thức nhưng tệp không lưu kết quả đã tính của công thức"
    assert sheet.problems == {
        (1, 2): "ô trỏ tới chuỗi số 2 không có trong tệp (tệp hỏng)",
        (1, 3): "ô trỏ tới chuỗi số x không có trong tệp (tệp hỏng)",
        (1, 4): formula,
        (2, 1): "ô số ghi 'abc', không phải một số",
        (2, 2): f"ô số ghi '{'x' * 40}', không phải một số",
        (2, 3): "ô số ghi 'inf', không phải một số hữu hạn",
        (2, 4): "ô số ghi 'nan', không phải một số hữu hạn",
        (2, 5): f"ô số ghi '{long_number[:40]}', không phải một số hữu hạn",
        (2, 6): f"ô ngày ghi số ngày {long_number[:40]}, không phải một ngày có thật",
    }


def test_a_shared_string_without_the_shared_strings_part(tmp_path: Path) -> None:
    sheet = one_sheet(tmp_path, '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3</v></c></row>')
    assert sheet.cells == {(1, 2): 3}
    assert sheet.problems == {(1, 1): "ô trỏ tới chuỗi số 0 không có trong tệp (tệp hỏng)"}
