"""AST helpers the walker and the transforms share: a matched call taken apart, copies, locations,
templates, and the literal tests a rule's choice depends on."""
from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from dataclasses import dataclass

from ..messages import Note
from .forms import Node, strip_locations


class NoCounterpart(Exception):
    """Raised inside a statement that cannot be translated; carries the reason for the learner."""

    def __init__(self, reason: Note):
        super().__init__(reason.text)
        self.reason = reason


class UnreadableCall(Exception):
    """A call a rule cannot read: an argument it needs is missing, or hidden in ``*args``."""


@dataclass
class CallParts:
    """A matched call taken apart: what it is called on, its positional and keyword arguments."""

    receiver: ast.expr | None
    args: list
    keywords: list

    @property
    def data(self) -> ast.expr:
        """The value operated on: the receiver of a method, the first argument of a function."""
        return self.receiver if self.receiver is not None else self.args[0]

    @data.setter
    def data(self, value: ast.expr) -> None:
        if self.receiver is not None:
            self.receiver = value
        else:
            self.args[0] = value

    @property
    def rest(self) -> list:
        """Positional arguments after the data."""
        return self.args if self.receiver is not None else self.args[1:]

    def clear_rest(self) -> None:
        del self.args[0 if self.receiver is not None else 1:]

    def get(self, name: str):
        return next((kw.value for kw in self.keywords if kw.arg == name), None)

    def pop(self, name: str):
        value = self.get(name)
        self.keywords = [kw for kw in self.keywords if kw.arg != name]
        return value

    def set(self, name: str, value: ast.expr) -> None:
        self.pop(name)
        self.keywords.append(ast.keyword(arg=name, value=value))

    def argument(self, name: str, position: int, after_data: bool = True):
        """A parameter given by keyword or at ``position`` (after the data, unless told otherwise),
        moved to a keyword."""
        rest = self.rest if after_data else self.args
        if any(isinstance(arg, ast.Starred) for arg in rest[:position + 1]):
            raise UnreadableCall(name)
        if self.get(name) is None and len(rest) > position:
            self.set(name, rest[position])
        return self.get(name)


_LOCATION = ("lineno", "col_offset", "end_lineno", "end_col_offset")


_LEAF_TYPES = (str, int, float, complex, bytes, bool, type(None), type(Ellipsis))


_SHAPES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _shape(cls: type[ast.AST]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A node class's fields and location attributes (looked up once per class)."""
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = _SHAPES[cls] = (cls._fields, tuple(name for name in _LOCATION if name in cls._attributes))
    return shape


def clone(node):
    """A copy of an AST (much faster than ``copy.deepcopy``, which translation would otherwise
    spend most of its time in)."""
    if node.__class__ is list:
        return [clone(item) for item in node]
    if not isinstance(node, ast.AST) or isinstance(node, ast.expr_context):
        return node
    cls = node.__class__
    new = cls.__new__(cls)
    fields, locations = _shape(cls)
    values = node.__dict__
    for name in fields:
        if name in values:
            value = values[name]
            setattr(new, name, value if value.__class__ in _LEAF_TYPES else clone(value))
    for name in locations:
        if name in values:
            setattr(new, name, values[name])
    return new


def locate(node: Node, like: ast.AST) -> Node:
    """Give every new (unlocated) node in ``node`` the location of ``like``, the learner's node it
    replaces; the learner's own subtrees keep theirs."""
    location = [(name, getattr(like, name, None)) for name in _LOCATION]
    pending: list[ast.AST] = [node]
    pop, push = pending.pop, pending.append
    AST, context = ast.AST, ast.expr_context
    while pending:
        current = pop()
        fields, locations = _shape(current.__class__)
        values = current.__dict__
        if locations:
            if "lineno" in values:
                continue  # the learner's own subtree
            for name, value in location:
                setattr(current, name, value)
        for name in fields:
            value = values.get(name)
            if value is None or value.__class__ in _LEAF_TYPES:
                continue
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, AST) and "lineno" not in item.__dict__:
                        push(item)
            elif isinstance(value, AST) and not isinstance(value, context) and "lineno" not in value.__dict__:
                push(value)
    return node


@functools.cache
def _template(text: str) -> ast.expr:
    return strip_locations(ast.parse(text, mode="eval").body)


def fill(text: str, **parts: ast.expr) -> ast.expr:
    """Build ``text`` (Python source) with each placeholder name replaced by a copy of a node."""
    return _filled(_template(text), parts)


def _filled(node, parts: dict):
    if node.__class__ is list:
        return [_filled(item, parts) for item in node]
    if not isinstance(node, ast.AST) or isinstance(node, ast.expr_context):
        return node
    cls = node.__class__
    if isinstance(node, ast.Name) and node.id in parts:
        return clone(parts[node.id])
    new = cls.__new__(cls)
    values = node.__dict__
    for name in _shape(cls)[0]:
        if name in values:
            value = values[name]
            setattr(new, name, value if value.__class__ in _LEAF_TYPES else _filled(value, parts))
    return new


_PLAIN_READ_NODES = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Slice, ast.Tuple, ast.UnaryOp,
                     ast.USub, ast.expr_context)


def is_plain_read(node) -> bool:
    """A name, attribute or item with literal indices (``x``, ``m.w``, ``A[0, 1:]``): reading it
    again runs nothing and gives the same value, so a translation may write it twice."""
    return all(isinstance(n, _PLAIN_READ_NODES) for n in ast.walk(node))


_VALUE = "<value>"  # the placeholder a builder reads its value through: no learner name can be it


def evaluated_once(value: ast.expr, build: Callable[[ast.expr], ast.expr]) -> ast.expr:
    """``build(v)``, an expression that may read ``v`` several times, with the learner's ``value``
    evaluated exactly once: written in each place when it is a plain read (or read only once),
    else passed to a lambda called where it stands, ``(lambda t: ...)(value)``, so that a
    computation (``a.T @ a``, a random draw) runs once, as in the source."""
    body = build(ast.Name(id=_VALUE, ctx=ast.Load()))
    names = [n.id for n in ast.walk(body) if isinstance(n, ast.Name)]
    if names.count(_VALUE) <= 1 or is_plain_read(value):
        return _filled(body, {_VALUE: value})
    parameter = "t"
    while parameter in names:  # the learner's own ``t`` inside the body stays theirs
        parameter += "_"
    function = ast.Lambda(args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=parameter)], kwonlyargs=[],
                                             kw_defaults=[], defaults=[]),
                          body=_filled(body, {_VALUE: ast.Name(id=parameter, ctx=ast.Load())}))
    return ast.Call(func=function, args=[value], keywords=[])


def is_int_literal(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def is_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


#: Library constants that are floats (``np.array([0, 1, np.nan])`` is a float array).
FLOAT_CONSTANTS = frozenset({"nan", "inf", "pi", "e", "NaN", "NINF", "PINF"})


def has_float_literal(nodes) -> bool:
    return any((isinstance(n, ast.Constant) and type(n.value) is float)
               or (isinstance(n, ast.Attribute) and n.attr in FLOAT_CONSTANTS
                   and isinstance(n.value, ast.Name) and n.value.id in ("np", "numpy", "torch", "math"))
               for node in nodes for n in ast.walk(node))


def is_numbers(node) -> bool:
    """A (nested) list or tuple of number literals: data, not a list of arrays or a shape."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return bool(node.elts) and all(is_numbers(element) for element in node.elts)
    return is_number(node) or (isinstance(node, ast.Constant) and isinstance(node.value, bool))


_VISITORS: dict[type, object] = {}
