"""Plain-language explanations of common autograd mistakes: one (pattern → message id) table,
asked by %%grad and by the exercises alike."""
from __future__ import annotations

import difflib
import linecache
import os
import re

import torch

from ..cell import exception_text
from ..messages import Note, say
from ..values import format_shape

# torch's, on reading a non-leaf's .grad
NON_LEAF_GRAD_WARNING = re.compile(r".*is not a leaf Tensor is being accessed")
# Names a learner types around autograd; a misspelling is matched against these.
KNOWN_NAMES = ("requires_grad", "requires_grad_", "retain_graph", "create_graph", "gradient", "inputs",
               "keepdim", "dtype", "device", "retain_grad", "backward", "detach", "grad", "zero_",
               "is_leaf", "grad_fn", "no_grad", "grad_tensors")

# (what torch's message says, the explanation), first match wins. Misspelt keywords come after.
EXPLANATIONS = (
    (re.compile(r"grad can be implicitly created only for scalar outputs"), "grad.explain.nonscalar_backward"),
    (re.compile(r"backward through the graph a second time"), "grad.explain.second_backward"),
    (re.compile(r"numpy\(\) on Tensor that requires grad"), "grad.explain.numpy_requires_grad"),
    (re.compile(r"'NoneType' object has no attribute '(zero_|data|numpy|item)'"), "grad.explain.grad_is_none"),
)


def explain(error: BaseException, output_shape=None) -> Note | None:
    """A plain-language explanation (with the fix) of a common autograd mistake, or None.

    ``output_shape`` (the shape backward() was called on) is named when the caller knows it.
    """
    message = exception_text(error)
    for pattern, msg_id in EXPLANATIONS:
        if pattern.search(message):
            if msg_id == "grad.explain.nonscalar_backward":
                return Note.of(msg_id, output_shape=_output_shape_clause(output_shape))
            if msg_id == "grad.explain.second_backward":
                receiver, arguments = _learners_call(error, "backward") or ("y", "")
                root = re.split(r"\W", receiver, maxsplit=1)[0]   # ``y`` of ``y.sum()``: what to compute again
                return Note.of(msg_id, name=root, call=_retained(receiver, arguments))
            if msg_id == "grad.explain.numpy_requires_grad":
                found = _learners_call(error, "numpy", lambda value: getattr(value, "requires_grad", False) is True)
                return Note.of(msg_id, name=(found or ("t", ""))[0])
            return Note.of(msg_id)
    if isinstance(error, (TypeError, AttributeError)):
        return _keyword_note(message)
    return None


# torch's code and this package's: the learner's call is in neither
_LIBRARY_FOLDERS = (os.path.dirname(str(torch.__file__)), os.path.dirname(os.path.dirname(__file__)))


def _learners_call(error: BaseException, method: str, prefer=None) -> tuple[str, str] | None:
    """(receiver, arguments) of a ``receiver.method(arguments)`` call on the innermost line of
    the learner's code in ``error``'s traceback that has one (``z``, ``torch.ones_like(z)``;
    ``y.sum()``, ``""``). With several on the line, the first whose receiver is a name for which
    ``prefer(value)`` holds in that frame; nothing is evaluated."""
    call = re.compile(rf"([A-Za-z_]\w*(?:\.\w+|\[[^\]]*\]|\((?:[^()]|\([^()]*\))*\))*)"
                      rf"\.{method}\(((?:[^()]|\([^()]*\))*)\)")
    tb, entries = error.__traceback__, []
    while tb is not None:
        entries.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    for frame, lineno in reversed(entries):
        if frame.f_code.co_filename.startswith(_LIBRARY_FOLDERS):
            continue
        line = linecache.getline(frame.f_code.co_filename, lineno)
        found = [(match.group(1), match.group(2).strip()) for match in call.finditer(line)]
        if found:
            scope = {**frame.f_globals, **frame.f_locals}
            chosen = [pair for pair in found if prefer and pair[0].isidentifier() and prefer(scope.get(pair[0]))]
            return (chosen or found)[0]
    return None


def _retained(receiver: str, arguments: str) -> str:
    """The call with ``retain_graph=True``, in place of any ``retain_graph`` it had."""
    kept = re.sub(r"(^|,)\s*retain_graph\s*=\s*[^,]*", "", arguments).strip(" ,")
    return f"{receiver}.backward({kept}{', ' * bool(kept)}retain_graph=True)"


def _keyword_note(message: str) -> Note | None:
    keywords = _unknown_keywords(message)
    for wrong in keywords + re.findall(r"has no attribute '(\w+)'", message):
        right = _closest_name(wrong)
        if right:
            return Note.of("grad.explain.misspelt_keyword", wrong=wrong, right=right)
    if keywords:
        return Note.of("grad.explain.unknown_keyword", wrong=keywords[0])
    return None


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


def _output_shape_clause(shape) -> str:
    return say("grad.explain.output_shape", shape=format_shape(shape)) if shape is not None else ""
