"""Casts, devices, scalars, in-place changes, and names that mean something else in each library."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...cell import dotted
from ..nodes import CallParts, clone, fill
from ..registry import DECLINED, transform
from ..rules import DTYPES

if TYPE_CHECKING:
    from ..walker import StatementTranslator


@transform()
def to(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.to(dtype)``/``x.type(dtype)`` cast; a device (``x.to("cpu")``, ``device=``) is dropped.
    Anything else (``x.to(device)``, ``x.to(other)``) could be a dtype, a device or a tensor:
    which one is known only when the code runs, so it is not guessed."""
    copy = call.pop("copy")
    if not tr.direction.to_numpy:   # NumPy's ``astype`` copies unless told not to; torch's ``to`` only if told
        call.set("copy", copy or ast.Constant(True))
        return None
    dtype, devices = call.pop("dtype"), 0
    for arg in call.rest:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and entry.source.name == "to":
            devices += 1
        elif dtype is None and _is_dtype(arg):
            dtype = arg
        else:
            raise tr.refuse("translate.to_unknown", ast.unparse(node))
    if call.keywords or (dtype is None and entry.source.name == "type"):
        raise tr.no_counterpart(entry.source.display)
    if devices:
        tr.fire("translate.device_dropped", keyword="device")
    if dtype is None:
        return call.data
    call.args = [dtype]
    # torch gives back the tensor itself when it has the dtype already: so does ``copy=False``
    call.set("copy", copy or ast.Constant(False))


@transform()
def copied_flatten(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``flatten`` always copies; torch's may give a view, so the copy is made explicit."""
    if call.rest or call.keywords:
        raise tr.no_counterpart(f"{entry.source.display.removesuffix('()')}(order)")
    return fill("data.flatten().clone()", data=call.data)


def _is_dtype(node) -> bool:
    """A NumPy dtype (``torch.float64`` is translated before its call) or another value's ``.dtype``."""
    return (isinstance(node, ast.Attribute) and node.attr == "dtype") or \
        dotted(node) in {f"np.{name}" for name in DTYPES}


@transform()
def scalar_builtin(tr: StatementTranslator, entry, call: CallParts, node):
    """``float(t)``/``int(t)`` of a one-element tensor: NumPy 2 wants ``t.item()`` first."""
    if len(call.args) != 1 or call.keywords or not could_be_array(tr, call.args[0]):
        return DECLINED
    call.args = [fill("value.item()", value=call.args[0])]


@transform("fill")
def fill_in_place(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.zero_()``/``x.fill_(v)`` as a statement: ``x[...] = v``."""
    if not tr.direction.to_numpy:
        return None
    if node is not tr.expression_value:
        raise tr.refuse("translate.inplace_nested", entry.source.display)
    if len(call.rest) > (entry.source.name == "fill_") or call.keywords or any(
            isinstance(arg, ast.Starred) for arg in call.rest):
        raise tr.no_counterpart(entry.source.display)  # x.zero_(*s): an error in torch too
    value = call.rest[0] if call.rest else clone(entry.target.fixed_args[0])
    tr.pending_fill = (call.data, value)
    return node


@transform()
def inplace(tr: StatementTranslator, entry, call: CallParts, node):
    """``x.add_(y)`` is ``np.add(x, y, out=x)``: the same array changes, and is the result.
    ``x`` is written twice, so it must be a plain name, attribute or item, not a computation."""
    if not isinstance(call.data, (ast.Name, ast.Attribute, ast.Subscript)):
        raise tr.refuse("translate.inplace_nested", entry.source.display)
    call.set("out", clone(call.data))


@transform()
def untranslatable(tr: StatementTranslator, entry, call: CallParts, node):
    """A method both libraries have under one name with different meanings (``x.sort()`` sorts in
    place in NumPy, returns values and indices in torch): guessing would be silently wrong."""
    raise tr.refuse(entry.rule.note, entry.source.display)


def could_be_array(tr: StatementTranslator, node) -> bool:
    """A name, attribute, item or library/tensor-method call may hold an array; a literal or a
    call of plain Python (``os.environ.get(...)``, ``len(x)``, ``input()``) does not."""
    if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        return True
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute):
        chain = dotted(func)
        return (chain is not None and chain.partition(".")[0] in ("np", "numpy")) or \
            tr.lookup("method", func.attr) is not None
    return False
