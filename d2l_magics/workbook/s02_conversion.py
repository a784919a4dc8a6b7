"""Section 2: converting between torch and NumPy, and which conversions share memory."""
from __future__ import annotations

import torch

from ..messages import Note
from .checks import expect, given, given_object, shares_memory
from .core import IMPORTS, Exercise


def check_tensor_to_numpy(ns, attempt):
    wrong = expect(ns, "arr", given(ns, attempt, "X"), kind="numpy")
    if wrong:
        return wrong
    if not shares_memory(ns["arr"], given_object(ns, attempt, "X")):
        return Note.of("exercise.copy_not_view", var="arr", source="X")
    return None


def check_numpy_to_torch_copy(ns, attempt):
    T = ns["T"]
    if shares_memory(T, attempt.objects["a"]) or shares_memory(T, given_object(ns, attempt, "a")):
        return Note.of("exercise.view_not_copy", var="T", source="a")
    want = torch.tensor(given(ns, attempt, "a"), dtype=torch.float32)
    return expect(ns, "T", want, kind="tensor", dtype="float32")


EXERCISES = [
    Exercise(
        name="tensor-to-numpy", section=2,
        setup=IMPORTS + "X = torch.arange(6.0)\n",
        given=("torch", "np", "X"), answers=("arr",),
        solution="arr = X.numpy()\narr",
        checker=check_tensor_to_numpy,
        mistakes=(("arr = np.array(X)", "exercise.copy_not_view"),
                  ("arr = X.clone().numpy()", "exercise.copy_not_view"),
                  ("arr = X", "exercise.want_numpy")),
    ),
    Exercise(
        name="numpy-to-torch-copy", section=2,
        setup=IMPORTS + "a = np.array([1.5, 2.5, 3.5])\n",
        given=("torch", "np", "a"), answers=("T",),
        solution="T = torch.tensor(a, dtype=torch.float32)\nT",
        checker=check_numpy_to_torch_copy,
        mistakes=(("T = torch.from_numpy(a)", "exercise.view_not_copy"),
                  ("T = torch.tensor(a)", "exercise.float64_not_float32"),
                  ("T = a.astype(np.float32)", "exercise.want_tensor")),
    ),
]
