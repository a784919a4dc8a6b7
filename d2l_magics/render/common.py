"""Pieces every renderer shares: shapes written as Python tuples, escaping, and text tables whose
columns stay aligned when they hold Chinese (wide) characters, and lines fitted to a terminal."""
from __future__ import annotations

import functools
import html
import re
import shutil
import unicodedata


def escape(text) -> str:
    """Every piece of user text that enters HTML goes through here."""
    return html.escape(str(text), quote=True)


CODE_SPAN = re.compile(r"`([^`]+)`")


def prose_html(text: str) -> str:
    """A sentence for HTML: escaped, its `code spans` shown as code, its line breaks kept. Messages
    write code in backticks, and escaping comes first, so a learner's text never becomes markup."""
    return CODE_SPAN.sub(r"<code>\1</code>", escape(text)).replace("\n", "<br>")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two.
    ASCII text (previews, code) is one column a character, counted without a look-up."""
    if text.isascii():
        return len(text)
    return sum(map(_character_width, text))


@functools.lru_cache(maxsize=4096)
def _character_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1


def _fitting_prefix(text: str, room: int) -> int:
    """How many leading characters of ``text`` fit in ``room`` columns."""
    if text.isascii():
        return min(room, len(text))
    used = 0
    for index, ch in enumerate(text):
        used += _character_width(ch)
        if used > room:
            return index
    return len(text)


def terminal_width() -> int:
    """The terminal's columns as the shell sees them now (``$COLUMNS``, else the tty); 80 when
    there is no terminal (a kernel, a pipe)."""
    return shutil.get_terminal_size((80, 24)).columns


def fit_line(line: str, width: int, indent: int = 0) -> list[str]:
    """``line`` cut into pieces of at most ``width`` columns, each after the first indented by
    ``indent`` spaces. A piece ends after a space where one is in reach, so numbers and tokens stay
    whole; only a token longer than the room is cut (and Chinese text, which has no spaces)."""
    pieces, rest, lead = [], line, ""
    while display_width(lead + rest) > width:
        cut = _fitting_prefix(rest, max(1, width - len(lead)))
        space = rest.rfind(" ", 0, cut)  # the last space in reach, if text comes before it
        cut = max(1, space + 1 if space > 0 and rest[:space].strip() else cut)
        pieces.append((lead + rest[:cut]).rstrip())
        rest, lead = rest[cut:].lstrip(" "), " " * min(indent, width - 1)
        if not rest:
            return pieces
    return [*pieces, lead + rest]


def fit_text(text: str, width: int, indent: int = 0) -> str:
    """Every line of ``text`` fitted to ``width`` columns (see ``fit_line``)."""
    return "\n".join(piece for line in text.splitlines() for piece in fit_line(line, width, indent))


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _split_cells(headers: list[str], rows: list[list[str]]) -> tuple[list, list[int]]:
    """Each cell as its lines, and each column's width."""
    split_rows = [[str(cell).splitlines() or [""] for cell in row] for row in [headers, *rows]]
    widths = [max(display_width(line) for row in split_rows for line in row[i]) for i in range(len(headers))]
    return split_rows, widths


def text_table_width(headers: list[str], rows: list[list[str]]) -> int:
    """The columns ``text_table`` would take, without drawing it."""
    return sum(_split_cells(headers, rows)[1]) + 3 * (len(headers) - 1)


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table; multi-line cells wrap onto continuation rows."""
    split_rows, widths = _split_cells(headers, rows)
    lines = []
    for index, row in enumerate(split_rows):
        height = max(len(cell) for cell in row)
        for k in range(height):
            parts = [pad(cell[k] if k < len(cell) else "", widths[i]) for i, cell in enumerate(row)]
            lines.append(" | ".join(parts).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def by_report_type(form: str):
    """A ``to_text`` or ``to_html`` for a renderer module that draws several kinds of report: each
    kind registers its own function (``@to_text.register(Feedback)``)."""
    @functools.singledispatch
    def render(report) -> str:
        raise TypeError(f"no {form} form for {type(report).__name__}")
    return render
