"""Stage 2: run each instrumented operation and remember its shapes, aggregated per source site.

The hot path does the operation, then: when its operands are the very objects of the site's last
run (the usual case in a loop), one identity test and a counter; otherwise a few exact-type checks,
the shape signature and one dictionary lookup. Only a signature never seen at that site takes the
slow path, which snapshots what the explanation will need (operand labels and shapes, small
arguments, memory sharing). So a million runs of one site hold one sample.
"""
from __future__ import annotations

import types
from inspect import getattr_static
from keyword import iskeyword

import numpy as np
import torch

from ..values import dtype_name
from .sites import call_source, operator_source, site_factory

ARRAY_TYPES = (np.ndarray, torch.Tensor)
# The hot path tests ``type(x) in ARRAY_CLASSES``: isinstance on torch.Tensor goes through a
# metaclass hook and costs several times more. Subclasses beyond these are not recorded.
ARRAY_CLASSES = frozenset({np.ndarray, torch.Tensor, torch.nn.Parameter})
# A number beside an array in a binary operator (``X / k``) cannot change the result's shape.
SCALAR_CLASSES = frozenset({int, float, bool, complex, type(None)})
# Bound methods, C (``X.sum``) and Python (``X.norm``): only these can have an array as ``__self__``.
# Testing the type first spares ``getattr`` on every other callable (an ``nn.Module``'s
# ``__getattr__`` raises inside to say "no such attribute").
BOUND_METHOD_CLASSES = frozenset({types.BuiltinMethodType, types.MethodType})
MAX_SIGNATURES = 4       # distinct shape signatures kept per site, with their details
MAX_OVERFLOW_KEYS = 1000  # further signatures are only counted; past this many, not even remembered
OVERFLOW = "overflow"     # the key of a site's Overflow sample (real keys are tuples)


class Sample:
    """One distinct shape signature seen at a site: how often, and its first occurrence's details."""

    __slots__ = ("count", "operands", "out_shape", "params", "shares_memory", "result_kind")

    def __init__(self, operands=(), out_shape=None, params=None, shares_memory=None, result_kind=None):
        self.count = 0
        self.operands = operands          # ((label, shape), ...) for each array operand, in order
        self.out_shape = out_shape
        self.params = params or {}        # small non-array arguments: {"args": [...], "kwargs": {...}}
        self.shares_memory = shares_memory
        self.result_kind = result_kind    # "array", "scalar", "pair" (values, indices), or None

    @property
    def in_shapes(self):
        return tuple(shape for _, shape in self.operands)


class Overflow(Sample):
    """Stands for every signature past ``MAX_SIGNATURES``; ``keys`` counts how many distinct ones."""

    __slots__ = ("keys",)

    def __init__(self):
        super().__init__()
        self.keys = 0


class Failure:
    """The operation that raised, with its operands as they were when it raised."""

    __slots__ = ("site", "error", "operands", "params", "dtypes")

    def __init__(self, site, error, operands, params, dtypes):
        self.site, self.error, self.operands, self.params, self.dtypes = site, error, operands, params, dtypes


# Arguments kept as they are; tested by exact type first, the cheap test for the usual case.
_ATOMS = (bool, int, float, str, slice, type(Ellipsis))
_ATOM_CLASSES = frozenset({*_ATOMS, type(None)})


def _shape(value) -> tuple:
    """An array's shape as a plain tuple of ints (an exact tensor's or ndarray's holds ints already)."""
    return tuple(value.shape) if type(value) in ARRAY_CLASSES else tuple(map(int, value.shape))


def _plain(value):
    """A small, safe copy of an argument for explanations: arrays become their shape."""
    if type(value) in _ATOM_CLASSES:
        return value
    if isinstance(value, ARRAY_TYPES):
        return ShapeOf(_shape(value))
    if value is None or isinstance(value, _ATOMS):
        return value
    if isinstance(value, (tuple, list)) and len(value) <= 16:
        if type(value) in (tuple, list):
            return type(value)(_plain(v) for v in value)
        return tuple(_plain(v) for v in value)
    return ShapeOf(None, type(value).__name__)


class ShapeOf(tuple):
    """An array argument, remembered by its shape only (or another object, by its type name)."""

    type_name: str | None
    shape: tuple | None

    def __new__(cls, shape, type_name=None):
        self = super().__new__(cls, shape or ())
        self.type_name = type_name
        self.shape = shape
        return self


def _memory(value):
    """The byte range that backs ``value``; a torch tensor counts its whole storage."""
    if isinstance(value, torch.Tensor):
        if value.layout != torch.strided or value.is_nested or value.is_meta or value.is_quantized:
            return None   # no storage to compare, or none with real addresses
        storage = value.untyped_storage()
        return storage.data_ptr(), storage.data_ptr() + storage.nbytes()
    if isinstance(value, np.ndarray) and value.size:
        return np.lib.array_utils.byte_bounds(value)
    return None


def shares_memory(result, source) -> bool | None:
    """Whether ``result`` is a view of ``source`` (works across NumPy and torch)."""
    a, b = _memory(result), _memory(source)
    if a is None or b is None or a[0] == a[1] or b[0] == b[1]:
        return None
    return a[0] < b[1] and b[0] < a[1]


def _result_shape(result):
    if isinstance(result, (ARRAY_TYPES, np.generic)):
        return tuple(result.shape)
    if isinstance(result, tuple) and result and isinstance(result[0], ARRAY_TYPES):
        return result[0].shape   # torch.max(x, dim) gives (values, indices)
    return None


def _result_kind(result):
    if isinstance(result, ARRAY_TYPES):
        return "array"
    if isinstance(result, np.generic):
        return "scalar"
    if isinstance(result, tuple) and result and isinstance(result[0], ARRAY_TYPES):
        return "pair"
    return None


_UNSEEN = object()   # no operands remembered yet


class SiteRecord(dict):
    """One source site's samples, keyed by shape signature; planted into the instrumented code as
    a constant so the hot path reaches it without a lookup."""

    __slots__ = ("site", "literal_arguments", "data_shaped", "tells_view", "last_operands", "last_other",
                 "last_sample")
    # A constant in a code object must be hashable (traceback formatters hash them): by identity.
    __hash__ = object.__hash__  # type: ignore[assignment]  # dict sets None on purpose; restored on purpose
    __eq__ = object.__eq__

    def __init__(self, site, literal_arguments=False, data_shaped=False, tells_view=True):
        super().__init__()
        self.site = site
        self.tells_view = tells_view   # whether its report says if the result is a view: only then is memory read
        # The result's shape is fixed by the operands' shapes when every other argument is a
        # literal and the operation's shape does not depend on the data (``nonzero`` does): the
        # signature then leaves the result's shape out, which saves work on every run.
        self.literal_arguments = literal_arguments
        self.data_shaped = data_shaped
        # The operand objects of the last run whose signature did not need the result. In a loop
        # the operands are usually the very same objects, so their shapes (and the signature) are
        # known without asking: one identity test instead of reading shapes and hashing them.
        self.last_operands = self.last_other = _UNSEEN
        self.last_sample = None

    def forget_operands(self) -> None:
        self.last_operands = self.last_other = _UNSEEN
        self.last_sample = None


class Recorder:
    """Called by the instrumented code; one per traced cell. Methods named for the syntax they replace."""

    make_slice = slice   # ``a:b`` in an index, without reading the learner's (maybe rebound) ``slice``

    def __init__(self, remember_operands: bool = True):
        self.records: list[SiteRecord] = []
        self.first_seen: list[SiteRecord] = []   # in the order each site first ran on arrays
        self.failure: Failure | None = None
        # False when the cell may change an array's shape in place (``resize_``, ``a.shape = ...``):
        # then the same object can have a new shape, and operands are never remembered.
        self.remember_operands = remember_operands
        self.closed = False   # the report is built: later runs of the cell's functions keep nothing alive

    def open(self, site, literal_arguments=False, data_shaped=False, tells_view=True) -> SiteRecord:
        record = SiteRecord(site, literal_arguments, data_shaped, tells_view)
        self.records.append(record)
        return record

    def close(self) -> None:
        """The trace is over, but functions defined in the cell still call this recorder: from now
        on it holds no operand and no exception (nor, through its traceback, any frame)."""
        self.closed = True
        self.remember_operands = False
        self.failure = None
        for record in self.records:
            record.forget_operands()

    # -- the hot path: one method per kind of syntax ---------------------------------------
    # Signatures are nested pairs of shapes, ``((None, s1), s2)``: cheaper than building lists.

    def call(self, record, f, /, *args, **kwargs):
        """``f(*xs, **named)``: its arguments are known only when it runs, so it is recorded by the
        site function for the arguments it turned out to have (see ``call_site``)."""
        if all(name.isidentifier() and not iskeyword(name) for name in kwargs):
            return self.call_site(record, len(args), tuple(kwargs))(f, *args, *kwargs.values())
        try:   # ``f(**{"not a name": v})``: no array function takes such a keyword
            return f(*args, **kwargs)
        except BaseException as error:
            self._failed(error, record, getattr(f, "__self__", None), args, kwargs)
            raise

    def sequence(self, record, f, /, *args, **kwargs):
        """``torch.cat((X, Y))`` and friends: the sequence's elements are the operands."""
        try:
            result = f(*args, **kwargs)
        except BaseException as error:
            self._failed(error, record, getattr(f, "__self__", None), args, kwargs)
            raise
        try:
            if type(result) not in ARRAY_CLASSES and not any(type(a) in ARRAY_CLASSES for a in _flat(args)):
                return result
            key = (_result_shape(result), *(a.shape for a in _flat(args) if type(a) in ARRAY_CLASSES))
            sample = record.get(key)
            if sample is None:
                self._new(record, key, result, None, args, kwargs)
            else:
                sample.count += 1
            return result
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return result

    def unary(self, record, op, a, /):
        try:
            result = op(a)
        except BaseException as error:
            self._failed(error, record, None, (a,), {})
            raise
        try:
            if type(a) in ARRAY_CLASSES:
                self._seen(record, a.shape, result, (a,))
            return result
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return result

    # The index is not an operand (a mask or index array is not the indexed array's data): the
    # explanation quotes the learner's own index text instead.
    def getitem(self, record, obj, index, /):
        try:
            result = obj[index]
        except BaseException as error:
            self._failed(error, record, None, (obj,), {})
            raise
        try:
            if type(obj) in ARRAY_CLASSES:
                shape = result.shape if type(result) in ARRAY_CLASSES else _result_shape(result)
                self._seen(record, (obj.shape, shape), result, (obj,))
            return result
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return result

    def setitem(self, record, value, obj, index, /):
        """Operands: the target, then the value when it is an array."""
        try:
            obj[index] = value
        except BaseException as error:
            self._failed(error, record, None, (obj, value), {})
            raise
        try:
            if type(obj) in ARRAY_CLASSES:
                key = (obj.shape, value.shape if type(value) in ARRAY_CLASSES else None)
                sample = record.get(key)
                if sample is None:
                    self._new(record, key, obj[index], None, (obj, value), {})
                else:
                    sample.count += 1
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return None

    def attribute(self, record, obj, name, /):
        try:
            result = getattr(obj, name)
        except BaseException as error:
            self._failed(error, record, None, (obj,), {})
            raise
        try:
            if type(obj) in ARRAY_CLASSES:
                self._seen(record, obj.shape, result, (obj,))
            return result
        except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
            return result

    def _seen(self, record, key, result, operands) -> None:
        """Count one more run of a signature, or keep its first sample (the less hot operations)."""
        sample = record.get(key)
        if sample is None:
            self._new(record, key, result, None, operands, {})
        else:
            sample.count += 1

    @staticmethod
    def current_attribute(obj, name, /):
        return obj, name, getattr(obj, name)

    @staticmethod
    def current_item(obj, index, /):
        return obj, index, obj[index]

    @staticmethod
    def augmented_attribute(operation, triple, value, /):
        """``obj.name op= value``, with ``operation`` the site's ``op=`` function (``operator_site``)."""
        obj, name, current = triple
        setattr(obj, name, operation(current, value))

    @staticmethod
    def augmented_item(operation, triple, value, /):
        obj, index, current = triple
        obj[index] = operation(current, value)

    # -- one generated function per site ---------------------------------------------------
    # The methods above take ``record`` and the operation as arguments and repack ``*args``; a site
    # function has them bound and its operands as plain parameters, and does the operation inline
    # (``a / b``, ``f(a0, axis=k0)``), so a run costs one Python call and the checks.

    def call_site(self, record, positional: int, keywords: tuple):
        """``f(a0, ..., name=k0, ...)`` without starred arguments: called as ``site(f, a0, ..., k0, ...)``."""
        key = ("call", positional, keywords, record.literal_arguments, record.data_shaped)
        return site_factory(key, call_source, globals(), __file__)(self, record)

    def method_site(self, record, name: str, positional: int, keywords: tuple):
        """``obj.name(...)`` with literal arguments only: called as ``site(obj, a0, ..., k0, ...)``."""
        key = ("method", positional, keywords, True, record.data_shaped, name)
        return site_factory(key, call_source, globals(), __file__)(self, record)

    def operator_site(self, record, symbol: str):
        """``a + b``, ``a < b`` or, with ``symbol`` ``+=``, ``a += b`` (which gives the new ``a``)."""
        return site_factory(("operator", symbol), operator_source, globals(), __file__)(self, record)

    def getitem_site(self, record):
        """``obj[index]``; with a literal index, the result's shape follows from ``obj``'s alone, so
        ``obj``'s shape is the signature, and the same ``obj`` again is the same signature."""
        recorder = self
        literal = record.literal_arguments

        def site(obj, index, /):
            try:
                result = obj[index]
            except BaseException as error:
                recorder._failed(error, record, None, (obj,), {})
                raise
            try:
                if type(obj) in ARRAY_CLASSES:
                    if obj is record.last_operands:
                        record.last_sample.count += 1
                        return result
                    key = obj.shape if literal else \
                        (obj.shape, result.shape if type(result) in ARRAY_CLASSES else _result_shape(result))
                    sample = record.get(key)
                    if sample is None:
                        sample = recorder._new(record, key, result, None, (obj,), {})
                    else:
                        sample.count += 1
                    if literal and recorder.remember_operands:
                        record.last_operands, record.last_sample = obj, sample
                return result
            except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
                return result
        return site

    def number_site(self, record, one_element: bool):
        """``float(x)``, ``int(x)``, ``bool(x)``, ``len(x)`` where the name is surely the builtin: no
        receiver, one operand, and a plain number out, so the operand's shape is the signature.
        ``float`` and ``int`` (``one_element``) succeed only on one element, whose shape is
        ``(1,) * ndim``: its number of axes says as much and is cheaper to read."""
        recorder = self

        def site(f, a0, /):
            try:
                result = f(a0)
            except BaseException as error:
                recorder._failed(error, record, None, (a0,), {})
                raise
            try:
                if type(a0) in ARRAY_CLASSES:
                    key = a0.ndim if one_element else a0.shape
                    sample = record.get(key)
                    if sample is None:
                        recorder._new(record, key, result, None, (a0,), {})
                    else:
                        sample.count += 1
                return result
            except Exception:   # a tensor with no shape or storage (nested, sparse): nothing to record
                return result
        return site

    # -- the slow path ---------------------------------------------------------------------

    def _new(self, record, key, result, receiver, args, kwargs):
        """First time this signature runs here: remember its details (or count it as overflow)."""
        if not record:
            self.first_seen.append(record)
        if len(record) >= MAX_SIGNATURES:
            overflow = record.get(OVERFLOW) or record.setdefault(OVERFLOW, Overflow())
            overflow.count += 1
            if overflow.keys < MAX_OVERFLOW_KEYS:
                overflow.keys += 1
                record[key] = overflow
            return overflow
        operands = _operands(record.site, receiver, args, kwargs)
        source = operands[0][1] if operands else None
        out_shape = _result_shape(result)
        shares = shares_memory(result, source) if record.tells_view and source is not None and \
            isinstance(result, ARRAY_TYPES) else None
        sample = Sample(tuple((label, _shape(value)) for label, value in operands),
                        None if out_shape is None else tuple(map(int, out_shape)),
                        _params(args, kwargs, receiver), shares, _result_kind(result))
        sample.count = 1
        record[key] = sample
        return sample

    def _failed_method(self, error, record, receiver, name, args, kwargs):
        """A method site looks its method up itself: a misspelt name is the learner's AttributeError,
        not a failed operation."""
        if not (isinstance(error, AttributeError) and _lacks(receiver, name)):
            self._failed(error, record, receiver, args, kwargs)

    def _failed(self, error, record, receiver, args, kwargs):
        """Keep the innermost failing operation: an outer call the error passes through is not it."""
        if self.closed or self.failure is not None and self.failure.error is error:
            return
        try:
            self.failure = failure_of(record.site, error, receiver, args, kwargs)
        except Exception:   # an operand with no shape (a nested tensor): the learner's error goes on alone
            self.failure = None


def _lacks(obj, name: str) -> bool:
    """Whether ``obj`` has no attribute ``name``, looked up statically: no ``__getattr__`` of the
    learner's runs a second time."""
    try:
        return getattr_static(obj, name, _UNSEEN) is _UNSEEN
    except Exception:   # a class that even a static lookup upsets: nothing to explain
        return True


def failure_of(site, error, receiver, args, kwargs) -> Failure:
    """What an explanation needs of an operation that raised, from its operands' values."""
    operands = _operands(site, receiver, args, kwargs)
    return Failure(site, error, tuple((label, tuple(int(n) for n in v.shape)) for label, v in operands),
                   _params(args, kwargs, receiver), tuple(dtype_name(v) for _, v in operands))


def _operands(site, receiver, args, kwargs):
    """(label, array) for each array operand, labelled with the learner's own text."""
    operands = []
    if isinstance(receiver, ARRAY_TYPES):
        operands.append((site.receiver, receiver))
    labels = site.labels
    for position, arg in enumerate(args):
        label = labels[position] if position < len(labels) else None
        if isinstance(arg, ARRAY_TYPES):
            operands.append((label, arg))
        elif site.form == "call" and type(arg) in (tuple, list):
            names = site.elements if position == 0 else ()
            for k, item in enumerate(arg):
                if isinstance(item, ARRAY_TYPES):
                    operands.append((names[k] if k < len(names) else f"{label}[{k}]", item))
    for name, value in kwargs.items():
        if isinstance(value, ARRAY_TYPES):
            operands.append((f"{name}=", value))
    return operands


def _flat(args):
    for arg in args:
        if type(arg) in (tuple, list):
            yield from arg
        else:
            yield arg


def _params(args, kwargs, receiver):
    return {"args": [_plain(a) for a in args], "kwargs": {k: _plain(v) for k, v in kwargs.items()},
            "method": isinstance(receiver, ARRAY_TYPES)}


# -- generated site functions -----------------------------------------------------------------
# Compiled once per kind of site (an operator, a call's number of arguments and keyword names),
# under this module's filename and globals: the trace splices this file's frames out of the
# learner's traceback and shows its warnings at the learner's line.
