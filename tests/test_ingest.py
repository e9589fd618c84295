"""The quarterly cycle: a form for Đức Đồng out, filled as an office would, imported back."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from ingest_helpers import INDICATORS, TASKS, copy_data, fill, snapshot

QUARTER = "2024-Q3"


@pytest.fixture
def setup(tmp_path: Path, cli):
    data = copy_data(tmp_path)
    forms = tmp_path / "forms"
    run = cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(forms), "--data", str(data))
    assert run.code == 0, run.err
    return data, forms / "duc-dong-2024-Q3.xlsx"


def test_round_trip_writes_only_the_new_entries(setup, cli) -> None:
    data, form = setup
    yaml_file = data / "communes" / "duc-dong.yaml"
    before = yaml_file.read_text(encoding="utf-8")
    others = {k: v for k, v in snapshot(data).items() if k != "communes/duc-dong.yaml"}
    fill(form, TASKS, "/duong-tt5", done=200, spent="1,5", note="Xong nền đường đoạn đầu")
    fill(form, INDICATORS, "#18.1", value="56,5", day="30/09/2024")

    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    assert "chưa báo cáo → 200 m (30/09/2024); trong quý: 200 m" in run.out
    assert "chưa có số liệu → 56,5% (30/09/2024)" in run.out

    after = yaml_file.read_text(encoding="utf-8")
    ops = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True)).get_opcodes()
    assert {op for op, *_ in ops} == {"equal", "insert"}, "an existing line changed"
    inserted = [line for op, _, _, j1, j2 in ops if op == "insert" for line in after.splitlines()[j1:j2]]
    assert inserted == [
        '  - {indicator: "18.1", value: 56.5, as_of: 2024-09-30, '
        'source: {document: "Biểu báo cáo Quý III/2024 của UBND xã Đức Đồng"}}',
        "    progress:",
        '      - {as_of: 2024-09-30, done: 200, spent: 1.5, note: "Xong nền đường đoạn đầu", '
        'source: {document: "Biểu báo cáo Quý III/2024 của UBND xã Đức Đồng"}}',
    ]
    assert {k: v for k, v in snapshot(data).items() if k != "communes/duc-dong.yaml"} == others

    assert cli("validate", "--data", str(data)).code == 0
    gap = json.loads(cli("gap", "Duc", "Dong", "--as-of", "2024-09-30", "--format", "json", "--data", str(data)).out)
    unit = gap["units"][0]
    road = next(t for t in unit["tasks"] if t["id"] == "duong-tt5")
    assert (road["done"], road["state"]) == (200, "đang thực hiện")
    assert road["percent"] == pytest.approx(57.14, abs=0.01)
    water = next(i for c in unit["by_criterion"] for i in c["indicators"] if i["indicator"] == "18.1")
    assert water["observation"]["value"] == 56.5


def test_dry_run_prints_the_changes_and_writes_nothing(setup, cli) -> None:
    data, form = setup
    fill(form, TASKS, "/duong-lt14", done="395")
    fill(form, INDICATORS, "#20.1", value=8, total="9")
    before = snapshot(data)
    run = cli("import", str(form), "--dry-run", "--data", str(data))
    assert run.code == 0, run.err
    assert "UBND xã Đức Đồng" in run.out
    assert "Nâng cấp tuyến LT 14 để đạt bền vững tiêu chí giao thông.: chưa báo cáo → 395 m (30/09/2024)" in run.out
    assert "7/9 (31/12/2023) → 8/9 (30/09/2024)" in run.out
    assert "chưa ghi" in run.out
    assert snapshot(data) == before


def test_a_correction_may_lower_the_total_and_is_mentioned(setup, cli, tmp_path: Path) -> None:
    data, form = setup
    fill(form, TASKS, "/duong-tt5", done=200)
    assert cli("import", str(form), "--data", str(data)).code == 0
    forms = tmp_path / "q4"
    assert cli("form", "--quarter", "2024-Q4", "--unit", "Duc Dong", "-o", str(forms), "--data", str(data)).code == 0
    q4 = forms / "duc-dong-2024-Q4.xlsx"
    fill(q4, TASKS, "/duong-tt5", done=180, correction="Có", note="Đo lại: 180 m")
    run = cli("import", str(q4), "--data", str(data))
    assert run.code == 0, run.err
    assert "200 m (30/09/2024) → 180 m (31/12/2024); trong quý: -20 m (SỬA SỐ ĐÃ BÁO CÁO)" in run.out
    assert "1 nhiệm vụ sửa lại số lũy kế" in run.out
    assert "correction: true" in (data / "communes" / "duc-dong.yaml").read_text(encoding="utf-8")
    assert cli("validate", "--data", str(data)).code == 0


def _refused(cli, data: Path, *args: str) -> str:
    before = snapshot(data)
    run = cli("import", *args, "--data", str(data))
    assert run.code == 1
    assert "Không tệp dữ liệu nào bị thay đổi" in run.err
    assert snapshot(data) == before, "the data changed although the import was refused"
    return run.err


def test_refuses_a_decreasing_total(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    path = data / "communes" / "duc-dong.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = '    note: Kế hoạch ghi "chiều dài 350" không kèm đơn vị; hiểu là mét như tuyến LT 14.\n'
    path.write_text(text.replace(anchor, anchor + "    progress:\n      - {as_of: 2024-06-30, done: 250}\n"))
    assert cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(tmp_path), "--data", str(data)).code == 0
    form = tmp_path / "duc-dong-2024-Q3.xlsx"
    row = fill(form, TASKS, "/duong-tt5", done=200)
    err = _refused(cli, data, str(form))
    assert f"duc-dong-2024-Q3.xlsx:Nhiệm vụ!K{row}: lỗi[NTM032]: lũy kế 200 m nhỏ hơn số đã báo cáo 250 m" in err


def test_refuses_an_unknown_task_id(setup, cli) -> None:
    data, form = setup
    row = fill(form, TASKS, "/duong-tt5", done=200)
    path = data / "communes" / "duc-dong.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: duong-tt5\n", "id: duong-tt5-moi\n"))
    err = _refused(cli, data, str(form))
    assert f"Nhiệm vụ!A{row}: lỗi[NTM052]: nhiệm vụ 'unit:duc-dong/duong-tt5' không có trong dữ liệu" in err


def test_refuses_text_in_a_number_cell(setup, cli) -> None:
    data, form = setup
    row = fill(form, TASKS, "/duong-tt5", done="hai trăm")
    err = _refused(cli, data, str(form))
    assert f"Nhiệm vụ!K{row}: lỗi[NTM012]: 'hai trăm' không phải là số" in err


def test_refuses_a_form_of_another_quarter(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    assert cli("form", "--quarter", "2024-Q2", "--unit", "Duc Dong", "-o", str(tmp_path), "--data", str(data)).code == 0
    form = tmp_path / "duc-dong-2024-Q2.xlsx"
    fill(form, TASKS, "/duong-tt5", done=100)
    err = _refused(cli, data, str(form), "--quarter", QUARTER)
    assert "duc-dong-2024-Q2.xlsx:Nhiệm vụ!D3: lỗi[NTM051]: biểu của Quý II/2024, không phải Quý III/2024" in err


def test_refuses_a_changed_locked_cell(setup, cli) -> None:
    data, form = setup
    row = fill(form, TASKS, "/duong-tt5", done=200, E="300")
    err = _refused(cli, data, str(form))
    assert f"Nhiệm vụ!E{row}: lỗi[NTM053]: ô đã khóa bị sửa: '350' thành '300'" in err


def test_all_problems_of_all_files_and_nothing_written(setup, cli, tmp_path: Path) -> None:
    data, form = setup
    fill(form, TASKS, "/duong-tt5", done=200)
    fill(form, TASKS, "/duong-lt14", done=900, day="31/02/2024")
    other = tmp_path / "forms2"
    assert cli("form", "--quarter", QUARTER, "--unit", "Tung Anh", "-o", str(other), "--data", str(data)).code == 0
    second = next(other.iterdir())
    fill(second, INDICATORS, "#5.1", value="1.500")
    bogus = tmp_path / "not-a-form.xlsx"
    bogus.write_text("hello")
    err = _refused(cli, data, str(form), str(second), str(bogus))
    assert "lỗi[NTM030]: lũy kế 900 m vượt khối lượng nhiệm vụ 790 m" in err
    assert "lỗi[NTM013]: ngày '31/02/2024' không có thật" in err
    assert "lỗi[NTM012]: '1.500' không rõ là số thập phân hay số nghìn" in err
    assert "not-a-form.xlsx: lỗi[NTM050]" in err


def test_the_same_form_twice_is_refused(setup, cli) -> None:
    data, form = setup
    fill(form, TASKS, "/duong-tt5", done=200)
    assert cli("import", str(form), "--data", str(data)).code == 0
    err = _refused(cli, data, str(form))
    assert "lỗi[NTM033]: dữ liệu đã có tiến độ ngày 30/09/2024 của nhiệm vụ này" in err


def test_a_department_reports_district_tasks_and_indicators(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    run = cli("form", "--quarter", QUARTER, "--department", "kinh-te-ha-tang", "-o", str(tmp_path), "--data", str(data))
    assert run.code == 0, run.err
    form = tmp_path / "kinh-te-ha-tang-2024-Q3.xlsx"
    fill(form, TASKS, "district/dh-46", percent="40%", note="Đang thi công")
    before = (data / "district.yaml").read_text(encoding="utf-8")
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 0, run.err
    after = (data / "district.yaml").read_text(encoding="utf-8")
    ops = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines()).get_opcodes()
    assert {op for op, *_ in ops} == {"equal", "insert"}
    assert "percent: 40" in after
    assert cli("validate", "--data", str(data)).code == 0


@pytest.mark.slow
def test_form_all_writes_one_file_per_reporting_unit(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    run = cli("form", "--quarter", QUARTER, "--all", "-o", str(tmp_path / "all"), "--data", str(data))
    assert run.code == 0, run.err
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert "duc-dong-2024-Q3.xlsx" in names and "kinh-te-ha-tang-2024-Q3.xlsx" in names
    communes = {f"{p.stem}-2024-Q3.xlsx" for p in (data / "communes").iterdir()}
    skipped = {f"{p.stem}-2024-Q3.xlsx" for p in (data / "communes").iterdir() if "tasks:" not in p.read_text()}
    assert communes - skipped <= set(names)  # every xã and thị trấn with tasks gets one
    assert "Không lập biểu cho" in run.out  # and those with nothing to report are named, with why
    from ntm_plan.pipeline.load import load

    departments = {f"{d.id}-2024-Q3.xlsx" for d in load(data)[0].departments}
    assert set(names) - communes <= departments  # and each department that has something to report


def test_a_supporting_department_cannot_report_the_task(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    run = cli("form", "--quarter", QUARTER, "--department", "kinh-te-ha-tang", "-o", str(tmp_path), "--data", str(data))
    assert run.code == 0, run.err
    form = tmp_path / "kinh-te-ha-tang-2024-Q3.xlsx"
    row = fill(form, TASKS, "unit:duc-dong/duong-tt5", done=200)  # led by the commune, supported by the department
    err = _refused(cli, data, str(form))
    assert f"Nhiệm vụ!K{row}: lỗi[NTM053]: nhiệm vụ đơn vị chỉ phối hợp" in err


def test_without_quarter_the_forms_of_the_odd_quarter_are_refused(setup, cli, tmp_path: Path) -> None:
    data, form = setup
    fill(form, TASKS, "/duong-tt5", done=200)
    older = tmp_path / "q2"
    assert cli("form", "--quarter", "2024-Q2", "--unit", "Tung Anh", "-o", str(older), "--data", str(data)).code == 0
    err = _refused(cli, data, str(form), str(older / "tung-anh-2024-Q2.xlsx"), str(form))
    assert "tung-anh-2024-Q2.xlsx:Nhiệm vụ!D3: lỗi[NTM051]: biểu của Quý II/2024, không phải Quý III/2024" in err
    assert "lỗi[NTM054]" in err  # the same form given twice reports its rows twice


def test_form_refuses_a_file_or_the_data_folder_as_out_folder(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    a_file = tmp_path / "ghi-chu.txt"
    a_file.write_text("x", encoding="utf-8")
    run = cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(a_file), "--data", str(data))
    assert run.code == 1 and "NTM041" in run.err and "Lỗi nội bộ" not in run.err
    inside = data / "bieu"
    run = cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(inside), "--data", str(data))
    assert run.code == 1 and "NTM041" in run.err
    assert not inside.exists(), "nothing is created inside the data folder"
