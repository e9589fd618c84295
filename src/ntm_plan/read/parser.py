"""Stage 1, the parser: libyaml (or PyYAML's Python parser) with our own scalar typing.

Scalars are typed by a small YAML-1.2-like rule set: only `true`/`false` are booleans,
`012` stays a string, `no` and `on` are text. Shared by the reader, the pre-checks and
the syntax messages.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

try:  # libyaml's C parser is ~10x faster; the pure-Python parser is the fallback
    from yaml._yaml import CParser

    Parser_ = CParser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class Parser_(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        """PyYAML's pure-Python event parser, made from a string like libyaml's."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)

    HAS_LIBYAML = False


TAG_STR = "tag:yaml.org,2002:str"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_DATE = "tag:yaml.org,2002:timestamp"
TAG_SEQ = "tag:yaml.org,2002:seq"
TAG_MAP = "tag:yaml.org,2002:map"


BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class Resolver(BaseResolver):
    """YAML 1.2 core-like implicit typing: no `yes/no/on/off`, no octal, no sexagesimal.

    `resolve` is called by the reader's walker for every untagged scalar and collection,
    so it is a direct dispatch on the first character rather than PyYAML's generic
    resolver table.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return TAG_STR
            if not value:
                return TAG_NULL
            first = value[0]
            if first in "0123456789":
                if INT_RE.match(value):
                    return TAG_INT
                if DATE_RE.match(value):
                    return TAG_DATE
                return TAG_FLOAT if _FLOAT_RE.match(value) else TAG_STR
            if first in "-+.":
                if INT_RE.match(value):
                    return TAG_INT
                return TAG_FLOAT if _FLOAT_RE.match(value) else TAG_STR
            if first in "tTfF":
                return TAG_BOOL if BOOL_RE.match(value) else TAG_STR
            if first in "~nN":
                return TAG_NULL if NULL_RE.match(value) else TAG_STR
            return TAG_STR
        if kind is SequenceNode:
            return TAG_SEQ
        return TAG_MAP


EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EventParser_(Parser_, Resolver):
    """The parser the reader walks event by event, typing scalars with `Resolver`;
    nothing is composed into nodes."""

    def __init__(self, stream: str) -> None:
        Parser_.__init__(self, stream)
        Resolver.__init__(self)


MAX_DEPTH = 64
NESTING_LIMIT = "maximum nesting depth"
"""libyaml >= 0.2.6 stops at its own depth limit with this problem text."""


def position(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
