"""The numerical check: autograd against central finite differences in float64.

It re-runs only the cell's forward statements, on float64 copies in a scratch namespace, so
nothing the learner owns is touched twice.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import io
import types
import warnings
from dataclasses import dataclass

import numpy as np
import torch

from ..cell import Cell, compile_statement, names_read_first, statement_names
from ..messages import Note
from .report import CheckRecord, grad_of
from .watch import BackwardCall, BackwardRecorder

DEFAULT_MAX_CHECK = 1000
FD_STEP = 1e-6
# (atol, rtol) by the dtype of the learner's grad; float64 values are torch.autograd.gradcheck's.
CHECK_TOLERANCES = {torch.float64: (1e-5, 1e-3), torch.float32: (1e-4, 1e-3)}
LOW_PRECISION_TOLERANCE = (1e-2, 1e-2)


def backward_statement(cell: Cell):
    """The last top-level ``EXPR.backward(...)`` statement: (index, EXPR node, gradient node)."""
    for index in range(len(cell.statements) - 1, -1, -1):
        node = cell.statements[index].node
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "backward"):
            call = node.value
            gradient = next((k.value for k in call.keywords if k.arg == "gradient"), None)
            if gradient is None and call.args:
                gradient = call.args[0]
            return index, call.func.value, gradient
    return None

@dataclass
class ScratchInputs:
    """Copies of the values the forward pass reads, taken before the cell ran: the check's
    starting point. Tensors are kept as float64; every run gets fresh copies of them."""

    values: dict
    rng_state: torch.Tensor

    @classmethod
    def capture(cls, cell: Cell, namespace: dict) -> "ScratchInputs":
        """Only the names the forward statements read before binding them: a name the cell just
        assigns, or uses after backward(), is never copied."""
        found = backward_statement(cell)
        nodes = []
        if found is not None:
            index, target, gradient = found
            nodes = _forward_statements(cell, index) + [ast.Expr(e) for e in (target, gradient) if e is not None]
        read = names_read_first(statement_names(node) for node in nodes)
        values = {name: _as_float64(_copy_value(namespace[name])) for name in read if name in namespace}
        return cls(values, torch.get_rng_state())

    def fresh_namespace(self, skip=()) -> dict:
        """Fresh copies for one run; names in ``skip`` (the leaves) are set by the caller."""
        namespace = {"__builtins__": builtins}
        for name, value in self.values.items():
            if name not in skip:
                namespace[name] = _copy_value(value)
        return namespace


# Immutable values and code: one object serves every scratch run.
SHARED_TYPES = (int, float, complex, str, bytes, type(None), range, torch.dtype, torch.device,
                types.ModuleType, types.FunctionType, type, types.BuiltinFunctionType)


def _copy_value(value):
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, SHARED_TYPES):
        return value
    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - an object that cannot be copied is shared, read-only in spirit
        return value


def _as_float64(value):
    """A floating tensor in float64; anything else as it is."""
    return value.to(torch.float64) if isinstance(value, torch.Tensor) and value.is_floating_point() else value


def _touches_grad(node: ast.AST) -> bool:
    """Statements that read or clear ``.grad`` or call backward(): not part of the forward pass."""
    return any(isinstance(n, ast.Attribute) and n.attr in ("grad", "backward") for n in ast.walk(node))


def _forward_statements(cell: Cell, index: int) -> list[ast.stmt]:
    """The forward pass: the statements before the backward() at ``index`` that leave ``.grad`` alone."""
    return [statement.node for statement in cell.statements[:index] if not _touches_grad(statement.node)]


class _PinDetached(ast.NodeTransformer):
    """``E.detach()`` → ``__d2l_pin__(site, E.detach())``: a detached value is a constant, so the
    perturbed runs reuse the unperturbed run's value, as autograd treats it."""

    def __init__(self):
        self.sites = 0

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "detach" and not node.args:
            self.sites += 1
            pinned = ast.Call(ast.Name("__d2l_pin__", ast.Load()), [ast.Constant(self.sites), node], [])
            return ast.copy_location(pinned, node)
        return node


class _Pins:
    def __init__(self):
        self.recorded: dict[tuple[int, int], torch.Tensor] = {}
        self.replaying = False
        self.seen: dict[int, int] = {}

    def __call__(self, site, value):
        occurrence = self.seen.get(site, 0)
        self.seen[site] = occurrence + 1
        key = (site, occurrence)
        if self.replaying and key in self.recorded:
            return self.recorded[key]
        self.recorded[key] = value
        return value


@contextlib.contextmanager
def _quiet_float64():
    """The scratch runs: float64 by default, no graph, no printing, no warnings."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        with torch.no_grad(), contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        torch.set_default_dtype(previous)


def numerical_check(cell: Cell, scratch: ScratchInputs, tensors: dict, recorder: BackwardRecorder,
                    max_check: int) -> tuple[dict[str, CheckRecord], list[Note]]:
    """Central differences of the last backward()'s output, against the grad it contributed."""
    found = backward_statement(cell)
    last = recorder.last
    if found is None or last is None:
        return {}, [Note.of("grad.check.no_backward")]
    index, target, gradient = found
    candidates = {name: t for name, t in tensors.items() if id(t) in last.before}
    checkable = {name: t for name, t in candidates.items()
                 if name.isidentifier() and t.is_floating_point() and grad_of(t) is not None}
    notes = [Note.of("grad.check.skipped", name=name) for name in tensors if name not in checkable]
    if not checkable:
        return {}, notes
    forward = _forward_program(cell, index, target, gradient)
    leaves = {name: _as_float64(last.before[id(t)][1]) for name, t in checkable.items()}
    pins = _Pins()

    def evaluate(name=None, flat_index=None, delta=0.0) -> float:
        """The output with one element of one leaf moved by ``delta`` (in place, then put back:
        copying a large leaf for every element would cost more than the forward itself)."""
        pins.seen.clear()
        if name is not None:
            flat = leaves[name].view(-1)
            original = flat[flat_index].clone()
            flat[flat_index] += delta
        versions = {n: v._version for n, v in leaves.items()}
        try:
            with torch.random.fork_rng(devices=[]):
                torch.set_rng_state(scratch.rng_state)
                namespace = scratch.fresh_namespace(skip=leaves)
                namespace["__d2l_pin__"] = pins
                namespace.update(leaves)
                for code in forward.statements:
                    exec(code, namespace)
                    namespace.update(leaves)
                out = eval(forward.output, namespace)
            written = [n for n, v in leaves.items() if v._version != versions[n]]
            if written:
                raise _LeafWritten(", ".join(written))
        finally:
            if name is not None:
                flat[flat_index] = original
        return float(out.sum()) if isinstance(out, torch.Tensor) else float(out)

    checks = {}
    try:
        with _quiet_float64():
            evaluate()
            pins.replaying = True
            for name, tensor in checkable.items():
                checks[name] = _check_leaf(name, tensor, last, evaluate, max_check)
    except _LeafWritten as written:
        return {}, notes + [Note.of("grad.check.writes_leaf", names=written.args[0])]
    except Exception as exc:  # noqa: BLE001 - a forward that cannot re-run is reported, not raised
        return {}, notes + [Note.of("grad.check.failed", error=f"{type(exc).__name__}: {exc}")]
    return checks, notes


class _LeafWritten(Exception):
    """The forward statements changed a leaf in place: perturbing it would not mean anything."""


@dataclass(frozen=True)
class _ForwardProgram:
    statements: list
    output: object


def _forward_program(cell: Cell, index: int, target: ast.expr, gradient) -> _ForwardProgram:
    pin = _PinDetached()
    statements = []
    for statement in _forward_statements(cell, index):
        node = pin.visit(copy.deepcopy(statement))
        statements.append(compile_statement(ast.fix_missing_locations(node), cell.filename))
    output = copy.deepcopy(target)
    if gradient is not None:  # y.backward(g) differentiates (y * g).sum()
        output = ast.Call(ast.Attribute(ast.BinOp(output, ast.Mult(), copy.deepcopy(gradient)), "sum", ast.Load()),
                          [], [])
    output = pin.visit(ast.copy_location(output, target))
    compiled = compile(ast.fix_missing_locations(ast.Expression(output)), cell.filename, "eval", dont_inherit=True)
    return _ForwardProgram(statements, compiled)


def _check_leaf(name, tensor, last: BackwardCall, evaluate, max_check: int) -> CheckRecord:
    _, _, grad_before = last.before[id(tensor)]
    grad = grad_of(tensor).detach()
    contributed = grad - grad_before if grad_before is not None else grad
    flat = contributed.reshape(-1).to(torch.float64).cpu().numpy()
    total = flat.size
    chosen = np.arange(total) if total <= max_check else np.sort(
        np.random.default_rng(0).choice(total, size=max_check, replace=False))
    finite = np.array([(evaluate(name, int(i), FD_STEP) - evaluate(name, int(i), -FD_STEP)) / (2 * FD_STEP)
                       for i in chosen])
    atol, rtol = CHECK_TOLERANCES.get(grad.dtype, LOW_PRECISION_TOLERANCE)
    error = np.abs(flat[chosen] - finite)
    ok = bool(np.all(error <= atol + rtol * np.abs(finite)))
    return CheckRecord(ok, float(error.max()) if error.size else 0.0, int(chosen.size), int(total))
