"""Shapes and sizes: flattening, joining, axis orders, flips, ``size()``."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ..nodes import CallParts, evaluated_once, fill, is_int_literal, is_plain_read
from ..registry import transform

if TYPE_CHECKING:
    from ..walker import StatementTranslator


@transform()
def flatten(tr: StatementTranslator, entry, call: CallParts, node):
    """torch's ``flatten(start_dim)`` keeps the leading axes; NumPy's flattens everything."""
    if not tr.direction.to_numpy:
        return None
    start, end = call.argument("start_dim", 0), call.argument("end_dim", 1)
    call.pop("start_dim"), call.pop("end_dim")
    call.clear_rest()
    if end is not None and not (is_int_literal(end) and ast.literal_eval(end) == -1):
        raise tr.no_counterpart(entry.source.display + " end_dim")
    if start is None or (is_int_literal(start) and ast.literal_eval(start) == 0):
        return None
    return fill("data.reshape(data.shape[:start] + (-1,))", data=call.data, start=start)


@transform()
def permute(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``transpose()`` with no axes reverses them all; torch's ``permute`` needs them."""
    if tr.direction.to_numpy or call.rest or call.get("dims") is not None:
        return
    call.args.append(fill("tuple(range(data.ndim - 1, -1, -1))", data=call.data))


@transform()
def flip(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.flip`` needs its axes as a tuple, all of them for NumPy's ``np.flip(x)``."""
    if tr.direction.to_numpy:
        return
    dims = call.argument("dims", 0)
    call.clear_rest()
    if dims is None:
        call.set("dims", fill("tuple(range(data.ndim))", data=call.data))
    elif is_int_literal(dims):
        call.set("dims", ast.Tuple(elts=[dims], ctx=ast.Load()))


@transform()
def size(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.size()`` is the shape; ``x.size(d)`` one entry of it."""
    index = call.argument("dim", 0)
    shape = ast.Attribute(value=call.data, attr="shape", ctx=ast.Load())
    if index is None:
        return shape
    return ast.Subscript(value=shape, slice=index, ctx=ast.Load())


@transform()
def concatenate(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.concatenate(arrays, axis=None)`` joins the flattened arrays; torch's ``cat`` has no
    ``dim=None``, so each is flattened first."""
    dim = call.get("dim")
    if tr.direction.to_numpy or not (isinstance(dim, ast.Constant) and dim.value is None):
        return
    call.pop("dim")
    arrays = call.data
    if isinstance(arrays, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in arrays.elts):
        call.data = ast.Tuple(elts=[fill("array.flatten()", array=e) for e in arrays.elts], ctx=ast.Load())
    else:
        call.data = fill("tuple(map(torch.flatten, arrays))", arrays=arrays)
    tr.fire("translate.concatenate_flat")


@transform()
def chunk(tr: StatementTranslator, entry, call: CallParts, node):
    """torch's ``chunk(x, k)`` cuts pieces of ceil(n / k) elements, the last one shorter, so there
    may be fewer than k (``np.array_split`` always makes k, sizes differing by one at most): the
    translation splits at torch's own points, as a tuple like torch's."""
    chunks, dim = call.argument("chunks", 0), call.argument("dim", 1)
    call.clear_rest()
    if chunks is None or len(call.keywords) > 2 or dim is not None and not is_plain_read(dim):  # dim: read thrice
        raise tr.no_counterpart(entry.source.display)
    return evaluated_once(call.data, lambda data: fill(
        "tuple(np.split(data, range(0, data.shape[dim], -(-data.shape[dim] // chunks))[1:], axis=dim))",
        data=data, chunks=chunks, dim=dim or ast.Constant(0)))


@transform()
def split(tr: StatementTranslator, entry, call: CallParts, node):
    """torch's ``tensor_split`` takes the sections (or split points) by position only."""
    sections = call.pop("indices_or_sections")
    if sections is not None:
        call.args.insert(1, sections)


@transform()
def append(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.append(a, v)`` flattens both and joins them, and with ``axis`` is ``concatenate``: torch,
    which has no ``append``, writes ``torch.cat``; a number or list ``v`` becomes a tensor."""
    values, dim = call.argument("values", 0), call.argument("dim", 1)
    call.clear_rest()
    if values is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.display)
    values = tr.tensor_of_literal(values)
    if dim is None or (isinstance(dim, ast.Constant) and dim.value is None):
        return fill("torch.cat((data.flatten(), values.flatten()))", data=call.data, values=values)
    return fill("torch.cat((data, values), dim=dim)", data=call.data, values=values, dim=dim)
