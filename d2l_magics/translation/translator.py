"""Translate torch code to NumPy, or NumPy code to torch, statement by statement.

The rule table (``rules.py``) is read into one lookup per direction; an ``ast.NodeTransformer``
rewrites each top-level statement with it and ``ast.unparse`` writes the result. Translated nodes
keep the learner's line numbers, so ``compare`` can compile each statement under the learner's
filename. Choices the table cannot make:

* Only ``torch.``/``np.``/``numpy.`` attribute chains (and names bound by ``from torch... import``)
  are library calls. A method call on any other value (``x.sum(dim=0)``) is rewritten when its
  name is a tensor method in the table: types are unknown statically, which is fine for
  chapter-2 code, where such names mean tensors.
* A library name the table does not know makes the whole statement untranslated (``code`` None,
  with a reason), never silently wrong code; so does autograd.
  Calls on other modules (``np.max`` in a torch cell, ``math.exp``) are left alone.
* ``np.dot`` becomes ``torch.matmul``: ranks are unknown statically, and ``matmul`` agrees with
  ``np.dot`` for 1-D and 2-D operands while ``torch.dot`` accepts 1-D only.
* ``torch.max(x, d)`` reads ``d`` as a dim when it is an integer literal, else as a second tensor
  (``np.maximum``); either way a note says which.
* Each direction keeps the source library's meaning: float32 defaults (``np.float32``) towards
  NumPy, float64 defaults (``torch.float64``) towards torch; ``std`` divisors spelt out.
"""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field

from ..cell import statement_sources
from ..messages import Note, get_language
from .rules import ALIASES, DROPPED_KEYWORDS, DTYPES, IMPORTS, MODULES, RULES, Rule

LIBRARY_LABELS = {"torch": "PyTorch", "numpy": "NumPy"}
RENAME_NOTES = {("dim", "axis"): "translate.dim_axis", ("keepdim", "keepdims"): "translate.keepdim"}


# ----------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class TranslatedStatement:
    """One top-level statement of the learner's source and its translation."""

    source: str
    lineno: int
    code: str | None
    """The translated text; None when the statement has no counterpart (see ``reason``)."""
    notes: list[Note] = field(default_factory=list)
    reason: Note | None = None
    node: ast.stmt | None = field(default=None, repr=False, compare=False)
    """The translated statement, with the learner's line numbers (what ``code`` was written from)."""


@dataclass(frozen=True)
class Translation:
    source: str
    code: str
    notes: list[Note]
    statements: list[TranslatedStatement]
    source_lib: str
    target_lib: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.translate import translation_html, translation_text
        return {"text/plain": translation_text(self), "text/html": translation_html(self)}


# ----------------------------------------------------------------------------- rule forms


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


def _strip_locations(node: ast.AST) -> ast.AST:
    for child in ast.walk(node):
        for attribute in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
            if attribute in child._attributes:
                child.__dict__.pop(attribute, None)
    return node


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def parse_form(text: str) -> Form:
    """``"torch.sum()"``, ``".sum()"``, ``".T"``, ``"torch.float32"``, ``"float()"``, ``"_"``."""
    if text == "_":
        return Form(text, "self", "_")
    expr = _strip_locations(ast.parse("_" + text if text.startswith(".") else text, mode="eval").body)
    called = isinstance(expr, ast.Call)
    target = expr.func if called else expr
    fixed = (tuple(expr.args), tuple(expr.keywords)) if called else ((), ())
    if isinstance(target, ast.Constant):
        return Form(text, "literal", repr(target.value), target)
    if isinstance(target, ast.Name):
        return Form(text, "builtin", target.id, target, *fixed)
    if isinstance(target.value, ast.Name) and target.value.id == "_":
        return Form(text, "method" if called else "attribute", target.attr, None, *fixed)
    return Form(text, "function" if called else "name", _dotted(target), target, *fixed)


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
        if to_numpy and rule.forward:
            source = parse_form(rule.torch)
            target = parse_form(rule.numpy) if rule.numpy is not None else None
            renames = dict(rule.args)
        elif not to_numpy and rule.reverse and rule.numpy not in (None, "_"):
            source, target = parse_form(rule.numpy), parse_form(rule.torch)
            renames = {numpy: torch for torch, numpy in rule.args.items()}
        else:
            continue
        if source.fixed_args or source.fixed_keywords or source.kind in ("self", "literal"):
            raise ValueError(f"rule {rule.torch!r} ⇄ {rule.numpy!r} cannot be read towards {to}")
        if source.key in lookup:
            raise ValueError(f"two rules translate {source.text!r} towards {to}")
        lookup[source.key] = Entry(rule, source, target, renames)
    return Direction("torch" if to_numpy else "numpy", to, lookup)


# ----------------------------------------------------------------------------- translating


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


def clone(node):
    """A copy of an AST (much faster than ``copy.deepcopy``, which translation would otherwise
    spend most of its time in)."""
    if isinstance(node, list):
        return [clone(item) for item in node]
    if not isinstance(node, ast.AST) or isinstance(node, ast.expr_context):
        return node
    new = node.__class__.__new__(node.__class__)
    for name in node._fields:
        if hasattr(node, name):
            setattr(new, name, clone(getattr(node, name)))
    for name in _LOCATION:
        if hasattr(node, name):
            setattr(new, name, getattr(node, name))
    return new


def locate(node: ast.AST, like: ast.AST) -> ast.AST:
    """Give every new (unlocated) node in ``node`` the location of ``like``, the learner's node it
    replaces; the learner's own subtrees keep theirs."""
    if "lineno" in node._attributes:
        if hasattr(node, "lineno"):
            return node
        for name in _LOCATION:
            setattr(node, name, getattr(like, name, None))
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, ast.AST):
                    locate(item, like)
        elif isinstance(value, ast.AST):
            locate(value, like)
    return node


@functools.cache
def _template(text: str) -> ast.expr:
    return _strip_locations(ast.parse(text, mode="eval").body)


def fill(text: str, **parts: ast.expr) -> ast.expr:
    """Build ``text`` (Python source) with each placeholder name replaced by a copy of a node."""
    return _filled(_template(text), parts)


def _filled(node, parts: dict):
    if isinstance(node, list):
        return [_filled(item, parts) for item in node]
    if not isinstance(node, ast.AST) or isinstance(node, ast.expr_context):
        return node
    if isinstance(node, ast.Name) and node.id in parts:
        return clone(parts[node.id])
    new = node.__class__.__new__(node.__class__)
    for name in node._fields:
        if hasattr(node, name):
            setattr(new, name, _filled(getattr(node, name), parts))
    return new


def _is_int_literal(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def _is_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _has_float_literal(nodes) -> bool:
    return any(isinstance(n, ast.Constant) and type(n.value) is float
               for node in nodes for n in ast.walk(node))


_VISITORS: dict[type, object] = {}

DECLINED = object()
"""A transform's answer when a rule does not apply after all (``float("3")``)."""


class StatementTranslator(ast.NodeTransformer):
    """Rewrites statements of one source with one direction's lookup; collects the notes fired."""

    def __init__(self, direction: Direction):
        self.direction = direction
        self.modules = {"torch": "torch"} if direction.to_numpy else {"np": "np", "numpy": "np"}
        # other modules: ``np.exp(x)`` in a torch cell is not the tensor method ``exp`` of ``np``
        self.other_modules = {"np", "numpy", "torch", "math"} - set(self.modules)
        self.notes: dict[Note, None] = {}  # an ordered set
        self.said: dict[tuple, Note] = {}
        self.changed = False
        self.expression_value = None
        self.pending_fill = None

    # -- notes and names

    def fire(self, msg_id: str, **fields) -> None:
        key = (msg_id, *fields.items())
        note = self.said.get(key)
        if note is None:
            note = self.said[key] = Note.of(msg_id, target=LIBRARY_LABELS[self.direction.target_lib],
                                            **fields)
        self.notes.setdefault(note, None)

    def no_counterpart(self, api: str) -> NoCounterpart:
        return NoCounterpart(Note.of("translate.no_counterpart", api=api,
                                     target=LIBRARY_LABELS[self.direction.target_lib]))

    def qualified(self, node) -> str | None:
        """``torch.linalg.norm`` for a chain rooted at a source-library name, else None."""
        dotted = _dotted(node)
        if dotted is None:
            return None
        root, _, rest = dotted.partition(".")
        if root not in self.modules:
            return None
        name = self.modules[root] + ("." + rest if rest else "")
        return ALIASES.get(name, name)

    def in_other_module(self, node: ast.Attribute) -> bool:
        """``math.exp``, ``np.sum`` in a torch cell: a module's function, not a tensor method."""
        dotted = _dotted(node.value)
        return dotted is not None and dotted.partition(".")[0] in self.other_modules

    def lookup(self, kind: str, name: str) -> Entry | None:
        return self.direction.lookup.get((kind, name))

    # -- walking (ast.NodeTransformer's own walk, without its per-node overheads)

    def visit(self, node):
        visitor = _VISITORS.get(node.__class__)
        if visitor is None:
            visitor = _VISITORS[node.__class__] = getattr(
                StatementTranslator, "visit_" + node.__class__.__name__, StatementTranslator.generic_visit)
        return visitor(self, node)

    def generic_visit(self, node):
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        value[index] = self.visit(item)
            elif isinstance(value, ast.AST) and not isinstance(value, ast.expr_context):
                setattr(node, name, self.visit(value))
        return node

    # -- statements

    def translate_statement(self, stmt: ast.stmt) -> ast.stmt:
        self.notes, self.changed = {}, False
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            return self.translate_import(stmt)
        return self.visit(stmt)

    def translate_import(self, stmt):
        source_module = self.direction.source_lib
        if isinstance(stmt, ast.ImportFrom):
            if (stmt.module or "").split(".")[0] != source_module:
                self.other_modules.update(alias.asname or alias.name for alias in stmt.names)
                return stmt
            for alias in stmt.names:
                self.modules[alias.asname or alias.name] = f"{MODULES[source_module]}." + \
                    ".".join([*stmt.module.split(".")[1:], alias.name])
            raise NoCounterpart(Note.of("translate.import_dropped", api=stmt.module,
                                        target=LIBRARY_LABELS[self.direction.target_lib]))
        if not any(alias.name.split(".")[0] == source_module for alias in stmt.names):
            self.other_modules.update((a.asname or a.name).split(".")[0] for a in stmt.names)
            return stmt
        if len(stmt.names) > 1 or stmt.names[0].name != source_module \
                or stmt.names[0].asname not in (None, MODULES[source_module]):
            raise self.no_counterpart(ast.unparse(stmt))
        self.changed = True
        self.fire("translate.import", source=IMPORTS[source_module],
                  translation=IMPORTS[self.direction.target_lib])
        return locate(_strip_locations(ast.parse(IMPORTS[self.direction.target_lib]).body[0]), stmt)

    def visit_Expr(self, node):
        self.expression_value = node.value
        node.value = self.visit(node.value)
        if self.pending_fill is None:
            return node
        target, value = self.pending_fill
        self.pending_fill = None
        subscript = ast.Subscript(value=target, slice=ast.Constant(Ellipsis), ctx=ast.Store())
        return locate(ast.Assign(targets=[subscript], value=value), node)

    # -- expressions

    def translate_arguments(self, node: ast.Call) -> None:
        node.args = [self.visit(arg) for arg in node.args]
        for keyword in node.keywords:
            keyword.value = self.visit(keyword.value)

    def visit_Call(self, node):
        func = node.func
        sample = self.distribution_sample(node)
        if sample is not None:
            return sample
        name = self.qualified(func)
        if name is not None:
            entry = self.lookup("function", name)
            if entry is None:
                raise self.no_counterpart(name)
            self.translate_arguments(node)
            return self.apply(entry, node, CallParts(None, list(node.args), list(node.keywords)))
        if isinstance(func, ast.Attribute):
            func.value = self.visit(func.value)
            self.translate_arguments(node)
            entry = self.lookup("method", func.attr) if not self.in_other_module(func) else None
            if entry is None:
                return node
            return self.apply(entry, node, CallParts(func.value, list(node.args), list(node.keywords)))
        if isinstance(func, ast.Name):
            self.translate_arguments(node)
            entry = self.lookup("builtin", func.id)
            if entry is None:
                return node
            return self.apply(entry, node, CallParts(None, list(node.args), list(node.keywords)))
        return self.generic_visit(node)

    def visit_Attribute(self, node):
        name = self.qualified(node)
        if name is not None:
            entry = self.lookup("name", name) or self.lookup("function", name)
            if entry is None:
                raise self.no_counterpart(name)
            if entry.source.kind == "function":
                return self.reference(entry, node)
            return self.apply(entry, node, CallParts(None, [], []))
        node.value = self.visit(node.value)
        fields = getattr(node.value, "d2l_fields", ())
        if node.attr in fields:
            return node.value.elts[fields.index(node.attr)]
        entry = self.lookup("attribute", node.attr) if not self.in_other_module(node) else None
        if entry is None:
            return node
        return self.apply(entry, node, CallParts(node.value, [], []))

    def reference(self, entry: Entry, node):
        """A library function named without calling it (``help(torch.ones)``)."""
        target = entry.target
        if target is None or target.kind != "function" or target.fixed_args or entry.rule.transform:
            raise self.no_counterpart(entry.source.name)
        self.changed = True
        self.fire(entry.rule.note, **self.note_fields(entry))
        return locate(clone(target.template), node)

    # -- applying a rule

    def note_fields(self, entry: Entry) -> dict:
        torch_form, numpy_form = (entry.source, entry.target) if self.direction.to_numpy \
            else (entry.target, entry.source)
        return {"torch": torch_form.display, "numpy": numpy_form.display if numpy_form else "",
                "name": torch_form.name.rpartition(".")[2]}

    def apply(self, entry: Entry, node, call: CallParts):
        if entry.target is None:
            raise NoCounterpart(Note.of(entry.rule.note, api=entry.source.display,
                                        target=LIBRARY_LABELS[self.direction.target_lib]))
        try:
            return self.apply_rule(entry, node, call)
        except (IndexError, UnreadableCall):  # e.g. ``torch.max()``, ``torch.sum(x, *dims)``
            raise self.no_counterpart(entry.source.display) from None

    def apply_rule(self, entry: Entry, node, call: CallParts):
        rule = entry.rule
        if self.direction.to_numpy:
            self.drop_keywords(call)
            self.name_positionals(entry, call)
        self.rename_keywords(entry, call)
        if self.direction.to_numpy and "dim" in rule.args:
            self.tuple_axes(call)
        self.shape_arguments(entry, call)
        cast = self.default_dtype(entry, call)
        result = None
        if rule.transform:
            result = TRANSFORMS[rule.transform](self, entry, call, node)
            if result is DECLINED:
                return node
        if result is None:
            result = self.build(entry.target, call)
        if cast is not None:
            result = self.cast(result, cast, sized=bool(call.args) or call.get("size") is not None)
        self.changed = True
        self.fire(rule.note, **self.note_fields(entry))
        return locate(result, node)

    def drop_keywords(self, call: CallParts) -> None:
        for keyword in list(call.keywords):
            if keyword.arg in DROPPED_KEYWORDS:
                call.pop(keyword.arg)
                self.fire(DROPPED_KEYWORDS[keyword.arg], keyword=keyword.arg)

    @staticmethod
    def name_positionals(entry: Entry, call: CallParts) -> None:
        """torch's positional parameters that NumPy orders differently become keywords."""
        names = entry.rule.positional
        if not names or not call.rest:
            return
        for index, name in enumerate(names[:len(call.rest)]):
            call.argument(name, index)
        call.clear_rest()

    def rename_keywords(self, entry: Entry, call: CallParts) -> None:
        for keyword in call.keywords:
            new = entry.renames.get(keyword.arg)
            if new is None:
                continue
            if call.get(new) is not None:  # torch.sum(x, dim=0, axis=1): an error in torch too
                raise self.no_counterpart(f"{entry.source.display}({keyword.arg}=..., {new}=...)")
            pair = (keyword.arg, new) if self.direction.to_numpy else (new, keyword.arg)
            self.fire(RENAME_NOTES.get(pair, "translate.keyword"), old=keyword.arg, new=new)
            keyword.arg = new

    def tuple_axes(self, call: CallParts) -> None:
        """NumPy takes several axes as a tuple only; torch also takes a list."""
        def as_tuple(node):
            if isinstance(node, ast.List):
                self.fire("translate.axis_list")
                return ast.Tuple(elts=node.elts, ctx=ast.Load())
            return node
        for keyword in call.keywords:
            if keyword.arg in ("axis", "dim"):
                keyword.value = as_tuple(keyword.value)
        start = 0 if call.receiver is not None else 1
        call.args[start:] = [as_tuple(arg) for arg in call.args[start:]]

    def shape_arguments(self, entry: Entry, call: CallParts) -> None:
        """Sizes one by one (``torch.ones(4, 3)``, ``np.random.randn(3, 4)``) or as one tuple."""
        shape, to_numpy = entry.rule.shape, self.direction.to_numpy
        if shape == "varargs" and to_numpy and (
                len(call.args) > 1 or any(isinstance(a, ast.Starred) for a in call.args)):
            self.fire("translate.varargs_shape", torch=entry.source.display)
            call.args = [ast.Tuple(elts=call.args, ctx=ast.Load())]
        elif shape == "splat" and to_numpy:
            size = call.pop("size")
            if size is None and len(call.args) == 1 and not _is_int_literal(call.args[0]):
                size = call.args.pop()
            if isinstance(size, (ast.Tuple, ast.List)):
                call.args = list(size.elts)
            elif size is not None:
                call.args = [ast.Starred(value=size, ctx=ast.Load())]
        elif shape == "splat" and not call.args and call.get("size") is None:
            call.args = [ast.Tuple(elts=[], ctx=ast.Load())]  # np.random.rand() is one number

    def default_dtype(self, entry: Entry, call: CallParts):
        """Keep the source library's default float dtype; a cast (for ``"cast"``) or None."""
        kind = entry.rule.dtype
        explicit = call.get("dtype")
        if kind == "cast" and self.direction.to_numpy and explicit is not None:
            return call.pop("dtype")
        if kind is None or explicit is not None:
            return None
        if kind == "literal" and not _has_float_literal(call.args + [k.value for k in call.keywords]):
            return None
        if self.direction.to_numpy:
            self.fire("translate.float32_default")
            dtype = fill("np.float32")
            if kind == "cast":
                return dtype
        else:
            self.fire("translate.float64_default")
            dtype = fill("torch.float64")
        call.set("dtype", dtype)
        return None

    @staticmethod
    def cast(result: ast.expr, dtype: ast.expr, sized: bool) -> ast.expr:
        """``result.astype(dtype)``; without a size the result may be a Python float."""
        if sized:
            return fill("result.astype(dtype)", result=result, dtype=dtype)
        return fill("np.asarray(result, dtype=dtype)", result=result, dtype=dtype)

    def build(self, target: Form, call: CallParts) -> ast.expr:
        fixed_args = [clone(a) for a in target.fixed_args]
        keywords = call.keywords + [clone(k) for k in target.fixed_keywords]
        if target.kind == "self":
            return call.data
        if target.kind in ("function", "builtin"):
            receiver = [call.receiver] if call.receiver is not None else []
            return ast.Call(func=clone(target.template), args=receiver + call.args + fixed_args,
                            keywords=keywords)
        if target.kind in ("name", "literal"):
            return clone(target.template)
        receiver = call.receiver if call.receiver is not None else call.args.pop(0)
        attribute = ast.Attribute(value=receiver, attr=target.name, ctx=ast.Load())
        if target.kind == "method":
            return ast.Call(func=attribute, args=call.args + fixed_args, keywords=keywords)
        if call.args or call.keywords:
            raise self.no_counterpart(target.text)
        return attribute

    # -- torch.distributions: a distribution object sampled at once

    def distribution_sample(self, node: ast.Call):
        """``Multinomial(n, p).sample(shape)``: one NumPy call draws it (torch → NumPy only)."""
        func = node.func
        if not (self.direction.to_numpy and isinstance(func, ast.Attribute) and func.attr == "sample"
                and isinstance(func.value, ast.Call)):
            return None
        name = self.qualified(func.value.func)
        entry = self.lookup("function", name) if name else None
        if entry is None or entry.rule.transform not in DISTRIBUTIONS:
            return None
        constructor = func.value
        self.translate_arguments(constructor)
        self.translate_arguments(node)
        call = CallParts(None, list(constructor.args), list(constructor.keywords))
        self.rename_keywords(entry, call)
        shape = node.args[0] if node.args else next(
            (kw.value for kw in node.keywords if kw.arg == "sample_shape"), None)
        result = DISTRIBUTIONS[entry.rule.transform](self, entry, call, shape)
        self.changed = True
        self.fire(entry.rule.note, **self.note_fields(entry))
        return locate(result, node)


# ----------------------------------------------------------------------------- transforms
# Each takes (translator, entry, call, node); it may change ``call`` and return None (the
# generic build follows), return the finished node, or return DECLINED.


def ddof(tr: StatementTranslator, entry, call: CallParts, node):
    """torch divides by n - 1 (``correction=1``), NumPy by n (``ddof=0``): say it explicitly."""
    if tr.direction.to_numpy:
        unbiased, correction = call.pop("unbiased"), call.pop("correction")
        if correction is not None:
            call.set("ddof", correction)
        elif isinstance(unbiased, ast.Constant):
            call.set("ddof", ast.Constant(int(bool(unbiased.value))))
        elif unbiased is not None:
            call.set("ddof", fill("int(unbiased)", unbiased=unbiased))
        else:
            call.set("ddof", ast.Constant(1))
    else:
        call.set("correction", call.pop("ddof") or ast.Constant(0))


def max_dim(tr: StatementTranslator, entry, call: CallParts, node):
    """``max(x, dim)`` gives (values, indices); ``max(x, y)`` is the elementwise maximum."""
    name = entry.source.name.rpartition(".")[2]
    data, rest = call.data, call.rest
    if rest and not _is_int_literal(rest[0]):
        if len(rest) > 1:
            raise tr.no_counterpart(entry.source.display)
        tr.fire("translate.max_pair", name=name)
        return ast.Call(func=fill(f"np.{name}imum"), args=[data, rest[0]], keywords=call.keywords)
    axis = call.argument("axis", 0)
    if axis is None:
        return None
    call.argument("keepdims", 1)
    call.clear_rest()
    values = ast.Call(func=ast.Attribute(value=data, attr=name, ctx=ast.Load()), args=[],
                      keywords=call.keywords)
    indices = ast.Call(func=ast.Attribute(value=clone(data), attr="arg" + name, ctx=ast.Load()),
                       args=[], keywords=clone(call.keywords))
    pair = ast.Tuple(elts=[values, indices], ctx=ast.Load())
    pair.d2l_fields = ("values", "indices")
    return pair


def maximum(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.maximum`` needs two tensors; ``np.maximum(x, 0)`` (a number) is a clamp in torch."""
    if tr.direction.to_numpy or len(call.args) != 2 or call.keywords:
        return None
    numbers = [_is_number(arg) for arg in call.args]
    if not any(numbers) or all(numbers):
        return None
    bound, tensor = call.args if numbers[0] else call.args[::-1]
    tr.fire("translate.maximum_number", name=entry.source.name.removeprefix("np."))
    side = "min" if entry.source.name == "np.maximum" else "max"
    return ast.Call(func=fill("torch.clamp"), args=[tensor], keywords=[ast.keyword(arg=side, value=bound)])


def cumsum(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``cumsum`` without an axis runs over the flattened array; torch needs ``dim``."""
    if tr.direction.to_numpy or call.rest or call.get("dim") is not None:
        return None
    call.data = fill("data.flatten()", data=call.data)
    call.set("dim", ast.Constant(0))


def norm(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.norm(x, p)`` without ``dim`` measures the whole tensor as one vector."""
    order, axis = call.argument("ord", 0), call.argument("axis", 1)
    call.argument("keepdims", 2)
    call.clear_rest()
    if axis is None and isinstance(order, ast.Constant) and order.value == "fro":
        call.pop("ord")
    elif axis is None and order is not None:
        call.data = fill("data.ravel()", data=call.data)


def vector_norm(tr: StatementTranslator, entry, call: CallParts, node):
    """``vector_norm`` without ``dim`` flattens, whatever the tensor's rank."""
    call.argument("ord", 0)
    axis = call.argument("axis", 1)
    call.argument("keepdims", 2)
    call.clear_rest()
    if axis is None:
        call.data = fill("data.ravel()", data=call.data)


def flatten(tr: StatementTranslator, entry, call: CallParts, node):
    """torch's ``flatten(start_dim)`` keeps the leading axes; NumPy's flattens everything."""
    if not tr.direction.to_numpy:
        return None
    start, end = call.argument("start_dim", 0), call.argument("end_dim", 1)
    call.pop("start_dim"), call.pop("end_dim")
    call.clear_rest()
    if end is not None and not (_is_int_literal(end) and ast.literal_eval(end) == -1):
        raise tr.no_counterpart(entry.source.display + " end_dim")
    if start is None or (_is_int_literal(start) and ast.literal_eval(start) == 0):
        return None
    return fill("data.reshape(data.shape[:start] + (-1,))", data=call.data, start=start)


def permute(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``transpose()`` with no axes reverses them all; torch's ``permute`` needs them."""
    if tr.direction.to_numpy or call.rest or call.get("dims") is not None:
        return None
    call.args.append(fill("tuple(range(data.ndim - 1, -1, -1))", data=call.data))


def flip(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.flip`` needs its axes as a tuple, all of them for NumPy's ``np.flip(x)``."""
    if tr.direction.to_numpy:
        return None
    dims = call.argument("dims", 0)
    call.clear_rest()
    if dims is None:
        call.set("dims", fill("tuple(range(data.ndim))", data=call.data))
    elif _is_int_literal(dims):
        call.set("dims", ast.Tuple(elts=[dims], ctx=ast.Load()))


def size(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.size()`` is the shape; ``x.size(d)`` one entry of it."""
    index = call.argument("dim", 0)
    shape = ast.Attribute(value=call.data, attr="shape", ctx=ast.Load())
    if index is None:
        return shape
    return ast.Subscript(value=shape, slice=index, ctx=ast.Load())


def to(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.to(dtype)``/``x.type(dtype)`` cast; a device (``x.to("cpu")``, ``device=``) is dropped.
    Anything else (``x.to(device)``, ``x.to(other)``) could be a dtype, a device or a tensor:
    which one is known only when the code runs, so it is not guessed."""
    if not tr.direction.to_numpy:
        return None
    dtype, devices = call.pop("dtype"), 0
    for arg in call.rest:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and entry.source.name == "to":
            devices += 1
        elif dtype is None and _is_dtype(arg):
            dtype = arg
        else:
            raise NoCounterpart(Note.of("translate.to_unknown", api=ast.unparse(node),
                                        target=LIBRARY_LABELS[tr.direction.target_lib]))
    if call.keywords or (dtype is None and entry.source.name == "type"):
        raise tr.no_counterpart(entry.source.display)
    if devices:
        tr.fire("translate.device_dropped", keyword="device")
    if dtype is None:
        return call.data
    call.args = [dtype]


def _is_dtype(node) -> bool:
    """A NumPy dtype (``torch.float64`` is translated before its call) or another value's ``.dtype``."""
    return (isinstance(node, ast.Attribute) and node.attr == "dtype") or \
        _dotted(node) in {f"np.{name}" for name in DTYPES}


def argsort(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``argsort`` has no ``descending=``: the ascending order, flipped along the axis.
    torch's has no ``kind=`` (only ``stable=``) and no ``dim=None`` (flatten first)."""
    if not tr.direction.to_numpy:
        return _argsort_to_torch(tr, entry, call)
    descending, stable = call.pop("descending"), call.pop("stable")
    for flag in (descending, stable):
        if flag is not None and not (isinstance(flag, ast.Constant) and flag.value in (True, False)):
            raise tr.no_counterpart(f"{entry.source.display}({ast.unparse(flag)})")
    descending = descending is not None and descending.value
    if stable is not None and stable.value:
        if descending:
            raise tr.no_counterpart(f"{entry.source.display}(descending=True, stable=True)")
        call.set("kind", ast.Constant("stable"))
    if not descending:
        return None
    tr.fire("translate.argsort_descending")
    axis = call.get("axis") or ast.Constant(-1)
    return fill("np.flip(order, axis=axis)", order=tr.build(entry.target, call), axis=axis)


def _argsort_to_torch(tr: StatementTranslator, entry, call: CallParts):
    dim, kind = call.argument("dim", 0), call.argument("kind", 1)
    if call.argument("order", 2) is not None:
        raise tr.no_counterpart(f"{entry.source.display}(order=...)")
    call.clear_rest()
    call.pop("kind")
    if kind is not None and not (isinstance(kind, ast.Constant) and kind.value is None):
        if not (isinstance(kind, ast.Constant) and isinstance(kind.value, str)):
            raise tr.no_counterpart(f"{entry.source.display}(kind={ast.unparse(kind)})")
        tr.fire("translate.argsort_kind")
        if kind.value in ("stable", "mergesort"):
            call.set("stable", ast.Constant(True))
    if isinstance(dim, ast.Constant) and dim.value is None:
        tr.fire("translate.argsort_flat")
        call.pop("dim")
        call.data = fill("data.flatten()", data=call.data)


def randint(tr: StatementTranslator, entry, call: CallParts, node):
    """The size is torch's last positional argument; NumPy reads it as a keyword."""
    if tr.direction.to_numpy:
        if call.get("size") is None and len(call.args) >= 2:
            call.set("size", call.args.pop())
        return None
    if call.get("size") is None and len(call.args) >= 3:
        call.set("size", call.args.pop(2))
    size_arg = call.pop("size")
    if size_arg is None:
        size_arg = ast.Tuple(elts=[], ctx=ast.Load())
    elif not isinstance(size_arg, (ast.Tuple, ast.List)):
        size_arg = ast.Tuple(elts=[size_arg], ctx=ast.Load())
    call.set("size", size_arg)


def normal(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.random.normal(0, 1)`` draws one number; ``torch.normal`` of numbers needs a size."""
    if tr.direction.to_numpy or len(call.args) > 2 or call.get("size") is not None:
        return None
    if all(_is_number(arg) for arg in call.args) and all(_is_number(kw.value) for kw in call.keywords
                                                        if kw.arg in ("mean", "std")):
        call.set("size", ast.Tuple(elts=[], ctx=ast.Load()))


def scalar_builtin(tr: StatementTranslator, entry, call: CallParts, node):
    """``float(t)``/``int(t)`` of a one-element tensor: NumPy 2 wants ``t.item()`` first."""
    if len(call.args) != 1 or call.keywords or isinstance(call.args[0], ast.Constant):
        return DECLINED
    call.args = [fill("value.item()", value=call.args[0])]


def fill_in_place(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.zero_()``/``x.fill_(v)`` as a statement: ``x[...] = v``."""
    if not tr.direction.to_numpy:
        return None
    if node is not tr.expression_value:
        raise NoCounterpart(Note.of("translate.inplace_nested", api=entry.source.display,
                                    target=LIBRARY_LABELS[tr.direction.target_lib]))
    value = call.rest[0] if call.rest else clone(entry.target.fixed_args[0])
    tr.pending_fill = (call.data, value)
    return node


def inplace(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.add_(y)`` is ``np.add(x, y, out=x)``: the same array changes, and is the result.
    ``x`` is written twice, so it must be a plain name, attribute or item, not a computation."""
    if not isinstance(call.data, (ast.Name, ast.Attribute, ast.Subscript)):
        raise NoCounterpart(Note.of("translate.inplace_nested", api=entry.source.display,
                                    target=LIBRARY_LABELS[tr.direction.target_lib]))
    call.set("out", clone(call.data))


def multinomial(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy draws multinomial counts with one function; torch builds a distribution first."""
    if tr.direction.to_numpy:  # a Multinomial object not sampled at once
        raise tr.no_counterpart(entry.source.name)
    count, probs = call.argument("n", 0, False), call.argument("pvals", 1, False)
    size_arg = call.argument("size", 2, False)
    if size_arg is None:
        shape = ast.Tuple(elts=[], ctx=ast.Load())
    elif isinstance(size_arg, (ast.Tuple, ast.List)):
        shape = size_arg
    else:
        shape = ast.Tuple(elts=[size_arg], ctx=ast.Load())
    return fill("torch.distributions.Multinomial(count, torch.as_tensor(probs))"
                ".sample(shape).to(torch.int64)", count=count, probs=probs, shape=shape)


def sample_multinomial(tr: StatementTranslator, entry, call: CallParts, shape):
    """``Multinomial(n, p).sample(shape)`` → ``np.random.multinomial(n, p, size=shape)``, float32."""
    if any(kw.arg not in ("n", "pvals") for kw in call.keywords):
        raise tr.no_counterpart(entry.source.name)
    if shape is not None:
        call.set("size", shape)
    return tr.cast(tr.build(entry.target, call), fill("np.float32"), sized=True)


def sample_normal(tr: StatementTranslator, entry, call: CallParts, shape):
    """``Normal(loc, scale).sample(shape)``: the draw has shape ``shape`` + the parameters' shape."""
    loc, scale = call.argument("loc", 0, False), call.argument("scale", 1, False)
    if loc is None or scale is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.name)
    call.args = []
    plain_numbers = _is_number(loc) and _is_number(scale)
    if shape is not None:
        call.set("size", shape if plain_numbers else fill(
            "tuple(shape) + np.broadcast(loc, scale).shape", shape=shape, loc=loc, scale=scale))
    return tr.cast(tr.build(entry.target, call), fill("np.float32"),
                   sized=shape is not None or not plain_numbers)


def untranslatable(tr: StatementTranslator, entry, call: CallParts, node):
    """A method both libraries have under one name with different meanings (``x.sort()`` sorts in
    place in NumPy, returns values and indices in torch): guessing would be silently wrong."""
    raise NoCounterpart(Note.of(entry.rule.note, api=entry.source.display,
                                target=LIBRARY_LABELS[tr.direction.target_lib]))


def normal_distribution(tr: StatementTranslator, entry, call: CallParts, node):
    """A Normal object not sampled at once has no NumPy counterpart."""
    raise tr.no_counterpart(entry.source.name)


TRANSFORMS = {
    "ddof": ddof, "max_dim": max_dim, "maximum": maximum, "cumsum": cumsum, "norm": norm, "vector_norm": vector_norm,
    "argsort": argsort, "flatten": flatten, "flip": flip, "permute": permute, "size": size, "to": to, "randint": randint, "normal": normal,
    "scalar_builtin": scalar_builtin, "fill": fill_in_place, "inplace": inplace,
    "multinomial": multinomial, "normal_distribution": normal_distribution,
    "untranslatable": untranslatable,
}
DISTRIBUTIONS = {"multinomial": sample_multinomial, "normal_distribution": sample_normal}


# ----------------------------------------------------------------------------- entry point


def translate(source: str, to: str = "numpy") -> Translation:
    """Translate torch ``source`` to NumPy (``to="numpy"``) or NumPy ``source`` to torch.

    A syntax error is Python's own; any source that parses gives a Translation. A learner re-runs
    cells often, so translations are kept per source, direction and language (they are not
    changed by anyone who reads them).
    """
    return _translate(source, to, get_language())


@functools.lru_cache(maxsize=256)
def _translate(source: str, to: str, language: str) -> Translation:
    """The translation itself; ``language`` is part of the key because the notes are written in it."""
    lookup = direction(to)
    tree = ast.parse(source)
    translator = StatementTranslator(lookup)
    statements, notes = [], {}
    for node, text in zip(tree.body, statement_sources(source, tree)):
        try:
            new = translator.translate_statement(node)
        except NoCounterpart as missing:
            translator.pending_fill = None
            statement = TranslatedStatement(text, node.lineno, None, [], missing.reason)
        else:
            code = ast.unparse(new) if translator.changed else text
            statement = TranslatedStatement(text, node.lineno, code, list(translator.notes), node=new)
        statements.append(statement)
        for note in statement.notes + ([statement.reason] if statement.reason else []):
            notes.setdefault(note, None)
    return Translation(source, "\n".join(_code_of(s) for s in statements), list(notes), statements,
                       lookup.source_lib, lookup.target_lib)


def _code_of(statement: TranslatedStatement) -> str:
    if statement.code is not None:
        return statement.code
    commented = [f"# {line}" for line in statement.source.splitlines()]
    return "\n".join(commented + [f"#   ({statement.reason.text})"])
