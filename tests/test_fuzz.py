"""Property-based tests: whatever bytes, YAML or data shapes come in, nothing raises.

Each stage must answer with a value or with diagnostics that point at a line: the reader
(`read_yaml`) for arbitrary bytes and YAML-looking text, the shape stage (`fit`) for
arbitrary YAML data against every file model, and the whole loader (`load`) and the
`validate` / `status` commands for data directories made of random files and of the
synthetic dataset with random mutations.
"""

from __future__ import annotations

import copy
import os
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SYNTHETIC
from ntm_plan.cli import main
from ntm_plan.diagnostics import CODES, Diagnostic
from ntm_plan.model import CriteriaSet, DepartmentsFile, District, Unit
from ntm_plan.model.fit import _all_field_names, fit
from ntm_plan.pipeline.load import load
from ntm_plan.read.reader import read_yaml

pytestmark = pytest.mark.slow  # hypothesis runs hundreds of generated data sets

MODELS = (CriteriaSet, Unit, District, DepartmentsFile)
FIELD_NAMES = sorted(set().union(*(_all_field_names(m) for m in MODELS)))
SCALE = int(os.environ.get("NTM_FUZZ_SCALE", "1"))
"""`NTM_FUZZ_SCALE=50 pytest tests/test_fuzz.py` for a long run; the suite keeps it short."""


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class _Dumper(yaml.SafeDumper):
    """safe_dump, plus Decimal written as the number it is (50.02, 1E+3)."""


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


def dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False).encode("utf-8")


# --- strategies ---------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.text(max_size=30),
    st.sampled_from(["no", "on", "yes", "012", "1e3", "5.10", "2024-Q5", "2023-02-30", "ubnd", "xa", "10", "17.1"]),
    st.sampled_from(["Hòa An", "Hoà Lạc", "xã", "thị trấn", "huyện", "nâng cao", "percent", "boolean", "min"]),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=40,
)
documents = st.dictionaries(keys, values, max_size=10)

YAML_BITS = [
    "[",
    "]",
    "{",
    "}",
    ":",
    ": ",
    ",",
    "- ",
    "? ",
    "&a ",
    "*a",
    "!",
    "!!str ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "%",
    "@",
    "`",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\t",
    "\r\n",
    "---\n",
    "...\n",
    "\\",
    "\x07",
    "\x00",
    "\ufeff",
    "\u2028",
    "\x85",
    "name",
    "kind",
    "indicator",
    "value",
    "tasks",
    '"10"',
    "50.02",
    "2024-06-30",
    "true",
    "no",
    "~",
    "Hòa",
    "Hoà",
    "đ",
    "1e3",
    "012",
    "9" * 30,
]
yaml_text = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=4), max_size=60).map("".join)


def _check_diagnostics(diags: list[Diagnostic], *, text_lines: int | None = None) -> None:
    for diag in diags:
        assert diag.code in CODES, diag
        assert diag.message, diag
        if diag.line is not None:
            assert diag.line >= 1, diag
            if text_lines is not None:
                assert diag.line <= text_lines + 1, diag


# --- (a) YAML-shaped data through the reader and every model -------------------------


@fuzz(150)
@given(documents, st.sampled_from(MODELS))
def test_any_yaml_data_fits_or_is_explained(data: dict[str, Any], model: type) -> None:
    raw = dump(data)
    doc, diags = read_yaml(raw)
    _check_diagnostics(diags, text_lines=raw.count(b"\n"))
    if doc is None:
        assert diags and all(d.line is not None for d in diags)
        return
    reported = frozenset(d.path for d in diags if d.path)
    obj, shape_diags = fit(model, doc, "tệp.yaml", reported=reported)
    _check_diagnostics(shape_diags, text_lines=raw.count(b"\n"))
    assert obj is not None or any(d.line is not None for d in diags + shape_diags)


@fuzz(100)
@given(values)
def test_any_yaml_value_at_the_top_is_read(data: Any) -> None:
    raw = dump(data)
    doc, diags = read_yaml(raw)
    _check_diagnostics(diags)
    assert doc is not None or diags
    for model in MODELS:
        if doc is not None:
            obj, shape_diags = fit(model, doc, "tệp.yaml")
            assert obj is not None or any(d.line is not None for d in diags + shape_diags)


# --- (b) arbitrary bytes and YAML-looking text through the reader ---------------------


@fuzz(200)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused(raw: bytes) -> None:
    doc, diags = read_yaml(raw)
    _check_diagnostics(diags, text_lines=raw.count(b"\n") + raw.count(b"\r"))
    assert doc is not None or all(d.line is not None for d in diags)


@fuzz(200)
@given(yaml_text)
def test_yaml_looking_text_is_read_or_refused(text: str) -> None:
    raw = text.encode("utf-8")
    doc, diags = read_yaml(raw)
    _check_diagnostics(diags, text_lines=len(text.splitlines()) + text.count("\n"))
    if doc is None:
        assert diags and all(d.line is not None for d in diags)
    for model in MODELS:
        if doc is not None:
            _, shape_diags = fit(model, doc, "tệp.yaml", reported=frozenset(d.path for d in diags if d.path))
            _check_diagnostics(shape_diags)


# --- (c) whole data directories through the loader and the commands -------------------

LAYOUT = [
    "criteria/xa.yaml",
    "criteria/tinh.yaml",
    "communes/hoa-an.yaml",
    "communes/hoa-binh.yaml",
    "district.yaml",
    "departments.yaml",
]


def _run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:  # pragma: no cover - main returns its code
        return int(exc.code or 0)


def _write(root: Path, files: dict[str, bytes]) -> None:
    root.mkdir()
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _load_and_check(root: Path) -> list[Diagnostic]:
    _, diags = load(root)
    _check_diagnostics(diags)
    assert all(d.file for d in diags), diags
    assert _run("validate", "--data", str(root), "--format", "json") in (0, 1)
    return diags


@fuzz(60)
@given(st.dictionaries(st.sampled_from(LAYOUT), st.one_of(yaml_text.map(str.encode), documents.map(dump)), max_size=6))
def test_random_files_in_a_data_directory_never_break_the_loader(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        _write(root, files)
        _load_and_check(root)


SYNTHETIC_FILES = {str(path.relative_to(SYNTHETIC)): path.read_bytes() for path in sorted(SYNTHETIC.rglob("*.yaml"))}


def _parsed(raw: bytes) -> Any:
    doc, diags = read_yaml(raw)
    assert doc is not None and not diags
    return doc.data


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


numbers = st.one_of(
    st.integers(min_value=-5, max_value=10**6),
    st.decimals(min_value=-1, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 1, 100, Decimal("0.001"), Decimal("99.999"), Decimal("100.0"), 10**14]),
)


@st.composite
def mutated_dataset(draw: st.DrawFn) -> dict[str, bytes]:
    """The synthetic dataset with a few random edits: a value replaced, a key dropped or added."""
    files = {name: _parsed(raw) for name, raw in SYNTHETIC_FILES.items()}
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        data = files[name]
        inside = _paths(data)[1:]
        if not inside:
            continue
        path = draw(st.sampled_from(inside))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["tweak", "tweak", "tweak", "replace", "drop", "add", "copy"]))
        old = parent[path[-1]]
        if action == "tweak":  # same type, other value: reaches the evaluator with odd numbers and dates
            if isinstance(old, bool):
                parent[path[-1]] = not old
            elif isinstance(old, int | Decimal):
                parent[path[-1]] = draw(numbers)
            elif isinstance(old, date):
                parent[path[-1]] = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
        elif action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "drop":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        elif action == "copy" and isinstance(parent, list):
            parent.append(copy.deepcopy(old))  # a deep copy: the same object would dump as an alias
    return {name: dump(data) for name, data in files.items()}


EVALUATED: list[int] = []


@fuzz(60)
@given(mutated_dataset(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_mutated_synthetic_data_is_validated_and_evaluated_without_crashing(
    files: dict[str, bytes], as_of: date
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        _write(root, files)
        diags = _load_and_check(root)
        if not any(d.is_error for d in diags):
            EVALUATED.append(1)
            day = as_of.isoformat()
            assert _run("status", "--data", str(root), "--as-of", day) == 0
            for name in ("Hòa An", "Bình Minh", "huyện Hòa Bình"):
                assert _run("gap", "--data", str(root), *name.split(), "--as-of", day) in (0, 2)
            assert _run("tasks", "--data", str(root)) == 0
