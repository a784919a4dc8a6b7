"""Random draws shared between a cell and its translation.

The two libraries' generators never agree, so ``%%compare_np`` records what the learner's cell
drew (without changing what it draws) and hands the translation a stand-in module whose random
functions serve those same numbers, in order. The stand-ins draw anything they cannot replay from
a private generator, so the translation never moves the learner's own random stream.
"""
from __future__ import annotations

import contextlib
import functools
import sys
from collections import deque

import numpy as np
import torch
import torch.distributions

from .cell import patched
from .values import to_numpy

TORCH_DRAWS = ("randn", "rand", "randint", "normal", "randn_like", "rand_like", "randperm")
TORCH_SAMPLERS = (torch.distributions.Multinomial, torch.distributions.Normal, torch.distributions.Uniform)
#: Random methods of a tensor, filling it in place.
TENSOR_DRAWS = ("uniform_",)
NUMPY_DRAWS = ("randn", "rand", "random", "random_sample", "standard_normal", "normal", "uniform",
               "randint", "permutation", "multinomial", "choice", "binomial", "poisson")


def mentions_randomness(source: str, source_lib: str) -> bool:
    """Cheap test: could this cell draw random numbers at all? (Saves patching for most cells.)"""
    names = TORCH_DRAWS + TENSOR_DRAWS + ("sample",) if source_lib == "torch" else NUMPY_DRAWS
    return any(name in source for name in names)


def _called_by_a_library() -> bool:
    """Is the caller of the wrapper that asks this torch's or NumPy's own code? Draws made there
    (``nn.Linear`` filling its weights, ``Uniform.sample`` scaling a ``torch.rand``) are not the
    learner's, and the other side makes them itself or not at all."""
    module = sys._getframe(2).f_globals.get("__name__", "")
    return module.partition(".")[0] in ("torch", "numpy")


@contextlib.contextmanager
def _wrapped(targets, wrapper):
    """While the block runs, each ``owner.name`` in ``targets`` is ``wrapper(original)``; then the
    owner is as it was (an inherited method is inherited again, not copied onto the class), unless
    the cell patched it itself: the learner's own patch stays, as it would without the magic."""
    with contextlib.ExitStack() as patches:
        for owner, name in targets:
            patches.enter_context(patched(owner, name, wrapper(getattr(owner, name))))
        yield


@contextlib.contextmanager
def recording(source_lib: str, draws: deque):
    """While the block runs, append (as NumPy copies) every value the learner's random calls return."""
    if source_lib == "torch":
        targets = ([(torch, name) for name in TORCH_DRAWS] + [(cls, "sample") for cls in TORCH_SAMPLERS]
                   + [(torch.Tensor, name) for name in TENSOR_DRAWS])
    else:
        targets = [(np.random, name) for name in NUMPY_DRAWS]
    # Emptied when the block ends: a wrapper the cell kept (``from torch import randn``) then
    # only passes calls through, holding and recording nothing.
    sink = [draws]

    def recorder(original):
        @functools.wraps(original)
        def record(*args, **kwargs):
            __tracebackhide__ = True  # an error in the learner's call shows their line, not this one
            value = original(*args, **kwargs)
            if not _called_by_a_library():
                for recorded in sink:
                    recorded.append(np.array(to_numpy(value)))
            return value
        return record

    try:
        with _wrapped(targets, recorder):
            yield draws
    finally:
        sink.clear()


class _Replayer:
    """Serves recorded draws whose shape fits the call; counts what it replayed or missed."""

    def __init__(self, draws: deque):
        self.draws = draws
        self.replayed = 0
        self.missed: list[str] = []

    def serve(self, function: str, fresh, convert):
        """``fresh`` is the stand-in's own draw: its shape says what the call asked for."""
        if self.draws and self.draws[0].shape == tuple(np.shape(fresh)):
            self.replayed += 1
            return convert(self.draws.popleft(), fresh)
        self.missed.append(function)
        return fresh


def _as_numpy_like(recorded: np.ndarray, fresh):
    if isinstance(fresh, np.ndarray):
        return recorded.astype(fresh.dtype)
    return type(fresh)(recorded.item())


def _as_tensor_like(recorded: np.ndarray, fresh: torch.Tensor) -> torch.Tensor:
    value = torch.as_tensor(recorded).to(fresh.dtype)
    return value.requires_grad_() if fresh.requires_grad else value


def _into(recorded: np.ndarray, fresh: torch.Tensor) -> torch.Tensor:
    """An in-place draw: the tensor it filled now holds the recorded numbers."""
    with torch.no_grad():
        return fresh.copy_(torch.as_tensor(recorded))


class ReplayedNumpyRandom:
    """``np.random`` on the translated side: recorded draws first, else a private generator."""

    def __init__(self, replayer: _Replayer):
        self._replayer = replayer

    @functools.cached_property
    def _own(self) -> np.random.RandomState:
        return np.random.RandomState()  # made on first use: seeding it costs a few hundred µs

    def seed(self, seed=None):
        self._own.seed(seed)

    def __getattr__(self, name):
        if name in NUMPY_DRAWS:
            return functools.partial(self._draw, name)
        return getattr(np.random, name)

    def _draw(self, name, *args, **kwargs):
        fresh = getattr(self._own, name)(*args, **kwargs)
        return self._replayer.serve(f"np.random.{name}", fresh, _as_numpy_like)


class ReplayedNumpy:
    """Stands in for ``np`` on the translated side; only ``np.random`` differs from NumPy."""

    def __init__(self, replayer: _Replayer):
        self.random = ReplayedNumpyRandom(replayer)

    def __getattr__(self, name):
        return getattr(np, name)


class ReplayedTorch:
    """Stands in for ``torch`` on the translated side of ``--from numpy``."""

    def __init__(self, replayer: _Replayer):
        self._replayer = replayer

    @functools.cached_property
    def _own(self) -> torch.Generator:
        generator = torch.Generator()
        generator.seed()
        return generator

    def manual_seed(self, seed):
        return self._own.manual_seed(seed)

    def __getattr__(self, name):
        if name in TORCH_DRAWS:
            return functools.partial(self._draw, name)
        return getattr(torch, name)

    def _draw(self, name, *args, **kwargs):
        if name.endswith("_like"):  # the *_like functions take no generator
            like, *rest = args
            name = name.removesuffix("_like")
            kwargs.setdefault("dtype", like.dtype)
            args = (tuple(like.shape), *rest)
        fresh = getattr(torch, name)(*args, generator=self._own, **kwargs)
        return self._replayer.serve(f"torch.{name}", fresh, _as_tensor_like)

    @contextlib.contextmanager
    def serving(self):
        """While a translated statement runs, the draws it makes through a tensor's method
        (``torch.empty(n).uniform_()``) or a distribution (``Multinomial(n, p).sample()``),
        which this stand-in cannot intercept by name, serve the recorded numbers too."""
        if not self._replayer.draws:
            yield
            return
        replayer, own = self._replayer, self._own

        def server(original):
            label = f"torch.{original.__qualname__.replace('TensorBase', 'Tensor')}"
            in_place = original.__name__ in TENSOR_DRAWS

            @functools.wraps(original)
            def serve(*args, **kwargs):
                if _called_by_a_library():
                    return original(*args, **kwargs)
                if in_place:
                    kwargs.setdefault("generator", own)
                fresh = original(*args, **kwargs)
                return replayer.serve(label, fresh, _into if in_place else _as_tensor_like)
            return serve

        targets = [(torch.Tensor, name) for name in TENSOR_DRAWS] + [(torch.distributions.Multinomial, "sample")]
        with _wrapped(targets, server):
            yield


def stand_in(target_lib: str, draws: deque):
    """The module the translation sees as ``np`` (or ``torch``), and its replayer."""
    replayer = _Replayer(draws)
    module = ReplayedNumpy(replayer) if target_lib == "numpy" else ReplayedTorch(replayer)
    return module, replayer
