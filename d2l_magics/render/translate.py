"""A Translation as text (terminal IPython) and as HTML (JupyterLab): the code, then the notes.
In the text form the notes fit the terminal; the code stays whole, as it is code to copy and a
line broken in two would not run."""
from __future__ import annotations

from ..messages import say
from .common import escape, fit_text, labelled, prose_html, terminal_width

LIBRARY_LABELS = {"torch": "PyTorch", "numpy": "NumPy"}


def to_text(translation, width: int | None = None) -> str:
    if not translation.notes:
        return translation.code
    notes = [labelled(say("translate.heading_notes")), *(f"- {note.text}" for note in translation.notes)]
    return translation.code + "\n\n" + fit_text("\n".join(notes), width or terminal_width(), indent=2)


def to_html(translation) -> str:
    heading = say("translate.heading_code", target=LIBRARY_LABELS[translation.target_lib])
    parts = [f"<div class=\"d2l-translation\"><strong>{escape(heading)}</strong>",
             f"<pre><code>{escape(translation.code)}</code></pre>"]
    if translation.notes:
        parts.append(f"<strong>{escape(say('translate.heading_notes'))}</strong><ul>")
        parts += [f"<li>{prose_html(note.text)}</li>" for note in translation.notes]
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)
