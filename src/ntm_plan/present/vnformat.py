"""Vietnamese formats for people: numbers (60,2; 30.379), dates, quarters, Roman numerals.

Used by the terminal views and as Jinja filters in the documents. Pure functions.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ntm_plan.model.common import quarter_label

Number = int | Decimal | Fraction | float


def to_decimal(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def number(value: Number | None, places: int | None = None, *, max_places: int | None = None) -> str:
    """60.2 → '60,2'; 30379 → '30.379'; 4.98 → '4,98'.

    A value as entered (int, Decimal) keeps its digits (0,422 km stays 0,422), up to 6
    decimals; a computed one (Fraction, float) is rounded to `max_places` (default 2).
    `places` fixes the number of decimals. Trailing zeros are dropped otherwise."""
    if value is None:
        return "—"
    dec = to_decimal(value)
    if places is not None:
        digits = places
    elif max_places is not None:
        digits = max_places
    else:
        digits = 6 if isinstance(value, int | Decimal) else 2
    dec = dec.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    sign = "-" if dec < 0 else ""
    text = f"{abs(dec):f}"
    whole, _, frac = text.partition(".")
    if places is None:
        frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")


def percent(value: Number | None, places: int | None = None) -> str:
    return "—" if value is None else number(value, places) + "%"


def short_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _month(day: date) -> str:
    """Nghị định 30: months 1 and 2 take a leading zero (so 'tháng 01' is not read as 'tháng 10')."""
    return f"{day.month:02d}" if day.month < 3 else str(day.month)


def long_date(day: date) -> str:
    """Nghị định 30 date line: 'ngày 05 tháng 3 năm 2024', 'ngày 20 tháng 02 năm 2024'."""
    return f"ngày {day:%d} tháng {_month(day)} năm {day.year}"


def document_date(day: date) -> str:
    """A date inside a document's text, same zero rule: '09/12/2022', '19/4/2022', '25/01/2024'."""
    return f"{day:%d}/{_month(day)}/{day.year}"


ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(value: int) -> str:
    if value <= 0:
        raise ValueError("số La Mã chỉ dùng cho số dương")
    out = ""
    for amount, letters in ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def quarter(year: int, q: int, *, capital: bool = True) -> str:
    """'Quý III/2024' (or 'quý III/2024' inside a sentence)."""
    return f"{'Quý' if capital else 'quý'} {quarter_label(year, q)}"
