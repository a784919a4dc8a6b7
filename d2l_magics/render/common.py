"""Pieces every renderer shares: shapes written as Python tuples, escaping, and text tables whose
columns stay aligned when they hold Chinese (wide) characters, and lines fitted to a terminal."""
from __future__ import annotations

import functools
import html
import re
import shutil
import unicodedata
from dataclasses import dataclass

from ..messages import say


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


def labelled(label: str, text: str = "") -> str:
    """``label: text`` with the colon of the current language (``：`` in Chinese); without a text,
    a heading over the lines that follow."""
    return say("common.labelled", label=label, text=text).rstrip()


def terminal_width() -> int:
    """The terminal's columns as the shell sees them now (``$COLUMNS``, else the tty); 80 when
    there is no terminal (a kernel, a pipe)."""
    return shutil.get_terminal_size((80, 24)).columns


# Where a line may break. Prose breaks after a run of spaces; Chinese, which has no spaces, also
# between two characters. A shape such as ``(2, 3, 4)`` never breaks, and a space inside a `code
# span` is used only when no break outside one is in reach. Nothing breaks before closing or after
# opening punctuation, so ``，`` or ``）`` never starts a line.
SHAPE = re.compile(r"\((?:-?\d+, )*-?\d*,?\)")
NO_BREAK_BEFORE = frozenset("，。、；：？！）》」』】…,.;:?!)]}")
NO_BREAK_AFTER = frozenset("（《「『【([{")


@dataclass(frozen=True)
class _Break:
    end: int  # where the piece before it ends
    start: int  # where the next piece starts (after the spaces a break takes)
    in_code: bool


def _breaks(line: str) -> list[_Break]:
    """Every place ``line`` may break, left to right; none in its leading indentation."""
    whole = [False] * (len(line) + 1)  # no break before index k
    code = [False] * (len(line) + 1)
    for match in SHAPE.finditer(line):
        whole[match.start() + 1:match.end()] = [True] * (match.end() - match.start() - 1)
    for match in CODE_SPAN.finditer(line):
        code[match.start() + 1:match.end()] = [True] * (match.end() - match.start() - 1)
    breaks, k = [], len(line) - len(line.lstrip(" "))
    while k < len(line) - 1:
        k += 1
        before, ch = line[k - 1], line[k]
        if ch == " " and before != " ":
            after = k
            while after < len(line) and line[after] == " ":
                after += 1
            if after < len(line) and not whole[k]:
                breaks.append(_Break(k, after, code[k]))
            k = after - 1
        elif (before != " " and (_character_width(before) == 2 or _character_width(ch) == 2)
              and ch not in NO_BREAK_BEFORE and before not in NO_BREAK_AFTER and not whole[k] and not code[k]):
            breaks.append(_Break(k, k, False))
    return breaks


def longest_unbreakable(line: str) -> int:
    """The columns of the widest piece of ``line`` that ``fit_line`` keeps whole."""
    edges = [0, *(e for b in _breaks(line) for e in (b.end, b.start)), len(line)]
    return max(display_width(line[start:end]) for start, end in zip(edges[::2], edges[1::2]))


def fit_line(line: str, width: int, indent: int = 0) -> list[str]:
    """``line`` cut into pieces of at most ``width`` columns, each after the first indented by
    ``indent`` spaces. Pieces end where ``_breaks`` allows, so words, numbers, shapes and code
    tokens stay whole. Only a piece wider than the room on a line of its own is cut: the terminal
    would wrap it anyway, at column 0, and cut here it keeps the indent and no line is wider than
    the terminal."""
    if display_width(line) <= width:
        return [line]
    breaks = _breaks(line)
    pieces, start, lead = [], 0, ""
    while display_width(lead) + display_width(line[start:]) > width:
        limit = start + _fitting_prefix(line[start:], max(1, width - display_width(lead)))
        in_reach = [b for b in breaks if start < b.end <= limit]
        chosen = next((b for b in reversed(in_reach) if not b.in_code), in_reach[-1] if in_reach else None)
        end, start_next = (chosen.end, chosen.start) if chosen else (max(limit, start + 1),) * 2
        pieces.append((lead + line[start:end]).rstrip())
        start, lead = start_next, " " * min(indent, width - 1)
    return [*pieces, lead + line[start:]]


def fit_text(text: str, width: int, indent: int = 0) -> str:
    """Every line of ``text`` fitted to ``width`` columns (see ``fit_line``), its continuations
    indented ``indent`` spaces past the line's own indentation (a hanging indent)."""
    return "\n".join(piece for line in text.splitlines()
                     for piece in fit_line(line, width, len(line) - len(line.lstrip(" ")) + indent))


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


# A table wider than the terminal first wraps the cells of its widest columns, which keeps one row
# per thing listed (what a learner scans an exercise list for); a wrapped column keeps at least
# MIN_WRAPPED_COLUMN columns, since a narrower one reads as a word a line. Where that cannot fit
# (shapes do not wrap), each row becomes a block of labelled lines, as a compare report does.
MIN_WRAPPED_COLUMN = 12
LABEL_BESIDE_ROOM = 24  # columns left for the text where a label stands beside it


def fit_table(headers: list[str], rows: list[list[str]], width: int) -> str:
    """``text_table`` in at most ``width`` columns: as it is, with wrapped cells, or stacked."""
    split_rows, widths = _split_cells(headers, rows)
    room = width - 3 * (len(headers) - 1)
    if sum(widths) <= room:
        return text_table(headers, rows)
    columns = [[line for row in split_rows[1:] for line in row[k]] for k in range(len(headers))]
    narrowest = [max(display_width(header), min(natural, max(MIN_WRAPPED_COLUMN, *map(longest_unbreakable, lines))))
                 for header, natural, lines in zip(headers, widths, columns)]
    if not rows or sum(narrowest) > room:
        return stacked_table(headers, rows, width)
    while sum(widths) > room:  # narrow the widest column that can still give a column up
        column = max((k for k in range(len(widths)) if widths[k] > narrowest[k]), key=widths.__getitem__)
        widths[column] -= 1
    return text_table(headers, [[fit_text(str(cell), w) for cell, w in zip(row, widths)] for row in rows])


def stacked_table(headers: list[str], rows: list[list[str]], width: int) -> str:
    """Each row as a block: its first cell, then every other cell under its heading as a label.
    A block is indented as its first cell is (a layer's depth in a model)."""
    label_width = max(map(display_width, headers[1:]))
    blocks = []
    for first, *cells in rows:
        first = str(first)
        depth = len(first) - len(first.lstrip(" "))
        block = fit_line(first, width, depth + 2)
        for label, cell in zip(headers[1:], cells):
            block += [" " * depth + line for line in labelled_lines(label, str(cell), label_width, width - depth)]
        blocks.append("\n".join(block))
    return "\n\n".join(blocks)


def labelled_lines(label: str, text: str, label_width: int, width: int) -> list[str]:
    """``  label  text`` fitted to ``width``: the label beside its text where that leaves
    LABEL_BESIDE_ROOM columns for it, else above it; a multi-line text keeps its lines."""
    text_lines = text.splitlines() or [""]
    if width - label_width - 4 >= LABEL_BESIDE_ROOM:
        lead = 2 + label_width + 2
        heads = [pad(f"  {label}", lead) if k == 0 else " " * lead for k in range(len(text_lines))]
        return [piece for head, body in zip(heads, text_lines) for piece in fit_line(head + body, width, lead + 2)]
    return [*fit_line(f"  {label}", width, indent=4),
            *(piece for body in text_lines for piece in fit_line("    " + body, width, indent=6))]


def by_report_type(form: str):
    """A ``to_text`` or ``to_html`` for a renderer module that draws several kinds of report: each
    kind registers its own function (``@to_text.register(Feedback)``)."""
    @functools.singledispatch
    def render(report) -> str:
        raise TypeError(f"no {form} form for {type(report).__name__}")
    return render
