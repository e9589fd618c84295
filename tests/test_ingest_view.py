"""What `import` prints of an indicator's value before and after (no data files)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ntm_plan.cli.ingest_view import _observation_text
from ntm_plan.model import Observation

SOURCE = {"document": "giả lập"}


@pytest.mark.parametrize(
    ("entry", "shown"),
    [
        ({"count": 7, "total": 9}, "7/9 (31/12/2023)"),
        ({"count": 150, "stated_percent": Decimal("8.5")}, "150 (31/12/2023)"),
        ({"short_by": 208}, "còn thiếu 208 (31/12/2023)"),
        ({"value": Decimal("56.5")}, "56,5% (31/12/2023)"),
    ],
)
def test_an_earlier_value_reads_as_recorded(entry: dict[str, object], shown: str) -> None:
    obs = Observation.model_validate({"indicator": "17a", "as_of": "2023-12-31", "source": SOURCE, **entry})
    assert _observation_text(obs, "%") == shown
