"""Every cell an import cannot trust is a diagnostic at its cell (exit 1, nothing written),
a workbook past a form's size is refused with a message, and a figure ten times the last
one is pointed out in the preview."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest_helpers import INDICATORS, TASKS, copy_data, fill, snapshot
from ntm_plan.ingest.cells import CellError, canonical, parse_day, parse_number, parse_text, parse_yes

QUARTER = "2024-Q3"
MARK = 424242


@pytest.fixture
def sent(tmp_path: Path, cli):
    data = copy_data(tmp_path)
    forms = tmp_path / "forms"
    run = cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(forms), "--data", str(data))
    assert run.code == 0, run.err
    return data, forms / "duc-dong-2024-Q3.xlsx"


def _rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite the parts of an .xlsx: `change(name, text) -> text`."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, content in parts:
            if info.filename.startswith("xl/worksheets/sheet"):
                content = change(info.filename, content.decode("utf-8")).encode("utf-8")
            zf.writestr(info.filename, content)


def _plant(path: Path, raw: str) -> None:
    """Replace the cell holding MARK by `raw`, an XML cell as a damaged or hostile file has it:
    `<v>1e309</v>`, `t="s"><v>99999</v>`, `><f>1+1</f>`; its style (a date format) is kept."""

    def change(_: str, xml: str) -> str:
        pattern = re.compile(rf'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="n"><v>{MARK}</v></c>')
        if raw.startswith("<"):
            return pattern.sub(lambda m: f"{m[1]}>{raw}</c>", xml)
        return pattern.sub(lambda m: f"{m[1]} {raw}</c>", xml)

    _rewrite(path, change)


CASES = [
    (TASKS, "done", "<v>1e309</v>", "NTM056", "không phải một số hữu hạn"),
    (TASKS, "done", "<v>-1e309</v>", "NTM056", "không phải một số hữu hạn"),
    (TASKS, "done", "<v>NaN</v>", "NTM056", "không phải một số hữu hạn"),
    (TASKS, "done", "<v>inf</v>", "NTM056", "không phải một số hữu hạn"),
    (TASKS, "done", "<v>12abc</v>", "NTM056", "không phải một số"),
    (TASKS, "done", "<v>1e300</v>", "NTM012", "quá lớn"),
    (TASKS, "done", "<v>1e-300</v>", "NTM012", "quá nhỏ"),
    (TASKS, "spent", "<v>1e16</v>", "NTM012", "quá lớn"),
    (TASKS, "done", "<f>SUM(1,2)</f>", "NTM056", "công thức"),
    (TASKS, "note", 't="s"><v>99999</v>', "NTM056", "chuỗi số 99999"),
    (TASKS, "note", 't="s"><v>-1</v>', "NTM056", "chuỗi số -1"),
    (TASKS, "day", "<v>1e20</v>", "NTM056", "ngày có thật"),
    (TASKS, "day", "<v>-5</v>", "NTM056", "ngày có thật"),
    (TASKS, "day", 't="d"><v>2024-13-45</v>', "NTM056", "không phải một ngày"),
    (INDICATORS, "value", "<v>1e309</v>", "NTM056", "không phải một số hữu hạn"),
    (INDICATORS, "value", "<v>1e300</v>", "NTM012", "quá lớn"),
    (INDICATORS, "value", "<f>A1*2</f>", "NTM056", "công thức"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sheet", "key", "raw", "code", "words"), CASES)
def test_a_bad_cell_is_a_diagnostic_at_its_cell(
    sent, cli, sheet: str, key: str, raw: str, code: str, words: str
) -> None:
    data, form = sent
    before = snapshot(data)
    figures = {"done": 200} if sheet == TASKS and key != "done" else {}
    if sheet == INDICATORS:
        row = fill(form, sheet, "#18.1", **{key: MARK})
    else:
        row = fill(form, sheet, "/duong-tt5", **figures, **{key: MARK})
    _plant(form, raw)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1, run.out
    letter = {"done": "K", "spent": "O", "note": "P", "day": "N"}[key] if sheet == TASKS else "H"
    line = next((x for x in run.err.splitlines() if f"{form.name}:{sheet}!{letter}{row}: lỗi[{code}]" in x), None)
    assert line is not None, run.err
    assert words in line
    assert "Lỗi nội bộ" not in run.err and "Traceback" not in run.err
    assert snapshot(data) == before


def test_a_formula_with_its_cached_value_is_read(sent, cli) -> None:
    data, form = sent
    fill(form, TASKS, "/duong-tt5", done=MARK)
    _plant(form, "<f>100+100</f><v>200</v>")
    run = cli("import", str(form), "--dry-run", "--data", str(data))
    assert run.code == 0, run.err
    assert "→ 200 m" in run.out


def _extra_part(path: Path, name: str, size: int) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, b"0" * size)


def test_a_workbook_too_large_once_uncompressed_is_refused_before_reading(sent, cli) -> None:
    data, form = sent
    before = snapshot(data)
    for n in range(3):  # 3 parts of 15 MB each: each below the part limit, together above the total
        _extra_part(form, f"xl/media/bom{n}.bin", 15 * 1024 * 1024)
    assert form.stat().st_size < 1024 * 1024, "the file itself is small: a zip bomb"
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1 and "lỗi[NTM057]" in run.err, run.err
    assert "tệp vượt giới hạn của một biểu: giải nén ra 45,1 MB (tối đa 40,0 MB)" in run.err
    assert snapshot(data) == before


def test_a_workbook_with_many_sheets_is_refused(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    wb = Workbook()
    for n in range(30):
        wb.create_sheet(f"Trang {n}")
    book = tmp_path / "nhieu-trang.xlsx"
    wb.save(book)
    run = cli("import", str(book), "--data", str(data))
    assert run.code == 1 and "lỗi[NTM057]" in run.err and "có 31 trang (tối đa 16)" in run.err, run.err


def test_a_sheet_with_too_many_rows_is_refused(sent, cli) -> None:
    data, form = sent
    rows = "".join(f'<row r="{r}"/>' for r in range(1, 100_002))

    def change(name: str, xml: str) -> str:
        if name.endswith("sheet3.xml"):
            return re.sub(r"<sheetData>.*</sheetData>|<sheetData/>", f"<sheetData>{rows}</sheetData>", xml, flags=re.S)
        return xml

    _rewrite(form, change)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1 and "lỗi[NTM057]" in run.err and "có 100001 dòng (tối đa 100000)" in run.err, run.err


def _with_observation(data: Path, value: str) -> None:
    unit = data / "communes" / "duc-dong.yaml"
    text = unit.read_text(encoding="utf-8")
    source = '{document: "Biểu quý II (SYNTHETIC)"}'
    line = f'  - {{indicator: "10", value: {value}, as_of: 2024-06-30, source: {source}}}\n'
    text = text.replace("observations:\n", "observations:\n" + line, 1)
    unit.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("last", "typed", "warned"),
    [
        ("50.02", "1.234,5", True),  # ×24.7: the decimal mark typed as a thousands mark
        ("50.02", "500,2", False),  # exactly ×10 is not more than ×10
        ("50.02", "500,3", True),
        ("50.02", "5,002", False),  # exactly a tenth
        ("50.02", "5,001", True),
        ("50.02", "60", False),
    ],
)
@pytest.mark.slow
def test_a_jump_of_more_than_ten_times_is_shown_in_the_preview(
    tmp_path: Path, cli, last: str, typed: str, warned: bool
) -> None:
    data = copy_data(tmp_path)
    _with_observation(data, last)
    forms = tmp_path / "forms"
    assert cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(forms), "--data", str(data)).code == 0
    form = forms / "duc-dong-2024-Q3.xlsx"
    row = fill(form, INDICATORS, "#10", value=typed)  # income, triệu đồng/người/năm
    run = cli("import", str(form), "--dry-run", "--data", str(data))
    assert run.code == 0, run.err
    assert (f"{form.name}:{INDICATORS}!H{row}: cảnh báo[NTM058]" in run.err) is warned, run.err


def test_a_task_jump_is_shown_and_still_imported(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    unit = data / "communes" / "duc-dong.yaml"
    text = unit.read_text(encoding="utf-8")
    anchor = "  - id: duong-tt5\n"
    at = text.index(anchor)
    block_end = text.index("\n  - id:", at + 1)
    entry = '\n    progress:\n      - {as_of: 2024-06-30, done: 3, source: {document: "Biểu quý II (SYNTHETIC)"}}'
    unit.write_text(text[:block_end] + entry + text[block_end:], encoding="utf-8")
    forms = tmp_path / "forms"
    assert cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(forms), "--data", str(data)).code == 0
    form = forms / "duc-dong-2024-Q3.xlsx"
    row = fill(form, TASKS, "/duong-tt5", done=300)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert f"{TASKS}!K{row}: cảnh báo[NTM058]: số mới 300 m gấp hơn 10 lần so với số đã báo cáo 3 m" in run.err
    assert "done: 300" in unit.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the parsers, in process


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        (datetime(2024, 9, 30, 0, 0), date(2024, 9, 30)),  # a date cell as openpyxl gives it
        (datetime(2024, 9, 30, 17, 45), date(2024, 9, 30)),
        (date(2024, 9, 30), date(2024, 9, 30)),
        (" 30 / 09 / 2024 ", date(2024, 9, 30)),
        ("30.9.2024", date(2024, 9, 30)),
    ],
)
def test_a_day_from_a_date_cell_or_typed(typed: object, day: date) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("hôm qua", "'hôm qua' không phải là ngày"),
        ("2024-9-30x", "'2024-9-30x' không phải là ngày"),
        ("2024-02-30", "ngày '2024-02-30' không có thật"),
        ("30/02/2024", "ngày '30/02/2024' không có thật"),
        (45565, "'45565' không phải là ngày"),
    ],
)
def test_a_day_that_is_none_says_why(typed: object, message: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_day(typed)
    assert str(caught.value) == message and caught.value.hint == "Ghi ngày dạng 30/09/2024."


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        (None, None),
        ("   ", None),
        ("\u200b", None),  # a zero-width space is blank, not a note
        ("\u2007\u00a0", None),
        (" Báo cáo\u00a0\u00a0số 12\n(bản  sửa) ", "Báo cáo số 12 (bản sửa)"),
        (12.0, "12"),
        (date(2024, 9, 30), "2024-09-30"),
    ],
)
def test_a_note_is_one_clean_line_or_nothing(typed: object, text: str | None) -> None:
    assert parse_text(typed) == text


@pytest.mark.parametrize(("typed", "yes"), [(None, False), ("", False), (" \u00a0", False), ("Có", True), ("x", True)])
def test_a_yes_cell_is_yes_or_blank(typed: object, yes: bool) -> None:
    assert parse_yes(typed) is yes


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (datetime(2024, 9, 30), "2024-09-30"),
        (datetime(2024, 9, 30, 8, 5), "2024-09-30T08:05:00"),
        (date(2024, 9, 30), "2024-09-30"),
        (True, "True"),
        (5.0, "5"),
        (5.5, "5.5"),
        (Decimal("5.00"), "5"),
        (Decimal("1E+1"), "10"),
        (Decimal("5.50"), "5.50"),
        (7, "7"),
        ("Có", "Có"),
    ],
)
def test_the_canonical_text_of_a_locked_cell(value: object, text: str) -> None:
    assert canonical(value) == text


LONGEST = "1," + "0" * 28 + "1"
"""30 significant digits, the most the YAML reader keeps."""


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1000000000000000", "số '1000000000000000' quá lớn"),  # 16 digits before the decimal mark
        ("0,0000000000000001", "số '0,0000000000000001' quá nhỏ"),
        (LONGEST + "1", f"số '{LONGEST}1' có quá nhiều chữ số"),  # 31 significant digits
    ],
)
def test_a_number_beyond_what_the_data_keeps_is_refused(typed: str, message: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_number(typed)
    assert str(caught.value) == message
    assert caught.value.hint is not None and caught.value.hint.startswith("Số nhận được có tối đa 15 chữ số")


@pytest.mark.parametrize("typed", ["999999999999999", "0,000000000000001", LONGEST, "0", 0.0, -0.5])
def test_a_number_within_what_the_data_keeps_is_taken(typed: object) -> None:
    assert parse_number(typed) == Decimal(str(typed).replace(",", "."))


def test_a_long_refused_number_is_shown_by_its_first_forty_characters() -> None:
    typed = "1" * 45
    with pytest.raises(CellError) as caught:
        parse_number(f" {typed} ")
    assert str(caught.value) == f"số '{'1' * 40}' quá lớn"


@pytest.mark.parametrize(
    ("typed", "message", "hint"),
    [
        (float("inf"), "'inf' không phải là số hữu hạn", "Ghi một số, ví dụ 200 hoặc 1,5."),
        (float("nan"), "'nan' không phải là số hữu hạn", "Ghi một số, ví dụ 200 hoặc 1,5."),
        (date(2024, 9, 30), "'2024-09-30' không phải là số", "Ghi một số, ví dụ 200 hoặc 1,5."),
        ("12a", "'12a' không phải là số", "Ghi một số, ví dụ 200 hoặc 1,5 (không kèm chữ)."),
        ("1e5", "'1e5' không phải là số", "Ghi một số, ví dụ 200 hoặc 1,5 (không kèm chữ)."),
    ],
)
def test_what_is_not_a_number_says_why(typed: object, message: str, hint: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_number(typed)
    assert (str(caught.value), caught.value.hint) == (message, hint)
