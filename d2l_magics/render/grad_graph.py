"""The grad_fn graph of a GradReport: an indented tree (text) and an SVG drawing (HTML), laid out
here with no graphviz program. A run of identical operations in a chain (a loop's ``y = y * 2``)
folds into one box with a count; the HTML keeps the unfolded graph behind a <details>.
Colours come from JupyterLab's theme variables, so the boxes read in the light and dark themes.
"""
from __future__ import annotations

from dataclasses import replace

from ..messages import say
from ..values import format_shape
from .common import escape

NODE_WIDTH, NODE_HEIGHT, LAYER_GAP, NODE_GAP = 136, 26, 22, 10
INK = "var(--jp-content-font-color1, #1a1a1a)"  # text and lines on the page's own background
LINE = "var(--jp-border-color1, #888)"
NODE_FILL = "var(--jp-layout-color2, #ffffff)"
OUTPUT_FILL = "var(--jp-layout-color3, #eeeeee)"
LEAF_FILL, HIGHLIGHT_FILL, ON_LIGHT = "#d6eaf8", "#ffd59e", "#1a1a1a"  # light boxes keep dark text



def _node_text(node, report) -> str:
    if node.leaf is None:
        return node.label
    record = report.leaves.get(node.leaf)
    shape = f" {format_shape(tuple(record.value.shape))}" if record is not None else ""
    return f"{node.leaf}{shape}"


def fold_runs(graph: list) -> list:
    """The graph with each chain of identical operations (each the only parent of the next)
    as one node labelled ``MulBackward0 ×12``; the same list when nothing repeats."""
    parents = [0] * len(graph)
    for node in graph:
        for child in node.children:
            parents[child] += 1

    def next_in_run(node):
        if len(node.children) != 1 or node.leaf is not None:
            return None
        child = graph[node.children[0]]
        return child if child.label == node.label and child.leaf is None and parents[child.id] == 1 else None

    inside = {child.id for node in graph if (child := next_in_run(node)) is not None}
    if not inside:
        return graph
    kept = [node for node in graph if node.id not in inside]
    new_id = {node.id: k for k, node in enumerate(kept)}
    folded = []
    for node in kept:
        last, count = node, 1
        while (following := next_in_run(last)) is not None:
            last, count = following, count + 1
        label = node.label if count == 1 else f"{node.label} ×{count}"
        folded.append(replace(node, id=new_id[node.id], label=label,
                              children=tuple(new_id[c] for c in last.children)))
    return folded


def graph_tree(report) -> list[str]:
    """The graph as an indented tree; a node reached twice is written once, then referred to."""
    if not report.graph:
        return [say("grad.graph.none")]
    drawn = len(report.graph)
    report = replace(report, graph=fold_runs(report.graph))
    lines = [report.output] if report.output else []
    seen = set()

    def visit(node_id, prefix, branch):
        node = report.graph[node_id]
        again = node_id in seen
        text = _node_text(node, report) + (" (↑)" if again and node.children else "")
        if node.leaf:
            text += f"  ← {node.label}"
        lines.append(prefix + branch + text)
        if again:
            return
        seen.add(node_id)
        below = prefix + ("│  " if branch == "├─ " else "   " if branch else "")
        for k, child in enumerate(node.children):
            visit(child, below, "└─ " if k == len(node.children) - 1 else "├─ ")

    visit(0, "", "└─ " if report.output else "")
    if report.graph_truncated:
        lines.append(say("grad.label.more_nodes", count=drawn))
    return lines


def _layers(graph) -> list[int]:
    """Each node's depth: its longest path from the output, so every edge points downwards."""
    depth = [0] * len(graph)
    for _ in range(len(graph)):
        changed = False
        for node in graph:
            for child in node.children:
                if depth[child] < depth[node.id] + 1:
                    depth[child] = depth[node.id] + 1
                    changed = True
        if not changed:
            break
    return depth


def _order_by_parents(graph, layers: dict[int, list[int]]) -> None:
    """Place each node under the mean position of its parents: fewer crossing edges."""
    parents: dict[int, list[int]] = {}
    for node in graph:
        for child in node.children:
            parents.setdefault(child, []).append(node.id)
    slot: dict[int, float] = {}
    for level in sorted(layers):
        ids = layers[level]
        ids.sort(key=lambda i: sum(slot.get(p, 0) for p in parents.get(i, [])) / max(len(parents.get(i, [])), 1))
        slot.update({node_id: k / max(len(ids), 1) for k, node_id in enumerate(ids)})


def graph_svg(report, highlight: str | None = None) -> str:
    """The graph, repeated operations folded; the whole graph behind a <details> when folded."""
    if not report.graph:
        return f"<div>{escape(say('grad.graph.none'))}</div>"
    extra = (f"<div>{escape(say('grad.label.more_nodes', count=len(report.graph)))}</div>"
             if report.graph_truncated else "")
    folded = fold_runs(report.graph)
    if folded is report.graph:
        return _graph_drawing(report, highlight) + extra
    whole = say("grad.label.unfold", count=len(report.graph))
    return (f"{_graph_drawing(replace(report, graph=folded), highlight)}{extra}"
            f"<details class='d2l-grad-graph-full'><summary>{escape(whole)}</summary>"
            f"{_graph_drawing(report, highlight)}</details>")


def _graph_drawing(report, highlight: str | None) -> str:
    """The graph drawn top (the output) to bottom (the leaves); ``highlight`` a leaf's name."""
    offset = 1 if report.output else 0
    depth = [d + offset for d in _layers(report.graph)]
    layers: dict[int, list[int]] = {}
    for node in report.graph:
        layers.setdefault(depth[node.id], []).append(node.id)
    _order_by_parents(report.graph, layers)
    widest = max(len(v) for v in layers.values())
    width = widest * (NODE_WIDTH + NODE_GAP)
    position = {}
    for level, ids in layers.items():
        left = (width - len(ids) * (NODE_WIDTH + NODE_GAP)) / 2
        for k, node_id in enumerate(ids):
            position[node_id] = (left + k * (NODE_WIDTH + NODE_GAP) + NODE_GAP / 2, level * (NODE_HEIGHT + LAYER_GAP))
    height = (max(depth) + 1) * (NODE_HEIGHT + LAYER_GAP)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" font-size="11" '
             f'class="d2l-grad-graph-svg">']
    for node in report.graph:
        x, y = position[node.id]
        for child in node.children:
            cx, cy = position[child]
            parts.append(f'<line x1="{x + NODE_WIDTH / 2:.0f}" y1="{y + NODE_HEIGHT}" '
                         f'x2="{cx + NODE_WIDTH / 2:.0f}" y2="{cy}" style="stroke:{LINE}"/>')
    if report.output:
        x = (width - NODE_WIDTH) / 2
        parts.append(_svg_node(x, 0, report.output, OUTPUT_FILL, INK))
        rx, ry = position[0]
        parts.append(f'<line x1="{x + NODE_WIDTH / 2:.0f}" y1="{NODE_HEIGHT}" x2="{rx + NODE_WIDTH / 2:.0f}" '
                     f'y2="{ry}" style="stroke:{LINE}"/>')
    for node in report.graph:
        x, y = position[node.id]
        if node.leaf:
            fill, ink = (HIGHLIGHT_FILL if node.leaf == highlight else LEAF_FILL), ON_LIGHT
        else:
            fill, ink = NODE_FILL, INK
        parts.append(_svg_node(x, y, _node_text(node, report), fill, ink, node.label))
    parts.append("</svg>")
    return "".join(parts)


def _svg_node(x: float, y: float, text: str, fill: str, ink: str, title: str | None = None) -> str:
    shown = text if len(text) <= 20 else text[:19] + "…"
    hover = f"<title>{escape(title or text)}</title>" if (title or shown != text) else ""
    return (f'<g><rect x="{x:.0f}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="4" '
            f'style="fill:{fill};stroke:{LINE}"/>{hover}<text x="{x + NODE_WIDTH / 2:.0f}" y="{y + 17}" '
            f'text-anchor="middle" style="fill:{ink}">{escape(shown)}</text></g>')


