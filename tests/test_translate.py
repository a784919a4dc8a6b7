"""The translator: every rule both ways runs and agrees with the source library, with its note;
the chapter-2 traps; untranslatable statements; line numbers; and properties over generated code."""
from __future__ import annotations

import ast
import math
import traceback
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wrapped import in_text

import d2l_magics as dm
from d2l_magics.cell import compile_statement, register_source, run_cell
from d2l_magics.messages import CATALOGUE, use_language
from d2l_magics.messages.translate import MESSAGES
from d2l_magics.translation import rules
from d2l_magics.translation.translator import StatementTranslator, Translation, _translate, direction, translate
from d2l_magics.translation.unparse import statement_code
from d2l_magics.values import to_numpy

SOURCE_DIR = Path(dm.__file__).parent


# ----------------------------------------------------------------------------- helpers


def torch_values() -> dict:
    return {
        "x": torch.tensor([1.0, 2.0, 3.0, 4.0]),
        "y": torch.tensor([0.5, -1.0, 2.0, 1.5]),
        "A": torch.arange(12, dtype=torch.float32).reshape(3, 4),
        "B": torch.arange(12, dtype=torch.float32).reshape(4, 3) / 4,
        "X3": torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) - 10,
        "I": torch.arange(12).reshape(3, 4),
        "a1": torch.tensor([3.5]),
        "p": torch.tensor([0.2, 0.3, 0.5]),
    }


def numpy_values() -> dict:
    return {
        "x": np.array([1.0, 2.0, 3.0, 4.0]),
        "y": np.array([0.5, -1.0, 2.0, 1.5]),
        "A": np.arange(12.0).reshape(3, 4),
        "B": np.arange(12.0).reshape(4, 3) / 4,
        "X3": np.arange(24.0).reshape(2, 3, 4) - 10,
        "I": np.arange(12).reshape(3, 4),
        "p": np.array([0.2, 0.3, 0.5]),
    }


def namespace(values: dict) -> dict:
    return {"torch": torch, "np": np, **values}


def as_array(value) -> np.ndarray:
    return to_numpy(value) if isinstance(value, torch.Tensor) else np.asarray(value)


def assert_agree(expected, actual, values=True, rtol=1e-5, atol=1e-6):
    """Same structure, shape and dtype; the same numbers unless ``values`` is False (random draws).
    A list and a tuple are both a sequence (``np.split`` gives a list, ``torch.tensor_split`` a tuple)."""
    if isinstance(expected, (tuple, list)) and not isinstance(expected, torch.Size):
        assert isinstance(actual, (tuple, list)) and len(actual) == len(expected), (expected, actual)
        for e, a in zip(expected, actual):
            assert_agree(e, a, values, rtol, atol)
        return
    e, a = as_array(expected), as_array(actual)
    assert e.shape == a.shape, (e, a)
    assert e.dtype == a.dtype, (e.dtype, a.dtype)
    if values:
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol)


def check(source: str, note_ids, to: str, values=True) -> Translation:
    """Run ``source`` and its translation on equal inputs; they agree and the notes fired."""
    torch_side, numpy_side = namespace(torch_values()), namespace(
        {k: v.numpy().copy() for k, v in torch_values().items()})
    if to == "torch":
        torch_side = namespace({k: torch.from_numpy(v.copy()) for k, v in numpy_values().items()})
        numpy_side = namespace(numpy_values())
    t = translate(source, to=to)
    assert all(s.code is not None for s in t.statements), [s.reason for s in t.statements]
    original, translated = (torch_side, numpy_side) if to == "numpy" else (numpy_side, torch_side)
    expected = run_cell(source, original)
    actual = run_cell(t.code, translated)
    assert_agree(expected, actual, values)
    fired = {note.id for note in t.notes}
    assert set(note_ids) <= fired, (t.code, fired)
    return t


# ----------------------------------------------------------------------------- torch → NumPy

ELEMENTWISE_UNARY = rules.ELEMENTWISE

FORWARD = [
    # creating arrays
    ("torch.tensor([1.0, 2, 4, 8])", ["tensor", "float32_default"]),
    ("torch.tensor([[2, 1, 4, 3], [1, 2, 3, 4]])", ["tensor"]),
    ("torch.as_tensor([1.5, 2.5])", ["as_tensor", "float32_default"]),
    ("torch.from_numpy(np.ones(3))", ["from_numpy"]),
    ("torch.arange(4.0)", ["arange", "float32_default"]),
    ("torch.arange(12)", ["arange"]),
    ("torch.arange(12, dtype=torch.float32)", ["arange", "dtype"]),
    ("torch.zeros((2, 3, 4))", ["filled", "float32_default"]),
    ("torch.ones(4, 3)", ["filled", "varargs_shape"]),
    ("torch.ones(size=(2, 3))", ["filled", "keyword"]),
    ("torch.empty(2, 3).shape", ["filled", "varargs_shape"]),
    ("torch.full((2, 3), 1.5)", ["filled", "float32_default"]),
    ("torch.full((2, 3), 7)", ["filled"]),
    ("torch.eye(3)", ["filled", "float32_default"]),
    ("torch.eye(2, 3)", ["filled"]),
    ("torch.linspace(0, 1, steps=5)", ["filled", "keyword"]),
    ("torch.zeros_like(A)", ["like"]),
    ("torch.ones_like(I)", ["like"]),
    ("torch.full_like(A, 2.0)", ["like"]),
    ("torch.empty_like(A).shape", ["like"]),
    ("x = torch.arange(4.0, requires_grad=True)\nx", ["arange", "requires_grad_dropped"]),
    ("torch.zeros(2, device='cpu')", ["device_dropped"]),
    # elementwise and arithmetic
    *((f"torch.{name}(x)", ["elementwise"]) for name in ELEMENTWISE_UNARY),
    *((f"x.{name}()", ["elementwise_method"]) for name in ELEMENTWISE_UNARY),
    ("torch.maximum(x, y), torch.minimum(x, y)", ["elementwise"]),
    ("x.maximum(y), x.minimum(y)", ["elementwise_method"]),
    ("torch.where(x > 2, x, y)", ["elementwise"]),
    ("torch.add(x, y), torch.sub(x, y), torch.mul(x, 2), torch.div(x, y), torch.pow(x, 2)",
     ["arithmetic"]),
    ("x.add(y), x.sub(y), x.mul(y), x.div(y), x.pow(2)", ["elementwise_method"]),
    ("torch.clamp(y, min=0), torch.clamp(y, 0, 1), y.clamp(0), y.clamp(max=1)", ["clamp"]),
    ("torch.clip(y, -0.5, 0.5), y.clip(0, 1)", ["clamp"]),
    ("x + y, x - y, x * y, x / y, x ** y, -x, A == A.T.T, A[1:3], A[-1], A[:, 1]", []),
    # reductions
    *((f"A.{name}(), A.{name}(dim=1), torch.{name}(A, 0), A.{name}(dim=0, keepdim=True)",
       ["reduce", "dim_axis", "keepdim"]) for name in rules.REDUCTIONS),
    ("A.mean(), A.mean(dim=1), torch.mean(A, 0, keepdim=True)", ["mean_int", "dim_axis"]),
    ("A.sum(0, True), torch.prod(A, 1, True), torch.amax(A, 0, True), A.std(1, False, True)",
     ["keepdim", "std_ddof", "amax"]),
    ("A.sum(axis=[0, 1])", ["axis_list"]),
    ("X3.sum(dim=[0, 2], keepdim=True)", ["axis_list", "keepdim"]),
    ("A.sum(dim=(0, 1)), torch.sum(X3, [1, 2])", ["axis_list"]),
    ("A.std(), A.var(dim=1), torch.std(A, dim=0, unbiased=False), A.std(correction=0), torch.var(A)",
     ["std_ddof"]),
    ("A.max(), A.min(), torch.max(A)", ["max_dim"]),
    ("A.max(dim=1), torch.max(A, 1), torch.min(A, dim=0, keepdim=True)", ["max_dim"]),
    ("A.min(dim=1).values, torch.max(A, 1).indices, torch.max(A, 1)[0]", ["max_dim"]),
    ("torch.max(x, y), torch.min(x, y), x.max(y)", ["max_pair"]),
    ("torch.amax(A, dim=1), A.amin(0), torch.amin(A), A.amax()", ["amax"]),
    ("A.cumsum(dim=0), torch.cumsum(A, 1)", ["cumsum"]),
    # products and norms
    ("torch.dot(x, y), x.dot(y)", ["dot"]),
    ("torch.mv(A, x), A.mv(x)", ["mv"]),
    ("torch.mm(A, B), A.mm(B)", ["mm"]),
    ("torch.matmul(A, B), A.matmul(x), A @ B", ["matmul"]),
    ("torch.outer(x, y), x.outer(y)", ["outer"]),
    ("torch.inner(x, y), x.inner(y), torch.inner(A, B.T), torch.inner(X3, A)", ["inner"]),
    ("torch.norm(x), x.norm(), torch.norm(A), torch.norm(X3), torch.norm(A, p=1), A.norm(p=1)",
     ["norm"]),
    ("torch.norm(A, dim=1), torch.norm(A, 'fro'), torch.norm(X3, 1, 2, True)", ["norm"]),
    ("torch.linalg.norm(x), torch.linalg.norm(A, ord=1), torch.linalg.norm(A, dim=1)",
     ["linalg_norm", "dim_axis"]),
    (("torch.linalg.vector_norm(A), torch.linalg.vector_norm(A, ord=1), "
     "torch.linalg.vector_norm(X3, 1, dim=2)"), ["vector_norm"]),
    ("torch.linalg.matrix_norm(A), torch.linalg.matrix_norm(A, ord='nuc')", ["matrix_norm"]),
    # joining
    ("torch.cat((A, A), dim=0), torch.cat([A, A], 1), torch.concat((x, y))", ["cat"]),
    ("torch.stack((x, y)), torch.stack([x, y], dim=1)", ["stack"]),
    # shapes
    ("A.reshape(2, 6), A.reshape((6, 2)), torch.reshape(A, (-1,))", ["reshape"]),
    ("A.view(2, 6), A.view(-1)", ["view"]),
    ("X3.flatten(), X3.flatten(1), torch.flatten(X3, start_dim=1), X3.flatten(0, -1)", ["flatten"]),
    ("A.reshape(3, 1, 4).squeeze(1), torch.squeeze(A.reshape(1, 12)), A.reshape(3, 1, 4).squeeze()",
     ["squeeze"]),
    ("A.unsqueeze(0), torch.unsqueeze(x, 1), x.unsqueeze(dim=-1)", ["unsqueeze"]),
    ("A.transpose(0, 1), torch.transpose(X3, 0, 2)", ["transpose"]),
    ("X3.permute(2, 0, 1), torch.permute(X3, (1, 0, 2)), X3.permute((2, 1, 0))", ["permute"]),
    ("A.T, A.t()", ["T"]),
    ("X3.mT", ["mT"]),
    ("A.flip(0), torch.flip(X3, dims=(0, 2)), A.flip(dims=[1])", ["flip"]),
    ("x.repeat(2), A.repeat(2, 3), torch.tile(A, (2, 1))", ["repeat", "varargs_shape"]),
    ("torch.repeat_interleave(x, 2), A.repeat_interleave(2, dim=0)", ["repeat_interleave"]),
    ("A.cumprod(dim=1), torch.cumprod(A, 0)", ["cumsum"]),
    ("y.argsort(), torch.argsort(A, dim=0)", ["argsort"]),
    ("A.argsort(dim=1, descending=True), torch.argsort(y, 0, True), y.argsort(stable=True)",
     ["argsort", "argsort_descending"]),
    ("A.data", ["data"]),
    # copies and conversions
    ("A.clone(), torch.clone(A)", ["clone"]),
    ("A.detach()", ["detach"]),
    ("A.numpy()", ["numpy"]),
    ("A.cpu(), A.to('cpu')", ["device_dropped"]),
    ("A.to('cpu', torch.float64), I.to(device='cpu'), A.to(), A.to(I.dtype)", ["to", "device_dropped"]),
    ("A.contiguous()", ["contiguous"]),
    ("a1.item(), A.sum().item()", ["item"]),
    ("A.tolist()", ["tolist"]),
    ("float(a1), int(a1), float(A.sum()), float(3)", ["scalar_builtin"]),
    # dtypes and casts
    ("I.float(), A.double(), A.long(), A.int(), A.bool(), A.half(), A.short()", ["cast"]),
    ("A.to(torch.float64), I.to(dtype=torch.float32), I.type(torch.float32)", ["to"]),
    *((f"a1.{name}_()", ["inplace_unary"]) for name in rules.INPLACE_ELEMENTWISE),
    *((f"torch.zeros(2, dtype=torch.{name})", ["dtype"]) for name in rules.DTYPES),
    *((f"torch.zeros(2, dtype=torch.{name})", ["dtype"]) for name in rules.DTYPE_NICKNAMES),
    ("A.dtype == torch.float32", ["dtype"]),
    ("isinstance(A, torch.Tensor)", ["tensor_type"]),
    ("torch.pi, torch.e, torch.inf, torch.nan", ["constant"]),
    # sizes
    ("A.size(), A.size(1), X3.size(dim=0)", ["size"]),
    ("A.numel(), torch.numel(X3)", ["numel"]),
    ("A.dim(), X3.ndimension(), A.shape, len(A)", ["ndim"]),
    # in place
    ("W = A.clone()\nW.zero_()\nW", ["fill"]),
    ("W = A.clone()\nW.fill_(2.5)\nW", ["fill"]),
    ("W = A.clone()\nW.add_(1)\nW.sub_(B.T)\nW.mul_(2)\nW.div_(4)\nW.pow_(2)\nW", ["inplace"]),
    ("W = A.clone()\nW.clamp_(2, 9)\nW.clip_(min=3)\nW.neg_()\nW", ["inplace"]),
    ("torch.index_select(A, 1, torch.tensor([2, 0])), A.index_select(0, torch.tensor([1]))", ["index_select"]),
    ("torch.gather(A, 1, torch.tensor([[0, 1], [2, 3], [1, 1]])), A.gather(0, torch.tensor([[2, 1, 0, 1]]))",
     ["gather"]),
    ("torch.masked_select(A, A > 3), A.masked_select(A < 2)", ["masked_select"]),
    ("W = A.clone()\nW[1, 2] = 9\nW[0:2, :] = 12\nW += 1\nW", ["clone"]),
    ("W = A.clone()\nfor i in range(3):\n    W[i].add_(i)\nW", ["inplace"]),
    ("def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n        b = b * 2\n    return b\nf(x)",
     ["norm"]),
    ("Z = torch.zeros_like(A)\nZ[:] = A + A\nZ", ["like"]),
    # issue 12: the everyday API
    ("torch.eye(3), torch.linspace(0, 1, 5), torch.logspace(0, 2, 3)", ["filled"]),
    ("torch.logspace(start=-1, end=1, steps=5), torch.linspace(start=0, end=1, steps=3)", ["filled", "keyword"]),
    ("torch.round(x * 1.5), (x * 1.5).round(), torch.neg(x), x.neg()", ["round", "arithmetic"]),
    (", ".join(f"torch.{name}(x, y), x.{name}(y)" for name in rules.COMPARISONS), ["comparison"]),
    (", ".join(f"torch.{name}(x, y), x.{name}(y)" for name in rules.BINARY), ["elementwise"]),
    ("torch.equal(x, x), torch.sigmoid(x), x.sigmoid()", ["equal", "sigmoid"]),
    ("import torch.nn.functional as F\nF.relu(X3), torch.relu(I - 5), (A - 5).relu(), F.sigmoid(X3)",
     ["written_out_import", "relu", "sigmoid"]),
    (("from torch.nn import functional as F\nF.softmax(A, dim=1), torch.softmax(X3 * 100, -1), "
      "F.log_softmax(A, 0), torch.log_softmax(X3 * 100, dim=1)"), ["written_out_import", "softmax", "log_softmax"]),
    ("torch.sort(x), torch.sort(A, dim=0).values, torch.sort(A, 1)[1], torch.sort(x, stable=True)", ["sort"]),
    ("torch.nonzero(x > 1), torch.nonzero(A > 5, as_tuple=True)", ["nonzero"]),
    (("torch.einsum('ij,jk->ik', A, B), torch.trace(A), torch.vstack([x, y]), torch.hstack([x, y]), "
     "torch.broadcast_to(x, (3, 4))"), ["same"]),
    (("torch.count_nonzero(A), torch.count_nonzero(A, dim=0), torch.allclose(x, x), torch.tril(A), "
     "torch.triu(A, diagonal=1)"), ["same"]),
    (("torch.diag(x), torch.diag(A, 1), torch.tensordot(A, B, dims=1), torch.roll(x, 1), "
     "torch.roll(A, shifts=1, dims=0)"), ["same"]),
    ("torch.bincount(I.flatten()), torch.unique(I % 3), torch.unique(I % 3, return_counts=True)", ["same"]),
    ("torch.tensor(torch.finfo(torch.float32).eps), torch.tensor(torch.iinfo(torch.int32).max)", ["same"]),
    (("S = A[:, :3].T @ A[:, :3] / 100 + torch.eye(3)\ntorch.linalg.inv(S), torch.linalg.det(S), "
     "torch.linalg.solve(S, x[:3]), torch.linalg.matrix_rank(A), torch.linalg.eigvalsh(S)"), ["same"]),
    ("torch.quantile(x, 0.5), torch.diff(x), torch.kron(x, y)", ["same"]),
    ("torch.meshgrid(x, y, indexing='xy'), torch.meshgrid(x, y, indexing='ij')", ["meshgrid"]),
    ("torch.cuda.is_available()", ["cuda"]),
    ("A.stride(), X3.stride(1), A.nelement()", ["stride", "numel"]),
    ("W = x.clone()\nW.put_(torch.tensor([0, 2]), torch.tensor([9.0, 8.0]))\nW", ["put"]),
    ("torch.as_strided(A, (2, 2), (1, 4)), torch.as_strided(x, size=(3, 2), stride=(1, 1))", ["as_strided"]),
    ("x.unfold(0, 2, 1), A.unfold(1, 2, 2), X3.unfold(2, 3, 1)", ["unfold"]),
    ("W = x.clone()\nW.index_put_((torch.tensor([0, 0]),), torch.tensor(1.0), accumulate=True)\nW", ["add_at"]),
    # learners' pastes from the PyTorch docs
    ("torch.var_mean(A), torch.std_mean(A, dim=0), torch.var_mean(A, 1, False, True), "
     "torch.std_mean(X3, [0, 2], correction=0), torch.var_mean(A @ B, dim=1, unbiased=False)", ["var_mean", "keepdim"]),
    ("torch.linalg.cross(B, B.flip(0)), torch.linalg.cross(A[:, :3], B[:3], dim=0), torch.cross(p, p * p, dim=0), "
     "torch.cross(B, B + 1, 1)", ["cross"]),
    ("torch.cross(p, p * p), p.cross(p + 1), torch.cross(A[:, :3], B[:3]), torch.cross(B @ A[:, :3], B)",
     ["cross", "cross_first_axis"]),
    ("A.masked_fill(A > 5, 0), torch.masked_fill(I, I > 5, 1.5), I.masked_fill(I % 2 == 0, -1.7), "
     "x.masked_fill(x < 3, torch.tensor(2.5, dtype=torch.float64)), A.masked_fill(torch.tensor([[True], [False], [True]]), -1), "
     "(A @ B).masked_fill(B[:3] > 1, 0)", ["masked_fill"]),
    ("W = I.clone()\nW.masked_fill_(W > 5, 1.5)\nW[0].masked_fill_(W[0] < 2, -1)\nW", ["masked_fill"]),
    ("torch.chunk(x, 3), x.chunk(4), torch.arange(5).chunk(4), A.chunk(3, dim=1), torch.chunk(X3, 2, -1), "
     "(A @ B).chunk(2, 1), torch.arange(10).chunk(chunks=4)", ["chunk"]),
]


@pytest.mark.parametrize("source, notes", FORWARD, ids=[s for s, _ in FORWARD])
def test_torch_to_numpy_agrees_and_says_why(source, notes):
    check(source, [f"translate.{n}" for n in notes], to="numpy")


RANDOM_FORWARD = [
    ("torch.rand(2, 3)", ["random", "float32_default"]),
    ("torch.randn(3, 4)", ["random", "float32_default"]),
    ("torch.randn(size=(2, 2)), torch.randn((2, 5)), torch.randn(4)", ["random"]),
    ("torch.randn(size=())", ["random", "float32_default"]),
    ("torch.randn(2, 3, dtype=torch.float64)", ["random", "dtype"]),
    ("torch.randn(3, generator=None)", ["random", "generator_dropped"]),
    ("torch.randint(0, 10, (3, 4)), torch.randint(5, (6,))", ["randint"]),
    ("torch.normal(0, 1, size=(2, 3)), torch.normal(torch.zeros(3), 1.0)", ["normal"]),
    ("torch.distributions.Multinomial(10, p).sample()", ["multinomial"]),
    ("torch.distributions.Multinomial(10, probs=p).sample((500,))", ["multinomial"]),
    ("torch.distributions.Normal(0.0, 1.0).sample((3, 2)), torch.distributions.Normal(0.0, 1.0).sample()",
     ["normal_distribution"]),
    ("torch.distributions.Normal(torch.zeros(2), 1.0).sample((3,))", ["normal_distribution"]),
    ("torch.randperm(5)", ["randperm"]),
    ("torch.randn_like(A), torch.rand_like(A, dtype=torch.float64)", ["random_like"]),
    ("torch.empty(3).uniform_(-1, 1)", ["uniform"]),
    ("W = torch.zeros(2, 3)\nW.uniform_(0, 1)\nW", ["uniform"]),
    ("torch.distributions.Uniform(0.0, 1.0).sample((3,))", ["uniform_distribution"]),
]


@pytest.mark.parametrize("source, notes", RANDOM_FORWARD, ids=[s for s, _ in RANDOM_FORWARD])
def test_random_draws_agree_in_shape_and_dtype(source, notes):
    check(source, [f"translate.{n}" for n in notes], to="numpy", values=False)


def test_multinomial_counts_add_up_and_the_from_import_is_remembered():
    source = "from torch.distributions import multinomial\ncounts = multinomial.Multinomial(10, p).sample((4,))"
    t = translate(source)
    assert t.statements[0].code is None and t.statements[0].reason.id == "translate.import_dropped"
    assert t.statements[1].code == "counts = np.random.multinomial(10, p, size=(4,)).astype(np.float32)"
    space = namespace({"p": np.array([0.2, 0.3, 0.5], dtype=np.float32)})
    run_cell(t.statements[1].code, space)
    assert space["counts"].shape == (4, 3) and (space["counts"].sum(axis=1) == 10).all()


def test_seed_translates_to_numpy_seed():
    t = check("torch.manual_seed(0)\nx = torch.rand(1)\nx.shape", ["translate.seed"], to="numpy")
    assert t.statements[0].code == "np.random.seed(0)"


# ----------------------------------------------------------------------------- NumPy → torch

REVERSE = [
    ("np.array([1.0, 2, 4, 8])", ["tensor", "float64_default"]),
    ("np.array([[1, 2], [3, 4]]), np.asarray([1.5]), np.asarray(x)", ["tensor", "as_tensor"]),
    ("np.arange(4.0), np.arange(12)", ["arange", "float64_default"]),
    ("np.zeros((2, 3)), np.ones((4, 3)), np.full((2, 2), 1.5), np.eye(3)", ["filled", "float64_default"]),
    ("np.linspace(0, 1, num=5), np.ones(shape=(2, 3))", ["filled", "keyword"]),
    ("np.zeros_like(A), np.ones_like(I), np.full_like(A, 2.0), np.empty_like(A).shape", ["like"]),
    *((f"np.{name}(x)", ["elementwise"]) for name in ELEMENTWISE_UNARY),
    ("np.maximum(x, y), np.minimum(x, y), np.where(x > 2, x, y)", ["elementwise"]),
    ("np.maximum(y, 0), np.minimum(1, y), np.maximum(y, -0.5)", ["maximum_number"]),
    ("np.add(x, y), np.subtract(x, y), np.multiply(x, y), np.divide(x, y), np.power(x, 2)",
     ["arithmetic"]),
    ("np.clip(y, 0, 1), y.clip(0, 1), y.clip(min=0)", ["clamp"]),
    ("A.sum(axis=0), np.sum(A, axis=1, keepdims=True), A.sum(axis=(0, 1)), A.prod(), A.sum()",
     ["reduce", "dim_axis", "keepdim"]),
    ("np.argmax(A, axis=1), A.argmin(), A.all(), np.any(A > 5, axis=0), np.prod(A, 0)", ["reduce"]),
    ("A.any(), A.argmax(axis=0), A.var(), np.all(A), np.argmin(A, axis=1), np.empty((2, 3)).shape",
     ["reduce", "std_ddof", "filled"]),
    ("A.mean(axis=0), np.mean(A)", ["mean_int"]),
    ("A.std(), np.var(A, axis=0), A.std(ddof=1), np.std(A, 1)", ["std_ddof"]),
    ("A.max(axis=1), np.max(A), np.min(A, axis=0), np.amax(A, axis=1), A.min()", ["amax"]),
    ("np.cumsum(A), A.cumsum(axis=0), np.cumsum(A, 1)", ["cumsum"]),
    ("np.dot(x, y), np.dot(A, B), A.dot(B), A.dot(x)", ["dot_to_torch"]),
    ("np.matmul(A, B), A @ B", ["matmul"]),
    ("np.outer(x, y)", ["outer"]),
    ("np.linalg.norm(x), np.linalg.norm(A, ord=1), np.linalg.norm(A, axis=1), np.linalg.norm(A, 'nuc')",
     ["linalg_norm", "dim_axis"]),
    ("np.concatenate((A, A), axis=0), np.concatenate([x, y])", ["cat"]),
    ("np.stack([x, y], axis=1)", ["stack"]),
    ("A.reshape(2, 6), np.reshape(A, (6, 2)), A.reshape((-1,))", ["reshape"]),
    ("X3.flatten(), X3.ravel()", ["flatten_copies", "flatten"]),
    ("np.squeeze(A.reshape(1, 12)), A.reshape(3, 1, 4).squeeze(axis=1)", ["squeeze"]),
    ("np.expand_dims(x, 0), np.expand_dims(A, axis=2)", ["unsqueeze"]),
    ("np.swapaxes(X3, 0, 2)", ["transpose"]),
    ("X3.transpose(2, 0, 1), np.transpose(X3, (1, 0, 2)), X3.transpose(), np.transpose(A)",
     ["permute"]),
    ("A.T", ["T"]),
    ("np.flip(A, axis=0), np.flip(X3), np.flip(X3, (0, 1)), np.flip(x, 0)", ["flip"]),
    ("np.tile(A, (2, 1))", ["repeat"]),
    ("np.repeat(x, 2), A.repeat(2, axis=0)", ["repeat_interleave"]),
    ("A.cumprod(axis=1), np.cumprod(A, 0), np.cumprod(A)", ["cumsum"]),
    ("y.argsort(), np.argsort(A, axis=0)", ["argsort"]),
    ("np.argsort(A, axis=None), np.argsort(A, 0, 'stable'), y.argsort(kind='quicksort'), x.argsort(kind=None)",
     ["argsort", "argsort_kind", "argsort_flat"]),
    ("A.copy(), np.copy(A)", ["clone"]),
    ("x[0].item(), A.sum().item()", ["item"]),
    ("A.tolist()", ["tolist"]),
    ("A.astype(np.float32), I.astype(np.float64)", ["to", "dtype"]),
    *((f"np.zeros(2, dtype=np.{name})", ["dtype"]) for name in rules.DTYPES),
    ("np.zeros(2, dtype=np.bool_)", ["dtype"]),
    ("isinstance(A, np.ndarray)", ["tensor_type"]),
    ("np.pi, np.e, np.inf, np.nan", ["constant"]),
    ("A.size, np.size(X3), A.shape, A.ndim", ["numel"]),
    ("x[:, np.newaxis]", ["newaxis"]),
    ("W = A.copy()\nW.fill(2.5)\nW", ["fill"]),
    ("W = A.copy()\nnp.add(W, 1, out=W)\nW", ["arithmetic"]),
    # issue 12: the everyday API, and what was wrong before
    ("np.identity(3), np.eye(3, 4), np.eye(2, dtype=int)", ["identity", "filled"]),
    ("np.linspace(0, 1, 5, endpoint=False), np.linspace(0, 1), np.logspace(0, 2, 3)", ["filled", "endpoint"]),
    ("np.zeros(3, int), np.ones((2, 2), bool), np.full(3, 2, float), np.array([1, 2], float)",
     ["filled", "tensor"]),
    ("np.array([0, 1, np.nan]), np.asarray([np.inf, 2])", ["tensor", "float64_default"]),
    ("np.round(x * 1.5), (x * 1.5).round(), np.negative(x)", ["round", "arithmetic"]),
    (", ".join(f"np.{name}(x, y)" for name in rules.COMPARISONS.values()), ["comparison"]),
    (", ".join(f"np.{name}(x, y)" for name in rules.BINARY), ["elementwise"]),
    ("np.array_equal(x, x)", ["equal"]),
    ("np.sort(A), np.sort(A, axis=0), np.sort(x, kind='stable')", ["sort"]),
    ("W = y.copy()\nW.sort()\nW", ["sort"]),
    ("np.nonzero(x > 1), np.nonzero(A > 5)", ["nonzero"]),
    ("np.median(x), np.median(A, axis=0), np.median(A, 1)", ["median_quantile"]),
    (("np.einsum('ij,jk->ik', A, B), np.trace(A), np.vstack([x, y]), np.hstack([x, y]), "
     "np.broadcast_to(x, (3, 4))"), ["same"]),
    ("np.count_nonzero(A), np.count_nonzero(A, axis=0), np.allclose(x, x), np.tril(A), np.triu(A, k=1)",
     ["same"]),
    ("np.diag(x), np.diag(A, 1), np.tensordot(A, B, axes=1), np.roll(x, 1), np.roll(A, shift=1, axis=0)",
     ["same"]),
    ("np.bincount(I.flatten()), np.unique(I % 3), np.unique(I % 3, return_counts=True)", ["same"]),
    ("np.array(np.finfo(np.float32).eps), np.array(np.iinfo(np.int32).max)", ["same"]),
    (("S = A[:, :3].T @ A[:, :3] / 100 + np.eye(3)\nnp.linalg.inv(S), np.linalg.det(S), "
     "np.linalg.solve(S, x[:3]), np.linalg.matrix_rank(A), np.linalg.eigvalsh(S)"), ["same"]),
    ("np.quantile(x, 0.5), np.diff(x), np.kron(x, y)", ["same"]),
    ("np.maximum([1, -2, 3], 0), np.exp([0.0, 1.0]), np.bincount([1, 1, 3])", ["list_to_tensor"]),
    ("w = [1, 3, 1]\nc = [0.5, 1.0, 2]\nnp.bincount(w, c)", ["list_to_tensor"]),
    ("A[::-1], A[:, ::-1], A[0, ::-2], x[::-1], X3[1, ::-1, 2:]", ["negative_step"]),
    ("W = A.copy()\nW.flat[3] = 7\nW.flat[3], W", ["flat"]),
    ("A.strides, I.strides", ["stride"]),
    ("W = x.copy()\nnp.put(W, [0, 2], [9, 8])\nW", ["put"]),
    ("np.lib.stride_tricks.as_strided(A, shape=(2, 2), strides=(8, 32))", ["as_strided"]),
    ("np.lib.stride_tricks.sliding_window_view(x, 2, axis=0), "
     "np.lib.stride_tricks.sliding_window_view(A, 3, axis=1)", ["unfold"]),
    ("W = I.copy()\nnp.add.at(W, [0, 0, 1], 1)\nW", ["add_at"]),
    ("I.mean(), I.std(), np.var(I, axis=0), np.mean(I, axis=1), A.mean(), np.median(I)", ["int_to_float"]),
    ("np.linalg.norm(I), np.linalg.norm(I, 'fro'), np.linalg.norm(I, axis=0)", ["int_to_float", "linalg_norm"]),
    ("np.meshgrid(x, y), np.meshgrid(x, y, indexing='ij')", ["meshgrid"]),
    # learners' pastes from the NumPy docs
    ("np.concatenate((A, A), axis=None), np.concatenate([x, I], None), np.concatenate((A, I), 1)",
     ["cat", "concatenate_flat"]),
    ("parts = [A, I]\nnp.concatenate(parts, axis=None)", ["concatenate_flat"]),
    ("np.round(2.675, 2), np.round(-2.5), np.round(x * 1.37, 1), (x / 3).round(2), np.round(y, decimals=1)",
     ["round", "list_to_tensor"]),
    ("np.exp(1.0), np.abs(-3), np.sum(2.5)", ["list_to_tensor", "elementwise"]),
    ("np.mean(I.T @ I), (I.T @ I).mean(axis=0), np.std(I + 1), np.linalg.norm(I - 1), np.median(I * 2)",
     ["int_to_float"]),
    ("np.inner(x, y), np.inner(A, A), np.inner(A, x), np.inner(X3, A)", ["inner"]),
    ("np.split(x, 2), np.split(x, [1, 3]), np.split(A, 2, 1), np.split(X3, [1], axis=2), np.split(x, indices_or_sections=4)",
     ["split"]),
    ("np.array_split(x, 3), np.array_split(A, [1, 5], axis=1)", ["array_split"]),
    ("np.eye(3, k=1), np.eye(3, 4, 1), np.eye(4, 3, k=-2, dtype=int), np.eye(len(x), k=1), np.eye(N=3, k=-1), "
     "np.eye(2, k=5)", ["eye_k", "filled"]),
    ("np.append(x, y), np.append(x, 5), np.append(x, [4.5, 5]), np.append(A, A, axis=0), np.append(A, [[1, 2, 3, 4]], 0), "
     "np.append(A @ A.T, 1, axis=None), np.append([1, 2], [3])", ["append", "list_to_tensor"]),
]


@pytest.mark.parametrize("source, notes", REVERSE, ids=[s for s, _ in REVERSE])
def test_numpy_to_torch_agrees_and_says_why(source, notes):
    check(source, [f"translate.{n}" for n in notes], to="torch")


RANDOM_REVERSE = [
    ("np.random.rand(2, 3), np.random.randn(3, 4), np.random.rand()", ["random", "float64_default"]),
    (("np.random.randint(0, 10, size=(3,)), np.random.randint(0, 10, size=5), np.random.randint(5),"
     " np.random.randint(1, 7, (2, 2))"), ["randint"]),
    ("np.random.normal(loc=0, scale=1, size=(2, 3)), np.random.normal(0.0, 2.0, (3,)), np.random.normal(0, 1)",
     ["normal", "keyword"]),
    ("np.random.multinomial(10, [0.2, 0.3, 0.5], size=4), np.random.multinomial(10, p)",
     ["multinomial"]),
    ("np.random.seed(0)", ["seed"]),
    ("np.random.random((2, 3)), np.random.random_sample(4), np.random.random()", ["random"]),
    ("np.random.permutation(5), np.random.permutation(len(x))", ["randperm"]),
    ("np.random.uniform(-1, 1, size=3), np.random.uniform(0, 2, (2, 2)), np.random.uniform()", ["uniform"]),
]


@pytest.mark.parametrize("source, notes", RANDOM_REVERSE, ids=[s for s, _ in RANDOM_REVERSE])
def test_numpy_random_draws_agree_in_shape_and_dtype(source, notes):
    check(source, [f"translate.{n}" for n in notes], to="torch", values=False)


def test_imports_translate_both_ways():
    assert translate("import torch").code == "import numpy as np"
    assert translate("import numpy as np", to="torch").code == "import torch"
    assert translate("import numpy\nnumpy.ones(2)", to="torch").statements[1].code.startswith("torch.ones(2")
    assert translate("import math").code == "import math"


def test_every_rule_is_exercised_by_a_case_here_in_each_direction_it_reads(monkeypatch):
    used = {"numpy": set(), "torch": set()}
    original = StatementTranslator.apply

    def recording(self, entry, node, call):
        used[self.direction.target_lib].add(entry.rule)
        return original(self, entry, node, call)

    monkeypatch.setattr(StatementTranslator, "apply", recording)
    _translate.cache_clear()  # earlier tests' translations would not pass through ``apply`` again
    for source, _ in FORWARD + RANDOM_FORWARD + [(s, None) for s in AUTOGRAD + ["torch.manual_seed(0)"]]:
        translate(source, to="numpy")
    for source, _ in REVERSE + RANDOM_REVERSE:
        translate(source, to="torch")
    for source in DIFFERENT_MEANING:
        translate(source, to="numpy"), translate(source, to="torch")
    for source in TENSOR_ONLY:
        translate(source, to="numpy")
    for source in NUMPY_ONLY:
        translate(source, to="torch")
    # distributions are applied through their .sample() call, the Multinomial constructor itself
    # (no .sample()) and a bare Normal have no counterpart: exercised by their own tests
    for to in ("numpy", "torch"):
        readable = {entry.rule for entry in direction(to).lookup.values()}
        missing = {(r.torch, r.numpy) for r in readable - used[to] if r.transform not in (
            "multinomial", "distribution") or to == "torch" and r.transform == "multinomial"}
        assert not missing, (to, missing)


# ----------------------------------------------------------------------------- the traps


def test_std_keeps_torch_divisor():
    t = check("x.std()", ["translate.std_ddof"], to="numpy")
    assert t.code == "x.std(ddof=1)"
    assert float(np.array([1.0, 2, 3, 4]).std()) == pytest.approx(1.118, abs=1e-3)  # what plain NumPy says
    assert float(run_cell(t.code, {"x": np.array([1.0, 2, 3, 4])})) == pytest.approx(1.291, abs=1e-3)


def test_max_with_dim_gives_values_and_indices():
    t = check("values, indices = torch.max(A, dim=1)\nvalues, indices", ["translate.max_dim"], to="numpy")
    assert t.statements[0].code == "values, indices = (A.max(axis=1), A.argmax(axis=1))"


def test_float_of_a_one_element_tensor():
    with pytest.raises(TypeError):
        float(np.array([3.5]))  # NumPy 2
    t = check("float(a1)", ["translate.scalar_builtin"], to="numpy")
    assert t.code == "float(a1.item())"


def test_varargs_shapes_become_a_tuple():
    assert translate("torch.ones(4, 3)").code == "np.ones((4, 3), dtype=np.float32)"
    assert translate("torch.zeros(*s)").code == "np.zeros((*s,), dtype=np.float32)"


def test_a_list_of_axes_becomes_a_tuple():
    t = check("A.sum(axis=[0, 1])", ["translate.axis_list"], to="numpy")
    assert t.code == "A.sum(axis=(0, 1))"


def test_float32_and_float64_defaults_are_kept_each_way():
    t = check("torch.tensor([1.0, 2.0])", ["translate.float32_default"], to="numpy")
    assert t.code == "np.array([1.0, 2.0], dtype=np.float32)"
    back = check("np.array([1.0, 2.0])", ["translate.float64_default"], to="torch")
    assert back.code == "torch.tensor([1.0, 2.0], dtype=torch.float64)"
    assert translate("torch.tensor([1.0], dtype=torch.float64)").code == "np.array([1.0], dtype=np.float64)"


def test_torch_dot_on_matrices_fails_in_torch_and_the_note_says_so():
    A = torch.ones(2, 2)
    with pytest.raises(RuntimeError):
        torch.dot(A, A)
    t = translate("torch.dot(A, A)")
    assert t.code == "np.dot(A, A)" and "translate.dot" in {n.id for n in t.notes}
    assert "1-D" in t.notes[0].text


def test_numpy_dot_of_matrices_becomes_matmul():
    t = check("np.dot(A, B)", ["translate.dot_to_torch"], to="torch")
    assert t.code == "torch.matmul(A, B)"


# ----------------------------------------------------------------------------- no counterpart

DIFFERENT_MEANING = ["y = x.sort()", "x.nonzero()", "x.resize_(2, 2)", "x.split(2)"]

TENSOR_ONLY = [f"y = x.{name}()" for name in rules.TENSOR_ONLY]


def numpy_only_source(form: str) -> str:
    """A statement using one of NumPy's forms that torch has no counterpart for."""
    if form.startswith("."):
        return f"y = x{form.replace('()', '(np.int32)')}"
    return f"y = {form.replace('()', '(x)')}"


NUMPY_ONLY = [numpy_only_source(form) for form in rules.NUMPY_ONLY]


@pytest.mark.parametrize("form", list(rules.NUMPY_ONLY))
def test_numpy_only_forms_are_declined_with_their_reason(form):
    """ndarray subclasses, datetime/string scalars, ``.flags`` and ``a.view(dtype)``: no tensor
    can be them, so they are never translated into code that can only raise."""
    (statement,) = translate(numpy_only_source(form), to="torch").statements
    assert statement.code is None and statement.reason.id == rules.NUMPY_ONLY[form]


@pytest.mark.parametrize("source", [
    "Z = np.zeros(5, [('x', float), ('y', float)])", "np.array(['a', 'b'])", "np.zeros(3, dtype='U5')",
    "x.astype('datetime64[D]')", "np.empty(2, dtype=object)"])
def test_structured_string_and_datetime_arrays_are_declined(source):
    (statement,) = translate(source, to="torch").statements
    assert statement.code is None and statement.reason.id == "translate.structured"


def test_negative_steps_become_flips_and_say_so():
    Z = np.arange(6.0).reshape(2, 3)
    for source, expected in [("Z[::-1]", "torch.flip(Z, (0,))"), ("Z[:, ::-1]", "torch.flip(Z, (1,))"),
                             ("Z[0, ::-2]", "torch.flip(Z, (1,))[0, ::2]")]:
        t = translate(source, to="torch")
        assert t.code == expected
        assert f"`{source}` becomes `{expected}`" in t.notes[0].text
        np.testing.assert_array_equal(run_cell(t.code, {"torch": torch, "Z": torch.from_numpy(Z)}).numpy(),
                                      eval(source, {"Z": Z}))
    for source in ("Z[3:0:-1]", "Z[::-1] = 0"):
        assert translate(source, to="torch").statements[0].reason.id == "translate.negative_step_refused"


def test_sliding_windows_over_every_axis_are_not_guessed():
    imported = "from numpy.lib.stride_tricks import sliding_window_view\n"
    every_axis = translate(imported + "w = sliding_window_view(x, 3)", to="torch").statements[1]
    assert every_axis.reason.id == "translate.unfold_axis"
    one_axis = translate(imported + "w = sliding_window_view(x, 3, axis=0)", to="torch").statements[1]
    assert one_axis.code == "w = x.unfold(0, 3, 1)"


def test_a_positional_dtype_becomes_a_keyword():
    assert translate("np.zeros(3, int)", to="torch").code == "torch.zeros(3, dtype=int)"
    assert run_cell("torch.zeros(3, dtype=int)", {"torch": torch}).dtype == torch.int64


def test_linspace_without_the_endpoint_drops_the_last_point():
    t = translate("np.linspace(0, 1, 4, endpoint=False)", to="torch")
    assert t.code == "torch.linspace(0, 1, dtype=torch.float64, steps=4 + 1)[:-1]"
    np.testing.assert_allclose(run_cell(t.code, {"torch": torch}).numpy(), [0, 0.25, 0.5, 0.75])
    assert translate("np.linspace(0, 1, 4, endpoint=e)", to="torch").statements[0].code is None


def test_flat_reads_and_writes_the_flattened_tensor():
    t = translate("Z.flat[4] = 1\nZ.flat[2]", to="torch")
    assert t.code == "Z.reshape(-1)[4] = 1\nZ.reshape(-1)[2]"


def test_nan_in_a_list_makes_a_float64_tensor():
    t = translate("np.array([0, 1, np.nan])", to="torch")
    assert run_cell(t.code, {"torch": torch}).dtype == torch.float64


def test_lists_become_tensors_where_torch_needs_them():
    t = translate("np.maximum([1, -2, 3], 0)", to="torch")
    assert t.code == "torch.clamp(torch.tensor([1, -2, 3]), min=0)"
    assert "`torch.tensor([1, -2, 3])`" in " ".join(n.text for n in t.notes)
    assert run_cell(t.code, {"torch": torch}).tolist() == [1, 0, 3]


def test_integer_mean_and_std_convert_as_numpy_does_and_say_why():
    with pytest.raises(RuntimeError):
        torch.tensor([1, 2, 3, 4]).std()  # what torch alone says
    t = translate("x.std()", to="torch")
    (note,) = [n for n in t.notes if n.id == "translate.int_to_float"]
    assert "`x`" in note.text
    value = run_cell(t.code, {"torch": torch, "x": torch.tensor([1, 2, 3, 4])})
    assert value.dtype == torch.float64 and float(value) == pytest.approx(np.array([1, 2, 3, 4]).std())
    kept = run_cell(t.code, {"torch": torch, "x": torch.tensor([1.0, 2.0], dtype=torch.float32)})
    assert kept.dtype == torch.float32


def test_integer_mean_of_any_expression_evaluates_it_once():
    """``np.mean(a.T @ a)``: the conversion reads a computed value through a lambda, so the
    learner's expression (here a function that counts its calls) runs exactly once."""
    calls = []

    def counted():
        calls.append(1)
        return torch.arange(6).reshape(2, 3)

    for source in ("np.mean(counted() * 2)", "(counted() * 2).std(axis=0)", "np.linalg.norm(counted().T @ counted())"):
        calls.clear()
        expected = run_cell(source, {"np": np, "counted": lambda: np.arange(6).reshape(2, 3)})
        value = run_cell(translate(source, to="torch").code, {"torch": torch, "counted": counted})
        assert len(calls) == source.count("counted()"), source
        assert value.dtype == torch.float64
        np.testing.assert_allclose(value.numpy(), expected)
    assert "lambda" not in translate("np.mean(I[0])", to="torch").code  # a plain read is written in


@pytest.mark.parametrize("source", ["torch.max(counted() * 2, 1)", "torch.min(counted() * 2, dim=0).values",
                                    "torch.max(counted() * 2, 1).indices", "torch.sort(counted() * 2, dim=1)",
                                    "torch.sort(counted() * 2, dim=0).indices"])
def test_values_and_indices_of_an_expression_evaluate_it_once(source):
    """torch's (values, indices) pair is two NumPy calls on one value: a computed one (here a
    function that counts its calls, on random numbers) is evaluated once, so both halves and the
    fields read from them come from the same numbers."""
    calls = []
    data = torch.rand(3, 4)

    def counted():
        calls.append(1)
        return data.numpy() + len(calls)   # a second call would give other numbers

    value = run_cell(translate(source).code, {"np": np, "counted": counted})
    assert len(calls) == 1
    expected = run_cell(source.replace("counted()", "(data + 1)"), {"torch": torch, "data": data})
    for got, want in zip(value if isinstance(value, tuple) else (value,),
                         expected if isinstance(expected, tuple) else (expected,)):
        np.testing.assert_allclose(got, want.numpy())


def test_chunk_splits_where_torch_does_not_where_array_split_would():
    five = torch.arange(5)
    assert [len(piece) for piece in five.chunk(4)] == [2, 2, 1]  # three pieces, not four
    assert [len(piece) for piece in np.array_split(five.numpy(), 4)] == [2, 1, 1, 1]
    t = translate("pieces = x.chunk(4)")
    assert t.code == "pieces = tuple(np.split(x, range(0, x.shape[0], -(-x.shape[0] // 4))[1:], axis=0))"
    pieces = run_cell(t.code + "\npieces", {"np": np, "x": five.numpy()})
    assert isinstance(pieces, tuple) and [p.tolist() for p in pieces] == [[0, 1], [2, 3], [4]]


def test_a_lambdas_parameter_never_hides_the_learners_name():
    """The learner's own ``t`` inside the lambda's body keeps its meaning."""
    source = "(A @ B).masked_fill(t > 1, 0)"
    t = translate(source)
    assert t.code.startswith("(lambda t_: np.where(t > 1, 0, t_)")
    expected = run_cell(source, {"torch": torch, "A": torch_values()["A"], "B": torch_values()["B"],
                                 "t": torch.eye(3) * 2})
    actual = run_cell(t.code, {"np": np, "A": torch_values()["A"].numpy(), "B": torch_values()["B"].numpy(),
                               "t": np.eye(3, dtype=np.float32) * 2})
    assert_agree(expected, actual)


@pytest.mark.parametrize("source, quoted", [
    ("torch.ones(2, 3)", "`torch.ones(2, 3)`"), ("grid.repeat(5, 1)", "`grid.repeat(5, 1)`"),
    ("counts.float()", "`counts.float()`"), ("X3.sum(dim=[0, 2])", "`[0, 2]`"),
    ("float(total)", "`float(total)`"), ("W.add_(b)", "`W.add_(b)`"), ("M.size(1)", "`M.size(1)`")])
def test_notes_quote_the_learners_own_code(source, quoted):
    """issue 14: a note about ``torch.ones(2, 3)`` speaks of ``torch.ones(2, 3)``, not a fixed example."""
    assert any(quoted in note.text for note in translate(source).notes)


def test_plain_python_calls_stay_plain_python():
    """issue 17: ``int(os.environ.get(...))`` is not a tensor: no ``.item()``."""
    for source in ('n = int(os.environ.get("N", "3"))', "k = float(len(x))", "v = int(input())"):
        assert translate(source).code == source
    assert translate("v = float(x.sum())").code == "v = float(x.sum().item())"


@pytest.mark.parametrize("source", TENSOR_ONLY)
def test_tensor_only_methods_are_untranslated_with_their_reason(source):
    """NumPy arrays have no ``median`` that agrees, no ``expand``, ``new_zeros``, ``clamp_``...:
    passing them through would be code that fails (or, for median, differs) in NumPy."""
    name = source.removeprefix("y = x.").removesuffix("()")
    (statement,) = translate(source).statements
    assert statement.code is None and statement.reason.id == rules.TENSOR_ONLY[name]
    assert f".{name}()" in statement.reason.text


def test_median_differs_between_the_libraries():
    assert float(torch.tensor([1.0, 2.0, 3.0, 4.0]).median()) == 2.0
    assert float(np.median(np.array([1.0, 2.0, 3.0, 4.0]))) == 2.5


@pytest.mark.parametrize("source", ["y = x.to(device)", "x.to(other)", "x.type('torch.DoubleTensor')",
                                    "x.to(torch.float64, d)"])
def test_to_with_an_argument_of_unknown_meaning_is_not_guessed(source):
    """``x.to(device)`` was ``x.astype(device)``: a dtype, a device or a tensor is known only at run time."""
    (statement,) = translate(source).statements
    assert statement.code is None and statement.reason.id == "translate.to_unknown"


def test_to_a_device_is_dropped_and_a_dtype_kept():
    assert translate("x.to('cuda')").code == "x"
    assert translate("x.to(device='cpu')").code == "x"
    assert translate("x.to('cpu', torch.float64)").code == "x.astype(np.float64, copy=False)"
    assert translate("x.to(y.dtype)").code == "x.astype(y.dtype, copy=False)"


def test_argsort_descending_is_a_flipped_ascending_order():
    A = torch.tensor([[3.0, 1.0, 2.0], [0.5, 4.0, -1.0]])
    t = translate("A.argsort(dim=1, descending=True)")
    assert t.code == "np.flip(A.argsort(axis=1), axis=1)"
    assert "translate.argsort_descending" in {n.id for n in t.notes}
    np.testing.assert_array_equal(run_cell(t.code, {"np": np, "A": A.numpy()}),
                                  A.argsort(dim=1, descending=True).numpy())
    assert translate("x.argsort(descending=True)").code == "np.flip(x.argsort(), axis=-1)"
    for source in ("x.argsort(descending=d)", "x.argsort(descending=True, stable=True)"):
        assert translate(source).statements[0].reason.id == "translate.no_counterpart"
    assert translate("np.argsort(x, 0, 'stable')", to="torch").code == "torch.argsort(x, dim=0, stable=True)"
    for source in ("np.argsort(x, kind=k)", "np.argsort(x, order='f')"):
        assert translate(source, to="torch").statements[0].reason.id == "translate.no_counterpart"

@pytest.mark.parametrize("source", ["x.chunk(2, dim=axis_of(x))", "torch.var_mean(A, dim=axes())",
                                    "torch.std_mean(A, dim=pick(), keepdim=True)"])
def test_an_argument_a_translation_would_write_twice_must_be_a_plain_read(source):
    """chunk writes its dim in three places, var_mean its keywords in two calls: a call there
    would run that many times, so the statement stays untranslated."""
    assert translate(source).statements[0].reason.id == "translate.no_counterpart"


AUTOGRAD = [
    "y.backward()",
    "y.backward(gradient=torch.ones(3))",
    "x.grad",
    "x.grad.zero_()",
    "x.grad = None",
    "x.requires_grad_(True)",
    "x.requires_grad",
    "z.retain_grad()",
    "y.grad_fn",
    "x.is_leaf",
    "h = x.register_hook(print)",
    "with torch.no_grad():\n    y = x * 2",
    "with torch.enable_grad():\n    y = x * 2",
    "torch.set_grad_enabled(False)",
    "torch.autograd.grad(y, x)",
    "torch.autograd.backward(y)",
    "for i in range(3):\n    y = (x * i).sum()\n    y.backward()",
]


@pytest.mark.parametrize("source", AUTOGRAD)
def test_autograd_has_no_counterpart_and_says_why(source):
    t = translate(source)
    (statement,) = t.statements
    assert statement.code is None and statement.reason.id == "translate.autograd"
    assert statement.reason in t.notes and "autograd" in statement.reason.text


@pytest.mark.parametrize("source, api", [
    ("torch.foo(x)", "torch.foo"),
    ("y = torch.nn.functional.conv1d(x, w)", "torch.nn.functional.conv1d"),
    ("torch.distributions.Multinomial(10, p)", "torch.distributions.Multinomial"),
    ("d = torch.distributions.Normal(0.0, 1.0)", "torch.distributions.Normal"),
    ("x.type()", ".type()"),
    ("import torch.nn as nn", "import torch.nn as nn"),
])
def test_unknown_torch_is_untranslated_never_wrong(source, api):
    t = translate("import torch\n" + source + "\nz = torch.ones(2)")
    first, middle, last = t.statements
    assert middle.code is None and middle.reason.id == "translate.no_counterpart"
    assert api in middle.reason.text
    assert first.code == "import numpy as np" and last.code == "z = np.ones(2, dtype=np.float32)"


def test_other_modules_are_not_tensors():
    source = "import math\nimport numpy as np\nnp.max(A, axis=0), np.exp(x), math.exp(1.0), A.max(dim=0)"
    assert translate(source).statements[2].code == \
        "(np.max(A, axis=0), np.exp(x), math.exp(1.0), (A.max(axis=0), A.argmax(axis=0)))"
    assert translate("torch.sum(x, dim=0), y.sum(axis=0)", to="torch").code == \
        "(torch.sum(x, dim=0), y.sum(dim=0))"


@pytest.mark.parametrize("source", DIFFERENT_MEANING)
@pytest.mark.parametrize("to", ["numpy", "torch"])
def test_same_name_other_meaning_is_untranslated_both_ways(source, to):
    statement = translate(source, to=to).statements[0]
    assert statement.code is None and statement.reason.id == "translate.different_meaning"


def test_numpy_without_a_torch_counterpart_is_untranslated():
    t = translate("rng = np.random.default_rng(0)", to="torch")
    assert t.statements[0].code is None and "np.random.default_rng" in t.statements[0].reason.text


@pytest.mark.parametrize("source, reason", [
    ("torch.softmax(A)", "translate.softmax_dim"),
    ("F.log_softmax(A)", "translate.softmax_dim"),
    ("F.softmax(A, 1, dtype=torch.float64)", "translate.no_counterpart"),
    ("F.relu(A, inplace=True)", "translate.no_counterpart"),
])
def test_activations_with_options_numpy_cannot_honour_are_untranslated(source, reason):
    t = translate("import torch.nn.functional as F\n" + source)
    assert t.statements[0].code == "import numpy as np"
    assert t.statements[1].code is None and t.statements[1].reason.id == reason


def test_flatten_and_casts_share_memory_on_both_sides_as_in_torch():
    # torch's flatten of a contiguous tensor is a view, and a cast to the dtype a tensor has is
    # the tensor itself: the NumPy side must see the later change too (ravel, copy=False)
    source = "v = A.flatten()\nc = A.float()\nA[0, 0] = 100.0\nv[1] = -1.0\n(v, c)"
    t = translate(source)
    torch_v, torch_c = run_cell(source, namespace(torch_values()))
    numpy_v, numpy_c = run_cell(t.code, namespace({k: v.numpy().copy() for k, v in torch_values().items()}))
    assert torch_v[:2].tolist() == numpy_v[:2].tolist() == [100.0, -1.0]
    assert torch_c[0, :2].tolist() == numpy_c[0, :2].tolist() == [100.0, -1.0]
    (note,) = [n for n in t.notes if n.id == "translate.flatten"]
    assert "ravel" in note.text


def test_numpy_flatten_and_astype_stay_copies_in_torch():
    source = "v = A.flatten()\nc = A.astype(np.float32)\nA[0, 0] = 100.0\n(v, c)"
    t = translate(source, to="torch")
    arrays = {k: v.numpy().copy() for k, v in torch_values().items()}
    numpy_v, numpy_c = run_cell(source, namespace(arrays))
    torch_v, torch_c = run_cell(t.code, namespace(torch_values()))
    assert numpy_v[0] == torch_v[0] == numpy_c[0, 0] == torch_c[0, 0] != 100.0
    assert {"translate.flatten_copies", "translate.to"} <= {n.id for n in t.notes}


def test_numpy_only_keywords_are_refused_or_dropped_where_they_change_nothing():
    refused = ['B = A.reshape(3, 4, order="F")', "s = np.sum(A, where=A > 2)", "s = np.sum(x, initial=5)"]
    for source in refused:
        (statement,) = translate(source, to="torch").statements
        assert statement.code is None and "=...)" in statement.reason.text, source
    assert "`.reshape(order=...)`" in translate(refused[0], to="torch").statements[0].reason.text
    assert translate('B = A.reshape(2, 6, order="C")', to="torch").code == "B = A.reshape(2, 6)"
    assert translate("s = np.sum(A, where=True)", to="torch").code == "s = torch.sum(A)"


def test_in_place_inside_an_expression_is_untranslated():
    t = translate("V = W.zero_() + 1\nW.add_(1).mul_(2)\nW.zero_()")
    assert [s.reason.id if s.reason else None for s in t.statements] == [
        "translate.inplace_nested", "translate.inplace_nested", None]
    assert t.statements[2].code == "W[...] = 0"


def test_untranslated_statements_appear_as_comments_in_the_code():
    t = translate("y = x * 2\ny.backward()\nz = y")
    lines = t.code.splitlines()
    assert lines[0] == "y = x * 2" and lines[1] == "# y.backward()" and lines[-1] == "z = y"
    assert t.statements[1].reason.text in lines[2]


# ----------------------------------------------------------------------------- the report


def test_statements_keep_text_lines_and_order():
    source = "import torch\n\nA = torch.ones(\n    2, 3)  # comment\nB = A.sum(dim=0)\nA.T"
    t = dm.translate(source, to="numpy")
    assert isinstance(t, Translation) and (t.source_lib, t.target_lib) == ("torch", "numpy")
    assert [s.lineno for s in t.statements] == [1, 3, 5, 6]
    assert t.statements[1].source == "A = torch.ones(\n    2, 3)"
    assert t.statements[2].code == "B = A.sum(axis=0)"
    assert t.code.splitlines()[1] == "A = np.ones((2, 3), dtype=np.float32)"
    for statement in t.statements:
        assert statement.node.lineno == statement.lineno
    assert translate("y  =  x+1  # unchanged").statements[0].code == "y  =  x+1"


def test_notes_are_deduplicated_in_order_of_first_firing():
    t = translate("a = x.sum(dim=0)\nb = torch.cat((x, x), dim=0)\nc = x.sum(dim=1)")
    ids = [n.id for n in t.notes]
    assert ids == ["translate.dim_axis", "translate.reduce", "translate.cat"]
    assert [n.id for n in t.statements[2].notes] == ["translate.dim_axis", "translate.reduce"]


def test_a_translated_statement_fails_at_the_learners_line():
    source = "x = torch.ones(4)\n\nX = x.reshape(3, 5)\n"
    filename = register_source(source)
    t = translate(source)
    space = {"np": np}
    with pytest.raises(ValueError) as caught:
        for statement in t.statements:
            exec(compile_statement(statement.node, filename), space)
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert (frames[-1].filename, frames[-1].lineno) == (filename, 3)
    assert frames[-1].line == "X = x.reshape(3, 5)"


def test_syntax_error_is_pythons_own_and_bad_direction_is_a_value_error():
    with pytest.raises(SyntaxError):
        translate("x = (")
    with pytest.raises(ValueError, match="numpy"):
        translate("x", to="jax")


def test_rendering_text_and_escaped_html():
    t = translate("s = torch.tensor([1.0])\ny.backward()\nname = '<script>alert(1)</script>'")
    bundle = t._repr_mimebundle_()
    assert bundle["text/plain"].startswith("s = np.array([1.0], dtype=np.float32)")
    assert "Notes:" in bundle["text/plain"] and in_text(t.notes[0].text, bundle["text/plain"])
    assert "<script>" not in bundle["text/html"] and "&lt;script&gt;" in bundle["text/html"]
    assert "NumPy translation" in bundle["text/html"] and "<li>" in bundle["text/html"]


def test_notes_speak_chinese():
    with use_language("zh"):
        t = translate("x.sum(dim=0)")
        html = t._repr_mimebundle_()["text/html"]
    assert t.notes[0].text == "torch 的 `dim=` 对应 NumPy 的 `axis=`。"
    assert "说明" in html and "NumPy 译文" in html


# ----------------------------------------------------------------------------- the table itself


def test_every_rule_has_a_note_in_both_languages_and_every_note_is_used():
    catalogue_ids = set(MESSAGES)
    for rule in rules.RULES:
        assert rule.note in catalogue_ids, rule
    for msg_id, texts in MESSAGES.items():
        assert msg_id.startswith("translate.") and texts["en"] and texts["zh"], msg_id
        assert CATALOGUE[msg_id] is texts
    code = "".join((SOURCE_DIR / p).read_text() for p in (
        *(SOURCE_DIR / "translation").rglob("*.py"), SOURCE_DIR / "render/translate.py"))
    unused = [i for i in catalogue_ids if f'"{i}"' not in code and f"'{i}'" not in code]
    assert not unused


def test_rule_notes_use_only_the_fields_a_rule_gives():
    """A rule's note is filled with the rule's two forms; a wrong field would crash a translation."""
    fields = dict(torch="torch.f", numpy="np.f", name="f", target="NumPy", code="torch.f(x)")
    reasons = {"translate.autograd", "translate.different_meaning", "translate.median",
               "translate.tensor_only", "translate.inplace_tensor_only"}  # said with api= instead
    for rule in rules.RULES:
        extra = {"api": "x.f()"} if rule.note in reasons else {}
        for lang in ("en", "zh"):
            assert MESSAGES[rule.note][lang].format(**fields, **extra)


def test_both_directions_are_read_from_the_one_table():
    forward, reverse = direction("numpy").lookup, direction("torch").lookup
    assert {e.rule for e in forward.values()} | {e.rule for e in reverse.values()} == set(rules.RULES)
    assert forward[("method", "clone")].rule is reverse[("method", "copy")].rule
    assert reverse[("function", "np.sum")].renames == {"axis": "dim", "keepdims": "keepdim"}


# ----------------------------------------------------------------------------- properties

REDUCE_MANY = ("sum", "mean", "amax", "std", "var")
REDUCE_ONE = ("prod", "argmax", "cumsum", "all", "any", "max", "min")
ELEMENTWISE_OPS = ("exp()", "abs()", "tanh()", "clamp(min=-0.5)", "square()")


@st.composite
def chapter2_expression(draw):
    """(shape of ``T``, a chain of chapter-2 operations on ``T``), valid in torch by construction:
    the generator tracks the shape through each step."""
    start = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    shape, code = list(start), "T"
    for _ in range(draw(st.integers(1, 4))):
        nd = len(shape)
        kind = draw(st.sampled_from(["elementwise", "arith"] + (["reduce", "reshape", "matmul"] if nd else [])))
        if kind == "elementwise":
            code = f"({code}).{draw(st.sampled_from(ELEMENTWISE_OPS))}"
        elif kind == "arith":
            operator = draw(st.sampled_from(["+", "-", "*"]))
            code = f"({code} {operator} {draw(st.sampled_from(['1.5', '2', '(-x0)']))})"
        elif kind == "reduce":
            code, shape, ended = draw(reduction(code, shape))
            if ended:
                break
        elif kind == "reshape":
            code, shape = draw(reshaping(code, shape))
        else:
            code, shape = draw(product(code, shape))
    return start, code


@st.composite
def reduction(draw, code, shape):
    nd = len(shape)
    name = draw(st.sampled_from(REDUCE_MANY + REDUCE_ONE))
    keep = draw(st.booleans())
    if name in REDUCE_MANY and nd > 1 and draw(st.booleans()):
        dims = sorted(draw(st.sets(st.integers(0, nd - 1), min_size=1, max_size=nd)))
        dim = str(dims)
    else:
        dims = [draw(st.integers(0, nd - 1))]
        dim = str(dims[0] - nd if draw(st.booleans()) else dims[0])
    if name == "cumsum":
        return f"{code}.cumsum(dim={dim})", shape, False
    keyword = draw(st.sampled_from(["keepdim", "keepdims"]))
    if draw(st.booleans()):
        code = f"{code}.{name}(dim={dim}, {keyword}={keep})"
    else:
        code = f"torch.{name}({code}, {dim}, {keyword}={keep})"
    ended = name in ("argmax", "all", "any")
    if name in ("max", "min"):
        pick = draw(st.sampled_from([".values", "[0]", ".indices"]))
        code, ended = code + pick, pick == ".indices"
    shape = [1 if i in dims else n for i, n in enumerate(shape)] if keep else \
        [n for i, n in enumerate(shape) if i not in dims]
    return code, shape, ended


@st.composite
def reshaping(draw, code, shape):
    nd = len(shape)
    op = draw(st.sampled_from(["reshape", "flatten", "unsqueeze", "transpose", "permute", "squeeze", "T"]))
    if op == "reshape":
        return f"{code}.reshape(-1)", [math.prod(shape)]
    if op == "flatten":
        return f"{code}.flatten()", [math.prod(shape)]
    if op == "unsqueeze":
        d = draw(st.integers(0, nd))
        return f"{code}.unsqueeze({d})", shape[:d] + [1] + shape[d:]
    if op == "squeeze":
        return f"{code}.squeeze()", [n for n in shape if n != 1]
    if op == "permute":
        order = draw(st.permutations(range(nd)))
        return f"{code}.permute({', '.join(map(str, order))})", [shape[i] for i in order]
    if op == "transpose" and nd >= 2:
        d0, d1 = draw(st.permutations(range(nd)))[:2]
        swapped = list(shape)
        swapped[d0], swapped[d1] = shape[d1], shape[d0]
        return f"{code}.transpose({d0}, {d1})", swapped
    if op == "T" and nd == 2:
        return f"{code}.T", shape[::-1]
    return code, shape


@st.composite
def product(draw, code, shape):
    if len(shape) == 1:
        return f"torch.dot({code}, {code})", []
    if len(shape) > 2:
        return f"torch.matmul({code}, {code}.mT)", shape[:-1] + [shape[-2]]
    op = draw(st.sampled_from(["mm", "mv", "@"]))
    if op == "mm":
        return f"torch.mm({code}, {code}.T)", [shape[0], shape[0]]
    if op == "mv":
        return f"torch.mv({code}, torch.ones({shape[1]}))", [shape[0]]
    return f"({code} @ {code}.mT)", [shape[0], shape[0]]


@pytest.mark.filterwarnings("ignore:.*(overflow|invalid value|Degrees of freedom|degrees of freedom)")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chapter2_expression())
def test_generated_chapter2_expressions_agree_with_torch(case):
    shape, expression = case
    t = translate(expression)
    assert t.statements[0].code is not None, t.statements[0].reason
    base = torch.linspace(-1, 2, math.prod(shape)).reshape(shape)
    expected = eval(expression, {"torch": torch, "T": base, "x0": torch.tensor(0.5)})
    actual = eval(t.code, {"np": np, "T": base.numpy().copy(), "x0": np.float32(0.5)})
    assert_agree(expected, actual, rtol=1e-4, atol=1e-5)  # float32 sums in another order


ATOMS = ["x", "A", "torch", "np", "numpy", "torch.sum", "torch.foo", "x.sum", "x.grad", "torch.max",
         "np.dot", "np.random", "multinomial", "torch.distributions.Multinomial(3, p)", "torch.float32",
         "np.float64", "None", "0", "1", "-1", "2.5", "'fro'", "True", "[0, 1]", "(2, 3)", "...", "*s"]
ATTRIBUTES = ["sum", "T", "mT", "values", "indices", "size", "numel", "shape", "sample", "zero_", "add_",
              "grad", "item", "float", "to", "type", "max", "std", "norm", "copy", "astype", "fill",
              "newaxis", "linalg", "norm", "transpose", "flatten", "detach", "numpy", "backward"]
KEYWORDS = ["dim", "axis", "keepdim", "keepdims", "p", "ord", "size", "dtype", "requires_grad",
            "unbiased", "correction", "ddof", "start_dim", "end_dim", "sample_shape", "device", "out",
            "probs", "loc", "min"]


def expressions():
    return st.recursive(
        st.sampled_from(ATOMS),
        lambda inner: st.one_of(
            st.builds("{}.{}".format, inner, st.sampled_from(ATTRIBUTES)),
            st.builds(lambda f, args, kws: f"{f}({', '.join(args + [f'{k}={v}' for k, v in kws])})",
                      inner, st.lists(inner, max_size=3),
                      st.lists(st.tuples(st.sampled_from(KEYWORDS), inner), max_size=2,
                               unique_by=lambda kv: kv[0])),
            st.builds("{}[{}]".format, inner, inner),
            st.builds("({} {} {})".format, inner, st.sampled_from(["+", "@", "*", "=="]), inner),
        ),
        max_leaves=8)


def statements():
    return st.one_of(
        expressions(),
        st.builds("y = {}".format, expressions()),
        st.builds("y[0] = {}".format, expressions()),
        st.builds("y += {}".format, expressions()),
        st.builds("for i in range(2):\n    {}".format, expressions()),
        st.builds("with {}:\n    y = {}".format, expressions(), expressions()),
        st.builds("def f(a):\n    return {}".format, expressions()),
        st.sampled_from(["import torch", "import numpy as np", "import numpy",
                         "from torch.distributions import multinomial", "from torch import nn",
                         "import torch as t", "del y", "pass"]),
    )


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code calls literals
@settings(max_examples=300, deadline=None)
@given(st.lists(statements(), min_size=1, max_size=5), st.sampled_from(["numpy", "torch"]))
def test_any_source_that_parses_gives_a_translation(lines, to):
    source = "\n".join(lines)
    try:
        tree = ast.parse(source)
        compile(tree, "<source>", "exec")
    except SyntaxError:
        return
    t = translate(source, to=to)
    assert len(t.statements) == len(tree.body)
    for statement in t.statements:
        if statement.code is None:
            assert statement.reason is not None and statement.reason in t.notes
            continue
        compile(statement.code, "<translation>", "exec")
        compile(ast.Module(body=[statement.node], type_ignores=[]), "<translation>", "exec")
        assert statement.node.lineno == statement.lineno
        assert all(n.lineno >= statement.lineno for n in ast.walk(statement.node) if hasattr(n, "lineno"))


# -- the translated code's text: ast.unparse's, written faster --------------------------------------

_ATOMS = st.sampled_from(["x", "1", "2.5", "'s'", "'it''s'", "True", "None", "...", "1e400", "(-1)", "y.T",
                          "0.0", "'\\n'", "u'u'"])


def _expressions():
    def extend(inner):
        operator = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "|", "^", "&"])
        index = st.one_of(inner, st.tuples(inner, inner).map(", ".join), st.sampled_from(["1:2", ":, None", "::2"]),
                          inner.map(lambda e: e + ","))
        return st.one_of(
            st.tuples(inner, operator, inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            st.tuples(st.sampled_from(["-", "+", "~", "not "]), inner).map("".join),
            inner.map(lambda e: f"({e})"), inner.map(lambda e: f"{e}.attr"),
            st.tuples(inner, inner, inner).map(lambda t: f"f({t[0]}, {t[1]}, k={t[2]}, *a, **kw)"),
            st.tuples(inner, index).map(lambda t: f"{t[0]}[{t[1]}]"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]}, {t[1]})"), inner.map(lambda e: f"({e},)"),
            st.tuples(inner, inner).map(lambda t: f"[{t[0]}, {t[1]}]"),
            st.tuples(inner, st.sampled_from(["<", "==", "is not", "not in"]), inner).map(" ".join),
            st.sampled_from(["1 .real", "True.real", "()", "[]", "x if y else z", "lambda: 1", "f'{x}'"]))
    return st.recursive(_ATOMS, extend, max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["v = ", "", "v += ", "a, b = ", "a = b = ", "v[0] = ", "import numpy as np; "]),
       _expressions())
def test_translated_code_is_written_as_ast_unparse_writes_it(statement, expression):
    try:
        nodes = ast.parse(statement + expression).body
    except SyntaxError:
        return
    for node in nodes:
        assert statement_code(node) == ast.unparse(node)


def test_every_translated_statement_of_the_corpus_reads_as_ast_unparse_writes_it():
    from chapter2_blocks import BLOCKS
    corpus = Path(__file__).parent.parent / "benchmarks" / "corpus"
    statements = 0
    for source in [*BLOCKS, *(path.read_text() for path in sorted(corpus.glob("*.py")))]:
        for to in ("numpy", "torch"):
            for translated in translate(source, to=to).statements:
                if translated.node is not None:
                    statements += 1
                    assert statement_code(translated.node) == ast.unparse(translated.node)
    assert statements > 200
