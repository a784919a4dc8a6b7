"""The cell's forward computation, recorded once while the cell runs, as a pure program.

A dispatch mode sees every tensor operation (aten op) the cell runs, inside the learner's own
functions, modules and custom ``autograd.Function`` forwards too. It keeps those that lead from a
tensor requiring grad to a result autograd differentiates: what autograd treats as a constant
(``detach()``, ``torch.no_grad()``, an integer result, ``zeros_like``) stays a constant, a value
as the cell had it. At each backward() the operations that led to its output become a
:class:`Program`, which ``check`` evaluates in float64 at perturbed leaves without running any
learner code again: prints, files, Python's and NumPy's random and the learner's functions run once.
"""
from __future__ import annotations

import contextlib
import weakref
from dataclasses import dataclass, field

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten
from torch.utils.weak import WeakIdKeyDictionary

PRUNE_EVERY = 10_000  # operations recorded between two backward() calls before dead ones are dropped
# A result autograd treats as a constant, whatever its inputs: their values do not flow into it.
CONSTANT_OPS = frozenset({"detach", "lift_fresh", "_local_scalar_dense", "size", "stride", "sym_size"})


class Slot(int):
    """A tensor's place in the program (an int kept apart from the int arguments of operations)."""


@dataclass(eq=False)
class Constant:
    """A tensor an operation read that the computation does not depend on the leaves through.

    Held as the object itself (no copy) until something is about to change it in place; then its
    value from before is kept (``frozen``). A change through a view is seen by its version."""

    tensor: torch.Tensor
    version: int
    frozen: torch.Tensor | None = None

    @property
    def value(self) -> torch.Tensor:
        return self.frozen if self.frozen is not None else self.tensor

    @property
    def changed(self) -> bool:
        return self.frozen is None and _version(self.tensor) != self.version


@dataclass(frozen=True)
class Op:
    """One recorded operation: its arguments flattened, each a slot, a Constant or a plain value."""

    func: object
    spec: object  # how ``inputs`` fold back into (args, kwargs)
    inputs: tuple
    outputs: tuple  # a slot per flattened result (None for a non-tensor)
    writes: frozenset  # slots changed in place, a view's base included
    fresh: tuple  # indices of inputs that are Constants the op changes in place: a new copy per run
    rng: tuple | None = None  # (device, generator state) before a random operation ran


@dataclass(frozen=True)
class Program:
    """What one backward() differentiated, as a function of the leaves: sum(output * gradient)."""

    ops: tuple
    sources: dict  # slot -> tensor the cell did not compute here (a leaf, or a tensor from before)
    outputs: tuple  # (slot or None, gradient tensor or None) per output
    value: float  # the function's value as the cell computed it
    dtype: torch.dtype
    custom_function: bool  # a custom autograd.Function ran in the cell


@dataclass(eq=False)
class ForwardTape(TorchDispatchMode):
    """The dispatch mode that records; ``recording()`` enters it for the cell."""

    slots: WeakIdKeyDictionary = field(default_factory=WeakIdKeyDictionary)  # tensor -> slot, while it lives
    sources: dict = field(default_factory=dict)
    ops: list = field(default_factory=list)
    constants: WeakIdKeyDictionary = field(default_factory=WeakIdKeyDictionary)  # tensor -> weakref(Constant)
    views: dict = field(default_factory=dict)  # slot -> the slot it is a view of
    pause_depth: int = 0
    custom_depth: int = 0
    custom_function: bool = False
    since_prune: int = 0
    last_slot: int = 0

    def __post_init__(self):
        super().__init__()

    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        return False  # True would import torch._dynamo (seconds) at the cell's first operation

    @contextlib.contextmanager
    def recording(self):
        """Record while the cell runs; custom Functions' forwards count as differentiated."""
        original = torch.autograd.Function.__dict__["apply"]
        tape = self

        def apply(cls, *args, **kwargs):
            __tracebackhide__ = True
            tape.custom_function = True
            tape.custom_depth += 1
            try:
                return original.__func__(cls, *args, **kwargs)
            finally:
                tape.custom_depth -= 1

        # a classmethod patched for the cell's run and put back after: mypy sees a method reassigned
        torch.autograd.Function.apply = classmethod(apply)  # type: ignore[method-assign, assignment]
        try:
            with self:
                yield self
        finally:
            torch.autograd.Function.apply = original  # type: ignore[method-assign]

    @contextlib.contextmanager
    def paused(self):
        self.pause_depth += 1
        try:
            yield
        finally:
            self.pause_depth -= 1

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        __tracebackhide__ = True  # an error in the learner's operation points at their line
        kwargs = kwargs or {}
        if self.pause_depth:
            return func(*args, **kwargs)
        flat, spec = tree_flatten((args, kwargs))
        written = _written_arguments(func, args, kwargs)
        differentiated = (torch.is_grad_enabled() or self.custom_depth) and not _constant_op(func)
        if not (differentiated and any(self._tracked(x) for x in flat)):
            for tensor in written:
                self._freeze(tensor)
                if tensor in self.slots and self.slots[tensor] not in self.sources:
                    del self.slots[tensor]  # changed outside the computation: a new value from here on
            return func(*args, **kwargs)
        inputs = tuple(self._input(x) for x in flat)
        fresh = tuple(i for i, x in enumerate(flat) if any(x is t for t in written) and isinstance(inputs[i], Constant))
        for tensor in written:
            self._freeze(tensor)
        rng = _rng_state(func, flat)
        out = func(*args, **kwargs)
        results, _ = tree_flatten(out)
        if not any(isinstance(r, torch.Tensor) and (r.is_floating_point() or r.is_complex()) for r in results):
            return out  # an integer or boolean result: a constant to autograd, as to the check
        outputs = tuple(self._output(r) if isinstance(r, torch.Tensor) else None for r in results)
        writes = {self.slots[t] for t in written if t in self.slots}
        writes |= {self.views[s] for s in list(writes) if s in self.views}
        if _is_view(func) and outputs and outputs[0] is not None and isinstance(inputs[0], Slot):
            self.views[outputs[0]] = self.views.get(inputs[0], inputs[0])
        self.ops.append(Op(func, spec, inputs, outputs, frozenset(writes), fresh, rng))
        self.since_prune += 1
        if self.since_prune >= PRUNE_EVERY:
            self._keep_what_lives(set())
        return out

    def _tracked(self, x) -> bool:
        return isinstance(x, torch.Tensor) and (x in self.slots or x.requires_grad)

    def _new_slot(self, tensor: torch.Tensor) -> int:
        self.last_slot += 1
        slot = self.slots[tensor] = Slot(self.last_slot)
        return slot

    def _input(self, x):
        if not isinstance(x, torch.Tensor):
            return x
        if x in self.slots:
            return self.slots[x]
        if x.requires_grad:  # a leaf, or a tensor computed before this cell
            slot = self._new_slot(x)
            self.sources[slot] = x
            return slot
        known = self.constants.get(x)
        constant = known() if known is not None else None
        if constant is None or constant.version != _version(x):
            constant = Constant(x, _version(x))
            self.constants[x] = weakref.ref(constant)
        return constant

    def _output(self, tensor: torch.Tensor) -> int:
        return self.slots[tensor] if tensor in self.slots else self._new_slot(tensor)

    def _freeze(self, tensor: torch.Tensor) -> None:
        """``tensor`` is about to change in place: the constants that read it keep its value now."""
        known = self.constants.pop(tensor, None)
        constant = known() if known is not None else None
        if constant is not None and not constant.changed:
            constant.frozen = tensor.detach().clone()

    def _prune(self, needed: set) -> list:
        """Keep only the operations the tensors in ``needed`` depend on (they are returned too)."""
        kept = []
        for op in reversed(self.ops):
            if needed.intersection(op.outputs) or needed.intersection(op.writes):
                kept.append(op)
                needed.update(x for x in op.inputs if isinstance(x, Slot))
        kept.reverse()
        return kept

    def _keep_what_lives(self, needed: set) -> None:
        """What a later backward() may still need: the operations behind every tensor still alive
        (and ``needed``). A training loop's tape stays one step long; temporaries are let go."""
        self.ops = self._prune(set(self.slots.values()) | needed)
        made = {slot for op in self.ops for slot in op.outputs}
        self.views = {view: base for view, base in self.views.items() if view in made}
        used = {x for op in self.ops for x in op.inputs if isinstance(x, Slot)} | needed
        for slot in [slot for slot in self.sources if slot not in used]:
            self.slots.pop(self.sources.pop(slot), None)  # met again, it becomes a source again
        self.since_prune = 0

    def program(self, outputs, gradients) -> Program | None:
        """The computation one backward() is about to differentiate (None: no output tensors)."""
        outputs = list(outputs)
        if not outputs:
            return None
        with self.paused():
            if gradients is None or isinstance(gradients, torch.Tensor):
                gradients = [gradients] * len(outputs)
            gradients = list(gradients)
            pairs = tuple((self.slots.get(out), None if g is None else g.detach())
                          for out, g in zip(outputs, gradients))
            value = sum(float((out.detach().to(torch.float64) * (1 if g is None else g.to(torch.float64))).sum())
                        for out, g in zip(outputs, gradients))
            reached = {slot for slot, _ in pairs if slot is not None}
            ops = self._prune(set(reached))
            self._keep_what_lives(reached)
            used = {x for op in ops for x in op.inputs if isinstance(x, Slot)} | {s for s, _ in pairs}
            sources = {slot: t for slot, t in self.sources.items() if slot in used}
            return Program(tuple(ops), sources, pairs, value, outputs[0].dtype, self.custom_function)


def _name(func) -> str:
    return func._overloadpacket.__name__


def _constant_op(func) -> bool:
    name = _name(func)
    return name in CONSTANT_OPS or name.endswith("_like") or name.startswith("new_")


def _is_view(func) -> bool:
    returns = func._schema.returns
    return bool(returns) and returns[0].alias_info is not None and not returns[0].alias_info.is_write


def _written_arguments(func, args, kwargs) -> list:
    """The tensors an operation changes in place (``add_``'s self, an ``out=``)."""
    written = []
    for index, argument in enumerate(func._schema.arguments):
        if argument.alias_info is not None and argument.alias_info.is_write:
            value = args[index] if index < len(args) else kwargs.get(argument.name)
            written += [v for v in (value if isinstance(value, (list, tuple)) else [value])
                        if isinstance(v, torch.Tensor)]
    return written


def _rng_state(func, flat) -> tuple | None:
    """The generator state a random operation is about to draw from, to draw the same again."""
    if torch.Tag.nondeterministic_seeded not in func.tags:
        return None
    device = next((x.device for x in flat if isinstance(x, torch.Tensor)), torch.device("cpu"))
    if device.type == "cuda":
        return device, torch.cuda.get_rng_state(device)
    return device, torch.get_rng_state()


def _version(tensor: torch.Tensor) -> int:
    try:
        return tensor._version
    except RuntimeError:  # inference tensors have no version counter: they cannot change in place
        return 0
