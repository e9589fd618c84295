"""Stage 6: render a .docx template with a context and write the result atomically.

One Jinja environment for every document: sandboxed (a template is a document an office
edits and shares; it may read the context, never reach Python's internals) and limited in
time and output (`budget`), autoescape on (without it `&` or `<` in the data silently drops
text from the .docx), StrictUndefined (a missing value is an error, never an empty string)
and the Vietnamese filters of `vnformat`. Template errors, a limit reached included, come
back as `Diagnostic` NTM040 naming the template and the text near the error; write errors
as NTM041. The output is written by `outputs.write_output` (refusals, temporary file, rename)."""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib.resources
import io
import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.sandbox

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.documents.budget import RENDER_SECONDS, RENDER_SECONDS_ENV, BudgetedEnvironment, RenderLimit, deadline
from ntm_plan.documents.common import Picture
from ntm_plan.outputs import Protected, check_target, reproducible_zip, write_output
from ntm_plan.present import vnformat


def _ngay(value: date | str) -> str:
    return vnformat.long_date(date.fromisoformat(value) if isinstance(value, str) else value)


def _ngay_ngan(value: date | str) -> str:
    return vnformat.document_date(date.fromisoformat(value) if isinstance(value, str) else value)


def _quy(value: str | tuple[int, int]) -> str:
    """'2024-Q3' or (2024, 3) → 'Quý III/2024'."""
    if isinstance(value, str):
        year, _, q = value.upper().partition("-Q")
        return vnformat.quarter(int(year), int(q))
    return vnformat.quarter(value[0], value[1])


class _NoOtherFiles(jinja2.BaseLoader):
    """A template is one .docx: `include`, `import` and `extends` find nothing, whatever the name."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, None]:
        raise jinja2.TemplateNotFound(template)


def make_env(seconds: float | None = None) -> BudgetedEnvironment:
    env = BudgetedEnvironment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        seconds=seconds,
        loader=_NoOtherFiles(),
    )
    env.filters.update(
        so=vnformat.number,
        phan_tram=vnformat.percent,
        ngay=_ngay,
        ngay_ngan=_ngay_ngan,
        quy=_quy,
        la_ma=vnformat.roman,
    )
    return env


_TAG = re.compile(r"<[^>]+>")


def _near_text(lines: list[str], lineno: int | None) -> str:
    """Text of the paragraph where the error is, with its neighbours if it is empty."""
    if not lineno:
        return ""
    texts = [" ".join(_TAG.sub("", line).split()) for line in lines]
    index = min(max(lineno - 1, 0), len(texts) - 1) if texts else 0
    for candidate in (index, index - 1, index + 1, index - 2, index + 2):
        if 0 <= candidate < len(texts) and texts[candidate]:
            text = texts[candidate]
            return text if len(text) <= 160 else text[:157] + "…"
    return ""


def _template_lineno(exc: BaseException) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    tb: TracebackType | None = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def _raised_by_template(exc: BaseException) -> bool:
    """Whether the error came out of the template's own code (a frame Jinja names '<template>'),
    a filter it called included, rather than out of reading or writing the .docx."""
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            return True
        tb = tb.tb_next
    return False


def _part_source(tpl: Any) -> list[str]:
    """The XML docxtpl was rendering when it failed, split the way docxtpl splits it."""
    from docx.oxml import parse_xml

    part = getattr(tpl, "current_rendering_part", None)
    if part is None or part is tpl.docx.part:
        xml = tpl.xml_to_string(tpl.docx._element.body)
    else:
        xml = tpl.xml_to_string(parse_xml(part.blob))
    xml = tpl.patch_xml(xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()


def _unsafe_name(exc: Exception) -> str:
    found = re.search(r"attribute '([^']*)'", str(exc))
    return f"'{found[1]}'" if found else "thuộc tính bắt đầu bằng '_'"


def _not_a_template(template: Path) -> Diagnostic:
    return error(
        "NTM040",
        f"mẫu '{template}' không phải tệp Word .docx hợp lệ (hỏng, bị cắt ngắn hoặc là tệp loại khác)",
        file=str(template),
        hint="Mở mẫu bằng Word và lưu lại dạng .docx, hoặc dùng mẫu có sẵn của chương trình.",
    )


def open_template(template: Path) -> tuple[Any, list[Diagnostic]]:
    """The template loaded as a `LinearTemplate`, or None with NTM040 when it is not a .docx."""
    from ntm_plan.documents.linear_template import LinearTemplate

    if not template.is_file():
        return None, [error("NTM040", f"không tìm thấy mẫu văn bản '{template}'", file=str(template))]
    tpl = LinearTemplate(str(template))
    try:
        tpl.init_docx()
        tpl.get_xml()
    except Exception:  # any failure to open it (zip, XML, missing part) means the same to the user
        return None, [_not_a_template(template)]
    return tpl, []


def _template_diagnostic(template: Path, exc: Exception, tpl: Any) -> Diagnostic:
    lineno = _template_lineno(exc)
    near = ""
    context = getattr(exc, "docx_context", None)
    if context is not None:
        lines = list(context)
        near = _near_text(lines, 4 if lineno and lineno > 4 else lineno)
    if not near:
        try:
            near = _near_text(_part_source(tpl), lineno)
        except Exception:  # the location is a courtesy; never hide the real error behind it
            near = ""
    if isinstance(exc, RenderLimit):
        return error(
            "NTM040",
            f"mẫu '{template}': {exc.reason} nên đã dừng, không ghi tệp kết quả"
            + (f" — gần đoạn: «{near}»" if near else ""),
            file=str(template),
            hint="Bỏ bớt vòng lặp lồng nhau hoặc phép nhân chuỗi trong mẫu (mẫu có sẵn điền 2.000 xã trong vài giây); "
            f"mẫu đúng mà dữ liệu rất lớn thì đặt biến môi trường {RENDER_SECONDS_ENV} "
            f"(mặc định {vnformat.number(RENDER_SECONDS)} giây).",
        )
    if isinstance(exc, RecursionError):
        what = "mẫu gọi macro đệ quy (hoặc lồng khối quá sâu) không có điểm dừng"
    elif isinstance(exc, jinja2.TemplateNotFound):
        what = (
            f"mẫu không được chèn tệp khác ('{exc.name}'): không dùng {{% include %}}, {{% import %}} "
            "hay {% extends %}, mọi nội dung phải nằm ngay trong tệp mẫu .docx"
        )
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        what = (
            "mẫu truy cập thuộc tính nội bộ không được phép "
            f"({_unsafe_name(exc)}); mẫu chỉ được dùng dữ liệu đưa vào, không chạy gì khác"
        )
    elif isinstance(exc, jinja2.UndefinedError):
        what = f"biến chưa khai báo trong dữ liệu đưa vào mẫu: {exc.message}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"lỗi cú pháp Jinja: {exc.message}"
    elif isinstance(exc, ZeroDivisionError):
        what = "phép tính trong mẫu chia cho 0"
    elif isinstance(exc, ArithmeticError):
        what = "phép tính trong mẫu không thực hiện được (kết quả quá lớn, hoặc giá trị không phải số)"
    elif isinstance(exc, TypeError | ValueError | KeyError):
        what = "phép tính hoặc bộ lọc trong mẫu dùng giá trị sai kiểu (ví dụ lấy chữ trừ đi số)"
    else:
        what = f"lỗi khi điền mẫu: {type(exc).__name__}: {exc}"
    message = f"mẫu '{template}': {what}" + (f" — gần đoạn: «{near}»" if near else "")
    return error(
        "NTM040",
        message,
        file=str(template),
        hint="Sửa thẻ {{ … }} / {% … %} trong mẫu (gõ liền mỗi thẻ, không định dạng giữa chừng), "
        "rồi chạy 'ntm-plan templates check'.",
    )


TEMPLATES_ENV = "NTM_PLAN_TEMPLATES"
PACKAGED = ("ke-hoach.docx", "bao-cao.docx")
_unpacked = contextlib.ExitStack()
atexit.register(_unpacked.close)


def packaged_template(name: str) -> Path:
    """The package's own copy of a template (package data, read with importlib.resources)."""
    resource = importlib.resources.files("ntm_plan.documents").joinpath("templates", name)
    if isinstance(resource, Path):
        return resource
    return _unpacked.enter_context(importlib.resources.as_file(resource))  # a zipped install


def find_template(name: str, explicit: Path | None = None) -> Path:
    """`--template`, else the file of that name in $NTM_PLAN_TEMPLATES, else the package's
    copy. A ./templates folder is never picked up by itself: a template is code-like, and
    one left in the working directory must not replace the office's without being named."""
    if explicit is not None:
        return explicit
    if folder := os.environ.get(TEMPLATES_ENV):
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    return packaged_template(name)


def _with_images(tpl: Any, value: Any) -> Any:
    """The context with each `Picture` (PNG bytes) turned into docxtpl's InlineImage."""
    if isinstance(value, Picture):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(tpl, io.BytesIO(value.png), width=Mm(value.width_mm))
    if isinstance(value, Mapping):
        return {k: _with_images(tpl, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_images(tpl, v) for v in value]
    return value


def render_bytes(template: Path, context: Mapping[str, Any]) -> tuple[bytes | None, list[Diagnostic]]:
    """Render into memory. Returns the .docx bytes, or None with the diagnostics."""
    tpl, problems = open_template(template)
    if tpl is None:
        return None, problems
    gc.freeze()  # the dataset and context live to the end: keep the collector from re-walking them
    env = make_env()
    try:
        with deadline(env):
            tpl.render(_with_images(tpl, context), jinja_env=env, autoescape=True)
    except (jinja2.TemplateError, RecursionError) as exc:  # RecursionError: a macro calling itself
        return None, [_template_diagnostic(template, exc, tpl)]
    except (ArithmeticError, TypeError, ValueError, KeyError) as exc:
        if _raised_by_template(exc):  # '1 / 0', "'a' - 1", '2.0 ** 5000' written in the template
            return None, [_template_diagnostic(template, exc, tpl)]
        if isinstance(exc, ArithmeticError | TypeError):
            raise
        return None, [_not_a_template(template)]
    except OSError:
        return None, [_not_a_template(template)]
    except Exception as exc:
        if _raised_by_template(exc):  # any other failure of the template's own code
            return None, [_template_diagnostic(template, exc, tpl)]
        raise
    finally:
        gc.unfreeze()
    buffer = io.BytesIO()
    tpl.save(buffer)
    return reproducible_zip(buffer.getvalue()), []


def render_document(
    template: Path, context: Mapping[str, Any], out: Path, *, data_dir: Path | None = None, force: bool = False
) -> list[Diagnostic]:
    """Render and write `out` through `outputs.write_output`: never into the data
    directory, over a template or through a symlink (unless `force`)."""
    protected = Protected(data_dir, (template, *(packaged_template(n) for n in PACKAGED)))
    _, refused = check_target(out, protected, force=force)
    if refused:
        return refused  # before the render: no reason to wait for a refusal
    data, diags = render_bytes(template, context)
    if data is None:
        return diags
    return write_output(data, out, protected, force=force)


def check_template(template: Path, context: Mapping[str, Any]) -> list[Diagnostic]:
    """What `templates check` reports: variables the context lacks, then a trial render."""
    tpl, problems = open_template(template)
    if tpl is None:
        return problems
    try:
        missing = tpl.get_undeclared_template_variables(make_env(), dict(context))
    except jinja2.TemplateSyntaxError:
        return render_bytes(template, context)[1]  # the trial render names the place
    diags: list[Diagnostic] = []
    for name in sorted(missing):
        diags.append(
            error(
                "NTM040",
                f"mẫu '{template}' dùng biến '{name}' mà dữ liệu không cung cấp",
                file=str(template),
                hint="Các biến có: " + ", ".join(sorted(context)),
            )
        )
    if not diags:
        _, diags = render_bytes(template, context)
    return diags
