"""read/parser.py: how an untagged scalar is typed (YAML 1.2 core-like: only true/false are
booleans, 012 stays text, decimals are exact), and what a collection's tag resolves to."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from decimal import Decimal

import pytest

from ntm_plan.read import parser
from ntm_plan.read.reader import _Walker, read_yaml
from read_helpers import time_limit

pytestmark = pytest.mark.usefixtures(time_limit.__name__)

TYPED = {
    # text as written -> the value the data files get
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "nul": "nul",
    "none": "none",
    "~x": "~x",
    "''": "",  # quoted: text even when empty
    "'~'": "~",
    '"12"': "12",
    "'true'": "true",
    "0": 0,
    "12": 12,
    "012": "012",
    "-5": -5,
    "999999999999999": 999_999_999_999_999,  # 15 digits, the most an integer may have
    "-999999999999999": -999_999_999_999_999,
    "+5": 5,
    "1_000": "1_000",
    "0x1F": "0x1F",
    "9x": "9x",
    "-x": "-x",
    ".x": ".x",
    "+": "+",
    "-.": "-.",
    ".5": Decimal("0.5"),
    "+.5": Decimal("0.5"),
    "-1.5e3": Decimal("-1.5e3"),
    "50.02": Decimal("50.02"),
    "1e3": "1e3",
    "2024-06-30": date(2024, 6, 30),
    "2024-6-30": "2024-6-30",
    "2024-02-30": "2024-02-30",  # not a day: kept as text for the model to report at its line
    "12:30": "12:30",
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "F": "F",
    "tRue": "tRue",
    "t": "t",
    "yes": "yes",
    "off": "off",
    "n": "n",
    "! text": "text",  # the non-specific tag leaves the typing to the text
    "! [1]": [1],
    "! {g: 1}": {"g": 1},
    "!!seq [1]": [1],
    "!!map {g: 1}": {"g": 1},
}


@pytest.mark.parametrize("text", TYPED)
def test_an_untagged_scalar_is_typed_the_yaml_12_way(text: str) -> None:
    doc, diags = read_yaml(f"x: {text}\n".encode())
    assert diags == []
    assert doc is not None
    value = doc.data["x"]
    assert (value, type(value)) == (TYPED[text], type(TYPED[text]))


@pytest.mark.parametrize(("text", "tag"), [("!!seq {d: 1}", "seq"), ("!!map [1]", "map")])
def test_a_collection_tagged_as_the_other_kind_is_unsupported(text: str, tag: str) -> None:
    _, diags = read_yaml(f"a: 1\nx: {text}\n".encode())
    assert [(d.code, d.line, d.col, d.path, d.message) for d in diags] == [
        ("NTM001", 2, 4, ("x",), f"thẻ YAML không được hỗ trợ: tag:yaml.org,2002:{tag}")
    ]


def test_without_libyaml_the_python_parser_types_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML built without libyaml: the fallback parser, in this process (the subprocess test in
    test_yamlio.py reads a whole file the same way)."""
    monkeypatch.setitem(sys.modules, "yaml._yaml", None)
    try:
        fallback = importlib.reload(parser)
        assert not fallback.HAS_LIBYAML
        walker = _Walker(fallback.EventParser_("a: 012\nb: [1, 2.5, no]\nc: {d: ~}\n"))
        read = walker.single_document()
    finally:
        monkeypatch.undo()
        importlib.reload(parser)
    assert parser.HAS_LIBYAML
    assert read == ({"a": "012", "b": [1, Decimal("2.5"), "no"], "c": {"d": None}}, False)
    assert walker.positions[("c", "d")] == (3, 5)
