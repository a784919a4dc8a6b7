"""Section 7: autograd: ``requires_grad``, ``backward``, clearing ``.grad``, ``gradient=``,
``retain_graph``."""
from __future__ import annotations

import torch

from .checks import expect, expect_grad, given
from .core import IMPORTS, Exercise

FRESH_X = IMPORTS + "x = torch.arange(4.0, requires_grad=True)\n"


def check_grad_of_dot(ns, attempt):
    x = given(ns, attempt, "x")
    return (expect(ns, "y", 2 * torch.dot(x, x))
            or expect_grad(ns, attempt, "x", 4 * x,
                           mistakes=[(lambda: 2 * x, "exercise.grad-of-dot.lost_factor")]))


def check_zero_grad(ns, attempt):
    x = given(ns, attempt, "x")
    return expect(ns, "y", (x ** 3).sum()) or expect_grad(ns, attempt, "x", 3 * x ** 2)


def check_nonscalar_backward(ns, attempt):
    x = given(ns, attempt, "x")
    return expect(ns, "y", x * x) or expect_grad(ns, attempt, "x", 2 * x)


def check_retain_graph(ns, attempt):
    x = given(ns, attempt, "x")
    return (expect(ns, "z", (x ** 2).sum())
            or expect_grad(ns, attempt, "x", 4 * x, mistakes=[(lambda: 2 * x, "exercise.retain-graph.once")]))


EXERCISES = [
    Exercise(
        name="grad-of-dot", section=7,
        setup=FRESH_X, given=("torch", "np", "x"), answers=("y",),
        solution="y = 2 * torch.dot(x, x)\ny.backward()\nx.grad",
        checker=check_grad_of_dot,
        mistakes=(("y = 2 * torch.dot(x, x)", "exercise.grad_missing"),
                  ("y = 2 * torch.dot(x, x)\ny.backward()\ny.backward()", "grad.explain.second_backward"),
                  ("x = torch.arange(4.0, requirs_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()",
                   "grad.explain.misspelt_keyword")),
    ),
    Exercise(
        name="zero-grad", section=7,
        setup=FRESH_X + "(x * x).sum().backward()\n",
        given=("torch", "np", "x"), answers=("y",),
        solution="x.grad.zero_()\ny = (x ** 3).sum()\ny.backward()\nx.grad",
        checker=check_zero_grad,
        mistakes=(("y = (x ** 3).sum()\ny.backward()", "exercise.grad_accumulated"),),
    ),
    Exercise(
        name="nonscalar-backward", section=7,
        setup=FRESH_X, given=("torch", "np", "x"), answers=("y",),
        solution="y = x * x\ny.backward(gradient=torch.ones_like(y))\nx.grad",
        checker=check_nonscalar_backward,
        mistakes=(("y = x * x\ny.backward()", "grad.explain.nonscalar_backward"),
                  ("y = x * x\ny.backward(gradient=torch.ones(3))", "exercise.error.gradient_shape")),
    ),
    Exercise(
        name="retain-graph", section=7,
        setup=IMPORTS + "x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\n",
        given=("torch", "np", "x"), answers=("z",),
        solution="z = (x ** 2).sum()\nz.backward(retain_graph=True)\nz.backward()\nx.grad",
        checker=check_retain_graph,
        mistakes=(("z = (x ** 2).sum()\nz.backward()\nz.backward()", "grad.explain.second_backward"),
                  ("z = (x ** 2).sum()\nz.backward(return_garph=True)\nz.backward()", "grad.explain.misspelt_keyword"),
                  ("z = (x ** 2).sum()\nz.backward()", "exercise.retain-graph.once")),
    ),
]
