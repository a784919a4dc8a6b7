"""Which of a cell's calls must run from the learner's own frame.

The recorder calls each operation from a frame of its own, so a function that looks at its
caller (``sys._getframe(1)``, ``inspect.currentframe().f_back``, ``inspect.stack()``) would see the
recorder instead of the learner's cell. Calls of such functions are left as the learner wrote
them: found by name, among the functions the cell defines and those its namespace holds.
"""
from __future__ import annotations

import ast
import re
import types

# Names in code that reads the frames above it; ``stack`` only together with ``inspect``.
FRAME_WORDS = frozenset({"_getframe", "currentframe", "f_back", "getouterframes", "getframeinfo",
                         "extract_stack", "format_stack", "print_stack"})
_CALLED_NAME = re.compile(r"(?<![.\w])([A-Za-z_]\w*)\s*\(")


def _reads_frames(names) -> bool:
    return not FRAME_WORDS.isdisjoint(names) or "inspect" in names and "stack" in names


def _code_reads_frames(code: types.CodeType) -> bool:
    return _reads_frames(code.co_names) or any(
        _code_reads_frames(const) for const in code.co_consts if isinstance(const, types.CodeType))


def frame_readers(source: str, namespace: dict) -> frozenset[str]:
    """The names the cell calls that are functions reading their caller's frame (the cell is
    parsed for its own functions only when it names a frame)."""
    readers = set()
    for name in set(_CALLED_NAME.findall(source)):
        function = namespace.get(name)
        if isinstance(function, types.FunctionType) and _code_reads_frames(function.__code__):
            readers.add(name)
    if any(word in source for word in (*FRAME_WORDS, "stack")):
        try:
            tree = ast.parse(source)
        except SyntaxError:   # raised as the learner's own where the cell is compiled
            return frozenset(readers)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _reads_frames(
                    {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(node)
                     if isinstance(n, (ast.Name, ast.Attribute))}):
                readers.add(node.name)
    return frozenset(readers)
