"""Gradient inspection: what autograd left on each leaf, the graph it walked, a numerical check,
and plain-language explanations of autograd errors.

The cell runs once, in the learner's namespace, exactly as without the magic. While it runs,
``torch.autograd.backward`` is wrapped so each backward() call is seen as it happens: its output,
the leaves it reaches, and their ``.grad`` just before (an accumulation is a non-zero ``.grad``
at that moment). The numerical check re-runs only the cell's forward statements, on float64 copies
in a scratch namespace, so nothing the learner owns is touched twice. Pure Python over torch.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import difflib
import io
import re
import types
import warnings
import weakref
from dataclasses import dataclass, field, replace

import numpy as np
import torch

from .cell import (Cell, StatementCompiler, compile_cell, exception_text, names_read_first, parse_cell, patched,
                   start_at_learner_frame, statement_names)
from .messages import Note, get_language, say, use_language
from .values import preview, shape_of

DEFAULT_MAX_CHECK = 1000
GRAPH_NODE_LIMIT = 60  # chapter 2's graphs have a handful of nodes; a loop's can have thousands
FD_STEP = 1e-6
# (atol, rtol) by the dtype of the learner's grad; float64 values are torch.autograd.gradcheck's.
CHECK_TOLERANCES = {torch.float64: (1e-5, 1e-3), torch.float32: (1e-4, 1e-3)}
LOW_PRECISION_TOLERANCE = (1e-2, 1e-2)
NON_LEAF_GRAD_WARNING = re.compile(r".*is not a leaf Tensor is being accessed")  # torch's, on reading a non-leaf's .grad
# Names a learner types around autograd; a misspelling is matched against these.
KNOWN_NAMES = ("requires_grad", "requires_grad_", "retain_graph", "create_graph", "gradient", "inputs",
               "keepdim", "dtype", "device", "retain_grad", "backward", "detach", "grad", "zero_",
               "is_leaf", "grad_fn", "no_grad", "grad_tensors")


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


@dataclass(frozen=True)
class CheckRecord:
    ok: bool
    max_abs_err: float
    n_checked: int
    n_total: int


@dataclass(frozen=True)
class GraphNode:
    id: int
    label: str  # the grad_fn's class name: "MulBackward0", "AccumulateGrad"
    children: tuple[int, ...]
    leaf: str | None = None  # the learner's name for the leaf an AccumulateGrad node writes to


@dataclass(frozen=True)
class GradReport:
    leaves: dict[str, LeafRecord] = field(default_factory=dict)
    checks: dict[str, CheckRecord] = field(default_factory=dict)
    explanation: Note | None = None
    warnings: list[Note] = field(default_factory=list)
    graph: list[GraphNode] = field(default_factory=list)
    output: str | None = None  # source text of the tensor the graph starts from
    exception: BaseException | None = None
    graph_truncated: bool = False  # the graph goes on beyond GRAPH_NODE_LIMIT nodes
    language: str = field(default_factory=get_language)
    """The language the report was made in: a returned report is drawn later, outside ``--lang``."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        """Text and HTML always; the widget panel too where a kernel's front end can show widgets."""
        from .render.grad import to_html, to_text
        from .render.widgets import widget_view
        with use_language(self.language):
            return {**widget_view(self), "text/plain": to_text(self), "text/html": to_html(self)}


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


def _snapshot(tensor: torch.Tensor) -> torch.Tensor:
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
    return LeafRecord(name, _snapshot(tensor), None if grad is None else _snapshot(grad),
                      tensor.requires_grad, tensor.is_leaf, grad_fn, note)


# -- the graph ----------------------------------------------------------------------------------

def _walk(root, limit: int = GRAPH_NODE_LIMIT):
    """Breadth-first over ``next_functions``: (functions, children index lists, cut short?)."""
    functions, children, index = [root], [[]], {id(root): 0}
    cut, position = False, 0
    while position < len(functions):
        fn = functions[position]
        for child, _ in getattr(fn, "next_functions", ()):
            if child is None:
                continue
            if id(child) not in index:
                if len(functions) >= limit:
                    cut = True
                    continue
                index[id(child)] = len(functions)
                functions.append(child)
                children.append([])
            if index[id(child)] not in children[position]:
                children[position].append(index[id(child)])
        position += 1
    return functions, children, cut


def graph_nodes(root, names_by_id: dict[int, str]) -> tuple[list[GraphNode], bool]:
    """The graph from ``root`` (a grad_fn) to the leaves, leaves named by the learner's names."""
    if root is None:
        return [], False
    functions, children, cut = _walk(root)
    nodes = []
    for i, fn in enumerate(functions):
        variable = getattr(fn, "variable", None)
        leaf = names_by_id.get(id(variable)) if variable is not None else None
        nodes.append(GraphNode(i, type(fn).__name__, tuple(children[i]), leaf))
    return nodes, cut


def _leaves_reached(root) -> list[torch.Tensor]:
    if root is None:
        return []
    functions, _, _ = _walk(root, limit=10_000)
    return [fn.variable for fn in functions if isinstance(getattr(fn, "variable", None), torch.Tensor)]


# -- watching backward() while the learner's code runs -----------------------------------------

@dataclass
class BackwardCall:
    """One backward() as it began: its output and each reached leaf's value and grad then.

    The value is copied only for the numerical check; a grad only when it is non-zero (an
    accumulation to warn about, or a contribution to subtract): a zeroed grad adds nothing."""

    root: object  # the output's grad_fn
    output_shape: tuple[int, ...]
    before: dict[int, tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None]]  # id -> (leaf, value, grad)


@dataclass
class BackwardRecorder:
    """What the cell's backward() calls did. Only the last call's copies are kept: a training loop
    of many steps must not hold a copy of every step's leaves."""

    keep_values: bool = False  # the numerical check starts from the leaves' values at the last call
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
            call = watcher[0]._record(tensors)
            result = original(tensors, *args, **kwargs)
            watcher[0]._note_accumulation(call)
            return result

        try:
            with patched(torch.autograd, "backward", backward):
                yield self
        finally:
            watcher.clear()

    def is_reached(self, tensor: torch.Tensor) -> bool:
        """Whether a backward() reached ``tensor`` (by identity: a dead leaf's id can be reused)."""
        return self.reached.get(id(tensor)) is tensor

    def _record(self, tensors) -> BackwardCall:
        outputs = [tensors] if isinstance(tensors, torch.Tensor) else list(tensors)
        root = outputs[0].grad_fn if outputs else None
        shape = shape_of(outputs[0]) if outputs else None
        self.last = None  # the previous call's copies go before this call's are made
        before = {}
        for leaf in _leaves_reached(root):
            grad = leaf.grad
            kept_grad = _snapshot(grad) if grad is not None and bool(grad.any()) else None
            before[id(leaf)] = (leaf, _snapshot(leaf) if self.keep_values else None, kept_grad)
            self.reached[id(leaf)] = leaf
        self.last = BackwardCall(root, shape, before)
        return self.last

    def _note_accumulation(self, call: BackwardCall) -> None:
        """A backward() that succeeded onto a non-zero ``.grad`` added to it: remember the old one."""
        for key, (leaf, _, grad) in call.before.items():
            if grad is not None and key not in self.accumulated:
                self.accumulated[key] = (leaf, grad)


# -- explanations --------------------------------------------------------------------------------

def _closest_name(wrong: str) -> str | None:
    matches = difflib.get_close_matches(wrong, KNOWN_NAMES, n=1, cutoff=0.75)
    return matches[0] if matches and matches[0] != wrong else None


def _unknown_keywords(message: str) -> list[str]:
    """Keyword names an error message says a function does not take."""
    found = re.findall(r"unexpected keyword argument '(\w+)'", message)
    got = re.search(r"got \(([^)]*)\)", message)
    if got:  # torch's "invalid combination of arguments - got (float, requirs_grad=bool)"
        expected = message[got.end():]
        found += [k for k in re.findall(r"(\w+)=", got.group(1)) if not re.search(rf"\b{k}\b", expected)]
    return found


def explain(error: BaseException, output_shape=None) -> Note | None:
    """A plain-language explanation (with the fix) of a common autograd mistake, or None.

    The one place these mistakes are explained: %%grad and the exercises both ask here.
    ``output_shape`` (the shape backward() was called on) is named when the caller knows it.
    """
    message = exception_text(error)
    if "grad can be implicitly created only for scalar outputs" in message:
        return Note.of("grad.explain.nonscalar_backward", output_shape=_output_shape_clause(output_shape))
    if "backward through the graph a second time" in message:
        return Note.of("grad.explain.second_backward")
    if "numpy() on Tensor that requires grad" in message:
        return Note.of("grad.explain.numpy_requires_grad")
    if re.search(r"'NoneType' object has no attribute '(zero_|data|numpy|item)'", message):
        return Note.of("grad.explain.grad_is_none")
    if isinstance(error, (TypeError, AttributeError)):
        keywords = _unknown_keywords(message)
        for wrong in keywords + re.findall(r"has no attribute '(\w+)'", message):
            right = _closest_name(wrong)
            if right:
                return Note.of("grad.explain.misspelt_keyword", wrong=wrong, right=right)
        if keywords:
            return Note.of("grad.explain.unknown_keyword", wrong=keywords[0])
    return None


def _output_shape_clause(shape) -> str:
    from .render.common import format_shape
    return say("grad.explain.output_shape", shape=format_shape(shape)) if shape is not None else ""


# -- building reports ----------------------------------------------------------------------------

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
    before = {id(t): (t, grad_of(t), _version(t))
              for t in named_tensors(namespace).values()}
    scratch = ScratchInputs.capture(cell, namespace) if check else None
    recorder = BackwardRecorder(keep_values=check)
    error, value, caught = None, None, []
    with recorder.watching(), warnings.catch_warnings(record=True) as caught:
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
        checks, notes = numerical_check(cell, scratch, tensors, recorder, max_check)
        report = replace(report, checks=checks, warnings=report.warnings + notes)
    return CellResult(report, value)


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


def _backward_statement(cell: Cell):
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


def _backward_target(cell: Cell) -> str | None:
    found = _backward_statement(cell)
    return ast.get_source_segment(cell.source, found[1]) if found else None


# -- the numerical check ------------------------------------------------------------------------

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
        found = _backward_statement(cell)
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
    found = _backward_statement(cell)
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
        return {}, notes + [Note.of("grad.check.failed", error=f"{type(exc).__name__}: {exception_text(exc)}")]
    return checks, notes


class _LeafWritten(Exception):
    """The forward statements changed a leaf in place: perturbing it would not mean anything."""


@dataclass(frozen=True)
class _ForwardProgram:
    statements: list
    output: object


def _forward_program(cell: Cell, index: int, target: ast.expr, gradient) -> _ForwardProgram:
    pin = _PinDetached()
    statements, compile_forward = [], StatementCompiler(cell.filename)
    for statement in _forward_statements(cell, index):
        node = pin.visit(copy.deepcopy(statement))
        statements.append(compile_forward(ast.fix_missing_locations(node)))
    output = copy.deepcopy(target)
    if gradient is not None:  # y.backward(g) differentiates (y * g).sum()
        output = ast.Call(ast.Attribute(ast.BinOp(output, ast.Mult(), copy.deepcopy(gradient)), "sum", ast.Load()),
                          [], [])
    output = pin.visit(ast.copy_location(output, target))
    compiled = compile_forward(ast.fix_missing_locations(ast.copy_location(ast.Expr(output), target)), evaluate=True)
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
