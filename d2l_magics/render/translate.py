"""A Translation as text (terminal IPython) and as HTML (JupyterLab): the code, then the notes."""
from __future__ import annotations

from ..messages import say
from .common import escape, prose_html

LIBRARY_LABELS = {"torch": "PyTorch", "numpy": "NumPy"}


def to_text(translation) -> str:
    lines = [translation.code]
    if translation.notes:
        lines += ["", say("translate.heading_notes") + ":"]
        lines += [f"- {note.text}" for note in translation.notes]
    return "\n".join(lines)


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
