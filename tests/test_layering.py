"""The house rules, checked on the source: no import cycle, no upward import, SQL only in the store,
small modules and functions.

Imports are read with ``ast`` from every module of ``pipeline/`` and ``evaluation/``, at any depth
(a function-level import still runs one day), including ``importlib.import_module`` strings
(literal, or an f-string over ``__package__``/``__name__`` and a loop over literal names).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "evaluation")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80

# No module is exempt from the size rule and no cycle from the cycle rule (both lists stay empty;
# a future split in progress may name its package here, with a comment, until it lands).
SIZE_EXEMPT: set[str] = set()
CYCLE_EXEMPT: tuple[tuple[str, ...], ...] = ()
ENTRY_POINTS = {"pipeline.__main__"}  # ``python -m pipeline`` is the CLI
UPWARD_EXEMPT: set[str] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for f in sorted((ROOT / pkg).rglob("*.py")):
            if "migrations" in f.parts or "results" in f.parts:
                continue
            out[module_name(f)] = f
    return out


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _loop_values(tree: ast.AST, var: str) -> list[str] | None:
    """Literal strings a ``for var in (...)`` loop of the module walks over."""
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == var \
                and isinstance(node.iter, (ast.Tuple, ast.List, ast.Set)):
            vals = [e.value for e in node.iter.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(vals) == len(node.iter.elts):
                return vals
    return None


def _string_import(arg: ast.AST, name: str, package: str, tree: ast.AST, known: dict) -> list[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if not isinstance(arg, ast.JoinedStr):
        return []
    prefixes = [""]
    for part in arg.values:
        if isinstance(part, ast.Constant):
            prefixes = [p + part.value for p in prefixes]
            continue
        v = part.value
        if isinstance(v, ast.Name) and v.id in ("__package__", "__name__"):
            prefixes = [p + (package if v.id == "__package__" else name) for p in prefixes]
        elif isinstance(v, ast.Name) and (vals := _loop_values(tree, v.id)) is not None:
            prefixes = [p + x for p in prefixes for x in vals]
        else:  # unknown tail: every module under the known prefix
            return [m for p in prefixes for m in known if m.startswith(p)]
    return prefixes


def imports_of(name: str, path: Path, known: dict) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _package_of(name, path)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known)
        elif isinstance(node, ast.Call) and node.args and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__"))):
            found.update(_string_import(node.args[0], name, package, tree, known))
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> project modules it imports, plus the packages above them (their __init__ runs
    too), except its own ancestors (a package importing its parts is not a cycle)."""
    known = modules()
    graph = {}
    for name, path in known.items():
        edges = set()
        own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        for imp in imports_of(name, path, known):
            parts = imp.split(".")
            for i in range(1, len(parts) + 1):
                target = ".".join(parts[:i])
                if target in known and target != name and (target == imp or target not in own):
                    edges.add(target)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_checker_sees_string_imports_and_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse('import importlib\nfor m in ("x", "y"):\n    importlib.import_module(f"{__package__}.{m}")\n')
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "import_module")
    assert _string_import(call.args[0], "p.q", "p", tree, {}) == ["p.x", "p.y"]


def _exempt(cycle: list[str]) -> bool:
    return any(all(m.startswith(p) for m in cycle) for p in CYCLE_EXEMPT)


def test_no_import_cycle():
    cycles = [c for c in find_cycles(import_graph()) if not _exempt(c)]
    assert not cycles, "import cycles (string imports included):\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_pipeline_never_imports_the_cli_or_the_evaluation_harness():
    bad = [(m, t) for m, edges in import_graph().items() if m.startswith("pipeline") and not m.startswith("pipeline.cli")
           and m not in ENTRY_POINTS | UPWARD_EXEMPT for t in edges if t.startswith(("pipeline.cli", "evaluation"))]
    assert not bad, bad


def test_only_the_store_imports_sqlalchemy():
    known = modules()
    bad = [m for m, path in known.items() if not m.startswith("pipeline.store")
           and any(i == "sqlalchemy" or i.startswith("sqlalchemy.") for i in imports_of(m, path, known))]
    assert not bad, bad


@pytest.mark.parametrize("name", sorted(m for m in modules() if m.startswith("pipeline")))
def test_modules_and_functions_are_small(name):
    if name in SIZE_EXEMPT:
        pytest.skip("being split by another helper of issue 16")
    path = modules()[name]
    text = path.read_text(encoding="utf-8")
    n_lines = text.count("\n")
    assert n_lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {n_lines} lines"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{path.relative_to(ROOT)}: {', '.join(long)}"
