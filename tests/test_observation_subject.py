"""Messages about one observation name it the same way everywhere: 'tiêu chí 5' for a
whole criterion, 'chỉ tiêu 5.1' for an indicator."""

from __future__ import annotations

from datetime import date

from conftest import INVALID
from ntm_plan.check.evidence import check_periods, evaluation_warnings
from ntm_plan.pipeline.load import load

CASE = INVALID / "evidence-disagreements"


def test_an_observation_outside_the_set_period_is_named_with_its_kind() -> None:
    data, _ = load(CASE)
    (unit,) = data.units
    (found,) = check_periods(data, unit)
    assert found.message.startswith("số liệu chỉ tiêu 6.1 ngày 31/12/2019 nằm ngoài giai đoạn 2021-2025")


def test_a_criterion_observation_left_out_under_another_set_says_tieu_chi() -> None:
    data, _ = load(CASE)
    (unit,) = data.units
    early = unit.observations[0].model_copy(update={"as_of": date(2019, 12, 31)})
    untargeted = unit.model_copy(update={"target": None, "observations": (early,)})
    (found,) = evaluation_warnings(data, untargeted, data.sets["xa19"], date(2024, 12, 31))
    assert found.message.startswith("số liệu tiêu chí 1 ngày 31/12/2019 nằm ngoài giai đoạn 2021-2025")
