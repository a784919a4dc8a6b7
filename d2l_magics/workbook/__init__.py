"""Self-checking exercises, one module per section of the notes, and the API the magic calls.

``all_exercises()`` lists them in the order of the notes; ``check_exercise(name, source,
namespace)`` runs a learner's cell in ``namespace`` and returns a :class:`Feedback`.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from . import (s01_like_numpy, s02_conversion, s03_clone_and_axes, s04_shapes_and_sums,
               s05_keepdims_broadcasting, s06_linear_algebra, s07_autograd, s08_detach,
               s09_control_flow, s10_tips, s11_probability)
from ..messages import say
from .core import Exercise, Feedback, Hint, Progress, Solution, check

__all__ = ["Exercise", "Feedback", "Hint", "Progress", "Solution", "ExerciseTable", "UnknownExercise",
           "all_exercises", "get_exercise", "check_exercise", "table"]

SECTIONS = (s01_like_numpy, s02_conversion, s03_clone_and_axes, s04_shapes_and_sums,
            s05_keepdims_broadcasting, s06_linear_algebra, s07_autograd, s08_detach,
            s09_control_flow, s10_tips, s11_probability)

_REGISTRY: dict[str, Exercise] = {}
for _module in SECTIONS:
    for _exercise in _module.EXERCISES:
        if _exercise.name in _REGISTRY:
            raise ValueError(f"exercise {_exercise.name!r} is defined twice")
        _REGISTRY[_exercise.name] = _exercise


class UnknownExercise(KeyError):
    """No exercise has this name; ``close`` holds the names that look like it."""

    def __init__(self, name: str, close: list[str]):
        super().__init__(name)
        self.name, self.close = name, close

    def __str__(self) -> str:
        return say("exercise.usage.unknown", name=self.name, close=", ".join(self.close) or "-")


def all_exercises() -> list[Exercise]:
    """Every exercise, in the order of the notes' sections."""
    return list(_REGISTRY.values())


def get_exercise(name: str) -> Exercise:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownExercise(name, difflib.get_close_matches(name, _REGISTRY, n=3, cutoff=0.5)) from None


def check_exercise(name: str, source: str, namespace: dict, *, filename: str | None = None,
                   hints_seen: int = 0) -> Feedback:
    """Run ``source`` in ``namespace`` (the exercise's given values put in first where missing)
    and judge it; the Feedback offers hint number ``hints_seen + 1`` when the answer is wrong."""
    return check(get_exercise(name), source, namespace, filename=filename, hints_seen=hints_seen)


@dataclass(frozen=True)
class ExerciseTable:
    """The list of exercises with what this kernel has passed (``%exercise --list``/``--progress``)."""

    rows: tuple[tuple[int, str, str, bool], ...]  # section, name, title, passed: every exercise
    progress: bool = False
    """Show only the passed exercises, under a count of how many passed."""

    @property
    def passed(self) -> int:
        return sum(row[3] for row in self.rows)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.exercise import table_html, table_text
        return {"text/plain": table_text(self), "text/html": table_html(self)}


def table(passed: set[str], progress: bool = False) -> ExerciseTable:
    """Every exercise, marked passed or not (``progress``: shown as a count and the passed ones)."""
    rows = tuple((e.section, e.name, e.title, e.name in passed) for e in all_exercises())
    return ExerciseTable(rows, progress)
