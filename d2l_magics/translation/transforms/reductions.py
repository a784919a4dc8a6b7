"""Reductions, elementwise functions, products and norms: divisors, (values, indices) pairs, axes."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, cast

from ..nodes import CallParts, clone, evaluated_once, fill, is_int_literal, is_number, is_plain_read
from ..registry import transform

if TYPE_CHECKING:
    from ..walker import StatementTranslator


@transform()
def ddof(tr: StatementTranslator, entry, call: CallParts, node):
    """torch divides by n - 1 (``correction=1``), NumPy by n (``ddof=0``): say it explicitly."""
    if tr.direction.to_numpy:
        torch_divisor_as_ddof(call)
    else:
        call.set("correction", call.pop("ddof") or ast.Constant(0))
        as_float_like_numpy(tr, call)


def torch_divisor_as_ddof(call: CallParts) -> None:
    """torch's ``correction=`` or ``unbiased=`` (n − 1 when neither is given) as NumPy's ``ddof=``."""
    unbiased, correction = call.pop("unbiased"), call.pop("correction")
    if correction is not None:
        call.set("ddof", correction)
    elif isinstance(unbiased, ast.Constant):
        call.set("ddof", ast.Constant(int(bool(unbiased.value))))
    elif unbiased is not None:
        call.set("ddof", fill("int(unbiased)", unbiased=unbiased))
    else:
        call.set("ddof", ast.Constant(1))


@transform()
def var_mean(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.var_mean(x)`` is the pair ``(np.var(x, ddof=1), np.mean(x))`` (``std_mean`` likewise),
    ``x`` evaluated once."""
    torch_divisor_as_ddof(call)
    mean_keywords = [keyword for keyword in call.keywords if keyword.arg != "ddof"]
    if not all(is_plain_read(keyword.value) for keyword in mean_keywords):   # written in both calls
        raise tr.no_counterpart(entry.source.display)
    return evaluated_once(call.data, lambda data: ast.Tuple(elts=[
        ast.Call(func=clone(entry.target.template), args=[data], keywords=call.keywords),
        ast.Call(func=fill("np.mean"), args=[data], keywords=mean_keywords)], ctx=ast.Load()))


@transform()
def cross(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.cross(a, b)`` without ``dim`` takes ``a``'s first axis of length 3 (deprecated: it
    will be the last, as in ``torch.linalg.cross`` and ``np.cross``), so that axis is named."""
    other, axis = call.argument("other", 0), call.argument("axis", 1)
    call.clear_rest()
    if other is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.display)
    if axis is not None:
        return fill("np.cross(data, other, axis=axis)", data=call.data, other=other, axis=axis)
    tr.fire("translate.cross_first_axis", code=tr.learners_text(node))
    return evaluated_once(call.data, lambda data: fill("np.cross(data, other, axis=data.shape.index(3))",
                                                       data=data, other=other))


@transform()
def floats_like_numpy(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's mean and norm of integers are float64; torch refuses integer tensors."""
    if not tr.direction.to_numpy:
        as_float_like_numpy(tr, call)


def as_float_like_numpy(tr: StatementTranslator, call: CallParts) -> None:
    """NumPy converts integers to float64 before a mean, std, var or norm; torch raises on them, so the
    translation converts the same way, whatever expression the data is (evaluated once)."""
    data = call.data
    call.data = evaluated_once(data, lambda value: fill(
        "(value if value.dtype.is_floating_point or value.dtype.is_complex else value.double())", value=value))
    tr.fire("translate.int_to_float", data=ast.unparse(data))


@transform()
def max_dim(tr: StatementTranslator, entry, call: CallParts, node):
    """``max(x, dim)`` gives (values, indices); ``max(x, y)`` is the elementwise maximum."""
    name = entry.source.name.rpartition(".")[2]
    data, rest = call.data, call.rest
    if rest and not is_int_literal(rest[0]):
        if len(rest) > 1:
            raise tr.no_counterpart(entry.source.display)
        tr.fire("translate.max_pair", name=name)
        return ast.Call(func=fill(f"np.{name}imum"), args=[data, rest[0]], keywords=call.keywords)
    axis = call.argument("axis", 0)
    if axis is None:
        return None
    call.argument("keepdims", 1)
    call.clear_rest()
    return values_and_indices(data, lambda data: (
        ast.Call(func=ast.Attribute(value=data, attr=name, ctx=ast.Load()), args=[], keywords=call.keywords),
        ast.Call(func=ast.Attribute(value=clone(data), attr="arg" + name, ctx=ast.Load()), args=[],
                 keywords=clone(call.keywords))))


def values_and_indices(data: ast.expr, build) -> ast.expr:
    """torch's ``(values, indices)`` pair as the tuple ``build(data)`` makes, ``data`` evaluated
    once; marked so that ``.values`` and ``.indices`` on it become its items (see the walker)."""
    pair = evaluated_once(data, lambda value: ast.Tuple(elts=list(build(value)), ctx=ast.Load()))
    pair.d2l_fields = ("values", "indices")  # type: ignore[attr-defined]  # a marker on the node, read back by the walker with getattr
    return pair


@transform()
def maximum(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.maximum`` needs two tensors; ``np.maximum(x, 0)`` (a number) is a clamp in torch."""
    if tr.direction.to_numpy or len(call.args) != 2 or call.keywords:
        return None
    numbers = [is_number(arg) for arg in call.args]
    if not any(numbers) or all(numbers):
        return None
    bound, tensor = call.args if numbers[0] else call.args[::-1]
    tr.fire("translate.maximum_number", name=entry.source.name.removeprefix("np."))
    side = "min" if entry.source.name == "np.maximum" else "max"
    return ast.Call(func=fill("torch.clamp"), args=[tensor], keywords=[ast.keyword(arg=side, value=bound)])


@transform()
def cumsum(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy's ``cumsum`` without an axis runs over the flattened array; torch needs ``dim``."""
    if tr.direction.to_numpy or call.rest or call.get("dim") is not None:
        return
    call.data = fill("data.flatten()", data=call.data)
    call.set("dim", ast.Constant(0))


@transform()
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


@transform()
def norm(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.norm(x, p)`` without ``dim`` measures the whole tensor as one vector."""
    order, axis = call.argument("ord", 0), call.argument("axis", 1)
    call.argument("keepdims", 2)
    call.clear_rest()
    if axis is None and isinstance(order, ast.Constant) and order.value == "fro":
        call.pop("ord")
    elif axis is None and order is not None:
        call.data = fill("data.ravel()", data=call.data)


@transform()
def vector_norm(tr: StatementTranslator, entry, call: CallParts, node):
    """``vector_norm`` without ``dim`` flattens, whatever the tensor's rank."""
    call.argument("ord", 0)
    axis = call.argument("axis", 1)
    call.argument("keepdims", 2)
    call.clear_rest()
    if axis is None:
        call.data = fill("data.ravel()", data=call.data)


@transform()
def sort(tr: StatementTranslator, entry, call: CallParts, node):
    """torch's ``sort`` gives (values, indices); NumPy's ``np.sort`` the values, and its method
    ``Z.sort()`` sorts in place (written ``Z[...] = ...`` in torch, as a statement of its own)."""
    if tr.direction.to_numpy:
        if call.receiver is not None:
            raise tr.refuse("translate.different_meaning", entry.source.display)
        stable, descending = call.pop("stable"), call.pop("descending")
        for flag in (stable, descending):
            if flag is not None and not (isinstance(flag, ast.Constant) and flag.value in (True, False)):
                raise tr.no_counterpart(f"{entry.source.display}({ast.unparse(flag)})")
        if descending is not None and descending.value:
            raise tr.no_counterpart(f"{entry.source.display}(descending=True)")
        if stable is not None and stable.value:
            call.set("kind", ast.Constant("stable"))
        def sorted_pair(data):
            call.data = data
            indices = cast(ast.Call, fill("np.argsort(data)", data=clone(data)))
            indices.keywords = clone(call.keywords)
            return tr.build(entry.target, call), indices
        return values_and_indices(call.data, sorted_pair)
    kind = call.pop("kind")
    if call.rest or call.get("order") is not None or not (kind is None or isinstance(kind, ast.Constant)):
        raise tr.no_counterpart(f"{entry.source.display}(kind=..., order=...)")
    if kind is not None and kind.value in ("stable", "mergesort"):
        call.set("stable", ast.Constant(True))
    values = cast(ast.Attribute, fill("torch.sort(data).values", data=call.data))
    cast(ast.Call, values.value).keywords = call.keywords
    if call.receiver is None:
        return values
    if node is not tr.expression_value:
        raise tr.refuse("translate.different_meaning", entry.source.display)
    tr.pending_fill = (call.data, values)
    return node


@transform()
def nonzero(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.nonzero(x)`` is a tuple of index arrays: torch's ``nonzero(x, as_tuple=True)``; torch's
    own default is one (count, ndim) tensor, NumPy's ``np.argwhere(x)``."""
    if not tr.direction.to_numpy:
        call.set("as_tuple", ast.Constant(True))
        return None
    as_tuple = call.pop("as_tuple")
    if as_tuple is None or (isinstance(as_tuple, ast.Constant) and as_tuple.value is False):
        return fill("np.argwhere(data)", data=call.data)
    if not (isinstance(as_tuple, ast.Constant) and as_tuple.value is True):
        raise tr.no_counterpart(f"{entry.source.display}(as_tuple={ast.unparse(as_tuple)})")
    return None


@transform()
def median(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.median`` averages the two middle values, as ``torch.quantile(x, 0.5)`` does (torch's
    own ``median`` takes the lower one)."""
    if call.pop("out") is not None or call.pop("overwrite_input") is not None:
        raise tr.no_counterpart(entry.source.display)
    call.args.insert(1, ast.Constant(0.5))
    as_float_like_numpy(tr, call)
