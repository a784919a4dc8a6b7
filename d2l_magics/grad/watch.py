"""Watching backward() while the learner's code runs: what each call reached, and accumulations."""
from __future__ import annotations

import contextlib
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import torch

from ..cell import patched
from ..values import shape_of
from .graph import leaves_reached
from .report import snapshot

if TYPE_CHECKING:
    from .tape import ForwardTape, Program


@dataclass
class BackwardCall:
    """One backward() as it began: its output and each reached leaf's value and grad then.

    The value is copied only for the numerical check; a grad only when it is non-zero (an
    accumulation to warn about, or a contribution to subtract): a zeroed grad adds nothing."""

    root: object  # the output's grad_fn
    output_shape: tuple[int, ...] | None  # None: backward() was given no tensors
    before: dict[int, tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None]]  # id -> (leaf, value, grad)
    program: Program | None = None  # with --check: the forward computation that led to this output


@dataclass
class BackwardRecorder:
    """What the cell's backward() calls did. Only the last call's copies are kept: a training loop
    of many steps must not hold a copy of every step's leaves."""

    keep_values: bool = False  # the numerical check starts from the leaves' values at the last call
    tape: ForwardTape | None = None  # with --check: the tape recording the cell's tensor operations
    last: BackwardCall | None = None
    reached: weakref.WeakValueDictionary = field(default_factory=weakref.WeakValueDictionary)  # id -> leaf
    accumulated: dict[int, tuple[torch.Tensor, torch.Tensor]] = field(default_factory=dict)  # id -> (leaf, grad before)

    @contextlib.contextmanager
    def watching(self):
        """Wrap ``torch.autograd.backward`` while the cell runs. A cell may keep the wrapper
        (``from torch.autograd import backward``): afterwards it just calls torch's, and no longer
        holds this recorder."""
        original = torch.autograd.backward
        watcher = [self]

        def backward(tensors, *args, **kwargs):
            __tracebackhide__ = True  # the learner's traceback goes from their line into torch
            if not watcher:
                return original(tensors, *args, **kwargs)
            with watcher[0]._backward_running():
                call = watcher[0]._record(tensors, args, kwargs)
                result = original(tensors, *args, **kwargs)
            watcher[0]._note_accumulation(call)
            return result

        try:
            with patched(torch.autograd, "backward", backward):  # a cell's own patch of it stays
                yield self
        finally:
            watcher.clear()

    def is_reached(self, tensor: torch.Tensor) -> bool:
        """Whether a backward() reached ``tensor`` (by identity: a dead leaf's id can be reused)."""
        return self.reached.get(id(tensor)) is tensor

    def _backward_running(self):
        """The tape records the forward computation only: backward's own operations are not part of it."""
        return self.tape.paused() if self.tape is not None else contextlib.nullcontext()

    def _record(self, tensors, args=(), kwargs=None) -> BackwardCall:
        outputs = [tensors] if isinstance(tensors, torch.Tensor) else list(tensors)
        root = outputs[0].grad_fn if outputs else None
        shape = shape_of(outputs[0]) if outputs else None
        self.last = None  # the previous call's copies go before this call's are made
        before = {}
        for leaf in leaves_reached(root):
            grad = leaf.grad
            kept_grad = snapshot(grad) if grad is not None and bool(grad.any()) else None
            before[id(leaf)] = (leaf, snapshot(leaf) if self.keep_values else None, kept_grad)
            self.reached[id(leaf)] = leaf
        program = None
        if self.tape is not None:  # torch.autograd.backward(tensors, grad_tensors=None, ...)
            gradients = args[0] if args else (kwargs or {}).get("grad_tensors")
            program = self.tape.program(outputs, gradients)
        self.last = BackwardCall(root, shape, before, program)
        return self.last

    def _note_accumulation(self, call: BackwardCall) -> None:
        """A backward() that succeeded onto a non-zero ``.grad`` added to it: remember the old one."""
        for key, (leaf, _, grad) in call.before.items():
            if grad is not None and key not in self.accumulated:
                self.accumulated[key] = (leaf, grad)


