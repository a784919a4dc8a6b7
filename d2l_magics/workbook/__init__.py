"""Self-checking exercises, one module per section of the notes, and the API the magic calls.

``all_exercises()`` lists them in the order of the notes (then the ones a teacher defined);
``check_exercise(name, source, namespace)`` runs a learner's cell in ``namespace`` and returns a
:class:`Feedback`; ``define_exercise`` makes one from data, without a checker.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..report import Report
from . import (
    s01_like_numpy,
    s02_conversion,
    s03_clone_and_axes,
    s04_shapes_and_sums,
    s05_keepdims_broadcasting,
    s06_linear_algebra,
    s07_autograd,
    s08_detach,
    s09_control_flow,
    s10_tips,
    s11_probability,
)
from .authoring import define_exercise, split_cell
from .core import Exercise, Feedback, Hint, Solution, check
from .progress import Progress, ProgressStore
from .registry import (
    AuthoringError,
    UnknownExercise,
    all_exercises,
    get_exercise,
    load_entry_points,
    load_exercises,
    register,
)

__all__ = ["Exercise", "Feedback", "Hint", "Progress", "ProgressStore", "Solution", "ExerciseTable",
           "Loaded", "UnknownExercise", "AuthoringError", "all_exercises", "get_exercise", "check_exercise",
           "define_exercise", "split_cell", "load_exercises", "load_entry_points", "table"]

SECTIONS = (s01_like_numpy, s02_conversion, s03_clone_and_axes, s04_shapes_and_sums,
            s05_keepdims_broadcasting, s06_linear_algebra, s07_autograd, s08_detach,
            s09_control_flow, s10_tips, s11_probability)

for _module in SECTIONS:
    for _exercise in _module.EXERCISES:
        register(_exercise, builtin=True)


def check_exercise(name: str, source: str, namespace: dict, *, filename: str | None = None,
                   hints_seen: int = 0) -> Feedback:
    """Run ``source`` in ``namespace`` (the exercise's given values put in first where missing)
    and judge it; the Feedback offers hint number ``hints_seen + 1`` when the answer is wrong."""
    return check(get_exercise(name), source, namespace, filename=filename, hints_seen=hints_seen)


@dataclass(frozen=True)
class ExerciseTable(Report):
    """The list of exercises (``%exercise --list``), or with what the learner has done (``--progress``)."""

    renderer = "exercise"

    rows: tuple[tuple[int, str, str, str], ...]
    """section, name, title, status: "passed", "attempted" or "untouched", for every exercise."""
    progress: bool = False
    """Show each exercise's status under the counts, not only a ✓ by the passed ones."""

    def count(self, status: str) -> int:
        return sum(row[3] == status for row in self.rows)

    @property
    def passed(self) -> int:
        return self.count("passed")



def table(progress: Progress, show_progress: bool = False) -> ExerciseTable:
    """Every exercise with what ``progress`` says of it."""
    statuses = progress.statuses()
    rows = tuple((e.section, e.name, e.title, statuses.get(e.name, "untouched")) for e in all_exercises())
    return ExerciseTable(rows, show_progress)


@dataclass(frozen=True)
class Loaded(Report):
    """The exercises one ``%exercise --load`` registered."""

    renderer = "exercise"

    source: str
    names: tuple[str, ...]

