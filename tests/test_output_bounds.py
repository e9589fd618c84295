"""Bounded output (200 diagnostics a file, 1.000 in all, then one counting line), escaped
GitHub output on stdout and stderr, and no English from the OS or pydantic."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SYNTHETIC
from ntm_plan import diagnostics as dg

HEAD = "# SYNTHETIC test data\nname: Hòa An\nkind: xã\nregion: Bắc Trung Bộ\nobservations:\n"
BAD_ITEM = '  - {indicator: "10", value: năm, as_of: 2023-12-31, source: {document: "giả lập"}}\n'


def _data_with_bad_items(tmp_path: Path, files: dict[str, int]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    for name, items in files.items():
        (data / "communes" / name).write_text(HEAD + BAD_ITEM * items, encoding="utf-8")
    return data


def _printed(text: str) -> list[str]:
    return [line for line in text.splitlines() if "[NTM" in line]


def test_at_most_200_a_file_then_one_line_counting_the_rest(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _data_with_bad_items(tmp_path, {"hoa-an.yaml": 450})
    run = cli("validate", "--data", str(data))
    assert run.code == 1
    printed = _printed(run.out)
    assert len([line for line in printed if "hoa-an.yaml" in line]) == 200
    assert "… và 250 lỗi, 0 cảnh báo nữa trong 1 tệp không in ra" in run.out
    assert run.out.rstrip().endswith("450 lỗi, 1 cảnh báo trong 2 tệp")  # the summary counts them all
    doc = json.loads(cli("validate", "--data", str(data), "--format", "json").out)
    assert doc["errors"] == 450 and len(doc["diagnostics"]) == 451  # JSON keeps them all


def test_at_most_1000_in_all(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _data_with_bad_items(tmp_path, {f"xa-{i}.yaml": 199 for i in range(6)})
    run = cli("validate", "--data", str(data))
    assert len(_printed(run.out)) == 1000
    # each file: 199 bad items and its name taken twice (NTM023)
    assert "… và 200 lỗi, 1 cảnh báo nữa trong 2 tệp không in ra (tối đa 200 mỗi tệp, 1.000 tất cả)" in run.out
    refused = cli("status", "--data", str(data))  # commands that refuse bad data print the same way
    assert len(_printed(refused.err)) == 1000 and "… và 200 lỗi, 0 cảnh báo" in refused.err


def test_the_boundaries_themselves_are_printed_whole() -> None:
    exactly = [dg.error("NTM013", "x", file="a.yaml", line=i) for i in range(200)]
    shown, rest = dg.shown_and_rest(exactly)
    assert len(shown) == 200 and rest == []
    shown, rest = dg.shown_and_rest([*exactly, dg.error("NTM013", "x", file="a.yaml", line=201)])
    assert len(shown) == 200 and len(rest) == 1
    many = [dg.error("NTM013", "x", file=f"{i}.yaml") for i in range(1000)]
    assert dg.shown_and_rest(many) == (many, [])
    assert len(dg.shown_and_rest([*many, many[0]])[1]) == 1


def test_thousands_of_misspelt_keys_are_each_said_once_and_counted_exactly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    item = '  - {indicator: "10", value: 5, as_of: 2023-12-31, sourse: {document: "giả lập"}}\n'
    data = _data_with_bad_items(tmp_path, {})
    (data / "communes" / "hoa-an.yaml").write_text(HEAD + item * 3000, encoding="utf-8")
    run = cli("validate", "--data", str(data))
    printed = [line for line in _printed(run.out) if "hoa-an.yaml" in line]
    assert len(printed) == 200 and all("NTM011" in line and "'sourse'" in line for line in printed)
    assert run.out.count("Có phải ý bạn là 'source'?") == 200  # the missing 'source' is not said again
    assert "… và 2.800 lỗi, 0 cảnh báo nữa trong 1 tệp không in ra" in run.out
    assert run.out.rstrip().endswith("3000 lỗi, 1 cảnh báo trong 2 tệp")


@pytest.mark.slow
def test_a_2_mb_file_of_bad_items_keeps_memory_bounded(tmp_path: Path) -> None:
    items = (2 * 1024 * 1024 - len(HEAD.encode()) - 64) // len(BAD_ITEM.encode())
    data = _data_with_bad_items(tmp_path, {"hoa-an.yaml": items})
    assert (data / "communes" / "hoa-an.yaml").stat().st_size < 2 * 1024 * 1024
    measure = (
        "import resource, subprocess, sys\n"
        "run = subprocess.run([sys.executable, '-m', 'ntm_plan', 'validate', '--data', sys.argv[1]], "
        "capture_output=True, text=True)\n"
        "print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, run.stdout.count('[NTM'))\n"
    )
    out = subprocess.run([sys.executable, "-c", measure, str(data)], capture_output=True, text=True, check=True)
    code, peak_kib, printed = map(int, out.stdout.split())
    assert code == 1 and printed == 201  # 200 of the file, 1 warning elsewhere
    assert peak_kib < 1024 * 1024, f"{peak_kib // 1024} MB"


INJECTED = '"x\\n::error file=hack.yaml::injected\\r\\n::add-mask::%s"'


def test_github_format_escapes_every_data_line_on_stdout_and_stderr(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC, data)
    unit = data / "communes" / "hoa-an.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + f"{INJECTED}: 1\n", encoding="utf-8")
    run = cli("validate", "--data", str(data), "--format", "github")
    assert run.code == 1
    commands = [line for line in run.out.splitlines()]
    assert commands and all(line.startswith(("::error file=", "::warning file=", "::notice::")) for line in commands)
    assert any("%0A::error file=hack.yaml::injected%0D%0A::add-mask::%25s" in line for line in commands)
    err = run.err.splitlines()
    token = err[0].removeprefix("::stop-commands::")
    assert err[0].startswith("::stop-commands::") and len(token) >= 32 and err[-1] == f"::{token}::"
    assert not any(line.startswith("::") for line in err[1:-1])
    assert any("x\\n::error file=hack.yaml::injected\\r\\n::add-mask::%s" in line for line in err)


@pytest.mark.parametrize("code", [errno.EBUSY, errno.ENAMETOOLONG, errno.ELOOP, errno.EIO, errno.ENOSPC, 0, 9999])
def test_os_errors_reach_the_user_in_vietnamese(code: int) -> None:
    import os

    english = os.strerror(code) if code else "Something"
    text = dg.os_error_text(OSError(code, english))
    assert english not in text and text


def test_pydantic_english_never_reaches_the_user() -> None:
    from ntm_plan.model.fit import _message

    code, message, _ = _message(
        {"type": "finite_number", "loc": ("value",), "msg": "Input should be a finite number", "input": "inf"}, set()
    )
    assert code == "NTM013" and "Input" not in message and "hữu hạn" in message
    _, message, _ = _message(
        {"type": "some_new_type", "loc": ("x",), "msg": "Input should be something", "input": 1}, set()
    )
    assert "Input" not in message
