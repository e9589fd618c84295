"""Stage 6: render a .docx template with a context and write the result atomically.

One Jinja environment for every document: autoescape on (without it `&` or `<` in the data
silently drops text from the .docx), StrictUndefined (a missing value is an error, never
an empty string) and the Vietnamese filters of `vnformat`. Template errors come back as
`Diagnostic` NTM040 naming the template and the text near the error; write errors as
NTM041. The output is written to a temporary file in the target directory and renamed
over the old one, so a failure never leaves a half file or touches the previous one.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import re
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from ntm_plan.diagnostics import Diagnostic, error, os_error_text
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


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
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
    if isinstance(exc, jinja2.UndefinedError):
        what = f"biến chưa khai báo trong dữ liệu đưa vào mẫu: {exc.message}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"lỗi cú pháp Jinja: {exc.message}"
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


def render_bytes(template: Path, context: Mapping[str, Any]) -> tuple[bytes | None, list[Diagnostic]]:
    """Render into memory. Returns the .docx bytes, or None with the diagnostics."""
    from ntm_plan.documents.linear_template import LinearTemplate

    if not template.is_file():
        return None, [error("NTM040", f"không tìm thấy mẫu văn bản '{template}'", file=str(template))]
    tpl: Any = None
    gc.freeze()  # the dataset and context live to the end: keep the collector from re-walking them
    try:
        tpl = LinearTemplate(str(template))
        tpl.render(dict(context), jinja_env=make_env(), autoescape=True)
    except jinja2.TemplateError as exc:
        return None, [_template_diagnostic(template, exc, tpl)]
    except (KeyError, ValueError, OSError) as exc:
        # a .docx that is not a Word file, or a damaged one
        return None, [error("NTM040", f"không đọc được mẫu '{template}': {exc}", file=str(template))]
    finally:
        gc.unfreeze()
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue(), []


def write_atomic(data: bytes, out: Path) -> list[Diagnostic]:
    """Write `data` to `out` through a temporary file and a rename; old file kept on failure."""
    target = Path(out)
    tmp_name: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.", suffix=".tmp", delete=False
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        # mkstemp files are private (0600); give the document the mode a new file would get
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        Path(tmp_name).chmod(mode)
        Path(tmp_name).replace(target)  # atomic rename (os.replace)
        tmp_name = None
    except OSError as exc:
        reason = os_error_text(exc)
        hint = (
            "Thư mục chưa tồn tại: tạo thư mục hoặc chọn đường dẫn khác với -o."
            if isinstance(exc, FileNotFoundError)
            else "Kiểm tra quyền ghi, dung lượng đĩa, và tệp không bị mở trong Word."
        )
        return [error("NTM041", f"không ghi được tệp '{target}': {reason}", file=str(target), hint=hint)]
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()
    return []


def render_document(template: Path, context: Mapping[str, Any], out: Path) -> list[Diagnostic]:
    data, diags = render_bytes(template, context)
    if data is None:
        return diags
    return write_atomic(data, out)


def check_template(template: Path, context: Mapping[str, Any]) -> list[Diagnostic]:
    """What `templates check` reports: variables the context lacks, then a trial render."""
    from docxtpl import DocxTemplate

    if not template.is_file():
        return [error("NTM040", f"không tìm thấy mẫu văn bản '{template}'", file=str(template))]
    try:
        missing = DocxTemplate(str(template)).get_undeclared_template_variables(make_env(), dict(context))
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
