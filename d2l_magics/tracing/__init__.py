"""Shape tracing: run a cell once, recording how every array/tensor operation changed shapes.

Three stages, one module each: ``instrument`` rewrites the cell's AST so operations go through a
recorder, ``record`` is that recorder (a tiny hot path, aggregated per source site), ``explain``
turns the records into events with notes when the report is built.
"""
from __future__ import annotations

import contextlib
import sys
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..cell import (
    collector_paused,
    compile_cell,
    future_flags,
    parse_cell,
    register_source,
    start_at_learner_frame,
)
from ..report import Report
from .explain import Event, Signature, event_for
from .failures import failure_event
from .frames import frame_readers
from .instrument import Blueprint, Instrumenter, numeric_builtins
from .layers import LayerWatch, layer_note

if TYPE_CHECKING:
    from types import FrameType

__all__ = ["trace", "ShapeTrace", "Event", "Signature"]


@dataclass(frozen=True)
class ShapeTrace(Report):
    """What ``%shape_trace`` shows: one event per operation site, the failing one, the cell's value."""

    renderer = "trace"

    source: str
    events: list = field(default_factory=list)
    error: Event | None = None
    exception: BaseException | None = field(default=None, repr=False)
    value: object = field(default=None, repr=False)
    show_all: bool = False
    layers: tuple = ()       # one row per submodule of each model the cell called
    layer_error: str = ""    # what the model's layer that raised expected

    @property
    def shown(self) -> list:
        """The events displayed: all with ``show_all``, else those that change a shape or broadcast."""
        return list(self.events) if self.show_all else [e for e in self.events if e.changes_shape]


def trace(source: str, namespace: dict, filename: str | None = None, show_all: bool = False) -> ShapeTrace:
    """Run ``source`` once in ``namespace``; a ``ShapeTrace`` (with ``exception`` set if it raised)."""
    __tracebackhide__ = True
    with collector_paused():
        filename, compiled, recorder = _instrumented(source, filename, namespace)
    value, exception = None, None
    layers = LayerWatch()
    try:
        # each learner call runs inside one recorder frame, two for a call with ``*args``: three
        # times the limit gives the learner's recursion the depth it has without the trace
        with _warnings_at_learners_lines(filename), layers.watching(), \
                _recursion_room(3 * sys.getrecursionlimit()):
            value = compiled.run(namespace)
    except Exception as error:  # the learner's own exception: reported, then re-raised by the caller
        exception = start_at_learner_frame(error, filename)
    try:
        with collector_paused():
            return _report(source, recorder, layers, value, exception, show_all)
    finally:
        recorder.close()


def _instrumented(source: str, filename: str | None, namespace: dict):
    """The cell's filename, its instrumented code and the recorder that code calls. The blueprint
    is kept per cell text, the number builtins it may take as Python's, the functions it calls
    that read their caller's frame, and the session's ``__future__`` imports, so a cell traced
    again skips parsing, rewriting and compiling."""
    filename = filename or register_source(source)
    number_functions = numeric_builtins(source, namespace)
    readers = frame_readers(source, namespace)
    key = (source, number_functions, readers, future_flags())
    blueprint = _BLUEPRINTS.pop(key, None)
    reusable = True
    if blueprint is None:
        blueprint, reusable = _blueprint(source, filename, number_functions, readers)
    if reusable:
        _BLUEPRINTS[key] = blueprint   # the most recently used last
        while len(_BLUEPRINTS) > MAX_BLUEPRINTS:
            del _BLUEPRINTS[next(iter(_BLUEPRINTS))]
    compiled, recorder = blueprint.instance(filename)
    return filename, compiled, recorder


_BLUEPRINTS: dict = {}
MAX_BLUEPRINTS = 32


def _blueprint(source: str, filename: str, number_functions: frozenset, readers: frozenset) -> tuple[Blueprint, bool]:
    """Parse, rewrite and compile ``source``; and whether that can be kept for the cell's next run:
    not when compiling warned (the warning must show on every run) or failed (its SyntaxError is
    raised where that statement runs, after the ones before it). The syntax tree is
    dropped on return: kept alive it would be promoted by the collector, and its tens of thousands
    of nodes would bring on full collections while the learner's code runs."""
    cell = parse_cell(source, filename)
    instrumenter = Instrumenter(source, number_functions, readers)
    # the visitor recurses a few frames per level of nesting, and a level takes at least two characters
    with _recursion_room(sys.getrecursionlimit() + 2 * len(source)):
        tree = instrumenter.visit(cell.tree)  # the cell is ours alone: rewritten in place
        with warnings.catch_warnings(record=True) as warned:
            # site functions are called as planted constants, which the compiler takes for a
            # learner calling a string; a learner's own call is never a constant once instrumented
            warnings.filterwarnings("ignore", "'str' object is not callable; perhaps", SyntaxWarning)
            compiled = compile_cell(cell, tree)
            complete = compiled.compile_all()   # with room to spare
    for warning in warned:   # shown as they would have been, now that the filter above is gone
        warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    blueprint = Blueprint(compiled, instrumenter.sites, instrumenter.constants.recipes,
                          instrumenter.changes_shapes_in_place)
    return blueprint, complete and not warned


@contextlib.contextmanager
def _recursion_room(limit: int):
    """Raise the recursion limit to ``limit`` for the block; a limit the learner's code set stays."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, before))
    try:
        yield
    finally:
        if sys.getrecursionlimit() == max(limit, before):
            sys.setrecursionlimit(before)


@contextlib.contextmanager
def _warnings_at_learners_lines(filename: str):
    """A warning from inside an operation (torch's ``.T`` of a 3-D tensor) would name the
    recorder's line, its caller; show it at the learner's line instead. Only the display hook is
    swapped: filters the cell sets stay set, as they would without the magic.

    Python shows a "default" warning once per location, remembered in the calling module's
    ``__warningregistry__``: here always record.py's, so it is cleared on the way in and out, or a
    later cell's warning would never show."""
    from . import record
    original = warnings.showwarning
    vars(record).pop("__warningregistry__", None)

    def show(message, category, path, lineno, file=None, line=None):
        if path == record.__file__:
            frame: FrameType | None = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename != filename:
                frame = frame.f_back
            if frame is not None:
                path, lineno, line = filename, frame.f_lineno, None
        original(message, category, path, lineno, file, line)

    warnings.showwarning = show
    try:
        yield
    finally:
        vars(record).pop("__warningregistry__", None)
        if warnings.showwarning is show:
            warnings.showwarning = original


def _report(source, recorder, layers, value, exception, show_all) -> ShapeTrace:
    events = [event for record in recorder.first_seen if (event := _explained(event_for, record.site, record))]
    events.sort(key=lambda e: e.line)
    error = None
    failure = recorder.failure
    # running out of stack or memory is no shape error, whatever operation it happened in
    if failure is not None and failure.error is exception and not isinstance(exception, (RecursionError, MemoryError)):
        error = _explained(failure_event, failure.site, failure)
        if error is not None:
            events.append(error)
    failed_layer = layers.failed_layer() if exception is not None else None
    layer_error = _explained(layer_note, *failed_layer) if failed_layer else ""
    rows = _explained(layers.rows) or ()
    return ShapeTrace(source, events, error, exception, value, show_all, rows, layer_error or "")


def _explained(explain, *args):
    """An explanation, or None where the explainer itself fails: a bug in an explanation must never
    replace the learner's own exception or value, so that part is just left out."""
    try:
        return explain(*args)
    except Exception:
        return None
