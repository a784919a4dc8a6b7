"""Run a cell as usual and its translation on copies, statement by statement, and compare values.

The learner's cell runs in their namespace exactly as it would without the magic. Its translation
runs in a scratch namespace holding converted copies of what the cell reads (taken before the
cell ran), so nothing the learner owns is touched twice. Random draws are replayed (``replay``).
"""
from __future__ import annotations

import contextlib
import copy
import functools
import io
import types
import warnings
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import torch

from . import replay
from .cell import (Statement, StatementCompiler, StatementNames, compile_cell, exception_text, names_read_first,
                   parse_cell, start_at_learner_frame, statement_names)
from .messages import Note, get_language, use_language
from .render.common import format_shape
from .values import ValueSummary, dtype_name, is_array, is_tensor, summarize, to_numpy

LIBRARY_NAMES = {"torch": "torch", "numpy": "NumPy"}
FAILING = {"mismatch", "error"}
_SEVERITY = {"match": 0, "dtype": 1, "mismatch": 2}

# torch.testing.assert_close defaults, per dtype; a pair of dtypes uses the looser one.
TOLERANCES = {"float16": (1e-3, 1e-5), "bfloat16": (1.6e-2, 1e-5), "float32": (1.3e-6, 1e-5),
              "complex64": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7), "complex128": (1e-7, 1e-7)}
PYTHON_NUMBER_TOLERANCE = TOLERANCES["float32"]  # a Python float may come from float32 work
# Differences up to this fraction of the largest value are rounding (about 80 float32 ulps).
ROUNDING = {"float16": 1e-2, "bfloat16": 5e-2, "float32": 1e-5}
CLOSENESS_CHUNK = 1 << 15  # elements compared at a time: the temporaries stay in the CPU cache
SNAPSHOT_COPY_LIMIT = 10_000  # elements; above it a row keeps its summary instead of a copy

_UNCOPIED = object()
_LEARNER_CODE = object()  # stands for a value the translation must not use: see _runs_learner_code
# Modules, functions and classes: the translation shares them as they are; they are not data to compare.
_CODE = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)
_BOUND = (types.MethodType, types.BuiltinMethodType, types.MethodWrapperType)


@dataclass(frozen=True, eq=False)
class Row:
    """One compared value of one statement (a statement binding several names gives several rows).

    ``status`` is "match", "dtype", "mismatch", "torch-only", "numpy-only" or "error"; the values
    are summarised (shape, dtype, preview) when the report is first shown."""

    lineno: int
    source_code: str
    target_code: str | None
    status: str
    note: Note | None = None
    name: str | None = None  # the name compared; None for an expression's value
    source_snapshot: object = field(default=None, repr=False)
    target_snapshot: object = field(default=None, repr=False)

    @cached_property
    def source_value(self) -> ValueSummary | None:
        return _summary(self.source_snapshot)

    @cached_property
    def target_value(self) -> ValueSummary | None:
        return _summary(self.target_snapshot)


@dataclass(frozen=True, eq=False)
class CompareReport:
    source_lib: str
    target_lib: str
    rows: list[Row]
    translation: object
    notes: list[Note]
    exception: BaseException | None = field(default=None, repr=False)
    value: object = field(default=None, repr=False)
    """The value of the source cell's final expression, as IPython would show it."""
    language: str = field(default_factory=get_language)
    """The language the notes were made in: a report shown later is drawn in it too."""

    @property
    def ok(self) -> bool:
        return not any(row.status in FAILING for row in self.rows)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .render.compare import render_html, render_text
        with use_language(self.language):
            return {"text/plain": render_text(self), "text/html": render_html(self)}


def compare(source: str, namespace: dict, source_lib: str = "torch", rtol=None, atol=None,
            filename: str | None = None) -> CompareReport:
    """Run ``source`` in ``namespace`` and its translation on copies; a ``CompareReport``."""
    from .translation.translator import translate

    if source_lib not in LIBRARY_NAMES:
        raise ValueError(f"source_lib must be 'torch' or 'numpy', not {source_lib!r}")
    target_lib = "numpy" if source_lib == "torch" else "torch"
    cell = parse_cell(source, filename)
    translation = translate(source, to=target_lib)
    run = _Comparison(cell, translation, namespace, source_lib, target_lib, rtol, atol)
    return run.report()


@dataclass(frozen=True)
class _SourceOnly:
    """A statement whose translation does not run, on the source side only: the translation did
    not list it, or running it would run the learner's own code a second time (``code`` is then
    shown, not run)."""

    lineno: int
    code: str | None = None
    reason: Note | None = None


def _runs(translated) -> bool:
    return translated.code is not None and not isinstance(translated, _SourceOnly)


class _Comparison:
    """One run of a cell and its translation; collects rows and notes as it goes."""

    def __init__(self, cell, translation, namespace, source_lib, target_lib, rtol, atol):
        self.cell, self.translation, self.namespace = cell, translation, namespace
        self.source_lib, self.target_lib = source_lib, target_lib
        self.libs = {"source_lib": LIBRARY_NAMES[source_lib], "target_lib": LIBRARY_NAMES[target_lib]}
        self.rtol, self.atol = rtol, atol
        self.rows: list[Row] = []
        self.notes: list[Note] = []
        self.draws = deque()
        self.stand_in, self.replayer = replay.stand_in(target_lib, self.draws)
        self.module_name = "np" if target_lib == "numpy" else "torch"
        self.analyses = [_names_of(statement) for statement in cell.statements]
        self.translated = {item.lineno: item for item in translation.statements}
        self.scratch = {}
        self.compile = StatementCompiler(cell.filename)
        self.learner_code: set[str] = set()  # names the translation must not use (_runs_learner_code)
        self._sync(names_read_first(self.analyses))

    # -- the scratch namespace ---------------------------------------------------------------

    def _sync(self, names) -> None:
        """Give the scratch side converted copies of ``names`` (at the start, the names the cell
        reads before assigning them; later, what a statement whose translation did not run bound),
        one copy per object, and the stand-in library."""
        copies = _Copies(self.target_lib, self.namespace)
        for name in names:
            if name not in self.namespace or name == self.module_name:
                continue
            value = copies.of(self.namespace[name])
            self.learner_code.discard(name)
            if value is _UNCOPIED:
                self._note("compare.not_copied", name=name, **self.libs)
            elif value is _LEARNER_CODE:
                self.learner_code.add(name)
            else:
                self.scratch[name] = value
                continue
            self.scratch.pop(name, None)
        self.scratch[self.module_name] = self.stand_in

    # -- running ------------------------------------------------------------------------------

    def report(self) -> CompareReport:
        exception, value = None, None
        guard = (replay.recording(self.source_lib, self.draws)
                 if replay.mentions_randomness(self.cell.source, self.source_lib) else contextlib.nullcontext())
        with guard:
            for index, statement in enumerate(self.cell.statements):
                translated = self._translated(index, statement)
                self.draws.clear()  # a statement's translation replays that statement's draws only
                try:
                    result = self._run_source(statement)
                except Exception as error:  # the learner's own exception: reported, then re-raised
                    exception = start_at_learner_frame(error, self.cell.filename)
                    self._error_row(index, statement, translated, error)
                    break
                if index == len(self.cell.statements) - 1 and self.cell.shows_last_value:
                    value = result
                try:
                    self._compare_statement(index, statement, translated, result)
                except Exception as error:  # never stop the learner's cell half-way over a comparison
                    note = self._note("compare.not_compared", error=_describe(error))
                    self._row(_base(statement, translated), "mismatch", note, None, result, None)
        if self.replayer.replayed:
            self._note("compare.random_replayed", **self.libs)
        for function in dict.fromkeys(self.replayer.missed):
            self._note("compare.random_not_replayed", function=function, **self.libs)
        notes = _unique_by_id([*self.translation.notes, *self.notes])
        return CompareReport(self.source_lib, self.target_lib, self.rows, self.translation, notes,
                             exception, value)

    def _translated(self, index: int, statement: Statement):
        """The statement's translation, or a _SourceOnly where it must not run."""
        translated = self.translated.get(statement.lineno)
        if translated is None:
            return _SourceOnly(statement.lineno)
        reused = [name for name in self.analyses[index].reads if name in self.learner_code]
        if reused and translated.code is not None:
            return _SourceOnly(statement.lineno, translated.code,
                               Note.of("compare.runs_learner_code", name=reused[0], **self.libs))
        return translated

    def _run_source(self, statement: Statement):
        code = self.compile(statement.node, evaluate=True)
        if statement.is_expression:
            return eval(code, self.namespace)
        exec(code, self.namespace)
        return None

    def _run_target(self, translated, wants_value: bool):
        """Run one translated statement in the scratch namespace; (its value, exception).

        Printed output is dropped (the learner sees their own cell's prints only once); warnings
        become notes."""
        filename = f"<{LIBRARY_NAMES[self.target_lib]} translation>"
        try:
            compiled = _compile_translation(translated.code, filename, wants_value)
            with contextlib.redirect_stdout(io.StringIO()), self._target_rng(), \
                    warnings.catch_warnings(record=True) as warned:
                warnings.simplefilter("always")
                value = compiled.run(self.scratch)
            for warning in warned:
                self._note("compare.target_warned", warning=str(warning.message), **self.libs)
            return value, None
        except Exception as error:
            return None, error
        finally:
            if isinstance(self.scratch.get(self.module_name), types.ModuleType):  # `import numpy as np`
                self.scratch[self.module_name] = self.stand_in

    @contextlib.contextmanager
    def _target_rng(self):
        """Translated torch code may reach torch's global generator (distributions): restore it."""
        if self.target_lib != "torch":
            yield
            return
        state = torch.get_rng_state()
        try:
            yield
        finally:
            torch.set_rng_state(state)

    # -- rows ---------------------------------------------------------------------------------

    def _compare_statement(self, index: int, statement: Statement, translated, source_result) -> None:
        binds = self.analyses[index].binds
        names = _data_names(binds, self.namespace)
        base = _base(statement, translated)
        if not _runs(translated):
            status = f"{self.source_lib}-only"
            if translated.reason is not None:
                self.notes.append(translated.reason)
            if statement.is_expression or not names:
                self._row(base, status, translated.reason, None, source_result, None)
            for name in names:
                self._row(base, status, translated.reason, name, self.namespace[name], None)
            self._sync(binds)
            return
        target_result, error = self._run_target(translated, statement.is_expression)
        if error is not None:
            note = self._note("compare.target_raised", error=_describe(error), **self.libs)
            self._row(base, "mismatch", note, None, source_result if statement.is_expression else None, None)
            self._sync(binds)
            return
        self.learner_code.difference_update(binds)  # the translation made its own
        if statement.is_expression:
            self._compared_row(base, None, source_result, target_result, self.analyses[index].asks_identity)
        elif not names:
            self._row(base, "match", None, None, None, None)
        for name in names:
            if name not in self.scratch:
                note = self._note("compare.name_missing", name=name, **self.libs)
                self._row(base, "mismatch", note, name, self.namespace[name], None)
            else:
                self._compared_row(base, name, self.namespace[name], self.scratch[name],
                                   self.analyses[index].asks_identity)

    def _compared_row(self, base, name, source_value, target_value, asks_identity: bool) -> None:
        label = name or base["source_code"].splitlines()[0]
        if name is None and _run_for_effect(source_value, target_value):
            status, note = "match", None
        elif asks_identity:
            status, note = "match", Note.of("compare.identity")
        else:
            status, note = _verdict(label, source_value, target_value, self.libs, self.rtol, self.atol)
        if note is not None:
            self.notes.append(note)
        self._row(base, status, note, name, source_value, target_value)

    def _error_row(self, index: int, statement: Statement, translated, error: Exception) -> None:
        base = _base(statement, translated)
        target_value = None
        if _runs(translated):
            result, _ = self._run_target(translated, statement.is_expression)
            names = [n for n in self.analyses[index].binds if n in self.scratch]
            target_value = result if statement.is_expression or not names else self.scratch[names[0]]
        note = self._note("compare.source_raised", error=_describe(error), **self.libs)
        self._row(base, "error", note, None, None, target_value)

    def _row(self, base, status, note, name, source_value, target_value) -> None:
        self.rows.append(Row(status=status, note=note, name=name, source_snapshot=_snapshot(source_value),
                             target_snapshot=_snapshot(target_value), **base))

    def _note(self, msg_id: str, **fields) -> Note:
        note = Note.of(msg_id, **fields)
        self.notes.append(note)
        return note


def _base(statement: Statement, translated) -> dict:
    """The fields every row of a statement shares."""
    return dict(lineno=statement.lineno, source_code=statement.source, target_code=translated.code)


@functools.lru_cache(maxsize=1024)
def _compile_translation(code: str, filename: str, wants_value: bool):
    """The translated statements, compiled as a cell is (its final expression gives its value
    when ``wants_value``). Kept per text: a re-run cell's translation is the same code."""
    return compile_cell(parse_cell(code, filename), shows_last_value=wants_value)


# -- which names a statement reads and binds, kept per statement text ----------------------------

_NAMES_BY_TEXT: dict[str, StatementNames] = {}


def _names_of(statement: Statement) -> StatementNames:
    """A re-run cell repeats its statements' texts, and the same text reads and binds the same
    names, so each text is analysed once. A decorated definition's text leaves out its
    decorators: it is analysed afresh every time."""
    if getattr(statement.node, "decorator_list", None):
        return statement_names(statement.node)
    names = _NAMES_BY_TEXT.get(statement.source)
    if names is None:
        if len(_NAMES_BY_TEXT) >= 4096:
            _NAMES_BY_TEXT.clear()
        names = _NAMES_BY_TEXT[statement.source] = statement_names(statement.node)
    return names


def _data_names(names, namespace) -> list[str]:
    """The names whose values are data to compare (not modules, functions or classes)."""
    return [name for name in names if name in namespace and not isinstance(namespace[name], _CODE)]


# -- copies for the other library ----------------------------------------------------------------

class _Copies:
    """Copies of learner values in ``target_lib``'s terms that share no memory with theirs.

    One copy per object: two names holding one tensor (``Y = X``) hold one array on the other
    side too, so changing it through one name shows through the other, as in the learner's cell."""

    def __init__(self, target_lib: str, namespace: dict):
        self.target_lib, self.namespace = target_lib, namespace
        self.made: dict[int, object] = {}  # id of the learner's object -> its copy
        self.deepcopy_memo: dict = {}

    def of(self, value):
        """The copy, or _UNCOPIED, or _LEARNER_CODE (for a container: if any item is)."""
        key = id(value)
        if key not in self.made:
            self.made[key] = self._convert(value)
        return self.made[key]

    def _convert(self, value):
        target_lib = self.target_lib
        if target_lib == "numpy" and is_tensor(value):
            return to_numpy(value).copy()
        if target_lib == "torch" and isinstance(value, (np.ndarray, np.generic)) and value.dtype != object:
            return torch.tensor(value)
        if type(value) in (list, tuple, dict):
            items = dict(value) if type(value) is dict else dict(enumerate(value))
            copies = {key: self.of(item) for key, item in items.items()}
            for sentinel in (_LEARNER_CODE, _UNCOPIED):
                if any(item is sentinel for item in copies.values()):
                    return sentinel
            return copies if type(value) is dict else type(value)(copies.values())
        if isinstance(value, types.ModuleType):
            return value
        if _runs_learner_code(value, self.namespace):
            return _LEARNER_CODE
        if isinstance(value, _CODE):
            return value
        try:
            return copy.deepcopy(value, self.deepcopy_memo)
        except Exception:
            return _UNCOPIED


def _runs_learner_code(value, namespace: dict) -> bool:
    """Would the translation, using ``value``, run the learner's code or touch their objects a
    second time? Their functions (whose globals are their namespace), methods bound to an object
    (``W.add_``, ``losses.append``), and their classes and instances of them."""
    if isinstance(value, types.FunctionType):
        return value.__globals__ is namespace
    if isinstance(value, _BOUND):
        return value.__self__ is not None and not isinstance(value.__self__, types.ModuleType)
    cls = value if isinstance(value, type) else type(value)
    return any(getattr(getattr(attribute, "__func__", attribute), "__globals__", None) is namespace
               for klass in cls.__mro__[:-1] for attribute in vars(klass).values())


def _snapshot(value):
    """What the row shows later, frozen now (the learner may change the tensor in a later cell).

    Small arrays are copied and summarised on display; a large one is summarised now, which
    costs less than copying it."""
    if is_array(value):
        size = value.size if isinstance(value, np.ndarray) else value.numel()
        if size > SNAPSHOT_COPY_LIMIT:
            return summarize(value)
        return value.detach().clone() if is_tensor(value) else value.copy()
    if isinstance(value, (list, tuple)) and any(is_array(item) for item in value):
        return tuple(_snapshot(item) for item in value)
    return value


def _summary(value) -> ValueSummary | None:
    """Summaries are made when the report is shown, not while the cell runs (they are slow)."""
    if isinstance(value, ValueSummary):
        return value
    if isinstance(value, tuple) and any(is_array(item) or isinstance(item, ValueSummary) for item in value):
        parts = [item if isinstance(item, ValueSummary) else summarize(item) for item in value]
        return ValueSummary("tuple", "tuple", None, None, None,
                            "\n".join(f"[{i}] {part.preview}" for i, part in enumerate(parts)))
    return None if value is None else summarize(value)


# -- comparing two values --------------------------------------------------------------------------

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
    return type(value).__eq__ is object.__eq__ and not isinstance(value, type)


def _verdict(name: str, source, target, libs: dict, rtol, atol) -> tuple[str, Note | None]:
    """("match" | "dtype" | "mismatch", a note saying what differs)."""
    pairs = None
    if isinstance(source, (tuple, list)) and isinstance(target, (tuple, list)):
        if len(source) != len(target):
            return "mismatch", Note.of("compare.length_differs", name=name, source_length=len(source),
                                       target_length=len(target), **libs)
        pairs = [(f"{name}[{index}]", s, t) for index, (s, t) in enumerate(zip(source, target))]
    elif isinstance(source, dict) and isinstance(target, dict) and source.keys() == target.keys():
        pairs = [(f"{name}[{key!r}]", source[key], target[key]) for key in source]
    if pairs is not None:
        worst = ("match", None)
        for label, s, t in pairs:
            verdict = _verdict(label, s, t, libs, rtol, atol)
            if _SEVERITY[verdict[0]] > _SEVERITY[worst[0]]:
                worst = verdict
        return worst
    if _identity_only(source) and _identity_only(target) and type(source).__qualname__ == type(target).__qualname__:
        return "match", None  # instances of the learner's own class: equal only to themselves
    if _is_number_like(source) and _is_number_like(target):
        return _compare_numbers(name, source, target, libs, rtol, atol)
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


def _compare_numbers(name, source, target, libs, rtol, atol):
    a, b = to_numpy(source), to_numpy(target)
    if a.shape != b.shape:
        return "mismatch", Note.of("compare.shape_differs", name=name, source_shape=format_shape(a.shape),
                                   target_shape=format_shape(b.shape), **libs)
    source_dtype, target_dtype = dtype_name(source), dtype_name(target)
    note = None
    if not np.array_equal(a, b):
        rounding = None if rtol is not None or atol is not None else _rounding_scale(a, b)
        default_rtol, default_atol = _tolerance(a, b, source_dtype and target_dtype)
        rtol = default_rtol if rtol is None else rtol
        atol = default_atol if atol is None else atol
        try:
            closeness, difference = _closeness(a, b, rtol, atol, rounding)
        except TypeError:  # object or string arrays
            closeness, difference = "differs", float("nan")
        if closeness == "differs":
            return "mismatch", Note.of("compare.values_differ", name=name, difference=f"{difference:.3g}",
                                       rtol=f"{rtol:g}", atol=f"{atol:g}", **libs)
        if closeness == "rounding":
            note = Note.of("compare.rounding", name=name, difference=f"{difference:.3g}", **libs)
    if source_dtype and target_dtype and source_dtype != target_dtype:
        return "dtype", _dtype_note(name, source_dtype, target_dtype, libs)
    return "match", note


def _closeness(a: np.ndarray, b: np.ndarray, rtol: float, atol: float, rounding: float | None):
    """("close" | "rounding" | "differs", the largest difference); NaN equals NaN.

    "close": every element within ``atol + rtol * |b|`` (torch.testing's rule); "rounding": the
    largest difference is at most ``rounding`` times the largest value. This runs on every value
    compared, so it works through the data in cache-sized chunks, a few passes over each."""
    wide = np.result_type(a.dtype, b.dtype)
    if wide.kind not in "fc":
        wide = np.dtype(np.float64)
    x, y = np.ravel(a), np.ravel(b)
    largest = scale = 0.0
    strict = True
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, x.size, CLOSENESS_CHUNK):
            xs = x[start:start + CLOSENESS_CHUNK].astype(wide, copy=False)
            ys = y[start:start + CLOSENESS_CHUNK].astype(wide, copy=False)
            difference = np.abs(xs - ys)
            if not np.isfinite(difference).all():  # equal infinities and NaN against NaN are equal
                difference[(xs == ys) | (np.isnan(xs) & np.isnan(ys))] = 0
                if not np.isfinite(difference).all():
                    return "differs", float(np.max(difference))
            bound = np.abs(ys)
            largest = max(largest, float(difference.max()))
            chunk_scale = max(float(bound.max()), float(np.abs(xs).max()))
            if not np.isfinite(chunk_scale):  # equal infinities say nothing about the size of rounding
                finite = np.isfinite(xs) & np.isfinite(ys)
                chunk_scale = max(float(bound.max(where=finite, initial=0)),
                                  float(np.abs(xs).max(where=finite, initial=0)))
            scale = max(scale, chunk_scale)
            if strict:
                bound *= rtol
                bound += atol
                strict = bool((difference <= bound).all())
    if strict:
        return "close", largest
    if rounding is not None and largest <= rounding * scale:
        return "rounding", largest
    return "differs", largest


def _rounding_scale(a: np.ndarray, b: np.ndarray) -> float | None:
    """For low-precision floats, the two libraries add in different orders (sums, matmul, cumsum),
    so results differ by rounding that grows with the size of the values; None when exact is due."""
    scales = [ROUNDING[array.dtype.name] for array in (a, b) if array.dtype.name in ROUNDING]
    return max(scales) if scales else None


def _tolerance(a: np.ndarray, b: np.ndarray, both_typed) -> tuple[float, float]:
    """The looser of the two dtypes' torch.testing tolerances; exact for integers."""
    pairs = [TOLERANCES[array.dtype.name] for array in (a, b) if array.dtype.name in TOLERANCES]
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
    return f"{type(error).__name__}: {exception_text(error)}"


def _unique_by_id(notes) -> list[Note]:
    first = {}
    for note in notes:
        first.setdefault(note.id, note)
    return list(first.values())
