"""What an exercise is, what a learner gets back, and how one attempt is run and judged.

An attempt runs the learner's cell in their own namespace (after putting in any value the exercise
gives that is missing), then asks the exercise's checker what the cell's values MEAN. A learner
exception is not re-raised: it becomes a ✗ naming the error and the learner's line, because an
exercise cell is a question being answered, and a friendly verdict teaches more than a traceback.
"""
from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

import numpy as np
import torch

from ..cell import compile_cell, exception_text, parse_cell, register_source
from ..grad import explain as explain_autograd
from ..messages import CATALOGUE, Note, get_language, say
from ..report import Report
from .diagnosis import Diagnosis, Evidence, as_values, close, diagnose, tolerance, variants

Checker = Callable[[dict, "Attempt"], "Note | None"]



class AuthoredTexts(TypedDict):
    """A teacher's texts (``define_exercise``), each one per language."""

    title: Mapping[str, str]
    prompt: Mapping[str, str] | None
    hints: Sequence[Mapping[str, str] | None]
    why: Mapping[str, str] | None


IMPORTS = "import torch\nimport numpy as np\n"
"""The start of most setups: the learner's cells use ``torch`` and ``np``."""


@dataclass(frozen=True)
class Exercise(Report):
    """One self-checking exercise: its data, and a checker that returns None (right) or a Note."""

    renderer = "exercise"
    keeps_language = False  # its card speaks the learner's current language

    name: str
    section: int
    setup: str
    """Code that makes the values the exercise gives the learner (run on its own, then copied)."""
    given: tuple[str, ...]
    answers: tuple[str, ...]
    """The variables the prompt asks the learner to set."""
    solution: str
    checker: Checker | None = field(default=None, repr=False)
    """None: a wrong answer is diagnosed by comparing it with the solution's (``diagnosis``)."""
    mistakes: tuple[tuple[str, str], ...] = ()
    """Typical wrong answers, each with the message id its checker must answer with."""
    uses_shapes: bool = False
    """A wrong answer comes with the shape trace of the learner's cell."""
    texts: AuthoredTexts | None = field(default=None, repr=False, compare=False)
    """A teacher's own title, prompt, hints and why (``define_exercise``); else the catalogue's."""

    @property
    def title(self) -> str:
        return (_in_language(self.texts["title"]) or "") if self.texts else say(f"exercise.{self.name}.title")

    @property
    def prompt(self) -> str:
        if self.texts:
            return _in_language(self.texts["prompt"]) or say(
                "exercise.authored.prompt", names=", ".join(f"`{a}`" for a in self.answers))
        return say(f"exercise.{self.name}.prompt")

    @property
    def hints(self) -> list[str]:
        if self.texts:
            return [_in_language(hint) or "" for hint in self.texts["hints"]]
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
        if self.texts:
            return _in_language(self.texts["why"]) or say("exercise.authored.why")
        return say(f"exercise.{self.name}.why")



def _in_language(text: Mapping[str, str] | None) -> str | None:
    """A teacher's text in the current language, else in the one it was written in."""
    if not text:
        return None
    return text.get(get_language()) or next(iter(text.values()))


@dataclass(frozen=True)
class Feedback(Report):
    """The verdict on one attempt: ✓ with why it is right, or ✗ with what went wrong."""

    renderer = "exercise"

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
    diagnosis: str | None = None
    """The mistake a wrong answer shows, one of ``diagnosis.DIAGNOSES``; None when right or when
    the cell raised, left an answer unset or made a mistake only its exercise names."""



@dataclass(frozen=True)
class Hint(Report):
    """Hint ``index`` (counting from 1) of ``total`` for one exercise."""

    renderer = "exercise"

    exercise: str
    index: int
    total: int
    text: str



@dataclass(frozen=True)
class Solution(Report):
    """An exercise's solution code and why it is right."""

    renderer = "exercise"

    exercise: Exercise



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


UNANSWERED = ("exercise.empty", "exercise.missing", "exercise.placeholder", "exercise.not_set")


def _unset_answers(exercise: Exercise, namespace: dict, earlier: dict) -> Note | None:
    """A Note when an answer variable is missing, is still the notebook's ``...`` placeholder,
    or still holds what it held before the cell."""
    for var in exercise.answers:
        head = var.split(".")[0]
        if head not in namespace:
            return Note.of("exercise.missing", var=head)
        if namespace[head] is Ellipsis:
            return Note.of("exercise.placeholder", var=head)
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
    diagnosis = None
    note: Note | None
    if error is not None:
        note = explain_error(error, source, filename)
    else:
        note = _unset_answers(exercise, namespace, earlier)
        if note is None:
            note, diagnosis = _judge(exercise, namespace, attempt)
    return _feedback(exercise, note, hints_seen, trace_report, value, diagnosis)


# What a built-in checker's message says, as a diagnosis id: its verdicts are kept where they say
# more than the automatic diagnosis, and the general ones (GENERAL) give way to it.
DIAGNOSIS_OF = {
    "exercise.forgot_keepdims": "keepdims", "exercise.extra_keepdims": "keepdims",
    "exercise.wrong_axis": "wrong-axis", "exercise.transposed": "transposed",
    "exercise.keepdims-normalize.rows_as_columns": "broadcast",
    "exercise.keepdims-normalize.columns_normalized": "wrong-axis",
    "exercise.broadcast-center.rows_centered": "wrong-axis",
    "exercise.float64_not_float32": "dtype", "exercise.float32_not_float64": "dtype", "exercise.wrong_dtype": "dtype",
    "exercise.std_n_not_n1": "divisor", "exercise.std_n1_not_n": "divisor",
    "exercise.view_not_copy": "alias", "exercise.copy_not_view": "alias",
    "exercise.grad_accumulated": "accumulated-grad", "exercise.retain-graph.once": "value",
    "exercise.want_tensor": "wrong-library", "exercise.want_numpy": "wrong-library",
    "exercise.wrong_shape": "shape", "exercise.wrong_value": "value", "exercise.wrong_grad": "value",
}
GENERAL = ("shape", "value")


def _judge(exercise: Exercise, namespace: dict, attempt: Attempt) -> tuple[Note | None, str | None]:
    """The verdict and its diagnosis id: the exercise's checker's, or the automatic diagnosis's."""
    try:
        note = exercise.checker(namespace, attempt) if exercise.checker else None
        if exercise.checker is None or (note is not None and DIAGNOSIS_OF.get(note.id) in GENERAL):
            found = diagnose_attempt(exercise, namespace, attempt)
            if found and (note is None or found.id not in GENERAL):
                return found.note, found.id
    except Exception as error:  # a value so unexpected that the checker cannot read it
        return Note.of("exercise.unreadable", error=f"{type(error).__name__}: {error}"), None
    return note, DIAGNOSIS_OF.get(note.id) if note else None


# -- the automatic diagnosis: the learner's answer against the reference solution's -----------

def answer_of(namespace: dict, var: str):
    """The value of answer ``var``: a name, or a name and attributes (``x.grad``)."""
    head, *attributes = var.split(".")
    value = namespace[head]
    for attribute in attributes:
        value = getattr(value, attribute)
    return value


def _revive(before, original, grad):
    """A fresh object like ``original`` holding ``before`` (a snapshot): a leaf tensor requires
    grad again and gets back the ``.grad`` it had, a generator its state."""
    if isinstance(original, torch.Generator):
        generator = torch.Generator()
        generator.set_state(before)
        return generator
    value = _snapshot(before)
    if isinstance(original, torch.Tensor) and original.requires_grad and original.is_leaf:
        value.requires_grad_(True)
        if grad is not None:
            value.grad = grad.clone()
    return value


SPREADS = re.compile(r"\b(std|var)\b")
"""A reference that computes a spread: only then may a constant factor be a std/var divisor."""


class Reference:
    """The reference solution run on fresh copies of the given values the learner's answer used,
    as they were before the cell (or as the cell remade them)."""

    def __init__(self, exercise: Exercise, namespace: dict, attempt: Attempt):
        self.exercise, self.attempt = exercise, attempt
        self.used = {}
        for name in exercise.given:
            mine, given = namespace.get(name), attempt.objects[name]
            if type(mine) is type(given) and mine is not given:  # remade in the cell
                self.used[name] = (_snapshot(mine), mine, None)
            else:
                self.used[name] = (attempt.before[name], given, attempt.grads_before.get(name))
        self.namespace = self.run(exercise.solution)
        self.spreads = bool(SPREADS.search(exercise.solution))

    def fresh(self) -> dict:
        return {name: _revive(*used) for name, used in self.used.items()}

    def run(self, source: str) -> dict:
        namespace = self.fresh()
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, f"<exercise {self.exercise.name} reference>", "exec"), namespace)
        return namespace

    def variant_values(self, var: str):
        for mistake, changed, source in variants(self.exercise.solution):
            try:
                yield mistake, changed, answer_of(self.run(source), var)
            except Exception:  # a variant that cannot run on these values is not the mistake
                continue

    def changed(self, objects: dict) -> tuple[str, ...]:
        """The given arrays whose values differ from what they were before."""
        return tuple(name for name, (before, _, _) in self.used.items()
                     if as_values(objects.get(name)) is not None and as_values(before) is not None
                     and not _same_values(objects[name], before))

    def evidence(self, namespace: dict, var: str, grad_before=None) -> Evidence:
        learner = {name: self.attempt.objects[name] if namespace.get(name) is None else namespace[name]
                   for name in self.used}
        sizes = [n for before, _, _ in self.used.values() if (values := as_values(before)) is not None
                 for n in (*np.shape(values), np.size(values))] if self.spreads else []
        return Evidence(learner, {name: self.namespace.get(name) for name in self.used},
                        self.changed(learner), self.changed(self.namespace), self.variant_values(var),
                        tuple(sizes), grad_before)


def _same_values(a, b) -> bool:
    x, y = as_values(a), as_values(b)
    assert x is not None and y is not None  # only values are compared
    return close(x, y, *tolerance(a, b))


def diagnose_attempt(exercise: Exercise, namespace: dict, attempt: Attempt) -> Diagnosis | None:
    """The first answer (or ``.grad`` of a given tensor the solution changed) that differs from
    the reference solution's, diagnosed; None when every one means the same."""
    reference = Reference(exercise, namespace, attempt)
    for var in exercise.answers:
        head, _, attribute = var.rpartition(".")
        got = answer_of(namespace, var)
        if attribute == "grad" and got is None:
            return Diagnosis("value", Note.of("exercise.grad_missing", var=head))
        found = diagnose(var, got, answer_of(reference.namespace, var),
                         reference.evidence(namespace, var, attempt.grads_before.get(head) if head else None))
        if found:
            return found
    for name in exercise.given:
        want = reference.namespace.get(name)
        if not isinstance(want, torch.Tensor) or want.grad is None or f"{name}.grad" in exercise.answers:
            continue
        before = attempt.grads_before.get(name)
        if before is not None and _same_values(want.grad, before):
            continue  # the solution left this gradient as it was
        got = getattr(namespace.get(name), "grad", None)
        if got is None:
            return Diagnosis("value", Note.of("exercise.grad_missing", var=name))
        found = diagnose(f"{name}.grad", got, want.grad, reference.evidence(namespace, f"{name}.grad", before))
        if found:
            return found
    return None


def _feedback(exercise: Exercise, note: Note | None, hints_seen: int, trace_report=None,
              value=None, diagnosis: str | None = None) -> Feedback:
    if note is None:
        why = "exercise.authored.why" if exercise.texts else f"exercise.{exercise.name}.why"
        return Feedback(exercise.name, exercise.title, True, exercise.explanation, why, value=value)
    hints = exercise.hints
    hint = hints[hints_seen] if hints_seen < len(hints) else None
    if note.id in UNANSWERED or (trace_report is not None and not trace_report.events):
        trace_report = None  # nothing ran that a shape trace could show
    return Feedback(exercise.name, exercise.title, False, note.text, note.id, hint,
                    trace_report, value, diagnosis)
