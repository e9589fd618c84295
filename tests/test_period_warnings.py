"""`status`, `plan` and `report` warn (NTM064) once per criteria set evaluated at a date
outside its period, counting the units, on stderr and never in the document."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

from conftest import REAL_DATA
from docx_helpers import lines
from ntm_plan.check.evidence import period_warnings
from ntm_plan.pipeline.load import load

DATA = ("--data", str(REAL_DATA))
WARNING = re.compile(
    r"cảnh báo\[NTM064\]: ngày đánh giá (.+?) nằm ngoài giai đoạn (\d+-\d+) của bộ '([^']+)': (\d+) đơn vị"
)


def _targets(cli, as_of: str) -> Counter[str]:
    """How many units (the district included) each set evaluates at the date, as `status` reports them."""
    doc = json.loads(cli("status", "--as-of", as_of, *DATA, "--format", "json").out)
    sets = Counter(u["target"]["set"] for u in doc["units"] if u.get("criteria") is not None)
    sets[doc["district"]["set"]] += 1
    return sets


def _warned(err: str) -> dict[str, int]:
    found = WARNING.findall(err)
    assert len(found) == err.count("NTM064")
    return {set_id: int(count) for _, _, set_id, count in found}


def test_status_warns_once_per_set_with_the_number_of_units(cli) -> None:
    # before the 2022-2025 sets, while the district and its sixteen units existed
    run = cli("status", "--as-of", "2021-12-31", *DATA)
    assert run.code == 0 and "NTM064" not in run.out
    warned = _warned(run.err)
    assert warned == dict(_targets(cli, "2021-12-31"))  # every target set of the shipped data starts in 2021-2022
    assert sum(warned.values()) > len(warned)  # several units share a set: one line each would be more lines
    assert "31/12/2021" in run.err and "2022-2025" in run.err


def test_status_inside_every_period_says_nothing(cli) -> None:
    assert "NTM064" not in cli("status", "--as-of", "2025-06-30", *DATA).err
    assert "NTM064" in cli("status", "--as-of", "2021-12-31", *DATA).err
    # from 01/7/2025 the units evaluated by the 2022-2025 sets no longer exist; the five new
    # communes have no target set yet: nothing is evaluated outside its period
    assert "NTM064" not in cli("status", "--as-of", "2026-01-01", *DATA).err


def test_status_json_stays_a_document_with_the_warning_on_stderr(cli) -> None:
    run = cli("status", "--as-of", "2021-12-31", *DATA, "--format", "json")
    assert json.loads(run.out)["units"] and "NTM064" in run.err


def test_plan_warns_on_stderr_and_keeps_the_document_clean(cli, tmp_path: Path) -> None:
    out = tmp_path / "ke-hoach.docx"
    run = cli("plan", "--year", "2027", *DATA, "-o", str(out))  # figures at 31/12/2026
    assert run.code == 0 and out.exists()
    assert _warned(run.err) and "31/12/2026" in run.err
    text = "\n".join(lines(out))
    assert "NTM064" not in text and "ngoài giai đoạn" not in text
    assert "NTM064" not in cli("plan", "--year", "2025", *DATA, "-o", str(out)).err


def test_report_names_both_dates_it_evaluates(cli, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    run = cli("report", "--quarter", "2021-Q3", "--draft", *DATA, "-o", str(out))  # both before the 2022-2025 sets
    assert run.code == 0 and out.exists()
    warned = WARNING.findall(run.err)
    assert warned and all(dates == "30/06/2021 và 30/09/2021" for dates, *_ in warned)
    assert "NTM064" not in "\n".join(lines(out))
    run = cli("report", "--quarter", "2022-Q1", "--draft", *DATA, "-o", str(out))  # only 31/12/2021 is outside
    warned = WARNING.findall(run.err)
    assert run.code == 0 and warned and all(dates == "31/12/2021" for dates, *_ in warned)
    assert "NTM064" not in cli("report", "--quarter", "2024-Q3", "--draft", *DATA, "-o", str(out)).err


def test_only_the_sets_whose_period_excludes_a_date_are_named() -> None:
    data, _ = load(REAL_DATA)
    evaluated = ["xa-ntm-2021-2025"] * 3 + ["ha-tinh-xa-ntm-nang-cao-2022-2025"] * 2
    found = period_warnings(data, evaluated, [date(2021, 6, 30)])
    assert [(d.code, d.severity.value) for d in found] == [("NTM064", "warning")]
    assert "'ha-tinh-xa-ntm-nang-cao-2022-2025': 2 đơn vị" in found[0].message
    assert found[0].file and found[0].file.endswith("ha-tinh-xa-ntm-nang-cao-2022-2025.yaml") and found[0].line
    both = period_warnings(data, evaluated, [date(2026, 3, 31), date(2025, 12, 31), date(2020, 12, 31)])
    assert [d.message.split(" nằm")[0] for d in both] == [
        "ngày đánh giá 31/12/2020 và 31/03/2026",
        "ngày đánh giá 31/12/2020 và 31/03/2026",
    ]
    assert period_warnings(data, evaluated, [date(2022, 1, 1), date(2025, 12, 31)]) == []
