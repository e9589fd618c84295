"""ingest.xlsx_values: each cell of a filled form read with the type the office typed —
dates (built-in and custom formats, both date systems) apart from numbers, a date apart from
a date with a time, integers apart from decimals, booleans, text in every storage form."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from ntm_plan.ingest.xlsx_values import XlsxError, column_index, read_workbook


def saved(tmp_path: Path, cells: dict[str, tuple[object, str | None]], *, epoch_1904: bool = False) -> Path:
    """A workbook written by openpyxl (as LibreOffice/Excel would) with one value and number format per cell."""
    wb = Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    for ref, (value, number_format) in cells.items():
        ws[ref] = value
        if number_format is not None:
            ws[ref].number_format = number_format
    path = tmp_path / "form.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("number_format", "expected"),
    [
        ("dd/mm/yyyy", date(2024, 9, 30)),
        ("d/m/yy", date(2024, 9, 30)),
        ("mmm-yy", date(2024, 9, 30)),
        ("yyyy", date(2024, 9, 30)),
        ('[$-42A]dd" tháng "mm" năm "yyyy', date(2024, 9, 30)),
        ("mm-dd-yy", date(2024, 9, 30)),  # the built-in format 14
        ("0.00", 45565),
        ("#,##0", 45565),
        ('0" ngày"', 45565),  # a 'd' inside quotes is text, not a day
        ("[Red]0;[Blue]-0", 45565),  # a colour in brackets is not a format letter
        ("\\d0", 45565),  # an escaped 'd' is a literal character
        ("General", 45565),
    ],
)
def test_a_serial_number_is_a_date_only_under_a_date_format(
    tmp_path: Path, number_format: str, expected: object
) -> None:
    path = saved(tmp_path, {"B2": (45565, number_format)})
    value = read_workbook(path)["Chỉ tiêu"].value("B2")
    assert value == expected
    assert type(value) is type(expected)


def test_typed_dates_come_back_as_dates_and_times_as_datetimes(tmp_path: Path) -> None:
    path = saved(
        tmp_path,
        {
            "A1": (date(2024, 9, 30), "dd/mm/yyyy"),
            "A2": (datetime(2024, 9, 30, 14, 30), "dd/mm/yyyy hh:mm"),
            "A3": (datetime(2024, 9, 30, 0, 0), "dd/mm/yyyy hh:mm"),
            "A4": (date(1900, 3, 1), "dd/mm/yyyy"),
        },
    )
    sheet = read_workbook(path)["Chỉ tiêu"]
    assert sheet.value("A1") == date(2024, 9, 30)
    assert type(sheet.value("A1")) is date
    assert sheet.value("A2") == datetime(2024, 9, 30, 14, 30)
    assert type(sheet.value("A3")) is date  # midnight is a date, not a date with a time
    assert sheet.value("A4") == date(1900, 3, 1)


def test_the_1904_date_system_of_old_mac_workbooks(tmp_path: Path) -> None:
    path = saved(
        tmp_path,
        {"A1": (date(2024, 9, 30), "dd/mm/yyyy"), "A2": (datetime(2024, 12, 31, 8, 15), "dd/mm/yyyy hh:mm")},
        epoch_1904=True,
    )
    with zipfile.ZipFile(path) as zf:
        assert (
            'date1904="1"' in zf.read("xl/workbook.xml").decode() or "date1904" in zf.read("xl/workbook.xml").decode()
        )
    sheet = read_workbook(path)["Chỉ tiêu"]
    assert sheet.value("A1") == date(2024, 9, 30)
    assert sheet.value("A2") == datetime(2024, 12, 31, 8, 15)


def test_numbers_keep_integer_or_decimal_as_typed(tmp_path: Path) -> None:
    path = saved(
        tmp_path,
        {
            "A1": (7, None),
            "A2": (7.5, None),
            "A3": (0, None),
            "A4": (-3, None),
            "A5": (True, None),
            "A6": (False, None),
        },
    )
    sheet = read_workbook(path)["Chỉ tiêu"]
    assert [sheet.value(f"A{r}") for r in range(1, 7)] == [7, 7.5, 0, -3, True, False]
    assert [type(sheet.value(f"A{r}")) for r in range(1, 7)] == [int, float, int, int, bool, bool]


SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData></worksheet>'
)


def handmade(
    tmp_path: Path, cells: str, *, book_pr: str = "", second_state: str | None = None, absolute: bool = False
) -> Path:
    """A workbook written part by part: the storage forms other programs use (inline strings,
    formula results, absolute part names) that openpyxl does not write."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheets = '<sheet name="Nhiệm vụ" sheetId="1" r:id="rId1"/>'
    rels = '<Relationship Id="rId1" Type="worksheet" Target="{}"/>'.format(
        "/xl/worksheets/sheet1.xml" if absolute else "worksheets/sheet1.xml"
    )
    if second_state is not None:
        sheets += f'<sheet name="Ẩn" sheetId="2" state="{second_state}" r:id="rId2"/>'
        rels += '<Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/>'
    path = tmp_path / "handmade.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel_ns}">{book_pr}<sheets>{sheets}</sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        zf.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{main}"><si><t>Đạt</t></si><si><r><t>Chưa </t></r><r><t>đạt</t></r></si></sst>',
        )
        zf.writestr(
            "xl/styles.xml",
            f'<styleSheet xmlns="{main}"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
            '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="2"/></cellXfs>'
            "</styleSheet>",
        )
        zf.writestr("xl/worksheets/sheet1.xml", SHEET.format(cells))
        zf.writestr("xl/worksheets/sheet2.xml", SHEET.format(""))
    return path


def test_every_storage_form_of_a_cell(tmp_path: Path) -> None:
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>Hoàn </t><r><t>thành</t></r></is></c></row>'
        '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c>'
        '<c r="C2" t="str"><f>A1</f><v>Đạt</v></c><c r="D2" t="e"><v>#DIV/0!</v></c></row>'
        '<row r="3"><c r="A3"><v>5</v></c><c r="B3"><v>5.0</v></c><c r="C3"><v>1E3</v></c>'
        '<c r="D3"><v>0.5</v></c><c r="E3" t="n"><v>-12</v></c></row>'
        '<row r="4"><c r="A4" s="1"><v>45565</v></c><c r="B4" s="2"><v>45565.75</v></c>'
        '<c r="C4" s="3"><v>45565</v></c><c r="D4" s="1"><v>45565.5</v></c></row>'
        '<row r="5"><c r="A5"/><c r="B5" t="s"/><c r="AA5"><v>27</v></c><c r="bad"><v>1</v></c></row>'
    )
    sheet = read_workbook(handmade(tmp_path, cells))["Nhiệm vụ"]
    assert sheet.row(1, 3) == ["Đạt", "Chưa đạt", "Hoàn thành"]
    assert sheet.row(2, 4) == [True, False, "Đạt", "#DIV/0!"]
    assert sheet.row(3, 5) == [5, 5.0, 1000.0, 0.5, -12]
    assert [type(v) for v in sheet.row(3, 5)] == [int, float, float, float, int]
    assert sheet.row(4, 4) == [date(2024, 9, 30), datetime(2024, 9, 30, 18, 0), 45565, datetime(2024, 9, 30, 12, 0)]
    assert sheet.value("A5") is None and sheet.value("B5") is None  # empty cells are absent, not ""
    assert sheet.value("AA5") == 27
    assert sheet.max_row == 5
    assert set(sheet.cells) >= {(5, 27)}
    assert len([k for k in sheet.cells if k[0] == 5]) == 1  # 'bad' is no cell reference


def test_sheet_states_and_absolute_part_names(tmp_path: Path) -> None:
    book = read_workbook(
        handmade(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>', second_state="hidden", absolute=True)
    )
    assert list(book) == ["Nhiệm vụ", "Ẩn"]
    assert book["Nhiệm vụ"].state == "visible"
    assert book["Ẩn"].state == "hidden"
    assert book["Nhiệm vụ"].value("A1") == 1
    assert book["Ẩn"].max_row == 0


@pytest.mark.parametrize("flag", ['date1904="1"', 'date1904="true"'])
def test_the_1904_flag_in_both_spellings(tmp_path: Path, flag: str) -> None:
    cells = '<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43833</v></c></row>'
    sheet = read_workbook(handmade(tmp_path, cells, book_pr=f"<workbookPr {flag}/>"))["Nhiệm vụ"]
    assert sheet.value("A1") == date(1904, 1, 1)
    assert sheet.value("B1") == date(2024, 1, 4)


def test_the_1900_system_when_the_flag_is_off(tmp_path: Path) -> None:
    cells = '<row r="1"><c r="A1" s="1"><v>1</v></c></row>'
    sheet = read_workbook(handmade(tmp_path, cells, book_pr='<workbookPr date1904="0"/>'))["Nhiệm vụ"]
    assert sheet.value("A1") == date(1899, 12, 31)


def test_a_missing_sheet_part_or_a_non_zip_is_an_xlsx_error(tmp_path: Path) -> None:
    path = handmade(tmp_path, "")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, src.read(item))
    with pytest.raises(XlsxError):
        read_workbook(broken)
    text = tmp_path / "text.xlsx"
    text.write_text("không phải bảng tính", encoding="utf-8")
    with pytest.raises(XlsxError):
        read_workbook(text)


def test_a_workbook_without_its_workbook_part_is_an_xlsx_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", SHEET.format(""))
    with pytest.raises(XlsxError):
        read_workbook(path)


@pytest.mark.parametrize(
    ("letters", "index"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52), ("BA", 53), ("XFD", 16384)]
)
def test_column_letters(letters: str, index: int) -> None:
    assert column_index(letters) == index


def test_a_bad_cell_reference_is_refused() -> None:
    from ntm_plan.ingest.xlsx_values import Sheet

    with pytest.raises(ValueError):
        Sheet("x", "visible").value("1A")


def test_a_workbook_without_styles_reads_numbers_as_numbers(tmp_path: Path) -> None:
    path = handmade(tmp_path, '<row r="1"><c r="A1" s="1"><v>45565</v></c></row>')
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bare, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/styles.xml":
                dst.writestr(item, src.read(item))
    assert read_workbook(bare)["Nhiệm vụ"].value("A1") == 45565
