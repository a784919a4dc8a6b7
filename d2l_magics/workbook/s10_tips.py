"""Section 10 (the notes' tips): the norm functions and ``torch.randn``'s keyword arguments."""
from __future__ import annotations

import torch

from ..messages import Note
from .checks import expect, expect_norm, given
from .core import IMPORTS, Exercise


def check_norm_variants(ns, attempt):
    M = given(ns, attempt, "M")
    return (expect_norm(ns, "fro", M, "l2", kind="tensor") or expect_norm(ns, "nuc", M, "nuc", kind="tensor")
            or expect_norm(ns, "l1", M, "l1", kind="tensor"))


def check_randn_signature(ns, attempt):
    W = ns["W"]
    if not isinstance(W, torch.Tensor):
        return Note.of("exercise.want_tensor", var="W", type=type(W).__name__)
    g = torch.Generator()
    g.set_state(attempt.before["g"])
    want = torch.randn(2, 3, generator=g, dtype=torch.float64)
    g.set_state(attempt.before["g"])
    as_float32 = torch.randn(2, 3, generator=g)
    wrong = expect(ns, "W", want, dtype="float64", mistakes=[
        (lambda: as_float32, "exercise.float32_not_float64"),
        (lambda: as_float32.double(), "exercise.float32_not_float64")])
    if wrong and wrong.id in ("exercise.wrong_value", "exercise.wrong_dtype") and tuple(W.shape) == (2, 3):
        return Note.of("exercise.randn-signature.not_from_g", var="W")
    if wrong:
        return wrong
    if not W.requires_grad:
        return Note.of("exercise.no_requires_grad", var="W")
    if not W.is_leaf:
        return Note.of("exercise.not_leaf", var="W")
    return None


EXERCISES = [
    Exercise(
        name="norm-variants", section=10,
        setup=IMPORTS + "M = torch.tensor([[2.0, -1.0], [3.0, 4.0]])\n",
        given=("torch", "np", "M"), answers=("fro", "nuc", "l1"),
        solution=("fro = torch.linalg.matrix_norm(M, ord='fro')\nnuc = torch.linalg.matrix_norm(M, ord='nuc')\n"
                  "l1 = torch.linalg.vector_norm(M, ord=1)\nfro, nuc, l1"),
        checker=check_norm_variants,
        mistakes=(("fro = torch.linalg.matrix_norm(M)\nnuc = torch.linalg.matrix_norm(M)\n"
                   "l1 = torch.linalg.vector_norm(M, ord=1)", "exercise.norm_kind"),
                  ("fro = torch.norm(M)\nnuc = torch.linalg.matrix_norm(M, ord=2)\n"
                   "l1 = torch.linalg.vector_norm(M, ord=1)", "exercise.norm_kind"),
                  ("fro = torch.norm(M)\nnuc = torch.linalg.matrix_norm(M, ord='nuc')\n"
                   "l1 = torch.linalg.matrix_norm(M, ord=1)", "exercise.norm_kind")),
    ),
    Exercise(
        name="randn-signature", section=10,
        setup=IMPORTS + "g = torch.Generator().manual_seed(0)\n",
        given=("torch", "np", "g"), answers=("W",),
        solution="W = torch.randn(size=(2, 3), generator=g, dtype=torch.float64, requires_grad=True)\nW",
        checker=check_randn_signature,
        mistakes=(("W = torch.randn(size=(2, 3), generator=g, dtype=torch.float64)", "exercise.no_requires_grad"),
                  ("W = torch.randn(2, 3, generator=g, requires_grad=True)", "exercise.float32_not_float64"),
                  ("W = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)",
                   "exercise.randn-signature.not_from_g"),
                  ("W = torch.randn(2, 3, generator=g, requires_grad=True).double()", "exercise.not_leaf")),
    ),
]
