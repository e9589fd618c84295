"""The pipeline's stages import only stages below them, and only `cli/` talks to the
terminal libraries (typer, rich). Read from the source with `ast`, imports inside
functions included. Commands leave evaluation and checks to `pipeline`; one module
touches typer's private parts; no module imports itself through others; one function
reads the clock."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "ntm_plan"
ORDER = [
    "about",
    "exits",
    "diagnostics",
    "read",
    "model",
    "national",
    "check",
    "evaluate",
    "present",
    "outputs",
    "documents",
    "ingest",
    "site",
    "pipeline",
    "cli",
    "launch",
    "__main__",
]
"""Lowest first. `outputs` (writing files safely) serves documents, ingest and cli;
`pipeline` loads the data and answers each command's question over all the stages below."""
TERMINAL = {"typer", "rich", "click"}

ALLOWED_UPWARD: set[tuple[str, str]] = set()
"""None: `launch` imports `cli` once signals are set up, and both read the exit codes from
`exits` on the ground floor."""


def _stage(module: str) -> str:
    return module.removeprefix("ntm_plan.").split(".")[0]


def _imports(path: Path) -> list[tuple[str, int]]:
    return [(module, line) for module, _, line in _imported_names(path)]


def _imported_names(path: Path) -> list[tuple[str, str | None, int]]:
    """(module, name imported from it or None for `import module`, line) of every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


def _modules() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."), path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py" or path.parent != PACKAGE
    ]


def test_every_stage_is_ranked() -> None:
    stages = {_stage(name) for name, _ in _modules()}
    assert stages <= set(ORDER), stages - set(ORDER)


def test_lower_stages_never_import_higher_ones() -> None:
    wrong = []
    for name, path in _modules():
        mine = _stage(name)
        for module, line in _imports(path):
            if not module.startswith("ntm_plan."):
                continue
            theirs = _stage(module)
            if ORDER.index(theirs) > ORDER.index(mine) and (mine, theirs) not in ALLOWED_UPWARD:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_only_cli_imports_the_terminal_libraries() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for name, path in _modules()
        if _stage(name) != "cli"
        for module, line in _imports(path)
        if module.split(".")[0] in TERMINAL
    ]
    assert not wrong, "\n".join(wrong)


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
OVERSIZE_TO_SPLIT = {"documents/plan.py:plan_context", "model/fit.py:_message"}
"""Functions still over the limit when this test was written; remove each once split."""


def test_modules_and_functions_stay_small() -> None:
    wrong = []
    for _, path in _modules():
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE).as_posix()
        if len(text.splitlines()) > MAX_MODULE_LINES:
            wrong.append(f"{where}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES and f"{where}:{node.name}" not in OVERSIZE_TO_SPLIT:
                    wrong.append(f"{where}:{node.name}: {length} lines")
    assert not wrong, "\n".join(wrong)


def test_commands_run_no_check_and_no_evaluation() -> None:
    """Under `cli/` nothing imports a check, and from `evaluate` only the records and
    constants its results are made of, never a function: the command asks `pipeline`."""
    wrong = []
    for name, path in _modules():
        if _stage(name) != "cli":
            continue
        for module, imported, line in _imported_names(path):
            where = f"{path.relative_to(PACKAGE)}:{line} imports {module}"
            if module == "ntm_plan" and imported in ("check", "evaluate"):
                wrong.append(f"{where}.{imported}")
            elif module.startswith("ntm_plan.check"):
                wrong.append(where)
            elif module.startswith("ntm_plan.evaluate"):
                value = getattr(importlib.import_module(module), imported) if imported else None
                if value is None or inspect.isfunction(value) or inspect.ismodule(value):
                    wrong.append(f"{where}.{imported}")
    assert not wrong, "\n".join(wrong)


PRIVATE_PARTS = "cli/typer_parts.py"


def test_one_module_imports_the_private_parts_of_typer() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for _, path in _modules()
        if path.relative_to(PACKAGE).as_posix() != PRIVATE_PARTS
        for module, line in _imports(path)
        if module.startswith(("typer._", "click"))
    ]
    assert not wrong, "\n".join(wrong)
    assert any(m.startswith("typer._") for m, _ in _imports(PACKAGE / PRIVATE_PARTS))


def _module_graph() -> dict[str, set[str]]:
    names = {name.removesuffix(".__init__") for name, _ in _modules()}
    graph: dict[str, set[str]] = {}
    for name, path in _modules():
        here = name.removesuffix(".__init__")
        targets = set()
        for module, imported, _ in _imported_names(path):
            module = module.removeprefix("ntm_plan.")
            if imported and f"{module}.{imported}" in names:
                targets.add(f"{module}.{imported}")
            elif module in names:
                targets.add(module)
        graph[here] = targets - {here}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            if component:
                found.append(sorted([node, *component]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others() -> None:
    assert _cycles(_module_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _clock_readings(path: Path) -> list[int]:
    """Lines calling `date.today()`, `datetime.now()`, `datetime.today()`, `time.time()`."""
    readings = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if (name, node.func.attr) in {("date", "today"), ("datetime", "now"), ("datetime", "today")}:
                readings.append(node.lineno)
    return readings


def test_the_clock_is_read_once_in_the_command_line() -> None:
    readings = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line}" for _, path in _modules() for line in _clock_readings(path)
    ]
    assert len(readings) == 1 and readings[0].startswith("cli/common.py:"), readings
