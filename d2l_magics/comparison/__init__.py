"""``compare``: a cell and its translation, statement by statement, on the session's mirror.

``session`` runs the two sides, ``mirror`` keeps the translated side of the whole session,
``once`` decides what may run there, ``verdict`` compares values and ``report`` holds the rows.
"""
from .report import FAILING, LIBRARY_NAMES, CompareReport, Row
from .session import compare

__all__ = ["compare", "CompareReport", "Row", "FAILING", "LIBRARY_NAMES"]
