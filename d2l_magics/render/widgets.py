"""The %grad panel as ipywidgets: one tab per tensor, pictures that follow a slice slider.

The only module besides magics.py that imports ipywidgets. Every piece of HTML comes from
render/grad.py, so the panel and the static HTML report show the same pictures and words.
Each part carries a CSS class (``d2l-grad-...``) that tests and browser tests look for.
"""
from __future__ import annotations

import ipywidgets as widgets
from IPython import get_ipython
from ipywidgets.widgets.widget_string import HTMLStyle

from ..messages import say
from .grad import check_html, graph_svg, notes_html, picture, slice_count, stats_html

# ipywidgets draws the tabs that are not selected in a grey that reads below 4.5:1 in both themes
PANEL_STYLE = ("<style>.d2l-grad-panel .lm-TabBar-tab, .d2l-grad-panel .lm-TabBar-tabLabel"
               " { color: var(--jp-ui-font-color1) !important; opacity: 1 !important; }</style>")


def _html(value: str, css_class: str, look: dict):
    """An HTML widget; the panel's HTML widgets share one layout and one style (fewer models sent)."""
    return _tagged(widgets.HTML(value, **look), css_class)


def _tagged(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def widget_view(report) -> dict:
    """The panel's widget-view bundle where a kernel's front end can show widgets; empty in
    terminal IPython or a script, where the report's text and HTML are what is seen."""
    if getattr(get_ipython(), "kernel", None) is None:
        return {}
    return build_panel(report)._repr_mimebundle_()


def build_panel(report) -> widgets.VBox:
    """The panel for ``report``: explanation and warnings on top, then a tab per tensor."""
    look = {"layout": widgets.Layout(), "style": HTMLStyle()}
    parts = [_html(PANEL_STYLE + notes_html(report), "d2l-grad-explanation", look)]
    names = list(report.leaves)
    if names:
        parts.append(widgets.Tab(children=[leaf_tab(report, name, look) for name in names], titles=names))
    else:
        parts.append(_html(graph_svg(report), "d2l-grad-graph", look))
    return _tagged(widgets.VBox(parts), "d2l-grad-panel")


def leaf_tab(report, name: str, look: dict) -> widgets.VBox:
    record = report.leaves[name]
    value_label, grad_label = say("grad.label.value"), say("grad.label.grad")  # the language now, not at a later slide
    value = _html(picture(record.value, value_label), "d2l-grad-value", look)
    grad = _html(picture(record.grad, grad_label) if record.grad is not None else "", "d2l-grad-grad", look)
    children = []
    slices = slice_count(tuple(record.value.shape))
    if slices > 1:
        slider = _tagged(widgets.IntSlider(value=0, min=0, max=slices - 1, description=say("grad.label.slice"),
                                           continuous_update=False), "d2l-grad-slice")

        def show_slice(change):
            value.value = picture(record.value, value_label, change["new"])
            if record.grad is not None:
                grad.value = picture(record.grad, grad_label, change["new"])

        slider.observe(show_slice, names="value")
        children.append(slider)
    stats = _html(stats_html(record) + check_html(name, report.checks.get(name)), "d2l-grad-stats", look)
    graph = _html(graph_svg(report, highlight=name), "d2l-grad-graph", look)
    children += [widgets.HBox([value, grad]), stats, graph]
    return _tagged(widgets.VBox(children), "d2l-grad-leaf")
