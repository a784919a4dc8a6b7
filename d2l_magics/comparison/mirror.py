"""The other library's side of a whole session: one mirror array per piece of learner memory.

A learner's tensors share memory (views, ``B = A``, ``.numpy()``, ``torch.from_numpy``), so the
translated side keeps one NumPy array per torch storage (or per NumPy buffer, for ``--from
numpy``) and makes every mirror value a view of it: an in-place change through one name shows
through every other, as in the learner's session, within a cell and across cells.

torch's own bookkeeping says what changed: a storage's address and size tell which values share
memory, and each tensor's version counter (``t._version``) tells whether it was changed by code
the mirror did not see (a plain cell, a statement that ran on the learner's side only). Such a
block is taken over: copied from the learner's memory, and every mirror name tied to it is made
a view of the copy again. NumPy memory has no version counter; a checksum stands in for it.

The mirror of a namespace lives as long as the learner's objects it mirrors: a block goes when
the last learner tensor or array on that memory goes (``del``, ``%reset``), a tied name when the
learner's name no longer holds the same object.
"""
from __future__ import annotations

import bisect
import copy
import types
import weakref
import zlib
from typing import TYPE_CHECKING

import numpy as np
import torch

from ..values import is_tensor, to_numpy
from .memory import (
    Layout,
    array_memory,
    c_strides,
    learner_bytes_of,
    plain_strided,
    tensor_memory,
)

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_MIRRORS = 16  # namespaces remembered (the Python API may be called with many throwaway dicts)
_MIRRORS: dict[int, Mirror] = {}

UNCOPIED = object()  # a value the other side cannot have (Mirror.refusals names them)
LEARNER_CODE = object()  # the learner's own code: running it on the other side would run it twice
# Modules, functions and classes: the translation shares them as they are; they are not data.
CODE = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)
_BOUND = (types.MethodType, types.BuiltinMethodType, types.MethodWrapperType)
_IMMUTABLE = (int, float, complex, str, bytes, bool, type(None), np.generic, torch.dtype, torch.Size)


class Block:
    """One piece of learner memory ``[low, high)`` and the mirror array that stands for it.

    ``flat`` is 1-D; learner byte ``origin + k * unit`` is ``flat[k]``. An exact copy of the
    bytes (``unit == 1``, ``dtype`` None) serves a view of any dtype; a translation's own result
    (NumPy's float64 where torch has float32) serves views of the learner's ``dtype`` only."""

    def __init__(self, low, high, flat, origin, unit, dtype, owners, checksum):
        self.low, self.high = low, high
        self.flat, self.origin, self.unit, self.dtype = flat, origin, unit, dtype
        self.owners = owners  # weak references to the learner objects that keep the memory alive
        self.versions: dict[int, tuple] = {}  # id(tensor) -> (weak reference, version seen)
        self.names: set[str] = set()  # mirror names that are views of this block
        self.checksum = checksum  # for NumPy-owned or NumPy-aliased memory; None otherwise

    def alive(self) -> bool:
        return any(owner() is not None for owner in self.owners)

    def view(self, layout: Layout):
        """The mirror array for ``layout``, sharing ``flat``'s memory; None where it cannot."""
        offset = layout.address - self.origin
        low, high = layout.extent()
        if offset + low < 0 or offset + high > self.flat.size * self.unit:
            return None
        if any(n == 0 for n in layout.shape):
            return np.empty(layout.shape, self.flat.dtype if self.dtype is not None else layout.dtype)
        if self.dtype is None:
            start = self.flat[offset:offset + layout.dtype.itemsize].view(layout.dtype)
            strides = layout.strides
        else:
            if layout.dtype != self.dtype or offset % self.unit or any(s % self.unit for s in layout.strides):
                return None
            start = self.flat[offset // self.unit:offset // self.unit + 1]
            strides = tuple(s // self.unit * self.flat.itemsize for s in layout.strides)
        return np.lib.stride_tricks.as_strided(start, layout.shape, strides)

    def remember(self, tensor: torch.Tensor) -> None:
        self.versions[id(tensor)] = (weakref.ref(tensor), tensor._version)

    def changed_elsewhere(self, learner_bytes) -> bool:
        """Did learner code the mirror did not see change this memory?"""
        for ref, version in list(self.versions.values()):
            tensor = ref()
            if tensor is not None and tensor._version != version:
                return True
        return self.checksum is not None and zlib.crc32(learner_bytes(self)) != self.checksum


class Mirror:
    """The translated side's namespace for one learner namespace, kept across cells."""

    def __init__(self, target_lib: str):
        self.target_lib = target_lib
        self.ns: dict = {}  # the translated side's names
        self.ties: dict[str, Callable[[], object]] = {}  # name -> the learner object its mirror value stands for
        self.blocks: dict[int, Block] = {}
        self.starts: list[int] = []  # sorted block addresses
        self.name_block: dict[str, int] = {}  # mirror name -> the block it is a view of
        self.refusals: set[str] = set()  # names the other side cannot have (a string array in torch)
        self.learner_code: set[str] = set()
        # names whose two sides may differ by rounding: made by a statement that adds numbers up,
        # or from such a name (see verdict.ADDS_UP); a copy of the learner's value is exact again
        self.rounded: set[str] = set()

    def sharing(self, names) -> set[str]:
        """``names`` and every mirror name that is a view of the same memory as one of them."""
        shared = set(names)
        for name in names:
            block = self.blocks.get(self.name_block.get(name, -1))
            if block is not None:
                shared |= block.names
        return shared

    # -- finding and making blocks ------------------------------------------------------------

    def _block_at(self, low: int, high: int) -> Block | None:
        index = bisect.bisect_right(self.starts, low) - 1
        if index < 0:
            return None
        block = self.blocks[self.starts[index]]
        if block.high >= high and block.alive():
            return block
        return None

    def _add(self, block: Block) -> Block:
        old = self.blocks.get(block.low)
        if old is None:
            bisect.insort(self.starts, block.low)
        else:
            block.names |= {name for name in old.names if name in self.ties}
        self.blocks[block.low] = block
        return block

    def _image(self, low, high, owner, learner) -> Block:
        """A block holding a copy of the learner's bytes ``[low, high)``."""
        data = learner_bytes_of(low, high, learner)
        image = np.array(data, dtype=np.uint8, copy=True)
        checksum = None if is_tensor(owner) else zlib.crc32(image)  # type: ignore[arg-type]  # an ndarray is a buffer
        return Block(low, high, image, low, 1, None, [weakref.ref(owner)], checksum)

    def memory_of(self, value):
        """(low, high, layout, owner) of a learner tensor or array whose memory a block can hold."""
        if is_tensor(value):
            found = tensor_memory(value)
            if found is None:
                return None
            low, size, layout = found
            return low, low + size, layout, value
        if isinstance(value, np.ndarray):
            found = array_memory(value)
            if found is None:
                return None
            low, size, layout, owner = found
            return low, low + size, layout, owner
        return None

    def block_for(self, value, create: bool = True) -> tuple[Block | None, Layout | None]:
        found = self.memory_of(value)
        if found is None:
            return None, None
        low, high, layout, owner = found
        block = self._block_at(low, high)
        if block is None and create:
            block = self._add(self._image(low, high, owner, value))
        if block is not None:
            if is_tensor(value):
                block.remember(value)
            elif is_tensor(owner):
                block.remember(owner)
                if block.checksum is None:  # a learner ndarray on a torch storage: no version counter
                    block.checksum = zlib.crc32(learner_bytes_of(block.low, block.high, owner))
            if not any(ref() is owner for ref in block.owners):
                block.owners.append(weakref.ref(owner))
        return block, layout

    # -- the mirror value of a learner value ------------------------------------------------------

    def convert(self, value, namespace: dict, made: dict | None = None):
        """The mirror value of a learner value: a view of its block for arrays, a copy otherwise;
        UNCOPIED or LEARNER_CODE where there is none. ``made`` keeps one copy per object."""
        made = {} if made is None else made
        key = id(value)
        if key not in made:
            made[key] = self._convert(value, namespace, made)
        return made[key]

    def _convert(self, value, namespace, made):
        if is_tensor(value) or isinstance(value, np.ndarray):
            return self._convert_array(value, namespace)
        if type(value) in (list, tuple, dict):
            items = dict(value) if type(value) is dict else dict(enumerate(value))
            copies = {key: self.convert(item, namespace, made) for key, item in items.items()}
            for sentinel in (LEARNER_CODE, UNCOPIED):
                if any(item is sentinel for item in copies.values()):
                    return sentinel
            return copies if type(value) is dict else type(value)(copies.values())
        if isinstance(value, types.ModuleType):
            return value
        if isinstance(value, types.FunctionType) and value.__globals__ is namespace:
            return self._twin(value, namespace)
        if runs_learner_code(value, namespace):
            return LEARNER_CODE
        if isinstance(value, CODE) or isinstance(value, _IMMUTABLE):
            return value
        try:
            return copy.deepcopy(value)
        except Exception:
            return UNCOPIED

    def _twin(self, function, namespace):
        """The learner's function made again from its source on this side, or LEARNER_CODE."""
        from .once import import_prefix, make_twin

        source_lib = "torch" if self.target_lib == "numpy" else "numpy"
        prefix = import_prefix(function.__code__.co_names, namespace, source_lib)
        twin = make_twin(function, self.ns, self.target_lib, prefix)
        return LEARNER_CODE if twin is None else twin

    def _convert_array(self, value, namespace):
        if isinstance(value, np.ndarray) and (value.dtype.hasobject or value.dtype.fields is not None
                                               or value.dtype.kind in "MmUSV"):
            return value.copy() if self.target_lib == "numpy" else UNCOPIED
        block, layout = self.block_for(value)
        # a block is found only for a value with a layout: ``layout is not None`` holds with it
        array = block.view(layout) if block is not None and layout is not None else None
        # another dtype or range
        if array is None and block is not None and layout is not None and block.dtype is not None:
            block = self._rebuild(block, _owner(block), namespace)
            array = block.view(layout)
        if array is None:  # sparse, quantized, bfloat16, ...: a copy of its own
            try:
                array = to_numpy(value).copy() if is_tensor(value) else value.copy()
            except Exception:
                return UNCOPIED
        return self.outward(array, value)

    def outward(self, array: np.ndarray, learner):
        """``array`` in the target library's terms, sharing memory where the library can."""
        if self.target_lib == "numpy":
            return array
        if any(s < 0 for s in array.strides):  # torch has no negative strides: a copy
            tensor = torch.tensor(array.copy())
        else:
            try:
                tensor = torch.from_numpy(array)
            except TypeError:
                return UNCOPIED
        if is_tensor(learner) and learner.requires_grad and tensor.is_floating_point():
            tensor.requires_grad_()
        return tensor

    # -- names ------------------------------------------------------------------------------------

    def tied(self, name: str, namespace: dict) -> bool:
        """Does the mirror's ``name`` still stand for the learner's current value?"""
        if name not in self.ties or name not in namespace:
            return False
        return self.ties[name]() is namespace[name]

    def take(self, names, namespace: dict) -> None:
        """Give the mirror the learner's current values of ``names`` (one copy per object)."""
        made: dict = {}
        for name in names:
            self.refusals.discard(name)
            self.learner_code.discard(name)
            self.rounded.discard(name)
            if name not in namespace:
                self._drop(name)
                continue
            value = namespace[name]
            mirrored = self.convert(value, namespace, made)
            if mirrored is UNCOPIED or mirrored is LEARNER_CODE:
                (self.learner_code if mirrored is LEARNER_CODE else self.refusals).add(name)
                self.ns.pop(name, None)
            else:
                self.ns[name] = mirrored
            self.tie(name, value)

    def tie(self, name: str, value) -> None:
        """Record that the mirror's ``name`` stands for the learner's ``value``."""
        self._untie_block(name)
        self.ties[name] = _reference(value)
        if is_tensor(value) or isinstance(value, np.ndarray):
            block, _ = self.block_for(value, create=False)
            if block is not None:
                block.names.add(name)
                self.name_block[name] = block.low

    def pair(self, name: str, learner, mirrored) -> None:
        """After a translated statement bound ``name``: if the learner's value has memory of its
        own that no block holds yet, the mirror's result becomes that memory's block."""
        if isinstance(mirrored, torch.Tensor):
            mirrored = mirrored.detach().numpy() if plain_strided(mirrored) and mirrored.device.type == "cpu" else None
        found = self.memory_of(learner)
        if found is not None and isinstance(mirrored, np.ndarray) and self._block_at(found[0], found[1]) is None:
            low, high, layout, owner = found
            dense = layout.strides == c_strides(layout.shape, layout.dtype.itemsize)
            if (dense and mirrored.shape == layout.shape and mirrored.flags.c_contiguous
                    and mirrored.dtype.kind == layout.dtype.kind and not mirrored.dtype.hasobject):
                checksum = None if is_tensor(owner) else zlib.crc32(learner_bytes_of(low, high, learner))
                block = Block(low, high, mirrored.reshape(-1), layout.address, layout.dtype.itemsize,
                              layout.dtype, [weakref.ref(owner)], checksum)
                self._add(block)
        self.block_for(learner, create=False)
        self.tie(name, learner)

    def resync(self, namespace: dict) -> int:
        """Take over every block that learner code changed without the mirror: the learner's
        memory is copied into the block in place, so every mirror view of it (names, aliases,
        items of containers) sees the change. Lists, dicts and other objects copied whole have
        no version counter: they are copied again. The number of blocks taken over."""
        self.take([name for name, ref in self.ties.items() if _copied_whole(ref())], namespace)
        taken = 0
        for low in list(self.starts):
            block = self.blocks[low]
            owner = _owner(block)
            if owner is None:
                self._remove(low)
                continue
            if block.changed_elsewhere(lambda b, owner=owner: learner_bytes_of(b.low, b.high, owner)):
                self._refresh(block, owner, namespace)
                taken += 1
        return taken

    def _refresh(self, block: Block, owner, namespace: dict) -> None:
        if block.flat.flags.writeable:
            if block.dtype is None:
                block.flat[...] = learner_bytes_of(block.low, block.high, owner)
            else:
                size = block.flat.size * block.unit
                values = np.array(learner_bytes_of(block.origin, block.origin + size, owner)).view(block.dtype)
                np.copyto(block.flat, values, casting="unsafe")
        else:
            self._rebuild(block, owner, namespace)
        for key, (ref, _) in list(block.versions.items()):
            tensor = ref()
            if tensor is not None:
                block.versions[key] = (ref, tensor._version)
        if block.checksum is not None:
            block.checksum = zlib.crc32(learner_bytes_of(block.low, block.high, owner))

    def _rebuild(self, block: Block, owner, namespace: dict) -> Block:
        """Replace ``block`` by a copy of the learner's bytes, and make its names views of it."""
        fresh = self._image(block.low, block.high, owner, owner)
        fresh.owners, fresh.versions = block.owners, dict(block.versions)
        if block.checksum is not None and fresh.checksum is None:
            fresh.checksum = zlib.crc32(fresh.flat)
        self._add(fresh)
        self.take(sorted(fresh.names), namespace)
        return fresh

    def settle(self) -> None:
        """After a translated statement: what the learner's tensors hold now is mirrored."""
        for block in self.blocks.values():
            for key, (ref, _) in list(block.versions.items()):
                tensor = ref()
                if tensor is None:
                    del block.versions[key]
                else:
                    block.versions[key] = (ref, tensor._version)

    def settle_checksums(self) -> None:
        """At the end of a cell: what the learner's NumPy-side memory holds now is mirrored."""
        for block in self.blocks.values():
            owner = _owner(block)
            if block.checksum is not None and owner is not None:
                block.checksum = zlib.crc32(learner_bytes_of(block.low, block.high, owner))

    def prune(self, namespace: dict) -> None:
        """Forget names the learner no longer has (``del``, ``%reset``) and dead memory."""
        for name in [name for name in self.ties if not self.tied(name, namespace)]:
            self._drop(name)
        for low in [low for low in self.starts if not self.blocks[low].alive()]:
            self._remove(low)

    def _drop(self, name: str) -> None:
        self.ties.pop(name, None)
        self.ns.pop(name, None)
        self.learner_code.discard(name)
        self.refusals.discard(name)
        self._untie_block(name)

    def _untie_block(self, name: str) -> None:
        block = self.blocks.get(self.name_block.pop(name)) if name in self.name_block else None
        if block is not None:
            block.names.discard(name)

    def _remove(self, low: int) -> None:
        del self.blocks[low]
        self.starts.remove(low)

    def nbytes(self) -> int:
        """Bytes the mirror's blocks hold (what a long session costs)."""
        return sum(block.flat.nbytes for block in self.blocks.values())


def _copied_whole(value) -> bool:
    """A learner value the mirror holds as a deep copy (it may change in place unseen)."""
    return not isinstance(value, (*_IMMUTABLE, *CODE, np.ndarray, torch.Tensor)) and value is not None


def _owner(block: Block):
    """A live learner object on the block's memory, or None when the memory is gone."""
    return next((ref() for ref in block.owners if ref() is not None), None)


def _reference(value):
    try:
        return weakref.ref(value)
    except TypeError:
        return _Strong(value)


class _Strong:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __call__(self):
        return self.value


def runs_learner_code(value, namespace: dict) -> bool:
    """Would the translation, using ``value``, run the learner's code or touch their objects a
    second time? Their functions (whose globals are their namespace), methods bound to an object
    (``W.add_``, ``losses.append``), and their classes and instances of them."""
    if isinstance(value, types.FunctionType):
        return value.__globals__ is namespace
    if isinstance(value, _BOUND):
        return value.__self__ is not None and not isinstance(value.__self__, types.ModuleType)
    cls = value if isinstance(value, type) else type(value)
    return any(getattr(getattr(attribute, "__func__", attribute), "__globals__", None) is namespace
               for klass in cls.__mro__[:-1] for attribute in vars(klass).values())


def mirror_of(namespace: dict, target_lib: str) -> Mirror:
    """The mirror kept for ``namespace`` (made on first use; one per namespace and direction)."""
    key = id(namespace)
    mirror = _MIRRORS.pop(key, None)
    if mirror is None or mirror.target_lib != target_lib:
        mirror = Mirror(target_lib)
    _MIRRORS[key] = mirror  # most recently used last
    while len(_MIRRORS) > MAX_MIRRORS:
        del _MIRRORS[next(iter(_MIRRORS))]
    return mirror
