"""Whether two values agree: numbers within torch.testing's tolerances (NaN equal to NaN), dtypes
by name, containers item by item; a difference names its first differing element and its size."""
from __future__ import annotations

import ast
import types

import numpy as np
import torch

from ..messages import Note
from ..values import dtype_name, format_shape, is_array, numpy_dtype_names, to_numpy

_SEVERITY = {"match": 0, "dtype": 1, "mismatch": 2}

# torch.testing.assert_close defaults, per dtype; a pair of dtypes uses the looser one.
TOLERANCES = {"float16": (1e-3, 1e-5), "bfloat16": (1.6e-2, 1e-5), "float32": (1.3e-6, 1e-5),
              "complex64": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7), "complex128": (1e-7, 1e-7)}
PYTHON_NUMBER_TOLERANCE = TOLERANCES["float32"]  # a Python float may come from float32 work
# Differences up to this fraction of the largest value are rounding (about 80 float32 ulps), but
# only in a statement that adds numbers up (or reads a value that came from one): elsewhere the
# two libraries round the same way, and a difference is a difference.
ROUNDING = {"float16": 1e-2, "bfloat16": 5e-2, "float32": 1e-5}
CLOSENESS_CHUNK = 1 << 17  # elements compared at a time: the temporaries stay in the CPU cache
# Operations the two libraries may add up in different orders, or approximate differently.
ADDS_UP = frozenset({
    "sum", "nansum", "mean", "nanmean", "average", "cumsum", "cumprod", "prod", "nanprod", "std", "var",
    "std_mean", "var_mean", "norm", "vector_norm", "matrix_norm", "logsumexp", "softmax", "log_softmax",
    "mm", "bmm", "matmul", "mv", "dot", "vdot", "inner", "einsum", "tensordot", "multi_dot", "addmm",
    "addmv", "addbmm", "baddbmm", "trace", "det", "slogdet", "logdet", "inv", "pinv", "solve", "lstsq",
    "eig", "eigh", "eigvals", "eigvalsh", "svd", "svdvals", "qr", "cholesky", "matrix_power", "matrix_exp",
    "cov", "corrcoef", "linspace", "logspace", "trapz", "trapezoid", "cdist", "dist",
    "conv1d", "conv2d", "conv3d", "linear", "bilinear", "interp", "polyval", "histogram", "histc",
    "normalize", "cosine_similarity", "pairwise_distance", "layer_norm", "batch_norm", "group_norm",
})


def adds_up(node: ast.AST, namespace: dict) -> bool:
    """Whether the statement ``node`` may add numbers up: ``@``, a call of ``ADDS_UP``, or a call
    of something that is not a library function (a learner's function, a model), which may."""
    for sub in ast.walk(node):
        if isinstance(sub, (ast.BinOp, ast.AugAssign)) and isinstance(sub.op, ast.MatMult):
            return True
        if not isinstance(sub, ast.Call):
            continue
        func = sub.func
        if isinstance(func, ast.Attribute) and func.attr in ADDS_UP:
            return True
        if isinstance(func, ast.Name):
            value = namespace.get(func.id)
            if func.id in ADDS_UP or getattr(value, "__name__", None) in ADDS_UP or _not_library(value):
                return True
    return False


def _not_library(value) -> bool:
    """A callable that is not torch's, NumPy's or a builtin: what it computes is unknown."""
    return isinstance(value, (types.FunctionType, types.MethodType, torch.nn.Module)) or (
        callable(value) and not isinstance(value, type) and type(value).__module__.split(".")[0]
        not in ("builtins", "torch", "numpy"))


def _is_number_like(value) -> bool:
    return is_array(value) or isinstance(value, (np.generic, int, float, complex))


def _is_dtype(value) -> bool:
    return isinstance(value, (torch.dtype, np.dtype)) or (isinstance(value, type) and issubclass(value, np.generic))


def _run_for_effect(source, target) -> bool:
    """A call made for what it does, not what it returns: ``np.random.seed(0)`` (None) against
    ``torch.manual_seed(0)`` (a Generator). There is no value to compare."""
    def is_data(value):
        return _is_number_like(value) or isinstance(value, (tuple, list))
    return (source is None or target is None) and not is_data(source) and not is_data(target)


def _same_type(source: type, target: type) -> bool:
    """``type(x)`` is ``torch.Tensor`` on one side and ``np.ndarray`` on the other: counterparts."""
    return {source, target} <= {torch.Tensor, np.ndarray} or source is target


def _identity_only(value) -> bool:
    # the same function or not: mypy compares the two signatures instead
    return type(value).__eq__ is object.__eq__ and not isinstance(value, type)  # type: ignore[comparison-overlap]


def _verdict(name: str, source, target, libs: dict, rtol, atol, may_round: bool = True) -> tuple[str, Note | None]:
    """("match" | "dtype" | "mismatch", a note saying what differs). Beyond the tolerances,
    ``may_round`` forgives a difference within float32 rounding of the largest value."""
    pairs = None
    if isinstance(source, (tuple, list)) and isinstance(target, (tuple, list)):
        if len(source) != len(target):
            return "mismatch", Note.of("compare.length_differs", name=name, source_length=len(source),
                                       target_length=len(target), **libs)
        pairs = [(f"{name}[{index}]", s, t) for index, (s, t) in enumerate(zip(source, target))]
    elif isinstance(source, dict) and isinstance(target, dict) and source.keys() == target.keys():
        pairs = [(f"{name}[{key!r}]", source[key], target[key]) for key in source]
    if pairs is not None:
        worst: tuple[str, Note | None] = ("match", None)
        for label, s, t in pairs:
            verdict = _verdict(label, s, t, libs, rtol, atol, may_round)
            # the worst item's verdict; among equals the first with a note (a rounding note is kept)
            if _SEVERITY[verdict[0]] > _SEVERITY[worst[0]] or verdict[0] == worst[0] and worst[1] is None:
                worst = verdict
        return worst
    if _identity_only(source) and _identity_only(target) and type(source).__qualname__ == type(target).__qualname__:
        return "match", None  # instances of the learner's own class: equal only to themselves
    if _is_number_like(source) and _is_number_like(target):
        return _compare_numbers(name, source, target, libs, rtol, atol, may_round)
    if _is_dtype(source) and _is_dtype(target):
        source_dtype, target_dtype = _dtype_text(source), _dtype_text(target)
        if source_dtype == target_dtype:
            return "match", None
        return "dtype", Note.of("compare.dtype_names_differ", name=name, source_dtype=source_dtype,
                                target_dtype=target_dtype, **libs)
    if isinstance(source, type) and isinstance(target, type) and _same_type(source, target):
        return "match", None
    try:
        equal = bool(np.all(source == target))
    except Exception:
        equal = False
    if equal:
        return "match", None
    return "mismatch", Note.of("compare.value_differs", name=name, source_value=_short(source),
                               target_value=_short(target), **libs)


def _compare_numbers(name, source, target, libs, rtol, atol, may_round):
    a, b = to_numpy(source), to_numpy(target)
    if a.shape != b.shape:
        return "mismatch", Note.of("compare.shape_differs", name=name, source_shape=format_shape(a.shape),
                                   target_shape=format_shape(b.shape), **libs)
    source_dtype, target_dtype = dtype_name(source), dtype_name(target)
    note = None
    x, y, row_by_row = _flattened(a, b)
    if not _exactly_equal(x, y):
        both_typed = bool(source_dtype and target_dtype)
        told = rtol is not None or atol is not None
        rounding = _rounding_scale(a, b, both_typed) if may_round and not told else None
        default_rtol, default_atol = _tolerance(a, b, both_typed)
        rtol = default_rtol if rtol is None else rtol
        atol = default_atol if atol is None else atol
        try:
            closeness, difference, first = _closeness(x, y, rtol, atol, rounding)
            if first is not None and not row_by_row:  # the first difference as the learner counts
                first = _closeness(np.ravel(a), np.ravel(b), rtol, atol, rounding)[2]
        except TypeError:  # object or string arrays
            closeness, difference, first = "differs", float("nan"), _first_unequal(a, b)
        if closeness == "differs":
            index = np.unravel_index(first, a.shape) if a.shape else ()
            return "mismatch", Note.of(
                "compare.values_differ", name=name, difference=f"{difference:.3g}", rtol=f"{rtol:g}",
                atol=f"{atol:g}", index=_index_text(index), source_element=_element(a, index),
                target_element=_element(b, index), **libs)
        if closeness == "rounding":
            note = Note.of("compare.rounding", name=name, difference=f"{difference:.3g}", **libs)
    if source_dtype and target_dtype and source_dtype != target_dtype:
        return "dtype", _dtype_note(name, source_dtype, target_dtype, libs)
    return "match", note


def _flattened(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Both arrays flat in one element order, and whether that order is row by row (C order).
    Arrays laid out alike (``A.T`` on both sides) are read in memory order, without a copy."""
    if a.strides == b.strides and a.itemsize == b.itemsize and not a.flags.c_contiguous:
        return np.ravel(a, order="K"), np.ravel(b, order="K"), False
    return np.ravel(a), np.ravel(b), True


def _exactly_equal(x: np.ndarray, y: np.ndarray) -> bool:
    """Equal element by element, NaN equal to NaN (as torch.testing's ``equal_nan``), for two flat
    arrays. Runs in cache-sized chunks and stops at the first chunk that differs: most values
    compared are equal."""
    floats = x.dtype.kind in "fc" or y.dtype.kind in "fc"
    try:
        for start in range(0, x.size, CLOSENESS_CHUNK):
            xs, ys = x[start:start + CLOSENESS_CHUNK], y[start:start + CLOSENESS_CHUNK]
            same = xs == ys
            if not isinstance(same, np.ndarray):  # NumPy could not compare them element-wise
                return False
            if not same.all() and not (floats and (same | (np.isnan(xs) & np.isnan(ys))).all()):
                return False
    except TypeError:
        return False
    return True


def _first_unequal(a: np.ndarray, b: np.ndarray) -> int:
    unequal = np.ravel(a != b) if a.shape else np.array([True])
    return int(np.argmax(unequal))


def _index_text(index) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _element(array: np.ndarray, index) -> str:
    return _short(array[index].item() if hasattr(array[index], "item") else array[index])


def _closeness(x: np.ndarray, y: np.ndarray, rtol: float, atol: float, rounding: float | None):
    """For two flat arrays: ("close" | "rounding" | "differs", the largest difference, the index
    of the first element beyond the tolerance or None); NaN equals NaN, an infinity the same one.

    "close": every element within ``atol + rtol * |b|`` (torch.testing's rule); "rounding": the
    largest difference is at most ``rounding`` times the largest value. This runs on every value
    compared, so it works through the data in cache-sized chunks: where every difference is within
    ``atol``, one pass (subtract, abs, max); the bound ``|b|`` is made only where it is needed."""
    wide = np.result_type(x.dtype, y.dtype)
    if wide.kind not in "fc":
        wide = np.dtype(np.float64)
    largest, first, chunks = 0.0, None, []  # chunks: (start, largest difference, finite throughout)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, x.size, CLOSENESS_CHUNK):
            xs = x[start:start + CLOSENESS_CHUNK].astype(wide, copy=False)
            ys = y[start:start + CLOSENESS_CHUNK].astype(wide, copy=False)
            difference = np.subtract(xs, ys)
            np.abs(difference, out=difference)
            chunk_largest, bound = float(difference.max()), None
            finite = bool(np.isfinite(chunk_largest))  # a NaN or infinity on either side makes it not
            if not finite:
                same = (xs == ys) | (np.isnan(xs) & np.isnan(ys))  # equal infinities, NaN against NaN
                difference[same] = 0
                if not np.isfinite(difference).all():
                    return "differs", float(np.nanmax(np.where(np.isnan(difference), np.inf, difference))), \
                        start + int(np.argmax(~np.isfinite(difference)))
                chunk_largest = float(difference.max())
                bound = np.abs(ys)
                bound[~(np.isfinite(xs) & np.isfinite(ys))] = np.inf  # left non-finite: equal on both sides
            largest = max(largest, chunk_largest)
            chunks.append((start, chunk_largest, finite))
            if first is None and chunk_largest > atol:
                bound = np.abs(ys) if bound is None else bound
                bound *= rtol
                bound += atol
                beyond = difference > bound
                if beyond.any():
                    first = start + int(np.argmax(beyond))
    if first is None:
        return "close", largest, None
    if rounding is not None and largest <= rounding * _scale(x, y, wide, chunks):
        return "rounding", largest, first
    return "differs", largest, first


def _scale(x: np.ndarray, y: np.ndarray, wide: np.dtype, chunks) -> float:
    """The largest value, per chunk ``max |y| + max |x - y|`` (as ``|x| <= |y| + |x - y|``), over
    the elements finite on both sides."""
    scale = 0.0
    with np.errstate(invalid="ignore", over="ignore"):
        for start, chunk_largest, finite in chunks:
            ys = np.abs(y[start:start + CLOSENESS_CHUNK].astype(wide, copy=False))
            where = True if finite else np.isfinite(x[start:start + CLOSENESS_CHUNK]) & np.isfinite(ys)
            scale = max(scale, float(ys.max(where=where, initial=0)) + chunk_largest)
    return scale


def _rounding_scale(a: np.ndarray, b: np.ndarray, both_typed: bool) -> float | None:
    """For low-precision floats, the two libraries add in different orders (sums, matmul, cumsum),
    so results differ by rounding that grows with the size of the values; None when exact is due.
    A Python float (``float(n)`` of a float32 norm) carries the rounding of the work it came from."""
    names = [numpy_dtype_names(array.dtype)[1] for array in (a, b)]
    scales = [ROUNDING[name] for name in names if name in ROUNDING]
    if not both_typed and a.dtype.kind == "f":
        scales.append(ROUNDING["float32"])
    return max(scales) if scales else None


def _tolerance(a: np.ndarray, b: np.ndarray, both_typed) -> tuple[float, float]:
    """The looser of the two dtypes' torch.testing tolerances; exact for integers."""
    names = [numpy_dtype_names(array.dtype)[1] for array in (a, b)]
    pairs = [TOLERANCES[name] for name in names if name in TOLERANCES]
    if not both_typed and pairs:
        pairs.append(PYTHON_NUMBER_TOLERANCE)
    if not pairs:
        return 0.0, 0.0
    return max(p[0] for p in pairs), max(p[1] for p in pairs)


def _dtype_note(name, source_dtype, target_dtype, libs) -> Note:
    kinds = {_dtype_kind(d) for d in (source_dtype, target_dtype)}
    if kinds <= {"f", "c"}:
        msg_id = "compare.float_width"
    elif "f" in kinds and kinds & {"i", "u", "b"}:
        msg_id = "compare.int_vs_float"
    else:
        msg_id = "compare.dtype_differs"
    return Note.of(msg_id, name=name, source_dtype=source_dtype, target_dtype=target_dtype, **libs)


def _dtype_kind(name: str) -> str:
    """NumPy's one-letter kind ("f", "i", "b", ...) of a dtype name from either library."""
    try:
        return np.dtype(name).kind
    except TypeError:
        return "f" if "float" in name else "?"


def _dtype_text(value) -> str:
    if isinstance(value, torch.dtype):
        return str(value).removeprefix("torch.")
    return np.dtype(value).name


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(error: BaseException) -> str:
    """``ValueError: message``; an exception whose ``str()`` itself raises is named by its type."""
    try:
        message = str(error)
    except Exception:
        return type(error).__name__
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _unique_by_id(notes) -> list[Note]:
    first: dict[str, Note] = {}
    for note in notes:
        first.setdefault(note.id, note)
    return list(first.values())
