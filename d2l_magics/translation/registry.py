"""Where transforms register: a rule names its transform (``transform="ddof"``), and the function
registers itself under that name with :func:`transform`, in the module of its group of rules.

A transform takes ``(translator, entry, call, node)``. It may change ``call`` and return None (the
generic build follows), return the finished node, or return :data:`DECLINED` when the rule does not
apply after all (``float("3")``). A sampler (``Multinomial(n, p).sample(shape)``) takes
``(translator, entry, call, shape)`` and returns the finished node.
"""
from __future__ import annotations

from collections.abc import Callable

TRANSFORMS: dict[str, Callable] = {}
SAMPLERS: dict[str, Callable] = {}

DECLINED = object()
"""A transform's answer when a rule does not apply after all."""


def _registrar(table: dict, name: str | None):
    def register(function: Callable) -> Callable:
        key = name or function.__name__
        if key in table:
            raise ValueError(f"two transforms are registered as {key!r}")
        table[key] = function
        return function
    return register


def transform(name: str | None = None):
    """Register the decorated function as the transform rules name ``name`` (its own name by default)."""
    return _registrar(TRANSFORMS, name)


def sampler(name: str):
    """Register how ``Distribution(...).sample(shape)`` is drawn for the rule whose transform is ``name``."""
    return _registrar(SAMPLERS, name)
