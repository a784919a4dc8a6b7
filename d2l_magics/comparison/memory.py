"""Where a learner's tensor or array lives: its memory block (a torch storage, a NumPy buffer),
the layout of its elements in it, and the bytes themselves."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import cast

import numpy as np
import torch

from ..values import is_tensor


@dataclass(frozen=True)
class Layout:
    """Where an array's elements lie: the address of element ``[0, ..., 0]`` and byte strides."""

    address: int
    shape: tuple
    strides: tuple  # bytes
    dtype: np.dtype

    def extent(self) -> tuple[int, int]:
        """(lowest, one past the highest) byte touched, relative to ``address``."""
        if any(n == 0 for n in self.shape):
            return 0, 0
        low = sum(min(0, (n - 1) * s) for n, s in zip(self.shape, self.strides))
        high = sum(max(0, (n - 1) * s) for n, s in zip(self.shape, self.strides))
        return low, high + self.dtype.itemsize


def numpy_dtype(tensor: torch.Tensor):
    try:
        return np.dtype(torch.empty(0, dtype=tensor.dtype).numpy().dtype)
    except (TypeError, RuntimeError):  # bfloat16, quantized and other dtypes NumPy lacks
        return None


def plain_strided(tensor: torch.Tensor) -> bool:
    """A dense tensor with data in memory: what a block can mirror."""
    return (tensor.layout == torch.strided and not tensor.is_quantized and not tensor.is_nested
            and tensor.device.type != "meta" and type(tensor) in (torch.Tensor, torch.nn.Parameter))


def tensor_memory(tensor: torch.Tensor):
    """(storage address, size in bytes, layout) of a plain strided tensor, or None."""
    if not plain_strided(tensor):
        return None
    dtype = numpy_dtype(tensor)
    if dtype is None:
        return None
    storage = tensor.untyped_storage()
    size = tensor.element_size()
    address = storage.data_ptr() + cast(int, tensor.storage_offset()) * size  # a SymInt only when traced
    layout = Layout(address, tuple(tensor.shape), tuple(s * size for s in tensor.stride()), dtype)
    return storage.data_ptr(), storage.nbytes(), layout


def array_memory(array: np.ndarray):
    """(buffer address, size in bytes, layout, the object owning the buffer) of an ndarray."""
    if array.dtype.hasobject or array.dtype.fields is not None or array.dtype.kind in "MmUSV":
        return None
    root = array
    while isinstance(root.base, np.ndarray):
        root = root.base
    layout = Layout(array.__array_interface__["data"][0], array.shape, array.strides, array.dtype)
    if is_tensor(root.base) and plain_strided(root.base):  # ``X.numpy()``: the tensor's storage
        storage = root.base.untyped_storage()
        return storage.data_ptr(), storage.nbytes(), layout, root.base
    if root.flags.c_contiguous and root.base is None:
        return root.__array_interface__["data"][0], root.nbytes, layout, root
    low, high = layout.extent()
    return layout.address + low, high - low, layout, array


def c_strides(shape, itemsize) -> tuple:
    strides, step = [], itemsize
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def learner_bytes_of(low: int, high: int, learner):
    """The learner's bytes ``[low, high)``, read where they live (a CUDA storage is copied)."""
    if is_tensor(learner):
        storage = learner.untyped_storage()
        raw = torch.empty(0, dtype=torch.uint8, device=storage.device).set_(storage, 0, (storage.nbytes(),), (1,))
        start = low - storage.data_ptr()
        return raw[start:start + high - low].cpu().numpy()
    owner = learner
    while isinstance(owner.base, np.ndarray):
        owner = owner.base
    if is_tensor(owner.base):
        return learner_bytes_of(low, high, owner.base)
    # the range lies inside the learner's live array (see array_memory): read it in place
    return np.ctypeslib.as_array((ctypes.c_uint8 * (high - low)).from_address(low))
