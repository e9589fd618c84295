"""The everyday commands on the shipped Đức Thọ 2024 data answer with the plan's facts."""

from __future__ import annotations

import json

import pytest

from conftest import REAL_DATA

DATA = ("--data", str(REAL_DATA))
AS_OF = ("--as-of", "2024-01-15")


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one table row per line, so cells can be read whole


def flat(text: str) -> str:
    return " ".join(text.split())


def test_validate_passes_and_counts_the_data(cli) -> None:
    run = cli("validate", *DATA)
    assert run.code == 0, run.out
    summary = flat(run.out)
    assert "23 đơn vị" in summary and "15 phòng ban, đơn vị" in summary
    assert "ngưỡng chưa đối chiếu văn bản chính thức" in summary


def test_strict_validation_passes_on_the_shipped_data(cli) -> None:
    # the README and the pre-commit hook recommend --strict: warnings would fail an office's CI
    run = cli("validate", "--strict", *DATA)
    assert run.code == 0, run.out
    assert "cảnh báo" not in run.out


def test_departments_view_records_what_the_plan_gives_to_nobody(cli) -> None:
    text = flat(cli("departments", *DATA).out)
    assert "Chưa có phòng ban phụ trách (0): không" in text
    assert "Kế hoạch không giao cho ai: 8.5" in text and "Ủy ban Mặt trận Tổ quốc" in text


def test_gap_duc_dong_unquoted(cli) -> None:
    run = cli("gap", "Duc", "Dong", *DATA, *AS_OF)
    assert run.code == 0, run.err
    text = flat(run.out)
    assert "Xã Đức Đồng" in text
    assert "50,02 triệu đồng/người/năm" in text and "năm 2024: 55" in text and "còn thiếu 4,98" in text
    assert "7/9 khu dân cư" in text
    assert "≥ 55% (chưa đối chiếu)" in text
    for work in ("350 m", "790 m", "6 phòng học bộ môn", "10 ha"):
        assert work in text


def test_gap_duc_dong_json_has_the_exact_numbers(cli) -> None:
    doc = json.loads(cli("gap", "Duc", "Dong", *DATA, *AS_OF, "--format", "json").out)
    indicators = {i["indicator"]: i for c in doc["units"][0]["by_criterion"] for i in c["indicators"]}
    assert indicators["10"]["current"] == 50.02 and indicators["10"]["target"] == {
        "year": 2024,
        "value": 55,
        "gap": 4.98,
    }
    water = indicators["18.1"]
    assert water["status"] == "chưa đánh giá" and water["reason"] == "chưa có số liệu"
    assert water["threshold"]["required"] == 55
    assert water["threshold"]["verified"] is False


def test_gap_an_dung_shows_the_251_septic_toilets(cli) -> None:
    text = flat(cli("gap", "an", "dung", *DATA, *AS_OF).out)
    assert "cần thêm 251" in text and "251 nhà vệ sinh" in text


def test_gap_tung_chau_shows_the_208_wastewater_models(cli) -> None:
    text = flat(cli("gap", "Tùng Châu", *DATA, *AS_OF).out)
    assert "cần thêm 208" in text and "208 mô hình" in text


def test_district_name_is_ambiguous_with_the_township(cli) -> None:
    run = cli("gap", "Duc", "Tho", *DATA, *AS_OF)
    assert run.code == 2
    assert "thị trấn Đức Thọ" in run.err and "huyện Đức Thọ" in run.err


def test_after_the_reform_the_name_is_the_new_commune_s(cli) -> None:
    """From 01/7/2025 only xã Đức Thọ (formed from the township and three communes) exists."""
    run = cli("gap", "Duc", "Tho", *DATA, "--as-of", "2025-07-01")
    assert run.code == 0, run.err
    assert run.out.startswith("Xã Đức Thọ")
    before = cli("gap", "Duc", "Tho", *DATA, "--as-of", "2025-06-30")
    assert before.code == 2 and "thị trấn Đức Thọ" in before.err


def test_departments_expands_the_plan_s_assignments(cli) -> None:
    run = cli("departments", *DATA)
    assert run.code == 0
    lines = [line for line in run.out.splitlines() if "Phòng Tài nguyên và Môi trường" in line]
    # huyện NTM set: "7 trừ 7.3, 7.6; 8.4; 8.5"; huyện NTM nâng cao: "7 trừ 7.3, 7.6; 8.3; 8.4"
    assert "7.1, 7.2, 7.4, 7.5, 8.4, 8.5" in lines[0]
    assert "7.1, 7.2, 7.4, 7.5, 8.3, 8.4" in lines[1]
    assert "Chưa có phòng ban phụ trách" in run.out


def test_status_lists_all_sixteen_units(cli) -> None:
    doc = json.loads(cli("status", *DATA, *AS_OF, "--format", "json").out)
    assert len(doc["units"]) == 16
    assert doc["district"]["set"] == "ha-tinh-huyen-ntm-nang-cao-2022-2025"
