"""The walker: an ``ast.NodeTransformer`` that rewrites one statement at a time with one direction's
lookup, applies each matched rule (keywords, shapes, default dtypes, its registered transform) and
collects the notes that fired."""
from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Sequence
from typing import Any, cast

from ..cell import dotted
from ..messages import Note
from ..messages.translate import MESSAGES
from . import transforms  # noqa: F401  (registers every transform)
from .forms import LIBRARY_LABELS, Direction, Entry, Form
from .nodes import (
    CallParts,
    NoCounterpart,
    UnreadableCall,
    clone,
    fill,
    has_float_literal,
    is_int_literal,
    is_number,
    is_numbers,
    locate,
    strip_locations,
)
from .registry import DECLINED, SAMPLERS, TRANSFORMS
from .rules import ALIASES, DROPPED_KEYWORDS, IMPORTS, MODULES, WRITTEN_OUT_MODULES

RENAME_NOTES = {("dim", "axis"): "translate.dim_axis", ("keepdim", "keepdims"): "translate.keepdim"}
# NumPy keywords torch takes nowhere, with the value that changes nothing (dropped); others refused
NUMPY_ONLY_KEYWORDS = {"order": "C", "where": True, "initial": None, "casting": None, "subok": None, "like": None}

_VISITORS: dict[type, Callable[[StatementTranslator, ast.AST], Any]] = {}
#: Rule notes that quote the learner's own call (``{code}``).
QUOTES_CODE = frozenset(msg_id for msg_id, texts in MESSAGES.items() if "{code}" in texts["en"])
#: Nodes no rule rewrites (a bare name is a rule only as part of an attribute or call).
_LEAVES = frozenset({ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, *(
    cls for cls in vars(ast).values()
    if isinstance(cls, type) and issubclass(cls, (ast.operator, ast.cmpop, ast.unaryop, ast.boolop)))})


@functools.cache
def _import_statement(text: str) -> ast.stmt:
    return strip_locations(ast.parse(text).body[0])


class StatementTranslator(ast.NodeTransformer):
    """Rewrites statements of one source with one direction's lookup; collects the notes fired."""

    def __init__(self, direction: Direction, source_lines: Sequence[str] = ()):
        self.direction = direction
        self.source_lines = source_lines
        self.modules = {"torch": "torch"} if direction.to_numpy else {"np": "np", "numpy": "np"}
        # other modules: ``np.exp(x)`` in a torch cell is not the tensor method ``exp`` of ``np``
        self.other_modules = {"np", "numpy", "torch", "math"} - set(self.modules)
        self.notes: dict[Note, None] = {}  # an ordered set
        self.said: dict[tuple, Note] = {}
        self.changed = False
        self.expression_value: ast.expr | None = None  # the value of the statement being walked
        self.pending_fill: tuple[ast.expr, ast.expr] | None = None  # (target, value) of an in-place fill
        self.number_lists: dict[str, bool] = {}  # names bound to a list of numbers: holds a float?
        self.entry_names: dict[int, tuple[str, str, str]] = {}  # note_fields' names, per entry

    # -- notes and names

    def fire(self, msg_id: str, **fields) -> None:
        key = (msg_id, *fields.items())
        note = self.said.get(key)
        if note is None:
            note = self.said[key] = Note.of(msg_id, target=LIBRARY_LABELS[self.direction.target_lib],
                                            **fields)
        self.notes.setdefault(note, None)

    def refuse(self, msg_id: str, api: str) -> NoCounterpart:
        """The exception that leaves this statement untranslated, with the reason ``msg_id``."""
        return NoCounterpart(Note.of(msg_id, api=api, target=LIBRARY_LABELS[self.direction.target_lib]))

    def no_counterpart(self, api: str) -> NoCounterpart:
        return self.refuse("translate.no_counterpart", api)

    def qualified(self, node) -> str | None:
        """``torch.linalg.norm`` for a chain rooted at a source-library name, else None."""
        chain = dotted(node)
        if chain is None:
            return None
        root, _, rest = chain.partition(".")
        if root not in self.modules:
            return None
        name = self.modules[root] + ("." + rest if rest else "")
        return ALIASES.get(name, name)

    def in_other_module(self, node: ast.Attribute) -> bool:
        """``math.exp``, ``np.sum`` in a torch cell: a module's function, not a tensor method."""
        chain = dotted(node.value)
        return chain is not None and chain.partition(".")[0] in self.other_modules

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
                    if isinstance(item, ast.AST) and item.__class__ not in _LEAVES:
                        value[index] = self.visit(item)
            elif isinstance(value, ast.AST) and value.__class__ not in _LEAVES:
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
            module = stmt.module or ""  # None only for ``from . import x``
            if module.split(".")[0] != source_module:
                self.other_modules.update(alias.asname or alias.name for alias in stmt.names)
                return stmt
            for alias in stmt.names:
                self.modules[alias.asname or alias.name] = f"{MODULES[source_module]}." + \
                    ".".join([*module.split(".")[1:], alias.name])
            if len(stmt.names) == 1 and f"{module}.{stmt.names[0].name}" in WRITTEN_OUT_MODULES:
                return self.written_out_import(stmt, f"{module}.{stmt.names[0].name}")
            raise self.refuse("translate.import_dropped", module)
        if not any(alias.name.split(".")[0] == source_module for alias in stmt.names):
            self.other_modules.update((a.asname or a.name).split(".")[0] for a in stmt.names)
            return stmt
        if len(stmt.names) == 1 and stmt.names[0].name in WRITTEN_OUT_MODULES:
            alias = stmt.names[0]
            if alias.asname is not None:  # without one, the functions are reached through ``torch``
                self.modules[alias.asname] = alias.name
            return self.written_out_import(stmt, alias.name)
        if len(stmt.names) > 1 or stmt.names[0].name != source_module \
                or stmt.names[0].asname not in (None, MODULES[source_module]):
            raise self.no_counterpart(ast.unparse(stmt))
        return self.import_target_library(stmt, "translate.import", source=IMPORTS[source_module],
                                          translation=IMPORTS[self.direction.target_lib])

    def written_out_import(self, stmt, module: str):
        """``import torch.nn.functional as F``: its functions become NumPy expressions, which
        need NumPy only."""
        return self.import_target_library(stmt, "translate.written_out_import", module=module,
                                          translation=IMPORTS[self.direction.target_lib])

    def import_target_library(self, stmt, msg_id: str, **fields):
        self.changed = True
        self.fire(msg_id, **fields)
        return locate(clone(_import_statement(IMPORTS[self.direction.target_lib])), stmt)

    def visit_Expr(self, node):
        self.expression_value = node.value
        node.value = self.visit(node.value)
        if self.pending_fill is None:
            return node
        target, value = self.pending_fill
        self.pending_fill = None
        subscript = ast.Subscript(value=target, slice=ast.Constant(Ellipsis), ctx=ast.Store())
        return locate(ast.Assign(targets=[subscript], value=value), node)

    def visit_Assign(self, node):
        """Remember names bound to lists of numbers (``I = [1, 3, 9]``): NumPy takes them as
        arrays, torch needs them made into tensors."""
        node = self.generic_visit(node)
        for target in node.targets:
            if isinstance(target, ast.Name):
                if isinstance(node.value, ast.List) and is_numbers(node.value):
                    self.number_lists[target.id] = has_float_literal([node.value])
                else:
                    self.number_lists.pop(target.id, None)
        return node

    # -- expressions

    def translate_arguments(self, node: ast.Call) -> None:
        node.args = [arg if arg.__class__ in _LEAVES else self.visit(arg) for arg in node.args]
        for keyword in node.keywords:
            if keyword.value.__class__ not in _LEAVES:
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
            entry = self.lookup("method", func.attr) if not self.in_other_module(func) else None
            func.value = self.visit(func.value)
            self.translate_arguments(node)
            if entry is None:
                return node
            return self.apply(entry, node, CallParts(func.value, list(node.args), list(node.keywords)))
        if isinstance(func, ast.Name):
            entry = self.lookup("builtin", func.id)
            self.translate_arguments(node)
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
        if node.attr in fields:   # a tuple, or a lambda's call that gives it (see values_and_indices)
            index = fields.index(node.attr)
            return node.value.elts[index] if isinstance(node.value, ast.Tuple) else \
                ast.Subscript(value=node.value, slice=ast.Constant(index), ctx=ast.Load())
        entry = self.lookup("attribute", node.attr) if not self.in_other_module(node) else None
        if entry is None:
            return node
        return self.apply(entry, node, CallParts(node.value, [], []))

    def visit_Subscript(self, node):
        """torch has no negative steps: ``Z[::-1]``, ``B[:, ::-2]`` flip first (NumPy → torch)."""
        node = self.generic_visit(node)
        if self.direction.to_numpy:
            return node
        tuple_index = isinstance(node.slice, ast.Tuple)
        elements = list(node.slice.elts) if tuple_index else [node.slice]
        flipped = [i for i, e in enumerate(elements) if isinstance(e, ast.Slice) and e.step is not None
                   and is_int_literal(e.step) and ast.literal_eval(e.step) < 0]
        if not flipped:
            return node
        api = ast.unparse(node)
        if not isinstance(node.ctx, ast.Load) or any(elements[i].lower or elements[i].upper for i in flipped) \
                or any(isinstance(e, ast.Starred) or (isinstance(e, ast.Constant) and e.value in (None, Ellipsis))
                       for e in elements):
            raise self.refuse("translate.negative_step_refused", api)
        for i in flipped:
            step = -ast.literal_eval(elements[i].step)
            elements[i] = ast.Slice(step=ast.Constant(step) if step != 1 else None)
        dims = ast.Tuple(elts=[ast.Constant(i) for i in flipped], ctx=ast.Load())
        result = fill("torch.flip(data, dims)", data=node.value, dims=dims)
        if not all(isinstance(e, ast.Slice) and e.lower is e.upper is e.step is None for e in elements):
            index = ast.Tuple(elts=elements, ctx=ast.Load()) if tuple_index else elements[0]
            result = ast.Subscript(value=result, slice=index, ctx=ast.Load())
        self.changed = True
        self.fire("translate.negative_step", code=api, translation=ast.unparse(result))
        return locate(result, node)

    def reference(self, entry: Entry, node):
        """A library function named without calling it (``help(torch.ones)``)."""
        target = entry.target
        if target is None or target.kind != "function" or target.fixed_args or entry.rule.transform:
            raise self.no_counterpart(entry.source.name)
        self.changed = True
        self.fire(entry.rule.note, **self.note_fields(entry))
        return locate(clone(target.template), node)

    # -- applying a rule

    def learners_text(self, node) -> str:
        """The learner's own text of ``node`` (its location is theirs even after its parts were
        translated), read from the source only when a note quotes it."""
        if not hasattr(node, "end_col_offset") or node.lineno is None:
            return ast.unparse(node)
        lines = self.source_lines[node.lineno - 1:node.end_lineno]
        if len(lines) == 1:
            return lines[0].encode()[node.col_offset:node.end_col_offset].decode()
        first, *middle, last = lines
        return "\n".join([first.encode()[node.col_offset:].decode(), *middle,
                          last.encode()[:node.end_col_offset].decode()])

    def note_fields(self, entry: Entry, node=None) -> dict:
        names = self.entry_names.get(id(entry))  # the lookup keeps every entry alive
        if names is None:
            torch_form, numpy_form = (entry.source, entry.target) if self.direction.to_numpy \
                else (entry.target, entry.source)
            assert torch_form is not None  # a rule without a torch side is never read from NumPy
            names = self.entry_names[id(entry)] = (
                torch_form.display, numpy_form.display if numpy_form else "",
                torch_form.name.rpartition(".")[2])
        code = self.learners_text(node) if node is not None and entry.rule.note in QUOTES_CODE else ""
        return {"torch": names[0], "numpy": names[1], "name": names[2], "code": code}

    def apply(self, entry: Entry, node, call: CallParts):
        if entry.target is None:
            raise self.refuse(entry.rule.note, entry.source.display)
        try:
            return self.apply_rule(entry, entry.target, node, call)
        except (IndexError, UnreadableCall):  # e.g. ``torch.max()``, ``torch.sum(x, *dims)``
            raise self.no_counterpart(entry.source.display) from None

    def apply_rule(self, entry: Entry, target: Form, node, call: CallParts):
        rule = entry.rule
        if self.direction.to_numpy:
            self.drop_keywords(call)
            self.name_positionals(entry.rule.positional, call)
        else:
            self.name_positionals(entry.rule.numpy_positional, call)
            self.refuse_numpy_only_dtypes(entry, call)
            self.numpy_only_keywords(entry, call)
            if rule.tensors:
                self.lists_to_tensors(call)
        self.rename_keywords(entry, call)
        if self.direction.to_numpy and "dim" in rule.args:
            self.tuple_axes(call)
        self.shape_arguments(entry, call, node)
        cast = self.default_dtype(entry, call)
        result = None
        if rule.transform:
            result = TRANSFORMS[rule.transform](self, entry, call, node)
            if result is DECLINED:
                return node
        if result is None:
            result = self.build(target, call)
        if cast is not None:
            result = self.cast(result, cast, sized=bool(call.args) or call.get("size") is not None)
        self.changed = True
        self.fire(rule.note, **self.note_fields(entry, node))
        return locate(result, node)

    def drop_keywords(self, call: CallParts) -> None:
        for keyword in list(call.keywords):
            if keyword.arg in DROPPED_KEYWORDS:
                call.pop(keyword.arg)
                self.fire(DROPPED_KEYWORDS[keyword.arg], keyword=keyword.arg)

    @staticmethod
    def name_positionals(names: tuple[str, ...], call: CallParts) -> None:
        """Positional parameters that the other library orders differently (or takes only by
        keyword) become keywords."""
        if not names or not call.rest:
            return
        for index, name in enumerate(names[:len(call.rest)]):
            call.argument(name, index)
        call.clear_rest()

    def refuse_numpy_only_dtypes(self, entry: Entry, call: CallParts) -> None:
        """Structured (``[('x', float)]``), string, datetime and object dtypes have no tensor."""
        dtype = call.get("dtype")
        if dtype is None and entry.source.name == "astype" and call.rest:
            dtype = call.rest[0]
        if isinstance(dtype, (ast.List, ast.Tuple, ast.Dict)) or (
                isinstance(dtype, ast.Constant) and isinstance(dtype.value, str)) or (
                isinstance(dtype, ast.Name) and dtype.id in ("str", "object", "bytes")):
            raise self.refuse("translate.structured", f"{entry.source.display}(dtype={ast.unparse(dtype)})")

    def numpy_only_keywords(self, entry: Entry, call: CallParts) -> None:
        """``reshape(order='F')``, ``sum(where=...)``, ``sum(initial=...)``: torch has no such
        keyword, so the statement is not translated; ``order='C'``, ``where=True`` are dropped."""
        for keyword in list(call.keywords):
            if keyword.arg not in NUMPY_ONLY_KEYWORDS:
                continue
            harmless = NUMPY_ONLY_KEYWORDS[keyword.arg]
            if harmless is not None and isinstance(keyword.value, ast.Constant) and keyword.value.value == harmless:
                call.pop(keyword.arg)
            else:
                raise self.no_counterpart(f"{entry.source.display.removesuffix('()')}({keyword.arg}=...)")

    def lists_to_tensors(self, call: CallParts) -> None:
        """``np.maximum([1, -2, 3], 0)``, ``np.round(2.675, 2)``: NumPy takes a list, or a number as
        the only array, where torch wants a tensor of it."""
        only = len(call.args) == 1
        for index, arg in enumerate(call.args):
            if only or not is_number(arg):
                call.args[index] = self.tensor_of_literal(arg)

    def tensor_of_literal(self, node: ast.expr) -> ast.expr:
        """``torch.tensor(node)`` for a list of numbers (or a name bound to one) or a number, with
        NumPy's float64 where it holds a float; any other node as it is."""
        if not ((isinstance(node, ast.List) and is_numbers(node)) or is_number(node)
                or (isinstance(node, ast.Name) and node.id in self.number_lists)):
            return node
        tensor = cast(ast.Call, fill("torch.tensor(data)", data=node))
        if (isinstance(node, ast.Name) and self.number_lists.get(node.id)) or has_float_literal([node]):
            tensor.keywords.append(ast.keyword(arg="dtype", value=fill("torch.float64")))
        self.fire("translate.list_to_tensor", code=ast.unparse(node))
        return tensor

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
                self.fire("translate.axis_list", code=ast.unparse(node))
                return ast.Tuple(elts=node.elts, ctx=ast.Load())
            return node
        for keyword in call.keywords:
            if keyword.arg in ("axis", "dim"):
                keyword.value = as_tuple(keyword.value)
        start = 0 if call.receiver is not None else 1
        call.args[start:] = [as_tuple(arg) for arg in call.args[start:]]

    def shape_arguments(self, entry: Entry, call: CallParts, node) -> None:
        """Sizes one by one (``torch.ones(4, 3)``, ``np.random.randn(3, 4)``) or as one tuple."""
        shape, to_numpy = entry.rule.shape, self.direction.to_numpy
        if shape == "varargs" and to_numpy and (
                len(call.args) > 1 or any(isinstance(a, ast.Starred) for a in call.args)):
            self.fire("translate.varargs_shape", code=self.learners_text(node),
                      sizes=", ".join(ast.unparse(arg) for arg in call.args))
            call.args = [ast.Tuple(elts=call.args, ctx=ast.Load())]
        elif shape == "splat" and to_numpy:
            size = call.pop("size")
            if size is None and len(call.args) == 1 and not is_int_literal(call.args[0]):
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
        if kind == "literal" and not has_float_literal(call.args + [k.value for k in call.keywords]):
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
            receivers = [call.receiver] if call.receiver is not None else []
            return ast.Call(func=clone(target.template), args=receivers + call.args + fixed_args,
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
        if entry is None or entry.rule.transform not in SAMPLERS:
            return None
        constructor = func.value
        self.translate_arguments(constructor)
        self.translate_arguments(node)
        call = CallParts(None, list(constructor.args), list(constructor.keywords))
        self.rename_keywords(entry, call)
        shape = node.args[0] if node.args else next(
            (kw.value for kw in node.keywords if kw.arg == "sample_shape"), None)
        result = SAMPLERS[entry.rule.transform](self, entry, call, shape)
        self.changed = True
        self.fire(entry.rule.note, **self.note_fields(entry))
        return locate(result, node)

