"""Importing filled forms end to end, in process (`ingest/apply.py`): the quarter chosen,
forms that give nothing, each kind of file edited and checked as `validate` checks it
(a commune, the district, the departments), and every file written or none."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ingest_helpers import INDICATORS, TASKS, fill, snapshot
from ntm_plan.ingest import apply
from ntm_plan.ingest.apply import choose_quarter, run_import, write_all
from ntm_plan.ingest.reading import FilledForm
from ntm_plan.model.dataset import Dataset


def _forms(tmp_path: Path, cli, *who: str) -> tuple[Path, dict[str, Path]]:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    out = tmp_path / "forms"
    made: dict[str, Path] = {}
    for option, name in (w.split("=") for w in who):
        run = cli("form", "--quarter", "2024-Q4", option, name, "-o", str(out), "--data", str(data))
        assert run.code == 0, run.err
        made[name] = out / f"{name}-2024-Q4.xlsx"
    return data, made


def _load(root: Path) -> Dataset:
    from ntm_plan.pipeline.load import load

    return load(root)[0]


def _said(result: apply.ImportResult) -> list[tuple[str, str, str | None, str]]:
    return [(d.severity.name, d.code, d.file, d.message) for d in result.diagnostics]


def _quarters(*quarters: tuple[int, int]) -> list[FilledForm]:
    return [FilledForm(f"{n}.xlsx", y, q, "unit:hoa-an", "UBND xã Hòa An") for n, (y, q) in enumerate(quarters)]


def test_without_a_quarter_the_one_most_forms_are_for_is_chosen() -> None:
    assert choose_quarter(_quarters((2024, 3), (2024, 4), (2024, 3))) == (2024, 3)
    assert choose_quarter(_quarters((2024, 4), (2024, 3))) == (2024, 4)  # a tie: the latest
    assert choose_quarter([]) is None


def test_no_readable_form_gives_its_message_and_no_change(tmp_path: Path) -> None:
    text = tmp_path / "ghi-chu.xlsx"
    text.write_text("không phải bảng tính", encoding="utf-8")
    result = run_import(_load(SYNTHETIC), [text], None, write=True)
    assert _said(result) == [
        ("ERROR", "NTM050", text.as_posix(), "tệp không phải bảng tính .xlsx đọc được"),
    ]
    assert (result.forms, result.tasks, result.indicators, result.written) == ([], [], [], [])


def test_a_blank_form_changes_nothing_and_writes_nothing(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data, forms = _forms(tmp_path, cli, "--unit=hoa-an")
    before = snapshot(data)
    result = run_import(_load(data), [forms["hoa-an"]], None, write=True)
    assert result.diagnostics == [] and result.written == [] and len(result.forms) == 1
    assert snapshot(data) == before


def test_each_kind_of_file_is_edited_checked_and_written_together(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data, forms = _forms(tmp_path, cli, "--department=kinh-te-ha-tang", "--unit=hoa-an")
    department = forms["kinh-te-ha-tang"]
    fill(department, TASKS, "district/quy-hoach-vung", percent=100)
    fill(department, TASKS, "dept:kinh-te-ha-tang/ra-soat-duong", percent=50)
    fill(department, TASKS, "unit:hoa-an/duong-a-b", done=300)
    fill(department, INDICATORS, "district#1.1", value="Đạt")
    fill(forms["hoa-an"], INDICATORS, "#10", value=56)
    before = snapshot(data)

    preview = run_import(_load(data), [department, forms["hoa-an"]], (2024, 4), write=False)
    assert [d for d in preview.diagnostics if d.is_error] == []
    assert preview.written == [] and snapshot(data) == before
    assert [t.task.id for t in preview.tasks] == ["duong-a-b", "quy-hoach-vung", "ra-soat-duong"]

    result = run_import(_load(data), [department, forms["hoa-an"]], (2024, 4), write=True)
    assert [d for d in result.diagnostics if d.is_error] == []
    assert result.written == sorted(
        [data / "communes" / "hoa-an.yaml", data / "departments.yaml", data / "district.yaml"]
    )
    after = snapshot(data)
    assert {k for k in after if after[k] != before[k]} == {"communes/hoa-an.yaml", "departments.yaml", "district.yaml"}
    reloaded = _load(data)
    duty = reloaded.departments[0].duties[0]
    assert [(p.as_of, p.percent) for p in duty.progress] == [(date(2024, 12, 31), 50)]
    assert reloaded.district is not None
    assert [(p.as_of, p.percent) for p in reloaded.district.tasks[0].progress] == [(date(2024, 12, 31), 100)]
    assert [o.met for o in reloaded.district.observations if o.as_of == date(2024, 12, 31)] == [True]
    hoa_an = next(u for u in reloaded.units if u.id == "hoa-an")
    assert [o.value for o in hoa_an.observations if o.as_of == date(2024, 12, 31)] == [56]


def test_an_edited_file_is_checked_as_validate_checks_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A figure that passes the form's checks but not the data's: the task's quantity is
    smaller in the file now than when the data was loaded; nothing is written."""
    data, forms = _forms(tmp_path, cli, "--department=kinh-te-ha-tang")
    fill(forms["kinh-te-ha-tang"], TASKS, "unit:hoa-an/duong-a-b", done=300)
    loaded = _load(data)
    commune = data / "communes" / "hoa-an.yaml"
    commune.write_text(commune.read_text(encoding="utf-8").replace("quantity: 350", "quantity: 250"), encoding="utf-8")
    before = snapshot(data)
    result = run_import(loaded, [forms["kinh-te-ha-tang"]], None, write=True)
    assert [(d.code, d.file) for d in result.diagnostics if d.is_error] == [("NTM030", "data/communes/hoa-an.yaml")]
    assert result.written == [] and snapshot(data) == before


def test_a_file_that_can_no_longer_be_edited_is_refused_by_name(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data, forms = _forms(tmp_path, cli, "--unit=hoa-an")
    fill(forms["hoa-an"], INDICATORS, "#10", value=56)
    loaded = _load(data)
    (data / "communes" / "hoa-an.yaml").write_text("name: [\n", encoding="utf-8")  # broken since it was loaded
    before = snapshot(data)
    result = run_import(loaded, [forms["hoa-an"]], None, write=True)
    assert [(d.code, d.file) for d in result.diagnostics] == [("NTM041", "data/communes/hoa-an.yaml")]
    assert result.diagnostics[0].message.startswith("không sửa được tệp mà giữ nguyên phần còn lại (")
    assert result.written == [] and snapshot(data) == before


def test_a_failed_write_says_so_and_changes_no_file(tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ntm_plan.ingest import commit

    data, forms = _forms(tmp_path, cli, "--unit=hoa-an")
    fill(forms["hoa-an"], INDICATORS, "#10", value=56)
    before = snapshot(data)

    def full_disk(root: Path, texts: dict[Path, str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commit, "write_together", full_disk)
    result = run_import(_load(data), [forms["hoa-an"]], None, write=True)
    assert [(d.code, d.is_error) for d in result.diagnostics] == [("NTM041", True)]
    assert result.diagnostics[0].message.startswith("không ghi được dữ liệu: ")
    assert result.diagnostics[0].message.endswith("; không tệp nào bị đổi")
    assert result.written == [] and snapshot(data) == before


def test_write_all_writes_every_file_under_their_common_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    files = {tmp_path / "a.yaml": "a: 1\n", tmp_path / "a" / "b.yaml": "b: 2\n"}
    for path in files:
        path.write_text("old\n", encoding="utf-8")
    write_all(files)  # no data folder given: the journal goes in their common folder
    assert {p: p.read_text(encoding="utf-8") for p in files} == files
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "a.yaml", "b.yaml"]
    write_all({})  # nothing to write: nothing happens
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "a.yaml", "b.yaml"]


def test_the_pool_returns_every_result_in_order_whatever_the_chunks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Six files on four cores: a pool, a chunk of one file each; the progress bar is told the total."""
    monkeypatch.setattr(apply.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(apply, "PARALLEL_FROM", 2)
    totals: list[int] = []

    def progress(results, total):  # type: ignore[no-untyped-def]
        totals.append(total)
        return results

    assert apply._map(abs, [-1, -2, -3, -4, -5, -6], progress) == [1, 2, 3, 4, 5, 6]
    assert apply._map(abs, [-7], progress) == [7]  # one file: no pool
    assert totals == [6, 1]


@pytest.mark.parametrize(
    ("edited", "old", "new"),
    [
        ("district.yaml", "name: Hòa Bình\n", ""),  # no longer a district the model accepts
        ("district.yaml", "lead: kinh-te-ha-tang", "lead: khong-co"),  # accepted, refused by a check
        ("departments.yaml", "    short: Phòng VH-TT\n", "    short: Phòng VH-TT\nghi_chu: x\n"),  # an unknown key
        (
            "departments.yaml",
            "        text: Rà soát hệ thống đường huyện\n",
            "        text: Rà soát hệ thống đường huyện\n        lead: khong-co\n",
        ),
    ],
    ids=["district-unfit", "district-check", "departments-unfit", "departments-check"],
)
@pytest.mark.slow
def test_the_district_and_departments_files_are_checked_once_edited(
    tmp_path: Path, cli, edited: str, old: str, new: str
) -> None:  # type: ignore[no-untyped-def]
    """Each file changed on disk after loading, so that only the check of the edited file sees it."""
    data, forms = _forms(tmp_path, cli, "--department=kinh-te-ha-tang")
    fill(forms["kinh-te-ha-tang"], TASKS, "district/quy-hoach-vung", percent=100)
    fill(forms["kinh-te-ha-tang"], TASKS, "dept:kinh-te-ha-tang/ra-soat-duong", percent=50)
    loaded = _load(data)
    path = data / edited
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    before = snapshot(data)
    result = run_import(loaded, [forms["kinh-te-ha-tang"]], None, write=True)
    assert {d.file for d in result.diagnostics if d.is_error} == {f"data/{edited}"}
    assert result.written == [] and snapshot(data) == before
