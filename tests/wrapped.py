"""Looking for a phrase in a report's text form, which wraps to the terminal's width: a phrase may
go on on the next line, after that line's indent, where a wrap broke it."""
from __future__ import annotations

import re
import unicodedata


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def wrapped_pattern(phrase: str) -> re.Pattern:
    """``phrase`` as a regex in which each run of spaces may instead be a line break and an indent,
    and a line break (and indent) may come between two characters where one is Chinese."""
    parts, previous = [], " "
    for run in re.findall(r" +|[^ ]", phrase):
        if run.startswith(" "):
            parts.append(f"(?:{run}|\\n *)")
        else:
            if previous != " " and (_wide(run) or _wide(previous)):
                parts.append("(?:\\n *)?")
            parts.append(re.escape(run))
        previous = run[-1]
    return re.compile("".join(parts))


def in_text(phrase: str, text: str) -> bool:
    """Whether ``phrase`` is in ``text``, whole or wrapped across lines."""
    return wrapped_pattern(phrase).search(text) is not None
