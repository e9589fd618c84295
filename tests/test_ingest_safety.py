"""The Excel cycle as an attacker or a hurried office would use it: a filled form is never
replaced by a blank one, a form writes only its reporter's rows, data text is never a formula."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ingest_helpers import INDICATORS, TASKS, copy_data, fill, snapshot

QUARTER = "2024-Q3"


@pytest.fixture
def sent(tmp_path: Path, cli):
    data = copy_data(tmp_path)
    forms = tmp_path / "forms"
    run = cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(forms), "--data", str(data))
    assert run.code == 0, run.err
    return data, forms / "duc-dong-2024-Q3.xlsx"


def test_form_refuses_to_replace_a_filled_form(sent, cli) -> None:
    data, form = sent
    fill(form, TASKS, "/duong-tt5", done=200)
    filled = form.read_bytes()
    run = cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(form.parent), "--data", str(data))
    assert run.code == 1
    assert "NTM041" in run.err and "đã có tệp này" in run.err and "--force" in run.err
    assert form.read_bytes() == filled, "the filled form was replaced"
    forced = cli(
        "form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(form.parent), "--force", "--data", str(data)
    )
    assert forced.code == 0, forced.err
    assert form.read_bytes() != filled


@pytest.mark.slow
def test_form_all_writes_nothing_when_one_file_exists(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "duc-dong-2024-Q3.xlsx").write_bytes(b"filled")
    run = cli("form", "--quarter", QUARTER, "--all", "-o", str(forms), "--data", str(data))
    assert run.code == 1 and "duc-dong-2024-Q3.xlsx" in run.err
    assert sorted(p.name for p in forms.iterdir()) == ["duc-dong-2024-Q3.xlsx"]
    assert snapshot(forms) == {"duc-dong-2024-Q3.xlsx": b"filled"}


def test_readme_sends_and_collects_forms_in_separate_folders() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Một quý làm việc", 1)[1].split("\n## ", 1)[0]
    sent = [line.split("-o", 1)[1].split()[0] for line in section.splitlines() if line.startswith("ntm-plan form")]
    imported = [line.split()[2] for line in section.splitlines() if line.startswith("ntm-plan import")]
    assert sent and imported
    for folder in sent:
        assert all(not path.startswith(folder.rstrip("/")) for path in imported), (folder, imported)


LINK = '=HYPERLINK("http://x","bấm vào đây")'


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))


def _plant_formula_texts(data: Path) -> None:
    unit = data / "communes" / "duc-dong.yaml"
    text = unit.read_text(encoding="utf-8")
    old = "    text: Nâng cấp, mở rộng tuyến TT 5 đạt nền đường từ 6 m, mặt đường từ 3,5 m."
    assert old in text
    text = text.replace(old, "    text: " + json.dumps(LINK, ensure_ascii=False))
    text = text.replace(
        "  - id: dieu-chinh-quy-hoach-chung\n    text: ", "  - id: dieu-chinh-quy-hoach-chung\n    text: -"
    )
    unit.write_text(text, encoding="utf-8")


def test_data_text_starting_like_a_formula_is_text_in_a_form(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    _plant_formula_texts(data)
    forms = tmp_path / "forms"
    assert cli("form", "--quarter", QUARTER, "--unit", "Duc Dong", "-o", str(forms), "--data", str(data)).code == 0
    form = forms / "duc-dong-2024-Q3.xlsx"
    xml = _sheet_xml(form)
    assert "<f>" not in xml and "<f " not in xml, "a data text became a formula"
    values = [c.value for row in load_workbook(form)["Nhiệm vụ"].iter_rows() for c in row]
    assert LINK in values
    fill(form, TASKS, "/duong-tt5", done=200)
    run = cli("import", str(form), "--dry-run", "--data", str(data))
    assert run.code == 0, run.err  # the locked text cell reads back unchanged


def test_data_text_starting_like_a_formula_is_text_in_the_report_workbook(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    _plant_formula_texts(data)
    out = tmp_path / "bao-cao.docx"
    run = cli("report", "--quarter", QUARTER, "--draft", "--xlsx", "-o", str(out), "--data", str(data))
    assert run.code == 0, run.err
    book = tmp_path / "bao-cao.xlsx"
    xml = _sheet_xml(book)
    assert "<f>" not in xml and "<f " not in xml
    values = [c.value for ws in load_workbook(book) for row in ws.iter_rows() for c in row]
    # the annex carries the report's text (typographic quotes), as text
    assert any(isinstance(v, str) and v.startswith("=HYPERLINK(") and "bấm vào đây" in v for v in values)


def _forge(form: Path, old_ref: str, new_ref: str) -> None:
    """What an attacker who read the code would do: retarget a row and rewrite the hidden
    copy of the locked cells with a digest recomputed to match."""
    wb = load_workbook(form)
    cell = next(c for c in wb[TASKS]["A"] if c.value == old_ref)
    cell.value = new_ref
    wb.save(form)
    _rewrite_digest(form, old_ref, new_ref)


def test_a_form_cannot_write_another_units_task(sent, cli) -> None:
    data, form = sent
    before = snapshot(data)
    row = fill(form, TASKS, "/duong-tt5", done=20)
    _forge(form, "unit:duc-dong/duong-tt5", "unit:an-dung/ngo-xom")
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1
    assert f"duc-dong-2024-Q3.xlsx:Nhiệm vụ!A{row}: lỗi[NTM055]" in run.err, run.err
    assert "NTM053" not in run.err, "the forged hidden copy passes the locked-cell check: ownership must refuse it"
    assert snapshot(data) == before


def test_a_form_cannot_write_another_units_indicator(sent, cli) -> None:
    data, form = sent
    before = snapshot(data)
    row = fill(form, INDICATORS, "#18.1", value="56,5")
    old = load_workbook(form)[INDICATORS][f"A{row}"].value
    _forge_indicator(form, row, old, old.replace("unit:duc-dong", "unit:an-dung"))
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1
    assert f"Chỉ tiêu!A{row}: lỗi[NTM055]" in run.err, run.err
    assert snapshot(data) == before


def _forge_indicator(form: Path, row: int, old_ref: str, new_ref: str) -> None:
    wb = load_workbook(form)
    wb[INDICATORS][f"A{row}"].value = new_ref
    wb.save(form)
    _rewrite_digest(form, old_ref, new_ref)


def _rewrite_digest(form: Path, old_ref: str, new_ref: str) -> None:
    wb = load_workbook(form)
    check = wb["_kiemtra"]
    rows = [r for r in range(1, check.max_row + 1) if check.cell(r, 1).value == "locked"]
    text = "".join(check.cell(r, 2).value for r in rows).replace(json.dumps(old_ref), json.dumps(new_ref))
    for r in rows:
        check.cell(r, 2).value = None
    check.cell(rows[0], 2).value = text
    digest_row = next(r for r in range(1, check.max_row + 1) if check.cell(r, 1).value == "digest")
    check.cell(digest_row, 2).value = hashlib.sha256(text.encode("utf-8")).hexdigest()
    wb.save(form)


def test_a_form_retargeted_to_another_reporter_is_refused(sent, cli) -> None:
    """The hidden sheet says An Dũng, the visible sheet Đức Đồng: the form of neither."""
    data, form = sent
    before = snapshot(data)
    fill(form, TASKS, "/duong-tt5", done=20)
    wb = load_workbook(form)
    check = wb["_kiemtra"]
    reporter_row = next(r for r in range(1, check.max_row + 1) if check.cell(r, 1).value == "reporter")
    check.cell(reporter_row, 2).value = "unit:an-dung"
    wb.save(form)
    run = cli("import", str(form), "--data", str(data))
    assert run.code == 1 and "Nhiệm vụ!D2: lỗi[NTM055]" in run.err, run.err
    assert snapshot(data) == before


def test_report_writes_neither_file_when_the_workbook_target_is_refused(tmp_path: Path, cli) -> None:
    data = copy_data(tmp_path)
    (tmp_path / "r.xlsx").mkdir()  # a folder where the workbook would go
    run = cli("report", "--quarter", QUARTER, "--draft", "--xlsx", "-o", str(tmp_path / "r.docx"), "--data", str(data))
    assert run.code == 1 and "NTM041" in run.err and "r.xlsx" in run.err
    assert not (tmp_path / "r.docx").exists(), "the document was written though the workbook was refused"
