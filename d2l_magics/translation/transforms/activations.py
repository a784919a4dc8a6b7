"""Activations (``torch.nn.functional`` and its ``torch.*`` twins): NumPy has none, so each is
written as the expression it stands for."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..nodes import CallParts, fill
from ..registry import transform

if TYPE_CHECKING:
    from ..walker import StatementTranslator


def _only_the_data(tr: StatementTranslator, entry, call: CallParts) -> None:
    """``inplace=True``, ``dtype=``: options the expression cannot honour are not guessed."""
    if call.rest or call.keywords:
        raise tr.no_counterpart(entry.source.display)


@transform()
def sigmoid(tr: StatementTranslator, entry, call: CallParts, node):
    """NumPy has no sigmoid: it is ``1 / (1 + exp(-x))``."""
    _only_the_data(tr, entry, call)
    return fill("1 / (1 + np.exp(-data))", data=call.data)


@transform()
def relu(tr: StatementTranslator, entry, call: CallParts, node):
    """``relu(x)`` keeps the positive part: ``np.maximum(x, 0)`` (the dtype of ``x`` is kept)."""
    _only_the_data(tr, entry, call)
    return fill("np.maximum(data, 0)", data=call.data)


@transform()
def softmax(tr: StatementTranslator, entry, call: CallParts, node):
    """Exponentiate and normalise along ``dim``, after subtracting the maximum (as torch does) so
    large inputs do not overflow; ``log_softmax`` subtracts the log of the sum instead."""
    if len(call.rest) > 1:
        raise tr.no_counterpart(entry.source.display)
    dim = call.argument("dim", 0)
    if dim is None:  # torch's implicit dim is deprecated and guesses: not guessed here
        raise tr.refuse("translate.softmax_dim", entry.source.display)
    call.clear_rest()
    call.pop("dim")
    _only_the_data(tr, entry, call)
    shifted = fill("data - data.max(axis=dim, keepdims=True)", data=call.data, dim=dim)
    if entry.source.name.endswith("log_softmax"):
        return fill("shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))", shifted=shifted, dim=dim)
    return fill("np.exp(shifted) / np.exp(shifted).sum(axis=dim, keepdims=True)", shifted=shifted, dim=dim)
