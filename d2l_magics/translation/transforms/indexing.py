"""Writing by index and reading memory layout: ``np.put``, ``np.add.at``, strides."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ..nodes import CallParts, fill, is_int_literal
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
