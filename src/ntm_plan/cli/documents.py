"""Commands that write Word documents: `plan`, `report`, `templates check`.

Registered on the main app by `cli`. docx and jinja are imported inside the commands only,
so that `gap` and friends start fast. Each command: parse options → load clean data →
build the context (pure) → render and write atomically → print diagnostics, exit 1 on any.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from ntm_plan import diagnostics as dg
from ntm_plan.cli.common import (
    DataOption,
    check_year,
    load_clean,
    parse_day,
    parse_quarter,
    print_diagnostics,
    today,
    usage_error,
)
from ntm_plan.cli.document_folder import render_all, write_all
from ntm_plan.cli.vietnamese import VietnameseCommand
from ntm_plan.exits import DATA_PROBLEMS
from ntm_plan.model.common import quarter_end, quarter_start
from ntm_plan.model.dataset import Dataset

PLAN_TEMPLATE = "ke-hoach.docx"
REPORT_TEMPLATE = "bao-cao.docx"

OutOption = Annotated[Path | None, typer.Option("-o", "--out", metavar="TỆP", help="Tệp .docx kết quả.")]
NumberOption = Annotated[
    str | None,
    typer.Option("--number", metavar="SỐ", help="Số văn bản; bỏ trống để in bản dự thảo (số và ngày để trống)."),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="NGÀY", help="Ngày ban hành, ví dụ 15/01/2024; bỏ trống với bản dự thảo."),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Cho phép -o là một liên kết (symlink): ghi vào tệp mà nó trỏ tới.")
]
TemplateOption = Annotated[
    Path | None, typer.Option("--template", metavar="TỆP", help="Mẫu .docx thay cho mẫu mặc định.")
]


def find_template(name: str, explicit: Path | None) -> Path:
    from ntm_plan.documents.render import find_template as lookup

    return lookup(name, explicit)


def _need_district(dataset: Dataset) -> None:
    if dataset.district is None:
        diag = dg.error(
            "NTM010",
            "thiếu tệp district.yaml: văn bản cần tên cơ quan ban hành, địa danh, người ký và nơi nhận",
            file=str(dataset.root / "district.yaml"),
        )
        print_diagnostics([diag])
        raise typer.Exit(DATA_PROBLEMS)


def _finish(diags: list[dg.Diagnostic], out: Path) -> None:
    if diags:
        print_diagnostics(diags)
        typer.echo(dg.summary_line(diags), err=True)
        raise typer.Exit(DATA_PROBLEMS)
    typer.echo(f"Đã ghi {out}")


def write_annex_xlsx(context: dict[str, Any], out: Path, data_dir: Path, force: bool) -> list[dg.Diagnostic]:
    """Biểu 1-2 of the report just written, as a workbook with the same rows and columns."""
    from ntm_plan.documents.annex_xlsx import annex_workbook
    from ntm_plan.ingest.workbook import workbook_bytes
    from ntm_plan.outputs import Protected, write_output

    return write_output(workbook_bytes(annex_workbook(context)), out, Protected(data_dir), force=force)


def build_plan_context(dataset: Dataset, year: int, *, warn: bool = True, **options: Any) -> dict[str, Any]:
    """The plan's context; with `warn`, the period warnings printed (stderr, not in the document)."""
    from ntm_plan.pipeline.answers import plan_context

    context, warnings = plan_context(dataset, year, warn=warn, **options)
    print_diagnostics(warnings)
    return context


def build_report_context(
    dataset: Dataset, year: int, quarter: int, *, warn: bool = True, **options: Any
) -> dict[str, Any]:
    from ntm_plan.pipeline.answers import report_context

    context, warnings = report_context(dataset, year, quarter, warn=warn, **options)
    print_diagnostics(warnings)
    return context


def _need_reports(dataset: Dataset, year: int, q: int, issuers: list[Any]) -> None:
    """A report tells the quarter or is not printed as final: for an issuer whose units and
    departments entered no progress and no figure dated in the quarter, NTM046 names who has
    not reported and points to --draft. Nothing is written when one is refused."""
    from ntm_plan.documents.report import quarter_reporting
    from ntm_plan.present.vnformat import quarter as quarter_words

    diags = []
    for issuer in issuers:
        reporting = quarter_reporting(dataset, year, q, issuer)
        if reporting.reported:
            continue
        who = "" if issuer is None else f"{issuer.kind} {issuer.name}: "
        diags.append(
            dg.error(
                "NTM046",
                f"{who}{quarter_words(year, q, capital=False)} chưa có đơn vị nào báo cáo tiến độ (không có mục tiến "
                f"độ hay số liệu nào ghi ngày trong quý); chưa báo cáo: {', '.join(reporting.silent)}",
                file=str(dataset.root),
                hint="nhập biểu báo cáo của các đơn vị (ntm-plan import), hoặc thêm --draft để in bản dự thảo",
            )
        )
    if diags:
        print_diagnostics(diags)
        raise typer.Exit(DATA_PROBLEMS)


UnitWords = Annotated[
    list[str] | None,
    typer.Argument(metavar="TÊN-ĐƠN-VỊ", help="Đơn vị ban hành (như -u), gõ liền không cần ngoặc kép."),
]
UnitOption = Annotated[
    str | None,
    typer.Option("--unit", "-u", metavar="ĐƠN-VỊ", help="Xã, thị trấn tự ban hành văn bản (mặc định: huyện)."),
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Một văn bản cho mỗi đơn vị ban hành (huyện và từng xã), ghi vào thư mục -o.")
]


def _issuers(
    dataset: Dataset, words: list[str] | None, unit: str | None, every: bool, command: str, first: date, last: date
) -> list[Any]:
    """The issuers asked for: [None] for the district, a commune (named as it was between
    `first` and `last`), or (--all) every unit that exists on some day of that span."""
    name = " ".join([*([unit] if unit else []), *(words or [])]) or None
    if name is not None and every:
        usage_error("chọn một trong --unit và --all.")

    def exists(u: Any) -> bool:
        return (u.valid_from is None or u.valid_from <= last) and (u.valid_to is None or first <= u.valid_to)

    if every:
        district = [None] if dataset.district is not None and exists(dataset.district) else []
        return [*district, *(u for u in dataset.units if exists(u))]
    if name is None:
        _need_district(dataset)
        return [None]
    from ntm_plan.cli.common import resolve_unit

    candidates = [u for u in dataset.units if exists(u)]
    chosen = resolve_unit(dataset._replace(units=tuple(candidates)), name, f"{command} -u {{}}", last)
    return [None if chosen is dataset.district else chosen]


def _every(
    name: str,
    issuers: list[Any],
    dataset: Dataset,
    make: Callable[..., dict[str, Any]],
    template: Path,
    out: Path | None,
    force: bool,
) -> None:
    """`--all`: one document per issuer into the folder `out` (default: `name`)."""
    contexts = {f"{name}-{_slug(i, dataset)}.docx": make(unit=i, warn=n == 0) for n, i in enumerate(issuers)}
    write_all(out or Path(name), render_all(template, contexts), dataset, force)


def _slug(issuer: Any, dataset: Dataset) -> str:
    return dataset.district.id if issuer is None and dataset.district is not None else str(issuer.id)


def plan(
    year: Annotated[int, typer.Option("--year", metavar="NĂM", help="Năm kế hoạch, ví dụ 2024.")],
    words: UnitWords = None,
    unit: UnitOption = None,
    every: AllOption = False,
    out: OutOption = None,
    number: NumberOption = None,
    day: DateOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="NGÀY",
            help="Ngày lấy số liệu, ví dụ 31/12/2023 (mặc định: 31/12 năm trước năm kế hoạch).",
        ),
    ] = None,
    data: DataOption = None,
    template: TemplateOption = None,
    force: ForceOption = False,
) -> None:
    """Viết Kế hoạch năm (.docx) theo thể thức Nghị định 30/2020/NĐ-CP: của huyện, của một xã
    (-u), hoặc của mọi đơn vị (--all, vào thư mục -o).

    Ví dụ: ntm-plan plan --year 2024 -o ke-hoach-2024.docx   |   ntm-plan plan --year 2024 -u Duc Dong
    """
    from ntm_plan.documents.render import render_document

    check_year(year)
    issued = parse_day(day, "--date") if day is not None else None
    figures_at = parse_day(as_of, "--as-of") if as_of is not None else None
    dataset = load_clean(data)
    issuers = _issuers(dataset, words, unit, every, f"plan --year {year}", date(year, 1, 1), date(year, 12, 31))
    options: dict[str, Any] = {"as_of": figures_at, "number_text": number, "day": issued}
    name = f"ke-hoach-{year}"
    if every:
        make = partial(build_plan_context, dataset, year, **options)
        _every(name, issuers, dataset, make, find_template(PLAN_TEMPLATE, template), out, force)
        return
    issuer = issuers[0]
    target = out or Path(f"{name}.docx" if issuer is None else f"{name}-{issuer.id}.docx")
    context = build_plan_context(dataset, year, unit=issuer, **options)
    written = render_document(
        find_template(PLAN_TEMPLATE, template), context, target, data_dir=dataset.root, force=force
    )
    if not written and issuer is None:
        from ntm_plan.documents.plan import office_notes

        notes = office_notes(dataset, year, as_of=figures_at)
        for line in (
            ["Cần kiểm tra trước khi ký (không in trong văn bản):", *(f"- {n}" for n in notes)] if notes else []
        ):
            typer.echo(line, err=True)
    _finish(written, target)


def report(
    quarter: Annotated[str, typer.Option("--quarter", metavar="QUÝ", help="Quý báo cáo, ví dụ III/2024 hoặc 2024-Q3.")],
    words: UnitWords = None,
    unit: UnitOption = None,
    every: AllOption = False,
    out: OutOption = None,
    number: NumberOption = None,
    day: DateOption = None,
    data: DataOption = None,
    template: TemplateOption = None,
    force: ForceOption = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Ghi thêm Biểu 1, Biểu 2 ra tệp Excel cùng tên.")] = False,
    draft: Annotated[
        bool,
        typer.Option("--draft", help="In bản dự thảo (ghi DỰ THẢO) kể cả khi trong quý chưa đơn vị nào báo cáo."),
    ] = False,
) -> None:
    """Viết Báo cáo kết quả quý (.docx): số liệu đến ngày cuối quý; của huyện, của một xã (-u),
    hoặc của mọi đơn vị (--all, vào thư mục -o).

    Trong quý chưa đơn vị nào báo cáo tiến độ thì từ chối (thoát 1), trừ khi có --draft.

    Ví dụ: ntm-plan report --quarter 2024-Q3   |   ntm-plan report --quarter 2024-Q3 -u Duc Dong
    """
    from ntm_plan.documents.render import render_document

    year, q = parse_quarter(quarter)
    check_year(year)
    issued = parse_day(day, "--date") if day is not None else None
    dataset = load_clean(data)
    issuers = _issuers(
        dataset, words, unit, every, f"report --quarter {year}-Q{q}", quarter_start(year, q), quarter_end(year, q)
    )
    if every and xlsx:
        usage_error("--xlsx dùng cho một báo cáo; bỏ --all hoặc --xlsx.")

    if not draft:
        _need_reports(dataset, year, q, issuers)
    options: dict[str, Any] = {"number_text": number, "day": issued, "draft": draft}
    name = f"bao-cao-quy-{q}-{year}"
    if every:
        make = partial(build_report_context, dataset, year, q, **options)
        _every(name, issuers, dataset, make, find_template(REPORT_TEMPLATE, template), out, force)
        return
    issuer = issuers[0]
    target = out or Path(f"{name}.docx" if issuer is None else f"{name}-{issuer.id}.docx")
    if xlsx:  # one output or none: the workbook's target is checked before the document is written
        from ntm_plan.outputs import Protected, check_target

        _, refused = check_target(target.with_suffix(".xlsx"), Protected(dataset.root), force=force)
        if refused:
            _finish(refused, target.with_suffix(".xlsx"))
    context = build_report_context(dataset, year, q, unit=issuer, **options)
    written = render_document(
        find_template(REPORT_TEMPLATE, template), context, target, data_dir=dataset.root, force=force
    )
    _finish(written, target)
    if xlsx:
        sheet = target.with_suffix(".xlsx")
        _finish(write_annex_xlsx(context, sheet, dataset.root, force), sheet)


def templates_check(
    data: DataOption = None,
    year: Annotated[
        int | None, typer.Option("--year", metavar="NĂM", help="Năm dùng để thử (mặc định: năm mục tiêu).")
    ] = None,
    plan_template: Annotated[
        Path | None, typer.Option("--plan-template", metavar="TỆP", help="Mẫu kế hoạch cần kiểm tra.")
    ] = None,
    report_template: Annotated[
        Path | None, typer.Option("--report-template", metavar="TỆP", help="Mẫu báo cáo cần kiểm tra.")
    ] = None,
) -> None:
    """Điền thử từng mẫu với dữ liệu (trong bộ nhớ); báo biến thiếu và lỗi cú pháp.

    Ví dụ: ntm-plan templates check --plan-template mau/ke-hoach.docx
    """
    from ntm_plan.documents.render import check_template

    dataset = load_clean(data)
    _need_district(dataset)
    assert dataset.district is not None
    chosen = year or (dataset.district.target.year if dataset.district.target else today().year)
    check_year(chosen)
    jobs: list[tuple[Path, Callable[[], dict[str, Any]]]] = [
        (find_template(PLAN_TEMPLATE, plan_template), lambda: build_plan_context(dataset, chosen, warn=False)),
        (find_template(REPORT_TEMPLATE, report_template), lambda: build_report_context(dataset, chosen, 4, warn=False)),
    ]
    problems: list[dg.Diagnostic] = []
    for path, make in jobs:
        diags = check_template(path, make())
        problems += diags
        typer.echo(f"{path}: {'có lỗi' if diags else 'đạt'}")
    if problems:
        print_diagnostics(problems)
        typer.echo(dg.summary_line(problems), err=True)
        raise typer.Exit(DATA_PROBLEMS)


def register(app: typer.Typer, templates_app: typer.Typer) -> None:
    """Add the document commands to the app."""
    app.command(cls=VietnameseCommand)(plan)
    app.command(cls=VietnameseCommand)(report)
    templates_app.command("check", cls=VietnameseCommand)(templates_check)
