"""Exercises a teacher writes as data: the given values, a reference solution, the answer names and
the texts. No checker: a wrong answer is diagnosed against the reference solution's (``diagnosis``).

The notebook form is one cell: the given values, a ``# solution`` line, the solution; ``# hint:``
comment lines anywhere in it are the hints, in order.
"""
from __future__ import annotations

import ast
import contextlib
import io
import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import TypeAlias

from ..messages import get_language, say
from ..values import dtype_name, format_shape
from .core import IMPORTS, AuthoredTexts, Exercise, answer_of
from .registry import AuthoringError, register

SOLUTION_LINE = re.compile(r"^[ \t]*#[ \t]*solution[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)
HINT_LINE = re.compile(r"^[ \t]*#[ \t]*hint[ \t]*:[ \t]*(.+?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
NAME = re.compile(r"^[A-Za-z0-9][\w.-]*$")
ANSWER = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
Text: TypeAlias = "str | Mapping[str, str] | None"


def split_cell(cell: str) -> tuple[str, str, tuple[str, ...]]:
    """(given values, solution, hints) of an ``%%exercise --new`` cell."""
    parts = SOLUTION_LINE.split(cell, maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        raise AuthoringError(say("exercise.authoring.no_solution_line"))
    return parts[0], parts[1], tuple(HINT_LINE.findall(cell))


def _localized(text, lang: str) -> dict[str, str] | None:
    """A text in the language it was written in, or already one per language."""
    if text is None or isinstance(text, Mapping):
        return dict(text) if text else None
    return {lang: str(text)}


def _run(source: str, namespace: dict, what: str, name: str) -> None:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, f"<exercise {name} {what}>", "exec"), namespace)
    except Exception as error:
        raise AuthoringError(say(f"exercise.authoring.{what}_failed", name=name,
                                 error=f"{type(error).__name__}: {error}")) from error


def define_exercise(name: str, *, setup: str = "", solution: str, answers: str | Iterable[str],
                    title: Text = None, prompt: Text = None, hints: Iterable = (), lang: str | None = None,
                    why: Text = None, uses_shapes: bool = False) -> Exercise:
    """Make exercise ``name`` from data and register it (again, if it was defined before).

    ``setup`` makes the given values (``torch`` and ``np`` are imported for it); ``solution``
    computes the ``answers`` from them. Texts are in ``lang`` (default: the current language), or
    mappings such as ``{"en": ..., "zh": ...}``. Without ``hints``, the hints are made from the
    reference answer: first what it looks like, then the operations the solution uses.
    """
    answers = (answers,) if isinstance(answers, str) else tuple(answers)
    if not NAME.match(name or ""):
        raise AuthoringError(say("exercise.authoring.bad_name", name=name))
    if not answers or not all(ANSWER.match(a) for a in answers):
        raise AuthoringError(say("exercise.authoring.bad_answers", answers=", ".join(answers) or "-"))
    lang = lang or get_language()
    setup, solution = IMPORTS + textwrap.dedent(setup).strip() + "\n", textwrap.dedent(solution).strip() + "\n"
    given_namespace: dict = {}
    _run(setup, given_namespace, "setup", name)
    given = tuple(n for n in given_namespace if not n.startswith("__"))
    reference: dict = {}
    _run(setup, reference, "setup", name)
    _run(solution, reference, "solution", name)
    missing = [a for a in answers if a.split(".")[0] not in reference]
    if missing:
        raise AuthoringError(say("exercise.authoring.no_answer", name=name, var=missing[0]))
    texts: AuthoredTexts = {"title": _localized(title, lang) or {lang: name},
             "prompt": _localized(prompt, lang),
             "hints": [_localized(h, lang) for h in hints] or automatic_hints(solution, answers, reference),
             "why": _localized(why, lang)}
    return register(Exercise(name=name, section=0, setup=setup, given=given, answers=answers,
                             solution=solution.strip(), uses_shapes=uses_shapes, texts=texts))


# -- hints made from the reference: the idea first, then the code -------------------------------

def _looks_like(var: str, value) -> str:
    shape = getattr(value, "shape", None)
    if shape is None:
        return say("exercise.authored.looks_like_value", var=var, type=type(value).__name__)
    kind = say("exercise.authored.tensor" if type(value).__module__.startswith("torch") else "exercise.authored.array")
    return say("exercise.authored.looks_like", var=var, kind=kind, dtype=dtype_name(value) or "-",
               shape=format_shape(shape))


def _operations(solution: str) -> list[str]:
    """The functions, methods and keywords the solution calls, in order, once each."""
    found: list[str] = []
    for node in ast.walk(ast.parse(solution)):
        if isinstance(node, ast.Call):
            func = node.func
            found.append(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
            found += [f"{k.arg}=" for k in node.keywords if k.arg]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            found.append("@")
    return [f"`{op}`" for op in dict.fromkeys(op for op in found if op)]


def automatic_hints(solution: str, answers: tuple[str, ...], reference: dict) -> list[dict[str, str]]:
    """Hint 1: what each answer looks like (its kind, dtype and shape); hint 2: what the solution uses.
    Each in every language, as messages are."""
    from ..messages import LANGUAGES, use_language

    def each_language(make):
        hint = {}
        for lang in LANGUAGES:
            with use_language(lang):
                hint[lang] = make()
        return hint

    def looks():
        return " ".join(_looks_like(var, answer_of(reference, var)) for var in answers)

    hints = [each_language(looks)]
    operations = _operations(solution)
    if operations:
        hints.append(each_language(lambda: say("exercise.authored.uses", operations=", ".join(operations))))
    return hints
