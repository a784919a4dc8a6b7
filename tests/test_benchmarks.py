"""The benchmarks stay runnable as the package changes: ``make bench`` is not part of the suite (its
figures are measured, never asserted), so what it imports from the package is checked here."""
from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parent.parent / "benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("path", BENCHMARKS, ids=[path.stem for path in BENCHMARKS])
def test_every_name_a_benchmark_imports_from_the_package_exists(path):
    """Imports inside functions too: a benchmark stopped halfway when a helper it imported moved."""
    imports = [node for node in ast.walk(ast.parse(path.read_text()))
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("d2l_magics")]
    for node in imports:
        module = importlib.import_module(node.module)
        missing = [alias.name for alias in node.names if not hasattr(module, alias.name)
                   and importlib.util.find_spec(f"{node.module}.{alias.name}") is None]
        assert not missing, f"{path.name}:{node.lineno} imports {missing} from {node.module}"
