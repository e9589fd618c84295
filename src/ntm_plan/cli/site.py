"""`site`: write the static progress site (see `ntm_plan.site`). Parse, load, build, print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.cli.common import AsOfOption, DataOption, clock, load_clean, parse_as_of, print_diagnostics
from ntm_plan.cli.vietnamese import VietnameseCommand


def site(
    out: Annotated[
        Path, typer.Option("-o", "--out", metavar="THƯ-MỤC", help="Thư mục trang web (mặc định: public).")
    ] = Path("public"),
    as_of: AsOfOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Cho phép thay một thư mục không do ntm-plan site ghi, hoặc theo symlink."),
    ] = False,
    data: DataOption = None,
) -> None:
    """Viết trang web tĩnh về tiến độ (HTML, mở được không cần mạng): trang chủ, từng đơn vị,
    bộ tiêu chí, phòng ban, tìm kiếm không dấu.

    Ví dụ: ntm-plan site -o public --as-of 2024-09-30   (rồi mở public/index.html)
    """
    from ntm_plan.pipeline.answers import write_site
    from ntm_plan.present.vnformat import number
    from ntm_plan.site.stamp import data_version, generation_time

    moment = clock()
    day = parse_as_of(as_of) if as_of is not None else moment.date()
    now = generation_time(moment)
    dataset = load_clean(data)
    summary, diags = write_site(dataset, out, day, now, data_version(dataset.root), force=force)
    print_diagnostics(diags)
    if summary is None:
        typer.echo(dg.summary_line(diags), err=True)
        raise typer.Exit(1)
    typer.echo(
        f"Đã ghi trang web vào {out}: {number(summary.pages)} trang, {number(summary.total_bytes / 1024, 0)} KB; "
        f"mở {out / 'index.html'} bằng trình duyệt."
    )


def register(app: typer.Typer) -> None:
    app.command(cls=VietnameseCommand)(site)
