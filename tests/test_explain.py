"""Explain mode (``%shape_explain on``): a shape error in a plain cell explained from its traceback,
nothing run twice, the learner's exception unchanged; and a model's shapes layer by layer."""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.modules.module as torch_module
from wrapped import in_text, wrapped_pattern

from d2l_magics.messages import say


@pytest.fixture
def explain(ip, run):
    ip.run_cell("import numpy as np\nimport torch\nfrom torch import nn")
    assert run("%shape_explain on").error is None
    yield ip
    ip.run_cell("%shape_explain off")


def plain_error(setup: str, cell: str) -> BaseException:
    ns = {"np": np, "torch": torch}
    exec(setup, ns)
    with pytest.raises(Exception) as info:
        exec(cell, ns)
    return info.value


def explanation(cell_run) -> str:
    texts = [t for t in cell_run.texts() if t.startswith("Shape error explained")]
    assert len(texts) <= 1, texts
    return texts[0] if texts else ""


# (id, setup, failing line, phrases the explanation must hold)
ERRORS = [
    ("broadcast, names", "M = torch.ones(5, 3); v = torch.ones(5)", "y = M + v",
     ["M  (5, 3)", "axis 1 is 3 in M but 5 in v", "v[:, None]"]),
    ("broadcast numpy, attribute", "M = np.ones((3, 5)); v = np.ones(5)", "y = M.T * v.T",
     ["M.T  (5, 3)", "axis 1 is 3 in M.T but 5 in v.T"]),
    ("matmul operator numpy", "A = np.ones((2, 3)); B = np.ones((2, 3))", "C = A @ B",
     ["A has 3 columns but B has 2 rows", "B.T"]),
    ("mm, attribute chain", "A = torch.ones(2, 3); B = torch.ones(3, 2)", "C = torch.mm(A, B.T)",
     ["A has 3 columns but B.T has 2 rows"]),
    ("mv, literal subscript", "A = torch.ones(2, 4, 3); x = torch.ones(4)", "y = torch.mv(A[0], x)",
     ["A[0]  (4, 3)", "A[0] has 3 columns but x has length 4"]),
    ("dot of matrices", "A = torch.ones(2, 3)", "d = torch.dot(A, A)", ["torch.dot takes two 1-D tensors"]),
    ("dot of unequal vectors", "u = torch.ones(2); w = torch.ones(3)", "d = torch.dot(u, w)",
     ["u has length 2 but w has length 3"]),
    ("reshape", "X = torch.ones(2, 3, 5)", "Y = X.reshape(4, 8)", ["30 elements", "(4, 8) needs 32"]),
    ("view after transpose", "X = torch.ones(2, 3)", "Y = X.T.view(6)", ["contiguous", ".reshape"]),
    ("cat", "X = torch.ones(2, 3); Y = torch.ones(2, 4)", "Z = torch.cat((X, Y), dim=0)",
     ["axis 1 is 3 in X and 4 in Y", "along axis 1"]),
    ("cat of calls, plain words", "n = 3", "Z = torch.cat([torch.ones(2, n), torch.ones(n, n)], dim=1)",
     ["joining along axis 1 needs every other axis", "has length 3 where the first has 2"]),
    ("stack", "X = torch.ones(2, 3); Y = torch.ones(3, 2)", "Z = torch.stack([X, Y])",
     ["stacking needs equal shapes: X is (2, 3) but Y is (3, 2)"]),
    ("dimension out of range", "X = torch.ones(2, 3, 5)", "s = X.sum(dim=3)", ["no axis 3", "0 to 2"]),
    ("axis out of range numpy", "X = np.ones((2, 3))", "s = X.mean(axis=-3)", ["no axis -3"]),
    ("index", "X = torch.ones(2, 3)", "r = X[0][5]", ["X[0] has shape (3,)", "[5]"]),
    ("in-place growth", "v = np.ones(3); M = np.ones((2, 3))", "v += M", ["cannot change v's shape (3,)"]),
]


@pytest.mark.parametrize("case", ERRORS, ids=[c[0] for c in ERRORS])
def test_a_shape_error_in_a_plain_cell_is_explained_then_raised_unchanged(explain, run, case):
    _, setup, line, phrases = case
    expected = plain_error(setup, line)
    result = run(f"{setup}\n{line}")
    assert type(result.error) is type(expected) and str(result.error) == str(expected)
    text = explanation(result)
    assert wrapped_pattern(f"Shape error explained (line 2): {line}").match(text), text
    for phrase in phrases:
        assert in_text(phrase, text), text
    assert str(expected).splitlines()[0] in result.stdout   # IPython's own traceback follows
    html = [h for h in result.htmls() if "d2l-trace-explain" in h]
    assert len(html) == 1 and "<script" not in html[0]


def test_an_operand_from_a_call_gets_plain_words_and_nothing_runs_again(explain, run):
    result = run("calls = []\nX = torch.ones(2, 3, 5)\ndef total(t):\n    calls.append(1)\n    return t.sum(axis=(1, 2))\n"
                 "d = X / total(X)")
    assert isinstance(result.error, RuntimeError)
    text = explanation(result)
    assert in_text(say("trace.plain.broadcast", axis=2, x=5, y=2), text)
    assert "(2, 3, 5)" not in text   # no shapes it could only know by calling total() again
    assert explain.user_ns["calls"] == [1]


def test_side_effects_before_the_failure_happen_once(explain, run):
    result = run("log = []\nlog.append('x')\nM = torch.ones(5, 3); v = torch.ones(5)\ny = M + v")
    assert isinstance(result.error, RuntimeError) and explanation(result)
    assert explain.user_ns["log"] == ["x"] and "y" not in explain.user_ns


def test_an_error_in_a_function_from_an_earlier_cell_reads_its_own_frame(explain, run):
    assert run("def normalise(t, s):\n    return t / s").error is None
    result = run("normalise(torch.ones(2, 3), torch.ones(2))")
    text = explanation(result)
    assert "return t / s" in text and "axis 1 is 3 in t but 2 in s" in text


def test_other_errors_and_successful_cells_show_nothing_more(explain, run):
    ok = run("x = torch.ones(3)\nx.sum()")
    assert ok.error is None and ok.value == 3 and not explanation(ok) and "Traceback" not in ok.stdout
    bad = run("{}['missing']")
    assert isinstance(bad.error, KeyError) and not explanation(bad) and "KeyError" in bad.stdout


def test_off_and_unload_restore_ipythons_handler(ip, run):
    before = (ip.custom_exceptions, ip.CustomTB)
    run("%shape_explain on")
    assert ip.custom_exceptions == (Exception,)
    run("%shape_explain off")
    assert (ip.custom_exceptions, ip.CustomTB) == before
    run("%config D2LMagics.explain_errors = True")
    assert ip.custom_exceptions == (Exception,)
    run("%config D2LMagics.explain_errors = False")
    assert (ip.custom_exceptions, ip.CustomTB) == before
    run("%shape_explain on")
    run("%unload_ext d2l_magics")
    try:
        assert (ip.custom_exceptions, ip.CustomTB) == before
    finally:
        run("%load_ext d2l_magics")
    assert ip.custom_exceptions == before[0]   # loading leaves the mode off
    assert run("%shape_explain maybe").error is not None


def test_the_handler_never_raises_on_its_own_account(explain, run, monkeypatch):
    from d2l_magics.tracing import aftermath

    def broken(*args, **kwargs):
        raise RuntimeError("explainer bug")

    monkeypatch.setattr(aftermath, "explain_exception", broken)
    result = run("M = torch.ones(5, 3); v = torch.ones(5)\ny = M + v")
    assert "must match the size" in str(result.error) and not explanation(result)
    assert "explainer bug" not in result.stdout + result.stderr
    assert explain.custom_exceptions == (Exception,)   # still on


def test_a_traced_cell_is_explained_once(explain, run):
    result = run("%%shape_trace\nM = torch.ones(5, 3); v = torch.ones(5)\ny = M + v")
    assert isinstance(result.error, RuntimeError) and not explanation(result)
    assert any("axis 1 is 3 in M but 5 in v" in t for t in result.texts())


def test_explanations_speak_chinese(explain, run):
    run("%config D2LMagics.language = 'zh'")
    result = run("M = torch.ones(5, 3); v = torch.ones(5)\ny = M + v")
    text = [t for t in result.texts() if t.startswith("形状错误说明")]
    assert text and "无法广播" in text[0]


# -- a model's shapes -------------------------------------------------------------------------

class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.body = torch.nn.Linear(4, 3)
        self.head = torch.nn.Linear(3, 2)

    def forward(self, x):
        return self.head(torch.relu(self.body(x)))


class Pair(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.mix = torch.nn.Bilinear(4, 5, 2)

    def forward(self, a, b):
        return self.mix(a, b)


def layer_rows(report):
    return [(layer.name.strip(), layer.cls, layer.in_shapes, layer.out_shape, layer.parameters)
            for layer in report.layers]


def test_the_model_table_names_each_layer_with_its_shapes_and_parameters(ip, run):
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.ReLU(), torch.nn.Flatten(),
                                torch.nn.Linear(2 * 4 * 4, 5))
    ip.user_ns.update(model=model, x=torch.ones(7, 1, 6, 6))
    result = run("t = %shape_trace model(x)")
    report = ip.user_ns["t"]
    conv, linear = model[0], model[3]
    count = lambda m: sum(p.numel() for p in m.parameters())   # noqa: E731
    assert layer_rows(report) == [
        ("Sequential", "Sequential", ((7, 1, 6, 6),), (7, 5), count(model)),
        ("0", "Conv2d", ((7, 1, 6, 6),), (7, 2, 4, 4), count(conv)),
        ("1", "ReLU", ((7, 2, 4, 4),), (7, 2, 4, 4), 0),
        ("2", "Flatten", ((7, 2, 4, 4),), (7, 32), 0),
        ("3", "Linear", ((7, 32),), (7, 5), count(linear))]
    assert result.error is None and "Conv2d" in str(report) and "d2l-trace-layers" in report._repr_mimebundle_()["text/html"]
    assert not torch_module._global_forward_pre_hooks and not torch_module._global_forward_hooks


def test_a_custom_module_in_a_traced_cell(ip, run):
    ip.user_ns.update(Block=Block, torch=torch)
    result = run("%%shape_trace -o t\nnet = Block()\ny = net(torch.ones(8, 4))\nz = y.sum(0)")
    assert result.error is None
    rows = layer_rows(ip.user_ns["t"])
    assert [(name, cls, shapes, out) for name, cls, shapes, out, _ in rows] == [
        ("Block", "Block", ((8, 4),), (8, 2)), ("body", "Linear", ((8, 4),), (8, 3)),
        ("head", "Linear", ((8, 3),), (8, 2))]


def test_layers_with_two_inputs_or_a_tuple_out_show_every_shape_as_a_plain_tuple(ip, run):
    model = torch.nn.Sequential(torch.nn.LSTM(4, 3, batch_first=True))
    pair = Pair()
    ip.user_ns.update(model=model, pair=pair, x=torch.ones(2, 6, 4), a=torch.ones(7, 4), b=torch.ones(7, 5))
    assert run("%%shape_trace -o t\ny, state = model(x)\nz = pair(a, b)").error is None
    rows = [(layer.cls, layer.in_shapes, layer.out_shape) for layer in ip.user_ns["t"].layers]
    assert rows == [("Sequential", ((2, 6, 4),), (2, 6, 3)), ("LSTM", ((2, 6, 4),), (2, 6, 3)),
                    ("Pair", ((7, 4), (7, 5)), (7, 2)), ("Bilinear", ((7, 4), (7, 5)), (7, 2))]
    assert all(type(shape) is tuple for _, shapes, out in rows for shape in (*shapes, out))
    assert "(2, 6, 3)" in str(ip.user_ns["t"]) and "Size" not in str(ip.user_ns["t"].layers)


def test_a_layer_that_raises_is_named_and_the_hooks_are_removed(ip, run):
    ip.user_ns.update(model=torch.nn.Sequential(torch.nn.Linear(30, 20), torch.nn.ReLU(), torch.nn.Linear(30, 5)),
                      x=torch.ones(64, 30))
    result = run("%%shape_trace -o t\ny = model(x)")
    assert isinstance(result.error, RuntimeError)
    note = "layer 2 is Linear(in_features=30) and received (64, 20): the last axis must be 30"
    assert ip.user_ns["t"].layer_error == note
    assert not torch_module._global_forward_pre_hooks and not torch_module._global_forward_hooks


def test_explain_mode_names_the_failing_layer_inside_a_model(explain, run):
    result = run("model = nn.Sequential(nn.Linear(30, 20), nn.ReLU(), nn.Linear(30, 5))\ny = model(torch.ones(64, 30))")
    text = explanation(result)
    assert in_text("layer 2 is Linear(in_features=30) and received (64, 20): the last axis must be 30", text)
    assert "mat1 and mat2" in str(result.error)


def test_a_convolution_given_the_wrong_channels(explain, run):
    result = run("conv = nn.Conv2d(3, 4, 3)\ny = conv(torch.ones(2, 1, 8, 8))")
    assert in_text("Conv2d(in_channels=3) and received (2, 1, 8, 8): axis 1 must be 3", explanation(result))
