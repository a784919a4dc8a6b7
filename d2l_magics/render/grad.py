"""A GradReport as text (terminal IPython) and as HTML with inline SVG pictures (notebooks).

Pictures: bars for 1-D, a heatmap with a colour scale for 2-D, one 2-D slice at a time for more
dimensions. Colours are symmetric around zero (blue negative, white zero, red positive) because the
sign of a gradient is what a learner reads first. Large tensors are shown as block means, so a
1000 x 1000 gradient draws as at most 32 x 32 cells. The graph is drawn by render/grad_graph.py.
The widget panel (render/widgets.py) reuses these pieces.
"""
from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..messages import get_language, say
from ..values import dtype_name, format_shape, preview, to_numpy
from .common import escape, fit_table, fit_text, labelled, terminal_width
from .grad_graph import graph_svg, graph_tree

if TYPE_CHECKING:
    import torch

MAX_BARS = 64
MAX_CELLS = 32  # per side of a heatmap
CELL_TITLES_UP_TO = 16  # per side: hover titles with each value on small heatmaps
FULL_TEXT_UP_TO = 64  # elements printed in full in the text report
NEGATIVE, ZERO, POSITIVE, NON_FINITE = (59, 111, 182), (255, 255, 255), (192, 57, 43), "#999999"
COLOUR_STEPS = 16  # shades per sign: few enough that a big heatmap is one SVG path per shade
NUMBERS_UP_TO = 64  # elements: a tensor this small also shows its values as numbers
NUMBERS_PER_ROW = 8  # a 1-D tensor's numbers
# Text colours from JupyterLab's theme (light and dark), with the light theme's as fallbacks.
MUTED = "var(--jp-content-font-color2, #444444)"
GOOD, BAD = "var(--jp-success-color1, #1e7b34)", "var(--jp-error-color1, #b03a2e)"


# -- numbers ------------------------------------------------------------------------------------

def number(x) -> str:
    return f"{float(x):.4g}"


def _as_numbers(tensor) -> np.ndarray:
    """Floats to draw: integers and booleans as float64, complex numbers by their magnitude."""
    array = to_numpy(tensor)
    if array.dtype.kind == "c":
        return np.abs(array)
    return array.astype(np.float64) if array.dtype.kind in "biu" else array


def slice_count(shape) -> int:
    """How many 2-D slices a tensor of ``shape`` shows one at a time (1 for 0-, 1- and 2-D)."""
    return int(np.prod(shape[:-2])) if len(shape) > 2 else 1


def slice_of(array: np.ndarray, index: int) -> np.ndarray:
    if array.ndim <= 2:
        return array
    return array.reshape(-1, *array.shape[-2:])[index]


def slice_label(shape, index: int) -> str:
    """``[1, 0, :, :]`` for flat slice ``index`` of ``shape``."""
    lead = np.unravel_index(index, shape[:-2]) if len(shape) > 2 else ()
    return "[" + ", ".join([*(str(int(i)) for i in lead), ":", ":"]) + "]"


def block_means(array: np.ndarray, limits: tuple[int, ...]) -> np.ndarray:
    """Shrink each axis to at most its limit by averaging consecutive blocks (reduceat: fast)."""
    for axis, limit in enumerate(limits):
        n = array.shape[axis]
        if n <= limit:
            continue
        size = math.ceil(n / limit)
        starts = np.arange(0, n, size)
        counts = np.diff(np.append(starts, n))
        sums = np.add.reduceat(array, starts, axis=axis)
        shape = [1] * array.ndim
        shape[axis] = len(counts)
        array = sums / counts.reshape(shape)
    return array


# -- colours ------------------------------------------------------------------------------------

def _shade(k: int) -> str:
    """Shade ``k`` of the scale, -COLOUR_STEPS (most negative) to +COLOUR_STEPS."""
    t = k / COLOUR_STEPS
    end = POSITIVE if t > 0 else NEGATIVE
    red, green, blue = (round(z + (e - z) * abs(t)) for z, e in zip(ZERO, end))
    return f"#{red:02x}{green:02x}{blue:02x}"


PALETTE = tuple(_shade(k) for k in range(-COLOUR_STEPS, COLOUR_STEPS + 1))


def shade_indices(values: np.ndarray, scale: float) -> np.ndarray:
    """Each value's shade as an index into PALETTE; -1 for NaN and infinities."""
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.zeros(values.shape) if scale == 0 else np.clip(values / scale, -1.0, 1.0)
    index = np.rint(t * COLOUR_STEPS) + COLOUR_STEPS
    return np.where(np.isfinite(values), np.nan_to_num(index), -1).astype(np.int64)


def colour(value: float, scale: float) -> str:
    index = int(shade_indices(np.array([value]), scale)[0])
    return NON_FINITE if index < 0 else PALETTE[index]


def _scale(array: np.ndarray) -> float:
    finite = array[np.isfinite(array)]
    return float(np.abs(finite).max()) if finite.size else 0.0


# -- pictures -----------------------------------------------------------------------------------

def picture(tensor, heading: str, index: int = 0) -> str:
    """HTML (a heading and an inline SVG) for ``tensor``: bars, a heatmap, or a number; a small
    tensor's numbers beside it. Every slice of a tensor is drawn on the one colour scale."""
    drawings = _drawings(tensor)
    key = (heading, index, get_language())
    if key not in drawings.pictures:
        drawings.pictures[key] = _picture(tensor, drawings.drawn, heading, index)
    return drawings.pictures[key]


def _picture(tensor, drawn: np.ndarray, heading: str, index: int) -> str:
    array = _as_numbers(tensor)
    shape = array.shape
    scale = _scale(drawn)
    note = ""
    if array.ndim > 2:
        array, drawn = slice_of(array, index), slice_of(drawn, index)
        heading = f"{heading} {slice_label(shape, index)}"
        note = _small_note(say("grad.label.one_scale", count=slice_count(shape), scale=number(scale)))
    if array.size == 0:
        body = f"<div>{escape(say('grad.label.empty'))}</div>"
    elif array.ndim == 0:
        body = _svg_number(float(array))
    elif array.ndim == 1:
        body = _svg_bars(drawn, array.shape, scale)
    else:
        body = _svg_heatmap(drawn, array.shape, scale)
    if 0 < array.ndim and 0 < tensor.numel() <= NUMBERS_UP_TO:
        body = (f'<div style="display:flex;gap:10px;align-items:flex-start">{body}'
                f'{_numbers_html(array, say("grad.label.numbers", label=heading))}</div>')
    return (f'<div style="display:inline-block;vertical-align:top;margin:4px 12px 4px 0">'
            f'<div style="font-weight:bold">{escape(heading)}</div>{body}{note}</div>')


@dataclass
class _Drawings:
    """What was drawn of one tensor: a report's HTML and its widget panel draw the same
    pictures, and a slider comes back to a slice. Only small things are kept: the block means
    (at most 32 x 32 per slice) and the pictures' HTML."""

    tensor: weakref.ref
    version: int
    drawn: np.ndarray
    pictures: dict = field(default_factory=dict)  # (heading, slice, language) -> HTML


_DRAWINGS: dict[int, _Drawings] = {}  # by id(tensor), checked against the weak reference
DRAWINGS_KEPT = 8  # tensors


def _drawings(tensor: torch.Tensor) -> _Drawings:
    kept = _DRAWINGS.get(id(tensor))
    if kept is not None and kept.tensor() is tensor and kept.version == tensor._version:
        return kept
    while len(_DRAWINGS) >= DRAWINGS_KEPT:
        del _DRAWINGS[next(iter(_DRAWINGS))]
    kept = _DRAWINGS[id(tensor)] = _Drawings(weakref.ref(tensor), tensor._version, _drawn_values(_as_numbers(tensor)))
    return kept


def _drawn_values(array: np.ndarray) -> np.ndarray:
    """What the pictures of every slice draw (block means of a large one): the scale's range."""
    if array.ndim <= 1:
        return block_means(array, (MAX_BARS,) * array.ndim)
    return block_means(array, (*array.shape[:-2], MAX_CELLS, MAX_CELLS))


def _numbers_html(array: np.ndarray, title: str) -> str:
    """The values as a small table: a 2-D slice as it is, a 1-D tensor in rows of eight."""
    rows = [array[k:k + NUMBERS_PER_ROW] for k in range(0, array.size, NUMBERS_PER_ROW)] if array.ndim == 1 else array
    body = "".join("<tr>" + "".join(f"<td style='padding:0 4px;text-align:right'>{escape(number(v))}</td>"
                                    for v in row) + "</tr>" for row in rows)
    return (f"<table class='d2l-grad-numbers' title='{escape(title)}' style='border-collapse:collapse;"
            f"font-family:monospace;font-size:11px;color:inherit'>{body}</table>")


def _small_note(text: str) -> str:
    return f'<div style="font-size:11px;color:{MUTED}">{escape(text)}</div>'


def _svg_number(value: float) -> str:
    fill = colour(value, abs(value))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="36">'
            f'<rect x="1" y="1" width="118" height="34" fill="{fill}" stroke="#888"/>'
            f'<text x="60" y="23" text-anchor="middle" font-size="13" fill="{_ink_on(fill)}">'
            f'{escape(number(value))}</text></svg>')


def _ink_on(fill: str) -> str:
    """Black or white text, whichever reads on ``fill`` (a #rrggbb colour of the scale)."""
    if not fill.startswith("#") or len(fill) != 7:
        return "#000000"
    red, green, blue = (int(fill[k:k + 2], 16) / 255 for k in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 0.4 else "#ffffff"


def _downsampled_note(original_shape, shown_shape) -> str:
    if tuple(original_shape) == tuple(shown_shape):
        return ""
    return _small_note(say("grad.label.downsampled", shown=format_shape(shown_shape),
                           shape=format_shape(original_shape)))


def _svg_bars(shown: np.ndarray, shape: tuple, scale: float) -> str:
    """Bars (``shown``: block means of a 1-D ``shape``) from a zero line: at the bottom when all
    values are >= 0, the top when all <= 0."""
    finite = shown[np.isfinite(shown)]
    width, height = 260, 90
    zero: float
    room: float
    if finite.size and finite.min() >= 0:
        zero, room = height, height - 2
    elif finite.size and finite.max() <= 0:
        zero, room = 0, height - 2
    else:
        zero, room = height / 2, height / 2 - 2
    bar = width / len(shown)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 60}" height="{height + 1}">',
             f'<line x1="0" y1="{zero}" x2="{width}" y2="{zero}" stroke="#aaa"/>']
    titled = shown.shape == shape
    for i, value in enumerate(shown):
        v = float(value)
        length = 0.0 if scale == 0 or not math.isfinite(v) else room * abs(v) / scale
        top = zero - length if v > 0 else zero
        title = f"<title>[{i}] {number(v)}</title>" if titled else ""
        parts.append(f'<rect x="{i * bar:.1f}" y="{top:.1f}" width="{max(bar - 1, 1):.1f}" '
                     f'height="{max(length, 0.5):.1f}" fill="{colour(v, scale)}" stroke="#666" '
                     f'stroke-width="0.3">{title}</rect>')
    labels = [(zero, "0")]
    if finite.size and finite.max() > 0:
        labels.append((zero - room, number(scale)))
    if finite.size and finite.min() < 0:
        labels.append((zero + room, number(-scale)))
    parts += [f'<text x="{width + 4}" y="{min(max(y + 4, 10), height)}" font-size="10" fill="currentColor">'
              f'{escape(t)}</text>'
              for y, t in labels]
    return "".join(parts) + "</svg>" + _downsampled_note(shape, shown.shape)


def _svg_heatmap(shown: np.ndarray, shape: tuple, scale: float) -> str:
    """A heatmap of ``shown`` (block means of a 2-D ``shape``) with its colour bar."""
    rows, cols = shown.shape
    cell = max(4, min(24, 192 // max(rows, cols)))
    width, height = cols * cell, rows * cell
    titled = rows <= CELL_TITLES_UP_TO and cols <= CELL_TITLES_UP_TO and shown.shape == shape
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 70}" height="{max(height, 60) + 2}">']
    if titled:  # small: one rect per element, with its value on hover
        for r in range(rows):
            for c in range(cols):
                v = float(shown[r, c])
                parts.append(f'<rect x="{c * cell}" y="{r * cell}" width="{cell}" height="{cell}" '
                             f'fill="{colour(v, scale)}"><title>[{r}, {c}] {number(v)}</title></rect>')
    else:  # large: one path per shade keeps the SVG (and the widget state) small
        shades = shade_indices(shown, scale)
        for shade in np.unique(shades).tolist():
            cells = "".join(f"M{c * cell} {r * cell}h{cell}v{cell}h-{cell}z"
                            for r, c in zip(*(axis.tolist() for axis in np.nonzero(shades == shade))))
            parts.append(f'<path fill="{PALETTE[shade] if shade >= 0 else NON_FINITE}" d="{cells}"/>')
    parts.append(_colour_scale(width + 10, max(height, 60), scale))
    return "".join(parts) + "</svg>" + _downsampled_note(shape, shown.shape)


def _colour_scale(x: int, height: int, scale: float) -> str:
    """A vertical bar of every shade, +scale at the top through 0 to -scale at the bottom."""
    steps = 2 * COLOUR_STEPS + 1
    band = height / steps
    shades = "".join(f'<rect x="{x}" y="{k * band:.1f}" width="10" height="{band + 0.5:.1f}" '
                     f'fill="{PALETTE[steps - 1 - k]}"/>' for k in range(steps))
    return (f'{shades}<rect x="{x}" y="0" width="10" height="{height}" fill="none" stroke="#888"/>'
            f'<text x="{x + 13}" y="10" font-size="10" fill="currentColor">{escape(number(scale))}</text>'
            f'<text x="{x + 13}" y="{height / 2 + 4:.0f}" font-size="10" fill="currentColor">0</text>'
            f'<text x="{x + 13}" y="{height}" font-size="10" fill="currentColor">{escape(number(-scale))}</text>')


# -- stats, flags, checks -----------------------------------------------------------------------

def _stat_rows(record) -> list[list[str]]:
    rows = []
    for key, tensor, summary in (("value", record.value, record.value_summary),
                                 ("grad", record.grad, record.grad_summary)):
        if tensor is None:
            continue
        numbers = [summary.min, summary.max, summary.mean, summary.norm]
        rows.append([say(f"grad.label.{key}"), format_shape(tuple(tensor.shape)), dtype_name(tensor) or "-",
                     *("-" if x is None else number(x) for x in numbers)])
    return rows


def _stat_headers() -> list[str]:
    return [""] + [say(f"grad.label.{k}") for k in ("shape", "dtype", "min", "max", "mean", "norm")]


def flags_text(record) -> str:
    return (f"requires_grad={record.requires_grad}  is_leaf={record.is_leaf}  "
            f"grad_fn={record.grad_fn}  {say('grad.label.device')}={record.value.device}")


def stats_html(record) -> str:
    head = "".join(f"<th style='padding:0 8px;text-align:left'>{escape(h)}</th>" for h in _stat_headers())
    body = "".join("<tr>" + "".join(f"<td style='padding:0 8px'>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in _stat_rows(record))
    note = f"<div>{escape(record.note.text)}</div>" if record.note else ""
    return (f"<table style='border-collapse:collapse;font-family:monospace'><tr>{head}</tr>{body}</table>"
            f"<div class='d2l-grad-flags' style='font-family:monospace;color:{MUTED}'>"
            f"{escape(flags_text(record))}</div>{note}")


def check_lines(name: str, check) -> list[str]:
    lines = []
    if check.n_checked < check.n_total:
        capped = "grad.check.timed" if check.time_limited else "grad.check.capped"
        lines.append(say(capped, name=name, total=check.n_total, checked=check.n_checked))
    verdict = "grad.check.ok" if check.ok else "grad.check.bad" if check.custom_function else "grad.check.bad_plain"
    outcome = say(verdict, err=number(check.max_abs_err))
    lines.append(labelled(say("grad.label.check"), outcome))
    return lines


def check_html(name: str, check) -> str:
    if check is None:
        return ""
    # the verdict's colour is an edge beside the words: a green or red text is too faint on one theme or the other
    edge = GOOD if check.ok else BAD
    lines = "".join(f"<div>{escape(line)}</div>" for line in check_lines(name, check))
    return f"<div class='d2l-grad-check' style='border-left:4px solid {edge};padding-left:6px'>{lines}</div>"


def notes_html(report) -> str:
    """The explanation and the warnings, each under its heading."""
    parts = []
    if report.explanation is not None:
        parts.append(f"<div style='border-left:4px solid #b03a2e;padding:4px 8px;margin:4px 0'>"
                     f"<b>{escape(say('grad.label.explanation'))}</b><br>{escape(report.explanation.text)}</div>")
    for note in report.warnings:
        parts.append(f"<div style='border-left:4px solid #d4a017;padding:4px 8px;margin:4px 0'>"
                     f"<b>{escape(say('grad.label.warnings'))}</b><br>{escape(note.text)}</div>")
    return "".join(parts)


# -- the whole report ---------------------------------------------------------------------------

def _full_or_preview(tensor, width: int) -> str:
    """A small tensor's every number, rows broken by NumPy itself to fit ``width`` columns."""
    if tensor.numel() <= FULL_TEXT_UP_TO:
        return np.array2string(to_numpy(tensor), precision=4, suppress_small=True, max_line_width=width)
    return preview(tensor)


def to_text(report, width: int | None = None) -> str:
    """The report in ``width`` columns (the terminal's when not given), each line wrapped with a
    hanging indent; the stats table wraps or stacks as every table does (``fit_table``)."""
    width = width or terminal_width()
    lines = [say("grad.heading", count=len(report.leaves))]
    if report.explanation is not None:
        lines += ["", labelled(say("grad.label.explanation"), report.explanation.text)]
    lines += [labelled(say("grad.label.warnings"), note.text) for note in report.warnings]
    for name, record in report.leaves.items():
        lines += ["", f"== {name} ==  {flags_text(record)}"]
        if record.note:
            lines.append(record.note.text)
        lines.append(fit_table(_stat_headers(), _stat_rows(record), width))
        for key, tensor in (("value", record.value), ("grad", record.grad)):
            if tensor is not None:
                body = _full_or_preview(tensor, width - 4).replace("\n", "\n    ")
                lines.append(f"{labelled(say(f'grad.label.{key}'))}\n    {body}")
        if name in report.checks:
            lines += check_lines(name, report.checks[name])
    lines += ["", labelled(say("grad.label.graph")), *graph_tree(report)]
    return fit_text("\n".join(lines), width, indent=2)


def leaf_html(report, name: str, index: int = 0) -> str:
    record = report.leaves[name]
    pictures = picture(record.value, say("grad.label.value"), index)
    if record.grad is not None:
        pictures += picture(record.grad, say("grad.label.grad"), index)
    return (f"<section class='d2l-grad-leaf' style='margin:8px 0'><h4 style='margin:4px 0'>{escape(name)}</h4>"
            f"<div>{pictures}</div><div class='d2l-grad-stats'>{stats_html(record)}</div>"
            f"{check_html(name, report.checks.get(name))}</section>")


def to_html(report) -> str:
    leaves = "".join(leaf_html(report, name) for name in report.leaves)
    return (f"<div class='d2l-grad-report'><div style='font-weight:bold'>"
            f"{escape(say('grad.heading', count=len(report.leaves)))}</div>"
            f"<div class='d2l-grad-explanation'>{notes_html(report)}</div>{leaves}"
            f"<div class='d2l-grad-graph'><div style='font-weight:bold'>{escape(say('grad.label.graph'))}</div>"
            f"{graph_svg(report)}</div></div>")
