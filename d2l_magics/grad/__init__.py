"""Gradient inspection: what autograd left on each leaf, the graph it walked, a numerical check,
and plain-language explanations of autograd errors.

The cell runs once, in the learner's namespace, exactly as without the magic. While it runs,
``torch.autograd.backward`` is wrapped so each backward() call is seen as it happens: its output,
the leaves it reaches, and their ``.grad`` just before (an accumulation is a non-zero ``.grad``
at that moment). Pure Python over torch.

report: the data; graph: the grad_fn graph; watch: backward() as it runs; explain: the mistakes;
tape: the forward computation recorded while the cell runs; check: the numerical check on it.
This module runs the learner's code and puts a report together.
"""
from __future__ import annotations

import ast
import contextlib
import warnings
from dataclasses import replace

import torch

from ..cell import Cell, compile_cell, parse_cell, start_at_learner_frame, statement_names
from ..messages import Note
from ..values import preview
from .check import DEFAULT_MAX_CHECK, numerical_check
from .explain import NON_LEAF_GRAD_WARNING, explain
from .graph import GraphNode, graph_nodes
from .report import (
    BadNames,
    CellResult,
    CheckRecord,
    GradReport,
    LeafRecord,
    grad_of,
    leaf_record,
    named_tensors,
    resolve_tensors,
)
from .tape import ForwardTape
from .watch import BackwardCall, BackwardRecorder

__all__ = ["BackwardCall", "BackwardRecorder", "BadNames", "CellResult", "CheckRecord", "GradReport",
           "GraphNode", "LeafRecord", "backward_and_inspect", "explain", "grad_of", "inspect_cell",
           "inspect_names", "named_tensors", "resolve_tensors"]


def _report(records: dict[str, LeafRecord], namespace: dict, root=None, output=None, **extra) -> GradReport:
    names_by_id = {id(t): name for name, t in named_tensors(namespace).items()}
    graph, cut = graph_nodes(root, names_by_id)
    return GradReport(leaves=records, graph=graph, output=output, graph_truncated=cut, **extra)


def inspect_names(namespace: dict, names=()) -> GradReport:
    """Panels for the named tensors, or for every tensor in ``namespace`` that has a grad."""
    tensors = resolve_tensors(namespace, names)
    if not names:
        tensors = {n: t for n, t in tensors.items() if grad_of(t) is not None}
    records = {name: leaf_record(name, t) for name, t in tensors.items()}
    # no backward() ran here: the graph shown is that of the first computed (non-leaf) tensor
    computed = next((name for name, t in tensors.items() if t.grad_fn is not None), None)
    root = tensors[computed].grad_fn if computed else None
    warnings_ = [] if records else [Note.of("grad.no_tensors")]
    return _report(records, namespace, root, computed, warnings=warnings_)


def backward_and_inspect(namespace: dict, output_source: str, wrt) -> GradReport:
    """``%grad Y --wrt X``: run ``Y.backward()`` and show the leaves ``wrt``."""
    tensors = resolve_tensors(namespace, wrt)
    cell = parse_cell(f"({output_source}).backward()")
    recorder = BackwardRecorder()
    error = None
    with recorder.watching():
        try:
            compile_cell(cell).run(namespace)
        except Exception as exc:  # the learner's mistake: explained, then raised by the caller
            error = start_at_learner_frame(exc, cell.filename)
    return _finish(namespace, tensors, recorder, output_source, error)


def _finish(namespace, tensors, recorder, output, error) -> GradReport:
    records = {name: leaf_record(name, t) for name, t in tensors.items()}
    last = recorder.last
    root = last.root if last else None
    warnings_ = [_accumulation_note(name, t, recorder) for name, t in tensors.items()
                 if id(t) in recorder.accumulated]
    shape = last.output_shape if last else None
    explanation = explain(error, shape) if error else None
    if not records and error is None:
        warnings_.append(Note.of("grad.no_change"))
    return _report(records, namespace, root, output, warnings=warnings_, explanation=explanation,
                   exception=error)


def _accumulation_note(name: str, tensor: torch.Tensor, recorder: BackwardRecorder) -> Note:
    _, before = recorder.accumulated[id(tensor)]
    after = grad_of(tensor)
    return Note.of("grad.warn.accumulated", name=name, before=_inline(before),
                   after=_inline(after) if after is not None else "None")


def _inline(tensor) -> str:
    return " ".join(preview(tensor).split())


def inspect_cell(source: str, namespace: dict, filename: str | None = None, wrt=(), check: bool = False,
                 max_check: int = DEFAULT_MAX_CHECK) -> CellResult:
    """Run the learner's cell in ``namespace``; report every tensor whose ``.grad`` changed.

    A SyntaxError propagates (Python's own, at the learner's line). Any other exception from the
    learner's code is kept in the report (with its explanation) for the caller to raise.
    """
    cell = parse_cell(source, filename)
    compiled = compile_cell(cell)
    _refuse_unknown_names(cell, namespace, wrt)
    before = {id(t): (t, grad_of(t), _version(t))
              for t in named_tensors(namespace).values()}
    tape = ForwardTape() if check else None
    recorder = BackwardRecorder(keep_values=check, tape=tape)
    error, value = None, None
    with (recorder.watching(), tape.recording() if tape else contextlib.nullcontext(),
          warnings.catch_warnings(record=True) as caught):
        # The learner's filters decide what is caught (and shown): only torch's non-leaf .grad
        # warning is always caught, since the report explains it wherever it was seen before.
        warnings.filterwarnings("always", message=NON_LEAF_GRAD_WARNING.pattern)
        try:
            value = compiled.run(namespace)
        except Exception as exc:  # the learner's mistake: explained, then raised by the caller
            error = start_at_learner_frame(exc, cell.filename)
    non_leaf_read = _replay_warnings(caught)
    if wrt and error is None:
        tensors = resolve_tensors(namespace, wrt)
    elif wrt:  # the learner's exception comes first; names the cell never got to make are left out
        tensors = {name: t for name, t in named_tensors(namespace).items() if name in wrt}
    else:
        tensors = {name: t for name, t in named_tensors(namespace).items()
                   if _grad_changed(t, before) or recorder.is_reached(t)}
    report = _finish(namespace, tensors, recorder, _backward_target(cell), error)
    if non_leaf_read:
        note = Note.of("grad.explain.non_leaf_grad")
        report = (replace(report, explanation=note) if report.explanation is None
                  else replace(report, warnings=report.warnings + [note]))
    if check and error is None:
        checks, notes = numerical_check(tensors, recorder, max_check)
        report = replace(report, checks=checks, warnings=report.warnings + notes)
    return CellResult(report, value)


def _refuse_unknown_names(cell: Cell, namespace: dict, wrt) -> None:
    """A --wrt name neither in the namespace nor bound by the cell is a mistake in the magic's
    line: said before the cell runs, not after."""
    bound = {name for statement in cell.statements for name in statement_names(statement.node).binds}
    unknown = [name for name in wrt if name.split(".")[0] not in namespace and name.split(".")[0] not in bound]
    if unknown:
        raise BadNames("grad.usage.unknown_names", unknown)


def _version(tensor: torch.Tensor):
    grad = grad_of(tensor)
    return None if grad is None else grad._version


def _grad_changed(tensor: torch.Tensor, before: dict) -> bool:
    grad = grad_of(tensor)
    if id(tensor) not in before:
        return grad is not None
    _, old_grad, old_version = before[id(tensor)]
    if grad is None:
        return old_grad is not None
    return grad is not old_grad or grad._version != old_version


def _replay_warnings(caught) -> bool:
    """Show the cell's warnings as usual, except torch's non-leaf ``.grad`` one, which we explain."""
    non_leaf_read = False
    for item in caught:
        if NON_LEAF_GRAD_WARNING.match(str(item.message)):
            non_leaf_read = True
            continue
        warnings.warn_explicit(item.message, item.category, item.filename, item.lineno, source=item.source)
    return non_leaf_read


def _backward_target(cell: Cell) -> str | None:
    """The source of ``y`` in the cell's last top-level ``y.backward(...)``: the graph's label."""
    for statement in reversed(cell.statements):
        node = statement.node
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "backward"):
            return ast.get_source_segment(cell.source, node.value.func.value)
    return None


