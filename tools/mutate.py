#!/usr/bin/env python3
"""Mutation testing for ntm-plan: does the test suite notice when the code's behaviour changes?

A small AST-based runner, written for this project instead of using mutmut, because it needs
no extra dependency besides coverage.py, mutates exactly the operators that matter for the
checks and the evaluation (comparison boundaries, `continue`→`break`, a switched-off `if`,
a dropped call statement, ...), and runs each mutant against only the tests that execute its
lines (one coverage run with per-test contexts maps lines to tests).

    python tools/mutate.py map                      # once: run the suite under coverage, map lines → tests
    nice -n 19 python tools/mutate.py run -j 2      # every mutant of evaluate/ check/ ingest/ read/
    python tools/mutate.py run check/checks.py      # only some files (paths under src/ntm_plan/)
    python tools/mutate.py run --survivors          # again, only the mutants that survived last time
    python tools/mutate.py report                   # per-package score and the list of survivors
    python tools/mutate.py show KEY                 # the diff of one mutant

Everything runs in a snapshot of the working tree under .mutation/ (so editing tests while a
run goes on does not disturb it); results are kept in .mutation/results.json, keyed by file
content, so an interrupted run resumes and an edited file gets fresh mutants. Mutants judged
equivalent (no behaviour a user could see changes) are listed with their reason in
tools/mutation_equivalent/<package>.txt and leave the score's denominator.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "ntm_plan"
TARGETS = ("evaluate", "check", "ingest", "read")
WORK = REPO / ".mutation"
RESULTS = WORK / "results.json"
LINE_MAP = WORK / "line_map.json"
REPORT = WORK / "report.md"
EQUIVALENT = REPO / "tools" / "mutation_equivalent"  # one file per package: <package>.txt
SNAPSHOT_SKIP = {".venv", ".git", ".mutation", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__"}

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to src/ntm_plan, e.g. "check/checks.py"
    scope: str  # qualified name of the enclosing function or class, "<module>" at top level
    operator: str
    original: str  # the source text replaced
    occurrence: int  # n-th identical (scope, operator, original) in the file
    start: tuple[int, int]  # (line, column) of the replaced text, 1-based lines
    end: tuple[int, int]
    replacement: str
    lines: tuple[int, int]  # the lines whose tests should see the change
    runtime: bool  # inside a function body: switchable in an imported module (else: import time)

    @property
    def key(self) -> str:
        text = " ".join(self.original.split())
        if len(text) > 60:
            text = text[:57] + "..."
        return f"{self.path}:{self.scope}:{self.operator}:{self.occurrence}:{text}"

    def apply(self, source: str) -> str:
        starts = _line_starts(source)
        a = starts[self.start[0] - 1] + _char_col(source, starts, self.start)
        b = starts[self.end[0] - 1] + _char_col(source, starts, self.end)
        return source[:a] + self.replacement + source[b:]


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _char_col(source: str, starts: list[int], pos: tuple[int, int]) -> int:
    """ast columns count UTF-8 bytes; the source is a str."""
    line_start = starts[pos[0] - 1]
    line_end = source.find("\n", line_start)
    line = source[line_start : line_end if line_end >= 0 else len(source)]
    return len(line.encode("utf-8")[: pos[1]].decode("utf-8", "replace"))


class _Collector(ast.NodeVisitor):
    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.scope: list[str] = []
        self.depth = 0  # function bodies entered
        self.found: list[tuple[str, str, str, ast.AST, str, tuple[int, int], bool]] = []

    # -- what is never mutated: annotations, docstrings, f-strings, type-checking blocks
    def _visit_body(self, body: list[ast.stmt]) -> None:
        for i, stmt in enumerate(body):
            is_docstring = (
                i == 0
                and isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            )
            if not is_docstring:
                self.visit(stmt)

    def visit_Module(self, node: ast.Module) -> None:
        self._visit_body(node.body)

    def _visit_scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        if not isinstance(node, ast.ClassDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    self.visit(default)
        self.scope.append(node.name)
        inside = not isinstance(node, ast.ClassDef)
        self.depth += inside
        self._visit_body(node.body)
        self.depth -= inside
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _visit_scope  # type: ignore[assignment]

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return  # positions inside f-strings are not reliable before Python 3.12

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        if test in {"TYPE_CHECKING", "__name__ == '__main__'"}:
            return
        self._add("if-off", node.test, "False", (node.lineno, node.end_lineno or node.lineno))
        if not isinstance(node.test, ast.UnaryOp):
            self._add("if-always", node.test, "True", (node.lineno, node.end_lineno or node.lineno))
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        self._add("if-off", node.test, "False", (node.lineno, node.end_lineno or node.lineno))
        self.generic_visit(node)

    def visit_Continue(self, node: ast.Continue) -> None:
        self._add("continue-break", node, "break")

    def visit_Break(self, node: ast.Break) -> None:
        self._add("break-continue", node, "continue")

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Call | ast.Await):
            self._add("drop-call", node, "pass")
        elif isinstance(node.value, ast.Yield | ast.YieldFrom):
            self._add("drop-yield", node, "pass")
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                pass  # the bool swap covers it
            else:
                self._add("return-none", value, "None")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            swapped = COMPARE_SWAPS.get(type(op))
            if swapped is None:
                continue
            mutated = ast.Compare(left=node.left, ops=list(node.ops), comparators=node.comparators)
            mutated.ops[i] = swapped()
            self._add("compare", node, "(" + ast.unparse(mutated) + ")")
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._add("and-or", node, "(" + ast.unparse(ast.BoolOp(op=other, values=node.values)) + ")")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._add("drop-not", node, "(" + ast.unparse(node.operand) + ")")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swapped = BINOP_SWAPS.get(type(node.op))
        if swapped is not None and not _is_string(node):
            mutated = ast.BinOp(left=node.left, op=swapped(), right=node.right)
            self._add("arith", node, "(" + ast.unparse(mutated) + ")")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add("bool", node, str(not value))
        elif isinstance(value, int):
            self._add("int+1", node, f"({value + 1})")
            self._add("int-1", node, f"({value - 1})")

    def _add(self, operator: str, node: ast.AST, replacement: str, lines: tuple[int, int] | None = None) -> None:
        seg = ast.get_source_segment(self.source, node) or ""
        span = lines or (node.lineno, node.end_lineno or node.lineno)  # type: ignore[attr-defined]
        self.found.append((".".join(self.scope) or "<module>", operator, seg, node, replacement, span, self.depth > 0))


def _is_string(node: ast.BinOp) -> bool:
    return any(
        (isinstance(side, ast.Constant) and isinstance(side.value, str | bytes)) or isinstance(side, ast.JoinedStr)
        for side in (node.left, node.right)
    )


def mutants_of(path: str, source: str) -> list[Mutant]:
    return [mutant for mutant, _ in _mutants_and_nodes(path, source, ast.parse(source))]


def _mutants_and_nodes(path: str, source: str, tree: ast.Module) -> list[tuple[Mutant, ast.AST]]:
    collector = _Collector(path, source)
    collector.visit(tree)
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    out = []
    for scope, operator, seg, node, replacement, span, runtime in collector.found:
        ident = (scope, operator, seg)
        occurrence = seen[ident]
        seen[ident] += 1
        out.append(
            (
                Mutant(
                    path=path,
                    scope=scope,
                    operator=operator,
                    original=seg,
                    occurrence=occurrence,
                    start=(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                    end=(node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
                    replacement=replacement,
                    lines=span,
                    runtime=runtime,
                ),
                node,
            )
        )
    return out


SWITCH = "__ntm_mutant__"
"""The builtin each instrumented module reads to know which of its mutants is on."""

_SWITCH_HEADER = f"""
import builtins as _ntm_builtins, os as _ntm_os
if not hasattr(_ntm_builtins, "{SWITCH}"):
    _ntm_builtins.{SWITCH} = int(_ntm_os.environ.get("NTM_MUTANT", "-1"))
"""


class _Schemata(ast.NodeTransformer):
    """Every runtime mutant of a module compiled in, each behind `if __ntm_mutant__ == id`."""

    def __init__(self, switches: dict[int, list[tuple[int, Mutant]]]) -> None:
        self.switches = switches

    def visit(self, node: ast.AST) -> ast.AST:
        wanted = self.switches.get(id(node), [])
        node = self.generic_visit(node)
        for number, mutant in wanted:
            test = ast.Compare(ast.Name(SWITCH, ast.Load()), [ast.Eq()], [ast.Constant(number)])
            if isinstance(node, ast.stmt):
                body = ast.parse(mutant.replacement).body
                node = ast.If(test=test, body=body, orelse=[node])
            else:
                node = ast.IfExp(test=test, body=ast.parse(mutant.replacement, mode="eval").body, orelse=node)
        return node


def schemata(path: str, source: str, numbers: dict[str, int]) -> str:
    """The module's source with its runtime mutants switchable; `numbers` maps keys to ids."""
    tree = ast.parse(source)
    switches: dict[int, list[tuple[int, Mutant]]] = defaultdict(list)
    for mutant, node in _mutants_and_nodes(path, source, tree):
        if mutant.runtime and mutant.key in numbers:
            switches[id(node)].append((numbers[mutant.key], mutant))
    tree = _Schemata(switches).visit(tree)
    ast.fix_missing_locations(tree)
    body = tree.body  # type: ignore[attr-defined]
    # after the docstring and `from __future__` imports, which must come first
    at = 0
    while at < len(body) and (
        (isinstance(body[at], ast.ImportFrom) and body[at].module == "__future__")
        or (isinstance(body[at], ast.Expr) and isinstance(body[at].value, ast.Constant) and at == 0)
    ):
        at += 1
    body[at:at] = ast.parse(_SWITCH_HEADER).body
    return ast.unparse(tree)


def target_files(selected: list[str], base: Path | None = None) -> list[str]:
    base = base or REPO / "src" / PACKAGE
    files = sorted(
        p.relative_to(base).as_posix() for pkg in TARGETS for p in (base / pkg).glob("*.py") if p.name != "__init__.py"
    )
    if selected:
        files = [f for f in files if any(f == s or f.startswith(s.rstrip("/") + "/") for s in selected)]
    return files


def snapshot(dest: Path) -> Path:
    """A copy of the working tree (without .git/.venv) that edits made during a run cannot reach."""
    if dest.exists():
        shutil.rmtree(dest)

    def ignore(_dir: str, names: list[str]) -> set[str]:
        return {n for n in names if n in SNAPSHOT_SKIP or n.endswith(".pyc")}

    shutil.copytree(REPO, dest, ignore=ignore, symlinks=True)
    return dest


# ---------------------------------------------------------------- map: lines → tests


def cmd_map(args: argparse.Namespace) -> int:
    tree = snapshot(WORK / "map")
    rc = tree / "coverage.rc"
    pkgs = ", ".join(f"{PACKAGE}.{t}" for t in TARGETS)
    rc.write_text(f"[run]\ndynamic_context = test_function\nsource_pkgs = {pkgs}\ndata_file = {tree / '.coverage'}\n")
    # Without the load cache every test runs the evaluation itself, so its lines map to every test
    # that needs them. A mutant's run may keep the cache: each run starts with an empty one, so a kept
    # answer is the mutant's own.
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), NTM_PLAN_CACHE="off")
    junit = tree / "junit.xml"
    cmd = [sys.executable, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    cmd += [f"--junitxml={junit}", *args.pytest_args]
    print("map:", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=tree, env=env, check=False)
    return write_line_map(tree)


def write_line_map(tree: Path) -> int:
    junit = tree / "junit.xml"
    failing = _failing_tests(junit)
    given = _given_tests()
    import coverage  # the only dependency beyond the test extra

    data = coverage.CoverageData(basename=str(tree / ".coverage"))
    data.read()
    src = tree / "src" / PACKAGE
    line_map: dict[str, dict[str, list[str]]] = {}
    for measured in data.measured_files():
        rel = Path(measured).resolve().relative_to(src.resolve()).as_posix()
        contexts = data.contexts_by_lineno(measured)
        line_map[rel] = {str(line): _contexts(set(ctxs), failing, given) for line, ctxs in contexts.items()}
    durations = _durations(junit)
    LINE_MAP.write_text(
        json.dumps({"failing": sorted(failing), "durations": durations, "lines": line_map}, ensure_ascii=False)
    )
    print(f"map: {len(line_map)} files mapped; {len(failing)} tests failing in the snapshot (ignored)")
    return 0


def _failing_tests(junit: Path) -> set[str]:
    """Tests failing in the snapshot itself, as coverage contexts ('test_module.test_fn')."""
    import xml.etree.ElementTree as ET

    if not junit.exists():
        return set()
    failing = set()
    for case in ET.parse(junit).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            name = case.get("name", "").split("[")[0]
            failing.add(f"{case.get('classname', '').removeprefix('tests.')}.{name}")
    return failing


def _durations(junit: Path) -> dict[str, float]:
    import xml.etree.ElementTree as ET

    """Mean seconds of one case of each test function: a parametrized test stops at its first failing case."""
    total: dict[str, float] = defaultdict(float)
    cases: dict[str, int] = defaultdict(int)
    if junit.exists():
        for case in ET.parse(junit).iter("testcase"):
            name = f"{case.get('classname', '').removeprefix('tests.')}.{case.get('name', '').split('[')[0]}"
            total[name] += float(case.get("time", "0"))
            cases[name] += 1
    return {name: total[name] / cases[name] for name in total}


def _given_tests() -> list[str]:
    """Hypothesis runs a test's body inside its own `test_function`, so coverage names that
    instead of the test: such lines are mapped to every @given test."""
    found = []
    for path in sorted((REPO / "tests").glob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and any("given" in ast.unparse(d) for d in node.decorator_list):
                found.append(f"{path.stem}.{node.name}")
    return found


def _contexts(raw: set[str], failing: set[str], given: list[str]) -> list[str]:
    out = set()
    for context in raw:
        if context.startswith("hypothesis."):
            out.update(given)
        elif context and context not in failing:
            out.add(context)
    return sorted(out - failing)


def _nodeid(context: str) -> str:
    """coverage's 'test_module.Class.test_fn' → pytest's 'tests/test_module.py::Class::test_fn'."""
    parts = context.split(".")
    return f"tests/{parts[0]}.py::" + "::".join(parts[1:])


# ---------------------------------------------------------------- run


def _load(path: Path, default: object) -> object:
    return json.loads(path.read_text()) if path.exists() else default


def equivalent_keys() -> dict[str, str]:
    out = {}
    for listing in sorted(EQUIVALENT.glob("*.txt")):
        for raw in listing.read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                key, _, reason = raw.partition("  # ")
                out[key.strip()] = reason.strip()
    return out


def tests_for(mutant: Mutant, lines: dict[str, list[str]], durations: dict[str, float]) -> list[str]:
    """The tests that run the mutant's lines, quickest first (the first failure ends the run)."""
    contexts: set[str] = set()
    for line in range(mutant.lines[0], mutant.lines[1] + 1):
        contexts.update(lines.get(str(line), []))
    ran = any(str(line) in lines for line in range(mutant.lines[0], mutant.lines[1] + 1))
    if not contexts and ran:
        # ran outside any test (module or class level, at import): every test that touches the file sees it
        for ctxs in lines.values():
            contexts.update(ctxs)
    if not mutant.runtime:
        # a module constant is read by tests that run none of the module's lines (they only
        # import it): coverage cannot name them, so the tests named after the module join
        contexts.update(c for c in durations if _guards(c, mutant.path))
    ordered = sorted(contexts, key=lambda c: (durations.get(c, 1.0), c))
    specific = _most_specific(mutant, lines, contexts)
    guards = [c for c in ordered if _guards(c, mutant.path)]
    naming = [c for c in ordered if _names_a_code_of(c, mutant, module=False)]
    neighbours = [c for c in ordered if _names_a_code_of(c, mutant, module=True)]
    first = [*guards[:SPECIFIC_FIRST], *naming[:SPECIFIC_FIRST], *neighbours[:SPECIFIC_FIRST]]
    return list(dict.fromkeys(_nodeid(c) for c in [*first, *specific, *ordered]))


_CODE = re.compile(r"NTM\d{3}")


def _guards(context: str, path: str) -> bool:
    """Whether the test's module is named after the mutant's module, as the tests of a module
    are (`tests/test_evaluate_assess*.py` for `evaluate/assess.py`, docs/mutation.md)."""
    package, _, name = path.removesuffix(".py").partition("/")
    return context.split(".")[0].startswith(f"test_{package}_{name}")


def _names_a_code_of(context: str, mutant: Mutant, *, module: bool) -> bool:
    """Whether the test's own text (or, with `module`, its module's) names a diagnostic code
    the mutant's function can give: the tests written for that check, however slow or broad."""
    codes = _function_codes(mutant.path, mutant.scope)
    return bool(codes) and bool(codes & _test_codes(context, module))


@functools.cache
def _function_codes(path: str, scope: str) -> frozenset[str]:
    source = (REPO / "src" / PACKAGE / path).read_text(encoding="utf-8")
    name = scope.split(".")[-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return frozenset(_CODE.findall(ast.get_source_segment(source, node) or ""))
    return frozenset()


@functools.cache
def _test_codes(context: str, whole_module: bool) -> frozenset[str]:
    """The codes named in a test function's text, or anywhere in its module."""
    module, _, rest = context.partition(".")
    path = REPO / "tests" / f"{module}.py"
    if not path.exists():
        return frozenset()
    source = path.read_text(encoding="utf-8")
    if whole_module:
        return frozenset(_CODE.findall(source))
    tree = ast.parse(source)
    found: set[str] = set()
    wanted = rest.split(".")[-1]
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == wanted:
            found.update(_CODE.findall(ast.get_source_segment(source, node) or ""))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == wanted:
                    found.update(_CODE.findall(ast.get_source_segment(source, item) or ""))
    return frozenset(found)


SPECIFIC_WINDOW = 12
"""Lines after a mutant's own that tell its tests apart: a branch's body, the rest of a loop."""
SPECIFIC_FIRST = 20


def _most_specific(mutant: Mutant, lines: dict[str, list[str]], contexts: set[str]) -> list[str]:
    """The tests that run the rarest lines around the mutant first: a test reaching the body
    of a rarely taken branch is the one likely to see it switched off, however slow it is
    (the quickest tests often only pass by)."""
    score: dict[str, float] = defaultdict(float)
    for line in range(mutant.lines[0], mutant.lines[1] + SPECIFIC_WINDOW + 1):
        covering = [c for c in lines.get(str(line), []) if c in contexts]
        for context in covering:
            score[context] += 1 / len(covering)
    ranked = sorted(score, key=lambda c: (-score[c], c))
    return ranked[:SPECIFIC_FIRST]


def _redirect(log: Path) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)


def _pytest_args(nodeids: list[str]) -> list[str]:
    return ["-x", "-q", "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestAssertRewriteWarning", *nodeids]


class _Verdict:
    """A pytest plugin for the forked children: note the first failing test, and leave at the
    end of the session without pytest's clean-up (its garbage collections cost more than a test)."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def pytest_runtest_logreport(self, report: object) -> None:
        if getattr(report, "failed", False):
            with self.log.open("a", encoding="utf-8") as out:
                out.write(f"\nFAILED {getattr(report, 'nodeid', '')}\n")

    def pytest_collectreport(self, report: object) -> None:
        self.pytest_runtest_logreport(report)

    def pytest_sessionfinish(self, session: object, exitstatus: int) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(exitstatus))


def _switched_child(number: int, nodeids: list[str], log: Path) -> None:
    """In a fork of the process that imported the instrumented package: turn one mutant on."""
    import builtins

    setattr(builtins, SWITCH, number)
    os.environ["NTM_MUTANT"] = str(number)  # for tests that start a new interpreter
    _redirect(log)
    import pytest

    os._exit(int(pytest.main(_pytest_args(nodeids), plugins=[_Verdict(log)])))


def _text_child(slot: Path, mutant: Mutant, mutated: str, nodeids: list[str], log: Path) -> None:
    """A mutant that acts at import time (a constant, a default): a fresh interpreter on a mutated copy."""
    target = slot / "src" / PACKAGE / mutant.path
    target.write_text(mutated, encoding="utf-8")
    for pyc in (target.parent / "__pycache__").glob(target.stem + ".*.pyc"):
        pyc.unlink()
    env = dict(os.environ, PYTHONPATH=str(slot / "src"), PYTHONDONTWRITEBYTECODE="1", NTM_MUTANT="-1")
    os.chdir(slot)
    _redirect(log)
    os.execve(sys.executable, [sys.executable, "-m", "pytest", *_pytest_args(nodeids)], env)


def _prepare_switched(root: Path, originals: dict[str, str], numbers: dict[str, int]) -> None:
    """A snapshot whose target modules carry their mutants, imported once by this process."""
    base = root / "src" / PACKAGE
    for rel, source in originals.items():
        (base / rel).write_text(schemata(rel, source, numbers), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "src")], check=False)
    os.environ["PYTHONPATH"] = str(root / "src")
    os.environ["NTM_MUTANT"] = "-1"
    sys.path.insert(0, str(root / "src"))
    sys.path.insert(0, str(root / "tests"))
    os.chdir(root)
    import importlib
    import pkgutil

    for heavy in ("pytest", "typer", "pydantic", "openpyxl", "yaml", "rich", "jinja2", "docx", "hypothesis"):
        with contextlib.suppress(ImportError):
            importlib.import_module(heavy)
    package = importlib.import_module(PACKAGE)
    for info in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        if not info.name.endswith("__main__"):
            with contextlib.suppress(Exception):
                importlib.import_module(info.name)
    # collecting once here imports every test module (assertion rewriting included) for all children
    import gc

    import pytest

    saved = os.dup(1), os.dup(2)
    _redirect(root / "collect.log")
    pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "tests"])
    os.dup2(saved[0], 1)
    os.dup2(saved[1], 2)
    gc.freeze()  # what is imported stays: children neither scan nor copy it


def cmd_run(args: argparse.Namespace) -> int:
    mapped = _load(LINE_MAP, None)
    if mapped is None:
        print("run: no line map yet; run `python tools/mutate.py map` first", file=sys.stderr)
        return 2
    line_map: dict[str, dict[str, list[str]]] = mapped["lines"]  # type: ignore[index]
    durations: dict[str, float] = mapped.get("durations", {})  # type: ignore[attr-defined]
    results: dict[str, dict[str, object]] = _load(RESULTS, {})  # type: ignore[assignment]
    equivalent = equivalent_keys()
    todo: list[tuple[Mutant, str, list[str]]] = []
    base = REPO / "src" / PACKAGE
    files = target_files(args.files)
    originals: dict[str, str] = {}  # the sources as the run found them: the worktree may change meanwhile
    as_run = {
        rel: hashlib.sha1((SOURCES / rel).read_bytes()).hexdigest()[:12] for rel in files if (SOURCES / rel).exists()
    }
    for rel in files:
        source = originals[rel] = (base / rel).read_text(encoding="utf-8")
        digest = hashlib.sha1(source.encode()).hexdigest()[:12]
        for mutant in mutants_of(rel, source):
            known = results.get(mutant.key)
            if args.unkilled and (
                known is None
                or known.get("status") in {"killed", "equivalent"}
                or known.get("digest") != as_run.get(rel)
            ):
                continue  # only what the last run of the file (perhaps an earlier version of it) did not kill
            fresh = known is not None and known.get("digest") == digest
            if fresh and (not args.survivors or known["status"] in {"killed", "equivalent"}):  # type: ignore[index]
                continue
            if args.survivors and not fresh and known is not None:
                pass  # changed file: test again
            if mutant.key in equivalent:
                results[mutant.key] = {"status": "equivalent", "digest": digest, "path": rel}
                continue
            nodeids = tests_for(mutant, line_map.get(rel, {}), durations)
            if args.also:
                nodeids = list(dict.fromkeys([*args.also, *nodeids]))  # tests newer than the map, first
            if not nodeids:
                results[mutant.key] = {"status": "uncovered", "digest": digest, "path": rel, "line": mutant.start[0]}
                continue
            todo.append((mutant, digest, nodeids))
    if args.sample:
        # a random sample per package, when time does not allow every mutant: the score is then an estimate
        import random

        rng = random.Random(args.seed)
        by_package: dict[str, list[tuple[Mutant, str, list[str]]]] = defaultdict(list)
        for entry in todo:
            by_package[entry[0].path.split("/")[0]].append(entry)
        todo = [e for group in by_package.values() for e in rng.sample(group, min(args.sample, len(group)))]
    if args.limit:
        todo = todo[: args.limit]
    print(f"run: {len(todo)} mutants to test with {args.jobs} job(s)", flush=True)
    for rel, source in originals.items():
        kept = SOURCES / rel
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(source, encoding="utf-8")
    numbers = {m.key: i for i, (m, _, _) in enumerate(todo)}
    slots_root = WORK / "slots"
    slots_root.mkdir(parents=True, exist_ok=True)
    text_slots = (
        [snapshot(slots_root / f"text{i}") for i in range(args.jobs)] if any(not m.runtime for m, _, _ in todo) else []
    )
    for slot in text_slots:
        for rel, source in originals.items():
            (slot / "src" / PACKAGE / rel).write_text(source, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(slot / "src")], check=False)
    _prepare_switched(snapshot(slots_root / "switched"), originals, numbers)
    free = list(range(args.jobs))
    running: dict[int, tuple[int, Mutant, str, float]] = {}
    done = 0
    started = time.monotonic()

    def reap(pid: int, status: int) -> None:
        nonlocal done
        slot, mutant, digest, _ = running.pop(pid)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)  # worker processes a test left behind
        if not mutant.runtime:
            path = text_slots[slot] / "src" / PACKAGE / mutant.path
            path.write_text(originals[mutant.path], encoding="utf-8")
        code = os.waitstatus_to_exitcode(status)
        verdict = {0: "survived", 5: "survived", 1: "killed"}.get(code, "error")
        if code == -signal.SIGKILL:
            verdict = "timeout"
        log = slots_root / f"job{slot}.log"
        entry: dict[str, object] = {"status": verdict, "digest": digest, "path": mutant.path, "line": mutant.start[0]}
        if verdict == "killed":
            entry["by"] = _first_failure(log)
            kills[mutant.path][str(entry["by"]).split("[")[0]] += 1
        elif verdict == "error":
            entry["log"] = log.read_text(errors="replace")[-2000:]
        results[mutant.key] = entry
        free.append(slot)
        done += 1
        if done % 25 == 0 or verdict in {"survived", "error"}:
            rate = (time.monotonic() - started) / done
            print(f"[{done}/{len(todo)} {rate:.2f}s/mutant] {verdict}: {mutant.key}", flush=True)
        if done % 50 == 0:
            RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=0))

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # pytest's collection above may have replaced the default
    kills: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for known in results.values():
        if known.get("status") == "killed" and known.get("by"):
            kills[str(known["path"])][str(known["by"]).split("[")[0]] += 1
    queue = list(todo)
    try:
        while queue or running:
            while queue and free:
                mutant, digest, nodeids = queue.pop(0)
                # tests that already killed mutants of this file first: most mutants fall to the same few
                killers = kills[mutant.path]
                nodeids = sorted(nodeids, key=lambda n: -killers.get(n, 0))
                if args.max_tests:
                    # the known killers, the tests most specific to the mutant's lines, then the
                    # quickest; a mutant only other tests would kill counts as survived, so a
                    # capped score errs low, never high
                    nodeids = nodeids[: args.max_tests]
                slot = free.pop()
                log = slots_root / f"job{slot}.log"
                mutated = "" if mutant.runtime else mutant.apply(originals[mutant.path])
                pid = os.fork()
                if pid == 0:
                    os.setpgid(0, 0)  # its own group: a timeout ends the test's worker processes too
                    try:
                        if mutant.runtime:
                            _switched_child(numbers[mutant.key], nodeids, log)
                        else:
                            _text_child(text_slots[slot], mutant, mutated, nodeids, log)
                    finally:
                        os._exit(3)
                running[pid] = (slot, mutant, digest, time.monotonic())
            time.sleep(0.02)
            for pid in list(running):
                got, status = os.waitpid(pid, os.WNOHANG)
                if got:
                    reap(pid, status)
                elif time.monotonic() - running[pid][3] > args.timeout:
                    os.killpg(pid, signal.SIGKILL)
                    _, status = os.waitpid(pid, 0)
                    reap(pid, status)
    except KeyboardInterrupt:
        for pid in running:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        print("run: stopped; finished mutants are kept", flush=True)
    finally:
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=0))
    write_report(results, equivalent)
    return 0


def _own_group(pid: int) -> bool:
    try:
        return os.getpgid(pid) == pid
    except ProcessLookupError:
        return False


def _first_failure(log: Path) -> str:
    try:
        for line in log.read_text(errors="replace").splitlines():
            if line.startswith(("FAILED ", "ERROR ")):
                return line.split(" ")[1]
    except OSError:
        pass
    return ""


# ---------------------------------------------------------------- report


SOURCES = WORK / "sources"
"""Each target file as the last run that tested it found it: `report --as-run` scores those."""


def write_report(results: dict[str, dict[str, object]], equivalent: dict[str, str], base: Path | None = None) -> None:
    current: dict[str, str] = {}  # key -> digest of the file as it is now
    base = base or REPO / "src" / PACKAGE
    for rel in target_files([], base):
        source = (base / rel).read_text(encoding="utf-8")
        digest = hashlib.sha1(source.encode()).hexdigest()[:12]
        current.update((m.key, digest) for m in mutants_of(rel, source))
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    survivors: list[tuple[str, str]] = []
    lines_of = {
        m.key: m.start[0]
        for rel in target_files([], base)
        for m in mutants_of(rel, (base / rel).read_text(encoding="utf-8"))
    }
    for key in sorted(current):
        entry = results.get(key)
        if entry is not None and entry.get("digest") != current[key]:
            entry = None  # the file changed since: its result no longer holds
        pkg = key.split("/")[0]
        status = "equivalent" if key in equivalent else (entry or {}).get("status", "not run")
        per[pkg][str(status)] += 1
        if status in {"survived", "uncovered", "error", "timeout"}:
            survivors.append((str(status), f"{key}` (line {lines_of[key]})"))
    lines = [
        "# Mutation run",
        "",
        "| package | killed | survived | uncovered | timeout | equivalent | not run | score |",
    ]
    lines.append("|---|---|---|---|---|---|---|---|")
    for pkg in TARGETS:
        c = per[pkg]
        killed = c["killed"]
        judged = killed + c["survived"] + c["uncovered"] + c["error"] + c["timeout"]
        score = f"{100 * killed / judged:.1f} %" if judged else "–"
        row = [pkg, killed, c["survived"], c["uncovered"], c["timeout"], c["equivalent"], c["not run"], score]
        lines.append("| " + " | ".join(str(x) for x in row) + " |")
    lines += [
        "",
        "score = killed / (killed + survived + uncovered + timeout + error); equivalents excluded. A timeout is",
        "not counted as killed: the tests ran out of time without failing (run again with a longer --timeout).",
        "",
    ]
    lines += ["## Survivors", ""]
    lines += [f"- {status}: `{key}" for status, key in survivors]
    stale = sorted(set(equivalent) - set(current))
    if stale:
        lines += ["", "## Listed as equivalent but no longer a mutant (remove them)", ""]
        lines += [f"- `{key}`" for key in stale]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:8]))
    print(f"report: {REPORT} ({len(survivors)} survivors)")


def cmd_report(args: argparse.Namespace) -> int:
    base = SOURCES if args.as_run else None
    write_report(_load(RESULTS, {}), equivalent_keys(), base)  # type: ignore[arg-type]
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    base = REPO / "src" / PACKAGE
    for rel in target_files([]):
        source = (base / rel).read_text(encoding="utf-8")
        for mutant in mutants_of(rel, source):
            if mutant.key == args.key or (args.key in mutant.key and args.all):
                diff = difflib.unified_diff(
                    source.splitlines(), mutant.apply(source).splitlines(), rel, rel + " (mutant)", lineterm="", n=2
                )
                print(mutant.key)
                print("\n".join(diff))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    base = REPO / "src" / PACKAGE
    total = 0
    for rel in target_files(args.files):
        found = mutants_of(rel, (base / rel).read_text(encoding="utf-8"))
        total += len(found)
        print(f"{len(found):5d} {rel}")
    print(f"{total:5d} total")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_map = sub.add_parser("map", help="run the suite under coverage and map each line to its tests")
    p_map.add_argument("pytest_args", nargs="*")
    p_run = sub.add_parser("run", help="test the mutants")
    p_run.add_argument("files", nargs="*", help="paths under src/ntm_plan/ (a package or a file)")
    p_run.add_argument("-j", "--jobs", type=int, default=1)
    p_run.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant")
    p_run.add_argument("--survivors", action="store_true", help="only the mutants that survived last time")
    p_run.add_argument(
        "--unkilled",
        action="store_true",
        help="only mutants whose last result, on any version of their file, was not a kill",
    )
    p_run.add_argument(
        "--max-tests",
        type=int,
        default=0,
        help="at most this many tests per mutant (killers first, then the quickest): a score that can only err low",
    )
    p_run.add_argument("--limit", type=int, default=0)
    p_run.add_argument("--sample", type=int, default=0, help="test only this many random mutants per package")
    p_run.add_argument("--seed", type=int, default=23)
    p_run.add_argument(
        "--also",
        action="append",
        default=[],
        help="a test file or id to run for every mutant, also uncovered ones (tests newer than the map)",
    )
    p_report = sub.add_parser("report", help="per-package score and survivors from the last results")
    p_report.add_argument(
        "--as-run", action="store_true", help="score each file as its last run found it, not as it is now"
    )
    p_show = sub.add_parser("show", help="the diff of a mutant")
    p_show.add_argument("key")
    p_show.add_argument("--all", action="store_true", help="every mutant whose key contains the text")
    p_list = sub.add_parser("list", help="how many mutants each file has")
    p_list.add_argument("files", nargs="*")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    return {"map": cmd_map, "run": cmd_run, "report": cmd_report, "show": cmd_show, "list": cmd_list}[args.command](
        args
    )


if __name__ == "__main__":
    sys.exit(main())
