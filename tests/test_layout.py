"""How the package is laid out: what loading costs, and which way the imports flow.

Each check runs in a fresh interpreter, as array-api-compat's ``test_no_dependencies`` does, so
nothing another test imported can hide an import the module under test makes.
"""
from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import d2l_magics

PACKAGE = Path(d2l_magics.__file__).parent
ENGINE_PREFIXES = ("d2l_magics.translation", "d2l_magics.comparison", "d2l_magics.tracing",
                   "d2l_magics.grad", "d2l_magics.workbook", "d2l_magics.mirror")
# the IPython glue, and what may import IPython or ipywidgets alongside it
GLUE = {"d2l_magics.magics", "d2l_magics.explain_hook", "d2l_magics.render.widgets", "d2l_magics.__main__"}


def _fresh(code: str) -> list[str]:
    """The modules a fresh interpreter holds after ``code``, as a sorted list."""
    script = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages([str(PACKAGE)], "d2l_magics."))


def _import_refused(modules: list[str], refused: tuple[str, ...]) -> dict[str, str]:
    """Import ``modules`` one by one in a fresh interpreter where importing anything under
    ``refused`` fails; each module that needed one, with what it asked for."""
    script = f"""
import importlib, json, sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.startswith({refused!r}):
            raise ImportError("refused: " + name)
sys.meta_path.insert(0, Refuse())
failed = {{}}
for module in {modules!r}:
    try:
        importlib.import_module(module)
    except ImportError as error:
        failed[module] = str(error)
print(json.dumps(failed))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_loading_the_extension_reads_no_engine_and_no_sentence():
    loaded = _fresh("from IPython.core.interactiveshell import InteractiveShell\n"
                    "InteractiveShell.instance().run_line_magic('load_ext', 'd2l_magics')")
    assert "d2l_magics.magics" in loaded
    heavy = [m for m in loaded if m.startswith(ENGINE_PREFIXES) or m.startswith("d2l_magics.messages.")]
    assert heavy == []


def test_no_module_but_the_glue_imports_ipython_or_ipywidgets():
    assert _import_refused([m for m in _modules() if m not in GLUE], ("IPython", "ipywidgets")) == {}


def test_engines_never_import_a_renderer():
    engines = [m for m in _modules() if m.startswith(ENGINE_PREFIXES)]
    assert len(engines) > 5
    assert _import_refused(engines, ("d2l_magics.render",)) == {}


def _module_level_imports(path: Path, name: str) -> set[str]:
    """The package modules ``name`` imports when it is itself imported (not inside functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_import_cycles():
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {name: {m for m in _module_level_imports(path, name) if m in modules and m != name}
             for name, path in modules.items()}
    for name in graph:  # importing a.b.c runs a.b first, but that is not a cycle of ours
        graph[name] -= {p for p in graph[name] if name.startswith(p + ".")}
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
