"""The indicator half of the Excel cycle, one kind at a time: a form for a commune, each
indicator filled as an office would (number, rate, count/total, yes/no, level), imported,
and read back by `gap` with the status the new figure gives."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, fill, snapshot

FORM_SOURCE = 'source: {document: "Biểu báo cáo Quý IV/2024 của UBND xã Hòa An"}'


@pytest.fixture
def cycle(tmp_path: Path, cli):
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    run = cli("form", "--quarter", "2024-Q4", "--unit", "hoa-an", "-o", str(tmp_path / "forms"), "--data", str(data))
    assert run.code == 0, run.err
    return data, tmp_path / "forms" / "hoa-an-2024-Q4.xlsx"


def inserted_lines(before: str, after: str) -> list[str]:
    ops = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True)).get_opcodes()
    assert {op for op, *_ in ops} <= {"equal", "insert"}, "an existing line changed"
    return [line for op, _, _, j1, j2 in ops if op == "insert" for line in after.splitlines()[j1:j2]]


def status_of(cli, data: Path, code: str) -> tuple[str, dict[str, object]]:
    run = cli("gap", "hoa-an", "--as-of", "2024-12-31", "--format", "json", "--data", str(data))
    unit = json.loads(run.out)["units"][0]
    found = next(i for c in unit["by_criterion"] for i in c["indicators"] if i["indicator"] == code)
    return found["status"], found["observation"]


KINDS = [
    # code, cells typed, the line written, what import says, status then
    (
        "10",
        {"value": "52,5", "day": "15/11/2024", "source": "Báo cáo số 12/BC-UBND"},
        '  - {indicator: "10", value: 52.5, as_of: 2024-11-15, source: {document: "Báo cáo số 12/BC-UBND"}}',
        "10 Thu nhập bình quân đầu người: 50,02 triệu đồng/người/năm (31/12/2023) → 52,5 triệu đồng/người/năm "
        "(15/11/2024)",
        "chưa đạt",  # 55 in this region from 2024
    ),
    (
        "10",
        {"value": 55},
        f'  - {{indicator: "10", value: 55, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "→ 55 triệu đồng/người/năm (31/12/2024)",
        "đạt",  # exactly the threshold
    ),
    (
        "11",
        {"value": "2"},
        f'  - {{indicator: "11", value: 2, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "11 Tỷ lệ nghèo đa chiều: 12/450 (31/12/2023) → 2% (31/12/2024)",
        "đạt",  # at most 2 %: the boundary is met
    ),
    (
        "11",
        {"value": "2,01%"},
        f'  - {{indicator: "11", value: 2.01, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "→ 2,01% (31/12/2024)",
        "chưa đạt",
    ),
    (
        "17.1",
        {"value": 91},
        f'  - {{indicator: "17.1", value: 91, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "17.1 Tỷ lệ hộ có nhà tiêu hợp vệ sinh: 200/450 (31/12/2023) → 91% (31/12/2024)",
        "đạt",  # the province's 90, not the base set's 54
    ),
    (
        "17.1",
        {"value": "100"},
        f'  - {{indicator: "17.1", value: 100, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "→ 100% (31/12/2024)",
        "đạt",  # the top of the range is a rate like any other
    ),
    (
        "17.1",
        {"value": "89,9"},
        f'  - {{indicator: "17.1", value: 89.9, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "→ 89,9% (31/12/2024)",
        "chưa đạt",
    ),
    (
        "17.2",
        {"value": "Chưa đạt", "note": "Bãi rác quá tải"},
        f'  - {{indicator: "17.2", met: false, as_of: 2024-12-31, {FORM_SOURCE}, note: "Bãi rác quá tải"}}',
        "17.2 Xử lý rác thải đạt yêu cầu: đạt (31/12/2023) → chưa đạt (31/12/2024)",
        "chưa đạt",
    ),
    (
        "17.2",
        {"value": "Đạt", "day": "01/10/2024"},
        f'  - {{indicator: "17.2", met: true, as_of: 2024-10-01, {FORM_SOURCE}}}',
        "đạt (31/12/2023) → đạt (01/10/2024)",
        "đạt",
    ),
    (
        "18.1",
        {"value": 9, "total": 9},
        f'  - {{indicator: "18.1", count: 9, total: 9, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "18.1 Khu dân cư đạt chuẩn kiểu mẫu: 8/9 (15/08/2024) → 9/9 (31/12/2024)",
        "đạt",
    ),
    (
        "18.1",
        {"value": 8, "total": 10},
        f'  - {{indicator: "18.1", count: 8, total: 10, as_of: 2024-12-31, {FORM_SOURCE}}}',
        "→ 8/10 (31/12/2024)",
        "chưa đạt",
    ),
    (
        "18.2",
        {"value": "mức độ 2"},
        f'  - {{indicator: "18.2", level: "mức độ 2", as_of: 2024-12-31, {FORM_SOURCE}}}',
        "18.2 Trường đạt chuẩn: chưa có số liệu → mức độ 2 (31/12/2024)",
        "đạt",
    ),
    (
        "18.2",
        {"value": "mức độ 1"},
        f'  - {{indicator: "18.2", level: "mức độ 1", as_of: 2024-12-31, {FORM_SOURCE}}}',
        "→ mức độ 1 (31/12/2024)",
        "chưa đạt",
    ),
]


@pytest.mark.parametrize(
    ("code", "cells", "line", "said", "status"),
    KINDS,
    ids=[f"{k[0]}-{'-'.join(str(v) for v in k[1].values())}" for k in KINDS],
)
@pytest.mark.slow
def test_each_indicator_kind_goes_round_the_cycle(
    cycle, cli, code: str, cells: dict[str, object], line: str, said: str, status: str
) -> None:
    data, form = cycle
    yaml_file = data / "communes" / "hoa-an.yaml"
    before = yaml_file.read_text(encoding="utf-8")
    fill(form, INDICATORS, f"#{code}", **cells)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert said in " ".join(run.out.split())
    assert inserted_lines(before, yaml_file.read_text(encoding="utf-8")) == [line]
    assert cli("validate", "--data", str(data)).code == 0
    assert status_of(cli, data, code)[0] == status


def test_all_kinds_at_once_are_written_in_the_form_s_order(cycle, cli) -> None:
    data, form = cycle
    yaml_file = data / "communes" / "hoa-an.yaml"
    before = yaml_file.read_text(encoding="utf-8")
    fill(form, INDICATORS, "#18.2", value="mức độ 2")
    fill(form, INDICATORS, "#10", value="52,5")
    fill(form, INDICATORS, "#17.2", value="Đạt")
    fill(form, INDICATORS, "#18.1", value=9, total=9)
    assert cli("import", str(form), "--data", str(data)).code == 0
    codes = [line.split('"')[1] for line in inserted_lines(before, yaml_file.read_text(encoding="utf-8"))]
    assert codes == ["10", "17.2", "18.1", "18.2"]


@pytest.mark.parametrize(
    ("code", "cells", "column", "message"),
    [
        ("17.2", {"value": "Có"}, "H", "lỗi[NTM013]: 'Có' không hợp lệ"),
        ("18.2", {"value": "mức độ 3"}, "H", "lỗi[NTM013]: mức 'mức độ 3' không có trong chỉ tiêu"),
        ("18.1", {"value": 10, "total": 9}, "H", "lỗi[NTM013]: số đạt 10 lớn hơn tổng số 9"),
        ("17.1", {"value": "100,5"}, "H", "lỗi[NTM013]: 100,5 nằm ngoài 0–100%"),
        ("10", {"value": "năm mươi"}, "H", "lỗi[NTM012]: 'năm mươi' không phải là số"),
        ("18.1", {"value": 9}, "I", "lỗi[NTM010]: chưa ghi tổng số (mẫu số)"),
        ("10", {"value": 56, "day": "30/09/2024"}, "J", "lỗi[NTM013]: ngày 30/09/2024 nằm ngoài Quý IV/2024"),
        ("10", {"value": 56, "day": "01/01/2025"}, "J", "lỗi[NTM013]: ngày 01/01/2025 nằm ngoài Quý IV/2024"),
    ],
    ids=[
        "yes-for-a-result",
        "unknown-level",
        "count-over-total",
        "rate-over-100",
        "text-number",
        "count-no-total",
        "day-before-quarter",
        "day-after-quarter",
    ],
)
@pytest.mark.slow
def test_a_wrong_value_of_each_kind_is_refused_and_nothing_written(
    cycle, cli, code: str, cells: dict[str, object], column: str, message: str
) -> None:
    data, form = cycle
    before = snapshot(data)
    row = fill(form, INDICATORS, f"#{code}", **cells)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1
    assert f"hoa-an-2024-Q4.xlsx:Chỉ tiêu!{column}{row}: {message}" in run.err
    assert "Traceback" not in run.err
    assert snapshot(data) == before


def test_the_day_bounds_of_the_quarter_are_accepted(cycle, cli) -> None:
    data, form = cycle
    fill(form, INDICATORS, "#10", value=56, day="01/10/2024")
    fill(form, INDICATORS, "#11", value=1, day="31/12/2024")
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert status_of(cli, data, "10")[1]["as_of"] == "2024-10-01"
    assert status_of(cli, data, "11")[1]["as_of"] == "2024-12-31"


def test_the_form_shows_each_kind_s_last_figure_and_prints_cleanly(cycle) -> None:
    from openpyxl import load_workbook

    _, form = cycle
    ws = load_workbook(form)[INDICATORS]
    rows = [r for r in range(6, ws.max_row + 1) if ws[f"A{r}"].value]  # the signature block has no reference
    shown = {ws[f"B{r}"].value: (ws[f"D{r}"].value, ws[f"E{r}"].value) for r in rows}
    assert shown == {
        "10": ("triệu đồng/người/năm", 50.02),
        "11": ("%", "12/450"),
        "17.1": ("%", "200/450"),
        "17.2": ("Đạt / Chưa đạt", "Đạt"),
        "17.3": ("Đạt / Chưa đạt", "không áp dụng"),
        "18.1": ("số đạt / tổng số (khu dân cư)", "8/9"),
        "18.2": ("chọn mức", "chưa có số liệu"),
    }
    for sheet in load_workbook(form).worksheets:
        if sheet.sheet_state == "visible":
            assert sheet.print_options.gridLines is False, sheet.title


def test_a_task_finished_in_an_earlier_quarter_is_refused(cycle, cli) -> None:
    from ingest_helpers import TASKS

    data, form = cycle
    row = fill(form, TASKS, "/nha-tieu", done=43)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1
    assert f"Nhiệm vụ!K{row}: lỗi[NTM034]: nhiệm vụ đã hoàn thành từ ngày 30/09/2024" in run.err


def test_a_department_s_form_lists_the_indicators_it_answers_for(tmp_path: Path, cli) -> None:
    from openpyxl import load_workbook

    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    text = (data / "departments.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    short: Phòng TC-KH\n",
        "    short: Phòng TC-KH\n    responsibilities:\n"
        '      - {set: huyen, indicators: ["1"], source: {document: "giả lập"}}\n',
    )
    (data / "departments.yaml").write_text(text, encoding="utf-8")
    run = cli("form", "--quarter", "2024-Q4", "-d", "tai-chinh", "-o", str(tmp_path / "forms"), "--data", str(data))
    assert run.code == 0, run.err
    (form,) = (tmp_path / "forms").glob("*.xlsx")
    ws = load_workbook(form)[INDICATORS]
    refs = [ws[f"A{r}"].value for r in range(6, ws.max_row + 1)]
    assert [ref for ref in refs if ref is not None] == ["district#1.1"]  # below it: the signature block


def test_a_figure_already_recorded_for_that_day_is_refused_and_only_that_one(cycle, cli) -> None:
    data, form = cycle
    path = data / "communes" / "hoa-an.yaml"
    recorded = '  - {indicator: "10", value: 51, as_of: 2024-12-31, source: {document: "giả lập"}}\n'
    path.write_text(path.read_text(encoding="utf-8").replace("targets:\n", recorded + "targets:\n"), encoding="utf-8")
    income = fill(form, INDICATORS, "#10", value=56)
    fill(form, INDICATORS, "#11", value=1)  # another indicator on the same day is no repeat
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1
    lines = [line.split(".xlsx:", 1)[1].strip() for line in run.err.splitlines() if ".xlsx:" in line]
    assert lines == [f"Chỉ tiêu!H{income}: lỗi[NTM054]: dữ liệu đã có số liệu chỉ tiêu 10 ngày 31/12/2024"]


def test_only_the_total_of_a_count_and_total_indicator_can_be_typed(cycle) -> None:
    from openpyxl import load_workbook

    _, form = cycle
    ws = load_workbook(form)[INDICATORS]
    rows = [r for r in range(6, ws.max_row + 1) if ws[f"A{r}"].value]  # not the signature block below
    locked = {ws[f"B{r}"].value: ws[f"I{r}"].protection.locked for r in rows}
    assert locked == {"10": True, "11": True, "17.1": True, "17.2": True, "17.3": True, "18.1": False, "18.2": True}
