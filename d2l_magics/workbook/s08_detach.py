"""Section 8: ``detach`` makes a value a constant for autograd (and readable by NumPy)."""
from __future__ import annotations

from ..messages import Note
from .checks import expect, expect_grad, given
from .core import IMPORTS, Exercise


def check_detach_constant(ns, attempt):
    x = given(ns, attempt, "x")
    wrong = expect(ns, "u", x * x) or expect_grad(
        ns, attempt, "x", x * x, mistakes=[(lambda: 3 * x ** 2, "exercise.detach-constant.not_detached")])
    if wrong:
        return wrong
    if getattr(ns["u"], "requires_grad", False):
        return Note.of("exercise.detach-constant.not_detached", var="u")
    return None


def check_detach_to_numpy(ns, attempt):
    return expect(ns, "arr", given(ns, attempt, "w"), kind="numpy")


EXERCISES = [
    Exercise(
        name="detach-constant", section=8,
        setup=IMPORTS + "x = torch.arange(4.0, requires_grad=True)\n",
        given=("torch", "np", "x"), answers=("u",),
        solution="y = x * x\nu = y.detach()\nz = u * x\nz.sum().backward()\nx.grad == u",
        checker=check_detach_constant,
        mistakes=(("y = x * x\nu = y\nz = u * x\nz.sum().backward()", "exercise.detach-constant.not_detached"),
                  ("y = x * x\nu = y.detach()\nz = u * x", "exercise.grad_missing")),
    ),
    Exercise(
        name="detach-to-numpy", section=8,
        setup=IMPORTS + "w = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(0))\n",
        given=("torch", "np", "w"), answers=("arr",),
        solution="arr = w.detach().numpy()\narr",
        checker=check_detach_to_numpy,
        mistakes=(("arr = w.numpy()", "grad.explain.numpy_requires_grad"),
                  ("arr = w.detach()", "exercise.want_numpy")),
    ),
]
