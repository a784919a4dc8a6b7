"""Run a cell as usual and its translation on the session's mirror, statement by statement.

The learner's cell runs in their namespace exactly as it would without the magic, once. Its
translation runs against the mirror of the session (``mirror``): NumPy arrays sharing memory as
the learner's tensors do, kept across cells. A statement runs on the translated side only when
it is array code (``once``); otherwise it runs once, on the learner's side, and the mirror takes
over what it changed. Random draws are replayed (``replay``).
"""
from __future__ import annotations

import ast
import contextlib
import functools
import io
import types
import warnings
from collections import deque
from dataclasses import dataclass

import numpy as np
import torch

from .. import replay
from ..cell import (
    Statement,
    StatementCompiler,
    StatementNames,
    compile_cell,
    future_flags,
    parse_cell,
    start_at_learner_frame,
    statement_names,
)
from ..messages import Note
from ..values import dtype_name, is_array, is_tensor
from . import once
from .mirror import CODE, mirror_of
from .report import LIBRARY_NAMES, CompareReport, Row, snapshot
from .verdict import _describe, _run_for_effect, _unique_by_id, _verdict, adds_up

EMPTY_MAKERS = frozenset({"empty", "empty_like", "empty_strided"})


def compare(source: str, namespace: dict, source_lib: str = "torch", rtol=None, atol=None,
            filename: str | None = None) -> CompareReport:
    """Run ``source`` in ``namespace`` and its translation on the session's mirror."""
    if source_lib not in LIBRARY_NAMES:
        raise ValueError(f"source_lib must be 'torch' or 'numpy', not {source_lib!r}")
    target_lib = "numpy" if source_lib == "torch" else "torch"
    cell = parse_cell(source, filename)
    analyses = [_names_of(statement) for statement in cell.statements]
    translation, translated = _translate(source, namespace, analyses, source_lib, target_lib)
    run = _Comparison(cell, analyses, translation, translated, namespace, source_lib, target_lib, rtol, atol)
    return run.report()


def _translate(source, namespace, analyses, source_lib, target_lib):
    """The translation, knowing the imports of earlier cells; (Translation, statements by line)."""
    from dataclasses import replace

    from ..cell import names_read_first
    from ..translation.translator import _code_of, translate

    prefix = once.import_prefix(names_read_first(analyses), namespace, source_lib)
    if not prefix:
        translation = translate(source, to=target_lib)
        return translation, {item.lineno: item for item in translation.statements}
    shift = prefix.count("\n")
    full = translate(prefix + source, to=target_lib)
    statements = [replace(item, lineno=item.lineno - shift) for item in full.statements if item.lineno > shift]
    notes = list(dict.fromkeys(note for item in statements
                               for note in item.notes + ([item.reason] if item.reason else [])))
    translation = replace(full, source=source, code="\n".join(_code_of(item) for item in statements),
                          notes=notes, statements=statements)
    return translation, {item.lineno: item for item in statements}


@dataclass(frozen=True)
class _SourceOnly:
    """A statement that runs on the source side only: the translation did not list it, it is not
    array code, or it would run the learner's own code a second time (``code`` is then shown,
    not run)."""

    lineno: int
    code: str | None = None
    reason: Note | None = None
    status: str | None = None  # "numpy-only" for NumPy data torch has no tensor for


def _runs(translated) -> bool:
    return translated.code is not None and not isinstance(translated, _SourceOnly)


class _Comparison:
    """One run of a cell and its translation; collects rows and notes as it goes."""

    def __init__(self, cell, analyses, translation, translated, namespace, source_lib, target_lib, rtol, atol):
        self.cell, self.translation, self.namespace = cell, translation, namespace
        self.compile = StatementCompiler(cell.filename)  # a `from __future__` import holds for the rest
        self.source_lib, self.target_lib = source_lib, target_lib
        self.libs = {"source_lib": LIBRARY_NAMES[source_lib], "target_lib": LIBRARY_NAMES[target_lib]}
        self.rtol, self.atol = rtol, atol
        self._may_round = True  # whether the statement being compared may differ by rounding (verdict.adds_up)
        self._exact_inputs: list[str] = []  # the names it read that were exact before it ran
        self._verified: set[str] = set()  # inputs found equal on both sides, and not changed since
        self.rows: list[Row] = []
        self.previews: dict = {}  # the rows' previews, formatted once for values that print alike
        self.notes: list[Note] = []
        self.draws: deque = deque()
        self.stand_in, self.replayer = replay.stand_in(target_lib, self.draws)
        self.module_name = "np" if target_lib == "numpy" else "torch"
        self.analyses = analyses
        self.translated = translated
        self.mirror = mirror_of(namespace, target_lib)
        self.mirror.prune(namespace)
        self.mirror.resync(namespace)  # what plain cells changed since the mirror last looked
        self.scratch = self.mirror.ns
        self.scratch[self.module_name] = self.stand_in

    # -- running ------------------------------------------------------------------------------

    def report(self) -> CompareReport:
        exception, value = None, None
        guard = (replay.recording(self.source_lib, self.draws)
                 if replay.mentions_randomness(self.cell.source, self.source_lib) else contextlib.nullcontext())
        with guard:
            for index, statement in enumerate(self.cell.statements):
                self.draws.clear()  # a statement's translation replays that statement's draws only
                translated = self._translated(index, statement)
                versions = self._versions(self.analyses[index].reads)
                printer = once.printer_call(statement.node, self.namespace)
                try:
                    result = self._run_source(statement, printer)
                except Exception as error:  # the learner's own exception: reported, then re-raised
                    exception = start_at_learner_frame(error, self.cell.filename)
                    self._error_row(index, statement, translated, error)
                    break
                if index == len(self.cell.statements) - 1 and self.cell.shows_last_value:
                    value = result
                try:
                    self._compare_statement(index, statement, translated, result, versions, printer)
                except Exception as error:  # never stop the learner's cell half-way over a comparison
                    note = self._note("compare.not_compared", error=_describe(error))
                    self._row(_base(statement, translated), "mismatch", note, None, result, None)
                    self._take_over(self.analyses[index].binds)
        self.mirror.settle_checksums()
        self.mirror.prune(self.namespace)  # what the cell replaced is freed now, not next time
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
        if translated.code is None:
            return translated
        reads = self.analyses[index].reads
        self._prepare(reads)
        mirror = self.mirror
        refused = [name for name in reads if name in mirror.refusals]
        if refused:
            return _SourceOnly(statement.lineno, translated.code, self._refusal(refused[0]), f"{self.source_lib}-only")
        reused = [name for name in reads if name in mirror.learner_code]
        if reused:
            return _SourceOnly(statement.lineno, translated.code,
                               Note.of("compare.runs_learner_code", name=reused[0], **self.libs))
        effect = (once.source_draws_itself(statement.node, self.source_lib)
                  or once.first_effect(translated.node or ast.parse(translated.code), self.scratch, self.target_lib))
        if effect is not None and once.printer_call(statement.node, self.namespace) is not None:
            call = translated.node.value if isinstance(translated.node, ast.Expr) else None
            inner = [once.first_effect(arg, self.scratch, self.target_lib) for arg in
                     once.printed_expressions(call)] if isinstance(call, ast.Call) else [effect]
            effect = next((found for found in inner if found is not None), None)
        if effect is not None:
            return _SourceOnly(statement.lineno, translated.code,
                               Note.of("compare.runs_once", call=effect, **self.libs))
        return translated

    def _refusal(self, name: str) -> Note:
        value = self.namespace[name]
        if isinstance(value, np.ndarray):
            return Note.of("compare.no_tensor_for", name=name, dtype=str(value.dtype), **self.libs)
        return Note.of("compare.no_array_for", name=name, kind=_kind_of(value), **self.libs)

    def _prepare(self, names, seen=None) -> None:
        """Give the mirror the learner's values of ``names`` it does not hold yet (made in a
        plain cell, or changed since), each a view of its memory's block; and the globals that
        twins of the learner's functions among them read."""
        seen = set() if seen is None else seen
        names = [name for name in names if name not in seen]
        seen.update(names)
        stale = [name for name in names if name in self.namespace and name != self.module_name
                 and not self.mirror.tied(name, self.namespace)]
        if stale:
            self.mirror.take(stale, self.namespace)
        self.scratch[self.module_name] = self.stand_in
        for name in names:
            twin = self.scratch.get(name)
            if isinstance(twin, types.FunctionType) and twin.__globals__ is self.scratch:
                self._prepare(twin.__code__.co_names, seen)

    def _take_over(self, names, reads=()) -> None:
        """After a statement that ran on the learner's side only: the mirror copies what it
        bound, what it changed in place (version counters, checksums; of the names it read, the
        shapes and strides ``t_()`` and ``unsqueeze_()`` change without a version), and any name
        it rebound."""
        mirror = self.mirror
        rebound = [name for name in mirror.ties if not mirror.tied(name, self.namespace)]
        reshaped = [name for name in reads if _layout_differs(self.namespace.get(name), mirror.ns.get(name))]
        mirror.take([name for name in dict.fromkeys([*names, *rebound, *reshaped]) if name != self.module_name],
                    self.namespace)
        mirror.resync(self.namespace)
        self.scratch[self.module_name] = self.stand_in

    def _versions(self, names) -> dict:
        return {name: self.namespace[name]._version for name in names
                if is_tensor(self.namespace.get(name)) and self.namespace[name].layout == torch.strided}

    def _run_source(self, statement: Statement, printer):
        if printer is not None:
            self._last_printed = once.run_printer(statement.source, self.cell.filename, statement.lineno,
                                                  statement.node.col_offset, self.namespace)
            return None
        code = _compile_source(statement.source, statement.lineno, statement.node.col_offset, statement.node,
                               self.compile)
        if statement.is_expression:
            return eval(code, self.namespace)
        exec(code, self.namespace)
        return None

    def _run_target(self, translated, wants_value: bool, printer=None):
        """Run one translated statement on the mirror; (its value, exception).

        Printed output is dropped (the learner sees their own cell's prints only once); a
        print's values are evaluated, not printed; warnings become notes."""
        filename = f"<{LIBRARY_NAMES[self.target_lib]} translation>"
        try:
            with contextlib.redirect_stdout(io.StringIO()), self._target_rng(), \
                    warnings.catch_warnings(record=True) as warned:
                warnings.simplefilter("always")
                if printer is not None:
                    value = once.printed_values(translated.node.value, self.scratch, filename)
                else:
                    compiled = _compile_translation(translated.code, filename, wants_value, future_flags())
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
        """Translated torch code may reach torch's global generator (distributions): restore it.
        Its draws through tensor methods and distributions are served the recorded numbers."""
        if self.target_lib != "torch":
            yield
            return
        state = torch.get_rng_state()
        try:
            with self.stand_in.serving():
                yield
        finally:
            torch.set_rng_state(state)

    # -- rows ---------------------------------------------------------------------------------

    def _track_rounding(self, statement, analysis, versions) -> None:
        """Before a statement's rows: whether a difference in them may be rounding (it adds
        numbers up, or reads a value that did), the inputs it read that were exact, and which
        names it leaves rounded."""
        rounded, binds = self.mirror.rounded, analysis.binds
        self._may_round = adds_up(statement.node, self.namespace) or not rounded.isdisjoint(analysis.reads)
        changed = [*binds, *(name for name, version in versions.items()
                             if name not in binds and is_tensor(self.namespace.get(name))
                             and self.namespace[name]._version != version)]
        self._exact_inputs = [name for name in analysis.reads if name not in rounded and name not in changed]
        if _rebinds_only(statement.node) and all(name in binds for name in changed):
            self._verified.difference_update(changed)
        else:   # memory changed in place: a view only one side has may have changed with it
            self._verified.clear()
        if self._may_round:
            rounded.update(self.mirror.sharing(changed))   # views of changed memory changed too
        else:
            rounded.difference_update(changed)

    def _compare_statement(self, index, statement, translated, source_result, versions, printer) -> None:
        analysis = self.analyses[index]
        binds = analysis.binds
        self._track_rounding(statement, analysis, versions)
        names = _data_names(binds, self.namespace)
        base = _base(statement, translated)
        if _runs(translated):
            unmirrored = self._unmirrored(names)
            if unmirrored is not None:
                translated = unmirrored
                base = _base(statement, translated)
        if not _runs(translated):
            status = getattr(translated, "status", None) or f"{self.source_lib}-only"
            if translated.reason is not None:
                self.notes.append(translated.reason)
            if statement.is_expression or not names:
                self._row(base, status, translated.reason, None, source_result, None)
            for name in names:
                self._row(base, status, translated.reason, name, self.namespace[name], None)
            self._take_over(binds, analysis.reads)
            return
        if printer is not None and isinstance(getattr(translated.node, "value", None), ast.Call):
            self._printed_row(base, statement, translated, printer)
            self.mirror.settle()
            return
        target_result, error = self._run_target(translated, statement.is_expression)
        if error is not None:
            note = self._note("compare.target_raised", error=_describe(error), **self.libs)
            self._row(base, "mismatch", note, None, source_result if statement.is_expression else None, None)
            self._take_over(binds)
            return
        empty = _makes_empty(statement.node)
        gives_value = translated.node is None or isinstance(translated.node, ast.Expr)
        mutated = self._mutated(versions, binds, source_result if gives_value else None)
        if statement.is_expression and (gives_value or not mutated):
            self._compared_row(base, None, source_result, target_result, analysis.asks_identity, empty)
        elif not statement.is_expression and not names and not mutated:
            self._row(base, "match", None, None, None, None)
        for name in names:
            if name not in self.scratch:
                note = self._note("compare.name_missing", name=name, **self.libs)
                self._row(base, "mismatch", note, name, self.namespace[name], None)
            else:
                self._compared_row(base, name, self.namespace[name], self.scratch[name], analysis.asks_identity, empty)
        for name in mutated:
            self._compared_row(base, name, self.namespace[name], self.scratch[name], False, False)
        for name in binds:
            if name in self.namespace and name in self.scratch:
                self.mirror.pair(name, self.namespace[name], self.scratch[name])
        self.mirror.settle()
        if empty:
            self.mirror.take(names, self.namespace)  # the contents are whatever memory held

    def _mutated(self, versions: dict, binds, source_result) -> list[str]:
        """Names the statement read and changed in place (``W[:, 1].zero_()`` changes ``W``)."""
        return [name for name, version in versions.items()
                if name not in binds and name in self.scratch and self.namespace.get(name) is not source_result
                and is_tensor(self.namespace.get(name)) and self.namespace[name]._version != version]

    def _unmirrored(self, names):
        """NumPy data torch has no tensor for (datetime64, structured, strings): NumPy only."""
        if self.target_lib != "torch":
            return None
        for name in names:
            value = self.namespace[name]
            if isinstance(value, np.ndarray) and (value.dtype.hasobject or value.dtype.fields is not None
                                                   or value.dtype.kind in "MmUSV"):
                return _SourceOnly(0, None,
                                   Note.of("compare.no_tensor_for", name=name, dtype=str(value.dtype), **self.libs),
                                   f"{self.source_lib}-only")
        return None

    def _printed_row(self, base, statement, translated, printer) -> None:
        """A print's values on both sides, compared as values (``[2. 2.]`` is ``tensor([2., 2.])``)."""
        values = self._last_printed
        target, error = self._run_target(translated, False, printer)
        if error is not None:
            note = self._note("compare.target_raised", error=_describe(error), **self.libs)
            self._row(base, "mismatch", note, None, values, None, printed=True)
            return
        label = statement.source.splitlines()[0]
        ids = [_is_id_call(expression) for expression in once.printed_expressions(printer)]
        if any(ids):  # id() numbers differ between any two objects: not compared
            self.notes.append(Note.of("compare.identity"))
        status, verdict_note = _verdict(label, tuple(None if i else v for i, v in zip(ids, values)),
                                        tuple(None if i else v for i, v in zip(ids, target)), self.libs,
                                        self.rtol, self.atol, self._may_round)
        status, verdict_note = self._unless_inputs_differ(label, status, verdict_note)
        if verdict_note is not None:
            self.notes.append(verdict_note)
        self._row(base, status, verdict_note, None, tuple(values), tuple(target), printed=True)

    def _unless_inputs_differ(self, label, status, note):
        """A difference forgiven as rounding is a mismatch where an input the statement read
        exactly already differs between the sides (through memory only one side shares)."""
        if note is None or note.id != "compare.rounding":
            return status, note
        for name in self._exact_inputs:
            source, target = self.namespace.get(name), self.scratch.get(name)
            if name in self._verified or not (is_array(source) and is_array(target)) or \
                    dtype_name(source) != dtype_name(target):
                continue
            if _verdict(name, source, target, self.libs, 0.0, 0.0, False)[0] != "match":
                return "mismatch", Note.of("compare.inputs_differ", name=label, input=name, **self.libs)
            self._verified.add(name)
        return status, note

    def _compared_row(self, base, name, source_value, target_value, asks_identity: bool, empty: bool) -> None:
        label = name or base["source_code"].splitlines()[0]
        if name is None and _run_for_effect(source_value, target_value):
            status, note = "match", None
        elif asks_identity:
            status, note = "match", Note.of("compare.identity")
        elif _without_values(source_value) or _without_values(target_value):
            status = f"{self.source_lib if _without_values(source_value) else self.target_lib}-only"
            note = Note.of("compare.no_array_for", name=label, kind=_kind_of(
                source_value if _without_values(source_value) else target_value), **self.libs)
        elif empty and is_array(source_value) and is_array(target_value) \
                and tuple(source_value.shape) == tuple(target_value.shape):
            status = "match" if dtype_name(source_value) == dtype_name(target_value) else "dtype"
            note = Note.of("compare.empty", name=label, **self.libs)
        else:
            status, note = _verdict(label, source_value, target_value, self.libs, self.rtol, self.atol,
                                    self._may_round)
            status, note = self._unless_inputs_differ(label, status, note)
        if note is not None:
            self.notes.append(note)
        self._row(base, status, note, name, source_value, target_value)

    def _error_row(self, index: int, statement: Statement, translated, error: Exception) -> None:
        base = _base(statement, translated)
        target_value = None
        if _runs(translated) and once.printer_call(statement.node, self.namespace) is None:
            result, _ = self._run_target(translated, statement.is_expression)
            names = [n for n in self.analyses[index].binds if n in self.scratch]
            target_value = result if statement.is_expression or not names else self.scratch[names[0]]
        note = self._note("compare.source_raised", error=_describe(error), **self.libs)
        self._row(base, "error", note, None, None, target_value)
        self._take_over(self.analyses[index].binds)

    def _row(self, base, status, note, name, source_value, target_value, printed=False) -> None:
        self.rows.append(Row(status=status, note=note, name=name, source_snapshot=snapshot(source_value, self.previews),
                             target_snapshot=snapshot(target_value, self.previews), printed=printed,
                             previews=self.previews, **base))

    def _note(self, msg_id: str, **fields) -> Note:
        note = Note.of(msg_id, **fields)
        self.notes.append(note)
        return note


def _rebinds_only(node: ast.stmt) -> bool:
    """``y = ...`` to plain names, or an expression: no memory that existed is written (an in-place
    method shows in the version counters)."""
    return isinstance(node, ast.Expr) or isinstance(node, ast.Assign) and all(
        isinstance(target, ast.Name) for target in node.targets)


def _layout_differs(tensor, array) -> bool:
    """Whether a tensor's shape or strides are no longer its mirror array's."""
    return is_tensor(tensor) and isinstance(array, np.ndarray) and tensor.layout == torch.strided and (
        tuple(tensor.shape) != array.shape
        or tuple(step * tensor.element_size() for step in tensor.stride()) != array.strides)


def _is_id_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"


def _without_values(value) -> bool:
    """A nested tensor or one on the meta device: nothing element by element to compare."""
    return is_tensor(value) and (value.is_nested or value.device.type == "meta")


def _kind_of(value) -> str:
    if is_tensor(value):
        if value.is_nested:
            return "nested tensor"
        if value.device.type == "meta":
            return "meta tensor"
        return f"{value.layout} tensor".replace("torch.", "")
    return type(value).__name__


def _makes_empty(node: ast.stmt) -> bool:
    """``e = torch.empty(3)``: the contents are whatever memory held, on either side."""
    value = getattr(node, "value", None)
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name in EMPTY_MAKERS


_SOURCE_CODE: dict[tuple, types.CodeType] = {}


def _compile_source(text: str, lineno: int, col: int, node: ast.stmt, compile_statement: StatementCompiler):
    """The learner's statement compiled once per text, filename, place and ``__future__`` flags
    (re-runs reuse it); a ``__future__`` import itself is compiled each time, so it takes effect."""
    key = (text, compile_statement.filename, lineno, col, compile_statement.flags)
    code = _SOURCE_CODE.get(key)
    if code is None or (isinstance(node, ast.ImportFrom) and node.module == "__future__"):
        if len(_SOURCE_CODE) >= 4096:
            _SOURCE_CODE.clear()
        code = _SOURCE_CODE[key] = compile_statement(node, evaluate=True)
    return code


def _base(statement: Statement, translated) -> dict:
    """The fields every row of a statement shares."""
    return dict(lineno=statement.lineno, source_code=statement.source, target_code=translated.code)


@functools.lru_cache(maxsize=1024)
def _compile_translation(code: str, filename: str, wants_value: bool, flags: int):
    """The translated statements, compiled as a cell is (its final expression gives its value
    when ``wants_value``), under the session's ``__future__`` ``flags``. Kept per text: a re-run
    cell's translation is the same code."""
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
    return [name for name in names if name in namespace and not isinstance(namespace[name], CODE)]


