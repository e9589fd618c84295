"""Hostile inputs too big to commit, and the accepted-input cases that need more than validate.

Each input must be answered quickly with a diagnostic: no exception, no crash of the
interpreter (no recursion as deep as the input nests), no unbounded memory.
"""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from conftest import INVALID, SYNTHETIC
from ntm_plan.pipeline.load import load
from ntm_plan.read.reader import MAX_DEPTH, MAX_FILE_BYTES, MAX_ITEMS, read_yaml

COMMUNE_HEAD = (
    "# SYNTHETIC test data: an invented commune, made huge by the test.\n"
    "name: Hòa An\nkind: xã\nregion: Bắc Trung Bộ\nobservations:\n"
)
OBSERVATION = '  - {indicator: "10", value: 50.02, as_of: 2023-12-31, source: {document: "giả lập"}}\n'


def codes(raw: bytes) -> list[tuple[str, int | None]]:
    _, diags = read_yaml(raw)
    return [(d.code, d.line) for d in diags]


def test_a_50_mb_file_is_refused_at_once_without_parsing(tmp_path: Path) -> None:
    communes = tmp_path / "communes"
    communes.mkdir()
    (tmp_path / "criteria").mkdir()
    big = communes / "hoa-an.yaml"
    with big.open("w", encoding="utf-8") as out:
        out.write(COMMUNE_HEAD)
        block = OBSERVATION * 10_000
        while out.tell() < 50 * 1024 * 1024:
            out.write(block)
    size = big.stat().st_size
    tracemalloc.start()
    try:
        _, diags = load(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(d.code, d.file, d.line) for d in diags] == [("NTM008", f"{tmp_path.name}/communes/hoa-an.yaml", 1)]
    assert "tối đa 2 MB" in diags[0].message
    # the bytes are read once (loader.read_bytes) and never decoded or parsed
    assert peak < size + 16 * 1024 * 1024


def test_a_file_just_under_the_limit_is_read() -> None:
    lines = MAX_FILE_BYTES // len(OBSERVATION.encode()) - 1
    raw = (COMMUNE_HEAD + OBSERVATION * lines).encode()
    assert len(raw) <= MAX_FILE_BYTES
    doc, diags = read_yaml(raw)
    assert diags == [] and doc is not None and len(doc.data["observations"]) == lines


DEEP = {
    "flow lists": lambda n: b"note: " + b"[" * n + b"]" * n + b"\n",
    "flow lists never closed": lambda n: b"note: " + b"[" * n + b"\n",
    "flow mappings": lambda n: b"note: " + b"{a: " * n + b"}" * n + b"\n",
    "compact block lists": lambda n: b"note:\n  " + b"- " * n + b"x\n",
    "lists in quotes-free text": lambda n: b"note: [" + b"[x, " * n + b"]" * (n + 1) + b"\n",
}


@pytest.mark.parametrize("shape", DEEP)
@pytest.mark.parametrize("depth", [100, 10_000, 200_000])
def test_deep_nesting_is_refused_without_recursion(shape: str, depth: int) -> None:
    """200,000 levels crashed the interpreter (C stack) before the reader looked first."""
    raw = DEEP[shape](depth)
    doc, diags = read_yaml(raw)
    assert doc is None
    line = 1 if shape.startswith(("flow", "lists")) else 2
    # never closed and not deep enough to look suspicious: the syntax error comes first
    code = "NTM001" if shape.endswith("never closed") and depth < 500 else "NTM008"
    assert [(d.code, d.line) for d in diags] == [(code, line)]


def test_nesting_at_the_limit_is_accepted_and_one_deeper_is_not() -> None:
    def nested(depth: int) -> bytes:  # `depth` levels of lists inside the top mapping
        return b"note: " + b"[" * depth + b"x" + b"]" * depth + b"\n"

    doc, diags = read_yaml(nested(MAX_DEPTH - 1))
    assert diags == [] and doc is not None
    assert codes(nested(MAX_DEPTH)) == [("NTM008", 1)]


def test_a_list_at_the_item_limit_is_read_and_one_more_item_is_refused() -> None:
    def ones(count: int, flow: bool) -> bytes:
        if flow:
            return b"note: x\nobservations: [" + b"1," * (count - 1) + b"1]\n"
        return b"note: x\nobservations:\n" + b"  - 1\n" * count

    for flow in (True, False):
        doc, diags = read_yaml(ones(MAX_ITEMS, flow))
        assert diags == [] and doc is not None and len(doc.data["observations"]) == MAX_ITEMS
        doc, diags = read_yaml(ones(MAX_ITEMS + 1, flow))
        assert doc is None
        assert [(d.code, d.line, d.path) for d in diags] == [("NTM008", 2 if flow else 3, ("observations",))]
        assert f"({MAX_ITEMS + 1:,})".replace(",", ".") in diags[0].message


def test_a_mapping_with_too_many_keys_is_refused_with_their_count() -> None:
    def keys(count: int) -> bytes:
        return b"note: x\nextra:\n" + b"".join(b"  k%d: 1\n" % i for i in range(count))

    doc, diags = read_yaml(keys(MAX_ITEMS))
    assert diags == [] and doc is not None and len(doc.data["extra"]) == MAX_ITEMS
    doc, diags = read_yaml(keys(MAX_ITEMS + 7))
    assert doc is None and [(d.code, d.path) for d in diags] == [("NTM008", ("extra",))]
    assert "bảng khóa-giá trị có quá nhiều khóa (50.007)" in diags[0].message
    assert diags[0].hint and diags[0].hint.startswith("Mỗi tệp chỉ nên chứa một đơn vị hoặc một bộ tiêu chí. ")


@pytest.mark.slow
def test_a_million_bad_items_are_one_diagnostic_not_a_million(cli, tmp_path: Path) -> None:
    """Before, each of them became a validation error: 1,9 GB for a file under 2 MB."""
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    (data / "communes" / "hoa-an.yaml").write_text(
        COMMUNE_HEAD.replace("observations:\n", "observations: [" + "1," * 999_999 + "1]\n"), encoding="utf-8"
    )
    run = cli("validate", "--data", str(data), "--format", "json")
    assert run.code == 1
    found = [d for d in json.loads(run.out)["diagnostics"] if d["file"].endswith("hoa-an.yaml")]
    assert [(d["code"], d["line"], d["col"]) for d in found] == [("NTM008", 5, 15)]
    assert "1.000.000" in found[0]["message"]


def test_deep_indentation_is_refused_or_read_but_never_crashes() -> None:
    raw = "".join(" " * i + "k:\n" for i in range(1500)).encode()
    doc, diags = read_yaml(raw)
    assert doc is None and [d.code for d in diags] == ["NTM008"]


def test_billion_laughs_with_ten_levels_is_refused() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    found = codes("\n".join(lines).encode())
    assert found == [("NTM005", line) for line in range(2, 11)]


def test_an_alias_json_style_after_a_colon_is_caught() -> None:
    assert codes(b'a: {"k":&x 1}\nb: *x\n') == [("NTM005", 2)]


def test_nfd_old_tone_commune_is_found_by_its_nfc_new_style_name(cli) -> None:
    data = INVALID / "nfd-old-tones-accepted"
    raw = (data / "communes" / "hoa-lac.yaml").read_bytes().decode()
    assert raw != unicodedata.normalize("NFC", raw) and "oa\u0300" in raw  # NFD, old style "Hoà"
    for query in (["Hòa", "Lạc"], ["Hoa", "Lac"], ["xã", "hoà", "lạc"], [unicodedata.normalize("NFD", "Hòa Lạc")]):
        run = cli("gap", "--data", str(data), *query, "--as-of", "2024-10-01", "--format", "json")
        assert run.code == 0, (query, run.err)
        unit = json.loads(run.out)["units"][0]["unit"]
        assert unit["id"] == "hoa-lac" and unit["name"] == unicodedata.normalize("NFC", "Hoà Lạc")


def test_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    raw = "\ufeffname: A\r\nkind: xã\r\nname: B\r\n".encode()
    assert codes(raw) == [("NTM003", 3)]


def test_a_file_name_that_is_not_utf8_is_shown_and_refused_without_crashing(tmp_path: Path, cli) -> None:
    data = tmp_path / "data"
    shutil.copytree(INVALID / "nfd-old-tones-accepted", data)
    (data / "expected.txt").unlink()
    odd = data / "communes" / os.fsdecode(b"h\xf2a-l\xe1c.yaml")  # Windows-1258 bytes in the name
    (data / "communes" / "hoa-lac.yaml").rename(odd)
    run = cli("validate", "--data", str(data), "--format", "json")
    assert run.code == 1 and "Traceback" not in run.err
    [diag] = json.loads(run.out)["diagnostics"]
    assert (diag["code"], diag["file"], diag["line"]) == ("NTM013", "data/communes/h\ufffda-l\ufffdc.yaml", 1)
    for command in (["status", "--format", "json"], ["tasks", "--format", "json"], ["gap", "Hoa", "Lac"]):
        assert cli(*command, "--data", str(data)).code == 1
