"""A name resolves by date: a unit closed by the 2025 reorganisation says where it went and
how to see its history; a unit not yet formed says when it starts; the ambiguity hint shows
each candidate's dates. Shipped data: the former Đức Thọ district (NQ 1665/NQ-UBTVQH15)."""

from __future__ import annotations

from conftest import REAL_DATA


def _gap(cli, *args: str):  # type: ignore[no-untyped-def]
    return cli("gap", *args, "--data", str(REAL_DATA))


def test_a_merged_commune_says_where_it_went(cli) -> None:  # type: ignore[no-untyped-def]
    run = _gap(cli, "Tan", "Huong", "--as-of", "2026-03-31")
    assert run.code == 2
    assert "xã Tân Hương không còn tồn tại ngày 31/03/2026" in run.err
    assert "từ 01/07/2025 đã nhập vào xã Đức Đồng" in run.err
    assert "xã Đức Đồng (mã xa-duc-dong-18304, từ 01/07/2025)" in run.err
    assert "ntm-plan gap Tan Huong --as-of 2025-06-30" in run.err
    assert run.out == ""


def test_a_merged_commune_answers_on_its_last_day(cli) -> None:  # type: ignore[no-untyped-def]
    last_day = _gap(cli, "Tan", "Huong", "--as-of", "2025-06-30")
    assert last_day.code == 0, last_day.err
    assert last_day.out.startswith("Xã Tân Hương")
    next_day = _gap(cli, "Tan", "Huong", "--as-of", "2025-07-01")
    assert next_day.code == 2
    assert "không còn tồn tại ngày 01/07/2025" in next_day.err


def test_the_history_hint_works_for_explain_too(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("explain", "Tan", "Huong", "18.1", "--as-of", "2026-01-15", "--data", str(REAL_DATA))
    assert run.code == 2
    assert "ntm-plan explain Tan Huong --as-of 2025-06-30 18.1" in run.err
    followed = cli("explain", "Tan", "Huong", "--as-of", "2025-06-30", "18.1", "--data", str(REAL_DATA))
    assert followed.code == 0, followed.err


def test_a_unit_before_it_was_formed_says_when_it_starts(cli) -> None:  # type: ignore[no-untyped-def]
    run = _gap(cli, "xa-duc-dong-18304", "--as-of", "2025-06-30")
    assert run.code == 2
    assert "xã Đức Đồng chỉ tồn tại từ 01/07/2025, chưa có vào ngày 30/06/2025" in run.err
    assert "ntm-plan gap xa-duc-dong-18304 --as-of 2025-07-01" in run.err
    assert _gap(cli, "xa-duc-dong-18304", "--as-of", "2025-07-01").code == 0


def test_the_shared_name_picks_the_unit_of_the_day(cli) -> None:  # type: ignore[no-untyped-def]
    new = _gap(cli, "Duc", "Dong", "--as-of", "2025-07-01", "--format", "json")
    old = _gap(cli, "Duc", "Dong", "--as-of", "2025-06-30", "--format", "json")
    assert new.code == old.code == 0
    assert '"xa-duc-dong-18304"' in new.out and '"duc-dong"' not in new.out.split('"predecessors"')[0]
    assert '"id": "duc-dong"' in old.out


def test_the_ambiguity_hint_shows_each_candidate_s_dates(cli) -> None:  # type: ignore[no-untyped-def]
    run = _gap(cli, "Duc", "Tho", "--as-of", "2024-06-30")
    assert run.code == 2
    assert "thị trấn Đức Thọ (mã thi-tran-duc-tho, đến 30/06/2025)" in run.err
    assert "huyện Đức Thọ (mã huyen-duc-tho, đến 30/06/2025)" in run.err


def test_no_form_for_a_commune_in_a_quarter_after_it_closed(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = cli("form", "--quarter", "2026-Q1", "-u", "duc-dong", "-o", str(tmp_path / "f"), "--data", str(REAL_DATA))
    assert run.code == 2
    assert "xã Đức Đồng không còn tồn tại ngày 31/03/2026" in run.err
    assert not (tmp_path / "f").exists()
    last = cli("form", "--quarter", "2025-Q2", "-u", "duc-dong", "-o", str(tmp_path / "g"), "--data", str(REAL_DATA))
    assert last.code == 0, last.err


def test_a_merged_commune_shows_the_command_for_its_predecessors_before_the_merger(cli) -> None:  # type: ignore[no-untyped-def]
    """The new commune has no figures of its own yet: `gap` names the command that shows each
    former commune on the day before the merger, and that command answers for all three."""
    run = _gap(cli, "Duc", "Dong", "--as-of", "2026-03-31")
    assert run.code == 0, run.err
    command = "ntm-plan gap -u duc-dong -u duc-lang -u tan-huong --as-of 2025-06-30"
    assert f"Các đơn vị cũ trước sắp xếp: {command}" in run.out
    before = _gap(cli, *command.split()[2:])
    assert before.code == 0, before.err
    headings = [line for line in before.out.splitlines() if line.startswith("Xã ")]
    assert headings == ["Xã Đức Đồng", "Xã Đức Lạng", "Xã Tân Hương"]
    assert before.out.count("Đánh giá đến ngày 30/06/2025") == 3
    unchanged = _gap(cli, "Tan", "Huong", "--as-of", "2025-06-30")
    assert "Các đơn vị cũ trước sắp xếp" not in unchanged.out  # a unit nothing was merged into


def test_a_set_without_indicators_prints_no_empty_tables(cli) -> None:  # type: ignore[no-untyped-def]
    """QĐ 51/2025 has no indicators in the data and the new commune no tasks: `gap` says so in
    sentences instead of drawing empty tables."""
    run = _gap(cli, "Duc", "Dong", "--as-of", "2026-03-31")
    assert "Tiêu chí chưa có chỉ tiêu trong dữ liệu: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10" in run.out
    assert "Chỉ tiêu chưa đạt hoặc chưa đánh giá" not in run.out
    assert "Không có chỉ tiêu nào chưa đạt" not in run.out  # nothing was assessed, so nothing is 'đạt'
    assert "Dữ liệu chưa ghi nhiệm vụ nào của xã Đức Đồng." in run.out
    assert "┃" not in run.out


def test_tasks_and_status_after_the_reform_name_the_tasks_left_out(cli) -> None:  # type: ignore[no-untyped-def]
    """After 01/07/2025 the former district's tasks are neither listed nor overdue: both
    commands say how many were left out and how to see them; the day before, nothing is."""
    note = "Không tính 188 nhiệm vụ của đơn vị, phòng ban không còn tồn tại ngày 31/03/2026; "
    note += "xem: ntm-plan tasks --as-of 2025-06-30"
    tasks = cli("tasks", "--overdue", "--as-of", "2026-03-31", "--data", str(REAL_DATA))
    assert tasks.code == 0, tasks.err
    assert "Không có nhiệm vụ nào khớp điều kiện." in tasks.out
    assert note in " ".join(tasks.out.split())
    status = cli("status", "--as-of", "2026-03-31", "--data", str(REAL_DATA))
    assert "Nhiệm vụ (của các đơn vị): 0, trong đó 0 quá hạn." in status.out
    assert note in " ".join(status.out.split())
    before = cli("tasks", "--as-of", "2025-06-30", "--data", str(REAL_DATA))
    assert "Không tính" not in before.out
    assert "ho-so-tieu-chi-ca" in before.out
