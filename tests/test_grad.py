"""%grad and %%grad through the real shell: gradients, panels, the numerical check, explanations."""
from __future__ import annotations

import gc
import json
import os
import traceback
import warnings
import weakref

import pytest
import torch
from IPython.core.error import UsageError
from wrapped import in_text

from d2l_magics import grad as grad_engine
from d2l_magics.grad import explain
from d2l_magics.render.widgets import build_panel

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

D2L_CONTROL_FLOW = """\
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c
"""

WRONG_BACKWARD = """\
class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * x  # wrong: should be 2 * x
"""


@pytest.fixture
def x(run):
    """``x = torch.arange(4.0, requires_grad=True)``, as in the notes."""
    assert run("import torch\nx = torch.arange(4.0, requires_grad=True)").error is None


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def with_class(panel, css_class):
    return [w for w in descendants(panel) if css_class in w._dom_classes]


# -- gradients of the notes' examples -----------------------------------------------------------

def test_dot_product_gives_four_x(run, ip, x):
    cell = run("%%grad -o r\ny = 2 * torch.dot(x, x)\ny.backward()\nx.grad")
    assert cell.error is None
    assert torch.equal(cell.value, 4 * ip.user_ns["x"].detach())
    report = ip.user_ns["r"]
    assert list(report.leaves) == ["x"]
    assert torch.equal(report.leaves["x"].grad, torch.tensor([0.0, 4.0, 8.0, 12.0]))
    assert [n.label for n in report.graph] == ["MulBackward0", "DotBackward0", "AccumulateGrad"]
    assert report.graph[-1].leaf == "x" and report.output == "y"


def test_sum_of_x_times_x_gives_two_x(run, ip, x):
    assert run("%%grad -o r\ny = x * x\ny.sum().backward()").error is None
    assert torch.equal(ip.user_ns["x"].grad, torch.tensor([0.0, 2.0, 4.0, 6.0]))
    assert torch.equal(ip.user_ns["r"].leaves["x"].grad, torch.tensor([0.0, 2.0, 4.0, 6.0]))


def test_detach_makes_u_a_constant(run, ip, x):
    cell = run("%%grad -o r --check\ny = x * x\nu = y.detach()\nz = u * x\nz.sum().backward()\nx.grad == u")
    assert cell.error is None and bool(cell.value.all())
    assert ip.user_ns["r"].checks["x"].ok  # the check treats the detached u as a constant too


def test_python_control_flow(run, ip):
    run("import torch\ntorch.manual_seed(0)\n" + D2L_CONTROL_FLOW)
    cell = run("%%grad -o r --check\na = torch.randn(size=(), requires_grad=True)\nd = f(a)\nd.backward()\na.grad == d / a")
    assert cell.error is None and bool(cell.value)
    report = ip.user_ns["r"]
    assert list(report.leaves) == ["a"] and report.checks["a"].ok


def test_line_magic_runs_backward_wrt(run, ip, x):
    run("y = (x * x).sum()")
    cell = run("%grad y --wrt x")
    assert cell.error is None
    assert torch.equal(ip.user_ns["x"].grad, torch.tensor([0.0, 2.0, 4.0, 6.0]))
    text = cell.value._repr_mimebundle_()["text/plain"]  # the line magic returns its report: Out shows it
    assert "== x ==" in text and "SumBackward0" in text


def test_line_magic_without_names_shows_every_tensor_with_a_grad(run, x):
    run("w = torch.ones(2, requires_grad=True)\nplain = torch.zeros(3)\n(x.sum() + w.sum()).backward()")
    text = run("%grad").value._repr_mimebundle_()["text/plain"]
    assert "== x ==" in text and "== w ==" in text and "plain" not in text


def test_line_magic_returns_its_report_drawn_in_its_own_language(run, ip, x):
    run("(x * x).sum().backward()")
    run("r = %grad x --lang zh")
    report = ip.user_ns["r"]
    assert set(report.leaves) == {"x"}
    assert "梯度" in report._repr_mimebundle_()["text/plain"]  # drawn later, still in Chinese


def test_a_tensor_without_grad_is_shown_with_a_reason(run, ip, x):
    run("plain = torch.zeros(3)")
    run("%grad plain -o r")
    assert ip.user_ns["r"].leaves["plain"].note.id == "grad.leaf.no_requires_grad"
    run("y = x * 2")
    run("%grad y -o r")
    assert ip.user_ns["r"].leaves["y"].note.id == "grad.leaf.non_leaf"
    assert ip.user_ns["r"].graph[0].label == "MulBackward0"


def test_module_parameters_are_named_by_their_path(run, ip):
    run("import torch\nnet = torch.nn.Linear(3, 1)")
    run("%%grad -o r\nnet(torch.ones(2, 3)).sum().backward()")
    assert set(ip.user_ns["r"].leaves) == {"net.weight", "net.bias"}
    assert torch.equal(ip.user_ns["r"].leaves["net.bias"].grad, torch.tensor([2.0]))


# -- the text fallback and the widget panel -----------------------------------------------------

def test_plain_shell_shows_text_with_stats_and_tree(run, x):
    cell = run("%%grad\ny = 2 * torch.dot(x, x)\ny.backward()")
    assert len(cell.outputs) == 1 and WIDGET_MIME not in cell.outputs[0].data
    text = cell.texts()[0]
    for piece in ("shape", "(4,)", "float32", "norm", "[ 0.  4.  8. 12.]", "requires_grad=True",
                  "\ny\n└─ MulBackward0\n   └─ DotBackward0\n      └─ x (4,)  ← AccumulateGrad"):
        assert piece in text, piece
    html = cell.htmls()[0]
    assert "d2l-grad-leaf" in html and "<svg" in html and "d2l-grad-graph" in html


def test_kernel_front_end_gets_the_widget_panel(run, ip, monkeypatch, x):
    monkeypatch.setattr(ip, "kernel", object(), raising=False)
    cell = run("%%grad\n(x * x).sum().backward()")
    assert cell.error is None and WIDGET_MIME in cell.outputs[0].data


def test_panel_tree(run, ip):
    run("import torch\nv = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()\nw = torch.ones(3, 5, requires_grad=True)")
    run("%%grad -o r --check\n((v * v).sum() + (w ** 3).sum()).backward()")
    report = ip.user_ns["r"]
    panel = build_panel(report)
    assert "d2l-grad-panel" in panel._dom_classes
    (tab,) = [w for w in descendants(panel) if type(w).__name__ == "Tab"]
    assert list(tab.titles) == ["v", "w"]
    stats = with_class(tab.children[0], "d2l-grad-stats")[0].value
    assert "(2, 3, 4)" in stats and "float32" in stats and "numerical check" in stats
    assert "(3, 5)" in with_class(tab.children[1], "d2l-grad-stats")[0].value
    (slider,) = with_class(tab.children[0], "d2l-grad-slice")
    assert (slider.min, slider.max) == (0, 1) and not with_class(tab.children[1], "d2l-grad-slice")
    value, grad = with_class(tab.children[0], "d2l-grad-value")[0], with_class(tab.children[0], "d2l-grad-grad")[0]
    before = (value.value, grad.value)
    assert "[0, :, :]" in value.value and "<svg" in grad.value
    slider.value = 1
    assert (value.value, grad.value) != before and "[1, :, :]" in value.value
    assert "<svg" in with_class(tab.children[1], "d2l-grad-graph")[0].value
    assert all(with_class(panel, c) for c in ("d2l-grad-leaf", "d2l-grad-explanation"))


def test_panel_for_a_large_grad_stays_small(run, ip):
    run("import torch\nbig = torch.randn(1000, 1000, requires_grad=True)")
    run("%%grad -o r\n(big * big).sum().backward()")
    panel = build_panel(ip.user_ns["r"])
    state = {w.model_id: w.get_state() for w in descendants(panel)}
    size = len(json.dumps(state, default=str))
    assert size < 200_000, size
    assert "block means" in with_class(panel, "d2l-grad-grad")[0].value


def test_names_are_escaped_in_html(run, ip, x):
    run("%%grad -o r\ny = (x * x).sum()\n(y if 1 < 2 else y).backward()")
    report = ip.user_ns["r"]
    assert report.output == "y if 1 < 2 else y"
    html = report._repr_mimebundle_()["text/html"]
    assert "1 &lt; 2" in html and "1 < 2" not in html


def test_chinese(run, x):
    text = run("%%grad --lang zh\n(x * x).sum().backward()").texts()[0]
    assert "个张量" in text and "形状" in text
    mistake = run("%%grad --lang zh\n(x * x).backward()")   # not a scalar: explained
    assert "出了什么问题：" in mistake.texts()[0] and "出了什么问题:" not in mistake.texts()[0]
    assert not [line for line in text.splitlines() if line.endswith(":")]   # headings end in Chinese's "："


# -- the numerical check ------------------------------------------------------------------------

def test_check_catches_a_wrong_custom_backward(run, ip, x):
    run(WRONG_BACKWARD)
    run("%%grad -o r --check\ny = Square.apply(x).sum()\ny.backward()")
    check = ip.user_ns["r"].checks["x"]
    assert not check.ok and check.max_abs_err == pytest.approx(3.0, abs=1e-4)
    assert (check.n_checked, check.n_total) == (4, 4)


def test_check_compares_only_this_backwards_contribution(run, ip, x):
    run("(x * x).sum().backward()")
    run("%%grad -o r --check\n(x ** 3).sum().backward()")
    report = ip.user_ns["r"]
    assert report.checks["x"].ok
    assert [n.id for n in report.warnings] == ["grad.warn.accumulated"]


def test_check_with_gradient_argument_and_cap(run, ip):
    run("import torch\nx = torch.linspace(-1, 1, 10, requires_grad=True)")
    cell = run("%%grad -o r --check --max-check 5\ny = torch.sin(x) * 3\ny.backward(gradient=torch.ones_like(y) * 2)")
    check = ip.user_ns["r"].checks["x"]
    assert check.ok and (check.n_checked, check.n_total) == (5, 10)
    assert "x has 10 elements: checked 5 of them" in cell.texts()[0]


def test_check_leaves_the_namespace_alone(run, ip, x):
    run("log = []\nscale = torch.tensor([1.0, 2.0, 3.0, 4.0])")
    names = {n for n in ip.user_ns if not n.startswith("_")}
    cell = run("%%grad --check\nlog.append(len(log))\nprint('once')\ny = (x * scale).sum()\ny.backward()")
    assert cell.error is None and cell.stdout == "once\n"
    assert {n for n in ip.user_ns if not n.startswith("_")} - names == {"y"}
    assert ip.user_ns["log"] == [0]
    assert torch.equal(ip.user_ns["x"].grad, torch.tensor([1.0, 2.0, 3.0, 4.0]))
    assert ip.user_ns["x"].dtype == torch.float32 and ip.user_ns["scale"].dtype == torch.float32
    assert torch.get_default_dtype() == torch.float32


def test_check_after_an_in_place_change_of_a_leaf_checks_its_new_values(run, ip, x):
    run("%%grad -o r --check\nwith torch.no_grad():\n    x.mul_(2)\n(x * x).sum().backward()")
    assert ip.user_ns["r"].checks["x"].ok and ip.user_ns["r"].warnings == []
    assert torch.equal(ip.user_ns["x"], torch.tensor([0.0, 2.0, 4.0, 6.0]))  # changed once, not per evaluation


def test_check_follows_a_backward_in_a_loop_and_says_when_there_is_none(run, ip, x):
    run("%%grad -o r --check\nfor _ in range(2):\n    x.grad = None\n    (x * x).sum().backward()")
    assert ip.user_ns["r"].checks["x"].ok
    run("%%grad -o r --check --wrt x\ny = x * 2")
    assert [n.id for n in ip.user_ns["r"].warnings] == ["grad.check.no_backward"]


# -- explanations -------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, error, msg_id", [
    ("y = x * x\ny.backward()", RuntimeError, "grad.explain.nonscalar_backward"),
    ("y = (x * x).sum()\ny.backward()\ny.backward()", RuntimeError, "grad.explain.second_backward"),
    ("x.numpy()", RuntimeError, "grad.explain.numpy_requires_grad"),
    ("z = torch.arange(4.0, requirs_grad=True)", TypeError, "grad.explain.misspelt_keyword"),
    ("x.requirs_grad_(True)", AttributeError, "grad.explain.misspelt_keyword"),
    ("y = (x * x).sum()\ny.backward(return_garph=True)", TypeError, "grad.explain.misspelt_keyword"),
    ("x.grad.zero_()", AttributeError, "grad.explain.grad_is_none"),
    ("y = (x * x).sum()\ny.backward(xyz=1)", TypeError, "grad.explain.unknown_keyword"),
])
def test_each_error_is_explained_then_raised(run, ip, x, cell, error, msg_id):
    result = run("%%grad -o r\n" + cell)
    assert isinstance(result.error, error)
    report = ip.user_ns["r"]
    assert report.explanation.id == msg_id and report.exception is result.error
    assert in_text(report.explanation.text, result.texts()[0])


def test_misspellings_name_the_real_keyword(run, ip, x):
    run("%%grad -o r\nz = torch.arange(4.0, requirs_grad=True)")
    assert "did you mean requires_grad?" in ip.user_ns["r"].explanation.text
    run("%%grad -o r\ny = (x * x).sum()\ny.backward(return_garph=True)")
    assert "did you mean retain_graph?" in ip.user_ns["r"].explanation.text
    run("%%grad -o r\nx.requirs_grad_(True)")
    assert "did you mean requires_grad_?" in ip.user_ns["r"].explanation.text


def test_the_fixes_name_the_learners_own_tensors(run, ip, x):
    run("%%grad -o r\nz = x * 2\nz.backward(torch.ones_like(z))\nz.backward(torch.ones_like(z))")
    text = ip.user_ns["r"].explanation.text
    assert "z.backward(torch.ones_like(z), retain_graph=True)" in text and "recompute z" in text
    assert "misspel" not in text
    run("%%grad -o r\nw = x * 1\nw.numpy()")
    assert "w.detach().numpy()" in ip.user_ns["r"].explanation.text
    # retain_graph on the second call instead of the first; a call before .backward(); two .numpy()
    run("%%grad -o r\ny = (x * x).sum()\ny.backward()\ny.backward(retain_graph=True)")
    assert "Call the first one as y.backward(retain_graph=True)" in ip.user_ns["r"].explanation.text
    run("%%grad -o r\ny = x * x\ny.sum().backward()\ny.sum().backward()")
    text = ip.user_ns["r"].explanation.text
    assert "y.sum().backward(retain_graph=True)" in text and "recompute y " in text
    run("%%grad -o r\ny = x * 2\nz = y.detach()\nprint(z.numpy(), y.numpy())")
    assert "Use y.detach().numpy()" in ip.user_ns["r"].explanation.text


def test_nonscalar_explanation_names_the_shape(run, ip, x):
    run("%%grad -o r\ny = x * x\ny.backward()")
    assert "(4,)" in ip.user_ns["r"].explanation.text and "y.sum().backward()" in ip.user_ns["r"].explanation.text


def test_nonscalar_explanation_without_a_known_shape_leaves_the_shape_out():
    """The exercises ask without a shape: the sentence then just leaves it out."""
    x = torch.arange(4.0, requires_grad=True)
    with pytest.raises(RuntimeError) as caught:
        (x * x).backward()
    with_shape, without = explain(caught.value, (4,)), explain(caught.value)
    assert "(4,)" in with_shape.text and "shape" not in without.text and "?" not in without.text
    assert without.id == with_shape.id == "grad.explain.nonscalar_backward"


def test_reading_grad_of_a_non_leaf_is_explained(run, ip, x):
    cell = run("%%grad -o r\ny = x * x\ny.sum().backward()\ny.grad")
    assert cell.error is None and cell.value is None
    assert ip.user_ns["r"].explanation.id == "grad.explain.non_leaf_grad"
    assert "retain_grad()" in cell.texts()[0] and "UserWarning" not in cell.stderr


def test_accumulation_warning_across_two_cells(run, ip, x):
    run("%%grad\ny = x * x\ny.sum().backward()")
    cell = run("%%grad -o r\ny = x * x\ny.sum().backward()")
    (warning,) = ip.user_ns["r"].warnings
    assert warning.id == "grad.warn.accumulated"
    assert "Before: [0. 2. 4. 6.]" in warning.text and "After: [ 0. 4. 8. 12.]" in warning.text
    assert in_text(warning.text, cell.texts()[0])
    cell = run("%%grad -o r\nx.grad.zero_()\ny = x * x\ny.sum().backward()")
    assert ip.user_ns["r"].warnings == []


def test_o_binds_on_error_and_the_learners_line_is_in_the_traceback(run, ip, x):
    result = run("%%grad -o r\ny = x * x\n\ny.backward()")
    assert isinstance(result.error, RuntimeError) and ip.user_ns["r"].exception is result.error
    frames = traceback.extract_tb(result.error.__traceback__)
    learner = [f for f in frames if f.line == "y.backward()"]
    assert [f.lineno for f in learner] == [3]


# -- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, words", [
    ("%grad nope x", "nope"),
    ("%grad torch", "torch is not a torch tensor"),
    ("%grad x --check", "%%grad --check"),
    ("%grad --max-check 0", "positive"),
    ("%grad y z --wrt x", "exactly one output"),
    ("%grad --wrt missing", "exactly one output"),
])
def test_bad_lines_are_one_line_usage_errors(run, x, line, words):
    result = run(line)
    assert isinstance(result.error, UsageError) and words in str(result.error)


def test_empty_cell_and_names_on_the_cell_line(run, x):
    assert isinstance(run("%%grad\n").error, UsageError)
    assert isinstance(run("%%grad x\n(x * x).sum().backward()").error, UsageError)


def test_syntax_error_is_pythons_own(run, x):
    assert isinstance(run("%%grad\ny = (x *\n").error, SyntaxError)


def test_panel_shows_the_explanation_escaped(run, ip, x):
    run("%%grad -o r\nz = torch.arange(4.0, requirs_grad=True)")
    (explanation,) = with_class(build_panel(ip.user_ns["r"]), "d2l-grad-explanation")
    assert "did you mean requires_grad?" in explanation.value
    assert "&#x27;requirs_grad&#x27;" in explanation.value and "'requirs_grad'" not in explanation.value


def test_odd_tensors_render(run, ip):
    run("import torch\ne = torch.zeros(0, requires_grad=True)\ns = torch.tensor(3.0, requires_grad=True)\n"
        "five = torch.ones(2, 1, 3, 4, 5, requires_grad=True)")
    run("%%grad -o r\n(e.sum() + s * s + five.sum()).backward()")
    report = ip.user_ns["r"]
    panel = build_panel(report)
    tab = next(w for w in descendants(panel) if type(w).__name__ == "Tab")
    assert list(tab.titles) == ["e", "s", "five"]
    assert "(empty: no elements)" in with_class(tab.children[0], "d2l-grad-grad")[0].value
    assert ">6<" in with_class(tab.children[1], "d2l-grad-grad")[0].value  # d(s*s)/ds at 3
    (slider,) = with_class(tab.children[2], "d2l-grad-slice")
    assert slider.max == 5
    slider.value = 5
    assert "[1, 0, 2, :, :]" in with_class(tab.children[2], "d2l-grad-value")[0].value


def test_wrt_chooses_the_tensors_and_unknown_names_are_usage_errors(run, ip, x):
    run("w = torch.ones(2, requires_grad=True)")
    run("%%grad -o r --wrt w\n(x.sum() + w.sum()).backward()")
    assert list(ip.user_ns["r"].leaves) == ["w"]
    result = run("%%grad --wrt nope\n(x.sum() + w.sum()).backward()")
    assert isinstance(result.error, UsageError) and "nope" in str(result.error)
    result = run("%%grad --wrt later\n1 / 0\nlater = x * 2")
    assert isinstance(result.error, ZeroDivisionError)  # the learner's error, not a complaint about names


def test_a_long_graph_is_cut_and_says_so(run, ip, x):
    cell = run("%%grad -o r\ny = x\nfor _ in range(100):\n    y = y * 1.01 + x\ny.sum().backward()")
    report = ip.user_ns["r"]
    assert report.graph_truncated and len(report.graph) == 60
    assert "only its first 60 nodes are drawn" in cell.texts()[0]
    assert torch.allclose(ip.user_ns["x"].grad, torch.full((4,), sum(1.01 ** k for k in range(101))))


# -- what the magic leaves behind: wrappers, copies, warnings ----------------------------------

def test_backward_imported_in_a_cell_keeps_no_recorder_alive(run, ip, monkeypatch, x):
    made = []

    class Tracked(grad_engine.BackwardRecorder):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(grad_engine, "BackwardRecorder", Tracked)
    assert run("%%grad\nfrom torch.autograd import backward\nbackward((x * x).sum())").error is None
    gc.collect()
    assert made and all(ref() is None for ref in made)
    assert run("backward((x * x).sum())").error is None  # the kept name still works, as plain backward
    assert torch.equal(ip.user_ns["x"].grad, torch.tensor([0.0, 4.0, 8.0, 12.0]))


def test_nonscalar_backward_traceback_shows_no_magic_frames(run, x):
    result = run("%%grad\ny = x * x\ny.backward()")
    assert isinstance(result.error, RuntimeError) and "only for scalar outputs" in result.stdout
    assert "BackwardRecorder" not in result.stdout
    assert os.path.join("d2l_magics", "grad") not in result.stdout


@pytest.fixture
def copies_alive(ip, monkeypatch):
    """``copies_alive()`` in the learner's namespace: how many tensor copies %%grad holds now."""
    kept = []

    def tracked(tensor):
        copy = tensor.detach().clone()
        kept.append(weakref.ref(copy))
        return copy

    for module in (grad_engine.report, grad_engine.watch):  # every copy %%grad takes goes through snapshot
        monkeypatch.setattr(module, "snapshot", tracked)
    ip.user_ns["copies_alive"] = lambda: sum(ref() is not None for ref in kept)


def test_a_training_loop_keeps_copies_of_one_backward_only(run, ip, copies_alive):
    run("import torch\nw = torch.randn(50, 50, requires_grad=True)")
    cell = run("%%grad\nfor step in range(20):\n    loss = (w * w).sum()\n    loss.backward()\n"
               "    with torch.no_grad():\n        w -= 0.01 * w.grad\n        w.grad.zero_()\ncopies_alive()")
    assert cell.error is None and cell.value <= 2
    assert "== w ==" in cell.texts()[0] and "Watch out" not in cell.texts()[0]  # zeroed grads: no accumulation
    cell = run("%%grad -o r --check\nfor step in range(20):\n    w.grad = None\n    (w * w).sum().backward()\n"
               "y = (w * w).sum()\ny.backward()\ncopies_alive()")
    assert cell.error is None and cell.value <= 2
    report = ip.user_ns["r"]
    assert report.checks["w"].ok and [n.id for n in report.warnings] == ["grad.warn.accumulated"]


def test_check_starts_from_the_values_at_the_last_backward(run, ip):
    run("import torch\nw = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)")
    cell = run("%%grad -o r --check\ny = (w ** 3).sum()\ny.backward()\nwith torch.no_grad():\n    w -= 0.5 * w.grad")
    assert cell.error is None and ip.user_ns["r"].checks["w"].ok  # w moved after backward()


def test_check_copies_nothing_the_learner_owns(run, ip, x):
    run("class Counted:\n    copies = []\n    def __init__(self, name):\n        self.name = name\n"
        "    def __deepcopy__(self, memo):\n        Counted.copies.append(self.name)\n        return Counted(self.name)\n"
        "made_here, later, read = Counted('made_here'), Counted('later'), Counted('read')")
    cell = run("%%grad -o r --check\nmade_here = 2.0\ny = (x * x * made_here).sum() if read else None\n"
               "y.backward()\nafter = later")
    assert cell.error is None and ip.user_ns["r"].checks["x"].ok
    assert ip.user_ns["Counted"].copies == []  # the check evaluates the recorded operations, not the cell


def warnings_shown(run, cell: str, learners_filter: str = "default") -> list[str]:
    """The warnings a learner sees from ``cell`` under their filter (Python's own by default:
    once per line); pytest's own recording is set aside for the cell."""
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter(learners_filter)
        assert run(cell).error is None
    return [str(w.message) for w in shown]


LOOP_WARNING = "for i in range(5):\n    z = torch.tensor(x)\n(z * x).sum().backward()"


def test_a_warning_in_a_loop_is_shown_once_as_without_the_magic(run, x):
    assert len(warnings_shown(run, LOOP_WARNING)) == 1
    assert len(warnings_shown(run, "%%grad\n" + LOOP_WARNING)) == 1


def test_the_learners_warning_filters_still_apply(run, ip, x):
    assert warnings_shown(run, "%%grad -o r\n" + LOOP_WARNING + "\ny = x * 2\ny.grad", "ignore") == []
    assert ip.user_ns["r"].explanation.id == "grad.explain.non_leaf_grad"  # still explained
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the learner turns warnings into errors: raised at their line
        result = run("%%grad\nz = torch.tensor(x)\n(z * x).sum().backward()")
    assert isinstance(result.error, UserWarning)
    assert "z = torch.tensor(x)" in [f.line for f in traceback.extract_tb(result.error.__traceback__)]


def test_sparse_and_negative_bit_tensors_render(run, ip):
    cell = run("%%grad -o r\nimport torch\ns = torch.eye(3).to_sparse().requires_grad_()\ns.sum().backward()")
    assert cell.error is None and "== s ==" in cell.texts()[0] and "<svg" in cell.htmls()[0]
    run("z = torch.tensor([1 + 2j, 3 - 1j])\nn = z.conj().imag")
    bundle = run("%grad n").value._repr_mimebundle_()
    assert "[-2.  1.]" in bundle["text/plain"] and "<svg" in bundle["text/html"]
