"""The numerical check: autograd against central finite differences in float64.

The differences evaluate the cell's forward computation as ``tape`` recorded it while the cell
ran, never the cell itself: nothing the learner owns runs or changes twice. A random draw in the
computation is drawn again from the generator state it had, so every evaluation sees the same
noise; an evaluation that still does not repeat itself is reported, never called a mismatch.
"""
from __future__ import annotations

import contextlib
import math
import time
import warnings

import numpy as np
import torch
from torch.utils._pytree import tree_flatten, tree_unflatten

from ..cell import exception_text
from ..messages import Note
from .report import CheckRecord, grad_of
from .tape import Constant, Program, Slot
from .watch import BackwardCall, BackwardRecorder

DEFAULT_MAX_CHECK = 1000
CHECK_SECONDS = 5.0  # a large leaf is checked on the coordinates this allows (at least MIN_CHECKED)
MIN_CHECKED = 10
FD_STEP = 1e-6
MAX_STEP = 1e-3
# (atol, rtol) by the dtype of the learner's grad; float64 values are torch.autograd.gradcheck's.
CHECK_TOLERANCES = {torch.float64: (1e-5, 1e-3), torch.float32: (1e-4, 1e-3)}
LOW_PRECISION_TOLERANCE = (1e-2, 1e-2)
# How far the float64 evaluation may be from the value the cell computed in its own dtype.
REPLAY_TOLERANCES = {torch.float64: (1e-9, 1e-7), torch.float32: (1e-4, 1e-3)}
IN_FLOAT64 = {torch.float16: torch.float64, torch.bfloat16: torch.float64, torch.float32: torch.float64,
              torch.complex32: torch.complex128, torch.complex64: torch.complex128}


class Evaluation:
    """The recorded program, ready to run in float64: constants converted once, sources given."""

    def __init__(self, program: Program, sources: dict[Slot, torch.Tensor]):
        self.program = program
        self.sources = sources
        self.steps = [(op, [_in_float64(x) for x in op.inputs]) for op in program.ops]
        self.weights = [(slot, 1.0 if g is None else _in_float64(g)) for slot, g in program.outputs]

    def __call__(self) -> float:
        values = dict(self.sources)
        for op, inputs in self.steps:
            flat = [values[x] if type(x) is Slot else x for x in inputs]
            for index in op.fresh:  # a constant this operation changes in place: a new copy each time
                flat[index] = flat[index].clone()
            args, kwargs = tree_unflatten(flat, op.spec)
            if op.rng is not None:
                _restore_rng(*op.rng)
            results, _ = tree_flatten(op.func(*args, **kwargs))
            for slot, result in zip(op.outputs, results):
                if slot is not None:
                    values[slot] = result
        return sum(float((values[slot] * weight).sum()) for slot, weight in self.weights)


def _in_float64(x):
    if isinstance(x, Constant):
        x = x.value
    if isinstance(x, torch.Tensor):
        return x.detach().to(IN_FLOAT64.get(x.dtype, x.dtype))
    if isinstance(x, torch.dtype):  # x.float(), sum(dtype=torch.float32): float64 still
        return IN_FLOAT64.get(x, x)
    return x


def _restore_rng(device: torch.device, state: torch.Tensor) -> None:
    if device.type == "cuda":
        torch.cuda.set_rng_state(state, device)
    else:
        torch.set_rng_state(state)


@contextlib.contextmanager
def _quietly():
    """No graph, no warnings, and the learner's random state as it was afterwards."""
    devices = list(range(torch.cuda.device_count())) if torch.cuda.is_initialized() else []
    with torch.random.fork_rng(devices=devices), torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def numerical_check(tensors: dict, recorder: BackwardRecorder,
                    max_check: int) -> tuple[dict[str, CheckRecord], list[Note]]:
    """Central differences of the last backward()'s output, against the grad it contributed."""
    last = recorder.last
    if last is None or last.program is None:
        return {}, [Note.of("grad.check.no_backward")]
    program = last.program
    candidates = {name: t for name, t in tensors.items() if id(t) in last.before}
    checkable = {name: t for name, t in candidates.items() if t.is_floating_point() and grad_of(t) is not None}
    notes = [Note.of("grad.check.skipped", name=name) for name in tensors if name not in checkable]
    if not checkable:
        return {}, notes
    slot_of = {id(t): slot for slot, t in program.sources.items()}
    computed_before = [slot for slot, t in program.sources.items() if t.grad_fn is not None]
    untraced = [name for name, t in checkable.items() if id(t) not in slot_of]
    if computed_before or untraced or any(slot is None for slot, _ in program.outputs):
        return {}, notes + [Note.of("grad.check.untraceable", names=", ".join(untraced or checkable))]
    if not math.isfinite(program.value):
        return {}, notes + [Note.of("grad.check.not_finite", value=_number(program.value))]
    checks = {}
    try:
        with _quietly():
            sources = {slot: _start_value(t, last) for slot, t in program.sources.items()}
            evaluate = Evaluation(program, sources)
            first, again = evaluate(), evaluate()
            atol, rtol = REPLAY_TOLERANCES.get(program.dtype, LOW_PRECISION_TOLERANCE)
            repeats = abs(first - again) <= 1e-12 * max(1.0, abs(first))  # GPU sums may round differently
            if not repeats or not abs(first - program.value) <= atol + rtol * abs(program.value):
                note = Note.of("grad.check.nondeterministic", cell=_number(program.value), again=_number(first))
                return {}, notes + [note]
            deadline = time.perf_counter() + CHECK_SECONDS
            for name, tensor in checkable.items():
                leaf = sources[slot_of[id(tensor)]]
                checks[name] = _check_leaf(tensor, leaf, last, evaluate, max_check, deadline, program.custom_function)
    except Exception as exc:  # noqa: BLE001 - a computation that cannot run in float64 is reported, not raised
        return {}, notes + [Note.of("grad.check.failed", error=f"{type(exc).__name__}: {exception_text(exc)}")]
    return checks, notes


def _start_value(tensor: torch.Tensor, last: BackwardCall) -> torch.Tensor:
    """A source's value as backward() found it, in float64, in a buffer of the check's own."""
    kept = last.before.get(id(tensor), (None, None, None))[1]
    value = (kept if kept is not None else tensor).detach()
    return value.to(IN_FLOAT64.get(value.dtype, value.dtype), copy=True).contiguous()


def _step(value: float) -> float:
    """FD_STEP for an output near 1; larger for a large one (a sum of 1e7 terms), whose rounding
    would otherwise swamp the difference (the step that balances rounding against truncation),
    but never more than MAX_STEP: the leaves' own scale is what a step must stay small against."""
    return min(FD_STEP * max(1.0, abs(value)) ** (1 / 3), MAX_STEP)


def _number(value: float) -> str:
    return f"{value:.6g}"


def _check_leaf(tensor, leaf: torch.Tensor, last: BackwardCall, evaluate, max_check: int, deadline: float,
                custom_function: bool) -> CheckRecord:
    _, _, grad_before = last.before[id(tensor)]
    grad = grad_of(tensor)
    assert grad is not None  # only leaves with a grad are checked
    grad = grad.detach()
    contributed = grad - grad_before if grad_before is not None else grad
    autograd = contributed.reshape(-1).to(torch.float64).cpu().numpy()
    total = autograd.size
    # a random sample of a large leaf, in random order: stopped by the clock, it is still random
    chosen = (np.arange(total) if total <= max_check
              else np.random.default_rng(0).choice(total, max_check, replace=False))
    flat = leaf.view(-1)
    step = _step(evaluate.program.value)
    finite: list[float] = []
    for index in chosen.tolist():
        if len(finite) >= MIN_CHECKED and time.perf_counter() > deadline:
            break
        original = flat[index].clone()
        flat[index] = original + step
        up = evaluate()
        flat[index] = original - step
        down = evaluate()
        flat[index] = original
        finite.append((up - down) / (2 * step))
    checked = chosen[:len(finite)]
    atol, rtol = CHECK_TOLERANCES.get(grad.dtype, LOW_PRECISION_TOLERANCE)
    error = np.abs(autograd[checked] - np.array(finite))
    ok = bool(np.all(error <= atol + rtol * np.abs(np.array(finite))))
    return CheckRecord(ok, float(error.max()) if error.size else 0.0, int(checked.size), int(total),
                       custom_function=custom_function, time_limited=len(finite) < chosen.size)
