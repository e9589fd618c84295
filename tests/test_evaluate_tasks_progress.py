"""evaluate.tasks through `ntm-plan tasks`: a task's percentage, state and lateness at a
date, at each boundary (quantity reached, 100 %, the deadline's last day, an entry dated
the evaluation day), and which tasks a department sees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

COMMUNE = """\
# SYNTHETIC test data: tasks at every step of their progress.
name: Tân Lộc
kind: xã
region: Bắc Trung Bộ
target: {set: xa-nc, year: 2024, source: {document: "giả lập"}}
tasks:
  - {id: nua-chung, text: Nửa chừng, quantity: 10, unit: km, lead: ubnd, due: 2024-09-30,
     source: {document: "giả lập"}, progress: [{as_of: 2024-06-30, done: 5}]}
  - {id: vua-du, text: Vừa đủ, quantity: 10, unit: km, lead: tai-chinh, due: 2024-09-30,
     source: {document: "giả lập"}, progress: [{as_of: 2024-09-30, done: 10}]}
  - {id: gan-du, text: Gần đủ, quantity: 1000, unit: m, lead: tai-chinh, support: [van-hoa], due: 2024-09-30,
     source: {document: "giả lập"}, progress: [{as_of: 2024-09-01, done: 999}]}
  - {id: phan-tram, text: Phần trăm, lead: van-hoa, due: 2024-Q3,
     source: {document: "giả lập"}, progress: [{as_of: 2024-07-01, percent: 99.5}]}
  - {id: tron-tram, text: Trọn trăm, lead: van-hoa, due: 2024-Q3,
     source: {document: "giả lập"}, progress: [{as_of: 2024-07-01, percent: 100}]}
  - {id: chua-xong, text: Chưa xong, lead: ubnd, source: {document: "giả lập"},
     progress: [{as_of: 2024-07-01, completed: false}]}
  - {id: da-xong, text: Đã xong, lead: ubnd, due: 2024-Q1, source: {document: "giả lập"},
     progress: [{as_of: 2024-07-01, completed: true}]}
  - {id: sau-ngay, text: Sau ngày, quantity: 4, unit: cái, lead: ubnd, due: 2025-Q1,
     source: {document: "giả lập"}, progress: [{as_of: 2024-10-01, done: 4}]}
  - {id: khong-khoi-luong, text: Không khối lượng, lead: ubnd, source: {document: "giả lập"},
     progress: [{as_of: 2024-01-01, done: 3}]}
  - {id: hai-muc, text: Hai mục, quantity: 2, unit: cái, lead: ubnd, source: {document: "giả lập"},
     progress: [{as_of: 2024-02-01, done: 2}, {as_of: 2024-01-01, done: 1}]}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tasks") / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "communes" / "tan-loc.yaml").write_text(COMMUNE, encoding="utf-8")
    return root


def tasks(cli, data: Path, as_of: str, *options: str) -> dict[str, tuple[object, object, str, bool]]:
    run = cli("tasks", "--data", str(data), "--as-of", as_of, "--format", "json", *options)
    assert run.code == 0, run.err
    return {t["id"]: (t["done"], t["percent"], t["state"], t["overdue"]) for t in json.loads(run.out)["tasks"]}


def test_percent_and_state_on_the_last_day_of_the_deadline(cli, data: Path) -> None:
    got = tasks(cli, data, "2024-09-30")
    assert got["nua-chung"] == (5, 50, "đang thực hiện", False)
    assert got["vua-du"] == (10, 100, "hoàn thành", False)  # reached on the evaluation day itself
    assert got["gan-du"] == (999, 99.9, "đang thực hiện", False)  # 99.9 % is not done
    assert got["phan-tram"] == (None, 99.5, "đang thực hiện", False)
    assert got["tron-tram"] == (None, 100, "hoàn thành", False)
    assert got["chua-xong"] == (None, 0, "đang thực hiện", False)  # reported as not finished: 0 %, not unknown
    assert got["da-xong"] == (None, 100, "hoàn thành", False)  # finished late is not overdue
    assert got["sau-ngay"] == (None, None, "chưa báo cáo", False)  # its only entry is dated after the day
    assert got["khong-khoi-luong"] == (3, None, "đang thực hiện", False)  # no quantity: no percentage
    assert got["hai-muc"] == (2, 100, "hoàn thành", False)  # the latest entry counts, not the first written


def test_the_day_after_the_deadline_unfinished_tasks_are_overdue(cli, data: Path) -> None:
    got = tasks(cli, data, "2024-10-01")
    overdue = {task for task, (_, _, _, late) in got.items() if late}
    assert {"nua-chung", "gan-du", "phan-tram"} <= overdue
    assert not overdue & {"vua-du", "tron-tram", "da-xong", "chua-xong", "khong-khoi-luong", "sau-ngay", "hai-muc"}
    assert got["sau-ngay"] == (4, 100, "hoàn thành", False)  # its entry counts from its own date


def test_before_any_entry_nothing_is_reported(cli, data: Path) -> None:
    got = tasks(cli, data, "2024-01-31")
    assert got["hai-muc"] == (1, 50, "đang thực hiện", False)
    assert got["nua-chung"] == (None, None, "chưa báo cáo", False)


def test_a_department_sees_what_it_leads_and_what_it_supports(cli, data: Path) -> None:
    assert set(tasks(cli, data, "2024-09-30", "-d", "van-hoa")) == {
        "phan-tram",
        "tron-tram",
        "gan-du",  # supports
        "thon-thong-minh",
    }
    assert set(tasks(cli, data, "2024-09-30", "-d", "tai-chinh")) == {"vua-du", "gan-du", "duong-a-b"}
    own = set(tasks(cli, data, "2024-09-30", "-d", "kinh-te-ha-tang"))
    assert own == {"duong-a-b", "quy-hoach-vung", "ra-soat-duong"}  # ra-soat-duong is its own duty


def test_only_overdue(cli, data: Path) -> None:
    assert set(tasks(cli, data, "2024-10-01", "--overdue")) == {
        "thon-thong-minh",
        "duong-a-b",
        "nua-chung",
        "gan-du",
        "phan-tram",
        "quy-hoach-vung",
        "ra-soat-duong",
    }


def test_the_table_groups_tasks_by_lead_in_name_order(cli, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    run = cli("tasks", "--data", str(data), "--as-of", "2024-09-30")
    heads = [line.split(" — ")[0].strip() for line in run.out.splitlines() if " nhiệm vụ" in line and " — " in line]
    assert heads == ["Phòng KT-HT", "Phòng TC-KH", "Phòng VH-TT", "UBND các xã, thị trấn"]
    row = next(line for line in run.out.splitlines() if "gan-du" in line)
    assert "999/1.000 m, 99,9%, đến 01/09/2024" in row
