"""Every predecessor of a merged commune is checked, whatever comes before it: one named by
its national code only, one whose file is missing, one whose code differs, in mixed order;
and a unit with predecessors but no founding day. Shipped data, the new xã Đức Đồng
(Nghị quyết 1665/NQ-UBTVQH15), edited in a copy."""

from __future__ import annotations

from pathlib import Path

from ntm_plan.pipeline.load import load
from test_units_over_time import _edit

NEW = "communes/xa-duc-dong-18304.yaml"


def _errors(root: Path) -> list[tuple[str, int | None, str]]:
    _, diags = load(root)
    return [(d.code, d.line, d.message) for d in diags if d.is_error]


def test_a_predecessor_named_by_code_only_does_not_stop_the_next_from_being_checked(real_copy: Path) -> None:
    _edit(real_copy / NEW, "{unit: duc-dong, ", "{")  # outside the data directory: its code is enough
    (real_copy / "communes" / "tan-huong.yaml").unlink()
    found = _errors(real_copy)
    assert [(code, line) for code, line, _ in found] == [("NTM071", 16)]
    assert "đơn vị cũ 'tan-huong' không có trong thư mục dữ liệu" in found[0][2]


def test_every_wrong_predecessor_is_reported_in_order(real_copy: Path) -> None:
    (real_copy / "communes" / "duc-dong.yaml").unlink()
    _edit(real_copy / NEW, 'code: "18307"', 'code: "18399"')
    _edit(real_copy / "communes" / "tan-huong.yaml", "valid_to: 2025-06-30", "valid_to: 2025-06-29")
    found = _errors(real_copy)
    assert [(code, line) for code, line, _ in found] == [("NTM071", 14), ("NTM071", 15), ("NTM071", 16)]
    assert "'duc-dong' không có" in found[0][2]
    assert "mã '18399' khác mã của xã Đức Lạng ('18307')" in found[1][2]
    assert "xã Tân Hương phải kết thúc ngày 30/06/2025" in found[2][2]


def test_predecessors_need_the_day_the_unit_was_formed(real_copy: Path) -> None:
    _edit(real_copy / NEW, "valid_from: 2025-07-01\n", "")
    messages = [message for code, _, message in _errors(real_copy) if code == "NTM071"]
    assert "xã Đức Đồng có đơn vị cũ (predecessors) nhưng chưa ghi ngày thành lập valid_from" in messages


def test_a_unit_cannot_be_its_own_parent(real_copy: Path) -> None:
    _edit(real_copy / "communes" / "xa-duc-minh-18244.yaml", "parent: ha-tinh", "parent: xa-duc-minh-18244")
    found = _errors(real_copy)
    assert [(code, message) for code, _, message in found] == [("NTM070", "đơn vị không thể là cấp trên của chính nó")]
