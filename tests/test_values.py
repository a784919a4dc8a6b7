"""values.py: every tensor a learner can make reads as NumPy, and a preview reads only corners."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.overrides import TorchFunctionMode

from d2l_magics.values import preview, to_numpy


class LargestRead(TorchFunctionMode):
    """Records the most elements one ``.numpy()`` or ``.cpu()`` call handed to the host."""

    def __init__(self):
        super().__init__()
        self.largest = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func in (torch.Tensor.numpy, torch.Tensor.cpu):
            self.largest = max(self.largest, args[0].numel())
        return func(*args, **(kwargs or {}))


def test_negative_bit_and_sparse_tensors_read_as_numpy():
    negative = torch.tensor([1 + 2j, 3 - 1j]).conj().imag
    assert negative.is_neg()
    assert np.array_equal(to_numpy(negative), [-2.0, 1.0])
    sparse = torch.eye(3).to_sparse()
    assert np.array_equal(to_numpy(sparse), np.eye(3))
    assert "1." in preview(torch.eye(3).to_sparse_csr()) and "[-2.  1.]" == preview(negative)


@pytest.mark.parametrize("dtype", [torch.float32, torch.int64, torch.bool])
@pytest.mark.parametrize("shape", [(1000,), (7,), (1000, 1000), (3, 500), (2, 40, 7), (9, 1, 300)])
def test_preview_of_a_large_tensor_reads_only_its_corners(shape, dtype):
    tensor = (torch.randn(shape, generator=torch.Generator().manual_seed(0)) * 100).to(dtype)
    with LargestRead() as reads:
        shown = preview(tensor)
    assert shown == preview(tensor.numpy())  # the same text NumPy gives for the whole array
    assert reads.largest <= 7 ** len(shape)
