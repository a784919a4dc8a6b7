"""``%%grad --check`` runs the learner's cell once and is never wrong about a correct gradient.

Each cell runs under the magic in one shell and plainly in the same shell after a reset; what
the learner can see afterwards (files, lists, counters, random states, values) must be the same.
"""
from __future__ import annotations

import time

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.error import UsageError
from wrapped import in_text

from d2l_magics.grad import check as check_engine
from d2l_magics.grad import inspect_cell

SETUP = "import os, random\nimport numpy as np\nimport torch\nrandom.seed(0); np.random.seed(0); torch.manual_seed(0)\n"
# What a learner could look at after the cell: every kind of side effect the cell below has.
AFTERWARDS = ("(open(path).read(), log, calls, os.environ['D2L_CHECK_COUNT'], random.random(), "
              "float(np.random.rand()), float(torch.rand(1)), w.grad.tolist())")
SIDE_EFFECTS = """\
with open(path, 'a') as f:
    f.write('line\\n')
log.append(len(log))
os.environ['D2L_CHECK_COUNT'] = str(int(os.environ.get('D2L_CHECK_COUNT', '0')) + 1)
scale = random.random() + float(np.random.rand())
w = torch.ones(16, requires_grad=True)
noise = torch.randn(16)
y = (scale * learners_function(w) * noise).sum()
y.backward()
"""
EARLIER_CELL = "calls = []\ndef learners_function(t):\n    calls.append(1)\n    return t * t\nlog = []\n"


def after(run, ip, cell, tmp_path, name):
    path = tmp_path / name
    path.write_text("")
    ip.user_ns["path"] = str(path)
    assert run(SETUP + EARLIER_CELL).error is None
    result = run(cell)
    assert result.error is None, result.stdout
    return run(AFTERWARDS).value


def test_side_effects_happen_once_as_in_a_plain_run(run, ip, tmp_path, monkeypatch):
    monkeypatch.delenv("D2L_CHECK_COUNT", raising=False)
    checked = after(run, ip, "%%grad -o r --check\n" + SIDE_EFFECTS, tmp_path, "checked.txt")
    assert ip.user_ns["r"].checks["w"].ok
    ip.reset(new_session=False)
    monkeypatch.delenv("D2L_CHECK_COUNT", raising=False)
    plain = after(run, ip, SIDE_EFFECTS, tmp_path, "plain.txt")
    assert checked == plain
    assert checked[:4] == ("line\n", [0], [1], "1")


@pytest.mark.parametrize("cell", [
    "w = torch.ones(16, requires_grad=True); noise = torch.randn(16); (w * noise).sum().backward()",
    "w = torch.ones(30, requires_grad=True)\nW = torch.randn(20, 30)\n((W @ w) ** 2).sum().backward()",
    "w = torch.randn(30, requires_grad=True)\nmask = (torch.rand(30) > 0.5).float()\n(w * mask / 0.5).sum().backward()",
    "w = torch.randn(30, requires_grad=True)\nh = torch.nn.functional.dropout(w * 3, 0.5)\n(h ** 2).sum().backward()",
    "w = torch.randn(5, requires_grad=True)\nnoise = torch.randn_like(w)\n(torch.sin(w) * noise).sum().backward()",
    "net = torch.nn.Linear(4, 3)\nx = torch.randn(6, 4)\nnet(x).tanh().sum().backward()",
    "w = torch.randn(4, requires_grad=True)\nacc = torch.zeros(4)\nfor i in range(3):\n    acc += w * i\nacc.sum().backward()",
    "w = torch.randn(4, requires_grad=True)\nc = w.detach() * 2\nwith torch.no_grad():\n    d = w * 3\n(w * c * d).sum().backward()",
    "w = torch.randn(4, requires_grad=True)\nfor _ in range(3):\n    w.grad = None\n    (w.float() ** 3).sum().backward()\n"
    "    with torch.no_grad():\n        w -= 0.1 * w.grad",
])
def test_a_correct_gradient_checks_ok_even_with_random_draws(run, ip, cell):
    assert run("import torch\ntorch.manual_seed(0)").error is None
    result = run("%%grad -o r --check\n" + cell)
    report = ip.user_ns["r"]
    assert result.error is None and report.checks and all(c.ok for c in report.checks.values()), report.warnings
    assert report.warnings == []


def test_random_draws_leave_torchs_generator_where_a_plain_run_leaves_it(run, ip):
    cell = "torch.manual_seed(1)\nw = torch.ones(8, requires_grad=True)\n" \
           "torch.nn.functional.dropout(w, 0.5).sum().backward()\nafter = torch.rand(1)"
    run("import torch")
    run("%%grad --check\n" + cell)
    checked = ip.user_ns["after"]
    run(cell)
    assert torch.equal(checked, ip.user_ns["after"])


def test_a_cell_that_does_not_repeat_itself_cannot_be_checked(run, ip):
    run("import torch\ng = torch.Generator().manual_seed(0)\nw = torch.zeros(5, requires_grad=True)")
    result = run("%%grad -o r --check\n(torch.normal(w, 1.0, generator=g) ** 2).sum().backward()")
    report = ip.user_ns["r"]
    assert result.error is None and report.checks == {}
    assert [n.id for n in report.warnings] == ["grad.check.nondeterministic"]
    assert "not deterministic" in result.texts()[0] and "MISMATCH" not in result.texts()[0]


def test_a_mismatch_blames_a_custom_function_only_when_one_ran(run, ip):
    run("import torch\nw = torch.zeros(3, requires_grad=True)")
    result = run("%%grad -o r --check\ntorch.relu(w).sum().backward()")  # not smooth at 0
    assert not ip.user_ns["r"].checks["w"].ok
    assert in_text("No custom autograd.Function ran", result.texts()[0]) and not in_text("probably wrong", result.texts()[0])
    run("class Twice(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, a):\n        return a * 2\n"
        "    @staticmethod\n    def backward(ctx, g):\n        return g * 3\n")
    result = run("%%grad -o r --check\nTwice.apply(w).sum().backward()")
    assert not ip.user_ns["r"].checks["w"].ok and ip.user_ns["r"].checks["w"].max_abs_err == pytest.approx(1.0, abs=1e-4)
    assert in_text("its backward() is probably wrong", result.texts()[0])


def test_an_output_that_overflowed_cannot_be_checked_and_says_so(run, ip):
    run("import torch\nw = torch.tensor([100.0, 1.0], requires_grad=True)")
    result = run("%%grad -o r --check\ntorch.exp(w).sum().backward()")  # e**100 overflows float32
    assert ip.user_ns["r"].checks == {} and [n.id for n in ip.user_ns["r"].warnings] == ["grad.check.not_finite"]
    assert "MISMATCH" not in result.texts()[0]


def test_a_tensor_from_an_earlier_cell_is_not_followed_and_says_so(run, ip):
    run("import torch\nw = torch.ones(3, requires_grad=True)\nh = w * 2")
    result = run("%%grad -o r --check\n(h * w).sum().backward()")
    assert ip.user_ns["r"].checks == {}
    assert [n.id for n in ip.user_ns["r"].warnings] == ["grad.check.untraceable"]
    assert torch.equal(ip.user_ns["w"].grad, torch.full((3,), 4.0)) and result.error is None


def test_a_large_leaf_is_checked_on_a_sample_in_seconds(run, ip, monkeypatch):
    monkeypatch.setattr(check_engine, "CHECK_SECONDS", 1.0)
    run("import torch\nw = torch.randn(10**7, requires_grad=True)")
    start = time.perf_counter()
    result = run("%%grad -o r --check\n(w * w).sum().backward()")
    elapsed = time.perf_counter() - start
    check = ip.user_ns["r"].checks["w"]
    assert check.ok and check.n_total == 10**7 and 1 <= check.n_checked < 1000 and check.time_limited
    assert f"checked {check.n_checked} of them" in result.texts()[0]
    assert elapsed < 30


def test_an_unknown_wrt_name_is_refused_before_the_cell_runs(run, ip):
    run("import torch\nruns = []")
    result = run("%%grad --wrt nosuch\nruns.append(1)\nw = torch.ones(2, requires_grad=True)\nw.sum().backward()")
    assert isinstance(result.error, UsageError) and "nosuch" in str(result.error)
    assert ip.user_ns["runs"] == [] and "w" not in ip.user_ns


# -- generated cells (hypothesis): smooth computations with random draws check ok ------------------

STEPS = ("h * torch.randn(h.shape)", "torch.sin(h)", "torch.tanh(h)", "h ** 2", "torch.exp(h / 4)",
         "h * h.detach()", "torch.nn.functional.dropout(h, 0.3)", "h + torch.rand_like(h)",
         "(h * torch.randn(h.shape[-1])).cumsum(-1)", "h.mean(-1, keepdim=True) * h", "torch.softmax(h, -1)",
         "h.clone().mul_(2)", "torch.where(torch.rand_like(h) > 0.5, h, 2 * h)", "h.float() * 3")


@st.composite
def random_cell(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    dtype = draw(st.sampled_from(["torch.float32", "torch.float64"]))
    lines = [f"w = torch.randn({', '.join(map(str, shape))}, dtype={dtype}, requires_grad=True)", "h = w"]
    lines += [f"h = {step}" for step in draw(st.lists(st.sampled_from(STEPS), min_size=1, max_size=4))]
    lines.append(draw(st.sampled_from(["h.sum().backward()", "h.backward(torch.randn_like(h))"])))
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_cell())
def test_generated_cells_with_random_draws_check_ok(cell):
    torch.manual_seed(0)
    report = inspect_cell(cell, {"torch": torch}, check=True).report
    assert report.exception is None and report.warnings == [], (cell, report.warnings)
    assert report.checks["w"].ok, (cell, report.checks["w"])


def test_a_loop_under_check_lets_go_of_each_steps_tensors(run, ip):
    run("import gc, weakref\nimport torch\nw = torch.ones(5, requires_grad=True)\ntemps = []")
    result = run("%%grad -o r --check\nfor step in range(50):\n    t = torch.randn(5, requires_grad=True)\n"
                 "    temps.append(weakref.ref(t))\n    w.grad = None\n    (w * t * t).sum().backward()\n"
                 "gc.collect()\nalive = sum(ref() is not None for ref in temps)")  # while the cell runs
    assert result.error is None and ip.user_ns["r"].checks["w"].ok
    assert ip.user_ns["alive"] <= 2  # the last step's t (the learner's name, the last backward's)
