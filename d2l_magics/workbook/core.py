"""What an exercise is, what a learner gets back, and how one attempt is run and judged.

An attempt runs the learner's cell in their own namespace (after putting in any value the exercise
gives that is missing), then asks the exercise's checker what the cell's values MEAN. A learner
exception is not re-raised: it becomes a ✗ naming the error and the learner's line, because an
exercise cell is a question being answered, and a friendly verdict teaches more than a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch

from ..cell import compile_cell, exception_text, parse_cell, register_source
from ..grad import explain as explain_autograd
from ..messages import CATALOGUE, Note, say

Checker = Callable[[dict, "Attempt"], "Note | None"]

IMPORTS = "import torch\nimport numpy as np\n"
"""The start of most setups: the learner's cells use ``torch`` and ``np``."""


@dataclass(frozen=True)
class Exercise:
    """One self-checking exercise: its data, and a checker that returns None (right) or a Note."""

    name: str
    section: int
    setup: str
    """Code that makes the values the exercise gives the learner (run on its own, then copied)."""
    given: tuple[str, ...]
    answers: tuple[str, ...]
    """The variables the prompt asks the learner to set."""
    solution: str
    checker: Checker = field(repr=False)
    mistakes: tuple[tuple[str, str], ...] = ()
    """Typical wrong answers, each with the message id its checker must answer with."""
    uses_shapes: bool = False
    """A wrong answer comes with the shape trace of the learner's cell."""

    @property
    def title(self) -> str:
        return say(f"exercise.{self.name}.title")

    @property
    def prompt(self) -> str:
        return say(f"exercise.{self.name}.prompt")

    @property
    def hints(self) -> list[str]:
        return [say(msg_id) for msg_id in self.hint_ids]

    @property
    def hint_ids(self) -> list[str]:
        ids, k = [], 1
        while f"exercise.{self.name}.hint{k}" in CATALOGUE:
            ids.append(f"exercise.{self.name}.hint{k}")
            k += 1
        return ids

    @property
    def explanation(self) -> str:
        """Why the solution is right: shown with the solution and after a ✓."""
        return say(f"exercise.{self.name}.why")

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.exercise import exercise_html, exercise_text
        return {"text/plain": exercise_text(self), "text/html": exercise_html(self)}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one attempt: ✓ with why it is right, or ✗ with what went wrong."""

    exercise: str
    title: str
    ok: bool
    message: str
    message_id: str
    hint: str | None = None
    trace: object | None = None
    """The shape trace of the learner's cell, for a wrong answer to an exercise about shapes."""
    value: object = field(default=None, repr=False, compare=False)
    """The value of the cell's final expression (the magic shows it as Out)."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.exercise import feedback_html, feedback_text
        return {"text/plain": feedback_text(self), "text/html": feedback_html(self)}


@dataclass(frozen=True)
class Hint:
    """Hint ``index`` (counting from 1) of ``total`` for one exercise."""

    exercise: str
    index: int
    total: int
    text: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.exercise import hint_html, hint_text
        return {"text/plain": hint_text(self), "text/html": hint_html(self)}


@dataclass(frozen=True)
class Solution:
    """An exercise's solution code and why it is right."""

    exercise: Exercise

    def _repr_mimebundle_(self, include=None, exclude=None):
        from ..render.exercise import solution_html, solution_text
        return {"text/plain": solution_text(self.exercise), "text/html": solution_html(self.exercise)}


@dataclass
class Progress:
    """What one kernel has done: exercises passed and hints shown (kept by the magics instance)."""

    passed: set[str] = field(default_factory=set)
    hints_shown: dict[str, int] = field(default_factory=dict)

    def next_hint(self, exercise: Exercise) -> Hint:
        """The next hint not yet shown (the last one again once all have been)."""
        hints = exercise.hints
        index = min(self.hints_shown.get(exercise.name, 0) + 1, len(hints))
        self.hints_shown[exercise.name] = index
        return Hint(exercise.name, index, len(hints), hints[index - 1])

    def record(self, feedback: "Feedback") -> None:
        """Remember a pass, and that a hint offered with a ✗ has been seen."""
        if feedback.ok:
            self.passed.add(feedback.exercise)
        elif feedback.hint is not None:
            self.hints_shown[feedback.exercise] = self.hints_shown.get(feedback.exercise, 0) + 1


@dataclass(frozen=True)
class Attempt:
    """What a checker may read besides the namespace: the given values as they were before the
    cell ran (copies, so a checker sees what the cell changed), the given objects themselves
    (to test what shares their memory), and the ``.grad`` each given tensor had."""

    before: dict
    objects: dict
    grads_before: dict


# -- the given values ----------------------------------------------------------------------

def _signature(value):
    """What must match for a value already in the namespace to stand in for a given one."""
    if isinstance(value, torch.Tensor):
        return ("tensor", tuple(value.shape), value.dtype, value.requires_grad, value.grad is None)
    if isinstance(value, np.ndarray):
        return ("ndarray", value.shape, value.dtype)
    return (type(value),)


def provide_given(exercise: Exercise, namespace: dict) -> None:
    """Put each given value the namespace lacks (or holds in another shape or kind) into it."""
    fresh: dict = {}
    exec(compile(exercise.setup, f"<exercise {exercise.name} setup>", "exec"), fresh)
    for name in exercise.given:
        if name not in namespace or _signature(namespace[name]) != _signature(fresh[name]):
            namespace[name] = fresh[name]


def _snapshot(value):
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, torch.Generator):
        return value.get_state()
    return value


def _attempt(exercise: Exercise, namespace: dict) -> Attempt:
    objects = {name: namespace[name] for name in exercise.given}
    grads = {name: obj.grad.clone() for name, obj in objects.items()
             if isinstance(obj, torch.Tensor) and obj.grad is not None}
    return Attempt({name: _snapshot(obj) for name, obj in objects.items()}, objects, grads)


# -- a learner's exception -----------------------------------------------------------------

# What the autograd explanations (grad.explain) leave: shape errors, and what else a learner meets.
# (a piece of the exception's message, the message id that explains it): data, first match wins.
ERROR_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("invalid combination of arguments", "exercise.error.arguments"),
    ("Mismatch in shape: grad_output", "exercise.error.gradient_shape"),
    ("does not require grad and does not have a grad_fn", "exercise.error.no_grad_fn"),
    ("must match the size of tensor", "exercise.error.broadcast"),
    ("could not be broadcast together", "exercise.error.broadcast"),
    ("cannot be multiplied", "exercise.error.matmul_shapes"),
    ("size mismatch", "exercise.error.matmul_shapes"),
    ("mismatch in its core dimension", "exercise.error.matmul_shapes"),
    ("1D tensors expected", "exercise.error.dot_1d"),
)


def _learner_line(error: BaseException, source: str, filename: str) -> int | None:
    if isinstance(error, SyntaxError) and error.filename == filename:
        return error.lineno
    lineno, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def explain_error(error: BaseException, source: str, filename: str) -> Note:
    """A ✗ for an exception: its type and message, the learner's line, and what it usually means.

    Autograd mistakes are explained by ``grad.explain`` (one explanation, shared with %%grad);
    the rest by ``ERROR_EXPLANATIONS``. The Note's id is that of the explanation when one fits,
    so a table of typical mistakes can name it; otherwise ``exercise.raised``.
    """
    text = _first_sentence(exception_text(error))
    explanation = explain_autograd(error) or _explain_other(error, text)
    lineno = _learner_line(error, source, filename)
    lines = source.splitlines()
    if lineno and 0 < lineno <= len(lines):
        sentence = say("exercise.raised_at", error=type(error).__name__, detail=text, line=lineno,
                       code=lines[lineno - 1].strip())
    else:
        sentence = say("exercise.raised", error=type(error).__name__, detail=text)
    if explanation is None:
        return Note("exercise.raised", sentence)
    return Note(explanation.id, f"{sentence}\n{explanation.text}")


def _explain_other(error: BaseException, text: str) -> Note | None:
    if isinstance(error, NameError):
        return Note.of("exercise.error.name")
    return next((Note.of(msg_id) for piece, msg_id in ERROR_EXPLANATIONS if piece in text), None)


def _first_sentence(message: str) -> str:
    """torch's messages run on for lines; the first sentence names the problem."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    head, dot, rest = line.partition(". ")
    return head + "." if dot and len(line) > 120 else line


# -- one attempt ---------------------------------------------------------------------------

def _run(exercise: Exercise, source: str, namespace: dict, filename: str):
    """Run the cell: through the shape tracer for exercises about shapes, else plainly.
    Returns (value, exception or None, trace report or None)."""
    try:
        if exercise.uses_shapes:
            from ..tracing import trace
            report = trace(source, namespace, filename=filename)
            return report.value, report.exception, report
        return compile_cell(parse_cell(source, filename)).run(namespace), None, None
    except Exception as error:  # the learner's own mistake (a syntax error too): judged, not raised
        return None, error, None


def _unset_answers(exercise: Exercise, namespace: dict, earlier: dict) -> Note | None:
    """A Note when an answer variable is missing, is still the notebook's ``...`` placeholder,
    or still holds what it held before the cell."""
    for var in exercise.answers:
        if var not in namespace:
            return Note.of("exercise.missing", var=var)
        if namespace[var] is Ellipsis:
            return Note.of("exercise.placeholder", var=var)
        if var in earlier and earlier[var] is namespace[var]:
            return Note.of("exercise.not_set", var=var)
    return None


def _is_empty(source: str) -> bool:
    try:
        return not parse_cell(source, "<exercise-empty-check>").statements
    except SyntaxError:
        return False


def check(exercise: Exercise, source: str, namespace: dict, *, filename: str | None = None,
          hints_seen: int = 0) -> Feedback:
    """Run ``source`` in ``namespace`` and judge it. ``hints_seen`` picks the hint offered."""
    if _is_empty(source):
        return _feedback(exercise, Note.of("exercise.empty", name=exercise.name), hints_seen)
    filename = filename or register_source(source, stem="exercise")
    provide_given(exercise, namespace)
    attempt = _attempt(exercise, namespace)
    earlier = {var: namespace[var] for var in exercise.answers if var in namespace}
    value, error, trace_report = _run(exercise, source, namespace, filename)
    if error is not None:
        note = explain_error(error, source, filename)
    else:
        note = _unset_answers(exercise, namespace, earlier) or _judge(exercise, namespace, attempt)
    return _feedback(exercise, note, hints_seen, trace_report, value)


def _judge(exercise: Exercise, namespace: dict, attempt: Attempt) -> Note | None:
    try:
        return exercise.checker(namespace, attempt)
    except Exception as error:  # a value so unexpected that the checker cannot read it
        return Note.of("exercise.unreadable", error=f"{type(error).__name__}: {error}")


def _feedback(exercise: Exercise, note: Note | None, hints_seen: int, trace_report=None,
              value=None) -> Feedback:
    if note is None:
        return Feedback(exercise.name, exercise.title, True, exercise.explanation,
                        f"exercise.{exercise.name}.why", value=value)
    hints = exercise.hints
    hint = hints[hints_seen] if hints_seen < len(hints) else None
    return Feedback(exercise.name, exercise.title, False, note.text, note.id, hint,
                    trace_report, value)
