"""Creating arrays: what torch's creation functions lack (``eye``'s ``k``, ``linspace``'s
``endpoint``) and the data torch cannot hold (strings, mixed objects)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ..nodes import CallParts, evaluated_once, fill, is_int_literal, is_plain_read
from ..registry import transform

if TYPE_CHECKING:
    from ..walker import StatementTranslator


@transform()
def eye(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.eye(N, M, k)``: torch's ``eye`` has no ``k`` (an off-diagonal), so ones are kept on
    diagonal ``k`` alone, ``torch.ones(N, M).triu(k).tril(k)``."""
    if tr.direction.to_numpy:
        return None
    k = call.pop("k")
    if k is None or (is_int_literal(k) and ast.literal_eval(k) == 0):
        return None
    if not is_plain_read(k):  # read twice
        raise tr.no_counterpart(f"{entry.source.display}(k={ast.unparse(k)})")
    rows, columns = call.argument("n", 0, after_data=False), call.pop("m")
    call.pop("n")
    if rows is None or len(call.args) > 1:
        raise tr.no_counterpart(entry.source.display)
    tr.fire("translate.eye_k")
    return evaluated_once(rows, lambda rows: fill("ones.triu(k).tril(k)", k=k, ones=ast.Call(
        func=fill("torch.ones"), args=[rows, columns or rows], keywords=call.keywords)))


@transform()
def full(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.full(3, v)``: torch's ``full`` takes its size as a tuple only."""
    if not tr.direction.to_numpy and call.args and is_int_literal(call.args[0]):
        call.args[0] = ast.Tuple(elts=[call.args[0]], ctx=ast.Load())


@transform()
def linspace(tr: StatementTranslator, entry, call: CallParts, node):
    """``endpoint=False`` leaves the stop out: one more step, and the last point dropped."""
    if tr.direction.to_numpy:
        return None
    endpoint = call.pop("endpoint")
    if call.pop("retstep") is not None or len(call.args) > 3:
        raise tr.no_counterpart(f"{entry.source.display}(retstep=...)")
    if endpoint is None or (isinstance(endpoint, ast.Constant) and endpoint.value is True):
        if len(call.args) < 3 and call.get("steps") is None:
            call.set("steps", ast.Constant(50))  # NumPy's default count; torch has none
        return None
    if not (isinstance(endpoint, ast.Constant) and endpoint.value is False):
        raise tr.no_counterpart(f"{entry.source.display}(endpoint={ast.unparse(endpoint)})")
    steps = call.args.pop(2) if len(call.args) == 3 else call.pop("steps") or ast.Constant(50)
    call.set("steps", fill("steps + 1", steps=steps))
    tr.fire("translate.endpoint", code=ast.unparse(node))
    return fill("points[:-1]", points=tr.build(entry.target, call))


@transform()
def array_data(tr: StatementTranslator, entry, call: CallParts, node):
    """Strings and Python objects make NumPy arrays that no tensor can hold."""
    if tr.direction.to_numpy or not call.args:
        return
    if any(isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes)) for n in ast.walk(call.args[0])):
        raise tr.refuse("translate.structured", ast.unparse(node))


@transform()
def meshgrid(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``meshgrid`` defaults to ``indexing='xy'``, torch's to ``'ij'``: said explicitly."""
    if call.get("indexing") is None:
        call.set("indexing", ast.Constant("ij" if tr.direction.to_numpy else "xy"))
