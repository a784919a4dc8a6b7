"""Every exercise by name: the built-in ones, a teacher's (``define_exercise``, ``%exercise --load``)
and those installed packages add through the entry-point group ``d2l_magics.exercises``."""
from __future__ import annotations

import contextlib
import difflib
import importlib
import importlib.metadata
import runpy
import sys
import warnings
from pathlib import Path

from ..messages import say
from .core import Exercise

ENTRY_POINT_GROUP = "d2l_magics.exercises"

_REGISTRY: dict[str, Exercise] = {}
_loading: list[list[str]] = []  # the names each load in progress has registered
_entry_points = {"loaded": False}


class UnknownExercise(KeyError):
    """No exercise has this name; ``close`` holds the names that look like it."""

    def __init__(self, name: str, close: list[str]):
        super().__init__(name)
        self.name, self.close = name, close

    def __str__(self) -> str:
        return say("exercise.usage.unknown", name=self.name, close=", ".join(self.close) or "-")


class AuthoringError(ValueError):
    """A definition or a file that cannot give an exercise; the message says what to fix."""


def register(exercise: Exercise, *, builtin: bool = False) -> Exercise:
    """Add ``exercise``; a teacher's exercise replaces an earlier one of its name (a cell run again),
    never a built-in one."""
    earlier = _REGISTRY.get(exercise.name)
    if earlier is not None and (builtin or earlier.texts is None):
        raise AuthoringError(say("exercise.authoring.taken", name=exercise.name))
    _REGISTRY[exercise.name] = exercise
    for names in _loading:
        names.append(exercise.name)
    return exercise


def all_exercises() -> list[Exercise]:
    """Every exercise: the built-in ones in the order of the notes, then the teachers'."""
    load_entry_points()
    return list(_REGISTRY.values())


def get_exercise(name: str) -> Exercise:
    load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownExercise(name, difflib.get_close_matches(name, _REGISTRY, n=3, cutoff=0.5)) from None


@contextlib.contextmanager
def _collecting():
    names: list[str] = []
    _loading.append(names)
    try:
        yield names
    finally:
        _loading.remove(names)


def load_exercises(target: str) -> tuple[str, ...]:
    """Run a file (``class_exercises.py``) or import a module (``course.week1``) and return the names
    of the exercises it defined. A module already imported is reloaded, so that it defines them again."""
    path = Path(target).expanduser()
    with _collecting() as names:
        if target.endswith(".py") or path.is_file():
            if not path.is_file():
                raise AuthoringError(say("exercise.authoring.no_file", path=target))
            runpy.run_path(str(path), run_name=f"d2l_exercises_{path.stem}")
        else:
            try:
                module = sys.modules.get(target) or importlib.import_module(target)
            except ModuleNotFoundError:
                raise AuthoringError(say("exercise.authoring.no_file", path=target)) from None
            if target in sys.modules and not names:
                importlib.reload(module)
    if not names:
        raise AuthoringError(say("exercise.authoring.none_defined", path=target))
    return tuple(dict.fromkeys(names))


def load_entry_points(again: bool = False) -> tuple[str, ...]:
    """Load, once, what installed packages add: each entry point of the group names a module that
    defines exercises when imported, or a function that defines them or returns them."""
    if _entry_points["loaded"] and not again:
        return ()
    _entry_points["loaded"] = True
    found: list[str] = []
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            with _collecting() as names:
                loaded = entry_point.load()
                made = loaded() if callable(loaded) else ()
                for exercise in made or ():
                    if exercise.name not in names:
                        register(exercise)
            found += names
        except Exception as error:  # one broken package must not take the others' exercises away
            warnings.warn(say("exercise.authoring.entry_point_failed", name=entry_point.name,
                              error=f"{type(error).__name__}: {error}"), stacklevel=2)
    return tuple(found)
