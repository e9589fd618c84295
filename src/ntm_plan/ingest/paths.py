"""The forms `import` is given, as typed: a file, a folder (every .xlsx in it), or a
pattern such as `bieu\\*.xlsx` that cmd and PowerShell pass on unexpanded. Each file keeps
the text the user typed, so a message names it as typed (`bieu\\duc-dong.xlsx` on Windows)."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from ntm_plan.diagnostics import Diagnostic, error, os_error_text

FormFile = tuple[Path, str]
"""A form to read, and its name as the user typed it."""

_PATTERN = frozenset("*?[")


def _is_form_name(name: str) -> bool:
    """An .xlsx file, not Excel's owner file of an open workbook (`~$bieu.xlsx`), not hidden."""
    return name.lower().endswith(".xlsx") and not name.startswith(("~$", "."))


def _folder(typed: str, folder: Path) -> tuple[list[FormFile], list[Diagnostic]]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file() and _is_form_name(entry.name))
    except OSError as exc:
        return [], [error("NTM050", f"không đọc được thư mục: {os_error_text(exc)}", file=typed)]
    if not names:
        hint = "Lưu các biểu đã điền (.xlsx) vào thư mục này, hoặc ghi tên từng tệp."
        return [], [error("NTM050", "thư mục không có biểu .xlsx nào", file=typed, hint=hint)]
    # joined as text, not as a Path: the folder keeps the separators it was typed with
    return [(folder / name, os.path.join(typed, name)) for name in names], []  # noqa: PTH118


def expand(typed: list[str]) -> tuple[list[FormFile], list[Diagnostic]]:
    """Every form named by `typed`, in the order given (a folder's and a pattern's files
    sorted by name). A form named twice stays twice: `import` says so (NTM054)."""
    found: list[FormFile] = []
    diags: list[Diagnostic] = []
    for text in typed:
        path = Path(text)
        if path.is_dir():
            files, problems = _folder(text, path)
        elif not path.exists() and _PATTERN & set(text):
            matches = sorted(
                m
                for m in glob.glob(text)  # noqa: PTH207 - the pattern may be absolute or hold '..'
                if Path(m).is_file() and _is_form_name(Path(m).name)
            )
            files = [(Path(m), m) for m in matches]
            hint = "Kiểm tra tên thư mục và mẫu tên tệp, ví dụ bieu-nhan-2024-Q3/*.xlsx."
            problems = (
                [] if files else [error("NTM050", "không có tệp .xlsx nào khớp với mẫu này", file=text, hint=hint)]
            )
        else:
            files, problems = [(path, text)], []
        found += files
        diags += problems
    return found, diags
