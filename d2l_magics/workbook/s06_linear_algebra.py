"""Section 6: dot and outer products, matrix-vector and matrix-matrix products, norms."""
from __future__ import annotations

import torch

from .checks import expect, expect_norm, given
from .core import IMPORTS, Exercise


def check_matmul(ns, attempt):
    A, B = given(ns, attempt, "A"), given(ns, attempt, "B")
    return expect(ns, "C", A @ B, mistakes=[(lambda: A * B, "exercise.elementwise_not_matmul"),
                                           (lambda: B @ A, "exercise.matmul-not-elementwise.order")])


def check_dot_outer(ns, attempt):
    x, y = given(ns, attempt, "x"), given(ns, attempt, "y")
    return (expect(ns, "d", torch.dot(x, y), mistakes=[(lambda: x * y, "exercise.dot-outer.not_summed")])
            or expect(ns, "O", torch.outer(x, y), mistakes=[
                (lambda: torch.outer(y, x), "exercise.transposed"),
                (lambda: torch.dot(x, y), "exercise.dot-outer.inner_for_outer"),
                (lambda: x * y, "exercise.dot-outer.inner_for_outer")]))


def check_mv(ns, attempt):
    A, x = given(ns, attempt, "A"), given(ns, attempt, "x")
    return expect(ns, "b", torch.mv(A, x), mistakes=[(lambda: A * x, "exercise.elementwise_not_matmul")])


def check_norms(ns, attempt):
    u, M = given(ns, attempt, "u"), given(ns, attempt, "M")
    return (expect_norm(ns, "l1", u, "l1") or expect_norm(ns, "l2", u, "l2")
            or expect_norm(ns, "fro", M, "l2"))


EXERCISES = [
    Exercise(
        name="matmul-not-elementwise", section=6,
        setup=IMPORTS + "A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\nB = torch.tensor([[5.0, 6.0], [7.0, 8.0]])\n",
        given=("torch", "np", "A", "B"), answers=("C",),
        solution="C = A @ B\nC",
        checker=check_matmul,
        mistakes=(("C = A * B", "exercise.elementwise_not_matmul"),
                  ("C = B @ A", "exercise.matmul-not-elementwise.order")),
    ),
    Exercise(
        name="dot-outer", section=6, uses_shapes=True,
        setup=IMPORTS + "x = torch.tensor([1.0, 2.0, 3.0])\ny = torch.tensor([4.0, 5.0, 6.0])\n",
        given=("torch", "np", "x", "y"), answers=("d", "O"),
        solution="d = torch.dot(x, y)\nO = torch.outer(x, y)\nd, O",
        checker=check_dot_outer,
        mistakes=(("d = x * y\nO = torch.outer(x, y)", "exercise.dot-outer.not_summed"),
                  ("d = torch.dot(x, y)\nO = torch.outer(y, x)", "exercise.transposed"),
                  ("d = x @ y\nO = x @ y", "exercise.dot-outer.inner_for_outer")),
    ),
    Exercise(
        name="mv-shapes", section=6, uses_shapes=True,
        setup=IMPORTS + "A = torch.arange(6.0).reshape(2, 3)\nx = torch.tensor([1.0, 0.0, -1.0])\n",
        given=("torch", "np", "A", "x"), answers=("b",),
        solution="b = torch.mv(A, x)\nb",
        checker=check_mv,
        mistakes=(("b = A * x", "exercise.elementwise_not_matmul"),
                  ("b = torch.mv(A.T, x)", "exercise.error.matmul_shapes")),
    ),
    Exercise(
        name="norms", section=6,
        setup=IMPORTS + "u = torch.tensor([3.0, -4.0])\nM = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])\n",
        given=("torch", "np", "u", "M"), answers=("l1", "l2", "fro"),
        solution="l1 = u.abs().sum()\nl2 = torch.norm(u)\nfro = torch.norm(M)\nl1, l2, fro",
        checker=check_norms,
        mistakes=(("l1 = u.sum()\nl2 = torch.norm(u)\nfro = torch.norm(M)", "exercise.norm_kind"),
                  ("l1 = torch.norm(u)\nl2 = torch.norm(u)\nfro = torch.norm(M)", "exercise.norm_kind"),
                  ("l1 = u.abs().sum()\nl2 = torch.norm(u)\nfro = (M ** 2).sum()", "exercise.norm_kind")),
    ),
]
