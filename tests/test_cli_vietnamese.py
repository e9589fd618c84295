"""The command line speaks Vietnamese: help, usage errors, version, completion, names (SYNTHETIC data)."""

from __future__ import annotations

import re
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import SYNTHETIC

DATA = ("--data", str(SYNTHETIC))
CLICK_ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Show this message|Error|Try|Missing|No such|Got unexpected|"
    r"requires an argument|Invalid value|is not one of|required|default|Input should|Did you mean)\b"
)
COMMANDS = [
    "validate",
    "schema",
    "criteria",
    "departments",
    "gap",
    "explain",
    "status",
    "tasks",
    "plan",
    "report",
    "form",
    "import",
]


@pytest.mark.parametrize("args", [["--help"], ["-h"], *([c, "-h"] for c in COMMANDS), ["templates", "check", "-h"]])
def test_help_is_vietnamese_with_an_example(cli, args: list[str]) -> None:
    run = cli(*args)
    assert run.code == 0
    assert run.out.startswith("Cách dùng: ntm-plan")
    assert "Tùy chọn:" in run.out and "-h, --help" in run.out and "Hiện hướng dẫn này" in run.out
    assert "Ví dụ: ntm-plan" in run.out
    assert not CLICK_ENGLISH.search(run.out), CLICK_ENGLISH.search(run.out)


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("import", "{TỆP...}"),
        ("explain", "{TÊN-ĐƠN-VỊ-RỒI-MÃ...}"),
        ("gap", "[TÊN-ĐƠN-VỊ...]"),
        ("criteria", "[MÃ-BỘ]"),
    ],
)
def test_usage_line_marks_arguments_that_take_several_words(cli, command: str, usage: str) -> None:
    first_line = cli(command, "-h").out.splitlines()[0]
    assert first_line == f"Cách dùng: ntm-plan {command} [TÙY-CHỌN] {usage}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gap", "--bogus"], "Lỗi: không có tùy chọn --bogus"),
        (["tasks", "-u"], "Lỗi: tùy chọn -u cần một giá trị"),
        (["status", "extra"], "Lỗi: thừa tham số: extra"),
        (["gap", "Hoa", "An", "--format", "xml"], "'xml' không phải một trong 'table', 'json'"),
        (["plan", "--year", "abc"], "giá trị không hợp lệ cho '--year': phải là số nguyên, không phải 'abc'"),
        (["plan"], "Lỗi: thiếu tùy chọn '--year'"),
        (["nosuch"], "Lỗi: không có lệnh 'nosuch'."),
        (["gapp"], "Lỗi: không có lệnh 'gapp' (có phải: 'gap'?)"),
    ],
)
def test_usage_errors_are_vietnamese_and_exit_2(cli, args: list[str], message: str) -> None:
    run = cli(*args)
    assert run.code == 2
    assert message in run.err
    if args != ["tasks", "-u"]:  # click's parser raises this one without its context
        assert "Xem 'ntm-plan" in run.err and "-h' để biết cách dùng." in run.err
    assert not CLICK_ENGLISH.search(run.err), CLICK_ENGLISH.search(run.err)


@pytest.mark.parametrize("args", [[], ["templates"]])
def test_a_group_without_a_command_shows_its_help_once_not_as_an_error(cli, args: list[str]) -> None:
    run = cli(*args)
    assert run.code == 2
    assert run.err.startswith(f"Cách dùng: ntm-plan {' '.join([*args, ''])}[TÙY-CHỌN] LỆNH")
    assert run.err.count("Cách dùng:") == 1 and "Lệnh:" in run.err
    assert "Lỗi:" not in run.err


def test_a_missing_data_folder_is_named_as_the_help_names_it(cli, tmp_path: Path) -> None:
    run = cli("validate", "--data", str(tmp_path / "khong-co"))
    assert run.code == 2
    assert "Dùng --data THƯ-MỤC hoặc đặt NTM_PLAN_DATA." in run.err and "DIR" not in run.err


def test_version_prints_the_installed_package_version(cli) -> None:
    run = cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"ntm-plan {version('ntm-plan')}"


def test_completion_script_is_offered(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    with pytest.raises(SystemExit) as stop:
        cli("--show-completion", "bash")
    assert stop.value.code == 0


def test_gap_joins_words_into_one_name_and_takes_more_units_by_option(cli) -> None:
    one = cli("gap", "Hoa", "An", *DATA, "--as-of", "2024-09-30")
    assert one.code == 0 and "Xã Hòa An" in one.out and "Xã Bình Minh" not in one.out
    both = cli("gap", "Hoa", "An", "-u", "binh-minh", *DATA, "--as-of", "2024-09-30")
    assert both.code == 0 and "Xã Hòa An" in both.out and "Xã Bình Minh" in both.out
    by_option = cli("gap", "-u", "Hòa An", "--unit", "Bình Minh", *DATA, "--as-of", "2024-09-30")
    assert by_option.code == 0 and "Xã Hòa An" in by_option.out and "Xã Bình Minh" in by_option.out


def test_tasks_unit_option_takes_an_unquoted_name(cli) -> None:
    run = cli("tasks", "-u", "Hoa", "An", *DATA, "--as-of", "2024-09-30")
    assert run.code == 0, run.err
    assert "duong-a-b" in run.out and "thon-thong-minh" not in run.out


def test_gap_shows_task_ids_only_when_asked(cli) -> None:
    plain = cli("gap", "Hoa", "An", *DATA, "--as-of", "2024-09-30")
    with_ids = cli("gap", "Hoa", "An", "--ids", *DATA, "--as-of", "2024-09-30")
    assert "duong-a-b" not in plain.out and "duong-a-b" in with_ids.out


def test_tasks_for_a_department_tell_lead_from_support(cli) -> None:
    run = cli("tasks", "-d", "van-hoa", *DATA, "--as-of", "2024-09-30")
    assert run.code == 0, run.err
    assert "Vai trò" in run.out and "chủ trì" in run.out


@pytest.fixture
def colliding(tmp_path: Path) -> Path:
    """SYNTHETIC: two xã whose names fold to the same key (Đức Thịnh, Đức Thình)."""
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    for slug, name in (("duc-thinh", "Đức Thịnh"), ("duc-thinh-2", "Đức Thình")):
        (root / "communes" / f"{slug}.yaml").write_text(
            f"# SYNTHETIC\nname: {name}\nkind: xã\nregion: Bắc Trung Bộ\n"
            'target: {set: xa-km, year: 2024, source: {document: "giả lập"}}\n',
            encoding="utf-8",
        )
    return root


def test_exact_name_with_kind_and_id_resolve_where_folded_names_collide(cli, colliding: Path) -> None:
    data = ("--data", str(colliding), "--as-of", "2024-09-30")
    ambiguous = cli("gap", "duc", "thinh", *data)
    assert ambiguous.code == 2 and "khớp với nhiều đơn vị" in ambiguous.err
    exact = cli("gap", "xã Đức Thình", *data)
    assert exact.code == 0 and "Xã Đức Thình" in exact.out
    by_words = cli("gap", "xã", "Đức", "Thịnh", *data)
    assert by_words.code == 0 and "Xã Đức Thịnh" in by_words.out
    by_id = cli("gap", "duc-thinh-2", *data)
    assert by_id.code == 0 and "Xã Đức Thình" in by_id.out


def test_ambiguity_hint_is_a_command_that_works(cli, colliding: Path) -> None:
    data = ("--data", str(colliding), "--as-of", "2024-09-30")
    hint = cli("gap", "duc", "thinh", *data).err
    suggested = re.search(r"ví dụ: ntm-plan (.+)$", hint, re.MULTILINE)
    assert suggested is not None
    run = cli(*suggested[1].split(), *data)
    assert run.code == 0, run.err


def test_exact_name_beats_an_alias(cli, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    (root / "communes" / "an-phu.yaml").write_text(
        "# SYNTHETIC\nname: An Phú\nkind: xã\nregion: Bắc Trung Bộ\n"
        'target: {set: xa-km, year: 2024, source: {document: "giả lập"}}\n',
        encoding="utf-8",
    )
    run = cli("gap", "An", "Phú", "--data", str(root), "--as-of", "2024-09-30")
    assert run.code == 0, run.err
    assert "Xã An Phú" in run.out and "Xã Hòa An" not in run.out


@pytest.mark.parametrize("day", ["2024-01-01", "2024-09-30", "2026-01-01"])
def test_status_and_tasks_overdue_count_the_same_tasks(cli, day: str) -> None:
    import json

    status = json.loads(cli("status", *DATA, "--as-of", day, "--format", "json").out)
    every = json.loads(cli("tasks", *DATA, "--as-of", day, "--format", "json").out)
    overdue = json.loads(cli("tasks", "--overdue", *DATA, "--as-of", day, "--format", "json").out)
    assert (status["tasks"]["total"], status["tasks"]["overdue"]) == (len(every["tasks"]), len(overdue["tasks"]))


def test_broken_pipe_exits_0_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import subprocess, sys\n"
        f"p = subprocess.Popen([sys.executable, '-m', 'ntm_plan', 'criteria', 'xa-km', '--data', {str(SYNTHETIC)!r}],"
        " stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.close(); err = p.stderr.read(); code = p.wait()\n"
        "print(code, repr(err))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    code, err = result.stdout.split(" ", 1)
    assert code == "0" and err.strip() == "b''"


def test_no_title_is_null_in_json_and_worded_in_the_table(cli) -> None:
    import json

    before = json.loads(cli("status", *DATA, "--as-of", "2010-01-01", "--format", "json").out)
    assert {u["title"] for u in before["units"]} == {None}
    later = json.loads(cli("status", *DATA, "--as-of", "2024-09-30", "--format", "json").out)
    assert "nâng cao (2020)" in {u["title"] for u in later["units"] if u["id"] == "binh-minh"}.pop()
    table = cli("status", *DATA, "--as-of", "2010-01-01").out
    assert "chưa có" in table and "chưa có số liệu" not in table.split("Danh hiệu")[1].split("\n")[2]


def test_completion_installs_for_bash(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    with pytest.raises(SystemExit) as stop:
        cli("--install-completion", "bash")
    assert stop.value.code == 0
    script = tmp_path / ".bash_completions" / "ntm-plan.sh"
    assert "_NTM_PLAN_COMPLETE" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
