"""Random draws and ``torch.distributions``: sizes, and distributions sampled at once."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ..nodes import CallParts, fill, is_int_literal, is_number
from ..registry import sampler, transform

if TYPE_CHECKING:
    from ..walker import StatementTranslator


@transform()
def randint(tr: StatementTranslator, entry, call: CallParts, node):
    """The size is torch's last positional argument; NumPy reads it as a keyword."""
    if tr.direction.to_numpy:
        if call.get("size") is None and len(call.args) >= 2:
            call.set("size", call.args.pop())
        return
    if call.get("size") is None and len(call.args) >= 3:
        call.set("size", call.args.pop(2))
    size_arg = call.pop("size")
    if size_arg is None:
        size_arg = ast.Tuple(elts=[], ctx=ast.Load())
    elif not isinstance(size_arg, (ast.Tuple, ast.List)):
        size_arg = ast.Tuple(elts=[size_arg], ctx=ast.Load())
    call.set("size", size_arg)


@transform()
def normal(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.random.normal(0, 1)`` draws one number; ``torch.normal`` of numbers needs a size."""
    if tr.direction.to_numpy or len(call.args) > 2 or call.get("size") is not None:
        return
    if all(is_number(arg) for arg in call.args) and all(is_number(kw.value) for kw in call.keywords
                                                        if kw.arg in ("mean", "std")):
        call.set("size", ast.Tuple(elts=[], ctx=ast.Load()))


@transform()
def multinomial(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy draws multinomial counts with one function; torch builds a distribution first."""
    if tr.direction.to_numpy:  # a Multinomial object not sampled at once
        raise tr.no_counterpart(entry.source.name)
    count, probs = call.argument("n", 0, False), call.argument("pvals", 1, False)
    size_arg = call.argument("size", 2, False)
    shape: ast.expr
    if size_arg is None:
        shape = ast.Tuple(elts=[], ctx=ast.Load())
    elif isinstance(size_arg, (ast.Tuple, ast.List)):
        shape = size_arg
    else:
        shape = ast.Tuple(elts=[size_arg], ctx=ast.Load())
    return fill("torch.distributions.Multinomial(count, torch.as_tensor(probs))"
                ".sample(shape).to(torch.int64)", count=count, probs=probs, shape=shape)


@sampler("multinomial")
def sample_multinomial(tr: StatementTranslator, entry, call: CallParts, shape):
    """``Multinomial(n, p).sample(shape)`` → ``np.random.multinomial(n, p, size=shape)``, float32."""
    if any(kw.arg not in ("n", "pvals") for kw in call.keywords):
        raise tr.no_counterpart(entry.source.name)
    if shape is not None:
        call.set("size", shape)
    return tr.cast(tr.build(entry.target, call), fill("np.float32"), sized=True)


#: The two parameters of each distribution sampled through one NumPy function.
TWO_PARAMETERS = {"torch.distributions.Normal": ("loc", "scale"),
                  "torch.distributions.Uniform": ("low", "high")}


@sampler("distribution")
def sample_two_parameters(tr: StatementTranslator, entry, call: CallParts, shape):
    """``Normal(loc, scale).sample(shape)``, ``Uniform(low, high).sample(shape)``: the draw has
    shape ``shape`` + the parameters' shape, in float32."""
    first, second = TWO_PARAMETERS[entry.source.name]
    a, b = call.argument(first, 0, False), call.argument(second, 1, False)
    if a is None or b is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.name)
    call.args = []
    plain_numbers = is_number(a) and is_number(b)
    if shape is not None:
        call.set("size", shape if plain_numbers else fill(
            "tuple(shape) + np.broadcast(a, b).shape", shape=shape, a=a, b=b))
    return tr.cast(tr.build(entry.target, call), fill("np.float32"),
                   sized=shape is not None or not plain_numbers)


@transform()
def distribution(tr: StatementTranslator, entry, call: CallParts, node):
    """A distribution object not sampled at once has no NumPy counterpart."""
    raise tr.no_counterpart(entry.source.name)


@transform()
def randperm(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.random.permutation(n)`` of a count is ``torch.randperm(n)``; of an array it shuffles
    the array, which cannot be told apart from a count when the argument is a name."""
    if tr.direction.to_numpy:
        dtype = call.pop("dtype")
        if call.keywords or len(call.args) != 1:
            raise tr.no_counterpart(entry.source.display)
        return None if dtype is None else tr.cast(tr.build(entry.target, call), dtype, sized=True)
    (count,) = call.args
    if not (is_int_literal(count) or (isinstance(count, ast.Call) and isinstance(count.func, ast.Name)
                                      and count.func.id in ("len", "int"))):
        raise tr.refuse("translate.permutation_array", ast.unparse(node))
    return None


def _as_size(size):
    if size is None:
        return ast.Tuple(elts=[], ctx=ast.Load())
    if isinstance(size, (ast.Tuple, ast.List)):
        return size
    return ast.Tuple(elts=[size], ctx=ast.Load())


@transform()
def uniform(tr: StatementTranslator, entry, call: CallParts, node):
    """``np.random.uniform(low, high, size)`` ⇄ ``torch.empty(size).uniform_(low, high)``."""
    if tr.direction.to_numpy:
        low, high = call.argument("from", 0) or ast.Constant(0.0), call.argument("to", 1) or ast.Constant(1.0)
        receiver = call.data
        if isinstance(receiver, ast.Call):
            return fill("np.random.uniform(low, high, size=data.shape).astype(data.dtype)",
                        low=low, high=high, data=receiver)
        if node is not tr.expression_value:
            raise tr.refuse("translate.inplace_nested", entry.source.display)
        tr.pending_fill = (receiver, fill("np.random.uniform(low, high, size=data.shape)",
                                          low=low, high=high, data=receiver))
        return node
    low, high = call.argument("low", 0, False), call.argument("high", 1, False)
    size = call.argument("size", 2, False)
    low, high = low or ast.Constant(0.0), high or ast.Constant(1.0)
    if not (is_number(low) and is_number(high)):
        raise tr.refuse("translate.uniform_arrays", ast.unparse(node))
    return fill("torch.empty(size, dtype=torch.float64).uniform_(low, high)",
                size=_as_size(size), low=low, high=high)


@transform()
def random_like(tr: StatementTranslator, entry, call: CallParts, node):
    """``torch.randn_like(A)``: a draw of ``A``'s shape and dtype (or the ``dtype=`` asked for)."""
    dtype = call.pop("dtype")
    if call.keywords or len(call.args) != 1:
        raise tr.no_counterpart(entry.source.display)
    draw = entry.target.name
    return fill(f"{draw}(*data.shape).astype(dtype)", data=call.data,
                dtype=dtype if dtype is not None else fill("data.dtype", data=call.data))
