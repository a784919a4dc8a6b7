"""How much real-world code the rule table covers, on held-out material no test reads:

* ``corpus/numpy_exercises.py``: NumPy exercise-style cells, each run through ``d2l_magics.compare``
  from NumPy; the share that compare ok (target ≥ 90%), and the share translated in full;
* ``corpus/equivalences.py``: a torch ⇄ NumPy equivalence table, each form translated both ways;
  an entry translates correctly when the translation runs and gives the same values, shape and
  dtype as the other library's form (random draws: shape and dtype). Target ≥ 90% each way, and
  none wrong (translated, but raising or giving other values).

Run: ``.venv/bin/python benchmarks/bench_coverage.py [-v]`` (``-v`` lists what is not translated or wrong).
"""
from __future__ import annotations

import contextlib
import io
import sys
import warnings
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent / "corpus"))

import equivalences
import numpy_exercises

import d2l_magics
from d2l_magics.values import to_numpy


def as_array(value):
    if isinstance(value, torch.Tensor):
        return to_numpy(value)
    if isinstance(value, (torch.Size, tuple, list)) and not isinstance(value, torch.Size):
        return value
    return np.asarray(value)


def same(expected, actual, values: bool) -> bool:
    if isinstance(expected, (tuple, list)) and not isinstance(expected, torch.Size):
        return isinstance(actual, (tuple, list)) and len(actual) == len(expected) and all(
            same(e, a, values) for e, a in zip(expected, actual))
    if isinstance(expected, torch.Size) or isinstance(actual, torch.Size):
        return tuple(expected) == tuple(actual)
    if not values and not isinstance(expected, (torch.Tensor, np.ndarray)):
        return True  # a seed's return value (None, a Generator): nothing drawn to compare
    if expected is None or actual is None:
        return expected is actual
    if isinstance(expected, (int, float, bool)) or isinstance(actual, (int, float, bool)):
        return bool(np.isclose(float(expected), float(actual), equal_nan=True))  # a Python scalar
    e, a = as_array(expected), as_array(actual)
    if isinstance(e, (tuple, list)) or isinstance(a, (tuple, list)):
        return same(list(e), list(a), values)
    if e.shape != a.shape or e.dtype != a.dtype:
        return False
    return not values or bool(np.allclose(e, a, equal_nan=True))


def run(code: str, names: dict):
    from d2l_magics.cell import run_cell
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_cell(code, {"torch": torch, "np": np, **names})


def table_direction(to: str, verbose: bool) -> tuple[int, int, int]:
    """(translated correctly, not translated, wrong) over the table, translating towards ``to``."""
    good = untranslated = wrong = 0
    for torch_form, numpy_form, kind in equivalences.TABLE:
        source = torch_form if to == "numpy" else numpy_form
        source_names, target_names = (equivalences.torch_names(), equivalences.numpy_names())
        if to == "torch":
            source_names, target_names = target_names, source_names
        translation = d2l_magics.translate(source, to=to)
        if any(s.code is None for s in translation.statements):
            untranslated += 1
            if verbose:
                print(f"  not translated ({to}): {source}  [{translation.statements[0].reason.text[:90]}]")
            continue
        try:
            expected = run(source, source_names)
            actual = run(translation.code, target_names)
            right = same(expected, actual, kind == "values")
        except Exception as error:  # noqa: BLE001 - a wrong translation, counted
            right, actual = False, f"{type(error).__name__}: {error}"
        if right:
            good += 1
        else:
            wrong += 1
            if verbose:
                print(f"  WRONG ({to}): {source}  ->  {translation.code}  [{str(actual)[:100]}]")
    return good, untranslated, wrong


def corpus(verbose: bool) -> tuple[int, int, int]:
    """(compare ok, translated in full, cells)."""
    ok = full = 0
    for cell in numpy_exercises.CELLS:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                report = d2l_magics.compare(cell, {}, source_lib="numpy")
            except Exception as error:  # noqa: BLE001 - the learner's own exception: counted as not ok
                report = None
                failure = f"{type(error).__name__}: {error}"
        if report is not None and report.ok:
            ok += 1
        elif verbose:
            rows = [] if report is None else [f"{r.status}" for r in report.rows if r.status in ("mismatch", "error")]
            print(f"  not ok: {cell.splitlines()[1:]!r} {rows or failure}")
        translation = d2l_magics.translate(cell, to="torch")
        if all(s.code is not None for s in translation.statements):
            full += 1
        elif verbose:
            missing = [s.source for s in translation.statements if s.code is None]
            print(f"  partly translated: {missing}")
    return ok, full, len(numpy_exercises.CELLS)


def main() -> None:
    verbose = "-v" in sys.argv
    ok, full, cells = corpus(verbose)
    print(f"exercise corpus: {ok}/{cells} cells compare ok ({ok / cells:.0%}; target >= 90%), "
          f"{full}/{cells} translated in full ({full / cells:.0%})")
    entries = len(equivalences.TABLE)
    for to in ("numpy", "torch"):
        good, untranslated, wrong = table_direction(to, verbose)
        label = "torch -> NumPy" if to == "numpy" else "NumPy -> torch"
        print(f"equivalence table, {label}: {good}/{entries} correct ({good / entries:.0%}; target >= 90%), "
              f"{untranslated} not translated, {wrong} wrong (target 0)")


if __name__ == "__main__":
    main()
