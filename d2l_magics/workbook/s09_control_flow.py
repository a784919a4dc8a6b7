"""Section 9: autograd follows whatever path Python's loops and ifs took."""
from __future__ import annotations

import torch

from .checks import expect, expect_grad, given
from .core import IMPORTS, Exercise

BOOK_F = '''
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

a = torch.randn(size=(), requires_grad=True, generator=torch.Generator().manual_seed(1))
'''


def check_grad_control_flow(ns, attempt):
    """k is read from autograd on the ``f`` the learner called: a learner's own ``f`` (kept by
    ``provide_given``, or defined in the cell) need not be linear like the book's, so d / a is not k."""
    a = given(ns, attempt, "a").detach().clone().requires_grad_(True)
    d = given(ns, attempt, "f")(a)
    (k,) = torch.autograd.grad(d, a)
    d = d.detach()
    return (expect(ns, "d", d)
            or expect(ns, "k", k, mistakes=[(lambda: d, "exercise.grad-control-flow.value_not_grad")])
            or expect_grad(ns, attempt, "a", k))


def check_grad_loop_power(ns, attempt):
    x = given(ns, attempt, "x")
    return (expect(ns, "y", x ** 5, mistakes=[(lambda: x ** 4, "exercise.grad-loop-power.off_by_one"),
                                            (lambda: x ** 6, "exercise.grad-loop-power.off_by_one")])
            or expect_grad(ns, attempt, "x", 5 * x ** 4))


EXERCISES = [
    Exercise(
        name="grad-control-flow", section=9,
        setup=IMPORTS + BOOK_F, given=("torch", "np", "f", "a"), answers=("d", "k"),
        solution="d = f(a)\nd.backward()\nk = a.grad\nk, d / a",
        checker=check_grad_control_flow,
        mistakes=(("d = f(a)\nd.backward()\nk = d", "exercise.grad-control-flow.value_not_grad"),
                  ("d = f(a)\nk = d / a", "exercise.grad_missing")),
    ),
    Exercise(
        name="grad-loop-power", section=9,
        setup=IMPORTS + "x = torch.tensor(2.0, requires_grad=True)\n",
        given=("torch", "np", "x"), answers=("y",),
        solution="y = torch.tensor(1.0)\nfor _ in range(5):\n    y = y * x\ny.backward()\nx.grad",
        checker=check_grad_loop_power,
        mistakes=(("y = 1\nfor _ in range(4):\n    y = y * x\ny.backward()", "exercise.grad-loop-power.off_by_one"),
                  ("y = torch.tensor(1.0)\nfor _ in range(5):\n    y = y * x.item()\ny.backward()",
                   "exercise.error.no_grad_fn")),
    ),
]
