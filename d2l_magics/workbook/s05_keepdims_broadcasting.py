"""Section 5: ``keepdims`` keeps a reduced axis as 1 so the result broadcasts back."""
from __future__ import annotations

from .checks import Reduction, expect, given
from .core import IMPORTS, Exercise


def check_keepdims_normalize(ns, attempt):
    A = given(ns, attempt, "A")
    row_sums = A.sum(dim=1, keepdim=True)
    return (expect(ns, "row_sums", row_sums, reduced=Reduction(A, "sum", (1,), keepdims=True))
            or expect(ns, "P", A / row_sums, mistakes=[
                (lambda: A / A.sum(dim=1), "exercise.keepdims-normalize.rows_as_columns"),
                (lambda: A / A.sum(dim=0, keepdim=True), "exercise.keepdims-normalize.columns_normalized")]))


def check_broadcast_center(ns, attempt):
    X = given(ns, attempt, "X")
    return expect(ns, "C", X - X.mean(dim=0), mistakes=[
        (lambda: X - X.mean(dim=1, keepdim=True), "exercise.broadcast-center.rows_centered"),
        (lambda: X - X.mean(), "exercise.broadcast-center.overall_mean")])


def check_broadcast_table(ns, attempt):
    a, b = given(ns, attempt, "a"), given(ns, attempt, "b")
    want = a.reshape(3, 1) + b.reshape(1, 4)
    return expect(ns, "table", want, mistakes=[(lambda: want.T, "exercise.transposed")])


EXERCISES = [
    Exercise(
        name="keepdims-normalize", section=5, uses_shapes=True,
        setup=IMPORTS + "A = torch.arange(1.0, 10.0).reshape(3, 3)\n",
        given=("torch", "np", "A"), answers=("row_sums", "P"),
        solution="row_sums = A.sum(dim=1, keepdim=True)\nP = A / row_sums\nP.sum(dim=1)",
        checker=check_keepdims_normalize,
        mistakes=(("row_sums = A.sum(dim=1)\nP = A / row_sums", "exercise.forgot_keepdims"),
                  ("row_sums = A.sum(dim=1, keepdim=True)\nP = A / A.sum(dim=1)",
                   "exercise.keepdims-normalize.rows_as_columns"),
                  ("row_sums = A.sum(dim=0, keepdim=True)\nP = A / row_sums", "exercise.wrong_axis")),
    ),
    Exercise(
        name="broadcast-center", section=5, uses_shapes=True,
        setup=IMPORTS + "X = torch.arange(12.0).reshape(4, 3)\n",
        given=("torch", "np", "X"), answers=("C",),
        solution="C = X - X.mean(dim=0)\nC.mean(dim=0)",
        checker=check_broadcast_center,
        mistakes=(("C = X - X.mean(dim=1, keepdim=True)", "exercise.broadcast-center.rows_centered"),
                  ("C = X - X.mean()", "exercise.broadcast-center.overall_mean"),
                  ("C = X - X.mean(dim=1)", "exercise.error.broadcast")),
    ),
    Exercise(
        name="broadcast-table", section=5, uses_shapes=True,
        setup=IMPORTS + "a = torch.tensor([0, 10, 20])\nb = torch.tensor([1, 2, 3, 4])\n",
        given=("torch", "np", "a", "b"), answers=("table",),
        solution="table = a.reshape(3, 1) + b.reshape(1, 4)\ntable",
        checker=check_broadcast_table,
        mistakes=(("table = a + b", "exercise.error.broadcast"),
                  ("table = a.reshape(1, 3) + b.reshape(4, 1)", "exercise.transposed")),
    ),
]
