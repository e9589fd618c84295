"""evaluate.matrix through `ntm-plan departments`: who answers for each indicator, per set,
what nobody answers for, what the plan gives to nobody (grouped by reason), what is shared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC

DEPARTMENTS = """\
# SYNTHETIC test data: responsibilities over two sets, shared, excluded and given to nobody.
departments:
  - id: kinh-te-ha-tang
    name: Phòng Kinh tế - Hạ tầng
    short: Phòng KT-HT
    responsibilities:
      - {set: xa-nc, indicators: ["10", "17 trừ 17.3"], source: {document: "giả lập"}}
  - id: van-hoa
    name: Phòng Văn hóa và Thông tin
    short: Phòng VH-TT
  - id: tai-chinh
    name: Phòng Tài chính - Kế hoạch
    short: Phòng TC-KH
    responsibilities:
      - {set: xa-nc, indicators: ["11"], source: {document: "giả lập"}}
      - {set: huyen, indicators: ["1", "xa-dat-chuan"], source: {document: "giả lập"}}
      - {set: xa-nc, indicators: ["10"], source: {document: "giả lập"}}
unassigned:
  - {set: xa-nc, indicators: ["18.1"], source: {document: "giả lập"}, note: "Ban Mặt trận thực hiện"}
  - {set: xa-nc, indicators: ["18.2"], source: {document: "giả lập"}, note: "Ban Mặt trận thực hiện"}
  - {set: huyen, indicators: ["xa-nang-cao"], source: {document: "giả lập"}, note: "Huyện ủy theo dõi"}
"""


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "400")  # one table row per line
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "departments.yaml").write_text(DEPARTMENTS, encoding="utf-8")
    return root


def lines_of(text: str) -> list[str]:
    return [" ".join(line.replace("│", " ").replace("┃", " ").split()) for line in text.splitlines() if line.strip()]


def rows(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("Phòng") and not line.startswith("Phòng ban ")]


def test_each_set_lists_its_departments_as_written_and_expanded(cli, data: Path) -> None:
    run = cli("departments", "--data", str(data))
    assert run.code == 0, run.out
    lines = lines_of(run.out)
    titles = [line for line in lines if line.endswith("]")]
    # one table per set that someone has responsibilities in, in set-id order; no table for the others
    assert [t.rsplit("[", 1)[1] for t in titles] == ["huyen]", "xa-nc]"]
    huyen, xa = lines.index(titles[0]), lines.index(titles[1])
    assert rows(lines[huyen:xa]) == ["Phòng Tài chính - Kế hoạch 1; Tỷ lệ xã đạt chuẩn NTM 1.1, Tỷ lệ xã đạt chuẩn NTM"]
    # departments in file order; the excluded indicator 17.3 is not given; two items of one set joined
    assert rows(lines[xa:]) == [
        "Phòng Kinh tế - Hạ tầng 10; 17 trừ 17.3 10, 17.1, 17.2",
        "Phòng Tài chính - Kế hoạch 11; 10 10, 11",
    ]
    assert not any("Văn hóa" in line for line in lines)  # a department with no responsibility has no row


def test_unowned_given_to_nobody_and_shared_are_told_apart(cli, data: Path) -> None:
    lines = lines_of(cli("departments", "--data", str(data)).out)
    unowned = [line for line in lines if line.startswith("Chưa có phòng ban phụ trách")]
    assert unowned == [
        "Chưa có phòng ban phụ trách (1): Thị trấn đạt đô thị văn minh",
        "Chưa có phòng ban phụ trách (1): 17.3",
    ]
    nobody = [line for line in lines if line.startswith("Kế hoạch không giao cho ai")]
    assert nobody == [
        "Kế hoạch không giao cho ai: Tỷ lệ xã đạt chuẩn NTM nâng cao — Huyện ủy theo dõi",
        "Kế hoạch không giao cho ai: 18.1, 18.2 — Ban Mặt trận thực hiện",
    ]
    shared = [line for line in lines if line.startswith("Phụ trách chung")]
    assert shared == ["Phụ trách chung: 10 (Phòng KT-HT, Phòng TC-KH)"]


def test_everything_owned_says_none_unowned_and_nothing_shared(cli, data: Path) -> None:
    text = DEPARTMENTS.replace('["10", "17 trừ 17.3"]', '["17"]').replace(
        '"xa-dat-chuan"]', '"xa-dat-chuan", "thi-tran-van-minh"]'
    )
    (data / "departments.yaml").write_text(text, encoding="utf-8")
    lines = lines_of(cli("departments", "--data", str(data)).out)
    assert [line for line in lines if line.startswith("Chưa có")] == [
        "Chưa có phòng ban phụ trách (0): không",
        "Chưa có phòng ban phụ trách (0): không",
    ]
    assert not [line for line in lines if line.startswith("Phụ trách chung")]


def test_no_responsibility_at_all(cli, data: Path) -> None:
    owners = DEPARTMENTS.split("unassigned:")[0]
    bare = "\n".join(line for line in owners.splitlines() if "indicators:" not in line)
    (data / "departments.yaml").write_text(bare.replace("responsibilities:", "responsibilities: []"), encoding="utf-8")
    run = cli("departments", "--data", str(data))
    assert run.code == 0
    assert lines_of(run.out) == ["Chưa có phân công phòng ban nào."]
