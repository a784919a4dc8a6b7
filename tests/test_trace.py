"""%shape_trace and dm.trace: what each operation did to shapes, explained; errors explained;
the learner's code running exactly once, as it would without the magic."""
from __future__ import annotations

import traceback

import numpy as np
import pytest
import torch
from IPython.core.error import UsageError
from wrapped import in_text

import d2l_magics as dm
from d2l_magics.cell import run_cell
from d2l_magics.tracing import ShapeTrace


def trace(source, show_all=True, **names):
    ns = {"np": np, "torch": torch, **names}
    return dm.trace(source, ns, show_all=show_all), ns


def only(report, op, line=None):
    """The one event whose source text is ``op`` (on ``line``, when given)."""
    matches = [e for e in report.events if e.op == op and line in (None, e.line)]
    assert len(matches) == 1, [(e.op, e.kind) for e in report.events]
    return matches[0]


X_NP = np.arange(30.0).reshape(2, 3, 5)
X_T = torch.arange(30, dtype=torch.float32).reshape(2, 3, 5)


# -- reductions -------------------------------------------------------------------------------

@pytest.mark.parametrize("X", [X_NP, X_T], ids=["numpy", "torch"])
def test_reduction_names_the_removed_axes(X):
    report, _ = trace("a = X.sum(axis=(1, 2))\nb = X.sum(axis=-1)\nc = X.mean(axis=0)", X=X)
    a = only(report, "X.sum(axis=(1, 2))")
    assert (a.kind, a.in_shapes, a.out_shape) == ("reduce", ((2, 3, 5),), (2,))
    assert "axis 1, 2" in a.note and "3, 5" in a.note
    b = only(report, "X.sum(axis=-1)")
    assert b.out_shape == (2, 3) and "axis 2" in b.note   # the negative axis, resolved
    assert only(report, "X.mean(axis=0)").out_shape == (3, 5)


def test_keepdims_and_keepdim_keep_axes_as_length_one():
    report, _ = trace("a = X.sum(axis=0, keepdims=True)\nb = T.sum(dim=(0, 2), keepdim=True)\n"
                      "c = T.sum(axis=[0, 1])", X=X_NP, T=X_T)
    a = only(report, "X.sum(axis=0, keepdims=True)")
    assert a.out_shape == (1, 3, 5) and "keepdims=True" in a.note and "length 1" in a.note
    b = only(report, "T.sum(dim=(0, 2), keepdim=True)")
    assert b.out_shape == (1, 3, 1) and "axis 0, 2" in b.note and "keepdim=True" in b.note
    c = only(report, "T.sum(axis=[0, 1])")   # a list of axes (torch only)
    assert c.out_shape == (5,) and "axis 0, 1" in c.note


@pytest.mark.parametrize("X", [X_NP, X_T], ids=["numpy", "torch"])
def test_reduction_over_everything_gives_the_empty_shape(X):
    report, _ = trace("s = X.sum()\nm = X.max()", X=X)
    for op in ("X.sum()", "X.max()"):
        event = only(report, op)
        assert (event.kind, event.out_shape) == ("reduce", ())
        assert "()" in event.note


def test_torch_max_with_a_dim_returns_values_and_indices():
    event = only(trace("v, i = torch.max(T, dim=1)", T=X_T)[0], "torch.max(T, dim=1)")
    assert (event.kind, event.out_shape) == ("reduce", (2, 5))
    assert "values, indices" in event.note


def test_cumsum_keeps_the_shape():
    event = only(trace("c = T.cumsum(dim=0)", T=X_T)[0], "T.cumsum(dim=0)")
    assert (event.kind, event.out_shape) == ("elementwise", (2, 3, 5))
    assert not event.changes_shape


# -- broadcasting ---------------------------------------------------------------------------

@pytest.mark.parametrize("lib", [np, torch], ids=["numpy", "torch"])
def test_broadcast_names_the_stretched_axis(lib):
    X = lib.ones((2, 3, 5))
    report, _ = trace("s = X.sum(axis=0, keepdims=True)\nd = X / s\nr = X - X.sum(axis=1)[:, None]\n"
                      "w = X + b", X=X, b=lib.ones(5))
    d = only(report, "X / s")
    assert (d.kind, d.in_shapes, d.out_shape) == ("broadcast", ((2, 3, 5), (1, 3, 5)), (2, 3, 5))
    assert "s (1, 3, 5) axis 0 is stretched from 1 to 2" in d.note
    r = only(report, "X - X.sum(axis=1)[:, None]")
    assert "axis 1 is stretched from 1 to 3" in r.note
    w = only(report, "X + b")
    assert "b (5,) gets axis 0 of length 2 added" in w.note and "axis 1 of length 3" in w.note


def test_text_report_aligns_broadcast_axes_from_the_right():
    report, _ = trace("d = X - s", X=np.ones((2, 3, 5)), s=np.ones((3, 5)))
    rows = [line for line in str(report).splitlines()
            if line.strip().startswith(("X ", "s ", "result ")) and "[" not in line]
    assert len(rows) == 3 and len({row.rindex(")") for row in rows}) == 1
    assert len({row.rindex("5") for row in rows}) == 1


def test_mixed_numpy_and_torch_operands_are_traced():
    report, _ = trace("t = torch.from_numpy(a)\nr = t + T\ns = a.sum(axis=0)", a=np.ones((3, 5), dtype=np.float32),
                      T=torch.ones(2, 3, 5))
    assert only(report, "torch.from_numpy(a)").is_view is True   # shares memory with the array
    assert only(report, "t + T").kind == "broadcast"
    assert only(report, "s = a.sum(axis=0)".split(" = ")[1]).out_shape == (5,)


def test_scalar_operand_is_elementwise_and_hidden_by_default():
    report, _ = trace("y = X / 2.0\nz = X * X", show_all=False, X=X_T)
    assert [e.kind for e in report.events] == ["elementwise", "elementwise"]
    assert report.shown == []
    assert "2" in str(report) and "--all" in str(report)


# -- matrix products ------------------------------------------------------------------------

def test_matmul_names_the_contracted_axis():
    report, _ = trace("y = torch.mv(A, x)\nC = torch.mm(A, B)\nD = A @ B\nd = torch.dot(x, x)\n"
                      "o = torch.outer(x, x)\nn = a2 @ a1", A=torch.ones(4, 3), B=torch.ones(3, 2),
                      x=torch.ones(3), a2=np.ones((2, 4, 3)), a1=np.ones(3))
    mv = only(report, "torch.mv(A, x)")
    assert (mv.kind, mv.in_shapes, mv.out_shape) == ("matmul", ((4, 3), (3,)), (4,))
    assert "A axis 1 and x axis 0 (both length 3)" in mv.note
    assert "A axis 1 and B axis 0" in only(report, "torch.mm(A, B)").note
    assert only(report, "A @ B").out_shape == (4, 2)
    dot = only(report, "torch.dot(x, x)")
    assert dot.out_shape == () and "length 3" in dot.note
    assert only(report, "torch.outer(x, x)").out_shape == (3, 3)
    batched = only(report, "a2 @ a1")
    assert batched.out_shape == (2, 4) and "batch" in batched.note


# -- reshapes, views and copies ---------------------------------------------------------------

def test_views_and_copies():
    report, _ = trace("v = T.reshape(6, 5)\nt = T.T\np = T.permute(2, 0, 1)\nc = T.T.reshape(-1)\n"
                      "a = A.reshape(6, 5)\nf = A.T.reshape(-1)\nk = torch.cat((T, T), dim=0)\n"
                      "s = np.stack([A, A])\nu = T.unsqueeze(0)\nq = u.squeeze()", T=X_T, A=X_NP)
    assert only(report, "T.reshape(6, 5)").is_view is True
    transposed = only(report, "T.T", line=2)
    assert (transposed.kind, transposed.out_shape, transposed.is_view) == ("reshape", (5, 3, 2), True)
    assert only(report, "T.permute(2, 0, 1)").out_shape == (5, 2, 3)
    assert only(report, "T.T.reshape(-1)").is_view is False        # not contiguous: reshape copies
    assert only(report, "A.reshape(6, 5)").is_view is True
    assert only(report, "A.T.reshape(-1)").is_view is False
    cat = only(report, "torch.cat((T, T), dim=0)")
    assert (cat.in_shapes, cat.out_shape) == (((2, 3, 5), (2, 3, 5)), (4, 3, 5))
    assert cat.labels == ("T", "T") and "2 + 2 = 4" in cat.note
    assert only(report, "np.stack([A, A])").out_shape == (2, 2, 3, 5)
    assert only(report, "T.unsqueeze(0)").out_shape == (1, 2, 3, 5)
    assert only(report, "u.squeeze()").out_shape == (2, 3, 5)
    assert "shares memory with T" in only(report, "T.reshape(6, 5)").note


def test_indexing_reads_and_writes():
    report, ns = trace("r = X[0]\nc = X[:, 1]\nf = X[[0, 1]]\nm = X[X > 10]\nZ = torch.zeros(3, 5)\n"
                       "before = id(Z)\nZ[:] = X[0] + 1\nZ[0] += 1", X=X_T.clone())
    row = only(report, "X[0]", line=1)
    assert (row.kind, row.out_shape, row.is_view) == ("index", (3, 5), True)
    assert only(report, "X[:, 1]").out_shape == (2, 5)
    assert only(report, "X[[0, 1]]").is_view is False   # advanced indexing copies
    assert only(report, "X[X > 10]").out_shape == (19,)
    write = only(report, "Z[:] = X[0] + 1")
    assert write.kind == "index" and "in place" in write.note
    assert id(ns["Z"]) == ns["before"] and float(ns["Z"][0, 0]) == 2.0   # the write still happened, in place
    assert only(report, "Z[0] += 1").count == 1


def test_creation_events():
    report, _ = trace("x = torch.arange(12)\nz = np.zeros((2, 3))\nt = torch.tensor([[1, 2], [3, 4]])")
    assert [(e.kind, e.out_shape) for e in report.events] == [("create", (12,)), ("create", (2, 3)),
                                                             ("create", (2, 2))]


# -- loops ----------------------------------------------------------------------------------

def test_a_loop_is_one_event_with_a_count():
    report, ns = trace("for i in range(500):\n    y = torch.mv(A, x)\n    s = X.sum(axis=0)",
                       A=torch.ones(4, 3), x=torch.ones(3), X=X_NP)
    assert [(e.op, e.count) for e in report.events] == [("torch.mv(A, x)", 500), ("X.sum(axis=0)", 500)]
    assert ns["i"] == 499


def test_many_shapes_at_one_site_keep_a_few_and_count_the_rest():
    report, _ = trace("for n in range(1, 11):\n    y = torch.ones(n).sum(0, keepdim=True)")
    event = only(report, "torch.ones(n)")
    assert event.count == 10 and len(event.signatures) == 4 and event.more == 6
    assert "6 more" in str(report)


def test_a_site_seeing_different_arrays_keeps_each_signature():
    report, _ = trace("for T in [A, B, A, A]:\n    s = T.sum(0)\n    d = T / 2\n    m = torch.mv(T, v)",
                      A=torch.ones(2, 3), B=torch.ones(4, 3), v=torch.ones(3))
    for op, outs in [("T.sum(0)", [((2, 3),), (3,), 3, ((4, 3),), (3,), 1]),
                     ("T / 2", [((2, 3),), (2, 3), 3, ((4, 3),), (4, 3), 1]),
                     ("torch.mv(T, v)", [((2, 3), (3,)), (2,), 3, ((4, 3), (3,)), (4,), 1])]:
        event = only(report, op)
        assert event.count == 4
        assert [x for sig in event.signatures for x in (sig.in_shapes, sig.out_shape, sig.count)] == outs


def test_an_array_reshaped_in_place_is_seen_with_its_new_shape():
    report, _ = trace("x = torch.ones(6)\nfor i in range(3):\n    s = x.sum(0)\n    if i == 0:\n"
                      "        x.resize_(2, 3)")
    event = only(report, "x.sum(0)")
    assert [(sig.in_shapes, sig.out_shape, sig.count) for sig in event.signatures] == [
        (((6,),), (), 1), (((2, 3),), (3,), 2)]


# -- errors ---------------------------------------------------------------------------------

def plain_error(source, **names):
    ns = {"np": np, "torch": torch, **names}
    with pytest.raises(Exception) as info:
        run_cell(source, ns)
    return info.value


ERRORS = [  # (id, cell, names, phrases in the note, text in the fix, the failing operands' shapes)
    ("bad broadcast", "y = M + v", dict(M=torch.ones(5, 3), v=torch.ones(5)),
     ["axis 1 is 3 in M but 5 in v"], "v[:, None]", ((5, 3), (5,))),
    ("bad broadcast numpy", "y = M * v", dict(M=np.ones((5, 3)), v=np.ones(5)),
     ["axis 1 is 3 in M but 5 in v"], "(5, 1)", ((5, 3), (5,))),
    ("keepdims forgotten", "d = X / X.sum(axis=(1, 2))", dict(X=np.ones((2, 3, 5))),
     ["axis 2 is 5 in X but 2 in X.sum(axis=(1, 2))"], "(X.sum(axis=(1, 2)))[:, None, None]", ((2, 3, 5), (2,))),
    ("mm mismatch", "C = torch.mm(A, B)", dict(A=torch.ones(2, 3), B=torch.ones(2, 3)),
     ["A has 3 columns but B has 2 rows"], "B.T", ((2, 3), (2, 3))),
    ("matmul operator", "C = A @ B", dict(A=np.ones((2, 3)), B=np.ones((2, 3))),
     ["A has 3 columns but B has 2 rows"], "B.T", ((2, 3), (2, 3))),
    ("dot of 2-D", "d = torch.dot(A, A)", dict(A=torch.ones(2, 3)),
     ["torch.dot takes two 1-D tensors", "(2, 3), (2, 3)"], "torch.mm", ((2, 3), (2, 3))),
    ("mv wrong length", "y = torch.mv(A, x)", dict(A=torch.ones(4, 3), x=torch.ones(4)),
     ["A has 3 columns but x has length 4"], "", ((4, 3), (4,))),
    ("mm of a vector", "y = torch.mm(A, x)", dict(A=torch.ones(4, 3), x=torch.ones(3)),
     ["torch.mm takes two 2-D matrices"], "torch.mv(A, x)", ((4, 3), (3,))),
    ("cat mismatch", "Z = torch.cat((X, Y), dim=0)", dict(X=torch.ones(2, 3), Y=torch.ones(2, 4)),
     ["axis 1 is 3 in X and 4 in Y"], "axis 1", ((2, 3), (2, 4))),
    ("reshape size", "Y = X.reshape(4, 8)", dict(X=torch.ones(2, 3, 5)),
     ["30 elements", "(4, 8) needs 32"], "", ((2, 3, 5),)),
    ("view after transpose", "Y = X.T.view(6)", dict(X=torch.ones(2, 3)),
     ["contiguous"], ".reshape", ((3, 2),)),
    ("in-place growth", "v += M", dict(M=np.ones((2, 3)), v=np.ones(3)),
     ["cannot change v's shape (3,)", "(2, 3)"], "", ((3,), (2, 3))),
    ("axis out of range", "s = X.sum(axis=3)", dict(X=torch.ones(2, 3, 5)),
     ["3 axes", "no axis 3", "0 to 2"], "", ((2, 3, 5),)),
    ("axis out of range numpy", "s = X.mean(axis=(0, -4))", dict(X=np.ones((2, 3, 5))),
     ["no axis -4"], "", ((2, 3, 5),)),
    ("mean of integers", "m = X.mean()", dict(X=torch.arange(6)),
     ["needs floating-point values", "int64"], "X.float().mean(...)", ((6,),)),
    ("index out of range", "r = X[3]", dict(X=torch.ones(2, 3)),
     ["shape (2, 3)", "[3]"], "", ((2, 3),)),
]


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value.clone()


@pytest.mark.parametrize("case", ERRORS, ids=[c[0] for c in ERRORS])
def test_shape_errors_are_explained_and_the_original_exception_kept(case):
    _, source, names, phrases, fix, shapes = case
    expected = plain_error(source, **{k: _copy(v) for k, v in names.items()})
    report, _ = trace(source, show_all=False, **names)
    assert report.error is not None and report.error.failed
    assert type(report.exception) is type(expected) and str(report.exception) == str(expected)
    for phrase in phrases:
        assert phrase in report.error.note, report.error.note
    assert fix in report.error.fix
    assert report.error.in_shapes == shapes
    assert report.error in report.shown and in_text(report.error.note, str(report))


def test_an_error_that_is_not_a_shape_error_is_reported_without_blame():
    report, _ = trace("y = torch.ones(3)\nz = undefined_name + y")
    assert isinstance(report.exception, NameError) and report.error is None


def test_traceback_points_at_the_learners_line():
    report, _ = trace("a = torch.ones(2, 3)\nb = torch.ones(3, 2)\n\nc = a + b")
    frames = traceback.extract_tb(report.exception.__traceback__)
    assert frames[0].lineno == 4 and frames[0].line == "c = a + b"
    assert not any("d2l_magics" in f.filename for f in frames)   # the recorder's frames are gone


# -- running exactly as without the magic ----------------------------------------------------

def test_side_effects_happen_once_and_operands_are_evaluated_once():
    report, ns = trace("log = []\ndef f(v):\n    log.append(v)\n    return X\ny = f(1) + f(2)\nz = f(3).sum(axis=0)\n"
                       "class Box:\n    pass\nb = Box()\nb.t = X.clone()\nb.t += f(4)", X=X_T)
    assert report.exception is None
    assert ns["log"] == [1, 2, 3, 4]
    assert only(report, "f(1) + f(2)").count == 1
    assert torch.equal(ns["b"].t, 2 * X_T)


def test_python_semantics_are_kept():
    source = ("class A:\n    def m(self):\n        return 1\nclass B(A):\n    def m(self):\n        return super().m() + 1\n"
              "k = B().m()\nloc = 'k' in locals()\nev = eval('k * 2')\nitems = [x[0] for x in [X, X]]\n"
              "sl = X[1:2, ::2]\nslice = None\nagain = X[:1]\nmatch k:\n    case 2:\n        hit = True\n"
              "g = (lambda t: t.T)(X)\nok = X.shape == (2, 3, 5)")
    ns = {"torch": torch, "X": X_T}
    dm.trace(source, ns)
    assert (ns["k"], ns["loc"], ns["ev"], ns["hit"]) == (2, True, 4, True)
    assert ns["sl"].shape == (1, 2, 5) and ns["again"].shape == (1, 3, 5) and ns["g"].shape == (5, 3, 2)


def test_a_warning_from_an_operation_names_the_learners_line():
    with pytest.warns(RuntimeWarning) as caught:
        trace("z = np.zeros(2)\n\ny = np.log(z)")
    assert [(w.lineno, "d2l_magics" in w.filename) for w in caught] == [(3, False)]


ORDER_CELL = """\
log = []
def f(v, r=None):
    log.append(v)
    return v if r is None else r
class O:
    pass
o = O()
o.a = [0, 1, 2]
a = [1, 2, 3]
d = {}
a[f(0)] += f(10)
o.a[f(1)] *= f(20)
f(o, o).b = f(5)
o.b -= f(1)
d[f("k")] = f(3)
x = f(1) + f(2) * f(3)
y = f([1, 2])[f(0)]
z = -f(4)
w = f(1) < f(2)
c = f(len)(f([1]))
s = a[f(0):f(2):f(1)]
kw = dict(**{f("q"): f(1)})
star = max(*[f(1), f(2)], key=f(abs))
t = torch.ones(2, 3)
t[f(0)] += f(torch.ones(3))
[v if isinstance(v, (int, str, list)) else type(v).__name__ for v in log], a, o.a, o.b, d, x, y, z, w, c, s, \
    kw, star, t.sum().item()
"""


def test_evaluation_order_and_values_match_a_plain_run():
    plain = run_cell(ORDER_CELL, {"torch": torch})
    traced = dm.trace(ORDER_CELL, {"torch": torch})
    assert traced.exception is None and traced.value == plain


def test_functions_defined_in_a_traced_cell_keep_working_later():
    ns = {"torch": torch}
    dm.trace("def norm(v):\n    return (v * v).sum().sqrt()", ns)
    assert float(run_cell("norm(torch.ones(4))", ns)) == 2.0
    assert not [name for name in ns if "d2l" in name]


# -- the magics -----------------------------------------------------------------------------

def test_cell_magic_shows_the_trace_then_the_value(run, ip):
    ip.user_ns.update(torch=torch, X=X_T.clone())
    before = {name for name in ip.user_ns if not name.startswith("_")}
    cell = run("%%shape_trace\ny = X.sum(axis=(1, 2))\nprint(len(X))\ny * 2")
    assert cell.error is None
    assert torch.equal(cell.value, X_T.sum(axis=(1, 2)) * 2)
    assert "(2, 3, 5)" in cell.texts()[0] and "axis 1, 2" in cell.texts()[0]
    assert "print(len(X))   [" not in cell.texts()[0]   # no array came out: hidden unless --all
    assert cell.stdout.startswith("2\n")
    after = {name for name in ip.user_ns if not name.startswith("_")}
    assert after - before == {"y"}            # exactly what the cell made; no helper left behind
    assert not [name for name in ip.user_ns if "d2l" in name]


def test_line_magic_returns_the_report(run, ip):
    ip.user_ns.update(X=X_NP)
    cell = run("t = %shape_trace X.sum(0)")
    assert cell.error is None
    report = ip.user_ns["t"]
    assert isinstance(report, ShapeTrace)
    assert report.events[0].out_shape == (3, 5) and report.value.shape == (3, 5)


def test_cell_magic_error_shows_the_report_then_raises_the_original(run, ip):
    ip.user_ns.update(torch=torch)
    cell = run("%%shape_trace -o T\nlog = []\nlog.append(1)\nv = torch.ones(5)\nM = torch.ones(5, 3)\nM + v")
    report = ip.user_ns["T"]
    assert cell.error is report.exception and isinstance(cell.error, RuntimeError)
    assert ip.user_ns["log"] == [1]
    assert "v[:, None]" in cell.texts()[0]
    assert report.error.in_shapes == ((5, 3), (5,))


def test_line_magic_error_shows_the_report_then_raises(run, ip):
    ip.user_ns.update(torch=torch, A=torch.ones(2, 3))
    cell = run("%shape_trace d = torch.dot(A, A)")
    assert isinstance(cell.error, RuntimeError) and "1D" in str(cell.error)
    assert "torch.dot takes two 1-D tensors" in cell.texts()[0]
    assert traceback.extract_tb(cell.error.__traceback__)[-1].line == "d = torch.dot(A, A)"
    assert "d" not in ip.user_ns


def test_all_option_and_language(run, ip):
    ip.user_ns.update(torch=torch, X=X_T)
    quiet = run("%%shape_trace\ny = X * 2")
    assert "×" not in quiet.texts()[0] and "--all" in quiet.texts()[0]
    loud = run("%%shape_trace --all\ny = X * 2")
    assert "X * 2" in loud.texts()[0].split("\n", 2)[2]
    chinese = run("%%shape_trace --lang zh\ns = X.sum(axis=0)")
    assert "形状追踪" in chinese.texts()[0] and "归约" in chinese.texts()[0]


def test_bad_input_is_a_one_line_usage_error(ip):
    with pytest.raises(UsageError, match="needs code"):
        ip.run_line_magic("shape_trace", "")
    with pytest.raises(UsageError):
        ip.run_cell_magic("shape_trace", "", "  \n")
    with pytest.raises(UsageError):
        ip.run_cell_magic("shape_trace", "--bogus", "x = 1")


def test_syntax_error_is_pythons_own(run):
    cell = run("%%shape_trace\nx = (1,\ny = 2")
    assert isinstance(cell.error, SyntaxError)


def test_html_is_escaped_and_styled(run, ip):
    ip.user_ns.update(X=X_NP)
    cell = run('%%shape_trace\nlabel = "<script>alert(1)</script>"\ny = X.sum(axis=0) if label else X')
    html = cell.htmls()[0]
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'class="d2l-trace"' in html and "d2l-trace-event" in html
    error = run("%%shape_trace\nz = X + X[0, :, :2]").htmls()[0]
    assert "d2l-trace-error" in error


# -- chapter-2 cells (the notes, sections 4 to 6) -------------------------------------------

def test_notes_section_4_and_5_sum_keepdims_broadcast():
    report, ns = trace("X = torch.arange(30, dtype=torch.float32).reshape(2, 3, 5)\n"
                       "X.shape\nX.sum(axis=(1,2)).shape\nA = X.sum(axis=0)\nB = X.sum(axis=0, keepdims=True)\n"
                       "P = X / B\nP.shape", show_all=False)
    kinds = [(e.op, e.kind, e.out_shape) for e in report.shown]
    assert ("X.sum(axis=(1,2))", "reduce", (2,)) in kinds
    assert ("X.sum(axis=0)", "reduce", (3, 5)) in kinds
    assert ("X.sum(axis=0, keepdims=True)", "reduce", (1, 3, 5)) in kinds
    assert ("X / B", "broadcast", (2, 3, 5)) in kinds
    assert report.value == torch.Size([2, 3, 5])   # the cell's last value, as IPython would show it


def test_notes_section_6_products_and_norms():
    report, _ = trace("x = torch.arange(4.0)\ny = torch.ones(4)\nd = torch.dot(x, y)\n"
                      "A = torch.arange(20.0).reshape(5, 4)\nAx = torch.mv(A, x)\nB = torch.ones(4, 3)\n"
                      "C = torch.mm(A, B)\nouter = x.reshape(-1, 1) @ x.reshape(1, -1)\n"
                      "n2 = torch.norm(x)\nn1 = torch.abs(x).sum()\nf = torch.linalg.matrix_norm(A, ord='fro')")
    assert only(report, "torch.dot(x, y)").out_shape == ()
    assert only(report, "torch.mv(A, x)").out_shape == (5,)
    assert only(report, "torch.mm(A, B)").out_shape == (5, 3)
    assert only(report, "x.reshape(-1, 1) @ x.reshape(1, -1)").note.count("length 1") == 1
    assert (only(report, "torch.norm(x)").kind, only(report, "torch.norm(x)").out_shape) == ("reduce", ())
    assert only(report, "torch.abs(x).sum()").out_shape == ()
    assert only(report, "torch.linalg.matrix_norm(A, ord='fro')").out_shape == ()


# -- what the explanations must never get wrong -----------------------------------------------

def test_joins_with_a_positional_axis_are_explained():
    report, _ = trace("C = torch.cat((A, B), 1)\nF = np.concatenate((a, a), None)\nV = np.vstack([v, v, v])\n"
                      "S = torch.stack([A, A], 1)",
                      A=torch.ones(2, 3), B=torch.ones(2, 4), a=np.ones((2, 3)), v=np.ones(3))
    cat = only(report, "torch.cat((A, B), 1)")
    assert cat.out_shape == (2, 7) and "axis 1: 3 + 4 = 7" in cat.note
    flat = only(report, "np.concatenate((a, a), None)")
    assert flat.out_shape == (12,) and "flattened" in flat.note and "6 + 6 = 12" in flat.note
    assert "axis 0: 1 + 1 + 1 = 3" in only(report, "np.vstack([v, v, v])").note   # 1-D rows count as (1, 3)
    assert "new axis 1" in only(report, "torch.stack([A, A], 1)").note


def test_a_failing_join_with_a_positional_axis_raises_the_learners_error(run, ip):
    run("import torch\nA = torch.ones(2, 3); B = torch.ones(2, 4); v = torch.ones(3); w = torch.ones(4)")
    cell = run("%%shape_trace -o T\nC = torch.cat((A, B), 0)")
    assert isinstance(cell.error, RuntimeError)
    assert "axis 1 is 3 in A and 4 in B" in ip.user_ns["T"].error.note
    rows = run("%%shape_trace -o R\nimport numpy as np\nV = np.vstack((v, w))")
    assert isinstance(rows.error, ValueError) and "axis 1 is 3 in v and 4 in w" in ip.user_ns["R"].error.note


def test_exercise_answer_joining_along_a_positional_axis_is_judged():
    feedback = dm.check_exercise("broadcast-table",
                                 "table = torch.cat([a.reshape(3, 1) + b[j] for j in range(4)], 1)", {})
    assert feedback.ok, feedback.message


def test_an_explainer_bug_never_replaces_the_learners_exception_or_value(monkeypatch):
    import d2l_magics.tracing as tracing

    def broken(*args):
        raise TypeError("explainer bug")

    monkeypatch.setattr(tracing, "event_for", broken)
    monkeypatch.setattr(tracing, "failure_event", broken)
    report, ns = trace("y = X.sum(0)\ny.shape", X=X_T)
    assert report.exception is None and report.value == (3, 5) and ns["y"].shape == (3, 5)
    failed, _ = trace("z = X + X[0, :, :2]", X=X_T)
    assert isinstance(failed.exception, RuntimeError) and failed.error is None
    assert "X + X[0, :, :2]" in str(failed)   # the report still shows the cell


def test_a_masked_write_is_explained_with_the_written_value():
    report, ns = trace("M = np.ones((2, 3))\nM[M > 0] = 5\nr = M[M > 1]")
    write = only(report, "M[M > 0] = 5")
    assert write.in_shapes == ((2, 3),) and "writes a single value into M[M > 0]" in write.note
    assert "broadcast" not in write.note and (ns["M"] == 5).all()
    assert only(report, "M[M > 1]").in_shapes == ((2, 3),)   # the mask is the index, not an operand


@pytest.mark.parametrize("name", ["F", "np", "nn", "linalg", "math", "random"])
def test_a_tensor_named_like_a_module_is_a_receiver(name):
    report, _ = trace(f"{name} = torch.ones(2, 3)\ns = {name}.sum(0)\nn = {name}.norm(dim=1)")
    event = only(report, f"{name}.sum(0)")
    assert (event.kind, event.in_shapes, event.out_shape, event.name) == ("reduce", ((2, 3),), (3,), "sum")
    norm = only(report, f"{name}.norm(dim=1)")   # a method written in Python, not C
    assert (norm.kind, norm.in_shapes, norm.out_shape) == ("reduce", ((2, 3),), (2,))


def test_augmented_private_attribute_in_a_class():
    report, ns = trace("class Acc:\n    def __init__(self):\n        self.__total = torch.zeros(3)\n"
                       "    def add(self, v):\n        self.__total += v\n        return self.__total\n"
                       "s = Acc().add(torch.ones(3))")
    assert report.exception is None and torch.equal(ns["s"], torch.ones(3))
    assert only(report, "self.__total += v").count == 1


def test_annotations_are_left_as_written():
    report, ns = trace("from __future__ import annotations\n"
                       "def f(x: torch.Tensor = torch.ones(2).T) -> X.sum(0):\n    return x\n"
                       "y: X.T = f()\nA = f.__annotations__", X=X_T)
    assert report.exception is None
    assert ns["A"] == {"x": "torch.Tensor", "return": "X.sum(0)"} and ns["__annotations__"] == {"y": "X.T"}
    assert only(report, "torch.ones(2).T").out_shape == (2,)   # the default value is still traced


def test_a_warning_shows_again_in_a_later_traced_cell():
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        trace("y = np.log(np.zeros(2))")
        trace("y = np.log(np.zeros(2))")
    assert [w.category for w in caught] == [RuntimeWarning, RuntimeWarning]


def test_functions_from_a_traced_cell_hold_no_arrays_or_errors_later():
    import gc
    import weakref
    ns = {"torch": torch}
    dm.trace("def total(v):\n    return v.sum(0)\ndef bad(v):\n    return v @ v", ns)
    a = torch.ones(3, 4)
    ns["total"](a)
    with pytest.raises(RuntimeError):
        ns["bad"](a)
    gone = weakref.ref(a)
    del a
    gc.collect()
    assert gone() is None


def test_negative_literals_are_literal_arguments():
    from d2l_magics.cell import parse_cell
    from d2l_magics.tracing.instrument import Instrumenter
    instrumenter = Instrumenter("Y = X.reshape(-1, 3)")
    instrumenter.visit(parse_cell("Y = X.reshape(-1, 3)").tree)
    assert [(site.op, literal) for site, literal, *_ in instrumenter.sites] == [("X.reshape(-1, 3)", True)]
    assert only(trace("Y = X.reshape(-1, 5)", X=X_T)[0], "X.reshape(-1, 5)").out_shape == (6, 5)


def test_failing_unary_operator_and_attribute_are_explained():
    neg, _ = trace("m = torch.ones(2, dtype=torch.bool)\ny = -m")
    assert isinstance(neg.exception, RuntimeError) and neg.error.in_shapes == ((2,),) and neg.error.op == "-m"
    mt, _ = trace("v = torch.ones(3)\ny = v.mT")
    assert isinstance(mt.exception, RuntimeError) and mt.error.in_shapes == ((3,),) and mt.error.op == "v.mT"
    assert not any("d2l_magics" in f.filename for f in traceback.extract_tb(mt.exception.__traceback__))


def test_keeping_a_reduced_axis_that_already_has_length_one():
    event = only(trace("s = torch.ones(3, 1).sum(1, keepdim=True)")[0], "torch.ones(3, 1).sum(1, keepdim=True)")
    assert event.kind == "reduce" and "axis 1 (already length 1)" in event.note and "keepdim=True" in event.note


def test_sums_of_builtin_numbers_are_not_operations_but_a_float_of_the_learners_own_is():
    report, ns = trace("y = float(X.sum()) + float(X.mean()) * 2", X=X_T)
    assert ns["y"] == float(X_T.sum()) + float(X_T.mean()) * 2
    assert {e.op for e in report.events} == {"X.sum()", "X.mean()", "float(X.sum())", "float(X.mean())"}
    in_namespace, _ = trace("y = float(X) + float(X)", X=X_T, float=lambda t: t * 2)
    defined = trace("def float(t):\n    return t[0]\ny = float(X) + float(X)", X=X_T)[0]
    assert only(in_namespace, "float(X) + float(X)").in_shapes == ((2, 3, 5), (2, 3, 5))
    assert only(defined, "float(X) + float(X)").in_shapes == ((3, 5), (3, 5))
    failed, _ = trace("z = float(X.sum()) / float(X.sum() * 0)", X=X_T)
    assert isinstance(failed.exception, ZeroDivisionError) and failed.error.op == "float(X.sum()) / float(X.sum() * 0)"


def test_each_shape_a_number_or_a_literal_index_sees_is_its_own_signature():
    ones = [torch.tensor(1.0), torch.ones(1), torch.ones(1, 1), torch.ones(1, 1)]
    rows = [torch.ones(3), torch.ones(2, 4), np.ones(3), torch.ones(3)]
    report, ns = trace("for v in ones:\n    y = float(v)\nfor w in rows:\n    z = w[0]", ones=ones, rows=rows)
    assert [(s.in_shapes, s.count) for s in only(report, "float(v)").signatures] == \
        [(((),), 1), (((1,),), 1), (((1, 1),), 2)]
    assert [(s.in_shapes, s.out_shape, s.count) for s in only(report, "w[0]").signatures] == \
        [(((3,),), (), 3), (((2, 4),), (4,), 1)]


def test_a_model_or_a_function_of_the_learners_is_a_call_with_its_shapes():
    report, _ = trace("y = model(x)\nz = total(x)", model=torch.nn.Linear(4, 3), x=torch.ones(2, 4),
                      total=lambda t: t.sum(0))
    assert [(e.op, e.kind, e.in_shapes, e.out_shape) for e in report.events if e.line in (1, 2) and e.op != "t.sum(0)"] \
        == [("model(x)", "call", ((2, 4),), (2, 3)), ("total(x)", "call", ((2, 4),), (4,))]
    assert "model(x)   [call]" in report.to_text()


def test_a_misspelt_method_is_the_learners_attribute_error_not_a_failed_operation():
    misspelt, _ = trace("y = X.summ(axis=0)", X=X_T)
    assert isinstance(misspelt.exception, AttributeError) and misspelt.error is None and not misspelt.events
    module, _ = trace("m.forwardd(3)", m=torch.nn.ReLU())   # nn.Module's own __getattr__ raises it
    assert isinstance(module.exception, AttributeError) and module.error is None
    frames = traceback.extract_tb(misspelt.exception.__traceback__)
    assert [frame.line for frame in frames] == ["y = X.summ(axis=0)"]
    inside, _ = trace("y = X.sum(axis=5)", X=X_T)   # raised by the method itself: explained
    assert isinstance(inside.exception, IndexError) and inside.error.op == "X.sum(axis=5)"


# -- a cell traced again reuses its compiled code, never its records -----------------------------

def test_a_cell_run_again_gets_its_own_records_names_and_recorder(run, ip):
    ip.user_ns.update(torch=torch, X=X_T)
    cell = "%%shape_trace -o t\ndef f(v):\n    return v.sum(0)\nfor i in range(3):\n    y = f(X) + X[0]\n"
    first = run(cell)
    f_first, t_first = ip.user_ns["f"], ip.user_ns["t"]
    second = run(cell)
    t_second = ip.user_ns["t"]
    assert first.error is None and second.error is None
    assert [(e.op, e.count, e.signatures) for e in t_second.events] == \
        [(e.op, e.count, e.signatures) for e in t_first.events] and t_second.events
    f_first(X_T)                     # the first run's function, called after both traces ended
    assert [e.count for e in t_second.events] == [e.count for e in t_first.events]
    failed = run(cell.replace("X[0]", "X[5]"))
    frames = traceback.extract_tb(failed.error.__traceback__)
    assert isinstance(failed.error, IndexError) and frames[-1].line == "y = f(X) + X[5]"


def test_a_compile_warning_shows_on_every_run_of_the_cell():
    for _ in range(2):
        with pytest.warns(SyntaxWarning, match="is not"):
            trace("y = X.sum() is not 1", X=X_T)
