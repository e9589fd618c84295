"""Vietnamese number, date and quarter formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from ntm_plan.present.vnformat import long_date, number, percent, quarter, roman, short_date


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("60.2"), "60,2"),
        (30379, "30.379"),
        (Decimal("4.98"), "4,98"),
        (Decimal("0.422"), "0,422"),  # entered values keep their digits
        (Decimal("50.020"), "50,02"),
        (Fraction(200, 3), "66,67"),  # computed values are rounded
        (Fraction(-1, 2), "-0,5"),
        (1234567, "1.234.567"),
    ],
)
def test_number(value: Decimal | int | Fraction, text: str) -> None:
    assert number(value) == text


def test_fixed_places_and_percent() -> None:
    assert number(Decimal("78.5"), 2) == "78,50"
    assert percent(Decimal("97")) == "97%"
    assert number(None) == "—"


def test_dates_quarters_and_roman_numerals() -> None:
    assert short_date(date(2022, 12, 9)) == "09/12/2022"
    assert long_date(date(2024, 3, 5)) == "ngày 05 tháng 3 năm 2024"
    assert long_date(date(2022, 12, 9)) == "ngày 09 tháng 12 năm 2022"
    assert quarter(2024, 3) == "Quý III/2024"
    assert quarter(2024, 4, capital=False) == "quý IV/2024"
    assert [roman(n) for n in (1, 4, 9, 14, 2024)] == ["I", "IV", "IX", "XIV", "MMXXIV"]
