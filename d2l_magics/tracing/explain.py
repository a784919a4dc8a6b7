"""Stage 3: turn what a site's source says and what its samples recorded into events with notes.

Runs once, when the report is built, never in the loop. Kinds come from the operation's name
(tables below) and the shapes; every sentence comes from the message catalogue. Why an operation
failed is ``failures``'s part.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..messages import say

if TYPE_CHECKING:
    from collections.abc import Callable
from ..values import format_shape
from .record import OVERFLOW, Overflow, ShapeOf

# Position of the axis among the non-array positional arguments (norm takes ``ord``/``p`` first).
REDUCTIONS = {name: 0 for name in ("sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin",
                                     "std", "var", "all", "any", "median", "nansum", "nanmean", "nanmax",
                                     "nanmin", "logsumexp", "count_nonzero", "ptp", "nanprod")}
REDUCTIONS.update(norm=1, vector_norm=1, matrix_norm=1)
MATMULS = frozenset({"@", "@=", "matmul", "mm", "mv", "dot", "bmm", "inner", "vdot", "outer", "ger"})
TRANSPOSES = frozenset({"T", "mT", "H", "mH", "t", "transpose", "permute", "swapaxes", "swapdims",
                        "moveaxis", "movedim"})
JOINS = frozenset({"cat", "concat", "concatenate", "hstack", "vstack", "dstack", "column_stack", "row_stack"})
STACKS = frozenset({"stack"})
RESHAPES = frozenset({"reshape", "view", "flatten", "ravel", "squeeze", "unsqueeze", "expand_dims", "view_as",
                      "reshape_as", "expand", "expand_as", "broadcast_to", "flip", "atleast_1d", "atleast_2d",
                      "unflatten", "split", "chunk", "unbind"}) | TRANSPOSES | JOINS | STACKS
CREATIONS = frozenset({"tensor", "array", "asarray", "as_tensor", "from_numpy", "numpy", "zeros", "ones", "empty",
                       "full", "eye", "arange", "linspace", "logspace", "rand", "randn", "randint", "normal",
                       "zeros_like", "ones_like", "empty_like", "full_like", "rand_like", "randn_like", "clone",
                       "copy", "detach", "sample", "astype", "float", "double", "int", "long", "half", "bool",
                       "to", "type", "cpu", "cuda", "contiguous", "ascontiguousarray", "Tensor", "FloatTensor"})
CUMULATIVE = frozenset({"cumsum", "cumprod", "cummax", "cummin"})
ELEMENTWISE = frozenset({"exp", "log", "log2", "log10", "log1p", "expm1", "abs", "absolute", "sqrt", "square",
                         "sin", "cos", "tan", "tanh", "sigmoid", "relu", "softmax", "log_softmax", "add",
                         "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "pow", "power",
                         "maximum", "minimum", "where", "clamp", "clip", "neg", "negative", "floor", "ceil",
                         "round", "sign", "isclose", "eq", "ne", "lt", "gt", "le", "ge", "equal", "greater",
                         "less", "logical_and", "logical_or", "logical_not", "zero_", "fill_",
                         "requires_grad_", "fmod", "remainder", "exp2", "reciprocal"}) | CUMULATIVE
AXIS_KEYWORDS = ("axis", "dim")
KEEPDIMS_KEYWORDS = ("keepdims", "keepdim")


@dataclass(frozen=True)
class Signature:
    """One distinct combination of shapes seen at a site, and how often it ran."""

    in_shapes: tuple
    out_shape: tuple | None
    count: int


@dataclass(frozen=True)
class Event:
    """One source site's operation: its shapes, how often it ran, what it did, in words."""

    line: int
    op: str
    kind: str
    in_shapes: tuple
    out_shape: tuple | None
    count: int
    note: str
    labels: tuple = ()           # the learner's text for each operand, aligned with in_shapes
    name: str = ""
    is_view: bool | None = None  # the result shares memory with the first operand
    signatures: tuple = ()       # every kept signature (the first is in_shapes/out_shape)
    more: int = 0                # distinct signatures past those kept
    fix: str = ""
    failed: bool = False

    @property
    def changes_shape(self) -> bool:
        """Shown without ``--all``: an array with a new shape came out, or a broadcast, matmul,
        reduction or reshape happened, or it failed."""
        if self.failed or KINDS[self.kind].changes_shape:
            return True
        if self.out_shape is None:   # print(X), len(X), X.item(): no array comes out
            return False
        return not self.in_shapes or self.out_shape != self.in_shapes[0]


# -- helpers -------------------------------------------------------------------------------------

def _join(parts) -> str:
    return say("trace.join").join(p for p in parts if p)


def _axes_text(axes) -> str:
    return ", ".join(str(a) for a in axes)


def shapes_text(shapes) -> str:
    return ", ".join(format_shape(s) for s in shapes)


def display_name(site, params) -> str:
    return site.short_name if params.get("method") else site.name


def _is_array(value) -> bool:
    return isinstance(value, ShapeOf) and value.type_name is None


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def positional(params):
    """The positional arguments that are not arrays nor a sequence of arrays (``torch.cat``'s
    first), in order: where axes and targets live."""
    return [a for a in params.get("args", ()) if not _is_array(a) and
            not (isinstance(a, (tuple, list)) and any(_is_array(e) for e in a))]


def axis_argument(params, position=0):
    kwargs = params.get("kwargs", {})
    for keyword in AXIS_KEYWORDS:
        if keyword in kwargs:
            return kwargs[keyword]
    values = [a for a in positional(params) if not isinstance(a, ShapeOf)]
    return values[position] if position < len(values) else None


def _normalize_axes(axis, ndim):
    """An int, tuple or list of axes (negative allowed) as sorted positions; None when unreadable."""
    if axis is None:
        return tuple(range(ndim))
    values = axis if isinstance(axis, (tuple, list)) else (axis,)
    if not values or not all(is_int(a) and -ndim <= a < max(ndim, 1) for a in values):
        return None
    return tuple(sorted({a % ndim for a in values})) if ndim else ()


def is_broadcast(in_shapes, out_shape) -> bool:
    """Some operand with at least one axis differs from the result (a 0-d value is not 'stretched')."""
    return out_shape is not None and any(len(s) and tuple(s) != tuple(out_shape) for s in in_shapes)


def broadcast_shape(*shapes):
    """The broadcast result of ``shapes``, or None when they do not broadcast."""
    width = max((len(s) for s in shapes), default=0)
    out = []
    for back in range(width, 0, -1):
        sizes = {s[-back] for s in shapes if len(s) >= back} - {1}
        if len(sizes) > 1:
            return None
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


def classify(site, in_shapes, out_shape) -> str:
    if site.form in ("binop", "aug"):
        if site.name.startswith("@"):
            return "matmul"
        return "broadcast" if is_broadcast(in_shapes, out_shape) else "elementwise"
    if site.form == "unary":
        return "elementwise"
    if site.form in ("getitem", "setitem"):
        return "index"
    if site.form == "attr":
        return "reshape"
    name = site.short_name
    if name in REDUCTIONS and len(in_shapes) == 1:
        return "reduce"
    if name in MATMULS:
        return "matmul"
    if name in RESHAPES:
        return "reshape"
    if name in CREATIONS:
        return "create"
    if name in ELEMENTWISE or name in REDUCTIONS or name.rstrip("_") in ELEMENTWISE:
        return "broadcast" if is_broadcast(in_shapes, out_shape) else "elementwise"
    return "call"   # a function, a model or a method the tables do not know


# -- notes for operations that ran -------------------------------------------------------------

def _memory_note(shares, label):
    if shares is None:
        return ""
    return say("trace.view" if shares else "trace.copy", label=label or "")


def join_axis(params):
    """The axis argument of a join: 0 when not given, None for NumPy's ``axis=None`` (flatten,
    then join)."""
    kwargs = params.get("kwargs", {})
    keyword = next((k for k in AXIS_KEYWORDS if k in kwargs), None)
    if keyword is not None:
        return kwargs[keyword]
    values = positional(params)
    return values[0] if values else 0


# The axis each stacking helper joins along, whatever axis argument the call has.
STACKING_AXES = {"vstack": 0, "row_stack": 0, "column_stack": 1, "dstack": 2}


def joined_axis(name, axis, ndim):
    """The axis the join runs along in operands of ``ndim`` axes (``hstack`` of 1-D ones: axis 0)."""
    if name == "hstack":
        return 1 if ndim > 1 else 0
    return STACKING_AXES.get(name, axis)


def joined_shapes(name, shapes):
    """Each operand's shape as the join sees it (``vstack`` reads a 1-D ``(n,)`` as ``(1, n)``)."""
    if name in ("vstack", "row_stack"):
        return [s if len(s) >= 2 else (1, *s) if s else (1, 1) for s in shapes]
    if name == "column_stack":
        return [(s[0], 1) if len(s) == 1 else s for s in shapes]
    if name == "dstack":
        return [(1, *s, 1) if len(s) == 1 else (*s, 1) if len(s) == 2 else s for s in shapes]
    return list(shapes)


def _reduce_note(site, sample):
    (label, in_shape), = sample.operands
    out = sample.out_shape or ()
    name = display_name(site, sample.params)
    axes = _normalize_axes(axis_argument(sample.params, REDUCTIONS[site.short_name]), len(in_shape))
    if site.short_name == "matrix_norm" and "dim" not in sample.params.get("kwargs", {}):
        axes = _normalize_axes((-2, -1), len(in_shape))
    removed = axes is not None and tuple(n for i, n in enumerate(in_shape) if i not in axes) == tuple(out)
    kept = axes is not None and tuple(1 if i in axes else n for i, n in enumerate(in_shape)) == tuple(out)
    keyword = next((k for k in KEEPDIMS_KEYWORDS if k in sample.params.get("kwargs", {})), "keepdims")
    extra = say("trace.values_indices", out=format_shape(out)) if sample.result_kind == "pair" else ""
    if kept and len(in_shape):
        if len(axes) == len(in_shape):
            return _join([say("trace.reduce_all_kept", name=name, out=format_shape(out), keyword=keyword), extra])
        key = "trace.reduce_kept_unit" if out == in_shape else "trace.reduce_kept"   # every reduced axis was 1 already
        sizes = _axes_text(in_shape[a] for a in axes)
        return _join([say(key, name=name, axes=_axes_text(axes), sizes=sizes, keyword=keyword), extra])
    if removed and out == ():
        return _join([say("trace.reduce_all", name=name), extra])
    if removed:
        sizes = _axes_text(in_shape[a] for a in axes)
        return _join([say("trace.reduce_removed", name=name, axes=_axes_text(axes), sizes=sizes), extra])
    return say("trace.other", name=name, shapes=format_shape(in_shape), out=format_shape(out))


def _broadcast_note(operands, out):
    parts = []
    for label, shape in operands:
        if not shape or tuple(shape) == tuple(out):
            continue
        offset = len(out) - len(shape)
        for axis, size in enumerate(out):
            if axis < offset:
                parts.append(say("trace.broadcast_added", label=label, shape=format_shape(shape), axis=axis, size=size))
            elif shape[axis - offset] == 1 and size != 1:
                parts.append(say("trace.broadcast_stretched", label=label, shape=format_shape(shape),
                                 axis=axis, size=size))
    return say("trace.broadcast", details=_join(parts), out=format_shape(out))


def _matmul_note(site, sample):
    operands, out = sample.operands, sample.out_shape
    if len(operands) != 2:
        return say("trace.other", name=site.name, shapes=shapes_text(s for _, s in operands), out=format_shape(out))
    (a, sa), (b, sb) = operands
    if site.short_name in ("outer", "ger"):
        return say("trace.matmul_outer", a=a, b=b, out=format_shape(out))
    if len(sa) == 1 and len(sb) == 1:
        return say("trace.matmul_dot", a=a, b=b, n=sa[0])
    if not sa or not sb:
        return say("trace.elementwise", out=format_shape(out))
    axis_a, axis_b = len(sa) - 1, 0 if len(sb) == 1 else len(sb) - 2
    note = say("trace.matmul_contracted", a=a, b=b, axis_a=axis_a, axis_b=axis_b, n=sa[-1], out=format_shape(out))
    batch = broadcast_shape(tuple(sa[:-2]), tuple(sb[:-2]))   # a 1-D operand has no batch axes
    return _join([note, say("trace.matmul_batch", batch=format_shape(batch)) if batch else ""])


def _reshape_note(site, sample):
    out = sample.out_shape
    operands = sample.operands
    label, in_shape = operands[0]
    name = site.short_name
    if name in JOINS or name in STACKS:
        axis = join_axis(sample.params)
        if axis is not None and not is_int(axis):
            note = say("trace.other", name=display_name(site, sample.params),
                       shapes=shapes_text(s for _, s in operands), out=format_shape(out))
        elif name in STACKS:
            note = say("trace.stack", n=len(operands), shape=format_shape(in_shape), axis=axis, out=format_shape(out))
        elif axis is None:
            note = say("trace.cat_flat", sizes=" + ".join(str(math.prod(s)) for _, s in operands),
                       total=math.prod(out), out=format_shape(out))
        else:
            ndim = len(out)
            axis = joined_axis(name, axis, ndim)
            shapes = joined_shapes(name, [s for _, s in operands])
            sizes = " + ".join(str(s[axis % ndim]) for s in shapes if len(s) == ndim) if ndim else ""
            note = say("trace.cat", axis=axis, sizes=sizes, total=out[axis % ndim] if ndim else 0,
                       out=format_shape(out))
        return _join([note, say("trace.copy_joined")])
    key = "trace.transpose" if name in TRANSPOSES else "trace.reshape"
    note = say(key, label=label, shape=format_shape(in_shape), out=format_shape(out))
    return _join([note, _memory_note(sample.shares_memory, label)])


def _index_note(site, sample):
    out = sample.out_shape
    label, in_shape = sample.operands[0]
    if site.form == "setitem":   # operands: the target, then the value when it is an array
        value = sample.operands[1][1] if len(sample.operands) == 2 else None
        note = say("trace.index_write", label=label, index=site.index, region=format_shape(out),
                   shape=format_shape(in_shape),
                   value=format_shape(value) if value is not None else say("trace.single_value"))
        if value is not None and tuple(value) != tuple(out):
            note = _join([note, say("trace.index_write_broadcast", value=format_shape(value),
                                    region=format_shape(out))])
        return note
    note = say("trace.index", label=label, index=site.index, shape=format_shape(in_shape), out=format_shape(out))
    return _join([note, _memory_note(sample.shares_memory, label)])


def _create_note(site, sample):
    out = sample.out_shape
    name = display_name(site, sample.params)
    if not sample.operands:
        return say("trace.create", name=name, out=format_shape(out))
    label, in_shape = sample.operands[0]
    note = say("trace.create_from", name=name, label=label, shape=format_shape(in_shape), out=format_shape(out))
    return _join([note, _memory_note(sample.shares_memory, label)])


def _in_place(site, note) -> str:
    return _join([note, say("trace.inplace", label=site.labels[0])]) if site.form == "aug" else note


def _broadcast_kind_note(site, sample):
    return _in_place(site, _broadcast_note(sample.operands, sample.out_shape))


def _elementwise_note(site, sample):
    out = sample.out_shape
    if site.short_name in CUMULATIVE:
        return say("trace.cumulative", name=display_name(site, sample.params),
                   axis=axis_argument(sample.params), out=format_shape(out))
    return _in_place(site, say("trace.elementwise", out=format_shape(out)))


def _call_note(site, sample):
    return say("trace.other", name=display_name(site, sample.params),
               shapes=shapes_text(s for _, s in sample.operands), out=format_shape(sample.out_shape))


@dataclass
class Kind:
    """One kind of operation: how its note is written, how its failure is explained, and how it is shown.
    Adding a kind is one entry here (and in ``failures`` for its failure), plus its messages."""

    note: Callable[..., str]     # (site, sample) -> the note for an operation that ran
    changes_shape: bool          # shown without --all even when the result keeps the first operand's shape
    aligned: bool = False        # operand shapes are shown aligned from the right (how broadcasting pairs axes)
    tells_view: bool = False     # whether the result is a view is worth saying
    failure: Callable[..., tuple[str, str]] | None = None  # (site, failure) -> (note, fix); set by ``failures``
    failed_as: str | None = None  # the kind an explained failure is shown as (a failed ``+`` is a broadcast)


KINDS = {
    "reduce": Kind(_reduce_note, changes_shape=True),
    "broadcast": Kind(_broadcast_kind_note, changes_shape=True, aligned=True),
    "matmul": Kind(_matmul_note, changes_shape=True),
    "reshape": Kind(_reshape_note, changes_shape=True, tells_view=True),
    "index": Kind(_index_note, changes_shape=False, tells_view=True),
    "create": Kind(_create_note, changes_shape=False, tells_view=True),
    "elementwise": Kind(_elementwise_note, changes_shape=False, aligned=True, failed_as="broadcast"),
    "call": Kind(_call_note, changes_shape=False),
}


def tells_view(site) -> bool:
    """Whether the report of ``site`` says if its result is a view (so the recorder reads memory).
    The kinds that tell it never depend on shapes: only broadcast against elementwise does."""
    return KINDS[classify(site, (), None)].tells_view


def note_for(site, sample, kind) -> str:
    return KINDS[kind].note(site, sample)


def event_for(site, samples) -> Event | None:
    """The aggregate event of one site: its first signature explained, the others listed."""
    kept = [s for s in samples.values() if type(s) is not Overflow]
    if not kept:
        return None
    overflow = samples.get(OVERFLOW)
    first = kept[0]
    in_shapes = first.in_shapes
    kind = classify(site, in_shapes, first.out_shape)
    count = sum(s.count for s in kept) + (overflow.count if overflow else 0)
    return Event(site.line, site.op, kind, in_shapes, first.out_shape, count, note_for(site, first, kind),
                 labels=tuple(label or "" for label, _ in first.operands), name=display_name(site, first.params),
                 is_view=first.shares_memory if KINDS[kind].tells_view else None,
                 signatures=tuple(Signature(s.in_shapes, s.out_shape, s.count) for s in kept),
                 more=overflow.keys if overflow else 0)
