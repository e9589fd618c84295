"""`init`: a data directory for a province (or several) from the national list of units."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.cli.common import print_diagnostics, usage_error
from ntm_plan.cli.vietnamese import VietnameseCommand

NEXT_STEPS = """# Thư mục dữ liệu ntm-plan

Tạo bởi `ntm-plan init` từ danh mục đơn vị hành chính sau sắp xếp năm 2025 (bảng chuyển đổi
của cơ quan thống kê quốc gia, mã theo Quyết định số 19/2025/QĐ-TTg): mỗi tỉnh một tệp trong
`provinces/`, mỗi xã, phường, đặc khu một tệp trong `communes/` với mã, đơn vị cấp trên, ngày
thành lập (01/7/2025) và các đơn vị cũ được sắp xếp vào.

Việc tiếp theo:
- chép các bộ tiêu chí vào `criteria/` (ví dụ bộ tiêu chí xã NTM giai đoạn 2026-2030);
- ghi vào tệp từng xã: bộ tiêu chí mục tiêu (`target`), nhóm xã (`group`) kèm nguồn, số liệu
  (`observations`), chỉ tiêu (`targets`) và nhiệm vụ (`tasks`), mỗi mục một nguồn;
- thêm `departments.yaml` nếu giao nhiệm vụ cho các sở, ngành;
- chạy `ntm-plan validate --data <thư mục này>`.
"""


def init(
    directory: Annotated[Path, typer.Argument(metavar="THƯ-MỤC", help="Thư mục dữ liệu sẽ tạo.")],
    province: Annotated[
        list[str] | None,
        typer.Option(
            "--province", "-p", metavar="TỈNH", help="Tên tỉnh, thành phố (không dấu cũng được); lặp lại được."
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all-provinces", help="Mọi tỉnh, thành phố (34).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi vào thư mục đã có tệp (ghi đè tệp trùng tên).")] = False,
) -> None:
    """Tạo thư mục dữ liệu cho một tỉnh: mọi xã, phường từ 01/7/2025 với mã, đơn vị cũ.

    Ví dụ: ntm-plan init du-lieu-ha-tinh --province "Ha Tinh"
    """
    from ntm_plan.national import find_province, provinces
    from ntm_plan.national.scaffold import province_files
    from ntm_plan.outputs import Protected, write_files
    from ntm_plan.present.vnformat import number

    chosen = list(provinces()) if every else []
    for query in province or []:
        found = find_province(query)
        if found is None:
            names = ", ".join(p.name for p in provinces())
            usage_error(f"không có tỉnh, thành phố '{query}'. Các tỉnh, thành phố từ 01/7/2025: {names}.")
        chosen.append(found)
    if not chosen:
        usage_error('cần --province, ví dụ: ntm-plan init du-lieu-ha-tinh --province "Ha Tinh"')
    chosen = list(dict.fromkeys(chosen))
    if directory.exists() and not force and (not directory.is_dir() or any(directory.iterdir())):
        from ntm_plan.diagnostics import error

        _refuse(
            [
                error(
                    "NTM041",
                    f"không ghi vào '{directory}': thư mục đã có tệp",
                    file=str(directory),
                    hint="Chọn thư mục mới hoặc rỗng, hoặc thêm --force để ghi đè các tệp trùng tên.",
                )
            ]
        )
    texts: dict[str, str] = {"README.md": NEXT_STEPS, "criteria/.gitkeep": ""}
    for each in chosen:
        texts.update(province_files(each))
    by_folder: dict[Path, dict[str, bytes]] = {}
    for relative, text in texts.items():
        path = directory / relative
        by_folder.setdefault(path.parent, {})[path.name] = text.encode("utf-8")
    for folder, contents in by_folder.items():
        _, diags = write_files(folder, contents, Protected(), force=force)
        if diags:
            _refuse(diags)
    units = sum(1 for name in texts if name.startswith("communes/"))
    where = ", ".join(f"{p.kind} {p.name}" for p in chosen) if len(chosen) <= 3 else f"{len(chosen)} tỉnh, thành phố"
    typer.echo(f"Đã tạo thư mục dữ liệu {directory}: {where}, {number(units)} đơn vị cấp xã (từ 01/7/2025).")
    typer.echo(f"Tiếp theo: thêm bộ tiêu chí vào criteria/, rồi chạy ntm-plan validate --data {directory}")


def _refuse(diags: list[dg.Diagnostic]) -> None:
    print_diagnostics(diags)
    typer.echo(dg.summary_line(diags), err=True)
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(cls=VietnameseCommand)(init)
