"""The shape of the house: small public faces, dependencies that point one way, no import cycle.

- `__all__` of `learntools_cv`, `learntools_cv.core` and `learntools_cv.authoring` is sorted and is exactly the
  public namespace (submodules aside);
- the framework (`core/`, `authoring/`, `running/`, `reference.py`) and the vision room (`vision/`) never import a
  lesson, and `core/` and `authoring/` import neither TensorFlow, IPython nor pyplot when imported;
- no two modules of the package import each other at import time, through any chain.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import learntools_cv

PACKAGE = Path(learntools_cv.__file__).resolve().parent
FRAMEWORK_ROOMS = ("core", "authoring", "running", "grading", "report", "vision")
LESSON_MODULES = ("learntools_cv.lessons", "learntools_cv.ex3", "learntools_cv.visiontools",
                  "learntools_cv.lesson_data", "learntools_cv.data")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, *, top_level_only: bool) -> set[str]:
    """The learntools_cv modules a file imports: all of them, or only those imported when it is imported
    (outside functions and `if TYPE_CHECKING:` blocks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    modules = package_modules()

    def add(name: str) -> None:
        # `from learntools_cv.core import render` imports learntools_cv.core.render when that is a module.
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if top_level_only and isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if top_level_only and isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("learntools_cv"):
                        add(alias.name)
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("learntools_cv"):
                for alias in child.names:
                    sub = f"{child.module}.{alias.name}"
                    add(sub if sub in modules else child.module)
            visit(child)

    visit(tree)
    return found


@pytest.mark.parametrize("module", ["learntools_cv", "learntools_cv.core", "learntools_cv.authoring"])
def test_all_is_sorted_and_is_the_public_namespace(module: str) -> None:
    mod = importlib.import_module(module)
    names = list(mod.__all__)
    assert names == sorted(names)
    public = {n for n, v in vars(mod).items() if not n.startswith("_") and not inspect.ismodule(v)}
    public |= {n for n in ("____", "__version__") if n in vars(mod)}
    # Names provided by the module's __getattr__; a submodule of the same name would shadow one once imported.
    lazy = {n for n in names if n not in vars(mod)}
    assert not {n for n, v in vars(mod).items() if inspect.ismodule(v)} & set(names)
    assert set(names) == public | lazy
    for name in lazy:
        assert getattr(mod, name) is not None


def test_the_framework_never_imports_a_lesson() -> None:
    offenders = []
    for name, path in package_modules().items():
        room = name.split(".")[1] if name.count(".") else ""
        if room in FRAMEWORK_ROOMS or name == "learntools_cv.reference":
            for imported in imports_of(path, top_level_only=False):
                if imported.startswith(LESSON_MODULES):
                    offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_there_is_no_import_cycle() -> None:
    graph = {name: imports_of(path, top_level_only=True) - {name} for name, path in package_modules().items()}
    # A package's __init__ importing its own submodules is how packages work; a submodule importing its
    # package's __init__ back is the cycle this looks for.
    cycles: list[list[str]] = []

    def walk(node: str, stack: list[str], seen: set[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in stack:
                cycle = stack[stack.index(nxt):] + [nxt]
                if not all(b.startswith(a + ".") for a, b in zip(cycle, cycle[1:])):
                    cycles.append(cycle)
            elif nxt not in seen:
                seen.add(nxt)
                walk(nxt, [*stack, nxt], seen)

    for start in graph:
        walk(start, [start], {start})
    assert cycles == []


CORE_AND_AUTHORING = sorted(
    name for name in package_modules() if name.split(".")[1:2] and name.split(".")[1] in ("core", "authoring")
    and not name.endswith((".build", ".scaffold"))  # these two need the notebooks extra, and load nbformat
)


def test_core_and_authoring_import_no_tensorflow_ipython_pyplot_or_lesson() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {CORE_AND_AUTHORING!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = ('tensorflow', 'keras', 'IPython', 'matplotlib.pyplot', 'learntools_cv.lessons', 'learntools_cv.ex3')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == []
    assert len(CORE_AND_AUTHORING) >= 20
