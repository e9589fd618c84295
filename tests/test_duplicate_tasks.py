"""Each task once: `validate` warns (NTM035) when one owner has the same work twice, naming
both places (SYNTHETIC data); the shipped plan's Khung kế hoạch lists every work once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REAL_DATA, SYNTHETIC
from ntm_plan.documents.plan import plan_context
from ntm_plan.pipeline.load import load

TASK = """  - id: {id}
    text: {text}
    criterion: "17"
{extra}    lead: kinh-te-ha-tang
    source: {{document: "giả lập"}}
"""


def _with_tasks(tmp_path: Path, tasks: str) -> Path:
    """The synthetic data with tasks appended to the commune Bình Minh."""
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    commune = data / "communes" / "binh-minh.yaml"
    text = commune.read_text(encoding="utf-8")
    commune.write_text(text.replace("tasks:\n", "tasks:\n" + tasks, 1), encoding="utf-8")
    return data


def _task(task_id: str, text: str, quantity: int | None = None) -> str:
    extra = f"    quantity: {quantity}\n    unit: m\n" if quantity is not None else ""
    return TASK.format(id=task_id, text=text, extra=extra)


def _warnings(cli, data: Path) -> list[str]:
    run = cli("validate", "--data", str(data))
    return [line for line in (run.out + run.err).splitlines() if "NTM035" in line]


def test_the_same_work_twice_in_one_commune_is_warned_with_both_places(cli, tmp_path: Path) -> None:
    tasks = _task("mo-rong-duong", "Mở rộng đường trục thôn.", 350) + _task(
        "mo-rong-duong-2", "mở rộng  đường trục thôn", 350
    )
    (line,) = _warnings(cli, _with_tasks(tmp_path, tasks))
    assert "nhiệm vụ 'mo-rong-duong-2' của xã Bình Minh trùng với nhiệm vụ 'mo-rong-duong'" in line
    first, second = (m.start() for m in re.finditer(r"binh-minh\.yaml", line))
    assert re.search(r"binh-minh\.yaml:[0-9]+", line) and re.search(r"binh-minh\.yaml, dòng [0-9]+", line)
    assert first < second


def test_one_text_for_two_quantities_is_two_works(cli, tmp_path: Path) -> None:
    tasks = _task("doan-1", "Mở rộng đường trục thôn.", 350) + _task("doan-2", "Mở rộng đường trục thôn.", 351)
    assert _warnings(cli, _with_tasks(tmp_path, tasks)) == []


def test_two_works_of_one_criterion_and_quantity_are_not_one(cli, tmp_path: Path) -> None:
    # two schools, one multi-purpose hall each: same criterion, same quantity, two works
    tasks = _task("nha-da-nang-a", "Xây nhà đa năng trường A.", 1) + _task(
        "nha-da-nang-b", "Xây nhà đa năng trường B.", 1
    )
    assert _warnings(cli, _with_tasks(tmp_path, tasks)) == []


def test_a_district_task_and_its_lead_department_s_duty_with_one_id_are_one_work(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    departments = data / "departments.yaml"
    text = departments.read_text(encoding="utf-8")
    duty = (
        "      - id: quy-hoach-vung\n        text: Phối hợp sở hoàn thiện quy hoạch vùng huyện\n"
        '        source: {document: "giả lập"}\n'
    )
    departments.write_text(text.replace("    duties:\n", "    duties:\n" + duty, 1), encoding="utf-8")
    (line,) = _warnings(cli, data)
    assert "departments.yaml" in line and "district.yaml, dòng" in line and "cùng mã 'quy-hoach-vung'" in line


@pytest.fixture(scope="module")
def real_plan() -> dict[str, object]:
    data, _ = load(REAL_DATA)
    return plan_context(data, 2024)


def test_the_shipped_data_has_each_task_once(cli) -> None:
    assert _warnings(cli, REAL_DATA) == []


def test_the_khung_ke_hoach_lists_each_work_once(real_plan: dict[str, object]) -> None:
    rows = [r for r in real_plan["annex_rows"] if not r["group"]]  # type: ignore[union-attr,index]
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (re.sub(r"\W+", " ", str(row["content"]).casefold()).strip(), str(row["lead"]))
        seen[key] = seen.get(key, 0) + 1
    assert [key for key, n in seen.items() if n > 1] == []
    # works the plan states both in II.2 and as a department's duty in VI.1.2 are one row
    contents = [str(r["content"]) for r in rows]
    for words in (
        "quy hoạch vùng huyện",
        "Đập Am",
        "khởi công nhà máy nước sạch",
        "fanpage, bản đồ du lịch",
        "dịch vụ công trực tuyến toàn trình",
        "Đề án cải cách hành chính",
    ):
        assert sum(1 for c in contents if words.casefold() in c.casefold()) == 1, words
