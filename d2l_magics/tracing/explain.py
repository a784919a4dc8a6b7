"""Stage 3: turn what a site's source says and what its samples recorded into events with notes.

Runs once, when the report is built, never in the loop. Kinds come from the operation's name
(tables below) and the shapes; every sentence comes from the message catalogue.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..messages import say
from ..render.common import format_shape
from .record import Overflow, ShapeOf

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
        if self.failed or self.kind in ("reduce", "broadcast", "matmul", "reshape"):
            return True
        if self.out_shape is None:   # print(X), len(X), X.item(): no array comes out
            return False
        return not self.in_shapes or self.out_shape != self.in_shapes[0]


# -- helpers -------------------------------------------------------------------------------------

def _join(parts) -> str:
    return say("trace.join").join(p for p in parts if p)


def _axes_text(axes) -> str:
    return ", ".join(str(a) for a in axes)


def _shapes_text(shapes) -> str:
    return ", ".join(format_shape(s) for s in shapes)


def _display_name(site, params) -> str:
    return site.short_name if params.get("method") else site.name


def _is_array(value) -> bool:
    return isinstance(value, ShapeOf) and value.type_name is None


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _positional(params):
    """The positional arguments that are not arrays nor a sequence of arrays (``torch.cat``'s
    first), in order: where axes and targets live."""
    return [a for a in params.get("args", ()) if not _is_array(a) and
            not (isinstance(a, (tuple, list)) and any(_is_array(e) for e in a))]


def _axis_argument(params, position=0):
    kwargs = params.get("kwargs", {})
    for keyword in AXIS_KEYWORDS:
        if keyword in kwargs:
            return kwargs[keyword]
    positional = [a for a in _positional(params) if not isinstance(a, ShapeOf)]
    return positional[position] if position < len(positional) else None


def _normalize_axes(axis, ndim):
    """An int, tuple or list of axes (negative allowed) as sorted positions; None when unreadable."""
    if axis is None:
        return tuple(range(ndim))
    values = axis if isinstance(axis, (tuple, list)) else (axis,)
    if not values or not all(_is_int(a) and -ndim <= a < max(ndim, 1) for a in values):
        return None
    return tuple(sorted({a % ndim for a in values})) if ndim else ()


def is_broadcast(in_shapes, out_shape) -> bool:
    """Some operand with at least one axis differs from the result (a 0-d value is not 'stretched')."""
    return out_shape is not None and any(len(s) and tuple(s) != tuple(out_shape) for s in in_shapes)


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
    return "other"


# -- notes for operations that ran -------------------------------------------------------------

def _memory_note(shares, label):
    if shares is None:
        return ""
    return say("trace.view" if shares else "trace.copy", label=label or "")


def _join_axis(params):
    """The axis argument of a join: 0 when not given, None for NumPy's ``axis=None`` (flatten,
    then join)."""
    kwargs = params.get("kwargs", {})
    keyword = next((k for k in AXIS_KEYWORDS if k in kwargs), None)
    if keyword is not None:
        return kwargs[keyword]
    positional = _positional(params)
    return positional[0] if positional else 0


# The axis each stacking helper joins along, whatever axis argument the call has.
STACKING_AXES = {"vstack": 0, "row_stack": 0, "column_stack": 1, "dstack": 2}


def _joined_axis(name, axis, ndim):
    """The axis the join runs along in operands of ``ndim`` axes (``hstack`` of 1-D ones: axis 0)."""
    if name == "hstack":
        return 1 if ndim > 1 else 0
    return STACKING_AXES.get(name, axis)


def _joined_shapes(name, shapes):
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
    name = _display_name(site, sample.params)
    axes = _normalize_axes(_axis_argument(sample.params, REDUCTIONS[site.short_name]), len(in_shape))
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


def _matmul_note(site, operands, out):
    if len(operands) != 2:
        return say("trace.other", name=site.name, shapes=_shapes_text(s for _, s in operands), out=format_shape(out))
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


def _reshape_note(site, sample, out):
    operands = sample.operands
    label, in_shape = operands[0]
    name = site.short_name
    if name in JOINS or name in STACKS:
        axis = _join_axis(sample.params)
        if axis is not None and not _is_int(axis):
            note = say("trace.other", name=_display_name(site, sample.params),
                       shapes=_shapes_text(s for _, s in operands), out=format_shape(out))
        elif name in STACKS:
            note = say("trace.stack", n=len(operands), shape=format_shape(in_shape), axis=axis, out=format_shape(out))
        elif axis is None:
            note = say("trace.cat_flat", sizes=" + ".join(str(math.prod(s)) for _, s in operands),
                       total=math.prod(out), out=format_shape(out))
        else:
            ndim = len(out)
            axis = _joined_axis(name, axis, ndim)
            shapes = _joined_shapes(name, [s for _, s in operands])
            sizes = " + ".join(str(s[axis % ndim]) for s in shapes if len(s) == ndim) if ndim else ""
            note = say("trace.cat", axis=axis, sizes=sizes, total=out[axis % ndim] if ndim else 0, out=format_shape(out))
        return _join([note, say("trace.copy_joined")])
    key = "trace.transpose" if name in TRANSPOSES else "trace.reshape"
    note = say(key, label=label, shape=format_shape(in_shape), out=format_shape(out))
    return _join([note, _memory_note(sample.shares_memory, label)])


def _index_note(site, sample, out):
    label, in_shape = sample.operands[0]
    if site.form == "setitem":   # operands: the target, then the value when it is an array
        value = sample.operands[1][1] if len(sample.operands) == 2 else None
        note = say("trace.index_write", label=label, index=site.index, region=format_shape(out),
                   shape=format_shape(in_shape),
                   value=format_shape(value) if value is not None else say("trace.single_value"))
        if value is not None and tuple(value) != tuple(out):
            note = _join([note, say("trace.index_write_broadcast", value=format_shape(value), region=format_shape(out))])
        return note
    note = say("trace.index", label=label, index=site.index, shape=format_shape(in_shape), out=format_shape(out))
    return _join([note, _memory_note(sample.shares_memory, label)])


def _create_note(site, sample, out):
    name = _display_name(site, sample.params)
    if not sample.operands:
        return say("trace.create", name=name, out=format_shape(out))
    label, in_shape = sample.operands[0]
    note = say("trace.create_from", name=name, label=label, shape=format_shape(in_shape), out=format_shape(out))
    return _join([note, _memory_note(sample.shares_memory, label)])


def note_for(site, sample, kind) -> str:
    out = sample.out_shape
    operands = sample.operands
    if kind == "reduce":
        return _reduce_note(site, sample)
    if kind == "broadcast":
        note = _broadcast_note(operands, out)
        return _join([note, say("trace.inplace", label=site.labels[0])]) if site.form == "aug" else note
    if kind == "matmul":
        return _matmul_note(site, operands, out)
    if kind == "reshape":
        return _reshape_note(site, sample, out)
    if kind == "index":
        return _index_note(site, sample, out)
    if kind == "create":
        return _create_note(site, sample, out)
    if kind == "elementwise":
        if site.short_name in CUMULATIVE:
            return say("trace.cumulative", name=_display_name(site, sample.params),
                       axis=_axis_argument(sample.params), out=format_shape(out))
        note = say("trace.elementwise", out=format_shape(out))
        return _join([note, say("trace.inplace", label=site.labels[0])]) if site.form == "aug" else note
    return say("trace.other", name=_display_name(site, sample.params),
               shapes=_shapes_text(s for _, s in operands), out=format_shape(out))


def event_for(site, samples) -> Event | None:
    """The aggregate event of one site: its first signature explained, the others listed."""
    kept = [s for s in samples.values() if not isinstance(s, Overflow)]
    if not kept:
        return None
    overflow = next((s for s in samples.values() if isinstance(s, Overflow)), None)
    first = kept[0]
    kind = classify(site, first.in_shapes, first.out_shape)
    count = sum(s.count for s in kept) + (overflow.count if overflow else 0)
    return Event(site.line, site.op, kind, first.in_shapes, first.out_shape, count, note_for(site, first, kind),
                 labels=tuple(label or "" for label, _ in first.operands), name=_display_name(site, first.params),
                 is_view=first.shares_memory if kind in ("reshape", "index", "create") else None,
                 signatures=tuple(Signature(s.in_shapes, s.out_shape, s.count) for s in kept),
                 more=overflow.keys if overflow else 0)


# -- notes for the operation that raised ---------------------------------------------------------

def _broadcast_conflict(shapes):
    """The first axis (from the right) where two operands disagree and neither is 1."""
    width = max(len(s) for _, s in shapes)
    for back in range(1, width + 1):
        sizes = [(label, s[-back]) for label, s in shapes if len(s) >= back and s[-back] != 1]
        if len({n for _, n in sizes}) > 1:
            (a, x), (b, y) = sizes[0], next(p for p in sizes if p[1] != sizes[0][1])
            return width - back, a, x, b, y
    return None


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


def _code(label):
    """``label`` ready to be indexed: wrapped in parentheses unless it is a plain name or attribute."""
    return label if label.replace(".", "").replace("_", "").isalnum() else f"({label})"


def _new_axis_fix(operands):
    """A 1-D operand whose length matches a non-last axis of the other: index it to line up."""
    for (label, shape), (other, other_shape) in (operands, operands[::-1]):
        if len(shape) != 1 or len(other_shape) < 2:
            continue
        for axis in range(len(other_shape) - 2, -1, -1):
            if other_shape[axis] != shape[0]:
                continue
            new_shape = shape + (1,) * (len(other_shape) - 1 - axis)
            if broadcast_shape(new_shape, other_shape) is None:
                continue
            code = f"{_code(label)}[:{', None' * (len(other_shape) - 1 - axis)}]"
            return say("trace.fix_new_axis", code=code, label=label, shape=format_shape(shape),
                       new_shape=format_shape(new_shape), other=other, axis=axis)
    return ""


def _transpose_fix(operands):
    for (label, shape), (_, other_shape) in (operands, operands[::-1]):
        if len(shape) == 2 and broadcast_shape(shape[::-1], other_shape) is not None:
            return say("trace.fix_transpose", code=f"{_code(label)}.T", shape=format_shape(shape[::-1]))
    return ""


def _broadcast_failure(site, operands):
    conflict = _broadcast_conflict(operands)
    if conflict is None:
        target_label, target = operands[0]
        out = broadcast_shape(*(s for _, s in operands))
        if site.form == "aug" and out is not None and out != target:
            return say("trace.error_inplace_grow", label=target_label, shape=format_shape(target),
                       out=format_shape(out)), ""
        return "", ""
    axis, a, x, b, y = conflict
    note = say("trace.error_broadcast", axis=axis, a=a, x=x, b=b, y=y)
    fix = _new_axis_fix(operands) if len(operands) == 2 else ""
    return note, fix or (_transpose_fix(operands) if len(operands) == 2 else "")


def _matmul_failure(site, failure):
    operands = failure.operands
    name = site.short_name
    shapes = _shapes_text(s for _, s in operands)
    if len(operands) != 2:
        return "", ""
    (a, sa), (b, sb) = operands
    torch_call = site.name.startswith("torch.") or failure.params.get("method")
    if name == "dot" and torch_call and (len(sa) != 1 or len(sb) != 1):
        return say("trace.error_dot_1d", shapes=shapes), say("trace.fix_dot_2d")
    if name == "mm" and (len(sa) != 2 or len(sb) != 2):
        return say("trace.error_mm_2d", shapes=shapes), say("trace.fix_mm_vector") if len(sb) == 1 else ""
    if name == "mv" and (len(sa) != 2 or len(sb) != 1):
        return say("trace.error_mv_shape", shapes=shapes), say("trace.fix_mv_matrix") if len(sb) == 2 else ""
    if not sa or not sb:
        return "", ""
    n, k = sa[-1], sb[0] if len(sb) == 1 else sb[-2]
    if n != k:
        if len(sb) == 1:
            key = "trace.error_inner_vector"
        elif len(sa) == 1:
            key = "trace.error_inner_row"
        else:
            key = "trace.error_inner_matrix"
        note = say(key, a=a, b=b, n=n, k=k)
        fix = ""
        if len(sb) == 2 and sb[-1] == n:
            fix = say("trace.fix_transpose", code=f"{_code(b)}.T", shape=format_shape(sb[::-1]))
        elif len(sa) == 2 and sa[-2] == k:
            fix = say("trace.fix_transpose", code=f"{_code(a)}.T", shape=format_shape(sa[::-1]))
        return note, fix
    if len(set(failure.dtypes)) > 1:
        return say("trace.error_dtype", dtypes=", ".join(str(d) for d in failure.dtypes)), say("trace.fix_dtype")
    return "", ""


def _join_failure(site, failure):
    operands = failure.operands
    if len(operands) < 2:
        return "", ""
    if site.short_name in STACKS:
        first_label, first = operands[0]
        other_label, other = next(((l, s) for l, s in operands if s != first), (None, None))
        if other is None:
            return "", ""
        return say("trace.error_stack", a=first_label, x=format_shape(first), b=other_label,
                   y=format_shape(other)), ""
    name = site.short_name
    axis = _join_axis(failure.params)
    if not _is_int(axis):   # None: flattened first, so any shapes join
        return "", ""
    shapes = _joined_shapes(name, [s for _, s in operands])
    axis = _joined_axis(name, axis, len(shapes[0]))
    (a, _), sa = operands[0], shapes[0]
    for (b, _), sb in zip(operands[1:], shapes[1:]):
        if len(sa) != len(sb):
            return say("trace.error_cat_ndim", a=a, x=format_shape(sa), b=b, y=format_shape(sb)), ""
        bad = [i for i in range(len(sa)) if i != axis % max(len(sa), 1) and sa[i] != sb[i]]
        if bad:
            note = say("trace.error_cat", axis=axis, bad=bad[0], a=a, x=sa[bad[0]], b=b, y=sb[bad[0]])
            other_axes = [j for j in range(len(sa)) if all(sa[i] == sb[i] for i in range(len(sa)) if i != j)]
            fix = say("trace.fix_cat_axis", axis=other_axes[0]) if other_axes else ""
            return note, fix
    return "", ""


def _reshape_failure(site, failure):
    if not failure.operands:
        return "", ""
    label, shape = failure.operands[0]
    args = _positional(failure.params)
    target = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
    if not all(isinstance(n, int) for n in target):
        return "", ""
    size = math.prod(shape)
    if site.short_name == "view" and -1 not in target and math.prod(target) == size:
        return say("trace.error_view_contiguous", label=label), say("trace.fix_reshape")
    known = math.prod(n for n in target if n != -1)
    return say("trace.error_reshape", label=label, shape=format_shape(shape), size=size,
               target=format_shape(tuple(target)), needed=known if -1 not in target else
               say("trace.multiple_of", n=known)), ""


FLOAT_ONLY_REDUCTIONS = frozenset({"mean", "std", "var", "norm", "logsumexp"})


def _reduce_failure(site, failure):
    """An axis that does not exist, or torch's mean/std/var of an integer tensor."""
    (label, shape), = failure.operands
    axis = _axis_argument(failure.params, REDUCTIONS[site.short_name])
    ndim = len(shape)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    bad = next((a for a in axes if isinstance(a, int) and not -max(ndim, 1) <= a < max(ndim, 1)), None)
    if bad is not None:
        return say("trace.error_axis_range", label=label, shape=format_shape(shape), ndim=ndim, axis=bad,
                   last=max(ndim - 1, 0)), ""
    dtype = failure.dtypes[0] if failure.dtypes else ""
    if site.short_name in FLOAT_ONLY_REDUCTIONS and dtype and not dtype.startswith(("float", "complex", "bfloat")):
        return (say("trace.error_reduce_int", name=site.short_name, label=label, dtype=dtype),
                say("trace.fix_reduce_int", label=_code(label), name=site.short_name))
    return "", ""


def failure_event(site, failure) -> Event:
    """The operation that raised: operands, why (from the shapes), and a fix when one is obvious."""
    operands = failure.operands
    in_shapes = tuple(s for _, s in operands)
    kind = classify(site, in_shapes, None)
    note, fix = "", ""
    if kind == "matmul":
        note, fix = _matmul_failure(site, failure)
    elif kind in ("broadcast", "elementwise") and len(operands) >= 2:
        note, fix = _broadcast_failure(site, operands)
        kind = "broadcast" if note else kind
    elif kind == "reshape" and (site.short_name in JOINS or site.short_name in STACKS):
        note, fix = _join_failure(site, failure)
    elif kind == "reshape" and site.short_name in ("reshape", "view"):
        note, fix = _reshape_failure(site, failure)
    elif kind == "reduce":
        note, fix = _reduce_failure(site, failure)
    elif kind == "index" and operands and isinstance(failure.error, IndexError):
        note = say("trace.error_index", label=operands[0][0], shape=format_shape(operands[0][1]), index=site.index)
    elif site.form == "setitem" and len(operands) == 2:
        note = say("trace.error_setitem", label=operands[0][0], index=site.index, value=format_shape(operands[1][1]))
    if not note:
        note = say("trace.error_generic", op=site.op, shapes=_shapes_text(in_shapes) or "-")
    name = _display_name(site, failure.params)
    return Event(site.line, site.op, kind, in_shapes, None, 1, note,
                 labels=tuple(label or "" for label, _ in operands), name=name, fix=fix, failed=True)
