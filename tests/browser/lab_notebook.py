"""The notebook the browser tests run: each cell named, so a test finds its output by name."""
from __future__ import annotations

from pathlib import Path

import nbformat

NAME = "d2l_browser_test.ipynb"

# (name, source) in run order. Each magic's cells depend only on the cells named before them.
CELLS = [
    ("load", "%load_ext d2l_magics"),
    ("smoke", """\
import ipywidgets as widgets
smoke = widgets.IntSlider(value=3, min=0, max=10, description="smoke")
smoke.add_class("d2l-smoke")
smoke"""),
    # Negative control: a widget view whose model never reaches the page.
    ("bogus_widget", """\
from IPython.display import display
display({"application/vnd.jupyter.widget-view+json":
             {"version_major": 2, "version_minor": 0, "model_id": "d2l0000000000000000000000bogus"},
         "text/plain": "a widget whose model does not exist"}, raw=True)"""),
    ("torch", "import torch"),
    # two leaves, one 3-D (a slice slider) and one 1-D (bars); the grads differ slice by slice
    ("grad", """\
%%grad
A = torch.arange(24.).reshape(2, 3, 4).requires_grad_()
b = torch.tensor([1., 2., 3., 4.], requires_grad=True)
loss = (A * A * b).sum()
loss.backward()"""),
    ("compare_setup", "X = torch.arange(24.).reshape(2, 3, 4)"),
    ("compare", """\
%%compare_np
S = X.sum(dim=1)"""),
    ("trace", """\
%%shape_trace
Y = torch.arange(30.).reshape(2, 3, 5)
M = Y.sum(dim=0, keepdim=True)"""),
    ("exercise_right", """\
%%exercise tensor-from-list
T = torch.tensor(data, dtype=torch.float32)"""),
    ("exercise_wrong", """\
%%exercise tensor-from-list
T = torch.tensor(data)"""),
    # the panel's explanation, warning and numerical check (none of them raises)
    ("grad_notes", """\
%%grad --check
x = torch.arange(4.0, requires_grad=True)
h = x * 2
y = h.sum()
y.backward(retain_graph=True)
y.backward()
h.grad"""),
    # the other verdicts and a row note (a dtype difference, a statement left untranslated), and a
    # row wider than the page
    ("compare_verdicts", """\
%%compare_np
I = torch.arange(6).reshape(2, 3)
q = I / 2
e = I.sort()
a_long_name_for_a_wide_row = torch.arange(110.).reshape(10, 11) * 1000.5 + torch.ones(10, 11).cumsum(dim=1)"""),
    # a model's layer table and the exercise progress table: text columns read from the left
    ("layers", """\
%%shape_trace
net = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
out = net(torch.ones(5, 4))"""),
    ("progress", "%exercise --progress"),
    # Chinese labels beside shapes aligned for a broadcast
    ("trace_zh", """\
%%shape_trace --lang zh
P = Y / M"""),
    # a Translation shown as a cell's value
    ("translation", """\
import d2l_magics as dm
dm.translate("S = X.sum(dim=1, keepdim=True)", to="numpy")"""),
]


def write_notebook(folder: Path) -> dict[str, int]:
    """Write the test notebook (kernelspec python3, no outputs) into ``folder``.

    Returns each named cell's index in the notebook.
    """
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nb.cells = [nbformat.v4.new_code_cell(source) for _, source in CELLS]
    nbformat.write(nb, folder / NAME)
    return {name: index for index, (name, _) in enumerate(CELLS)}
