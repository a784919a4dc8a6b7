"""Pieces every renderer shares: shapes written as Python tuples, escaping, and text tables whose
columns stay aligned when they hold Chinese (wide) characters."""
from __future__ import annotations

import html
import unicodedata


def format_shape(shape) -> str:
    """``(2, 3, 5)``, ``(2,)`` and ``()``, as NumPy prints shapes and the notes write them."""
    if shape is None:
        return "-"
    return repr(tuple(int(n) for n in shape))


def escape(text) -> str:
    """Every piece of user text that enters HTML goes through here."""
    return html.escape(str(text), quote=True)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table; multi-line cells wrap onto continuation rows."""
    split_rows = [[str(cell).splitlines() or [""] for cell in row] for row in [headers, *rows]]
    widths = [max(display_width(line) for row in split_rows for line in row[i]) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(split_rows):
        height = max(len(cell) for cell in row)
        for k in range(height):
            parts = [pad(cell[k] if k < len(cell) else "", widths[i]) for i, cell in enumerate(row)]
            lines.append(" | ".join(parts).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)
