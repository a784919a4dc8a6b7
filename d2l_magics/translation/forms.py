"""The two sides of a rule, parsed once: what kind of thing each form is, and one lookup per
direction built from the one rule table (``rules.py``)."""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from typing import TypeVar

from ..cell import dotted
from .registry import TRANSFORMS
from .rules import RULES, Rule

LIBRARY_LABELS = {"torch": "PyTorch", "numpy": "NumPy"}

Node = TypeVar("Node", bound=ast.AST)


@dataclass(frozen=True, eq=False)
class Form:
    """One side of a rule, parsed: what kind of thing it is, its name, and any fixed arguments."""

    text: str
    kind: str  # "function" | "method" | "attribute" | "name" | "builtin" | "literal" | "self"
    name: str
    template: ast.expr | None = None  # the function (or name) to build, locations stripped
    fixed_args: tuple = ()
    fixed_keywords: tuple = ()

    @functools.cached_property
    def display(self) -> str:
        return self.name if self.kind in ("function", "name") else self.text

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.name


def strip_locations(node: Node) -> Node:
    for child in ast.walk(node):
        for attribute in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
            if attribute in child._attributes:
                child.__dict__.pop(attribute, None)
    return node


def parse_form(text: str) -> Form:
    """``"torch.sum()"``, ``".sum()"``, ``".T"``, ``"torch.float32"``, ``"float()"``, ``"_"``."""
    if text == "_":
        return Form(text, "self", "_")
    expr = strip_locations(ast.parse("_" + text if text.startswith(".") else text, mode="eval").body)
    called = isinstance(expr, ast.Call)
    target: ast.expr = expr
    fixed: tuple[tuple, tuple] = ((), ())
    if isinstance(expr, ast.Call):
        target, fixed = expr.func, (tuple(expr.args), tuple(expr.keywords))
    if isinstance(target, ast.Constant):
        return Form(text, "literal", repr(target.value), target)
    if isinstance(target, ast.Name):
        return Form(text, "builtin", target.id, target, *fixed)
    assert isinstance(target, ast.Attribute)  # every rule form is a name, an attribute or a call
    if isinstance(target.value, ast.Name) and target.value.id == "_":
        return Form(text, "method" if called else "attribute", target.attr, None, *fixed)
    name = dotted(target)
    assert name is not None  # ... and an attribute form is a dotted name
    return Form(text, "function" if called else "name", name, target, *fixed)


@dataclass(frozen=True)
class Entry:
    """A rule as one direction reads it: from ``source`` to ``target``."""

    rule: Rule
    source: Form
    target: Form | None
    renames: dict


@dataclass(frozen=True)
class Direction:
    source_lib: str
    target_lib: str
    lookup: dict

    @property
    def to_numpy(self) -> bool:
        return self.target_lib == "numpy"


@functools.cache
def direction(to: str) -> Direction:
    """The lookup for translating into ``to``, built once from the one rule table."""
    if to not in LIBRARY_LABELS:
        raise ValueError(f"to= must be 'numpy' or 'torch', not {to!r}")
    to_numpy = to == "numpy"
    lookup: dict[tuple[str, str], Entry] = {}
    for rule in RULES:
        if to_numpy and rule.forward and rule.torch is not None:
            source = parse_form(rule.torch)
            target = parse_form(rule.numpy) if rule.numpy is not None else None
            renames = dict(rule.args)
        elif not to_numpy and rule.reverse and rule.numpy not in (None, "_"):
            source = parse_form(rule.numpy)
            target = parse_form(rule.torch) if rule.torch is not None else None
            renames = {numpy: torch for torch, numpy in rule.args.items()}
        else:
            continue
        if source.fixed_args or source.fixed_keywords or source.kind in ("self", "literal"):
            raise ValueError(f"rule {rule.torch!r} ⇄ {rule.numpy!r} cannot be read towards {to}")
        if rule.transform is not None and rule.transform not in TRANSFORMS:
            raise ValueError(f"rule {rule.torch!r} names the unregistered transform {rule.transform!r}")
        if source.key in lookup:
            raise ValueError(f"two rules translate {source.text!r} towards {to}")
        lookup[source.key] = Entry(rule, source, target, renames)
    return Direction("torch" if to_numpy else "numpy", to, lookup)

