"""Translate torch code to NumPy, or NumPy code to torch, statement by statement.

The rule table (``rules.py``) is read into one lookup per direction (``forms.py``); the walker
(``walker.py``) rewrites each top-level statement with it, calling the transforms registered in
``transforms/`` for what the table's options cannot say, and ``unparse.statement_code`` writes the result
(``ast.unparse``'s text, faster).
Translated nodes keep the learner's line numbers, so ``compare`` can compile each statement under
the learner's filename. Choices the table cannot make:

* Only ``torch.``/``np.``/``numpy.`` attribute chains (and names bound by ``from torch... import``)
  are library calls. A method call on any other value (``x.sum(dim=0)``) is rewritten when its
  name is a tensor method in the table: types are unknown statically, which is fine for
  chapter-2 code, where such names mean tensors.
* A library name the table does not know makes the whole statement untranslated (``code`` None,
  with a reason), never silently wrong code; so does autograd.
  Calls on other modules (``np.max`` in a torch cell, ``math.exp``) are left alone.
* ``np.dot`` becomes ``torch.matmul``: ranks are unknown statically, and ``matmul`` agrees with
  ``np.dot`` for 1-D and 2-D operands while ``torch.dot`` accepts 1-D only.
* ``torch.max(x, d)`` reads ``d`` as a dim when it is an integer literal, else as a second tensor
  (``np.maximum``); either way a note says which.
* Each direction keeps the source library's meaning: float32 defaults (``np.float32``) towards
  NumPy, float64 defaults (``torch.float64``) towards torch; ``std`` divisors spelt out.
"""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field

from ..cell import collector_paused, statement_sources
from ..messages import Note, get_language
from ..report import Report
from .forms import direction
from .nodes import NoCounterpart
from .unparse import statement_code
from .walker import StatementTranslator

__all__ = ["StatementTranslator", "TranslatedStatement", "Translation", "direction", "translate"]


@dataclass(frozen=True)
class TranslatedStatement:
    """One top-level statement of the learner's source and its translation."""

    source: str
    lineno: int
    code: str | None
    """The translated text; None when the statement has no counterpart (see ``reason``)."""
    notes: list[Note] = field(default_factory=list)
    reason: Note | None = None
    node: ast.stmt | None = field(default=None, repr=False, compare=False)
    """The translated statement, with the learner's line numbers (what ``code`` was written from)."""


@dataclass(frozen=True)
class Translation(Report):
    """``dm.translate``'s answer: the translated code, the notes on every rule that fired, and each
    statement's own translation."""

    renderer = "translate"

    source: str
    code: str
    notes: list[Note]
    statements: list[TranslatedStatement]
    source_lib: str
    target_lib: str


def translate(source: str, to: str = "numpy") -> Translation:
    """Translate torch ``source`` to NumPy (``to="numpy"``) or NumPy ``source`` to torch.

    A syntax error is Python's own; any source that parses gives a Translation. A learner re-runs
    cells often, so translations are kept per source, direction and language (they are not
    changed by anyone who reads them).
    """
    return _translate(source, to, get_language())


@functools.lru_cache(maxsize=256)
def _translate(source: str, to: str, language: str) -> Translation:
    """The translation itself; ``language`` is part of the key because the notes are written in it.

    No garbage collection meanwhile (``cell.collector_paused``)."""
    with collector_paused():
        return _translated(source, to)


def _translated(source: str, to: str) -> Translation:
    lookup = direction(to)
    tree = ast.parse(source)
    translator = StatementTranslator(lookup, source.splitlines())
    statements: list[TranslatedStatement] = []
    notes: dict[Note, None] = {}  # an ordered set
    for node, text in zip(tree.body, statement_sources(source, tree)):
        try:
            new = translator.translate_statement(node)
        except NoCounterpart as missing:
            translator.pending_fill = None
            statement = TranslatedStatement(text, node.lineno, None, [], missing.reason)
        else:
            code = statement_code(new) if translator.changed else text
            statement = TranslatedStatement(text, node.lineno, code, list(translator.notes), node=new)
        statements.append(statement)
        for note in statement.notes + ([statement.reason] if statement.reason else []):
            notes.setdefault(note, None)
    return Translation(source, "\n".join(_code_of(s) for s in statements), list(notes), statements,
                       lookup.source_lib, lookup.target_lib)


def _code_of(statement: TranslatedStatement) -> str:
    if statement.code is not None:
        return statement.code
    assert statement.reason is not None  # a statement without code always has its reason
    commented = [f"# {line}" for line in statement.source.splitlines()]
    return "\n".join(commented + [f"#   ({statement.reason.text})"])
