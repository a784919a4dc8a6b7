"""Section 4: shapes, and reductions over several axes at once."""
from __future__ import annotations

from .checks import Reduction, expect, given
from .core import IMPORTS, Exercise


def check_sum_two_axes(ns, attempt):
    X = given(ns, attempt, "X")
    return expect(ns, "S", X.sum(dim=(1, 2)), reduced=Reduction(X, "sum", (1, 2)))


def check_mean_over_axes(ns, attempt):
    X = given(ns, attempt, "X")
    return expect(ns, "M", X.mean(dim=(0, 2)), reduced=Reduction(X, "mean", (0, 2)))


EXERCISES = [
    Exercise(
        name="sum-two-axes", section=4, uses_shapes=True,
        setup=IMPORTS + "X = torch.arange(30.0).reshape(2, 3, 5)\n",
        given=("torch", "np", "X"), answers=("S",),
        solution="S = X.sum(axis=(1, 2))\nS.shape",
        checker=check_sum_two_axes,
        mistakes=(("S = X.sum(axis=0)", "exercise.wrong_axis"),
                  ("S = X.sum(axis=(1, 2), keepdims=True)", "exercise.extra_keepdims"),
                  ("S = X.sum()", "exercise.wrong_axis")),
    ),
    Exercise(
        name="mean-over-axes", section=4, uses_shapes=True,
        setup=IMPORTS + "X = torch.arange(24.0).reshape(2, 3, 4)\n",
        given=("torch", "np", "X"), answers=("M",),
        solution="M = X.mean(dim=(0, 2))\nM",
        checker=check_mean_over_axes,
        mistakes=(("M = X.sum(dim=(0, 2))", "exercise.wrong_reduction"),
                  ("M = X.mean(dim=(1, 2))", "exercise.wrong_axis")),
    ),
]
