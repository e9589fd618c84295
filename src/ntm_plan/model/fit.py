"""Stage 2: fit one file's values to its pydantic model; errors become positioned diagnostics.

pydantic reports a location path such as ("criteria", 3, "indicators", 0, "code"); the
YAML reader recorded the line of every such path, so each error lands on the line of
the offending key. Messages are rewritten in Vietnamese by error type.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ntm_plan.diagnostics import Diagnostic, error
from ntm_plan.read.reader import Path_, YamlDoc

M = TypeVar("M", bound=BaseModel)


def _all_field_names(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for arg in _model_args(field.annotation):
            names |= _all_field_names(arg, seen)
    return names


def _model_args(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_model_args(arg))
    return found


def _fields_at(model: type[BaseModel], loc: Path_) -> set[str] | None:
    """The field names allowed where `loc` points (for 'did you mean'), if the path is plain."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        inner = _model_args(field.annotation) if field is not None else []
        if not inner:
            return None
        current = inner[0]
    return set(current.model_fields)


_NUMERIC = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _show(value: Any) -> str:
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _message(err: Any, known_fields: set[str]) -> tuple[str, str, str | None]:
    """(code, message, hint) for one pydantic error dict."""
    kind: str = err["type"]
    loc = err["loc"]
    name = str(loc[-1]) if loc else ""
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind == "missing":
        return "NTM010", f"thiếu trường bắt buộc '{name}'", None
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(name, sorted(known_fields - {name}), n=1)
        hint = f"Có phải ý bạn là '{close[0]}'?" if close else None
        return "NTM011", f"trường '{name}' không được phép ở đây", hint
    if kind in ("string_type",):
        return "NTM012", f"{_show(given)} phải là chuỗi", "Đặt giá trị trong ngoặc kép."
    if kind == "code_type":
        return "NTM012", str(err["msg"]), None
    if kind in ("int_type", "int_parsing", "int_from_float"):
        hint = "Viết số không có ngoặc kép và không có số 0 ở đầu." if isinstance(given, str) else None
        return "NTM012", f"{_show(given)} phải là số nguyên", hint
    if kind == "finite_number":
        return "NTM013", f"{_show(given)} phải là một số hữu hạn (không phải vô hạn hay NaN)", None
    if kind.startswith(("decimal", "float")):
        hint = "Dùng dấu chấm thập phân: 50.02"
        if isinstance(given, str) and _NUMERIC.fullmatch(given.strip()):
            hint = "Viết số không có ngoặc kép và không dùng dạng mũ (1e3 → 1000); dấu chấm thập phân: 50.02"
        return "NTM012", f"{_show(given)} phải là số", hint
    if kind.startswith("bool"):
        hint = "Chỉ dùng true hoặc false (không dùng yes/no, on/off)."
        return "NTM012", f"{_show(given)} phải là true hoặc false", hint
    if kind.startswith(("date", "datetime")):
        return (
            "NTM013",
            f"ngày {_show(given)} không hợp lệ hoặc không tồn tại",
            "Viết dạng YYYY-MM-DD, ví dụ 2024-06-30.",
        )
    if kind == "literal_error":
        choices = str(ctx.get("expected")).replace(" or ", " hoặc ")
        return "NTM013", f"giá trị {_show(given)} không hợp lệ; chọn một trong: {choices}", None
    if kind in ("list_type", "tuple_type"):
        return "NTM012", "phải là danh sách (mỗi mục bắt đầu bằng '- ')", None
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "NTM012", "phải là một bảng khóa-giá trị", None
    if kind == "string_pattern_mismatch":
        return "NTM013", f"{_show(given)} không đúng dạng mã (chữ thường không dấu, số, '-')", "Ví dụ: duc-dong"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than": "lớn hơn",
            "greater_than_equal": "lớn hơn hoặc bằng",
            "less_than": "nhỏ hơn",
            "less_than_equal": "nhỏ hơn hoặc bằng",
        }
        return "NTM013", f"{_show(given)} phải {words[kind]} {bound}", None
    if kind == "string_too_short":
        return "NTM013", "không được để trống", None
    if kind == "too_short":
        return "NTM013", f"phải có ít nhất {ctx.get('min_length')} mục", None
    if kind == "too_long":
        return "NTM013", f"có quá nhiều mục (tối đa {ctx.get('max_length')})", None
    if kind in ("value_error", "assertion_error"):
        text = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return "NTM013", text, None
    return "NTM013", f"giá trị {_show(given)} không hợp lệ", None  # pydantic's own text is English


def _echo_of_item_errors(err: Any) -> bool:
    """pydantic adds 'too short' to a list whose items all failed; the items say it already."""
    given = err.get("input")
    minimum = (err.get("ctx") or {}).get("min_length", 0)
    return err["type"] == "too_short" and isinstance(given, list) and len(given) >= minimum


_FIELDS_CACHE: dict[type[BaseModel], set[str]] = {}


def _not_a_mapping(file: str) -> Diagnostic:
    return error(
        "NTM006",
        "tệp rỗng hoặc không phải một bảng khóa-giá trị",
        file=file,
        line=1,
        col=1,
        hint="Tệp phải bắt đầu bằng các khóa như 'name:' hoặc 'id:'.",
    )


def fit(
    model: type[M],
    doc: YamlDoc,
    file: str,
    *,
    reported: frozenset[Path_] = frozenset(),
    removed: set[Path_] | None = None,
    context: Mapping[str, object] | None = None,
) -> tuple[M | None, list[Diagnostic]]:
    """Validate a whole document against `model`.

    Returns every shape error with its position, and — when the errors sit inside list
    items — the model built without those items, so that cross-file checks still see the
    rest of the file. Errors at paths the reader already `reported` are not repeated, nor
    an item's own rule (one of value/count/met…) broken only by the value the reader refused.
    Items set aside are added to `removed` (file paths), for `original_path`. `context` is
    pydantic's validation context (`model.unit.named`: the id of a unit file without one).
    """
    cut: set[Path_] = set() if removed is None else removed
    if not isinstance(doc.data, dict):
        return None, [_not_a_mapping(file)]
    known = _FIELDS_CACHE.get(model)
    if known is None:
        known = _FIELDS_CACHE[model] = _all_field_names(model)
    data = doc.data
    diags: list[Diagnostic] = []
    for attempt in range(4):
        try:
            return model.model_validate(data, context=context), diags
        except ValidationError as exc:
            errors = [e for e in exc.errors(include_url=False) if not _echo_of_item_errors(e)]
            if attempt == 0:  # only the first pass speaks; later passes validate what is left
                diags = _first_pass(model, doc, file, errors, reported, known)
            items = _failed_items([tuple(e["loc"]) for e in errors])
            if items is None:
                return None, diags
            cut |= {original_path(item, cut) for item in items}
            data = _without(data, items)
    return None, diags


def _first_pass(
    model: type[BaseModel], doc: YamlDoc, file: str, errors: list[Any], reported: frozenset[Path_], known: set[str]
) -> list[Diagnostic]:
    """The shape errors as diagnostics. Every lookup is by key: a 2 MB file can hold a
    million errors, and a scan of the others for each would run for hours."""
    misspelt = _misspelt_fields(errors)
    misspelling_of = {extra: missing for missing, extra in misspelt.items()}
    under_reported = {p[:end] for p in reported for end in range(len(p) + 1)}
    diags: list[Diagnostic] = []
    for err in errors:
        loc = tuple(err["loc"])
        if any(loc[:end] in reported for end in range(len(loc) + 1)):
            continue
        if err["type"] == "value_error" and loc in under_reported:
            continue  # a whole-item rule tripped by the value the reader refused
        if err["type"] == "missing" and loc in misspelt:
            continue  # 'regoin:' is one mistake: the unknown key says "did you mean 'region'?"
        code, message, hint = _message(err, _fields_at(model, loc) or known)
        if err["type"] == "extra_forbidden" and loc in misspelling_of:
            hint = f"Có phải ý bạn là '{misspelling_of[loc][-1]}'?"
        where = loc[:-1] if err["type"] == "missing" else loc
        line, col = doc.where(where)
        diags.append(error(code, message, file=file, line=line, col=col, path=loc, hint=hint))
    return diags


def _misspelt_fields(errors: list[Any]) -> dict[Path_, Path_]:
    """Missing fields written under a close misspelling at the same place: missing → extra.
    Unknown keys are grouped by place: a file of 100.000 bad items compares each item's
    keys with its own, not with every item's."""
    extras: dict[Path_, list[Path_]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden" and err["loc"]:
            loc = tuple(err["loc"])
            extras.setdefault(loc[:-1], []).append(loc)
    found: dict[Path_, Path_] = {}
    taken: set[Path_] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "missing" or not loc:
            continue
        for extra in extras.get(loc[:-1], ()):
            if extra not in taken and difflib.get_close_matches(str(extra[-1]), [str(loc[-1])], n=1, cutoff=0.6):
                found[loc] = extra
                taken.add(extra)
                break
    return found


def _failed_items(locs: list[Path_]) -> set[Path_] | None:
    """The paths of the innermost list items holding the errors, or None if an error is
    not inside a list item (the file cannot be salvaged)."""
    items = set()
    for loc in locs:
        last = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
        if last is None:
            return None
        items.add(loc[: last + 1])
    return items


def original_path(path: Path_, removed: set[Path_] | frozenset[Path_]) -> Path_:
    """A path into the model (built without the `removed` items) as a path into the file."""
    if not removed:
        return path
    out: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            prefix = tuple(out)
            index, kept = -1, -1
            while kept < part:
                index += 1
                if (*prefix, index) not in removed:
                    kept += 1
            part = index
        out.append(part)
    return tuple(out)


def _without(data: Any, cuts: set[Path_]) -> Any:
    """A copy of `data` without the list items at `cuts`."""

    def prune(node: Any, path: Path_) -> Any:
        if isinstance(node, dict):
            return {k: prune(v, (*path, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [prune(v, (*path, i)) for i, v in enumerate(node) if (*path, i) not in cuts]
        return node

    return prune(data, ())
