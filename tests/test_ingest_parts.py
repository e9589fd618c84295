"""Parts of the form/import cycle: what offices type, the YAML edit, the workbook itself."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from docx_helpers import convert
from ingest_helpers import TASKS, copy_data, row_of
from ntm_plan.ingest.cells import CellError, parse_day, parse_number, parse_percent
from ntm_plan.ingest.yaml_edit import Addition, add_items


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,5", "1.5"),
        ("1.234,5", "1234.5"),
        ("1\u2009000", "1000"),
        ("\u00a0200 ", "200"),
        ("1.234.567", "1234567"),
        ("0.25", "0.25"),
        (12, "12"),
        (2.5, "2.5"),
        (3.0, "3"),
    ],
)
def test_numbers_as_offices_type_them(typed: object, value: str) -> None:
    assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["hai trăm", "1,2,3", "1.500", "12a", "", True, "1.2,5"])
def test_not_numbers(typed: object) -> None:
    with pytest.raises(CellError):
        parse_number(typed)


def test_percent_may_carry_its_sign() -> None:
    assert parse_percent("45,5%") == Decimal("45.5")


@pytest.mark.parametrize(
    ("typed", "day"),
    [("30/09/2024", date(2024, 9, 30)), ("1-7-2024", date(2024, 7, 1)), ("2024-08-15", date(2024, 8, 15))],
)
def test_dates_as_offices_type_them(typed: str, day: date) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["31/09/2024", "09/30/2024", "hôm qua", "2024-13-01"])
def test_not_dates(typed: str) -> None:
    with pytest.raises(CellError):
        parse_day(typed)


YAML = """\
# a commune (SYNTHETIC)
name: Hòa An   # kept as is
tasks:
  - id: a
    text: |
      Hai dòng
      văn bản
    # a comment after the block text
  - id: b
    text: B
    progress:
      - {as_of: 2024-03-31, done: 1}   # first quarter

      # trailing comment
observations: [{indicator: "1", value: 2, as_of: 2023-12-31, source: {document: x}}]
"""


def test_text_edit_keeps_every_other_line() -> None:
    entry = {"as_of": date(2024, 6, 30), "done": Decimal("2.5"), "note": 'dấu "ngoặc"'}
    new, _ = add_items(YAML, [Addition(("tasks", 0, "progress"), entry), Addition(("tasks", 1, "progress"), entry)])
    lines = new.splitlines()
    assert lines[7:9] == ["    progress:", '      - {as_of: 2024-06-30, done: 2.5, note: "dấu \\"ngoặc\\""}']
    assert lines[14] == '      - {as_of: 2024-06-30, done: 2.5, note: "dấu \\"ngoặc\\""}'
    kept = lines[:7] + lines[9:14] + lines[15:]
    assert kept == YAML.splitlines()


def test_flow_list_falls_back_to_the_round_trip_writer() -> None:
    entry = {"indicator": "1", "value": Decimal(3), "as_of": date(2024, 9, 30), "source": {"document": "y"}}
    new, _ = add_items(YAML, [Addition(("observations",), entry)])
    assert new.splitlines()[:-1] == YAML.splitlines()[:-1]  # comments and the rest untouched
    assert "as_of: 2024-09-30" in new.splitlines()[-1]


def test_a_refused_edit_says_why_in_vietnamese() -> None:
    from ntm_plan.ingest.yaml_edit import EditError

    with pytest.raises(EditError, match=r"^tệp đang có lỗi khi đọc$"):  # the import prints it (NTM041)
        add_items("progress: [\n", [Addition(("progress",), {"as_of": date(2024, 9, 30), "done": 1})])


@pytest.fixture
def form(tmp_path: Path, cli) -> Path:
    data = copy_data(tmp_path)
    assert cli("form", "--quarter", "2024-Q3", "--unit", "Duc Dong", "-o", str(tmp_path), "--data", str(data)).code == 0
    return tmp_path / "duc-dong-2024-Q3.xlsx"


def test_openpyxl_reopens_the_form_with_validation_and_protection(form: Path) -> None:
    wb = load_workbook(form)
    ws = wb[TASKS]
    row = row_of(form, TASKS, "/duong-tt5")
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    road = rules[f"K{row}"]
    assert (road.type, road.formula1, road.formula2) == ("decimal", "0", "350")
    assert any(f"M{row}" in key and dv.type == "list" for key, dv in rules.items())
    assert ws.protection.sheet
    assert ws[f"K{row}"].protection.locked is False
    assert ws[f"D{row}"].protection.locked is True
    assert ws.column_dimensions["A"].hidden
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert wb["_kiemtra"].sheet_state == "veryHidden"
    assert wb["Chỉ tiêu"].data_validations.dataValidation, "the indicators sheet has validation too"


def test_the_done_cell_prompt_writes_a_decimal_comma(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    assert cli("form", "--quarter", "2024-Q3", "--unit", "An Dung", "-o", str(tmp_path), "--data", str(data)).code == 0
    form = tmp_path / "an-dung-2024-Q3.xlsx"
    row = row_of(form, TASKS, "/ngo-xom")
    rules = {str(dv.sqref): dv for dv in load_workbook(form)[TASKS].data_validations.dataValidation}
    road = rules[f"K{row}"]
    assert road.formula2 == "2.5"  # Excel's own formula keeps the point
    assert road.prompt == road.error == "Số lũy kế từ 0 đến 2,5 km."  # the office reads a comma, as the guide asks


@pytest.mark.slow
def test_libreoffice_converts_the_form_to_csv(form: Path, tmp_path: Path) -> None:
    profile = tmp_path / "lo-profile"
    target = convert(
        form, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv", profile, "duc-dong-2024-Q3.csv"
    )
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert any("Nâng cấp, mở rộng tuyến TT 5" in cell for row in rows for cell in row)
    assert "UBND xã Đức Đồng" in rows[1]


@pytest.mark.slow
def test_a_form_saved_again_by_libreoffice_imports(form: Path, tmp_path: Path, cli) -> None:
    """Offices open the form in Calc or Excel and save it: shared strings, their own styles."""
    from ingest_helpers import fill

    fill(form, TASKS, "/duong-tt5", done=200, day="30/09/2024")
    resaved = convert(form, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", tmp_path / "lo-profile", form.name)
    run = cli("import", str(resaved), "--dry-run", "--data", str(tmp_path / "data"))
    assert run.code == 0, run.err
    assert "chưa báo cáo → 200 m (30/09/2024)" in run.out


def test_other_commands_do_not_import_openpyxl_or_ruamel() -> None:
    from conftest import fresh_python

    result = fresh_python(
        "main(['gap', 'Duc', 'Dong', '--as-of', '2024-09-30', '--format', 'json'])",
        "main(['validate'])",
        "assert not [m for m in sys.modules if m.startswith(('openpyxl', 'ruamel'))], 'heavy import'",
    )
    assert result.returncode == 0, result.stderr


def test_write_all_finishes_the_renames_when_one_fails_once(tmp_path: Path, monkeypatch) -> None:
    from ntm_plan.ingest import apply

    files = {tmp_path / f"{name}.yaml": f"old {name}\n" for name in ("a", "b", "c")}
    for path, text in files.items():
        path.write_text(text)
    real_replace = Path.replace
    calls = []

    def failing_replace(self: Path, target: Path) -> Path:
        calls.append(target)
        if len(calls) == 3:  # the journal, a.yaml, then b.yaml refused once
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    apply.write_all({path: "new\n" for path in files})
    assert {p.name: p.read_text() for p in files} == dict.fromkeys(("a.yaml", "b.yaml", "c.yaml"), "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]  # no temp file, no journal


def test_write_all_leaves_every_file_as_it_was_when_a_temporary_file_fails(tmp_path: Path, monkeypatch) -> None:
    import os

    from ntm_plan.ingest import apply

    files = {tmp_path / f"{name}.yaml": f"old {name}\n" for name in ("a", "b", "c")}
    for path, text in files.items():
        path.write_text(text)
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        apply.write_all({path: "new\n" for path in files})
    assert {p: p.read_text() for p in files} == files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]


@pytest.fixture(scope="module")
def real():
    from conftest import REAL_DATA
    from ntm_plan.pipeline.load import load

    return load(REAL_DATA)[0]


def _row_result(real, **cells: object) -> list[str]:
    from ntm_plan.ingest.changes import task_change
    from ntm_plan.ingest.reading import FilledForm, FilledRow

    form = FilledForm("f.xlsx", 2024, 3, "unit:duc-dong", "UBND xã Đức Đồng")
    row = FilledRow(TASKS, 7, "unit:duc-dong/duong-tt5", {"done": None, "percent": None, **cells})
    diags: list = []
    change = task_change(real, form, row, diags)
    assert (change is None) == bool(diags)
    return [d.code for d in diags]


@pytest.mark.parametrize(
    ("cells", "codes"),
    [
        ({"done": 350}, []),  # the whole quantity
        ({"done": "350,01"}, ["NTM030"]),
        ({"percent": 100}, []),
        ({"percent": "100,5"}, ["NTM013"]),
        ({"done": 0}, []),
        ({"done": -1}, ["NTM013"]),
        ({"done": 10, "day": "01/07/2024"}, []),  # the quarter's first day
        ({"done": 10, "day": "30/06/2024"}, ["NTM013"]),
        ({"done": 10, "day": "30/09/2024"}, []),
        ({"done": 10, "day": "01/10/2024"}, ["NTM013"]),
        ({"done": 10, "percent": 5}, ["NTM013"]),
        ({"note": "chỉ ghi chú"}, ["NTM010"]),
        ({"done": 10, "correction": "không"}, ["NTM013"]),
    ],
)
def test_task_row_boundaries(real, cells: dict[str, object], codes: list[str]) -> None:
    assert _row_result(real, **cells) == codes


def test_refused_figures_are_written_with_a_decimal_comma(real) -> None:
    from ntm_plan.ingest.changes import task_change
    from ntm_plan.ingest.reading import FilledForm, FilledRow

    form = FilledForm("f.xlsx", 2024, 3, "unit:duc-dong", "UBND xã Đức Đồng")
    row = FilledRow(TASKS, 7, "unit:duc-dong/duong-tt5", {"percent": "100,5", "spent": "-1,5"})
    diags: list = []
    assert task_change(real, form, row, diags) is None
    assert [d.message for d in diags] == ["số -1,5 không được âm", "100,5% vượt quá 100%"]


def test_an_equal_total_is_not_a_decrease(real) -> None:

    from ntm_plan.model import Progress

    unit = next(u for u in real.units if u.id == "duc-dong")
    tasks = tuple(
        t.model_copy(update={"progress": (Progress(as_of=date(2024, 6, 30), done=Decimal(200)),)})
        if t.id == "duong-tt5"
        else t
        for t in unit.tasks
    )
    changed = unit.model_copy(update={"tasks": tasks})
    data = real._replace(units=tuple(changed if u is unit else u for u in real.units))
    assert _row_result(data, done=200) == []
    assert _row_result(data, done="199,9") == ["NTM032"]
    assert _row_result(data, done="199,9", correction="Có") == []


def test_the_line_insertion_is_used_on_the_real_data_and_checked(monkeypatch) -> None:
    from conftest import REAL_DATA
    from ntm_plan.ingest import yaml_edit

    text = (REAL_DATA / "communes" / "duc-dong.yaml").read_text(encoding="utf-8")
    adds = [Addition(("tasks", 1, "progress"), {"as_of": date(2024, 9, 30), "done": Decimal(200)})]
    fallbacks: list[int] = []
    real_fallback = yaml_edit._round_trip_checked
    monkeypatch.setattr(yaml_edit, "_round_trip_checked", lambda *a: fallbacks.append(1) or real_fallback(*a))
    new, _ = add_items(text, adds)
    assert not fallbacks and new.count("\n") == text.count("\n") + 2

    # an insertion in the wrong place (here: under the next task) is caught and not used
    real_edit = yaml_edit._text_edit

    def misplaced(text: str, root, additions):  # type: ignore[no-untyped-def]
        good = real_edit(text, root, additions)
        return good.replace(
            "    progress:\n      - {as_of: 2024-09-30, done: 200}\n  - id: duong-lt14\n",
            "  - id: duong-lt14\n    progress:\n      - {as_of: 2024-09-30, done: 200}\n",
        )

    monkeypatch.setattr(yaml_edit, "_text_edit", misplaced)
    _, doc = add_items(text, adds)
    assert fallbacks == [1]
    assert doc.data["tasks"][1]["progress"] == [{"as_of": date(2024, 9, 30), "done": 200}]
