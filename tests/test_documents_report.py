"""The quarterly report: its annex tables match the evaluator at the quarter's end."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from docx_helpers import QUARTER, SYNTHETIC, lines, tables
from ntm_plan.documents.common import unit_title
from ntm_plan.evaluate.tasks import all_task_statuses
from ntm_plan.evaluate.units import assess_district
from ntm_plan.pipeline.load import load


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ntm_plan.cli import main

    out = tmp_path_factory.mktemp("report") / "bao-cao-quy-3-2024.docx"
    assert main(["report", "--quarter", "2024-Q3", "--data", str(QUARTER), "-o", str(out)]) == 0
    return out


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def test_bieu1_matches_evaluator(report_docx: Path) -> None:
    dataset, _ = load(QUARTER)
    now = assess_district(dataset, date(2024, 9, 30))
    before = assess_district(dataset, date(2024, 6, 30))
    bieu1 = next(t for t in tables(report_docx) if t.cell(0, 1).text == "Đơn vị")
    rows = {r[1]: r for r in _rows(bieu1)[1:] if r[2]}  # item rows carry a target
    expected = [(u, now.units[u.id], before.units[u.id]) for u in dataset.units]
    assert dataset.district is not None
    expected.append((dataset.district, now.district, before.district))
    assert set(rows) == {unit_title(u) for u, _, _ in expected}
    for unit, a, b in expected:
        row = rows[unit_title(unit)]
        assert a is not None and b is not None
        assert row[3] == f"{len(b.met)}/{len(b.applicable)}", unit.name
        assert row[4] == f"{len(a.met)}/{len(a.applicable)}", unit.name
        diff = len(a.met) - len(b.met)
        assert row[5] == (f"+{diff}" if diff > 0 else str(diff))
        unmet = [c.criterion.code for c in a.criteria if c.status == "chưa đạt"]
        assert row[6] == (", ".join(unmet) or "—")
    # the synthetic quarter moves Bình Minh's income past its threshold in September
    assert rows["Xã Bình Minh"][3:6] == ["0/1", "1/1", "+1"]


def test_bieu2_matches_task_statuses(report_docx: Path) -> None:
    dataset, _ = load(QUARTER)
    statuses = all_task_statuses(dataset, date(2024, 9, 30))
    bieu2 = next(t for t in tables(report_docx) if t.cell(0, 1).text == "Nhiệm vụ")
    item_rows = [r for r in _rows(bieu2)[1:] if r[2]]
    assert len(item_rows) == len(statuses)
    by_text = {s.task.text: s for s in statuses}
    for row in item_rows:
        status = by_text[row[1]]
        assert row[6] == status.state + (", quá hạn" if status.overdue else "")
    states = {r[1]: r[6] for r in item_rows}
    assert states["Xây dựng thôn thông minh"] == "hoàn thành"
    assert states["Rà soát hệ thống đường huyện"] == "đang thực hiện, quá hạn"
    assert states["Nâng cấp nhà văn hóa thôn Đông"] == "chưa báo cáo"


def test_report_text_says_what_changed_and_what_is_late(report_docx: Path) -> None:
    body = "\n".join(lines(report_docx))
    assert "đạt thêm tiêu chí 1. Thu nhập" in body
    assert "chỉ tiêu 18.1 từ 7/9 khu dân cư (77,78%) thành 8/9 khu dân cư (88,89%)" in body
    assert "NHIỆM VỤ TRỌNG TÂM QUÝ IV/2024" in body
    assert "Kêu gọi đầu tư bến xe (Cấp huyện; chủ trì Phòng KT-HT; hạn Quý IV/2024; đến hạn trong quý tới)" in body


def _strip_progress(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        kept, skipping = [], False
        for line in path.read_text(encoding="utf-8").splitlines():
            indent = len(line) - len(line.lstrip())
            if line.strip() == "progress:":
                skipping, base = True, indent
                continue
            if skipping and (line.strip().startswith("- {as_of") and indent > base):
                continue
            skipping = False
            kept.append(line)
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def test_no_progress_is_said_plainly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    _strip_progress(data)
    assert "progress" not in "".join(p.read_text(encoding="utf-8") for p in data.rglob("*.yaml"))
    out = tmp_path / "bc.docx"
    result = cli("report", "--quarter", "2024-Q3", "--data", str(data), "-o", str(out))
    assert result.code == 0, result.err
    body = lines(out)
    assert "- Đơn vị có nhiệm vụ chưa báo cáo tiến độ: Cấp huyện, Xã Bình Minh, Xã Hòa An." in body
    dataset, _ = load(data)
    for status in all_task_statuses(dataset, date(2024, 9, 30)):
        assert any(line.startswith(f"- {status.task.text} (") and "chưa báo cáo tiến độ" in line for line in body)
