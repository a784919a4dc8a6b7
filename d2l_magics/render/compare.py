"""A CompareReport as a text table (terminal IPython) and as an HTML table (JupyterLab).

Both views show the same thing: one line per compared value, both sources, both values (shape,
dtype, a preview), a verdict, and the notes under the table. Rows of one statement share its code,
which is written only on the first of them.
"""
from __future__ import annotations

from ..comparison import FAILING, LIBRARY_NAMES
from ..messages import say
from ..values import format_shape
from .common import (
    display_width,
    escape,
    fit_text,
    labelled_lines,
    prose_html,
    terminal_width,
    text_table,
    text_table_width,
)

# Selectors start with two classes so they outrank JupyterLab's rendered-HTML rules (right-aligned
# cells, striped rows, wrapping `pre`); colours are the theme's variables, so both themes read.
STYLE = """<style>
.d2l-compare .d2l-compare-scroll{overflow-x:auto;max-width:100%}
.d2l-compare .d2l-compare-table{border-collapse:separate;border-spacing:0;font-size:12px;
  table-layout:auto;margin:0;color:var(--jp-content-font-color1,inherit)}
.d2l-compare .d2l-compare-table tr,.d2l-compare .d2l-compare-table tbody tr:nth-child(n){background:none}
.d2l-compare .d2l-compare-table th,.d2l-compare .d2l-compare-table td{
  border:0 solid var(--jp-border-color2,#ddd);border-width:0 1px 1px 0;padding:3px 6px;
  text-align:left;vertical-align:top;white-space:nowrap}
.d2l-compare .d2l-compare-table tr>:first-child{border-left-width:1px}
.d2l-compare .d2l-compare-table thead th{border-top-width:1px}
.d2l-compare .d2l-compare-table td pre,.d2l-compare .d2l-compare-table td code{margin:0;padding:0;
  font-family:var(--jp-code-font-family,monospace);font-size:11px;background:none;color:inherit;
  white-space:pre;word-break:normal;overflow-wrap:normal;overflow:visible}
.d2l-compare .d2l-compare-table .d2l-compare-outcome{position:sticky;right:0;z-index:1;
  background:var(--jp-layout-color0,Canvas);border-left-width:1px;white-space:normal;min-width:12em;max-width:22em;
  box-shadow:-6px 0 6px -6px rgba(0,0,0,.45)}
.d2l-compare .d2l-meta{color:var(--jp-content-font-color2,#555);white-space:nowrap}
.d2l-badge{display:inline-block;padding:1px 6px;border-radius:8px;color:#fff;white-space:nowrap}
.d2l-badge-match{background:#2e7d32}.d2l-badge-dtype{background:#f9a825;color:#000}
.d2l-badge-mismatch,.d2l-badge-error{background:#c62828}
.d2l-badge-torch-only,.d2l-badge-numpy-only{background:#616161}
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


def to_text(report, width: int | None = None) -> str:
    """The report in ``width`` columns (the terminal's when not given): one table row per value
    where the table fits, else one block per statement with the torch and NumPy sides stacked."""
    width = width or terminal_width()
    headings, cells = _headings(report), _table_cells(report)
    table = text_table(headings, cells) if text_table_width(headings, cells) <= width else _text_blocks(report, width)
    parts = [fit_text(_summary_line(report), width), table]
    if report.notes:
        notes = [say("compare.heading_notes"), *(f"- {note.text}" for note in report.notes)]
        parts.append(fit_text("\n".join(notes), width, indent=2))
    return "\n\n".join(parts)


def _target_code(row) -> str:
    return row.target_code.strip() if row.target_code is not None else say("compare.no_counterpart")


def _table_cells(report) -> list[list[str]]:
    rows = []
    for row, first in _first_of_statement(report):
        rows.append([str(row.lineno) if first else "", row.source_code if first else "",
                     _target_code(row) if first else "",
                     _text_value(row.source_value, row.shown_name), _text_value(row.target_value, row.shown_name),
                     say(f"compare.verdict.{row.status}")])
    return rows


def _text_blocks(report, width: int) -> str:
    """Per statement ``line N``, then each field on its own labelled lines (the table's headings as
    labels), every line fitted to ``width``: the narrow terminal's form of the table."""
    line, source_code, target_code, source_value, target_value, verdict = _headings(report)
    labels = [source_code, target_code, source_value, target_value, verdict]
    label_width = max(map(display_width, labels))
    blocks = []
    for row, first in _first_of_statement(report):
        fields = [(source_value, _text_value(row.source_value, row.shown_name)),
                  (target_value, _text_value(row.target_value, row.shown_name)),
                  (verdict, say(f"compare.verdict.{row.status}"))]
        if first:
            fields[:0] = [(source_code, row.source_code), (target_code, _target_code(row))]
            blocks.append([f"{line} {row.lineno}"])
        for label, text in fields:
            blocks[-1].extend(labelled_lines(label, text, label_width, width))
    return "\n\n".join("\n".join(block) for block in blocks)


def _text_value(summary, name) -> str:
    if summary is None:
        return ""
    return _meta(summary, name) + "\n" + summary.preview


def to_html(report) -> str:
    headings = _headings(report)
    head = "".join(f"<th>{escape(text)}</th>" for text in headings[:-1])
    head += f'<th class="d2l-compare-outcome">{escape(headings[-1])}</th>'
    body = []
    for row, first in _first_of_statement(report):
        if row.target_code is None:
            target = f"<em>{escape(say('compare.no_counterpart'))}</em>"
        else:
            target = f"<pre><code>{escape(row.target_code.strip())}</code></pre>"
        cells = [escape(row.lineno) if first else "",
                 f"<pre><code>{escape(row.source_code)}</code></pre>" if first else "",
                 target if first else "",
                 _html_value(row.source_value, row.shown_name), _html_value(row.target_value, row.shown_name)]
        body.append(f'<tr class="d2l-row-{row.status}">' + "".join(f"<td>{c}</td>" for c in cells)
                    + f'<td class="d2l-compare-outcome">{_badge(row)}</td></tr>')
    notes = ""
    if report.notes:
        items = "".join(f"<li>{prose_html(note.text)}</li>" for note in report.notes)
        notes = f'<ul class="d2l-notes">{items}</ul>'
    return (f'<div class="d2l-compare">{STYLE}<p class="d2l-summary">{escape(_summary_line(report))}</p>'
            f'<div class="d2l-compare-scroll"><table class="d2l-compare-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{notes}</div>")


def _html_value(summary, name) -> str:
    if summary is None:
        return ""
    return f'<div class="d2l-meta">{escape(_meta(summary, name))}</div><pre>{escape(summary.preview)}</pre>'


def _badge(row) -> str:
    badge = f'<span class="d2l-badge d2l-badge-{row.status}">{escape(say(f"compare.verdict.{row.status}"))}</span>'
    if row.note is not None and row.status != "dtype":
        badge += f'<div class="d2l-row-note">{prose_html(row.note.text)}</div>'
    return badge
