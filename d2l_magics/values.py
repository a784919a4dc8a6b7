"""What a value looks like to a learner: kind, shape, dtype and a small preview.

Shared by every report, so torch tensors and NumPy arrays are shown the same way side by side.
CUDA tensors are copied to the CPU for display; huge values are previewed by their corners, cut
out where the tensor lives, so only those cross to the host.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

PREVIEW_EDGE = 3  # elements kept at each end of each axis: at most 6 x 6 shown
PREVIEW_FULL_UP_TO = (2 * PREVIEW_EDGE) ** 2  # more elements than this are shown by their corners


def is_tensor(value) -> bool:
    return isinstance(value, torch.Tensor)


def is_array(value) -> bool:
    """A NumPy array or a torch tensor: what the magics annotate."""
    return isinstance(value, (np.ndarray, torch.Tensor))


def shape_of(value) -> tuple[int, ...] | None:
    """The shape as a plain tuple, ``(2, 3)`` for both libraries; None for non-arrays and for
    nested tensors, whose parts have shapes of their own."""
    if isinstance(value, torch.Tensor) and value.is_nested:
        return None
    if isinstance(value, (np.ndarray, np.generic, torch.Tensor)):
        return tuple(int(n) for n in value.shape)
    return None


def dtype_name(value) -> str | None:
    """``float32`` for ``torch.float32`` and ``np.float32`` alike."""
    if isinstance(value, torch.Tensor):
        return str(value.dtype).removeprefix("torch.")
    if isinstance(value, (np.ndarray, np.generic)):
        return str(value.dtype)
    return None


def _dense(tensor: torch.Tensor) -> torch.Tensor:
    """Detached, strided (sparse layouts densified), dequantized and a plain ``torch.Tensor``
    (a subclass's own methods are not called): what slicing and ``numpy()`` accept."""
    tensor = tensor.detach()
    if tensor.layout != torch.strided:
        tensor = tensor.to_dense()
    if tensor.is_quantized:
        tensor = tensor.dequantize()
    if type(tensor) not in (torch.Tensor, torch.nn.Parameter):
        tensor = tensor.as_subclass(torch.Tensor)
    return tensor


def to_numpy(value) -> np.ndarray:
    """A NumPy copy-or-view for reading only: tensors detached, densified and moved to the CPU."""
    if isinstance(value, torch.Tensor):
        value = _dense(value)
        if value.device.type != "cpu":
            value = value.cpu()
        value = value.resolve_conj().resolve_neg()  # conj() and .imag of it are lazy views numpy() refuses
        if value.dtype == torch.bfloat16:
            value = value.float()
        return value.numpy()
    return np.asarray(value)


def _corners(tensor: torch.Tensor) -> torch.Tensor:
    """The elements a summarised print shows: ``PREVIEW_EDGE`` at each end of each long axis, and
    one element between them that NumPy prints as "..."."""
    for axis, size in enumerate(tensor.shape):
        if size > 2 * PREVIEW_EDGE + 1:
            tensor = torch.cat([tensor.narrow(axis, 0, PREVIEW_EDGE + 1),
                                tensor.narrow(axis, size - PREVIEW_EDGE, PREVIEW_EDGE)], dim=axis)
    return tensor


def _without_data(tensor: torch.Tensor) -> str | None:
    """What to show for a tensor with no elements to print: a meta tensor, a nested tensor."""
    from .messages import say

    if tensor.is_nested:
        shapes = ", ".join(str(tuple(part.shape)) for part in tensor.unbind())
        return say("values.nested", count=len(tensor.unbind()), shapes=shapes)
    if tensor.device.type == "meta":
        return say("values.meta")
    return None


def preview(value) -> str:
    """At most 6 x 6 elements, in NumPy's print style for both libraries."""
    if isinstance(value, torch.Tensor):
        shown = _without_data(value)
        if shown is not None:
            return shown
    if is_array(value) or isinstance(value, np.generic):
        threshold = PREVIEW_FULL_UP_TO
        if isinstance(value, torch.Tensor) and value.numel() > PREVIEW_FULL_UP_TO:
            value, threshold = _corners(_dense(value)), 0  # the corners still print summarised
        return np.array2string(to_numpy(value), threshold=threshold, edgeitems=PREVIEW_EDGE,
                               precision=4, suppress_small=True, separator=" ", max_line_width=80)
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


@dataclass(frozen=True)
class ValueSummary:
    kind: str  # "tensor", "ndarray", "scalar" (NumPy scalar), "value" (anything else), "none"
    type_name: str
    shape: tuple[int, ...] | None
    dtype: str | None
    device: str | None
    preview: str


def summarize(value) -> ValueSummary:
    if value is None:
        return ValueSummary("none", "NoneType", None, None, None, "None")
    if isinstance(value, torch.Tensor):
        kind, device = "tensor", str(value.device)
    elif isinstance(value, np.ndarray):
        kind, device = "ndarray", None
    elif isinstance(value, np.generic):
        kind, device = "scalar", None
    else:
        kind, device = "value", None
    return ValueSummary(kind, type(value).__name__, shape_of(value), dtype_name(value), device, preview(value))
