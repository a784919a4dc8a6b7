"""What the compare tests share besides the ``magic`` fixture (in conftest.py)."""
from __future__ import annotations


def statuses(report):
    return [row.status for row in report.rows]
