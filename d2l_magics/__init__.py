"""d2l_magics: learn PyTorch by analogy with NumPy, in IPython and JupyterLab.

``%load_ext d2l_magics`` registers ``%%compare_np``, ``%shape_trace``, ``%grad`` and
``%%exercise``. The Python API below is what the magics call; it never needs IPython.
The engines import torch and build their tables, so each is imported on first use rather than
when the extension loads. Their modules are named for what they hold (``translation``,
``comparison``, ``tracing``, ``workbook``) so that importing one never hides the function of
the same verb here.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["translate", "compare", "trace", "exercises", "check_exercise", "define_exercise", "load_exercises",
           "load_ipython_extension", "unload_ipython_extension"]


def translate(source: str, to: str = "numpy"):
    """Translate torch code to NumPy (``to="numpy"``) or NumPy code to torch (``to="torch"``)."""
    from .translation.translator import translate as _translate
    return _translate(source, to=to)


def compare(source: str, namespace: dict, source_lib: str = "torch", rtol=None, atol=None, **options):
    """Run ``source`` in ``namespace`` and its translation on copies; a ``CompareReport``."""
    from .comparison import compare as _compare
    return _compare(source, namespace, source_lib=source_lib, rtol=rtol, atol=atol, **options)


def trace(source: str, namespace: dict, **options):
    """Run ``source`` once in ``namespace``, recording every array/tensor operation's shapes."""
    from .tracing import trace as _trace
    return _trace(source, namespace, **options)


def exercises():
    """Every self-checking exercise, in the order of the notes."""
    from .workbook import all_exercises
    return all_exercises()


def check_exercise(name: str, source: str, namespace: dict):
    """Run ``source`` in ``namespace`` and judge it against exercise ``name``; a ``Feedback``."""
    from .workbook import check_exercise as _check
    return _check(name, source, namespace)


def define_exercise(name: str, *, setup: str = "", solution: str, answers, title=None, prompt=None, hints=(),
                    lang: str | None = None, **options):
    """Make and register an exercise from data: no checker, a wrong answer is diagnosed against
    the reference ``solution``; ``%%exercise NAME`` then checks a learner's cell. An ``Exercise``."""
    from .workbook import define_exercise as _define
    return _define(name, setup=setup, solution=solution, answers=answers, title=title, prompt=prompt,
                   hints=hints, lang=lang, **options)


def load_exercises(target: str):
    """Register every exercise a file (``class_exercises.py``) or module defines; their names."""
    from .workbook import load_exercises as _load
    return _load(target)


def load_ipython_extension(ipython):
    from .magics import load
    load(ipython)


def unload_ipython_extension(ipython):
    from .magics import unload
    unload(ipython)
