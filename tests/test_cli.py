"""The command line: exit codes, name lookup, output formats (SYNTHETIC data)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from conftest import SYNTHETIC

DATA = ("--data", str(SYNTHETIC))


@pytest.mark.parametrize(
    "words",
    [
        ["hoa", "an"],
        ["Hòa", "An"],
        ["Hoà", "An"],
        ["HOA", "AN"],
        ["xã", "Hòa", "An"],
        ["  hòa  an "],
        [unicodedata.normalize("NFD", "Hòa An")],
        ["an", "phu"],
    ],
)
def test_lookup_folds_accents_tone_placement_case_prefix_nfd_and_aliases(cli, words: list[str]) -> None:
    run = cli("gap", *words, *DATA, "--as-of", "2024-09-30")
    assert run.code == 0, run.err
    assert "Xã Hòa An" in run.out


def test_ambiguous_name_lists_candidates_and_exits_2(cli) -> None:
    run = cli("gap", "hoa", "binh", *DATA)
    assert run.code == 2
    assert "thị trấn Hòa Bình" in run.err and "huyện Hòa Bình" in run.err
    assert cli("gap", "huyện", "hoa", "binh", *DATA, "--as-of", "2024-09-30").code == 0


def test_unknown_name_suggests_the_closest(cli) -> None:
    run = cli("gap", "hoa", "ann", *DATA)
    assert run.code == 2
    assert "Có phải ý bạn là: xã Hòa An" in run.err


def test_gap_shows_gaps_in_vietnamese_formats(cli) -> None:
    run = cli("gap", "hoa", "an", *DATA, "--as-of", "2024-09-30")
    text = " ".join(run.out.split())
    assert "50,02" in text and "còn thiếu 4,98" in text
    assert "cần thêm 205 hộ" in text  # 90% of 450 = 405, 200 done
    assert "200/350 m" in text and "Quý III/2024" in text


def test_gap_json_is_parseable_and_stable(cli) -> None:
    run = cli("gap", "hoa", "an", *DATA, "--as-of", "2024-09-30", "--format", "json")
    doc = json.loads(run.out)
    unit = doc["units"][0]
    income = next(i for c in unit["by_criterion"] for i in c["indicators"] if i["indicator"] == "10")
    assert income["current"] == 50.02 and income["target"]["gap"] == 4.98
    assert income["threshold"]["required"] == 55 and income["threshold"]["verified"] is False
    task = next(t for t in unit["tasks"] if t["id"] == "duong-a-b")
    assert task["done"] == 200 and task["state"] == "đang thực hiện" and task["overdue"] is False


def test_task_becomes_overdue_after_its_deadline(cli) -> None:
    run = cli("tasks", "--overdue", *DATA, "--as-of", "2024-10-01", "--format", "json")
    ids = {t["id"] for t in json.loads(run.out)["tasks"]}
    assert ids == {"duong-a-b", "thon-thong-minh", "quy-hoach-vung", "ra-soat-duong"}


def test_explain_shows_the_arithmetic(cli) -> None:
    run = cli("explain", "hoa", "an", "17.1", *DATA, "--as-of", "2024-09-30", "--set", "xa-nc")
    text = " ".join(run.out.split())
    assert "200/450" in text and "54% × 450 = 243" in text and "còn thiếu 43" in text


def test_explain_names_the_set_once(cli) -> None:
    run = cli("explain", "Duc", "Dong", "10", "--as-of", "2024-09-30")
    line = run.out.splitlines()[1]
    assert line == ("Tiêu chí 10. Thu nhập; Bộ tiêu chí xã nông thôn mới nâng cao tỉnh Hà Tĩnh giai đoạn 2022-2025"), (
        line
    )


def test_criteria_set_names_each_kind_in_vietnamese(cli) -> None:
    run = cli("criteria", "xa-nc", *DATA)
    assert run.code == 0, run.err
    assert "có/không" in run.out and "tỷ lệ %" in run.out and "số đạt/tổng số" in run.out
    assert not {"boolean", "percent", "number", "parts"} & set(run.out.split())


def test_status_counts_communes_for_the_district_aggregates(cli) -> None:
    doc = json.loads(cli("status", *DATA, "--as-of", "2024-09-30", "--format", "json").out)
    district = doc["district"]
    agg = {c["id"]: c for c in district["conditions"]}
    # Bình Minh holds nâng cao (2020) so it is also đạt chuẩn; Hòa An holds đạt chuẩn (2018)
    assert agg["xa-dat-chuan"]["status"] == "đạt" and agg["xa-dat-chuan"]["current"] == 100
    assert agg["xa-nang-cao"]["status"] == "đạt" and agg["xa-nang-cao"]["current"] == 50
    assert district["criteria"]["total"] == 1  # the conditions are not criteria


def test_usage_errors_exit_2(cli) -> None:
    assert cli("gap", "hoa", "an", "--as-of", "31/09/2024", *DATA).code == 2  # no such day (30/09/2024 is read)
    assert cli("validate", "--data", "/khong/co/thu/muc").code == 2
    assert cli("gap", "--bogus").code == 2


def test_command_needing_valid_data_refuses_broken_data(cli) -> None:
    from conftest import INVALID

    run = cli("gap", "hoa", "an", "--data", str(INVALID / "several-mistakes"))
    assert run.code == 1 and "NTM022" in run.err and "Traceback" not in run.err


def test_observation_after_as_of_is_ignored_with_a_warning(cli) -> None:
    run = cli("gap", "hoa", "an", *DATA, "--as-of", "2024-06-30", "--format", "json")
    assert run.code == 0
    assert "hoa-an.yaml:16:45: cảnh báo[NTM031]" in run.err
    doc = json.loads(run.out)
    parts = next(i for c in doc["units"][0]["by_criterion"] for i in c["indicators"] if i["indicator"] == "18.1")
    assert parts["observation"]["count"] == 7  # the 8/9 of 15/08/2024 is after the date


def test_a_later_statement_about_a_whole_criterion_is_named_by_its_criterion(cli) -> None:
    from conftest import REAL_DATA

    run = cli("gap", "Duc", "Dong", "--data", str(REAL_DATA), "--as-of", "2023-06-30")
    assert run.code == 0, run.err
    assert "cảnh báo[NTM031]: số liệu tiêu chí 1 ngày 31/12/2023 ghi sau ngày đánh giá" in run.err
    assert "None" not in run.err


def test_gap_json_of_a_unit_without_a_target_set_has_the_documented_keys(cli) -> None:
    from conftest import REAL_DATA

    data = ("--data", str(REAL_DATA), "--as-of", "2024-09-30", "--format", "json")
    assessed = json.loads(cli("gap", "Tung", "Anh", *data).out)["units"][0]
    bare = json.loads(cli("gap", "Yen", "Ho", *data).out)["units"][0]
    assert [key for key in bare if key != "observations"] == list(assessed) and "observations" in bare
    assert bare["title"] == "NTM nâng cao (2021)" and bare["claims"] == []
    assert set(bare["titles"][0]) == {"tier", "year", "decision", "set", "source"}


def test_validate_summary_counts_what_the_data_holds(cli) -> None:
    doc = json.loads(cli("validate", *DATA, "--format", "json").out)
    # 3 communes/townships + the district; tasks: 2 + 1 in communes, 1 district, 1 department duty
    assert doc["counts"]["units"] == 4 and doc["counts"]["tasks"] == 5
    assert doc["counts"]["unverified_thresholds"] == 3


def test_gap_does_not_import_the_scan_or_its_process_pool() -> None:
    """`gap` reads one unit: the district-wide scan (and multiprocessing) stays unloaded."""
    from conftest import fresh_python

    result = fresh_python(
        "assert main(['gap', 'Duc', 'Dong', '--as-of', '2024-09-30']) == 0",
        "assert not {'ntm_plan.pipeline.scan', 'multiprocessing'} & set(sys.modules), 'scan imported'",
    )
    assert result.returncode == 0, result.stderr
