"""At a terminal of 80, 100 or 120 columns every table command fits the screen and its
primary column reads as lines of text: secondary columns fold under it or go, no word is
cut and the column is not squeezed to a word a line. Piped output keeps every column.

Runs the real commands on the shipped Đức Thọ data, with stdout taken for a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len

from conftest import REAL_DATA
from ingest_helpers import copy_data
from ntm_plan.cli import main
from ntm_plan.pipeline.load import load

AS_OF = ("--as-of", "2024-09-30")
WIDTHS = (80, 100, 120)
Render = Callable[..., str]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Render:
    """The command's output at a terminal `width` columns wide (without colours); width
    None for output piped to a file."""

    def run(width: int | None, *args: str, data: Path = REAL_DATA) -> str:
        monkeypatch.setenv("TERM", "dumb")
        monkeypatch.setenv("COLUMNS", str(width or 80))
        monkeypatch.setenv("LINES", "25")  # rich takes a dumb terminal for 80 columns unless given both
        monkeypatch.setattr(sys.stdout, "isatty", lambda: width is not None)
        code = main([*args, "--data", str(data)])
        out = capsys.readouterr().out
        assert code == 0, out
        return out

    return run


def column(output: str, header: str) -> tuple[list[str], int]:
    """The lines of the column headed `header` in every table of `output` that has one,
    and the narrowest width it had (cells between the rules, padding included)."""
    lines = output.splitlines()
    found: list[str] = []
    widths: list[int] = []
    bounds: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        if line.startswith("┏"):
            cuts = [j for j, char in enumerate(line) if char in "┏┳┓"]
            heads = lines[i + 1 : next(k for k in range(i, len(lines)) if lines[k].startswith("┡"))]
            names = [" ".join(" ".join(h[a + 1 : b] for h in heads).split()) for a, b in pairwise(cuts)]
            bounds = (cuts[names.index(header)], cuts[names.index(header) + 1]) if header in names else None
            if bounds:
                widths.append(bounds[1] - bounds[0] - 1)
        elif line.startswith("│") and bounds is not None:
            found.append(line[bounds[0] + 1 : bounds[1]].strip())
        elif line.startswith("└"):
            bounds = None
    assert widths, f"no table with a column '{header}'"
    return found, min(widths)


def assert_fits(output: str, width: int) -> None:
    assert max(cell_len(line) for line in output.splitlines()) <= width


def assert_whole_words(lines: list[str], texts: list[str]) -> None:
    """Every word of every text stands whole on some line of the column: none cut in two."""
    words = {word for line in lines for word in line.split()}
    for text in texts:
        cut = [word for word in text.split() if word not in words]
        assert not cut, f"cut or missing in '{text}': {cut}"


def task_texts(render: Render, *args: str) -> list[str]:
    doc = json.loads(render(None, *args, "--format", "json"))
    tasks = doc["tasks"] if "tasks" in doc else doc["units"][0]["tasks"]
    assert tasks
    return [t["text"] for t in tasks]


TASK_COMMANDS = [
    ("tasks",),
    ("tasks", "--department", "nong-nghiep"),
    ("tasks", "--overdue"),
    ("tasks", "-u", "Duc", "Dong"),
    ("gap", "Duc", "Dong"),
    ("gap", "Duc", "Dong", "--ids"),
]


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", TASK_COMMANDS, ids=" ".join)
def test_task_tables_keep_the_task_text_readable(terminal: Render, command: tuple[str, ...], width: int) -> None:
    out = terminal(width, *command, *AS_OF)
    assert_fits(out, width)
    lines, text_width = column(out, "Nội dung")
    assert text_width >= width // 2, f"the task text gets {text_width} of {width} columns"
    assert_whole_words(lines, task_texts(terminal, *command, *AS_OF))


def test_narrow_task_tables_fold_the_secondary_columns_under_the_text(terminal: Render) -> None:
    out = terminal(80, "tasks", "-u", "Duc", "Dong", *AS_OF)
    for header in ("Mã", "Khối lượng", "Chủ trì"):
        with pytest.raises(AssertionError, match="no table with a column"):
            column(out, header)
    text = " ".join(" ".join(column(out, "Nội dung")[0]).split())
    assert "Mã: duong-tt5 · Đơn vị: xã Đức Đồng · Khối lượng: 350 m · Chủ trì: UBND xã Đức Đồng" in text


def test_narrow_department_tasks_keep_the_role_as_a_column(terminal: Render) -> None:
    roles, _ = column(terminal(80, "tasks", "-d", "nong-nghiep", *AS_OF), "Vai trò")
    assert {"chủ trì", "phối hợp"} <= set(roles)


def test_piped_tasks_keep_every_column(terminal: Render) -> None:
    out = terminal(None, "tasks", "-u", "Duc", "Dong", *AS_OF)
    for header in ("Mã", "Đơn vị", "Nội dung", "Khối lượng", "Tiến độ", "Chủ trì", "Thời hạn", "Tình trạng"):
        column(out, header)
    assert "Mã: " not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_status_names_every_unit_on_one_line(terminal: Render, width: int) -> None:
    out = terminal(width, "status", *AS_OF)
    assert_fits(out, width)
    names, _ = column(out, "Đơn vị")
    units = json.loads(terminal(None, "status", *AS_OF, "--format", "json"))["units"]
    assert {f"{u['kind'].capitalize()} {u['name']}" for u in units} <= set(names)
    criteria, criteria_width = column(out, "Tiêu chí")
    assert criteria_width >= 30
    assert_whole_words(criteria, ["Hệ thống chính trị - An ninh trật tự - Hành chính công"])


def test_narrow_status_names_the_target_by_its_title_and_joins_the_counts(terminal: Render) -> None:
    out = terminal(80, "status", *AS_OF)
    assert " ".join(" ".join(column(out, "Mục tiêu")[0]).split()).startswith("đô thị văn minh (2024) NTM nâng cao")
    units = json.loads(terminal(None, "status", *AS_OF, "--format", "json"))["units"]
    counts = next(u["criteria"] for u in units if u["id"] == "duc-dong")
    joined = f"{counts['met']} · {counts['not_met']} · {counts['unknown']}/{counts['total']}"
    assert joined in column(out, "Số tiêu chí")[0]
    assert "Số tiêu chí: đạt · chưa đạt · chưa đánh giá/tổng số." in out
    wide = terminal(None, "status", *AS_OF)
    targets = " ".join(" ".join(column(wide, "Mục tiêu")[0]).split())
    assert "Bộ tiêu chí xã nông thôn mới nâng cao tỉnh Hà Tĩnh giai đoạn 2022-2025 (2024)" in targets
    assert "20" in column(wide, "Số tiêu chí")[0] and "tổng số." not in wide


@pytest.mark.parametrize("width", WIDTHS)
def test_explain_fits(terminal: Render, width: int) -> None:
    assert_fits(terminal(width, "explain", "Duc", "Dong", "10", *AS_OF), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_criteria_sets_keep_their_names_and_ids_whole(terminal: Render, width: int) -> None:
    out = terminal(width, "criteria")
    assert_fits(out, width)
    lines, name_width = column(out, "Tên")
    assert name_width >= width // 2
    sets = load(REAL_DATA)[0].sets.values()
    assert_whole_words(lines, [s.name for s in sets] + [s.id for s in sets])
    assert "Số lượng: tiêu chí · chỉ tiêu · điều kiện." in out


@pytest.fixture
def without_target(tmp_path: Path) -> Path:
    """The shipped data with Đức Đồng's target set taken away (a SYNTHETIC change), so that
    `gap` lists its observations as recorded."""
    data = copy_data(tmp_path)
    unit_file = data / "communes" / "duc-dong.yaml"
    unit = yaml.safe_load(unit_file.read_text(encoding="utf-8"))
    del unit["target"]
    unit_file.write_text(yaml.safe_dump(unit, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


@pytest.mark.parametrize("width", WIDTHS)
def test_observations_keep_their_source_whole(terminal: Render, without_target: Path, width: int) -> None:
    out = terminal(width, "gap", "Duc", "Dong", *AS_OF, data=without_target)
    assert "Chưa có bộ tiêu chí mục tiêu" in out
    assert_fits(out, width)
    lines, source_width = column(out, "Nguồn")
    assert source_width >= 30
    unit = next(u for u in load(without_target)[0].units if u.id == "duc-dong")
    assert_whole_words(lines, [o.source.document for o in unit.observations] + ["ha-tinh-xa-ntm-nang-cao-2022-2025"])
    piped = terminal(None, "gap", "Duc", "Dong", *AS_OF, data=without_target)
    assert column(piped, "Bộ tiêu chí")[0][0] == "ha-tinh-xa-ntm-nang-cao-2022-2025"


def test_gap_without_tasks_says_so_in_a_sentence_not_an_empty_table(terminal: Render) -> None:
    out = terminal(80, "gap", "Lam", "Trung", "Thuy", *AS_OF)
    assert "Dữ liệu chưa ghi nhiệm vụ nào của xã Lâm Trung Thủy." in out
    assert "Nhiệm vụ của" not in out
    assert_fits(out, 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_gap_indicator_names_read_as_lines(terminal: Render, width: int) -> None:
    out = terminal(width, "gap", "Duc", "Dong", *AS_OF)
    lines, name_width = column(out, "Chỉ tiêu")
    assert name_width >= 30
    doc = json.loads(terminal(None, "gap", "Duc", "Dong", *AS_OF, "--format", "json"))["units"][0]
    indicators = [i for c in doc["by_criterion"] for i in c["indicators"]]
    shown = [i for i in indicators if i["status"] in ("chưa đạt", "chưa đánh giá") and i["current"] is not None]
    assert len(shown) >= 2
    assert_whole_words(lines, [i["name"] for i in shown])


@pytest.mark.parametrize("width", WIDTHS)
def test_status_condition_names_read_as_lines(terminal: Render, width: int) -> None:
    out = terminal(width, "status", *AS_OF)
    lines, name_width = column(out, "Điều kiện")
    assert name_width >= 30
    conditions = json.loads(terminal(None, "status", *AS_OF, "--format", "json"))["district"]["conditions"]
    assert_whole_words(lines, [c["name"] for c in conditions])


def test_narrow_indicator_table_folds_value_threshold_and_target_under_the_name(terminal: Render) -> None:
    text = " ".join(" ".join(column(terminal(80, "gap", "Duc", "Dong", *AS_OF), "Chỉ tiêu")[0]).split())
    assert "Hiện trạng: 50,02 triệu đồng/người/năm · Ngưỡng: ≥ 55 triệu đồng/người/năm (chưa đối chiếu)" in text
    assert "Mục tiêu: năm 2024: 55 triệu đồng/người/năm" in text
