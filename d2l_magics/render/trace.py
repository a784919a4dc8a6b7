"""A ShapeTrace as text (terminal IPython) and as HTML: the learner's code, line by line, with each
operation's shapes under it, right-aligned in a monospace block so matching axes stand in columns."""
from __future__ import annotations

from ..messages import say
from ..tracing import ShapeTrace
from ..tracing.aftermath import ShapeExplanation
from ..tracing.explain import KINDS
from ..values import format_shape
from .common import (
    by_report_type,
    display_width,
    escape,
    fit_line,
    fit_table,
    fit_text,
    labelled,
    pad,
    terminal_width,
)

CSS = """
.d2l-trace { font-family: var(--jp-content-font-family, sans-serif); font-size: 13px; }
.d2l-trace-heading { font-weight: bold; margin-bottom: 4px; }
.d2l-trace pre { margin: 0; font-family: var(--jp-code-font-family, monospace); background: none; }
.d2l-trace-code { color: var(--jp-content-font-color1, #222); }
.d2l-trace-lineno { color: var(--jp-content-font-color2, #666); user-select: none; }
.d2l-trace-event { margin: 2px 0 6px 3em; padding: 2px 8px; border-left: 3px solid #7aa6da; }
.d2l-trace-event.d2l-trace-error { border-left-color: #d9534f; background: rgba(217, 83, 79, 0.08); }
.d2l-trace-kind { font-size: 11px; padding: 0 4px; border-radius: 3px; background: rgba(122, 166, 218, 0.25); }
.d2l-trace-error .d2l-trace-kind { background: rgba(217, 83, 79, 0.25); }
.d2l-trace-count, .d2l-trace-also, .d2l-trace-hidden { color: var(--jp-content-font-color2, #666); }
.d2l-trace table.d2l-trace-shapes { border-collapse: collapse; margin: 0; table-layout: auto; font-size: inherit;
  color: var(--jp-content-font-color1, #245); }
.d2l-trace table.d2l-trace-shapes tbody tr:nth-child(n), .d2l-trace table.d2l-trace-shapes tbody tr:hover {
  background: none; }
.d2l-trace table.d2l-trace-shapes td { padding: 0 12px 0 0; text-align: left; vertical-align: baseline;
  border: none; }
.d2l-trace-fix { font-weight: bold; }
.d2l-trace table.d2l-trace-layers td, .d2l-trace table.d2l-trace-layers th { padding: 1px 8px; text-align: left; }
.d2l-trace table.d2l-trace-layers tr.d2l-trace-error { background: rgba(217, 83, 79, 0.08); }
"""


def aligned_shapes(shapes) -> list[str]:
    """Shapes written as tuples, padded so that axes counted from the right stand in columns."""
    known = [tuple(s) for s in shapes if s is not None]
    depth = max((len(s) for s in known), default=0)
    widths = [max((len(str(s[-k])) for s in known if len(s) >= k), default=1) for k in range(depth, 0, -1)]
    lines = []
    for shape in shapes:
        if shape is None:
            lines.append("-")
            continue
        shape = tuple(shape)
        missing = depth - len(shape)
        cells = [str(n).rjust(widths[missing + i]) for i, n in enumerate(shape)]
        lead = " " * sum(w + 2 for w in widths[:missing])
        lines.append(lead + ("(" + ", ".join(cells) + ("," if len(cells) == 1 else "") + ")" if cells else "()"))
    return lines


def shape_rows(event) -> list[tuple[str, str]]:
    """(label, shape text) for each operand and the result."""
    labels = [label or "?" for label in event.labels] or []
    rows = list(zip(labels, event.in_shapes))
    if not event.failed:
        rows.append((say("trace.result_label"), event.out_shape))
    shapes = [s for _, s in rows]
    # right-aligned axes are how broadcasting pairs them; for a reshape or a matmul they would mislead
    texts = aligned_shapes(shapes) if KINDS[event.kind].aligned else [format_shape(s) for s in shapes]
    return [(_short(label), text) for (label, _), text in zip(rows, texts)]


def shape_block(event) -> list[str]:
    """The shape rows as text lines, labels padded to one width (a Chinese character counts two)."""
    rows = shape_rows(event)
    width = max((display_width(label) for label, _ in rows), default=0)
    return [f"{pad(label, width)}  {shape}" for label, shape in rows]


def shape_table_html(event) -> str:
    """The shape rows as a table: the labels in cells of their own, so that a label in Chinese,
    which no code font sizes at exactly two columns, cannot push its shape out of line."""
    rows = shape_rows(event)
    if not rows:
        return ""
    cells = "".join(f'<tr><td>{escape(label)}</td><td><pre>{escape(shape)}</pre></td></tr>' for label, shape in rows)
    return f'<table class="d2l-trace-shapes">{cells}</table>'


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _extra_lines(event) -> list[str]:
    lines = [say("trace.signature", shapes=", ".join(format_shape(s) for s in sig.in_shapes),
                 out=format_shape(sig.out_shape), n=sig.count) for sig in event.signatures[1:]]
    if event.more:
        lines.append(say("trace.more_signatures", n=event.more))
    return lines


def _events_by_line(report):
    shown = report.shown
    by_line: dict[int, list] = {}
    for event in shown:
        by_line.setdefault(event.line, []).append(event)
    return shown, by_line


def _header(event) -> tuple[str, str, str]:
    kind = say(f"trace.kind.{event.kind}")
    count = say("trace.count", n=event.count) if event.count > 1 else ""
    return event.op, kind, count


to_text = by_report_type("text")
to_html = by_report_type("HTML")


@to_text.register(ShapeTrace)
def trace_text(report, width: int | None = None) -> str:
    """The trace in ``width`` columns: every line wraps with a hanging indent, the learner's code
    under its line number's gutter."""
    width = width or terminal_width()
    shown, by_line = _events_by_line(report)
    out = [say("trace.heading")]
    lines = report.source.splitlines()
    number_width = len(str(len(lines)))
    for number, code in enumerate(lines, 1):
        out.extend(_code_lines(str(number).rjust(number_width), code, width))
        for event in by_line.get(number, ()):
            indent = " " * (number_width + 5)
            op, kind, count = _header(event)
            tag = say("trace.error_heading") if event.failed else kind
            out.append(f"{indent}{op}   [{tag}] {count}".rstrip())
            out.extend(f"{indent}  {row}" for row in shape_block(event))
            out.append(f"{indent}  {event.note}")
            if event.fix:
                out.append(f"{indent}  {say('trace.fix', fix=event.fix)}")
            out.extend(f"{indent}  {line}" for line in _extra_lines(event))
            if event.failed and report.exception is not None:
                out.append(f"{indent}  {say('trace.raised', type=type(report.exception).__name__)}")
    out.extend(_footer(report, shown))
    if report.layer_error:
        out.append(report.layer_error)
    out.extend(layers_text(report.layers, width))
    return fit_text("\n".join(out), width, indent=2)


def _code_lines(number: str, code: str, width: int) -> list[str]:
    """``3 | code``; a line too long goes on after a blank number, four spaces further in, as a
    continuation line of Python is indented."""
    indent = len(code) - len(code.lstrip(" ")) + 4
    first, *rest = fit_line(code, max(1, width - len(number) - 3), indent)
    return [f"{number} | {first}", *(f"{' ' * len(number)} | {piece}" for piece in rest)]


def _footer(report, shown) -> list[str]:
    footer = []
    if not report.events:
        footer.append(say("trace.no_events"))
    hidden = len(report.events) - len(shown)
    if hidden:
        footer.append(say("trace.hidden", n=hidden))
    return footer


def _event_html(event, report) -> str:
    op, kind, count = _header(event)
    classes = "d2l-trace-event d2l-trace-error" if event.failed else f"d2l-trace-event d2l-trace-{event.kind}"
    tag = say("trace.error_heading") if event.failed else kind
    parts = [f'<div class="{classes}">',
             f'<div class="d2l-trace-op"><code>{escape(op)}</code> <span class="d2l-trace-kind">{escape(tag)}</span>'
             f' <span class="d2l-trace-count">{escape(count)}</span></div>']
    parts.append(shape_table_html(event))
    parts.append(f'<div class="d2l-trace-note">{escape(event.note)}</div>')
    if event.fix:
        parts.append(f'<div class="d2l-trace-fix">{escape(say("trace.fix", fix=event.fix))}</div>')
    parts.extend(f'<div class="d2l-trace-also">{escape(line)}</div>' for line in _extra_lines(event))
    if event.failed and report.exception is not None:
        parts.append(f'<div class="d2l-trace-also">'
                     f'{escape(say("trace.raised", type=type(report.exception).__name__))}</div>')
    parts.append("</div>")
    return "".join(parts)


@to_html.register(ShapeTrace)
def trace_html(report) -> str:
    shown, by_line = _events_by_line(report)
    parts = [f'<div class="d2l-trace"><style>{CSS}</style>',
             f'<div class="d2l-trace-heading">{escape(say("trace.heading"))}</div>']
    lines = report.source.splitlines()
    for number, code in enumerate(lines, 1):
        parts.append(f'<pre class="d2l-trace-code"><span class="d2l-trace-lineno">{number:>{len(str(len(lines)))}}'
                     f'</span>  {escape(code)}</pre>')
        parts.extend(_event_html(event, report) for event in by_line.get(number, ()))
    parts.extend(f'<div class="d2l-trace-hidden">{escape(line)}</div>' for line in _footer(report, shown))
    if report.layer_error:
        parts.append(f'<div class="d2l-trace-event d2l-trace-error">{escape(report.layer_error)}</div>')
    parts.append(layers_html(report.layers))
    parts.append("</div>")
    return "".join(parts)


# -- a model's layers ---------------------------------------------------------------------------

def _layer_cells(layer) -> list[str]:
    shapes = ", ".join(format_shape(s) for s in layer.in_shapes) or "-"
    out = say("trace.layer_raised") if layer.failed else format_shape(layer.out_shape)
    count = f" {say('trace.count', n=layer.calls)}" if layer.calls > 1 else ""
    return ["  " * layer.depth + layer.name, layer.cls, shapes, out + count, f"{layer.parameters:,}"]


def layers_text(layers, width: int) -> list[str]:
    if not layers:
        return []
    return [say("trace.layers_heading"),
            fit_table(say("trace.layers_columns").split("|"), [_layer_cells(layer) for layer in layers], width)]


def layers_html(layers) -> str:
    if not layers:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in say("trace.layers_columns").split("|"))
    rows = "".join('<tr class="d2l-trace-error">' * layer.failed + "<tr>" * (not layer.failed)
                   + "".join(f"<td><code>{escape(cell)}</code></td>" for cell in _layer_cells(layer)) + "</tr>"
                   for layer in layers)
    return (f'<div class="d2l-trace-heading">{escape(say("trace.layers_heading"))}</div>'
            f'<table class="d2l-trace-layers"><tr>{head}</tr>{rows}</table>')


# -- explain mode: a shape error explained from its traceback ------------------------------------

def _explanation_lines(explanation) -> list[str]:
    event = explanation.event
    lines = []
    if event is not None:
        lines.extend(shape_block(event))
        lines.append(event.note)
        if event.fix:
            lines.append(say("trace.fix", fix=event.fix))
    if explanation.layer:
        lines.append(explanation.layer)
    if event is None or event.kind == "call":
        lines.append(explanation.plain)
    return lines


@to_text.register(ShapeExplanation)
def explanation_text(explanation, width: int | None = None) -> str:
    heading = say("trace.explain_heading", line=explanation.line)
    lines = [labelled(heading, explanation.code), *(f"  {line}" for line in _explanation_lines(explanation))]
    return fit_text("\n".join(lines), width or terminal_width(), indent=2)


@to_html.register(ShapeExplanation)
def explanation_html(explanation) -> str:
    heading = say("trace.explain_heading", line=explanation.line)
    block = shape_block(explanation.event) if explanation.event is not None else []
    body = _explanation_lines(explanation)[len(block):]
    return "".join([
        f'<div class="d2l-trace d2l-trace-explain"><style>{CSS}</style>',
        f'<div class="d2l-trace-heading">{labelled(escape(heading), f"<code>{escape(explanation.code)}</code>")}</div>',
        '<div class="d2l-trace-event d2l-trace-error">',
        shape_table_html(explanation.event) if explanation.event is not None else "",
        *(f'<div class="d2l-trace-note">{escape(line)}</div>' for line in body),
        "</div></div>"])
