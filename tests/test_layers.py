"""The library's import graph: no cycles, no Gradio, nothing below the services reaching up.

The graph is read from the source with `ast`, function-level (lazy) imports included: a lazy
import hides a cycle from Python, not from the design. Imports under `if TYPE_CHECKING:` are
left out of the cycle check (they never run) but still count for the layer rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "assistant"

# The top of the library: what the CLI, the UI and the evals build on. Nothing else imports it.
SERVICES = "assistant.services"
# Modules that sit above the services and may use them.
ABOVE_SERVICES = ("assistant.services", "assistant.cli", "assistant.cli_support", "assistant.users_cli", "assistant.evals")
# Imports the library must never make (the UI sits on top of it, not inside).
FORBIDDEN_EVERYWHERE = ("gradio", "ui", "assistant.cli")
# The entry point: `oppi serve` starts the UI, so the CLI alone may import `ui` (lazily).
ENTRY_POINT = "assistant.cli"

# Every top-level module or package of assistant/, by layer: a module may import only from
# lower layers (and within its own package). A new one gets a row here, placed on purpose.
LAYERS: dict[str, int] = {
    "assistant": 0, "assistant.errors": 0,
    "assistant.config": 1, "assistant.schemas": 1, "assistant.local_server": 1, "assistant.workflow": 1,
    # leaf libraries, peers that do not import one another
    "assistant.llm": 2, "assistant.prompts": 2, "assistant.db": 2, "assistant.migrations": 2, "assistant.rules": 2, "assistant.exports": 2,
    "assistant.store": 3, "assistant.accounts": 3,  # on the database (assistant.db)
    "assistant.ingest": 3,  # renders JSON credentials with exports.markdown
    "assistant.nlp": 3, "assistant.esco": 1, "assistant.answer": 5,
    "assistant.prompt_variants": 3,  # variants of the prompts, validated with assistant.prompts
    "assistant.parsing": 4, "assistant.index": 4,
    "assistant.drafting": 5,
    "assistant.services": 6,
    # what runs Oppi: the commands and the evals, on top of the services
    "assistant.cli_support": 7, "assistant.settings_doc": 7, "assistant.users_cli": 8,
    "assistant.evals": 8,
    "assistant.cli": 9,
}

# Known exceptions, each a (importer, imported) edge in another helper's files, to be removed
# at merge. Empty means the graph is clean; keep it that way.
KNOWN_EDGES: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path) -> list[tuple[str, bool]]:
    """(imported name, at run time?) for every import in a module, resolved to absolute names."""
    found: list[tuple[str, bool]] = []
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]

    def visit(node: ast.AST, runtime: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.body:
                visit(child, False)
            for child in node.orelse:
                visit(child, runtime)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, runtime) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                # `from package import module` depends on the module, not only on the package.
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in MODULES else base, runtime))
        for child in ast.iter_child_nodes(node):
            visit(child, runtime)

    visit(ast.parse(path.read_text(encoding="utf-8")), True)
    return found


IMPORTS = {name: imports_of(name, path) for name, path in MODULES.items()}


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, directly or not."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def runtime_graph() -> dict[str, set[str]]:
    return {
        name: {target for target, runtime in found
               if runtime and target in MODULES and target != name and (name, target) not in KNOWN_EDGES}
        for name, found in IMPORTS.items()
    }


def test_the_graph_is_read():
    # A guard for the tests below, which would pass vacuously on an empty graph.
    assert {"assistant.cli", "assistant.services.factory", "assistant.exports.markdown"} <= set(MODULES)
    assert ("assistant.exports.markdown", True) in IMPORTS["assistant.exports"]
    assert ("ui.app", True) in IMPORTS[ENTRY_POINT]  # a lazy import, inside `serve`


def test_no_import_cycles():
    cycles = strongly_connected(runtime_graph())
    assert not cycles, "modules that import each other: " + "; ".join(" ↔ ".join(c) for c in cycles)


def test_cycle_finder_finds_a_cycle():
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("forbidden", FORBIDDEN_EVERYWHERE)
def test_the_library_imports_no_ui(forbidden):
    offenders = sorted(
        f"{name} imports {target}"
        for name, found in IMPORTS.items() for target, _ in found
        if _within(target, (forbidden,)) and not _within(name, (forbidden,))
        and not (name == ENTRY_POINT and forbidden == "ui")
    )
    assert not offenders, "\n".join(offenders)


def _top(name: str) -> str:
    return ".".join(name.split(".")[:2])


def test_every_module_has_a_layer():
    missing = sorted({_top(name) for name in MODULES} - set(LAYERS))
    assert not missing, f"give these a layer in LAYERS: {', '.join(missing)}"


def test_imports_point_down_the_layers():
    offenders = sorted(
        f"{name} (layer {LAYERS[_top(name)]}) imports {target} (layer {LAYERS[_top(target)]})"
        for name, found in IMPORTS.items() for target, _ in found
        if target in MODULES and _top(target) != _top(name) and _top(name) in LAYERS and _top(target) in LAYERS
        and LAYERS[_top(target)] >= LAYERS[_top(name)] and (name, target) not in KNOWN_EDGES
    )
    assert not offenders, "\n".join(offenders)


def test_nothing_below_the_services_imports_them():
    offenders = sorted(
        f"{name} imports {target}"
        for name, found in IMPORTS.items() for target, _ in found
        if _within(target, (SERVICES,)) and not _within(name, ABOVE_SERVICES)
        and (name, target) not in KNOWN_EDGES
    )
    assert not offenders, "\n".join(offenders)


def test_the_checker_is_a_rules_class_the_commands_reach_through_services():
    # `oppi check` once built its own Checker, Library and reviewer; now Services is the one
    # façade, and drafting takes the typed Checker from rules (not from the services above it).
    assert "assistant.rules.checker" in MODULES
    hand_wired = ("assistant.rules.checker", "assistant.services.checking", "assistant.services.review",
                  "assistant.index.library", "assistant.llm", "assistant.parsing.draft")
    wired = sorted({target for target, _ in IMPORTS["assistant.cli"] if _within(target, hand_wired)})
    assert not wired, f"assistant.cli builds what Services builds: {', '.join(wired)}"
    takers = [name for name, found in IMPORTS.items() if _within(name, ("assistant.drafting",))
              and ("assistant.rules.checker", True) in found]
    assert takers, "drafting takes the typed Checker from assistant.rules.checker"
