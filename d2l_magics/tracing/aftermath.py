"""Explain a shape error after the fact, from its traceback alone (``%shape_explain on``).

Nothing of the learner's runs again. The failing instruction's position (``co_positions``) picks
the failing node out of the cell's AST; its operands are read from the frame's variables, but only
where reading them runs no code of anyone's: names, ``.T``/``.mT``/``.shape`` of arrays, and
subscripts of arrays with literal indices. Anything else (a call's result, say) leaves the
operation unexplained, and the learner gets what torch said, in plain words.
"""
from __future__ import annotations

import ast
import linecache
import re
import sys
from dataclasses import dataclass

from ..cell import dotted
from ..messages import say
from ..report import Report
from .explain import Event
from .failures import failure_event
from .instrument import BINARY_OPERATORS, COMPARISONS, SEQUENCE_FUNCTIONS, Site
from .layers import layer_note
from .record import ARRAY_CLASSES, ARRAY_TYPES, failure_of

# Shape errors, recognised by their type and message: each with the message id that says, in
# plain words, what the library said (the pattern's named groups are its fields).
SHAPE_ERRORS = (  # ((exception types, pattern), message id)
    ((RuntimeError, r"The size of tensor a \((?P<x>\d+)\) must match the size of tensor b \((?P<y>\d+)\) "
                   r"at non-singleton dimension (?P<axis>\d+)"), "trace.plain.broadcast"),
    ((ValueError, r"operands could not be broadcast together with (?:remapped )?shapes (?P<shapes>.*)"),
     "trace.plain.broadcast_shapes"),
    (((RuntimeError, ValueError), r"(?:non-broadcastable )?output (?:operand )?with shape "
                                 r"\[?\(?(?P<shape>[^\])]*)[\])]? doesn't match the "
                                 r"broadcast shape \[?\(?(?P<out>[^\])]*)"), "trace.plain.inplace_grow"),
    ((ValueError, r"could not broadcast input array from shape (?P<shapes>.*)"), "trace.plain.broadcast_shapes"),
    ((RuntimeError, r"mat1 and mat2 shapes cannot be multiplied \((?P<a>\d+)x(?P<n>\d+) and (?P<k>\d+)x(?P<b>\d+)\)"),
     "trace.plain.matmul"),
    ((RuntimeError, r"1D tensors expected|inconsistent tensor size|self must be a matrix|mat2 must be a matrix|"
                   r"vector \+ matrix|both arguments to matmul need to be at least 1D|size mismatch, got input"),
     "trace.plain.matmul_rules"),
    ((ValueError, r"matmul: Input operand \d+ has a mismatch in its core dimension"
                  r"|shapes \(.*\) and \(.*\) not aligned"),
     "trace.plain.matmul_rules"),
    ((RuntimeError, r"shape '\[(?P<target>.*)\]' is invalid for input of size (?P<size>\d+)"), "trace.plain.reshape"),
    ((ValueError, r"cannot reshape array of size (?P<size>\d+) into shape \(?(?P<target>[^)]*)\)?"),
     "trace.plain.reshape"),
    ((RuntimeError, r"view size is not compatible with input tensor's size and stride"), "trace.plain.view"),
    ((RuntimeError, r"Sizes of tensors must match except in dimension (?P<axis>\d+)\. Expected size (?P<expected>\d+)"
                   r" but got size (?P<got>\d+) for tensor number (?P<number>\d+)"), "trace.plain.cat"),
    ((RuntimeError, r"Sizes of tensors must match except in dimension (?P<axis>\d+)"), "trace.plain.cat_axis"),
    ((ValueError, r"all the input array dimensions except for the concatenation axis must match exactly"),
     "trace.plain.cat_any"),
    (((RuntimeError, ValueError), r"Tensors must have same number of dimensions|"
                                 r"all the input arrays must have same number of dimensions"),
     "trace.plain.cat_ndim"),
    (((RuntimeError, ValueError), r"stack expects each tensor to be equal size"
                                 r"|all input arrays must have the same shape"),
     "trace.plain.stack"),
    ((IndexError, r"Dimension out of range \(expected to be in range of \[(?P<low>-?\d+), (?P<high>-?\d+)\], "
                 r"but got (?P<axis>-?\d+)\)"), "trace.plain.axis"),
    (((IndexError, ValueError), r"axis (?P<axis>-?\d+) is out of bounds for array of dimension (?P<ndim>\d+)"),
     "trace.plain.axis_numpy"),
    ((IndexError, r"index (?P<index>-?\d+) is out of bounds for (?:dimension|axis) (?P<axis>\d+)"
                  r" with size (?P<size>\d+)"),
     "trace.plain.index"),
    ((IndexError, r"too many indices for (?:tensor|array)"), "trace.plain.too_many_indices"),
    ((RuntimeError, r"could not infer output dtype\. Input dtype must be either a floating point or complex"),
     "trace.plain.reduce_int"),
    ((RuntimeError, r"Expected \d+D \(unbatched\) or \d+D \(batched\) input|to have \d+ channels, but got|"
                   r"running_mean should contain|Given normalized_shape"), "trace.plain.layer"),
)
_PATTERNS = tuple((kinds, re.compile(pattern), msg_id) for (kinds, pattern), msg_id in SHAPE_ERRORS)


@dataclass(frozen=True)
class ShapeExplanation(Report):
    """What explain mode shows above a shape error's traceback."""

    renderer = "trace"

    line: int
    code: str
    event: Event | None     # the failing operation explained, when its operands could be read
    layer: str              # what the model's failing layer expected, or ""
    plain: str              # what the library said, in plain words
    error_type: str


def plain_words(error: BaseException) -> str | None:
    """The error in plain words when it is a shape error, else None."""
    message = _message(error)
    for kinds, pattern, msg_id in _PATTERNS:
        if isinstance(error, kinds):
            match = pattern.search(message)
            if match:
                return say(msg_id, **match.groupdict())
    return None


def _message(error) -> str:
    try:
        return str(error)
    except Exception:   # an exception whose __str__ raises is not ours to explain
        return ""


def explain_exception(error: BaseException, is_learner_file) -> ShapeExplanation | None:
    """The explanation of ``error`` when it is a shape error raised in a learner's cell, else None.
    ``is_learner_file(filename)`` tells a cell's code from a library's."""
    plain = plain_words(error)
    if plain is None:
        return None
    entries = []
    tb = error.__traceback__
    while tb is not None:
        entries.append(tb)
        tb = tb.tb_next
    learner = next((e for e in reversed(entries) if is_learner_file(e.tb_frame.f_code.co_filename)), None)
    if learner is None:
        return None
    layer = _failing_layer(entries[entries.index(learner):])
    frame = learner.tb_frame
    source = "".join(linecache.getlines(frame.f_code.co_filename))
    event, lineno = _failing_operation(source, frame, learner.tb_lasti, error)
    lineno = lineno or learner.tb_lineno
    lines = source.splitlines()
    code = lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""
    return ShapeExplanation(lineno, code, event, layer, plain, type(error).__name__)


def _failing_layer(entries) -> str:
    """What the innermost ``nn.Module`` whose forward is on the traceback expected, or ""."""
    torch = sys.modules.get("torch")
    if torch is None:
        return ""
    modules = [e.tb_frame.f_locals.get("self") for e in entries if e.tb_frame.f_code.co_name == "forward"]
    modules = [m for m in modules if isinstance(m, torch.nn.Module)]
    if not modules:
        return ""
    root, failing = modules[0], modules[-1]
    name = next((n for n, m in root.named_modules() if m is failing), "") or type(failing).__name__
    forward = next(e for e in reversed(entries) if e.tb_frame.f_code.co_name == "forward"
                   and e.tb_frame.f_locals.get("self") is failing)
    arguments = forward.tb_frame.f_code.co_varnames[1:forward.tb_frame.f_code.co_argcount]
    shapes = tuple(tuple(v.shape) for v in (forward.tb_frame.f_locals.get(a) for a in arguments)
                   if isinstance(v, ARRAY_TYPES))
    return layer_note(name, failing, shapes)


class _Unknown(Exception):
    """An operand that only running code could tell."""


def _failing_operation(source, frame, lasti, error):
    """The failing node's event (None when its operands cannot be read safely), and its line."""
    try:
        positions = list(frame.f_code.co_positions())[lasti // 2]
        tree = ast.parse(source)
    except (SyntaxError, ValueError, IndexError):
        return None, None
    line = positions[0]
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
        if (getattr(node, "lineno", None), getattr(node, "col_offset", None), getattr(node, "end_lineno", None),
                getattr(node, "end_col_offset", None)) == (positions[0], positions[2], positions[1], positions[3]):
            if isinstance(node, (ast.BinOp, ast.Compare, ast.Call, ast.Subscript, ast.AugAssign)):
                try:
                    return _event(node, parents.get(node), source, frame, error), line
                except _Unknown:
                    return None, line
    return None, line


def _event(node, parent, source, frame, error) -> Event:
    def text(n):   # only on failure: get_source_segment's cost is no concern here
        return ast.get_source_segment(source, n) or ""

    def read(n):
        return _safe_value(n, frame)

    base = dict(id=0, line=node.lineno, col=node.col_offset, op=text(node))
    receiver, kwargs = None, {}
    args: tuple
    if isinstance(node, ast.BinOp):
        site = Site(form="binop", name=BINARY_OPERATORS[type(node.op)],
                    labels=(text(node.left), text(node.right)), **base)
        args = (read(node.left), read(node.right))
    elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARISONS:
        right = node.comparators[0]
        site = Site(form="binop", name=COMPARISONS[type(node.ops[0])], labels=(text(node.left), text(right)), **base)
        args = (read(node.left), read(right))
    elif isinstance(node, ast.AugAssign):
        site = Site(form="aug", name=BINARY_OPERATORS[type(node.op)] + "=",
                    labels=(text(node.target), text(node.value)), **base)
        args = (read(node.target), read(node.value))
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and isinstance(parent, ast.Assign):
        site = Site(form="setitem", name="[]=", labels=(text(node.value), text(parent.value)), index=text(node.slice),
                    **{**base, "op": text(parent)})
        args = (read(node.value), read(parent.value))
    elif isinstance(node, ast.Subscript):
        site = Site(form="getitem", name="[]", labels=(text(node.value),), index=text(node.slice), **base)
        args = (read(node.value),)
    elif isinstance(node, ast.Call) and not any(isinstance(a, ast.Starred) for a in node.args):
        func = node.func
        if isinstance(func, ast.Attribute) and not _is_module_path(func.value, frame):
            receiver = read(func.value)
        first = node.args[0] if node.args else None
        short = func.attr if isinstance(func, ast.Attribute) else text(func)
        elements = tuple(text(e) for e in first.elts) if isinstance(first, (ast.Tuple, ast.List)) else ()
        site = Site(form="call", name=text(func),
                    receiver=text(func.value) if isinstance(func, ast.Attribute) else None,
                    labels=tuple(text(a) for a in node.args), elements=elements if short in SEQUENCE_FUNCTIONS else (),
                    **base)
        args = tuple(read(a) for a in node.args)
        kwargs = {k.arg: read(k.value) for k in node.keywords if k.arg is not None}
        if len(kwargs) != len(node.keywords):
            raise _Unknown
    else:
        raise _Unknown
    return failure_event(site, failure_of(site, error, receiver, args, kwargs))


def _is_module_path(node, frame) -> bool:
    """``torch`` or ``torch.linalg`` in ``torch.linalg.norm(...)``: read without running anything."""
    path = dotted(node)
    if path is None:
        return False
    first, *names = path.split(".")
    value = _lookup(first, frame)
    for name in names:
        if type(value).__name__ != "module":
            return False
        value = vars(value).get(name)
    return type(value).__name__ == "module"


_MISSING = object()


def _lookup(name, frame):
    for scope in (frame.f_locals, frame.f_globals, frame.f_builtins):
        value = scope.get(name, _MISSING)
        if value is not _MISSING:
            return value
    raise _Unknown


SAFE_ATTRIBUTES = frozenset({"T", "mT", "H", "mH", "shape"})


def _safe_value(node, frame):
    """The value of ``node`` where reading it runs no learner code, else ``_Unknown``. Exact array
    types only, so that a subclass's own ``__getitem__`` or property never runs."""
    if isinstance(node, ast.Name):
        return _lookup(node.id, frame)
    if isinstance(node, ast.Attribute) and node.attr in SAFE_ATTRIBUTES:
        value = _safe_value(node.value, frame)
        if type(value) not in ARRAY_CLASSES:
            raise _Unknown
        return getattr(value, node.attr)
    if isinstance(node, (ast.Tuple, ast.List)):   # torch.cat((X, Y)): its elements are the operands
        values = [_safe_value(e, frame) for e in node.elts]
        return values if isinstance(node, ast.List) else tuple(values)
    if isinstance(node, ast.Subscript):
        value = _safe_value(node.value, frame)
        if type(value) not in ARRAY_CLASSES:
            raise _Unknown
        return value[_literal_index(node.slice)]
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise _Unknown from None


def _literal_index(node):
    if isinstance(node, ast.Slice):
        return slice(*(None if part is None else _literal_index(part) for part in (node.lower, node.upper, node.step)))
    if isinstance(node, ast.Tuple):
        return tuple(_literal_index(e) for e in node.elts)
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise _Unknown from None
    if value is None or value is Ellipsis or type(value) in (int, bool):
        return value
    raise _Unknown
