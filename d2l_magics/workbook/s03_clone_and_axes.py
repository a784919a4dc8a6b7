"""Section 3: ``clone`` is NumPy's ``copy``; torch's ``dim`` is NumPy's ``axis``."""
from __future__ import annotations

from ..messages import Note
from .checks import Reduction, expect, given, given_object, same, shares_memory
from .core import IMPORTS, Exercise


def check_clone_not_alias(ns, attempt):
    changed = not same(attempt.objects["X"], attempt.before["X"])
    if changed or shares_memory(ns["Y"], given_object(ns, attempt, "X")):
        return Note.of("exercise.view_not_copy", var="Y", source="X")
    want = given(ns, attempt, "X").clone()
    want[0, 0] = 100
    return expect(ns, "Y", want, kind="tensor")


def check_dim_axis_max(ns, attempt):
    X = given(ns, attempt, "X")
    if isinstance(ns["row_max"], tuple):  # torch.return_types.max is a (values, indices) tuple
        return Note.of("exercise.dim-axis-max.tuple", var="row_max")
    values, indices = X.max(dim=1)
    return (expect(ns, "row_max", values, reduced=Reduction(X, "max", (1,)))
            or expect(ns, "row_arg", indices, mistakes=[(lambda: values, "exercise.dim-axis-max.values_not_indices")]))


EXERCISES = [
    Exercise(
        name="clone-not-alias", section=3,
        setup=IMPORTS + "X = torch.arange(6).reshape(2, 3)\n",
        given=("torch", "np", "X"), answers=("Y",),
        solution="Y = X.clone()\nY[0, 0] = 100\nY",
        checker=check_clone_not_alias,
        mistakes=(("Y = X\nY[0, 0] = 100", "exercise.view_not_copy"),
                  ("Y = X[:]\nY[0, 0] = 100", "exercise.view_not_copy"),
                  ("Y = X.clone()", "exercise.wrong_value")),
    ),
    Exercise(
        name="dim-axis-max", section=3,
        setup=IMPORTS + "X = torch.tensor([[1.0, 5.0, 2.0], [7.0, 3.0, 4.0]])\n",
        given=("torch", "np", "X"), answers=("row_max", "row_arg"),
        solution="row_max, row_arg = X.max(dim=1)\nrow_max, row_arg",
        checker=check_dim_axis_max,
        mistakes=(("row_max = X.max(dim=1)\nrow_arg = X.argmax(dim=1)", "exercise.dim-axis-max.tuple"),
                  ("row_max, row_arg = X.max(dim=0)", "exercise.wrong_axis"),
                  ("row_max = X.max(dim=1).values\nrow_arg = X.max(dim=1).values",
                   "exercise.dim-axis-max.values_not_indices")),
    ),
]
