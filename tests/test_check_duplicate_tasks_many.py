"""check.duplicates (NTM035) when a work is written more than twice, or after other works:
each repeat warned once, against the first place it appeared, whatever stands between."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SYNTHETIC


def task(task_id: str, text: str) -> str:
    return f'  - {{id: {task_id}, text: "{text}", lead: ubnd, source: {{document: "giả lập"}}}}\n'


def warnings(cli, tmp_path: Path, tasks: str) -> list[tuple[int, str]]:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "communes" / "tan-loc.yaml").write_text(
        "# SYNTHETIC test data.\nname: Tân Lộc\nkind: xã\nregion: Bắc Trung Bộ\ntasks:\n" + tasks, encoding="utf-8"
    )
    run = cli("validate", "--data", str(root), "--format", "json")
    return [(d["line"], d["message"]) for d in json.loads(run.out)["diagnostics"] if d["code"] == "NTM035"]


def test_a_repeat_after_another_work_is_found(cli, tmp_path: Path) -> None:
    got = warnings(
        cli, tmp_path, task("duong", "Làm đường") + task("truong", "Xây trường") + task("truong-2", "Xây Trường.")
    )
    assert [line for line, _ in got] == [8]
    assert "nhiệm vụ 'truong-2' của xã Tân Lộc trùng với nhiệm vụ 'truong'" in got[0][1]


def test_three_copies_give_two_warnings_each_against_the_first(cli, tmp_path: Path) -> None:
    got = warnings(cli, tmp_path, task("a", "Xây trường") + task("b", "xây  trường") + task("c", "Xây trường!"))
    assert [line for line, _ in got] == [7, 8]
    assert all("trùng với nhiệm vụ 'a'" in message for _, message in got)
