"""ingest.paths.expand, called directly: which files a folder or a pattern gives (only
.xlsx, any case, never Excel's `~$` owner files, hidden files or sub-folders), in what order,
a missing file passed on as typed (so `import` says it cannot read it), and the diagnostic
of a folder or pattern that names no form."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ntm_plan.ingest.paths import expand


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    forms = tmp_path / "nhan"
    forms.mkdir()
    for name in ("b.xlsx", "a.XLSX", "~$a.xlsx", ".c.xlsx", "ghi-chu.txt", "d.xlsx.bak"):
        (forms / name).write_bytes(b"x")
    (forms / "thu-muc.xlsx").mkdir()
    return forms


def test_a_folder_gives_its_forms_sorted_and_named_as_typed(folder: Path) -> None:
    typed = str(folder) + os.sep
    files, diags = expand([typed])
    assert diags == []
    assert files == [(folder / "a.XLSX", typed + "a.XLSX"), (folder / "b.xlsx", typed + "b.xlsx")]


def test_a_pattern_gives_the_matching_forms_sorted(folder: Path) -> None:
    files, diags = expand([str(folder / "*")])
    assert diags == []
    assert files == [(folder / "a.XLSX", str(folder / "a.XLSX")), (folder / "b.xlsx", str(folder / "b.xlsx"))]


def test_a_missing_file_is_passed_on_as_typed_and_the_order_is_kept(folder: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "khong-co.xlsx")
    files, diags = expand([missing, str(folder / "b.xlsx"), str(folder / "a.*"), missing])
    assert diags == []
    assert files == [
        (Path(missing), missing),
        (folder / "b.xlsx", str(folder / "b.xlsx")),
        (folder / "a.XLSX", str(folder / "a.XLSX")),
        (Path(missing), missing),
    ]


def test_an_existing_file_with_pattern_characters_in_its_name_is_that_file(tmp_path: Path) -> None:
    odd = tmp_path / "bieu [ban sao].xlsx"
    odd.write_bytes(b"x")
    assert expand([str(odd)]) == ([(odd, str(odd))], [])


def test_a_folder_or_pattern_without_forms_and_an_unreadable_folder(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "trong"
    empty.mkdir()
    files, diags = expand([str(empty), str(folder / "*.txt"), str(folder / "b.xlsx")])
    assert files == [(folder / "b.xlsx", str(folder / "b.xlsx"))]
    assert [(d.code, d.file, d.message, d.hint) for d in diags] == [
        (
            "NTM050",
            str(empty),
            "thư mục không có biểu .xlsx nào",
            "Lưu các biểu đã điền (.xlsx) vào thư mục này, hoặc ghi tên từng tệp.",
        ),
        (
            "NTM050",
            str(folder / "*.txt"),
            "không có tệp .xlsx nào khớp với mẫu này",
            "Kiểm tra tên thư mục và mẫu tên tệp, ví dụ bieu-nhan-2024-Q3/*.xlsx.",
        ),
    ]

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    files, diags = expand([str(folder)])
    assert files == []
    assert [(d.code, d.file, d.message) for d in diags] == [
        ("NTM050", str(folder), "không đọc được thư mục: không có quyền truy cập")
    ]
