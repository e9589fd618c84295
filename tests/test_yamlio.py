"""The strict YAML reader: positions, and every input it refuses, as diagnostics."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import date
from decimal import Decimal

from ntm_plan.read.reader import read_yaml


def codes(raw: bytes) -> list[tuple[str, int | None]]:
    _, diags = read_yaml(raw)
    return [(d.code, d.line) for d in diags]


def test_positions_are_recorded_for_every_key_and_item() -> None:
    doc, diags = read_yaml(b"a: 1\nlist:\n  - x: 2\n  - y: 3\n")
    assert diags == []
    assert doc is not None
    assert doc.positions[("list", 1, "y")] == (4, 5)
    assert doc.where(("list", 1, "y", "missing")) == (4, 5)


def test_scalars_follow_yaml_1_2_rules_not_1_1_traps() -> None:
    doc, _ = read_yaml(b"a: no\nb: on\nc: 012\nd: 50.02\ne: 5.10\nf: 2024-06-30\ng: true\nh: 1e3\n")
    assert doc is not None
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "012",
        "d": Decimal("50.02"),
        "e": Decimal("5.10"),
        "f": date(2024, 6, 30),
        "g": True,
        "h": "1e3",
    }


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    assert codes(b"name: A\nkind: x\nname: B\n") == [("NTM003", 3)]


def test_tabs_are_reported_per_line() -> None:
    assert ("NTM004", 2) in codes(b"a: 1\nb:\t2\n")


def test_alias_is_reported_once_where_it_is_used() -> None:
    assert codes(b"a: &x {k: 1}\nb: *x\n") == [("NTM005", 2)]


def test_billion_laughs_is_refused_without_expansion() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    found = codes("\n".join(lines).encode())
    assert found and {c for c, _ in found} == {"NTM005"}


def test_bom_is_accepted_and_latin1_is_refused() -> None:
    assert codes("\ufeffname: Đức Đồng\n".encode()) == []
    assert codes("name: Đức\n".encode() + "x: Hòa\n".encode("latin-1")) == [("NTM002", 2)]


def test_text_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "name: Đức Đồng\n")
    doc, _ = read_yaml(nfd.encode())
    assert doc is not None and doc.data["name"] == unicodedata.normalize("NFC", "Đức Đồng")


def test_syntax_error_has_a_line_and_a_vietnamese_message() -> None:
    doc, diags = read_yaml(b"a: 1\nb: [1, 2\nc: 3\n")
    assert doc is None
    assert diags[0].code == "NTM001" and diags[0].line is not None
    assert "cú pháp YAML sai" in diags[0].message


def test_control_character_is_caught() -> None:
    assert codes('text: "Đường\\x07A"\n'.encode()) == [("NTM007", 1)]


def test_the_pure_python_parser_reads_when_libyaml_is_missing() -> None:
    """PyYAML built without libyaml: the reader falls back to its Python parser."""
    code = "\n".join(
        [
            "import sys",
            "sys.modules['yaml._yaml'] = None  # as if PyYAML had been built without libyaml",
            "from ntm_plan.read import parser",
            "from ntm_plan.read.reader import read_yaml",
            "assert not parser.HAS_LIBYAML",
            "doc, diags = read_yaml('a: 012\\nb: [1, 2.5, no]\\nc: &x 1\\n'.encode())",
            "print(doc.data if doc else None, [d.code for d in diags])",
        ]
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "{'a': '012', 'b': [1, Decimal('2.5'), 'no'], 'c': 1} ['NTM005']"
