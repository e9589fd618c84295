"""Stage 1, error path: a YAML syntax error in Vietnamese, placed where the mistake is.

libyaml reports where it gave up; an unclosed quote or bracket is more useful reported
where it opens, so the event stream before the error is read again (only on this path).
"""

from __future__ import annotations

from typing import Any

import yaml

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.read.parser import HAS_LIBYAML, Parser_


def syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    problem = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    context = exc.context_mark
    message = _translate_problem(problem, exc.context or "")
    if context is not None and mark is not None:
        unclosed = "end of stream" in problem or "could not find expected ':'" in problem
        flow = "expected ',' or" in problem and context.line < mark.line
        if unclosed or flow:  # a quote, bracket or key left open: point where it opens
            mark = context
        if flow:
            message = "dấu '[' chưa được đóng" if "']'" in problem else "dấu '{' chưa được đóng"
    if mark is not None and not (exc.context or "").startswith("while scanning"):
        last, open_flow = _events_before_error(text)
        if _quoted_across_lines(last, mark.line):  # a quote left open ran on to the next line's quote
            mark, message = last.start_mark, "chuỗi trong ngoặc kép chưa được đóng"
        elif "node content" in problem and _opened_before(open_flow, mark.line):  # file ended inside '[' or '{'
            mark = open_flow.start_mark
            bracket = "[" if isinstance(open_flow, yaml.SequenceStartEvent) else "{"
            message = f"dấu '{bracket}' chưa được đóng"
    return error(
        "NTM001",
        f"cú pháp YAML sai: {message}",
        line=mark.line + 1 if mark else None,
        col=mark.column + 1 if mark else None,
        hint="Kiểm tra thụt lề (dùng dấu cách), dấu ':' sau mỗi khóa và dấu ngoặc kép.",
    )


def _events_before_error(text: str) -> tuple[Any, Any]:
    """The last scalar the parser produced before the syntax error, and the outermost flow
    collection ('[' or '{') still open there. Only on the error path."""
    parser = Parser_(text) if HAS_LIBYAML else yaml.SafeLoader(text)
    last = None
    flows: list[Any] = []
    try:
        while not isinstance(event := parser.get_event(), yaml.StreamEndEvent):
            if isinstance(event, yaml.ScalarEvent):
                last = event
            elif isinstance(event, yaml.CollectionStartEvent):
                flows.append(event if event.flow_style else None)
            elif isinstance(event, yaml.CollectionEndEvent) and flows:
                flows.pop()
    except yaml.YAMLError:
        pass
    return last, next((f for f in flows if f is not None), None)


def _opened_before(event: Any, line: int) -> bool:
    return event is not None and event.start_mark is not None and bool(event.start_mark.line < line)


def _quoted_across_lines(event: Any, line: int) -> bool:
    if event is None or event.style not in ('"', "'") or event.start_mark is None or event.end_mark is None:
        return False
    return bool(event.start_mark.line < event.end_mark.line == line)


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "có ký tự tab ở đầu dòng",
    "that cannot start any token": "có ký tự không được đứng đầu một giá trị (@, `, %; đặt giá trị trong ngoặc kép)",
    "mapping values are not allowed": "dấu ':' không được đặt ở đây (thiếu ngoặc kép?)",
    "could not find expected ':'": "thiếu dấu ':' sau khóa",
    "found undefined alias": "alias chưa được định nghĩa",
    "did not find expected key": "thụt lề không khớp hoặc thiếu khóa",
    "did not find expected node content": "thiếu giá trị",
    "found unexpected end of stream": "tệp kết thúc khi chưa đóng ngoặc/nháy",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp",
    "found a tab character where an indentation space is expected": "có ký tự tab chỗ cần dấu cách",
    "found a tab character that violates indentation": "có ký tự tab phá vỡ thụt lề",
    "but found another document": "tệp chứa nhiều tài liệu YAML (---)",
    "expected ',' or ']'": "thiếu dấu ',' hoặc ']' trong danh sách",
    "expected ',' or '}'": "thiếu dấu ',' hoặc '}' trong bảng",
    "found unknown escape character": "ký tự thoát (\\) không hợp lệ trong chuỗi",
    "while scanning a quoted scalar": "chuỗi trong ngoặc kép chưa được đóng",
    "found unexpected ':'": "dấu ':' không đúng chỗ",
    "block sequence entries are not allowed": "dấu '-' của danh sách không được đặt ở đây (mỗi mục một dòng)",
    "mapping keys are not allowed": "dấu '?' không được đặt ở đây (đặt giá trị trong ngoặc kép)",
    "alphabetic or numeric character": "thiếu tên sau '&' hoặc '*' (nếu là chữ, đặt giá trị trong ngoặc kép)",
    "found undefined tag handle": "thẻ YAML dạng '!tên!' chưa được khai báo",
    "did not find the expected '>'": "thẻ YAML dạng '!<…>' thiếu dấu '>'",
    "URI": "thẻ YAML ('!…') viết sai",
    "UTF-8 octet": "thẻ YAML ('!…') viết sai",
    "did not find expected '!'": "thẻ YAML ('!…') viết sai",
    "whitespace or line break": "thiếu dấu cách sau thẻ YAML hoặc chỉ thị '%'",
    "found unexpected document indicator": "dòng '---' hoặc '...' nằm trong một chuỗi trong ngoặc kép chưa được đóng",
    "hexdecimal number": "mã \\x, \\u hoặc \\U trong chuỗi viết sai",
    "Unicode character escape code": "mã \\x, \\u hoặc \\U trong chuỗi viết sai",
    "indentation indicator equal to 0": "số thụt lề sau '|' hoặc '>' phải từ 1 đến 9",
    "comment or line break": "có chữ thừa ở cuối dòng (sau '|', '>' hoặc chỉ thị '%')",
    "incompatible YAML document": "phiên bản YAML trong chỉ thị '%YAML' không được hỗ trợ",
    "version number": "số phiên bản trong chỉ thị '%YAML' viết sai",
    "digit or '.' character": "số phiên bản trong chỉ thị '%YAML' viết sai",
    "directive": "dòng chỉ thị bắt đầu bằng '%' không hợp lệ (tệp dữ liệu không cần dòng này)",
    "<document start>": "thiếu dòng '---' (sau chỉ thị '%' hoặc sau dòng '...')",
}


def _translate_problem(problem: str, context: str = "") -> str:
    if "end of stream" in problem and "quoted scalar" in context:
        return "chuỗi trong ngoặc kép chưa được đóng"
    for english, vietnamese in _PROBLEMS.items():
        if english in problem:
            return vietnamese
    return problem
