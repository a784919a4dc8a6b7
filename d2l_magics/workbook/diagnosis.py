"""Why a wrong answer is wrong, found without a checker: the answer is compared with the reference
solution's answer by meaning, and the first explanation that accounts for the difference is named.

The comparison goes values (within ``torch.testing``'s tolerances for the dtypes involved), then
shape, dtype, library and memory. A difference in values is explained by trying what a typical
mistake would have produced: the axis dropped or kept (``keepdims``), the transpose, the reference
solution re-run with another reduction axis or with ``keepdim`` toggled (``wrong-axis``,
``broadcast``), a std/var divisor of n against n−1, a ``.grad`` that kept its old value. Only when
none fits does the learner get the general ``shape`` or ``value`` message, which names the first
element that differs.
"""
from __future__ import annotations

import ast
import copy
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch

from ..messages import Note
from ..values import dtype_name, format_shape, preview
from .checks import as_array as as_values
from .checks import shares_memory

DIAGNOSES = ("keepdims", "wrong-axis", "transposed", "broadcast", "dtype", "divisor", "alias",
             "accumulated-grad", "wrong-library", "shape", "value")

# torch.testing.assert_close's default (rtol, atol) per dtype; integers and bools compare exactly.
TOLERANCES = {"float16": (1e-3, 1e-5), "bfloat16": (1.6e-2, 1e-5), "float32": (1.3e-6, 1e-5),
              "float64": (1e-7, 1e-7), "complex64": (1.3e-6, 1e-5), "complex128": (1e-7, 1e-7)}
PYTHON_FLOAT = "float64"  # what torch.testing takes a Python float for

# Calls whose axis argument a mistake may change, and the words that name the axis and keepdims.
REDUCING = {"sum", "mean", "max", "min", "prod", "std", "var", "argmax", "argmin", "amax", "amin",
            "median", "norm", "vector_norm", "logsumexp", "cumsum", "cumprod", "softmax", "log_softmax",
            "all", "any", "nansum", "nanmean", "count_nonzero", "ptp"}
AXIS_WORDS = ("dim", "axis")
KEEP_WORDS = ("keepdim", "keepdims")
TRIED_AXES = (0, 1, 2, -1, (0, 1), (0, 2), (1, 2), (0, 1, 2), None)
MAX_ACCUMULATED = 10  # a .grad up to this many times the reference counts as accumulated


@dataclass(frozen=True)
class Diagnosis:
    """The mistake an answer shows: one of ``DIAGNOSES``, and the Note that explains it."""

    id: str
    note: Note


def _diagnosis(diag_id: str, msg: str, **fields) -> Diagnosis:
    return Diagnosis(diag_id, Note.of(f"exercise.diagnosis.{msg}", **fields))


# -- comparing by meaning ----------------------------------------------------------------------

def library(value) -> str | None:
    if isinstance(value, torch.Tensor):
        return "torch"
    if isinstance(value, (np.ndarray, np.generic)):
        return "numpy"
    if isinstance(value, (bool, int, float, complex)):
        return "python"
    return None


def _dtype(value) -> str:
    if isinstance(value, float):
        return PYTHON_FLOAT
    return dtype_name(value) or str(np.asarray(value).dtype)


def tolerance(got, want) -> tuple[float, float]:
    """The looser of the two dtypes' torch.testing tolerances."""
    pairs = [TOLERANCES.get(_dtype(v), (0.0, 0.0)) for v in (got, want)]
    return max(p[0] for p in pairs), max(p[1] for p in pairs)


def close(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    if a.shape != b.shape:
        return False
    if a.dtype == bool or b.dtype == bool:
        return bool(np.array_equal(a, b))
    kind = np.complex128 if np.iscomplexobj(a) or np.iscomplexobj(b) else np.float64
    return bool(np.allclose(a.astype(kind), b.astype(kind), rtol=rtol, atol=atol, equal_nan=True))


def _kind(dtype: str) -> str:
    return "bool" if dtype == "bool" else "float" if "float" in dtype or "complex" in dtype else "int"


# -- the reference solution, and what its variants compute ---------------------------------------

def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _is_method(call: ast.Call) -> bool:
    """``x.sum(1)`` (the axis is the first argument), not ``torch.sum(x, 1)`` or ``np.sum(x, 1)``."""
    func = call.func
    return isinstance(func, ast.Attribute) and not (isinstance(func.value, ast.Name)
                                                    and func.value.id in ("torch", "np", "numpy"))


def _axis(call: ast.Call):
    """The axis argument of a reduction: (its value, where it is), or (None, None) when absent."""
    for keyword in call.keywords:
        if keyword.arg in AXIS_WORDS:
            return ast.literal_eval(keyword.value), keyword
    position = 0 if _is_method(call) else 1
    argument = call.args[position] if len(call.args) > position else None
    if isinstance(argument, ast.Constant):
        return argument.value, position
    return None, None


def _kept(call: ast.Call) -> bool:
    return any(k.arg in KEEP_WORDS and isinstance(k.value, ast.Constant) and k.value.value for k in call.keywords)


def _reductions(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _name(node) in REDUCING]


def format_axis(axis) -> str:
    return "dim=None" if axis is None else f"dim={axis}"


def variants(solution: str) -> Iterator[tuple[str, dict, str]]:
    """The reference solution with one reduction changed as a typical mistake changes it:
    (the mistake, what it changed, the changed source)."""
    try:
        tree = ast.parse(solution)
    except SyntaxError:
        return
    for index in range(len(_reductions(tree))):
        try:
            axis, _ = _axis(_reductions(tree)[index])
        except ValueError:  # an axis the source computes: nothing to vary
            continue
        yield "keepdims", {"axis": axis}, _changed(tree, index, keep=True)
        for other, keep in itertools.product(TRIED_AXES, (False, True)):
            if other != axis:  # another axis, and with it keepdims toggled so that it broadcasts
                yield "wrong-axis", {"got_axes": format_axis(other), "want_axes": format_axis(axis)}, \
                    _changed(tree, index, keep=keep, axis=other)


def _changed(tree: ast.AST, index: int, *, keep: bool = False, axis: object = "same") -> str:
    """The source with reduction ``index`` given ``axis`` and, with ``keep``, keepdims toggled."""
    tree = copy.deepcopy(tree)
    call = _reductions(tree)[index]
    if axis != "same":
        _, where = _axis(call)
        # a tuple of ints is a valid Constant (the compiler folds constant tuples into one); typeshed omits it
        constant = ast.Constant(axis)  # type: ignore[arg-type]
        if isinstance(where, ast.keyword):
            where.value = constant
        elif isinstance(where, int):
            call.args[where] = constant
        else:
            call.keywords.append(ast.keyword("axis", constant))
    if keep:
        kept = _kept(call)
        call.keywords = [k for k in call.keywords if k.arg not in KEEP_WORDS]
        if not kept:
            call.keywords.append(ast.keyword("keepdims", ast.Constant(True)))
    return ast.unparse(tree)


# -- one answer --------------------------------------------------------------------------------

@dataclass
class Evidence:
    """What the diagnosis of one answer may read besides the two values."""

    learner_given: dict
    """The given objects the learner's cell ran with, as they are after it."""
    reference_given: dict
    """The reference solution's given objects, as they are after it."""
    changed_by_learner: tuple[str, ...] = ()
    changed_by_reference: tuple[str, ...] = ()
    variant_values: Iterator[tuple[str, dict, object]] = iter(())
    """(mistake, what it changed, value) for each variant of the reference solution, lazily."""
    sizes: tuple[int, ...] = ()
    """Axis lengths and sizes of the given arrays: the n a std or var may divide by; empty when
    the reference computes no std or var."""
    grad_before: object = None
    """For a ``.grad`` answer: the gradient the tensor held before the cell."""


def diagnose(var: str, got, want, evidence: Evidence) -> Diagnosis | None:
    """None when ``got`` means the same as ``want``; else the first mistake that explains it."""
    a, b = as_values(got), as_values(want)
    if b is None:
        return None if _equal_objects(got, want) else _diagnosis("value", "value_object", var=var,
                                                                 got=preview(got), want=preview(want))
    fields = {"var": var, "got_shape": format_shape(a.shape) if a is not None else "-",
              "want_shape": format_shape(b.shape), "got": preview(got), "want": preview(want)}
    if a is None:
        return _diagnosis("value", "not_array", var=var, type=type(got).__name__)
    rtol, atol = tolerance(got, want)
    if close(a, b, rtol, atol):
        return _same_values(var, got, want, evidence)
    for explain in (_keepdims, _transposed, _variant, _accumulated, _divisor, _stretched, _int_float):
        found = explain(var, a, b, fields, evidence, (rtol, atol))
        if found:
            return found
    if a.shape != b.shape:
        return _diagnosis("shape", "shape", **fields)
    index = tuple(int(i) for i in np.argwhere(~np.isclose(a.astype(np.float64) if a.dtype != bool else a,
                                                          b.astype(np.float64) if b.dtype != bool else b,
                                                          rtol=rtol, atol=atol, equal_nan=True))[0])
    where = f"{var}[{', '.join(map(str, index))}]" if index else var
    return _diagnosis("value", "value", where=where, got_item=_item(a, index), want_item=_item(b, index), **fields)


def _item(values: np.ndarray, index: tuple) -> str:
    return np.array2string(np.asarray(values[index]), precision=4, suppress_small=True)


def _equal_objects(got, want) -> bool:
    try:
        return bool(got == want)
    except Exception:  # objects that cannot say whether they are equal are not the same answer
        return False


def _same_values(var, got, want, evidence: Evidence) -> Diagnosis | None:
    got_lib, want_lib = library(got), library(want)
    if "python" not in (got_lib, want_lib):
        if _dtype(got) != _dtype(want):
            return _diagnosis("dtype", "dtype", var=var, got=_dtype(got), want=_dtype(want))
        if got_lib != want_lib:
            return _diagnosis("wrong-library", "library", var=var, got=got_lib, want=want_lib)
    for name, mine in evidence.learner_given.items():
        theirs = evidence.reference_given.get(name)
        if shares_memory(got, mine) and not shares_memory(want, theirs):
            return _diagnosis("alias", "alias_shared", var=var, source=name)
        if not shares_memory(got, mine) and shares_memory(want, theirs):
            return _diagnosis("alias", "alias_copied", var=var, source=name)
    for name in evidence.changed_by_learner:
        if name not in evidence.changed_by_reference:
            return _diagnosis("alias", "given_changed", var=var, source=name)
    return None


# Each explanation below: (var, got values, want values, message fields, evidence, tolerances).

def _keepdims(var, a, b, fields, evidence, tol):
    if a.shape == b.shape or a.size != b.size or [n for n in a.shape if n != 1] != [n for n in b.shape if n != 1]:
        return None
    if not close(a.reshape(b.shape), b, *tol):
        return None
    return _diagnosis("keepdims", "keepdims_dropped" if a.ndim < b.ndim else "keepdims_kept", **fields)


def _transposed(var, a, b, fields, evidence, tol):
    if b.ndim < 2 or close(b, b.swapaxes(-1, -2), *tol):
        return None
    return _diagnosis("transposed", "transposed", **fields) if close(a, b.swapaxes(-1, -2), *tol) else None


def _variant(var, a, b, fields, evidence, tol):
    for mistake, changed, value in evidence.variant_values:
        values = as_values(value)
        if values is None or not close(a, values, *tol):
            continue
        if mistake == "wrong-axis":
            return _diagnosis("wrong-axis", "wrong_axis", **changed, **fields)
        if a.shape == b.shape:  # the reduced axis dropped or kept, stretched back the wrong way
            return _diagnosis("broadcast", "broadcast_keepdims", axis=format_axis(changed["axis"]), **fields)
        return _diagnosis("keepdims", "keepdims_dropped" if a.ndim < b.ndim else "keepdims_kept", **fields)
    return None


def _ratio(a, b, tol) -> float | None:
    """The one number c with a == c * b, if there is one."""
    if a.shape != b.shape or a.dtype == bool or not np.any(b):
        return None
    a, b = a.astype(np.float64), b.astype(np.float64)
    nonzero = b != 0
    if np.any(a[~nonzero] != 0):
        return None
    c = float(np.median(a[nonzero] / b[nonzero]))
    return c if close(a, c * b, *tol) else None


def _accumulated(var, a, b, fields, evidence, tol):
    if evidence.grad_before is None and not var.endswith(".grad"):
        return None
    if evidence.grad_before is not None:
        old = as_values(evidence.grad_before)
        if old is not None and old.shape == b.shape and close(a, old + b, *tol):
            return _diagnosis("accumulated-grad", "accumulated", **fields)
    c = _ratio(a, b, tol)
    if c is not None and round(c) == c and 2 <= c <= MAX_ACCUMULATED:
        return _diagnosis("accumulated-grad", "accumulated_times", times=int(c), **fields)
    return None


def _divisor(var, a, b, fields, evidence, tol):
    c = _ratio(a, b, tol)
    if c is None or c == 1:
        return None
    for n in sorted(set(evidence.sizes)):
        if n < 2:
            continue
        for power in (1.0, 0.5):  # var scales by n/(n-1), std by its square root
            factor = (n / (n - 1)) ** power
            # got / want: above 1 when the answer divided by the smaller n−1
            for got_n, ratio in ((f"n−1 = {n - 1}", factor), (f"n = {n}", 1 / factor)):
                if np.isclose(c, ratio, rtol=1e-6):
                    want_n = f"n = {n}" if got_n.startswith("n−1") else f"n−1 = {n - 1}"
                    return _diagnosis("divisor", "divisor", got_n=got_n, want_n=want_n, **fields)
    return None


def _stretched(var, a, b, fields, evidence, tol):
    """The reference's values repeated along an axis where the reference has none, or another one."""
    if a.ndim < b.ndim or a.size == b.size:
        return None
    for axes in itertools.combinations(range(a.ndim), b.ndim):
        shape = [1] * a.ndim
        for axis, n in zip(axes, b.shape):
            shape[axis] = n
        try:
            stretched = np.broadcast_to(b.reshape(shape), a.shape)
        except ValueError:
            continue
        if close(a, stretched, *tol):
            return _diagnosis("broadcast", "broadcast_stretched", **fields)
    return None


def _int_float(var, a, b, fields, evidence, tol):
    if a.shape == b.shape and _kind(str(a.dtype)) != _kind(str(b.dtype)) and "bool" not in (str(a.dtype), str(b.dtype)):
        return _diagnosis("dtype", "dtype_values", got=str(a.dtype), want=str(b.dtype), **fields)
    return None
