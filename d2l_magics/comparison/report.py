"""What ``compare`` gives back: one Row per compared value, frozen when it was made, and the report."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..messages import Note, get_language, use_language
from ..values import ValueSummary, is_array, is_tensor, summarize

LIBRARY_NAMES = {"torch": "torch", "numpy": "NumPy"}
FAILING = {"mismatch", "error"}
SNAPSHOT_COPY_LIMIT = 10_000  # elements; above it a row keeps its summary instead of a copy


@dataclass(frozen=True, eq=False)
class Row:
    """One compared value of one statement (a statement binding several names gives several rows).

    ``status`` is "match", "dtype", "mismatch", "torch-only", "numpy-only" or "error"; the values
    are summarised (shape, dtype, preview) when the report is first shown. A ``print(...)`` or
    ``display(...)`` row (``printed``) holds the printed values, as a tuple, on both sides."""

    lineno: int
    source_code: str
    target_code: str | None
    status: str
    note: Note | None = None
    name: str | None = None  # the name compared; None for an expression's value
    source_snapshot: object = field(default=None, repr=False)
    target_snapshot: object = field(default=None, repr=False)
    printed: bool = False

    @property
    def shown_name(self) -> str | None:
        """The label above the values: the name compared, or "printed" for a print's values."""
        if self.printed:
            from ..messages import say
            return say("compare.printed")
        return self.name

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
        """True only when every compared and every printed value agrees."""
        return not any(row.status in FAILING for row in self.rows)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.compare import render_html, render_text
        with use_language(self.language):
            return {"text/plain": render_text(self), "text/html": render_html(self)}


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


