"""Why an operation failed, from its operands' shapes, and a fix where one is obvious.

Used twice: by the trace, for the operation that raised while recording, and by explain mode,
for the operation a traceback points at.
"""
from __future__ import annotations

import math

from ..messages import say
from ..values import format_shape
from .explain import (
    JOINS,
    KINDS,
    REDUCTIONS,
    STACKS,
    Event,
    axis_argument,
    broadcast_shape,
    classify,
    display_name,
    is_int,
    join_axis,
    joined_axis,
    joined_shapes,
    positional,
    shapes_text,
)


def _broadcast_conflict(shapes):
    """The first axis (from the right) where two operands disagree and neither is 1."""
    width = max(len(s) for _, s in shapes)
    for back in range(1, width + 1):
        sizes = [(label, s[-back]) for label, s in shapes if len(s) >= back and s[-back] != 1]
        if len({n for _, n in sizes}) > 1:
            (a, x), (b, y) = sizes[0], next(p for p in sizes if p[1] != sizes[0][1])
            return width - back, a, x, b, y
    return None


def code_text(label):
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
            code = f"{code_text(label)}[:{', None' * (len(other_shape) - 1 - axis)}]"
            return say("trace.fix_new_axis", code=code, label=label, shape=format_shape(shape),
                       new_shape=format_shape(new_shape), other=other, axis=axis)
    return ""


def _transpose_fix(operands):
    for (label, shape), (_, other_shape) in (operands, operands[::-1]):
        if len(shape) == 2 and broadcast_shape(shape[::-1], other_shape) is not None:
            return say("trace.fix_transpose", code=f"{code_text(label)}.T", shape=format_shape(shape[::-1]))
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
    shapes = shapes_text(s for _, s in operands)
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
        if len(sa) == 1 and len(sb) == 1:
            key = "trace.error_inner_lengths"
        elif len(sb) == 1:
            key = "trace.error_inner_vector"
        elif len(sa) == 1:
            key = "trace.error_inner_row"
        else:
            key = "trace.error_inner_matrix"
        note = say(key, a=a, b=b, n=n, k=k)
        fix = ""
        if len(sb) == 2 and sb[-1] == n:
            fix = say("trace.fix_transpose", code=f"{code_text(b)}.T", shape=format_shape(sb[::-1]))
        elif len(sa) == 2 and sa[-2] == k:
            fix = say("trace.fix_transpose", code=f"{code_text(a)}.T", shape=format_shape(sa[::-1]))
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
        other_label, other = next(((label, s) for label, s in operands if s != first), (None, None))
        if other is None:
            return "", ""
        return say("trace.error_stack", a=first_label, x=format_shape(first), b=other_label,
                   y=format_shape(other)), ""
    name = site.short_name
    axis = join_axis(failure.params)
    if not is_int(axis):   # None: flattened first, so any shapes join
        return "", ""
    shapes = joined_shapes(name, [s for _, s in operands])
    axis = joined_axis(name, axis, len(shapes[0]))
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
    args = positional(failure.params)
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
    axis = axis_argument(failure.params, REDUCTIONS[site.short_name])
    ndim = len(shape)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    bad = next((a for a in axes if isinstance(a, int) and not -max(ndim, 1) <= a < max(ndim, 1)), None)
    if bad is not None:
        return say("trace.error_axis_range", label=label, shape=format_shape(shape), ndim=ndim, axis=bad,
                   last=max(ndim - 1, 0)), ""
    dtype = failure.dtypes[0] if failure.dtypes else ""
    if site.short_name in FLOAT_ONLY_REDUCTIONS and dtype and not dtype.startswith(("float", "complex", "bfloat")):
        return (say("trace.error_reduce_int", name=site.short_name, label=label, dtype=dtype),
                say("trace.fix_reduce_int", label=code_text(label), name=site.short_name))
    return "", ""


def _elementwise_failure(site, failure):
    return _broadcast_failure(site, failure.operands) if len(failure.operands) >= 2 else ("", "")


def _reshape_kind_failure(site, failure):
    if site.short_name in JOINS or site.short_name in STACKS:
        return _join_failure(site, failure)
    if site.short_name in ("reshape", "view"):
        return _reshape_failure(site, failure)
    return "", ""


def _index_failure(site, failure):
    operands = failure.operands
    if operands and isinstance(failure.error, IndexError):
        return say("trace.error_index", label=operands[0][0], shape=format_shape(operands[0][1]), index=site.index), ""
    if site.form == "setitem" and len(operands) == 2:
        return say("trace.error_setitem", label=operands[0][0], index=site.index,
                   value=format_shape(operands[1][1])), ""
    return "", ""


for _kind, _explain in {"matmul": _matmul_failure, "broadcast": _elementwise_failure,
                        "elementwise": _elementwise_failure, "reshape": _reshape_kind_failure,
                        "reduce": _reduce_failure, "index": _index_failure}.items():
    KINDS[_kind].failure = _explain


def failure_event(site, failure) -> Event:
    """The operation that raised: operands, why (from the shapes), and a fix when one is obvious."""
    operands = failure.operands
    in_shapes = tuple(s for _, s in operands)
    kind = classify(site, in_shapes, None)
    explain = KINDS[kind].failure
    note, fix = explain(site, failure) if explain else ("", "")
    if note:
        kind = KINDS[kind].failed_as or kind
    else:
        note = say("trace.error_generic", op=site.op, shapes=shapes_text(in_shapes) or "-")
    name = display_name(site, failure.params)
    return Event(site.line, site.op, kind, in_shapes, None, 1, note,
                 labels=tuple(label or "" for label, _ in operands), name=name, fix=fix, failed=True)
