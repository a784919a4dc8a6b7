"""Reading and writing by index or mask, and memory layout: ``np.take``, ``np.put``, ``np.add.at``,
``np.where``, strides."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ..nodes import CallParts, evaluated_once, fill, is_int_literal, is_plain_read
from ..registry import transform

if TYPE_CHECKING:
    from ..walker import StatementTranslator


def _statement_only(tr: StatementTranslator, entry, node) -> None:
    if node is not tr.expression_value:
        raise tr.refuse("translate.inplace_nested", entry.source.display)


@transform()
def put(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.put(Z, ind, v)`` ⇄ ``Z.put_(ind, v)``: torch wants both as tensors, ``v`` of ``Z``'s dtype."""
    _statement_only(tr, entry, node)
    if len(call.args) + (call.receiver is not None) != 3 or call.keywords:
        raise tr.no_counterpart(entry.source.display)
    data, index, values = call.data, *call.rest
    if tr.direction.to_numpy:
        return fill("np.put(data, index, values)", data=data, index=index, values=values)
    # NumPy's statement gives None: written as an assignment, the torch side shows nothing either
    tr.pending_fill = (data, fill("data.put(torch.as_tensor(index), torch.as_tensor(values, dtype=data.dtype))",
                                  data=data, index=index, values=values))
    return node


@transform()
def add_at(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.add.at(Z, ind, v)`` adds once per index, repeats included: torch's
    ``Z.index_put_((ind,), v, accumulate=True)``."""
    _statement_only(tr, entry, node)
    if tr.direction.to_numpy:
        accumulate = call.pop("accumulate")
        if len(call.rest) != 2 or call.keywords or not (
                isinstance(accumulate, ast.Constant) and accumulate.value is True):
            raise tr.no_counterpart(entry.source.display)
        indices, values = call.rest
        return fill("np.add.at(data, indices, values)", data=call.data, indices=indices, values=values)
    if len(call.args) != 3 or call.keywords:
        raise tr.no_counterpart(entry.source.display)
    data, index, values = call.args
    if isinstance(index, ast.Tuple):
        raise tr.no_counterpart(f"{entry.source.display}(a, (i, j), v)")
    tr.pending_fill = (data, fill("data.index_put((torch.as_tensor(index),), torch.as_tensor(values, "
                                  "dtype=data.dtype), accumulate=True)", data=data, index=index, values=values))
    return node


@transform()
def stride(tr: StatementTranslator, entry, call: CallParts, node):
    """torch counts strides in elements, NumPy in bytes."""
    if tr.direction.to_numpy:
        dim = call.argument("dim", 0)
        strides = fill("tuple(s // data.itemsize for s in data.strides)", data=call.data)
        if dim is None:
            return strides
        if not is_int_literal(dim):
            raise tr.no_counterpart(entry.source.display)
        return ast.Subscript(value=strides, slice=dim, ctx=ast.Load())
    return fill("tuple(s * data.element_size() for s in data.stride())", data=call.data)


@transform()
def as_strided(tr: StatementTranslator, entry, call: CallParts, node):
    """Strides in elements (torch) against bytes (NumPy), as with ``x.stride()``."""
    shape_name, steps_name = ("shape", "strides") if tr.direction.to_numpy else ("size", "stride")
    call.argument(shape_name, 0), call.argument(steps_name, 1)
    call.clear_rest()
    shape, steps, data = call.pop(shape_name), call.pop(steps_name), call.data
    if steps is None or shape is None or call.keywords:
        raise tr.no_counterpart(entry.source.display)
    if tr.direction.to_numpy:
        strides = fill("tuple(s * data.itemsize for s in steps)", data=data, steps=steps)
        return fill("np.lib.stride_tricks.as_strided(data, shape=shape, strides=strides)",
                    data=data, shape=shape, strides=strides)
    stride = fill("tuple(s // data.element_size() for s in steps)", data=data, steps=steps)
    return fill("torch.as_strided(data, shape, stride)", data=data, shape=shape, stride=stride)


@transform()
def unfold(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.unfold(d, size, step)`` ⇄ ``sliding_window_view(x, size, axis=d)``, every ``step``-th
    window; both put the window's own axis last."""
    if tr.direction.to_numpy:
        dim, size, step = (call.argument(name, i) for i, name in enumerate(("dimension", "size", "step")))
        if not (is_int_literal(dim) and ast.literal_eval(dim) >= 0 and size is not None and step is not None):
            raise tr.no_counterpart(entry.source.display)
        windows = fill("np.lib.stride_tricks.sliding_window_view(data, size, axis=dim)",
                       data=call.data, size=size, dim=dim)
        if is_int_literal(step) and ast.literal_eval(step) == 1:
            return windows
        slices: list[ast.expr] = [ast.Slice() for _ in range(ast.literal_eval(dim))]
        index = ast.Tuple(elts=slices + [ast.Slice(step=step)], ctx=ast.Load())
        return ast.Subscript(value=windows, slice=index, ctx=ast.Load())
    size, axis = call.argument("window_shape", 0), call.argument("axis", 1)
    if axis is None or size is None or len(call.keywords) > 2 \
            or not (is_int_literal(size) or isinstance(size, ast.Name)):
        raise tr.refuse("translate.unfold_axis", ast.unparse(node))
    return fill("data.unfold(axis, size, 1)", data=call.data, axis=axis, size=size)


def _dim_and_index(tr: StatementTranslator, entry, call: CallParts):
    """torch's ``(dim, index)`` after the data, by position or keyword; nothing else is read."""
    dim, index = call.argument("dim", 0), call.argument("index", 1)
    call.clear_rest()
    if dim is None or index is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.display)
    return dim, index


@transform()
def index_select(tr: StatementTranslator, entry, call: CallParts, node):
    """``index_select(x, dim, index)`` is ``np.take(x, index, axis=dim)``: whole slices along ``dim``."""
    dim, index = _dim_and_index(tr, entry, call)
    return fill("np.take(data, index, axis=dim)", data=call.data, index=index, dim=dim)


@transform()
def gather(tr: StatementTranslator, entry, call: CallParts, node):
    """``gather(x, dim, index)`` is ``np.take_along_axis(x, index, axis=dim)``: one element per index."""
    if call.pop("sparse_grad") is not None:
        raise tr.no_counterpart(f"{entry.source.display}(sparse_grad=...)")
    dim, index = _dim_and_index(tr, entry, call)
    return fill("np.take_along_axis(data, index, axis=dim)", data=call.data, index=index, dim=dim)


@transform()
def masked_select(tr: StatementTranslator, entry, call: CallParts, node):
    """``masked_select(x, mask)`` is ``x[mask]``: the chosen elements, flat, in order."""
    mask = call.argument("mask", 0)
    call.clear_rest()
    if mask is None or len(call.keywords) > 1:
        raise tr.no_counterpart(entry.source.display)
    return fill("data[mask]", data=call.data, mask=mask)


@transform()
def masked_fill(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.masked_fill(mask, v)`` is ``np.where(mask, v, x)`` kept in ``x``'s dtype (torch casts
    ``v`` to it: 1.5 into an integer tensor is 1); ``x.masked_fill_(mask, v)``, as a statement of
    its own, writes that back into ``x`` (read twice, so a plain read only)."""
    mask, value = call.argument("mask", 0), call.argument("value", 1)
    call.clear_rest()
    if mask is None or value is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.display)
    if entry.source.name.endswith("_"):
        _statement_only(tr, entry, node)
        if not is_plain_read(call.data):
            raise tr.refuse("translate.inplace_nested", entry.source.display)
        tr.pending_fill = (call.data, fill("np.where(mask, value, data)", mask=mask, value=value, data=call.data))
        return node
    return evaluated_once(call.data, lambda data: fill(
        "np.where(mask, value, data).astype(data.dtype, copy=False)", mask=mask, value=value, data=data))
