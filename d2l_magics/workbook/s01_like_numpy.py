"""Section 1: torch reads like NumPy (``torch.tensor`` ≈ ``np.array``), with a few differences."""
from __future__ import annotations

import torch

from .checks import Reduction, expect, given
from .core import IMPORTS, Exercise


def check_tensor_from_list(ns, attempt):
    want = torch.tensor(given(ns, attempt, "data"), dtype=torch.float32)
    return expect(ns, "T", want, kind="tensor", dtype="float32")


def check_torch_arange_sum(ns, attempt):
    X = torch.arange(12).reshape(3, 4)
    return (expect(ns, "X", X, kind="tensor")
            or expect(ns, "col_sums", X.sum(dim=0), kind="tensor", reduced=Reduction(X, "sum", (0,))))


def check_std_divisor(ns, attempt):
    """``s_np`` is NumPy's std of ``a``, ``s_t`` torch's of ``t``: each from its own given (a learner's
    own ``a`` is kept while ``t`` may be the setup's), each recognising the other library's divisor."""
    a, t = given(ns, attempt, "a"), given(ns, attempt, "t")
    return (expect(ns, "s_np", a.std(ddof=1), kind="numpy",
                   mistakes=[(lambda: a.std(ddof=0), "exercise.std_n_not_n1")])
            or expect(ns, "s_t", t.std(correction=0), kind="tensor",
                      mistakes=[(lambda: t.std(correction=1), "exercise.std_n1_not_n")]))


EXERCISES = [
    Exercise(
        name="tensor-from-list", section=1,
        setup=IMPORTS + "data = [[1, 2, 3], [4, 5, 6]]\n",
        given=("torch", "np", "data"), answers=("T",),
        solution="T = torch.tensor(data, dtype=torch.float32)\nT",
        checker=check_tensor_from_list,
        mistakes=(("T = np.array(data, dtype=np.float32)", "exercise.want_tensor"),
                  ("T = torch.tensor(data)", "exercise.wrong_dtype"),
                  ("T = torch.tensor(data, dtype=torch.float64)", "exercise.float64_not_float32")),
    ),
    Exercise(
        name="torch-arange-sum", section=1,
        setup=IMPORTS, given=("torch", "np"), answers=("X", "col_sums"),
        solution="X = torch.arange(12).reshape(3, 4)\ncol_sums = X.sum(dim=0)\ncol_sums",
        checker=check_torch_arange_sum,
        mistakes=(("X = torch.arange(12).reshape(3, 4)\ncol_sums = X.sum(dim=1)", "exercise.wrong_axis"),
                  ("X = np.arange(12).reshape(3, 4)\ncol_sums = X.sum(axis=0)", "exercise.want_tensor")),
    ),
    Exercise(
        name="std-divisor", section=1,
        setup=IMPORTS + "a = np.array([1.0, 2.0, 3.0, 4.0])\nt = torch.tensor(a)\n",
        given=("torch", "np", "a", "t"), answers=("s_np", "s_t"),
        solution="s_np = a.std(ddof=1)\ns_t = t.std(correction=0)\ns_np, s_t",
        checker=check_std_divisor,
        mistakes=(("s_np = a.std()\ns_t = t.std(correction=0)", "exercise.std_n_not_n1"),
                  ("s_np = a.std(ddof=1)\ns_t = t.std()", "exercise.std_n1_not_n")),
    ),
]
