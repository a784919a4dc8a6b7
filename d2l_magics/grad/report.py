"""What a %grad report holds: each tensor as autograd left it, the checks, the notes. Pure data."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import torch

from ..messages import Note, use_language
from ..report import Report
from ..values import to_numpy
from .graph import GraphNode


@dataclass(frozen=True)
class Summary:
    """min, max, mean and norm of a tensor's finite elements (None: it has none), worked out
    once per tensor: the text, the HTML and the widget panel all show them."""

    min: float | None
    max: float | None
    mean: float | None
    norm: float | None


def summarise(tensor: torch.Tensor) -> Summary:
    """Integers and booleans as numbers, complex numbers by their magnitude."""
    flat = to_numpy(tensor).reshape(-1)
    if flat.dtype.kind == "c":
        flat = np.abs(flat)
    elif flat.dtype.kind in "biu":
        flat = flat.astype(np.float64)
    finite = flat if np.isfinite(flat).all() else flat[np.isfinite(flat)]
    if finite.size == 0:
        return Summary(None, None, None, None)
    # in the tensor's own precision (fast, and plenty for four digits), unless that overflows
    with np.errstate(over="ignore"):
        mean, norm = float(finite.mean()), float(np.linalg.norm(finite))
    if not (math.isfinite(mean) and math.isfinite(norm)):
        mean = float(finite.mean(dtype=np.float64))
        norm = math.sqrt(float(np.einsum("i,i->", finite, finite, dtype=np.float64)))
    return Summary(float(finite.min()), float(finite.max()), mean, norm)


@dataclass(frozen=True)
class LeafRecord:
    """One tensor as autograd left it: copies of its value and grad, taken after the cell."""

    name: str
    value: torch.Tensor
    grad: torch.Tensor | None
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None
    note: Note | None = None
    """Why there is no grad to show, when there is none."""
    value_summary: Summary | None = None
    grad_summary: Summary | None = None


@dataclass(frozen=True)
class CheckRecord:
    ok: bool
    max_abs_err: float
    n_checked: int
    n_total: int
    custom_function: bool = False  # a custom autograd.Function ran: a mismatch is most likely its backward()
    time_limited: bool = False  # fewer than --max-check coordinates: the check's time ran out


@dataclass(frozen=True)
class GradReport(Report):
    """What ``%grad`` shows: each leaf's value and grad, the numerical checks, the graph, and what
    went wrong in plain words."""

    leaves: dict[str, LeafRecord] = field(default_factory=dict)
    checks: dict[str, CheckRecord] = field(default_factory=dict)
    explanation: Note | None = None
    warnings: list[Note] = field(default_factory=list)
    graph: list[GraphNode] = field(default_factory=list)
    output: str | None = None  # source text of the tensor the graph starts from
    exception: BaseException | None = None
    graph_truncated: bool = False  # the graph goes on beyond GRAPH_NODE_LIMIT nodes

    renderer = "grad"

    def _repr_mimebundle_(self, include=None, exclude=None):
        """Text and HTML always; the widget panel too where a kernel's front end can show widgets."""
        from ..render.widgets import widget_view
        with use_language(self.language):
            return {**widget_view(self), **super()._repr_mimebundle_(include, exclude)}


@dataclass(frozen=True)
class CellResult:
    report: GradReport
    value: object  # the cell's final expression, as IPython would show it


# -- reading tensors out of a namespace ---------------------------------------------------------

def named_tensors(namespace: dict) -> dict[str, torch.Tensor]:
    """Tensors bound to public names, and the parameters of modules (``net.weight``)."""
    found = {}
    for name, value in list(namespace.items()):
        if name.startswith("_"):
            continue
        if isinstance(value, torch.Tensor):
            found[name] = value
        elif isinstance(value, torch.nn.Module):
            for pname, param in value.named_parameters():
                found[f"{name}.{pname}"] = param
    return found


def grad_of(tensor: torch.Tensor) -> torch.Tensor | None:
    """``tensor.grad`` without the warning torch gives for reading a non-leaf's grad."""
    if tensor.is_leaf or tensor.retains_grad:
        return tensor.grad
    return None


def snapshot(tensor: torch.Tensor) -> torch.Tensor:
    """A copy, outside the graph, that no later change to the learner's tensor reaches."""
    return tensor.detach().clone()


def leaf_record(name: str, tensor: torch.Tensor) -> LeafRecord:
    grad = grad_of(tensor)
    grad_fn = type(tensor.grad_fn).__name__ if tensor.grad_fn is not None else None
    note = None
    if grad is None:
        if not tensor.is_leaf and not tensor.retains_grad:
            note = Note.of("grad.leaf.non_leaf", name=name, grad_fn=grad_fn)
        elif not tensor.requires_grad:
            note = Note.of("grad.leaf.no_requires_grad", name=name)
        else:
            note = Note.of("grad.leaf.no_grad_yet", name=name)
    value, grad_copy = snapshot(tensor), None if grad is None else snapshot(grad)
    return LeafRecord(name, value, grad_copy, tensor.requires_grad, tensor.is_leaf, grad_fn, note,
                      summarise(value), None if grad_copy is None else summarise(grad_copy))


class BadNames(Exception):
    """Names the learner gave that are unknown or not tensors; ``msg_id`` says which."""

    def __init__(self, msg_id: str, names: list[str]):
        super().__init__(msg_id, names)
        self.msg_id = msg_id
        self.names = ", ".join(names)


def resolve_tensors(namespace: dict, names) -> dict[str, torch.Tensor]:
    tensors = named_tensors(namespace)
    if not names:
        return tensors
    unknown = [n for n in names if n not in namespace and n not in tensors]
    if unknown:
        raise BadNames("grad.usage.unknown_names", unknown)
    not_tensors = [n for n in names if n not in tensors]
    if not_tensors:
        raise BadNames("grad.usage.not_tensors", not_tensors)
    return {n: tensors[n] for n in names}

