"""A model's shapes layer by layer, and what a layer that raised expected.

While a traced cell runs, torch's *global* module hooks (``register_module_forward_pre_hook``) see
every ``nn.Module`` call: nothing inside torch is instrumented and the recorder's hot path is
untouched. The hooks are registered for the run and removed after it, even when forward raises.
A layer that raised is the one whose pre-hook ran and whose forward hook did not.
"""
from __future__ import annotations

import contextlib
from typing import Any, NamedTuple

import torch.nn.modules.module as module_hooks
from torch import Tensor

from ..messages import say
from ..values import format_shape


class Layer(NamedTuple):
    """One submodule's row: where it sits in the model, what came in and went out, how often.
    A named tuple: a traced model call makes one per submodule, and a frozen dataclass costs
    several times more to make than the row is worth."""

    name: str
    cls: str
    in_shapes: tuple
    out_shape: tuple | None
    parameters: int
    depth: int
    calls: int = 1   # how often it ran with these input shapes
    failed: bool = False


def _shapes(values) -> tuple:
    """The shape of every array-like value (tensors, and one level of tuples/lists of them)."""
    shapes = []
    for value in values:
        shape = getattr(value, "shape", None)
        if shape is not None:
            shapes.append(tuple(shape))
        elif isinstance(value, (tuple, list)):
            shapes.extend(_shapes(value))
    return tuple(shapes)


def _names_and_sizes(root) -> dict:
    """id(module) → (its name inside ``root``, its parameter count, children included), in one walk
    (``named_modules`` and ``parameters`` per row cost more than the forward pass of a small MLP)."""
    found: dict[int, tuple[str, int]] = {}

    def walk(module, name):
        if id(module) in found:
            return found[id(module)][1]
        found[id(module)] = (name, 0)
        parameters, children = module._parameters, module._modules   # most layers lack one or both
        size = sum(p.numel() for p in parameters.values() if p is not None) if parameters else 0
        if children:
            size += sum(walk(child, f"{name}.{key}" if name else key)
                        for key, child in children.items() if child is not None)
        found[id(module)] = (name, size)
        return size

    walk(root, "")
    return found


class _Call:
    __slots__ = ("module", "root", "in_shapes", "out_shape", "depth", "count", "failed")

    def __init__(self, module, root, in_shapes, depth):
        self.module, self.root, self.in_shapes, self.depth = module, root, in_shapes, depth
        self.out_shape, self.count, self.failed = None, 1, False


class LayerWatch:
    """Collects one row per (model, submodule, input shapes) while the traced cell runs.

    The hooks run on every module call of the cell, so they are closures over the table and the
    stack, read a lone plain tensor's shape without the general walk, and keep ``torch.Size``
    as it comes: names, parameter counts and plain tuples are made only in ``rows()``."""

    def __init__(self):
        self.calls: dict = {}
        self._stack: list = []

    def _hooks(self):
        calls, stack, walk = self.calls, self._stack, _shapes

        def before(module, args):
            shapes = (args[0].shape,) if len(args) == 1 and type(args[0]) is Tensor else walk(args)
            root = stack[0].module if stack else module
            key = (id(root), id(module), shapes)
            call = calls.get(key)
            if call is None:
                call = calls[key] = _Call(module, root, shapes, len(stack))
            else:
                call.count += 1
            stack.append(call)

        def after(module, args, output):
            call = stack.pop()
            if call.out_shape is None:
                shapes = (output.shape,) if type(output) is Tensor else walk((output,))
                call.out_shape = shapes[0] if shapes else None

        return before, after

    @contextlib.contextmanager
    def watching(self):
        """The hooks for the duration of the block; a layer that raised stays marked as failed."""
        before, after = self._hooks()
        before_handle = module_hooks.register_module_forward_pre_hook(before)
        try:
            after_handle = module_hooks.register_module_forward_hook(after)
            try:
                yield self
            finally:
                after_handle.remove()
        finally:
            before_handle.remove()
            for call in self._stack:
                call.failed = True
            self._stack.clear()

    def rows(self) -> tuple:
        """The table, in call order, for models with at least one submodule (a lone function-like
        module such as ``nn.ReLU()`` called on its own is an operation, not a model)."""
        models = {}
        rows = []
        for call in self.calls.values():
            if id(call.root) not in models:
                models[id(call.root)] = _names_and_sizes(call.root)
            found = models[id(call.root)]
            if len(found) < 2:
                continue
            name, size = found.get(id(call.module), ("", 0))
            out_shape = None if call.out_shape is None else tuple(call.out_shape)
            rows.append(Layer(name or type(call.root).__name__, type(call.module).__name__, _plain(call.in_shapes),
                              out_shape, size, call.depth, call.count, call.failed))
        return tuple(rows)

    def failed_layer(self):
        """The innermost layer that raised, as (name, module, input shapes), or None."""
        failed = [c for c in self.calls.values() if c.failed]
        if not failed:
            return None
        call = max(failed, key=lambda c: c.depth)
        name = _names_and_sizes(call.root).get(id(call.module), ("", 0))[0]
        return name or type(call.module).__name__, call.module, _plain(call.in_shapes)


def _plain(shapes) -> tuple:
    """``torch.Size`` values as the plain tuples a report holds."""
    return tuple(map(tuple, shapes))


# What a layer requires of its input: (the attribute that fixes a size, the axis it must match
# counted from the right for the batched form, the number of axes of the batched form).
LAYER_NEEDS = {
    "Linear": ("in_features", -1, None),
    "Bilinear": ("in1_features", -1, None),
    "Conv1d": ("in_channels", -2, 3), "Conv2d": ("in_channels", -3, 4), "Conv3d": ("in_channels", -4, 5),
    "ConvTranspose1d": ("in_channels", -2, 3), "ConvTranspose2d": ("in_channels", -3, 4),
    "ConvTranspose3d": ("in_channels", -4, 5),
    "BatchNorm1d": ("num_features", None, None), "BatchNorm2d": ("num_features", 1, 4),
    "BatchNorm3d": ("num_features", 1, 5),
    "LayerNorm": ("normalized_shape", None, None),
}


def layer_note(name: str, module, in_shapes) -> str:
    """What the layer expected and what it got: ``Linear(in_features=20)`` received ``(64, 30)``."""
    cls = type(module).__name__
    got = ", ".join(format_shape(s) for s in in_shapes) or "-"
    need = LAYER_NEEDS.get(cls)
    if need is None or not in_shapes:
        return say("trace.layer_failed", name=name, cls=cls, got=got)
    attribute, axis, ndim = need
    size: Any = getattr(module, attribute, None)
    shape = in_shapes[0]
    layer = f"{cls}({attribute}={size})"
    if cls == "LayerNorm":
        size = tuple(size)
        return say("trace.layer_last_axes", name=name, layer=layer, got=got, size=format_shape(size))
    if cls == "BatchNorm1d":
        axis = 1 if len(shape) >= 2 else 0
    if ndim is not None and len(shape) not in (ndim, ndim - 1):
        return say("trace.layer_ndim", name=name, layer=layer, got=got, ndim=ndim, unbatched=ndim - 1)
    if axis is None or len(shape) < abs(axis) or shape[axis] == size:
        return say("trace.layer_failed", name=name, cls=layer, got=got)
    if axis == -1:
        return say("trace.layer_last_axis", name=name, layer=layer, got=got, size=size)
    return say("trace.layer_axis", name=name, layer=layer, got=got, axis=axis % len(shape), size=size)
