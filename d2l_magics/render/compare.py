"""A CompareReport as a text table (terminal IPython) and as an HTML table (JupyterLab).

Both views show the same thing: one line per compared value, both sources, both values (shape,
dtype, a preview), a verdict, and the notes under the table. Rows of one statement share its code,
which is written only on the first of them.
"""
from __future__ import annotations

import re

from ..comparison import FAILING, LIBRARY_NAMES
from ..messages import say
from .common import escape, format_shape, text_table

CODE_SPAN = re.compile(r"`([^`]+)`")
STYLE = """<style>
.d2l-compare table{border-collapse:collapse;font-size:12px}
.d2l-compare th,.d2l-compare td{border:1px solid var(--jp-border-color2,#ddd);padding:3px 6px;
  text-align:left;vertical-align:top}
.d2l-compare pre{margin:0;font-size:11px;background:none}
.d2l-compare .d2l-meta{color:var(--jp-ui-font-color2,#555);white-space:nowrap}
.d2l-badge{display:inline-block;padding:1px 6px;border-radius:8px;color:#fff;white-space:nowrap}
.d2l-badge-match{background:#2e7d32}.d2l-badge-dtype{background:#f9a825;color:#000}
.d2l-badge-mismatch,.d2l-badge-error{background:#c62828}
.d2l-badge-torch-only,.d2l-badge-numpy-only{background:#757575}
</style>"""


def _libs(report) -> tuple[str, str]:
    return LIBRARY_NAMES[report.source_lib], LIBRARY_NAMES[report.target_lib]


def _headings(report) -> list[str]:
    source, target = _libs(report)
    return [say("compare.heading_line"), say("compare.heading_source", lib=source),
            say("compare.heading_source", lib=target), say("compare.heading_value", lib=source),
            say("compare.heading_value", lib=target), say("compare.heading_verdict")]


def _summary_line(report) -> str:
    source, target = _libs(report)
    attention = sum(row.status in FAILING for row in report.rows)
    if not attention:
        return say("compare.summary_ok", source_lib=source, target_lib=target, count=len(report.rows))
    return say("compare.summary_differs", source_lib=source, target_lib=target,
               count=attention, total=len(report.rows))


def _meta(summary, name) -> str:
    """``X  (3, 4) float32``: the name compared, then shape and dtype where the value has them."""
    parts = [name] if name else []
    if summary.shape is not None:
        parts.append(format_shape(summary.shape))
    parts.append(summary.dtype or summary.type_name)
    return "  ".join(parts)


def _first_of_statement(report):
    """For each row: is it the first row of its statement (so its code is written)?"""
    previous = None
    for row in report.rows:
        key = (row.lineno, row.source_code)
        yield row, key != previous
        previous = key


def render_text(report) -> str:
    rows = []
    for row, first in _first_of_statement(report):
        target_code = row.target_code.strip() if row.target_code is not None else say("compare.no_counterpart")
        rows.append([str(row.lineno) if first else "", row.source_code if first else "",
                     target_code if first else "",
                     _text_value(row.source_value, row.shown_name), _text_value(row.target_value, row.shown_name),
                     say(f"compare.verdict.{row.status}")])
    parts = [_summary_line(report), text_table(_headings(report), rows)]
    if report.notes:
        parts.append("\n".join([say("compare.heading_notes"), *(f"- {note.text}" for note in report.notes)]))
    return "\n\n".join(parts)


def _text_value(summary, name) -> str:
    if summary is None:
        return ""
    return _meta(summary, name) + "\n" + summary.preview


def render_html(report) -> str:
    head = "".join(f"<th>{escape(text)}</th>" for text in _headings(report))
    body = []
    for row, first in _first_of_statement(report):
        if row.target_code is None:
            target = f"<em>{escape(say('compare.no_counterpart'))}</em>"
        else:
            target = f"<pre><code>{escape(row.target_code.strip())}</code></pre>"
        cells = [escape(row.lineno) if first else "",
                 f"<pre><code>{escape(row.source_code)}</code></pre>" if first else "",
                 target if first else "",
                 _html_value(row.source_value, row.shown_name), _html_value(row.target_value, row.shown_name),
                 _badge(row)]
        body.append(f'<tr class="d2l-row-{row.status}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    notes = ""
    if report.notes:
        notes = '<ul class="d2l-notes">' + "".join(f"<li>{_html_note(n)}</li>" for n in report.notes) + "</ul>"
    return (f'<div class="d2l-compare">{STYLE}<p class="d2l-summary">{escape(_summary_line(report))}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{notes}</div>")


def _html_value(summary, name) -> str:
    if summary is None:
        return ""
    return f'<div class="d2l-meta">{escape(_meta(summary, name))}</div><pre>{escape(summary.preview)}</pre>'


def _html_note(note) -> str:
    """The note escaped, with its `code spans` shown as code."""
    return CODE_SPAN.sub(r"<code>\1</code>", escape(note.text))


def _badge(row) -> str:
    badge = f'<span class="d2l-badge d2l-badge-{row.status}">{escape(say(f"compare.verdict.{row.status}"))}</span>'
    if row.note is not None and row.status != "dtype":
        badge += f'<div class="d2l-row-note">{_html_note(row.note)}</div>'
    return badge
