"""The shipped data tells the plan's own story, and no output calls unknown criteria unmet."""

from __future__ import annotations

import json
import re

from conftest import REAL_DATA

DATA = ("--data", str(REAL_DATA))
AS_OF = ("--as-of", "2024-01-01")


def test_the_district_maintains_its_nine_huyen_ntm_criteria(cli) -> None:
    run = cli("gap", "huyen", "Duc", "Tho", "--set", "huyen-ntm-2021-2025", *AS_OF, *DATA, "--format", "json")
    unit = json.loads(run.out)["units"][0]
    assert unit["criteria"] == {"met": 9, "not_met": 0, "unknown": 0, "total": 9}
    assert unit["claims"][0]["criteria_met"] == 9 and unit["claims"][0]["source"]["section"] == "I.3"


def test_the_plan_s_lacking_criteria_are_not_met(cli) -> None:
    run = cli("gap", "Duc", "Dong", *AS_OF, *DATA, "--format", "json")
    unit = json.loads(run.out)["units"][0]
    status = {c["code"]: c["status"] for c in unit["by_criterion"]}
    assert {code for code, s in status.items() if s == "chưa đạt"} >= {"1", "5", "6", "10", "13", "17", "18"}
    assert status["2"] == "đạt"  # the plan: Giao thông "đã đạt tỷ lệ % theo quy định"


def test_no_output_says_met_zero_of_n_where_criteria_are_unknown(cli) -> None:
    zero = re.compile(r"đạt 0/\d+|0/\d+ tiêu chí")
    outputs = [cli("status", *AS_OF, *DATA).out, cli("status", *AS_OF, *DATA, "--format", "json").out]
    outputs += [cli("gap", name, *AS_OF, *DATA).out for name in ("Duc Dong", "Tan Huong", "Tung Anh", "Lien Minh")]
    for out in outputs:
        assert not zero.search(" ".join(out.split()))
    doc = json.loads(outputs[1])
    assert all("criteria_met" not in u for u in doc["units"])


def test_status_ranks_units_and_counts_the_most_missed_criteria(cli) -> None:
    text = " ".join(cli("status", *AS_OF, *DATA).out.split())
    assert "Tiêu chí chưa đạt nhiều nhất" in text and "17. Môi trường — 4/" in text


def test_a_unit_without_a_target_set_still_shows(cli) -> None:
    run = cli("gap", "Yen", "Ho", *AS_OF, *DATA)
    assert run.code == 0
    text = " ".join(run.out.split())
    assert "đạt chuẩn NTM nâng cao năm 2021" in text and "Chưa có bộ tiêu chí mục tiêu" in text
    doc = json.loads(cli("gap", "Yen", "Ho", *AS_OF, *DATA, "--format", "json").out)
    assert doc["units"][0]["criteria"] is None and doc["units"][0]["titles"][0]["year"] == 2021


def test_a_title_under_an_older_set_is_said_so_beside_the_current_counts(cli) -> None:
    text = " ".join(cli("gap", "Tan", "Huong", *AS_OF, *DATA).out.split())
    assert "đạt chuẩn NTM nâng cao năm 2020 theo bộ tiêu chí cũ" in text
    assert "theo bộ hiện hành" in text and "chưa đánh giá" in text


def test_evaluating_outside_the_set_period_is_warned(cli) -> None:
    run = cli("gap", "duc-dong", "--as-of", "2021-06-30", *DATA)  # before the set's period
    assert "NTM064" in run.err and "2022-2025" in run.err


def test_status_json_ranks_by_not_met_then_unknown_and_tallies_missed_criteria(cli) -> None:
    doc = json.loads(cli("status", *AS_OF, *DATA, "--format", "json").out)
    units = {u["id"]: u["criteria"] for u in doc["units"]}
    keys = [(units[i]["not_met"], units[i]["unknown"]) for i in doc["closest"]]
    assert keys == sorted(keys) and len(keys) == sum(1 for c in units.values() if c is not None)
    environment = next(m for m in doc["most_missed"] if m["set"] == "ha-tinh-xa-ntm-nang-cao-2022-2025")
    # criterion 18 (nước sạch tập trung): Tân Hương (0%), Tân Dân, Liên Minh, Đức Lạng, Hòa Lạc, Đức Đồng
    # (plan II.1.1; Đức Đồng also II.2); criterion 17 (môi trường): Tân Hương, Đức Đồng, An Dũng, Tùng Châu
    assert environment["code"] == "18" and environment["not_met"] == 6 and environment["units"] == 8
    nang_cao = [m for m in doc["most_missed"] if m["set"] == environment["set"]]
    assert nang_cao[1]["code"] == "17" and nang_cao[1]["not_met"] == 4
