"""A model's shapes layer by layer, and what a layer that raised expected.

While a traced cell runs, torch's *global* module hooks (``register_module_forward_pre_hook``) see
every ``nn.Module`` call: nothing inside torch is instrumented and the recorder's hot path is
untouched. The hooks are registered for the run and removed after it, even when forward raises.
A layer that raised is the one whose pre-hook ran and whose forward hook did not.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from ..messages import say
from ..values import format_shape


@dataclass(frozen=True)
class Layer:
    """One submodule's row: where it sits in the model, what came in and went out, how often."""

    name: str
    cls: str
    in_shapes: tuple
    out_shape: tuple | None
    parameters: int
    depth: int
    count: int = 1
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
        size = sum(p.numel() for p in module._parameters.values() if p is not None)
        size += sum(walk(child, f"{name}.{key}" if name else key)
                    for key, child in module._modules.items() if child is not None)
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
    """Collects one row per (model, submodule, input shapes) while the traced cell runs."""

    def __init__(self):
        self.calls: dict = {}
        self._stack: list = []

    def _before(self, module, args):
        root = self._stack[0].module if self._stack else module
        key = (id(root), id(module), _shapes(args))
        call = self.calls.get(key)
        if call is None:
            call = self.calls[key] = _Call(module, root, key[2], len(self._stack))
        else:
            call.count += 1
        self._stack.append(call)

    def _after(self, module, args, output):
        call = self._stack.pop()
        if call.out_shape is None:
            shapes = _shapes((output,))
            call.out_shape = shapes[0] if shapes else None

    @contextlib.contextmanager
    def watching(self):
        """The hooks for the duration of the block; a layer that raised stays marked as failed."""
        import torch.nn.modules.module as module
        before = module.register_module_forward_pre_hook(self._before)
        try:
            after = module.register_module_forward_hook(self._after)
            try:
                yield self
            finally:
                after.remove()
        finally:
            before.remove()
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
            rows.append(Layer(name or type(call.root).__name__, type(call.module).__name__, call.in_shapes,
                              call.out_shape, size, call.depth, call.count, call.failed))
        return tuple(rows)

    def failed_layer(self):
        """The innermost layer that raised, as (name, module, input shapes), or None."""
        failed = [c for c in self.calls.values() if c.failed]
        if not failed:
            return None
        call = max(failed, key=lambda c: c.depth)
        name = _names_and_sizes(call.root).get(id(call.module), ("", 0))[0]
        return name or type(call.module).__name__, call.module, call.in_shapes


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
