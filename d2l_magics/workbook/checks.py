"""What checkers share: read an answer, compare it by meaning, and name the typical mistake.

A checker computes the right answer from the given values the learner's answer used
(:func:`given`: a learner's own kept value, or the cell's remake of it), then calls
:func:`expect`, which compares kind, shape, values and dtype, and before a generic "wrong value"
tries the typical mistakes the exercise lists (each a value the mistake would produce, and the
message that explains it). Reductions and norms are recognised by trying the alternatives.
"""
from __future__ import annotations

import itertools
import numbers
from collections.abc import Callable, Iterable

import numpy as np
import torch

from ..messages import Note
from ..values import dtype_name, format_shape, is_array, preview, to_numpy

RTOL, ATOL = 1e-5, 1e-6

# A typical mistake: a function of nothing giving the value the mistake would produce, and the
# message id that explains it (fields: var, got, want, got_shape, want_shape).
Mistake = tuple[Callable[[], object], str]


def as_array(value) -> np.ndarray | None:
    """Tensors, arrays, NumPy scalars and plain numbers as a float64-comparable array; else None."""
    if is_array(value) or isinstance(value, np.generic):
        return np.asarray(to_numpy(value))
    if isinstance(value, numbers.Number):
        return np.asarray(value)
    return None


def same(got, want, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """Same shape and values (within float32 tolerance), whichever library made them."""
    a, b = as_array(got), as_array(want)
    if a is None or b is None or a.shape != b.shape:
        return False
    if a.dtype == bool or b.dtype == bool:
        return bool(np.array_equal(a, b))
    return bool(np.allclose(a.astype(np.float64), b.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True))


def shares_memory(a, b) -> bool:
    """Whether ``a`` and ``b`` (tensors or arrays) are views of the same memory."""
    if not (is_array(a) and is_array(b)):
        return False
    if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and "cpu" not in (a.device.type, b.device.type):
        return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()  # to_numpy would copy them
    return bool(np.shares_memory(to_numpy(a), to_numpy(b)))


def given_object(ns: dict, attempt, name: str):
    """The object the learner's answer used for the given ``name``: the given one, or the one the
    cell made in its place (``X = torch.arange(6.0)`` copied from the prompt) when it is of the same
    type; a name rebound to something else keeps the given object."""
    value, original = ns.get(name), attempt.objects[name]
    return value if type(value) is type(original) else original


def given(ns: dict, attempt, name: str):
    """The values of the given ``name`` that the learner's answer was computed from, to compute the
    expected answer from: the given value as it was before the cell (``provide_given`` keeps a
    learner's own compatible value, so it need not be the setup's), or the cell's own remake."""
    used = given_object(ns, attempt, name)
    if used is attempt.objects[name]:
        return attempt.before[name]
    if isinstance(used, torch.Tensor):
        return used.detach().clone()
    return used.copy() if isinstance(used, np.ndarray) else used


def fields(var: str, got, want) -> dict:
    got_values, want_values = as_array(got), as_array(want)
    return {"var": var, "got": preview(got), "want": preview(want),
            "got_shape": format_shape(np.shape(got_values)) if got_values is not None else "-",
            "want_shape": format_shape(np.shape(want_values) if want_values is not None else ())}


def first_mistake(var: str, got, want, mistakes: Iterable[Mistake]) -> Note | None:
    """The first typical mistake whose value ``got`` equals, as a Note; None if none fits."""
    for make, msg_id in mistakes:
        try:
            candidate = make()
        except Exception:  # that mistake cannot even be computed from these values
            continue
        if same(got, candidate):
            return Note.of(msg_id, **fields(var, got, want))
    return None


def expect(namespace: dict, var: str, want, *, kind: str = "any", dtype: str | None = None,
           mistakes: Iterable[Mistake] = (), reduced: Reduction | None = None) -> Note | None:
    """Judge ``namespace[var]`` against ``want``: None when right, else the most specific Note.

    ``kind`` is "tensor", "numpy" or "any" (either library, or a plain number).
    """
    got = namespace[var]
    wrong_kind = kind_note(var, got, kind)
    if wrong_kind:
        return wrong_kind
    if not same(got, want):
        known = first_mistake(var, got, want, mistakes) or (reduced and reduced.diagnose(var, got))
        if known:
            return known
        info = fields(var, got, want)
        if info["got_shape"] != info["want_shape"]:
            return Note.of("exercise.wrong_shape", **info)
        return Note.of("exercise.wrong_value", **info)
    got_dtype = dtype_name(got)
    if dtype is not None and got_dtype is not None and got_dtype != dtype:
        return dtype_note(var, got_dtype, dtype)
    return None


def kind_note(var: str, got, kind: str) -> Note | None:
    """A Note when ``got`` is not a number of the library ``kind`` names ("tensor", "numpy", "any").
    A NumPy scalar (``a.std()``) counts as NumPy; a plain Python number as neither library."""
    if as_array(got) is None:
        return Note.of("exercise.not_array", var=var, type=type(got).__name__)
    if kind == "tensor" and not isinstance(got, torch.Tensor):
        return Note.of("exercise.want_tensor", var=var, type=type(got).__name__)
    if kind == "numpy" and not isinstance(got, (np.ndarray, np.generic)):
        return Note.of("exercise.want_numpy", var=var, type=type(got).__name__)
    return None


def dtype_note(var: str, got: str, want: str) -> Note:
    if (got, want) == ("float64", "float32"):
        return Note.of("exercise.float64_not_float32", var=var)
    if (got, want) == ("float32", "float64"):
        return Note.of("exercise.float32_not_float64", var=var)
    return Note.of("exercise.wrong_dtype", var=var, got=got, want=want)


# -- reductions ----------------------------------------------------------------------------

REDUCTIONS: dict[str, Callable[..., np.ndarray]] = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min}


def format_axes(axes: tuple[int, ...], ndim: int) -> str:
    """``axis=1``, ``axis=(0, 2)``, or ``axis=None`` when every axis went."""
    if len(axes) == ndim:
        return "axis=None"
    return f"axis={axes[0]}" if len(axes) == 1 else f"axis={axes}"


class Reduction:
    """The reduction an exercise wants, so a wrong answer can be recognised as another one:
    the same axes without (or with) keepdims, other axes, or another operation."""

    def __init__(self, source, op: str, axes: tuple[int, ...], keepdims: bool = False):
        self.source = to_numpy(source).astype(np.float64)
        self.op, self.axes, self.keepdims = op, tuple(axes), keepdims

    def _alternatives(self):
        ndim = self.source.ndim
        subsets = [c for k in range(1, ndim + 1) for c in itertools.combinations(range(ndim), k)]
        for op, axes, keepdims in itertools.product(REDUCTIONS, subsets, (False, True)):
            if (op, axes, keepdims) != (self.op, self.axes, self.keepdims):
                yield op, axes, keepdims, REDUCTIONS[op](self.source, axis=axes, keepdims=keepdims)

    def diagnose(self, var: str, got) -> Note | None:
        ndim = self.source.ndim
        for op, axes, _keepdims, value in self._alternatives():
            if not same(got, value):
                continue
            shapes = {"var": var, "got_shape": format_shape(value.shape),
                      "want_shape": format_shape(np.shape(REDUCTIONS[self.op](
                          self.source, axis=self.axes, keepdims=self.keepdims)))}
            if op != self.op:
                return Note.of("exercise.wrong_reduction", got_op=op, want_op=self.op, **shapes)
            if axes == self.axes:
                msg_id = "exercise.forgot_keepdims" if self.keepdims else "exercise.extra_keepdims"
                return Note.of(msg_id, axes=format_axes(axes, ndim), **shapes)
            return Note.of("exercise.wrong_axis", got_axes=format_axes(axes, ndim),
                           want_axes=format_axes(self.axes, ndim), **shapes)
        return None


# -- gradients -----------------------------------------------------------------------------

def expect_grad(namespace: dict, attempt, leaf: str, want, mistakes: Iterable[Mistake] = ()) -> Note | None:
    """Judge ``namespace[leaf].grad`` against ``want``; recognises an un-cleared ``.grad``."""
    tensor = namespace[leaf]
    if not isinstance(tensor, torch.Tensor):
        return Note.of("exercise.want_tensor", var=leaf, type=type(tensor).__name__)
    if not tensor.requires_grad:
        return Note.of("exercise.no_requires_grad", var=leaf)
    grad = tensor.grad
    if grad is None:
        return Note.of("exercise.grad_missing", var=leaf)
    if same(grad, want):
        return None
    old = attempt.grads_before.get(leaf)
    if old is not None and same(grad, old + torch.as_tensor(to_numpy(want))):
        return Note.of("exercise.grad_accumulated", var=leaf)
    known = first_mistake(f"{leaf}.grad", grad, want, mistakes)
    return known or Note.of("exercise.wrong_grad", **fields(f"{leaf}.grad", grad, want))


# -- norms ---------------------------------------------------------------------------------

def norms_of(value) -> dict[str, float]:
    """Every norm a learner might have computed, by name: the names are catalogue ids' tails."""
    a = to_numpy(value).astype(np.float64)
    flat = a.ravel()
    found = {"l1": np.abs(flat).sum(), "l2": np.sqrt((flat ** 2).sum()), "squared": (flat ** 2).sum(),
             "plain_sum": flat.sum(), "max_abs": np.abs(flat).max()}
    if a.ndim == 2:
        singular = np.linalg.svd(a, compute_uv=False)
        found.update(nuc=singular.sum(), spectral=singular.max(), matrix_l1=np.abs(a).sum(axis=0).max())
    return found


def expect_norm(namespace: dict, var: str, value, want: str, kind: str = "any") -> Note | None:
    """Judge ``namespace[var]`` as the ``want`` norm of ``value`` and name the norm it is instead.

    Norm names: the keys of :func:`norms_of`; "l2" is the Frobenius norm of a matrix. ``kind`` as
    for :func:`expect`.
    """
    norms = norms_of(value)
    got = namespace[var]
    wrong_kind = kind_note(var, got, kind)
    if wrong_kind:
        return wrong_kind
    values = as_array(got)
    assert values is not None  # kind_note lets only numbers through
    if values.size != 1:
        return Note.of("exercise.norm_not_scalar", var=var, got_shape=format_shape(values.shape))
    if same(values.reshape(()), norms[want]):
        return None
    for name, number in norms.items():
        if name != want and same(values.reshape(()), number) and not same(number, norms[want]):
            return Note.of("exercise.norm_kind", var=var, got=Note.of(f"exercise.norm.{name}").text,
                           want=Note.of(f"exercise.norm.{want}").text)
    return Note.of("exercise.wrong_value", var=var, got=preview(got), want=preview(norms[want]),
                   got_shape="()", want_shape="()")
