"""A translated statement's code: ``ast.unparse``'s text, made faster for the statements translations
consist of.

``ast.unparse`` walks a tree through a visitor class, a context manager per bracket and a
precedence table per node; for a 200-line cell that was a third of the first translation. This
writes the same text, with the precedence passed down, for assignments, imports and expression
statements made of names, constants, attributes, calls, subscripts, tuples, lists and arithmetic.
Any other node (a comprehension, a lambda, an f-string) hands the whole statement to ``ast.unparse``.
"""
from __future__ import annotations

import ast

# ``ast._Precedence``'s order, lowest first.
TUPLE, YIELD, TEST, NOT, CMP, BOR, BXOR, BAND, SHIFT, ARITH, TERM, FACTOR, POWER, ATOM = (
    2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18)
BINARY = {ast.Add: ("+", ARITH), ast.Sub: ("-", ARITH), ast.Mult: ("*", TERM), ast.MatMult: ("@", TERM),
          ast.Div: ("/", TERM), ast.Mod: ("%", TERM), ast.FloorDiv: ("//", TERM), ast.LShift: ("<<", SHIFT),
          ast.RShift: (">>", SHIFT), ast.BitOr: ("|", BOR), ast.BitXor: ("^", BXOR), ast.BitAnd: ("&", BAND),
          ast.Pow: ("**", POWER)}
UNARY = {ast.USub: ("-", FACTOR), ast.UAdd: ("+", FACTOR), ast.Invert: ("~", FACTOR), ast.Not: ("not ", NOT)}
COMPARISONS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
               ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}


class _Elsewhere(Exception):
    """A node this module does not write: ``ast.unparse`` writes the statement."""


def statement_code(node: ast.stmt) -> str:
    """``ast.unparse(node)``, the same text."""
    try:
        return _statement(node)
    except _Elsewhere:
        return ast.unparse(node)


def _statement(node: ast.stmt) -> str:
    if isinstance(node, ast.Assign) and node.type_comment is None:
        return "".join(f"{_expression(target, TUPLE)} = " for target in node.targets) + _expression(node.value, TEST)
    if isinstance(node, ast.Expr):
        return _expression(node.value, YIELD)
    if isinstance(node, ast.AugAssign):
        return f"{_expression(node.target, TEST)} {BINARY[type(node.op)][0]}= {_expression(node.value, TEST)}"
    if isinstance(node, ast.Import):
        return "import " + ", ".join(map(_alias, node.names))
    if isinstance(node, ast.ImportFrom):
        return f"from {'.' * (node.level or 0)}{node.module or ''} import " + ", ".join(map(_alias, node.names))
    raise _Elsewhere


def _alias(alias: ast.alias) -> str:
    return alias.name if alias.asname is None else f"{alias.name} as {alias.asname}"


def _expression(node, precedence: int) -> str:
    """``node``'s text where the surrounding syntax binds at ``precedence``."""
    kind = type(node)
    if kind is ast.Name:
        return node.id
    if kind is ast.Constant:
        return _constant(node)
    if kind is ast.Attribute:
        value = _expression(node.value, ATOM)
        space = " " if type(node.value) is ast.Constant and isinstance(node.value.value, int) else ""
        return f"{value}{space}.{node.attr}"
    if kind is ast.Call:
        parts = [_expression(arg, TEST) for arg in node.args]
        parts += [f"**{_expression(k.value, TEST)}" if k.arg is None else f"{k.arg}={_expression(k.value, TEST)}"
                  for k in node.keywords]
        return f"{_expression(node.func, ATOM)}({', '.join(parts)})"
    if kind is ast.Subscript:
        index = node.slice
        inside = _items(index.elts) if type(index) is ast.Tuple and index.elts else _expression(index, TEST)
        return f"{_expression(node.value, ATOM)}[{inside}]"
    if kind is ast.Tuple:
        items = _items(node.elts)
        return f"({items})" if not node.elts or precedence > TUPLE else items
    if kind is ast.List:
        return "[" + ", ".join(_expression(e, TEST) for e in node.elts) + "]"
    if kind is ast.BinOp:
        symbol, own = BINARY[type(node.op)]
        left, right = (own + 1, own) if symbol == "**" else (own, own + 1)
        text = f"{_expression(node.left, left)} {symbol} {_expression(node.right, right)}"
        return f"({text})" if precedence > own else text
    if kind is ast.UnaryOp:
        symbol, own = UNARY[type(node.op)]
        text = symbol + _expression(node.operand, own)
        return f"({text})" if precedence > own else text
    if kind is ast.Compare:
        text = _expression(node.left, CMP + 1) + "".join(
            f" {COMPARISONS[type(op)]} {_expression(e, CMP + 1)}" for op, e in zip(node.ops, node.comparators))
        return f"({text})" if precedence > CMP else text
    if kind is ast.Slice:
        text = (_expression(node.lower, TEST) if node.lower else "") + ":" + \
            (_expression(node.upper, TEST) if node.upper else "")
        return text + ":" + _expression(node.step, TEST) if node.step else text
    if kind is ast.Starred:
        return "*" + _expression(node.value, BOR)
    raise _Elsewhere


def _items(elements) -> str:
    """A tuple's elements: one gets a trailing comma."""
    if len(elements) == 1:
        return _expression(elements[0], TEST) + ","
    return ", ".join(_expression(e, TEST) for e in elements)


def _constant(node: ast.Constant) -> str:
    """Numbers, booleans, None, ``...`` and plain strings; other constants (``inf``, escapes,
    ``u''``) as ``ast.unparse`` spells them."""
    value = node.value
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float)) and 0 <= value < float("inf"):   # a NaN is not
        return repr(value)
    if isinstance(value, str) and node.kind is None and value.isprintable() and \
            not ('"' in value or "'" in value or "\\" in value):
        return repr(value)
    if value is Ellipsis:
        return "..."
    raise _Elsewhere
