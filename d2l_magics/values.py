"""What a value looks like to a learner: kind, shape, dtype and a small preview.

Shared by every report, so torch tensors and NumPy arrays are shown the same way side by side.
CUDA tensors are copied to the CPU for display; huge values are previewed by their corners, cut
out where the tensor lives, so only those cross to the host.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

import numpy as np
import torch


def format_shape(shape) -> str:
    """``(2, 3, 5)``, ``(2,)`` and ``()``, as NumPy prints shapes and the notes write them."""
    if shape is None:
        return "-"
    return repr(tuple(int(n) for n in shape))

PREVIEW_EDGE = 3  # elements kept at each end of each axis: at most 6 x 6 shown
PREVIEW_FULL_UP_TO = (2 * PREVIEW_EDGE) ** 2  # more elements than this are shown by their corners


def is_tensor(value) -> TypeGuard[torch.Tensor]:
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
        return numpy_dtype_names(value.dtype)[0]
    return None


_NUMPY_DTYPE_NAMES: dict = {}
_MAX_NUMPY_DTYPES = 1024   # structured dtypes are each their own: enough for any session


def numpy_dtype_names(dtype: np.dtype) -> tuple[str, str]:
    """``(str(dtype), dtype.name)``, kept per dtype: NumPy writes each in Python, 1.5 to 2 µs a
    time, and a comparison asks for them several times per value."""
    names = _NUMPY_DTYPE_NAMES.get(dtype)
    if names is None:
        if len(_NUMPY_DTYPE_NAMES) >= _MAX_NUMPY_DTYPES:
            _NUMPY_DTYPE_NAMES.clear()
        names = _NUMPY_DTYPE_NAMES[dtype] = (str(dtype), dtype.name)
    return names


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


def _corners(value):
    """The elements a summarised print shows: ``PREVIEW_EDGE`` at each end of each long axis, and
    one element between them that NumPy prints as "..."; cut where a tensor lives."""
    for axis, size in enumerate(value.shape):
        if size > 2 * PREVIEW_EDGE + 1:
            before = (slice(None),) * axis
            ends = [value[before + (slice(0, PREVIEW_EDGE + 1),)], value[before + (slice(size - PREVIEW_EDGE, size),)]]
            value = torch.cat(ends, dim=axis) if is_tensor(value) else np.concatenate(ends, axis=axis)
    return value


def _without_data(tensor: torch.Tensor) -> str | None:
    """What to show for a tensor with no elements to print: a meta tensor, a nested tensor."""
    from .messages import say

    if tensor.is_nested:
        shapes = ", ".join(str(tuple(part.shape)) for part in tensor.unbind())
        return say("values.nested", count=len(tensor.unbind()), shapes=shapes)
    if tensor.device.type == "meta":
        return say("values.meta")
    return None


def _printed(value):
    """What a preview prints: (a NumPy array of at most 7 x 7 x ... elements, the threshold it is
    printed with), or the text itself for values that are not arrays. A large value is cut to its
    corners first (where a tensor lives, so only they cross to the host) and printed summarised."""
    if isinstance(value, torch.Tensor):
        shown = _without_data(value)
        if shown is not None:
            return shown
    if is_array(value) or isinstance(value, np.generic):
        size = value.numel() if isinstance(value, torch.Tensor) else value.size
        if size <= PREVIEW_FULL_UP_TO:
            return to_numpy(value), PREVIEW_FULL_UP_TO
        if isinstance(value, torch.Tensor):
            value = _dense(value)
        return to_numpy(_corners(value)), 0
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _format(printed) -> str:
    if isinstance(printed, str):
        return printed
    array, threshold = printed
    return np.array2string(array, threshold=threshold, edgeitems=PREVIEW_EDGE, precision=4,
                           suppress_small=True, separator=" ", max_line_width=80)


def _print_key(printed):
    """Two values with this key print the same preview: the same elements bit for bit (``-0.``
    and ``0.`` differ in bits, as in print), dtype, shape and threshold. None where the bits do
    not say what is printed (objects)."""
    if isinstance(printed, str):
        return None
    array, threshold = printed
    if array.dtype.hasobject:
        return None
    return array.dtype, array.shape, threshold, array.tobytes()


def preview(value) -> str:
    """At most 6 x 6 elements, in NumPy's print style for both libraries."""
    return _format(_printed(value))


@dataclass(frozen=True)
class ValueSummary:
    kind: str  # "tensor", "ndarray", "scalar" (NumPy scalar), "value" (anything else), "none"
    type_name: str
    shape: tuple[int, ...] | None
    dtype: str | None
    device: str | None
    preview: str


def summarize(value, previews: dict | None = None) -> ValueSummary:
    """Kind, shape, dtype and preview. ``previews`` (one report's) keeps the previews formatted so
    far by what they print: both sides of an agreeing row, or ``A`` and its clone, are formatted
    once."""
    printed = _printed(value)
    key = None if previews is None else _print_key(printed)
    if key is None or previews is None:  # no previews: no key either
        return _summary(value, _format(printed))
    if key not in previews:
        previews[key] = _format(printed)
    return _summary(value, previews[key])


def _summary(value, shown: str) -> ValueSummary:
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
    return ValueSummary(kind, type(value).__name__, shape_of(value), dtype_name(value), device, shown)
