"""Once means once: which statements the translated side runs at all, and twins of the learner's
functions.

The learner's cell runs once. A statement runs on the translated side too only when it is array
code: every call in it is the target library's (without its I/O), a method of a value, a pure
builtin, or a function whose body is array code in turn (a twin of the learner's own function,
made from its source). Anything else (``print``, files, Python's ``random``, ``np.random`` that
the translation did not write, ``list.append`` on a learner's list, ``functools.partial``, a
learner's object) runs on the learner's side only, and the mirror takes over what it changed.
"""
from __future__ import annotations

import ast
import builtins
import functools
import inspect
import textwrap
import types
import weakref
from typing import TYPE_CHECKING, cast

import numpy as np
import torch

from .. import replay

if TYPE_CHECKING:
    from collections.abc import Sequence

PURE_BUILTINS = frozenset({
    "abs", "all", "any", "bool", "complex", "dict", "divmod", "enumerate", "filter", "float",
    "frozenset", "getattr", "hasattr", "id", "int", "isinstance", "issubclass", "len", "list", "map",
    "max", "min", "pow", "range", "repr", "reversed", "round", "set", "slice", "sorted", "str", "sum",
    "tuple", "type", "zip"})
LIBRARY_EFFECTS = frozenset({
    "save", "savez", "savez_compressed", "savetxt", "load", "loadtxt", "genfromtxt", "fromfile",
    "set_printoptions", "printoptions", "seterr", "seterrcall", "setbufsize", "tofile", "dump",
    "manual_seed", "seed", "set_rng_state", "set_default_dtype", "set_default_device"})
PRINTERS = ("print", "display")
_PURE_MODULES = (np, torch, __import__("math"))
_CONTAINERS = (list, dict, set, bytearray)


def first_effect(node: ast.AST, names: dict, target_lib: str) -> str | None:
    """The source text of the first thing in ``node`` that is not array code, or None."""
    return _Effects(names, target_lib).first(node, frozenset())


def source_draws_itself(node: ast.AST, source_lib: str) -> str | None:
    """``np.random.rand(3)`` written in a torch cell: a draw of the learner's, not one the
    translation made from a torch draw (those are replayed). Its text, or None."""
    if source_lib != "torch":
        return None
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr == "random" and isinstance(sub.value, ast.Name) \
                and sub.value.id in ("np", "numpy"):
            return ast.unparse(sub)
    return None


class _Effects:
    def __init__(self, names: dict, target_lib: str):
        self.names, self.target_lib = names, target_lib
        self.seen: set[int] = set()  # functions being looked at (recursion)

    def first(self, node: ast.AST, local: frozenset, body_of: ast.AST | None = None) -> str | None:
        """Defining a function runs nothing of its body: only ``body_of``'s body is looked at
        (a call of it); a lambda's body is, with its arguments as locals."""
        todo = [(node, local)]
        while todo:
            sub, names = todo.pop()
            found = self._effect_of(sub, names)
            if found is not None:
                return found
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                children: Sequence[ast.AST | None] = (
                    sub.body if sub is body_of
                    else [*sub.decorator_list, *sub.args.defaults, *sub.args.kw_defaults])
            else:
                if isinstance(sub, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                    names = names | _locals_of(sub)   # ``r`` of ``[r.sum() for r in X]`` is a local value
                children = list(ast.iter_child_nodes(sub))
            todo.extend((child, names) for child in reversed(children) if child is not None)
        return None

    def _effect_of(self, sub: ast.AST, local: frozenset) -> str | None:
        if isinstance(sub, (ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Await, ast.ClassDef)):
            return ast.unparse(sub).splitlines()[0]
        if isinstance(sub, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in sub.names] if isinstance(sub, ast.Import) else [sub.module or ""]
            if any(module.split(".")[0] not in ("numpy", "math", self.target_lib) for module in modules):
                return ast.unparse(sub)
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if getattr(sub, "decorator_list", None) or isinstance(sub, ast.AsyncFunctionDef):
                return ast.unparse(sub).splitlines()[0]
        if isinstance(sub, ast.Call) and not self._pure_call(sub.func, local):
            return ast.unparse(sub.func)
        return None

    def _pure_call(self, func: ast.expr, local: frozenset) -> bool:
        chain = []
        root = func
        while isinstance(root, ast.Attribute):
            chain.append(root.attr)
            root = root.value
        chain.reverse()
        if isinstance(root, ast.Lambda) and not chain:
            return True  # called where it is written (``(lambda t: ...)(x)``): its body is looked at in turn
        if not isinstance(root, ast.Name):
            return bool(chain) and chain[-1] not in LIBRARY_EFFECTS  # a method of a computed value
        if root.id in local:
            return bool(chain)  # a method of a local value; a local callable is unknown
        if root.id in self.names:
            value = self.names[root.id]
        elif root.id in builtins.__dict__:
            return not chain and root.id in PURE_BUILTINS or bool(chain) and chain[-1] not in LIBRARY_EFFECTS
        else:
            return False
        if isinstance(value, (replay.ReplayedNumpy, replay.ReplayedTorch)):
            if chain[:1] == ["random"] or (chain and chain[0] in replay.TORCH_DRAWS + ("manual_seed",)):
                return True  # the translation's draws: replayed, or from a private generator
            value = np if isinstance(value, replay.ReplayedNumpy) else torch
        if isinstance(value, types.ModuleType):
            return self._pure_library(value, chain)
        if chain:
            if isinstance(value, _CONTAINERS):
                return False  # ``losses.append``: changes a learner's list
            return chain[-1] not in LIBRARY_EFFECTS
        return self._pure_callable(value)

    def _pure_library(self, module: types.ModuleType, chain: list[str]) -> bool:
        if module not in _PURE_MODULES or "random" in chain or not chain:
            return False
        if chain[-1] in LIBRARY_EFFECTS:
            return False
        return module is not torch or self.target_lib == "torch"

    def _pure_callable(self, value) -> bool:
        if isinstance(value, types.FunctionType):
            return self._pure_function(value)
        if isinstance(value, np.ufunc):
            return True
        if isinstance(value, type):
            return value.__module__.split(".")[0] in ("builtins", "numpy", "torch")
        module = getattr(value, "__module__", None) or ""
        if module.split(".")[0] in ("numpy", self.target_lib):
            return getattr(value, "__name__", "") not in LIBRARY_EFFECTS
        return False

    def _pure_function(self, function: types.FunctionType) -> bool:
        """A function of the translated side (a twin) whose body is array code."""
        if function.__globals__ is not self.names:
            return False
        key = id(function)
        if key in self.seen:
            return True  # recursion: the body is being looked at already
        cached = _PURE_FUNCTIONS.get(function)
        if cached is not None:
            return cached
        self.seen.add(key)
        tree = _TWIN_TREES.get(function)
        pure = tree is not None and self.first(tree, _locals_of(tree), body_of=tree) is None
        self.seen.discard(key)
        _PURE_FUNCTIONS[function] = pure
        return pure


_PURE_FUNCTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_TWIN_TREES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # twin -> its translated def


def _locals_of(tree: ast.AST) -> frozenset:
    names = set()
    for sub in ast.walk(tree):
        if isinstance(sub, ast.arg):
            names.add(sub.arg)
        elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
    declared = {name for sub in ast.walk(tree) if isinstance(sub, (ast.Global, ast.Nonlocal)) for name in sub.names}
    return frozenset(names - declared)


def remember_twin(function, tree: ast.AST) -> None:
    """``function`` was made on the translated side from ``tree`` (a translated ``def``)."""
    _TWIN_TREES[function] = tree
    _PURE_FUNCTIONS.pop(function, None)


def make_twin(function: types.FunctionType, names: dict, target_lib: str, prefix: str):
    """A twin of the learner's ``function`` on the translated side, from its source, or None:
    no source (made by ``exec``), a closure, decorated, or not translatable."""
    from ..translation.translator import translate

    if function.__code__.co_freevars or function.__name__ == "<lambda>":
        return None
    try:
        text = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(text)
    except (OSError, TypeError, SyntaxError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef) or tree.body[0].decorator_list:
        return None
    translation = translate(prefix + text, to=target_lib)
    translated = translation.statements[-1]
    if translated.code is None or translated.node is None:
        return None
    made: dict[str, object] = {}
    try:
        exec(compile(translated.code, f"<twin of {function.__name__}>", "exec", dont_inherit=True), names, made)
    except Exception:
        return None
    twin = made.get(function.__name__)
    if not isinstance(twin, types.FunctionType):
        return None
    remember_twin(twin, translated.node)
    return twin


# -- print(...) and display(...): the printed values, evaluated once --------------------------------

PRINTED = "_d2l_printed"  # a name in a private locals mapping, never in the learner's namespace


def printer_call(node: ast.stmt, namespace: dict) -> ast.Call | None:
    """The call of a ``print(...)`` / ``display(...)`` statement (the builtin or IPython's)."""
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return None
    call = node.value
    if not (isinstance(call.func, ast.Name) and call.func.id in PRINTERS):
        return None
    if any(isinstance(arg, ast.Starred) for arg in call.args):
        return None
    function = namespace.get(call.func.id, builtins.__dict__.get(call.func.id))
    module = getattr(function, "__module__", "") or ""
    if function is not builtins.print and not module.startswith("IPython"):
        return None
    return call


def printed_expressions(call: ast.Call) -> list[ast.expr]:
    """The values a print shows: each argument, and each ``{...}`` of an f-string argument."""
    values: list[ast.expr] = []
    for arg in call.args:
        if isinstance(arg, ast.JoinedStr):
            values.extend(part.value for part in arg.values if isinstance(part, ast.FormattedValue))
        else:
            values.append(arg)
    return values


@functools.lru_cache(maxsize=512)
def _printer_code(text: str, filename: str, lineno: int, col: int):
    """(the printed values as one tuple expression, the call printing them from ``PRINTED``)."""
    node = cast(ast.Expr, ast.parse(text).body[0])  # ``text`` is one print(...) call
    ast.increment_lineno(node, lineno - 1)
    call = cast(ast.Call, node.value)
    values = ast.Tuple(elts=printed_expressions(call), ctx=ast.Load())
    index = iter(range(len(values.elts)))

    def take():
        return ast.Subscript(value=ast.Name(PRINTED, ast.Load()), slice=ast.Constant(next(index)), ctx=ast.Load())

    args: list[ast.expr] = []
    for arg in call.args:
        if isinstance(arg, ast.JoinedStr):
            parts = [ast.FormattedValue(value=take(), conversion=part.conversion, format_spec=part.format_spec)
                     if isinstance(part, ast.FormattedValue) else part for part in arg.values]
            args.append(ast.JoinedStr(values=parts))
        else:
            args.append(take())
    printing = ast.Call(func=call.func, args=args, keywords=call.keywords)
    for tree in (values, printing):
        ast.copy_location(tree, call)
    values_code = compile(ast.fix_missing_locations(ast.Expression(values)), filename, "eval", dont_inherit=True)
    print_code = compile(ast.fix_missing_locations(ast.Expression(printing)), filename, "eval", dont_inherit=True)
    return values_code, print_code


def run_printer(text: str, filename: str, lineno: int, col: int, namespace: dict) -> tuple:
    """Print as the learner's statement does, each argument evaluated once; the printed values."""
    values_code, print_code = _printer_code(text, filename, lineno, col)
    values = eval(values_code, namespace)
    eval(print_code, namespace, {PRINTED: values})
    return values


def printed_values(call: ast.Call, names: dict, filename: str):
    """The values the translated print would show, evaluated without printing."""
    values = ast.Tuple(elts=printed_expressions(call), ctx=ast.Load())
    ast.copy_location(values, call)
    return eval(compile(ast.fix_missing_locations(ast.Expression(values)), filename, "eval",
                        dont_inherit=True), names)


# -- names made in earlier cells ---------------------------------------------------------------------

def import_prefix(names_read, namespace: dict, source_lib: str) -> str:
    """Import lines that make the learner's earlier ``import torch.nn.functional as F`` or
    ``from torch.distributions import multinomial`` known to the translation of this cell."""
    root = "torch" if source_lib == "torch" else "numpy"
    lines = []
    for name in names_read:
        value = namespace.get(name)
        if isinstance(value, types.ModuleType):
            module = value.__name__
            if module.split(".")[0] != root or (module == root and name in ("torch", "np", "numpy")):
                continue
            parent, _, leaf = module.rpartition(".")
            lines.append(f"import {module} as {name}" if not parent else f"from {parent} import {leaf} as {name}")
        elif isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
            module = getattr(value, "__module__", None) or ""
            qualname = getattr(value, "__name__", "")
            if module.split(".")[0] == root and qualname.isidentifier():
                lines.append(f"from {module} import {qualname} as {name}")
    return "".join(line + "\n" for line in lines)
