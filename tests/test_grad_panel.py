"""What the %grad panel shows a learner: numbers for small tensors, one colour scale across slices,
a loop's graph folded, and colours from the JupyterLab theme (so the dark theme reads too)."""
from __future__ import annotations

import re

from test_grad import descendants, with_class

from d2l_magics.render.grad import to_html
from d2l_magics.render.widgets import build_panel


def numbers_in(html: str) -> list[str]:
    """The numbers of the d2l-grad-numbers tables in ``html``, in order."""
    tables = re.findall(r"<table class='d2l-grad-numbers'.*?</table>", html)
    return [cell for table in tables for cell in re.findall(r"<td[^>]*>([^<]*)</td>", table)]


def report_of(run, ip, setup: str, cell: str):
    assert run("import torch\n" + setup).error is None
    assert run("%%grad -o r\n" + cell).error is None
    return ip.user_ns["r"]


def test_a_small_tensor_shows_its_values_and_grad_as_numbers(run, ip):
    report = report_of(run, ip, "x = torch.arange(4.0, requires_grad=True)", "(2 * x * x).sum().backward()")
    panel = build_panel(report)
    assert numbers_in(with_class(panel, "d2l-grad-value")[0].value) == ["0", "1", "2", "3"]
    assert numbers_in(with_class(panel, "d2l-grad-grad")[0].value) == ["0", "4", "8", "12"]
    assert numbers_in(to_html(report)) == ["0", "1", "2", "3", "0", "4", "8", "12"]  # the static HTML too


def test_numbers_follow_the_slice_and_a_large_tensor_has_none(run, ip):
    report = report_of(run, ip, "v = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()\n"
                       "big = torch.ones(65, requires_grad=True)", "((v * 1).sum() + big.sum()).backward()")
    panel = build_panel(report)
    (tab,) = [w for w in descendants(panel) if type(w).__name__ == "Tab"]
    value = with_class(tab.children[0], "d2l-grad-value")[0]
    assert numbers_in(value.value) == [str(k) for k in range(12)]
    with_class(tab.children[0], "d2l-grad-slice")[0].value = 1
    assert numbers_in(value.value) == [str(k) for k in range(12, 24)]
    assert numbers_in(with_class(tab.children[1], "d2l-grad-value")[0].value) == []  # 65 elements: a picture only


def colour_bar_top(html: str) -> str:
    """The +scale label at the top of a heatmap's colour bar."""
    return re.search(r'<text x="\d+" y="10" font-size="10" fill="currentColor">([^<]*)</text>', html).group(1)


def test_every_slice_is_drawn_on_one_colour_scale_and_says_so(run, ip):
    report = report_of(run, ip, "v = torch.tensor([[[1.0, -2.0], [0.5, 1.0]], [[10.0, 3.0], [-23.0, 4.0]]], requires_grad=True)",
                       "(v * 1).sum().backward()")
    panel = build_panel(report)
    value = with_class(panel, "d2l-grad-value")[0]
    first = colour_bar_top(value.value)
    with_class(panel, "d2l-grad-slice")[0].value = 1
    assert colour_bar_top(value.value) == first == "23"
    assert "one colour scale for all 2 slices: ±23" in value.value


def test_a_loops_repeated_nodes_fold_into_one_with_a_count(run, ip):
    report = report_of(run, ip, "x = torch.ones(3, requires_grad=True)",
                       "y = x\nfor _ in range(12):\n    y = y * 2\ny.sum().backward()")
    graph = with_class(build_panel(report), "d2l-grad-graph")[0].value
    folded, _, whole = graph.partition("<details class='d2l-grad-graph-full'>")
    assert ">MulBackward0 ×12<" in folded and ">MulBackward0<" not in folded
    assert whole.count(">MulBackward0</text>") == 12 and "every one of its 14 nodes" in whole
    assert any("MulBackward0 ×12" in line for line in report._repr_mimebundle_()["text/plain"].splitlines())


def test_colours_come_from_the_theme(run, ip):
    report = report_of(run, ip, "W = torch.randn(3, 4, requires_grad=True)", "(W * W).sum().backward()")
    html = to_html(report)
    graph = html[html.index("d2l-grad-graph-svg"):]
    assert "fill:var(--jp-layout-color2" in graph and "fill:var(--jp-content-font-color1" in graph
    assert 'fill="#ffffff"' not in graph and "fill:#ffffff" not in graph  # no white box in the dark theme
    flags = re.search(r"<div class='d2l-grad-flags' style='([^']*)'>([^<]*)</div>", html)
    assert "var(--jp-content-font-color2" in flags.group(1) and "device=cpu" in flags.group(2)
    labels = re.findall(r"<text [^>]*>", html[:html.index("d2l-grad-graph-svg")])
    assert labels and all('fill="currentColor"' in label for label in labels)  # axis and colour-bar labels
