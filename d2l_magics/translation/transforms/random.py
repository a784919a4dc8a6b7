"""Random draws and ``torch.distributions``: sizes, and distributions sampled at once."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ..nodes import CallParts, fill, is_number
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


@sampler("normal_distribution")
def sample_normal(tr: StatementTranslator, entry, call: CallParts, shape):
    """``Normal(loc, scale).sample(shape)``: the draw has shape ``shape`` + the parameters' shape."""
    loc, scale = call.argument("loc", 0, False), call.argument("scale", 1, False)
    if loc is None or scale is None or len(call.keywords) > 2:
        raise tr.no_counterpart(entry.source.name)
    call.args = []
    plain_numbers = is_number(loc) and is_number(scale)
    if shape is not None:
        call.set("size", shape if plain_numbers else fill(
            "tuple(shape) + np.broadcast(loc, scale).shape", shape=shape, loc=loc, scale=scale))
    return tr.cast(tr.build(entry.target, call), fill("np.float32"),
                   sized=shape is not None or not plain_numbers)


@transform()
def normal_distribution(tr: StatementTranslator, entry, call: CallParts, node):
    """A Normal object not sampled at once has no NumPy counterpart."""
    raise tr.no_counterpart(entry.source.name)
