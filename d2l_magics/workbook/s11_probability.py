"""Section 11 (2.6 probability): sampling with ``Multinomial``; frequencies approach probabilities."""
from __future__ import annotations

import numpy as np

from ..messages import Note
from ..values import format_shape
from .checks import as_array, given
from .core import IMPORTS, Exercise

SETUP = IMPORTS + "from torch.distributions import multinomial\nprobs = torch.ones(6) / 6\n"
GIVEN = ("torch", "np", "multinomial", "probs")


def _read(ns, var, shape):
    """The answer as a float64 array of ``shape``, or the Note saying why it is not one."""
    array = as_array(ns[var])
    if array is None:
        return None, Note.of("exercise.not_array", var=var, type=type(ns[var]).__name__)
    if array.shape != shape:
        return None, Note.of("exercise.wrong_shape", var=var, got_shape=format_shape(array.shape),
                             want_shape=format_shape(shape))
    return array.astype(np.float64), None


def _whole(values) -> bool:
    return bool(np.allclose(values, np.round(values), atol=1e-4))


def check_multinomial_frequencies(ns, attempt):
    freq, wrong = _read(ns, "freq", (6,))
    if wrong:
        return wrong
    probs = as_array(given(ns, attempt, "probs"))
    if np.isclose(freq.sum(), 1000):
        return Note.of("exercise.multinomial-frequencies.counts", var="freq")
    if np.isin(freq, (0.0, 1.0)).all():
        return Note.of("exercise.multinomial-frequencies.one_draw", var="freq")
    if not np.isclose(freq.sum(), 1, atol=1e-5):
        return Note.of("exercise.not_normalized", var="freq", total=f"{freq.sum():.4g}")
    if not _whole(freq * 1000):
        return Note.of("exercise.multinomial-frequencies.not_1000", var="freq")
    if np.abs(freq - probs).max() > 0.08:  # 1000 rolls: one standard deviation is about 0.012
        return Note.of("exercise.far_from_probs", var="freq")
    return None


def check_frequencies_converge(ns, attempt):
    estimates, wrong = _read(ns, "estimates", (500, 6))
    if wrong:
        return wrong
    probs = as_array(given(ns, attempt, "probs"))
    if not np.allclose(estimates.sum(axis=1), 1, atol=1e-4):
        return Note.of("exercise.not_normalized", var="estimates", total=f"{estimates.sum(axis=1)[0]:.4g}")
    rolls = 10 * np.arange(1, 501)[:, None]
    counts = estimates * rolls
    if not _whole(counts) or (np.diff(np.round(counts), axis=0) < 0).any():
        if _whole(estimates * 10):
            return Note.of("exercise.frequencies-converge.not_cumulative", var="estimates")
        return Note.of("exercise.frequencies-converge.not_running", var="estimates")
    if np.abs(estimates[-1] - probs).max() > 0.04:  # 5000 rolls: one standard deviation is about 0.005
        return Note.of("exercise.far_from_probs", var="estimates[-1]")
    return None


EXERCISES = [
    Exercise(
        name="multinomial-frequencies", section=11,
        setup=SETUP, given=GIVEN, answers=("freq",),
        solution="counts = multinomial.Multinomial(1000, probs).sample()\nfreq = counts / 1000\nfreq",
        checker=check_multinomial_frequencies,
        mistakes=(("freq = multinomial.Multinomial(1000, probs).sample()", "exercise.multinomial-frequencies.counts"),
                  ("freq = multinomial.Multinomial(1, probs).sample()", "exercise.multinomial-frequencies.one_draw")),
    ),
    Exercise(
        name="frequencies-converge", section=11, uses_shapes=True,
        setup=SETUP, given=GIVEN, answers=("estimates",),
        solution=("counts = multinomial.Multinomial(10, probs).sample((500,))\n"
                  "cum_counts = counts.cumsum(dim=0)\n"
                  "estimates = cum_counts / cum_counts.sum(dim=1, keepdim=True)\nestimates[-1]"),
        checker=check_frequencies_converge,
        mistakes=(("counts = multinomial.Multinomial(10, probs).sample((500,))\nestimates = counts / 10",
                   "exercise.frequencies-converge.not_cumulative"),
                  ("counts = multinomial.Multinomial(10, probs).sample((500,))\n"
                   "cum_counts = counts.cumsum(dim=0)\nestimates = cum_counts / cum_counts.sum(dim=1)",
                   "exercise.error.broadcast")),
    ),
]
