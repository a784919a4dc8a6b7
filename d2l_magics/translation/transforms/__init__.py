"""The transforms, one module per group of rules in ``rules.py``; importing this registers them all."""
from . import activations, conversions, creation, indexing, random, reductions, shapes  # noqa: F401
