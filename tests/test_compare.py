"""%%compare_np and dm.compare: the cell runs as usual, its translation on copies, both compared."""
from __future__ import annotations

import traceback
import weakref
from collections import deque

import numpy as np
import pytest
import torch
from compare_helpers import statuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.error import UsageError

import d2l_magics as dm
from d2l_magics.comparison.verdict import _verdict

TORCH_NS = {"torch": torch}


def engine(source, namespace=None, **options):
    """``dm.compare`` on a fresh namespace (torch imported), returning (report, namespace)."""
    namespace = dict(TORCH_NS) if namespace is None else namespace
    return dm.compare(source, namespace, **options), namespace



def note_texts(report):
    return " ".join(note.text for note in report.notes)




# -- the traps of reference/torch-numpy.md -----------------------------------------------------------

def test_dim_cell_matches_and_notes_dim_to_axis(magic, ip):
    ip.run_cell("import torch\nX = torch.arange(12, dtype=torch.float32).reshape(3, 4)")
    result, report = magic("X.sum(dim=0)")
    assert result.error is None
    assert statuses(report) == ["match"]
    assert report.ok
    assert "axis" in report.translation.code
    assert any("dim" in n.text and "axis" in n.text for n in report.notes)
    assert torch.equal(result.value, torch.tensor([12.0, 15.0, 18.0, 21.0]))


def test_std_divisor_matches_with_the_ddof_note():
    report, _ = engine("X = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float32)\nX.std()")
    assert report.rows[1].status == "match"
    assert "ddof" in note_texts(report)
    assert report.value.item() == pytest.approx(1.2910, abs=1e-4)


def test_max_with_dim_gives_values_and_indices_on_both_sides():
    namespace = {"torch": torch, "X": torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])}
    report, _ = engine("torch.max(X, dim=1)", namespace)
    assert statuses(report) == ["match"]
    assert "argmax" in report.translation.code


def test_float_of_a_one_element_tensor():
    report, _ = engine("v = float(torch.tensor([2.5]))\nv")
    assert statuses(report) == ["match", "match"]
    assert report.value == 2.5


def test_a_python_float_of_a_float32_result_carries_its_rounding():
    # torch and NumPy add a 1000 x 1000 float32 matmul in different orders: the norm differs by
    # float32 rounding, and so does float() of it, which is no reason for a mismatch
    source = ("A = torch.arange(1000 * 1000, dtype=torch.float32).reshape(1000, 1000) / 1000\n"
              "n = torch.norm(torch.mm(A, A.T))\nk = float(n)\n")
    report = dm.compare(source, {"torch": torch})
    assert [(row.name, row.status) for row in report.rows] == [("A", "match"), ("n", "match"), ("k", "match")]
    assert report.ok


def test_varargs_shapes_and_a_list_of_axes():
    report, _ = engine("Z = torch.zeros(2, 3, 4, dtype=torch.float32)\nZ.sum(axis=[0, 1])")
    assert report.ok
    assert [row.source_value.shape for row in report.rows] == [(2, 3, 4), (4,)]
    assert [row.target_value.shape for row in report.rows] == [(2, 3, 4), (4,)]


def test_float32_against_float64_is_a_dtype_note_not_a_failure():
    report, _ = engine("a = torch.arange(4) / 3")  # int / int: float32 in torch, float64 in NumPy
    assert statuses(report) == ["dtype"]
    assert report.ok
    assert report.rows[0].source_value.dtype == "float32"
    assert report.rows[0].target_value.dtype == "float64"
    assert "compare.float_width" in {note.id for note in report.notes}


def test_torch_dot_on_2d_reraises_the_learners_error_after_an_error_row(magic, ip):
    ip.run_cell("import torch\nA = torch.ones(3, 3)")
    result, report = magic("B = A * 2\ntorch.dot(A, A)\nC = 1")
    assert isinstance(result.error, RuntimeError)
    assert "1D tensors expected" in str(result.error)
    assert statuses(report) == ["match", "error"]
    assert report.exception is result.error
    assert not report.ok
    assert report.rows[1].target_value is not None  # np.dot of the NumPy copies works
    assert "C" not in ip.user_ns and "B" in ip.user_ns
    assert any("error" in html for html in result.htmls())


# -- random draws ---------------------------------------------------------------------------------

def test_random_draws_are_replayed_and_the_learners_stream_is_unchanged(magic, ip):
    ip.run_cell("import torch\ntorch.manual_seed(0)")
    result, report = magic("Y = torch.randn(3, 4)\nY.sum(dim=1)")
    assert report.ok
    assert statuses(report) == ["match", "match"]
    assert "compare.random_replayed" in {note.id for note in report.notes}
    ip.run_cell("after = torch.rand(2)")
    torch.manual_seed(0)
    expected_y, expected_after = torch.randn(3, 4), torch.rand(2)
    assert torch.equal(ip.user_ns["Y"], expected_y)
    assert torch.equal(ip.user_ns["after"], expected_after)


def test_numpy_global_random_state_is_not_touched_by_the_translation(ip, magic):
    ip.run_cell("import torch\nimport numpy as np\nnp.random.seed(1)")
    result, report = magic("torch.manual_seed(3)\nY = torch.rand(2, 2)\nZ = torch.randn(2)")
    assert report.ok and result.error is None
    ip.run_cell("r = np.random.rand()")
    np.random.seed(1)  # the shell shares this process's NumPy generator
    assert ip.user_ns["r"] == np.random.rand()


# -- the learner's namespace ------------------------------------------------------------------------

def test_in_place_update_happens_once_and_no_helper_names_leak(magic, ip):
    ip.run_cell("import torch\nW = torch.zeros(2, 2)")
    before = set(ip.user_ns)
    result, report = magic("W += 1\nZ = W * 3")
    assert result.error is None
    assert torch.equal(ip.user_ns["W"], torch.ones(2, 2))
    new = {name for name in set(ip.user_ns) - before if not name.startswith("_")}
    assert new == {"Z"}
    assert statuses(report) == ["match", "match"]


def test_translation_never_touches_a_user_object(magic, ip):
    ip.run_cell("import torch\nimport numpy as np\na = np.zeros(3)\nitems = [1, 2]")
    result, report = magic("t = torch.from_numpy(a)\nt += 1\nitems.append(3)")
    assert result.error is None
    assert ip.user_ns["a"].tolist() == [1.0, 1.0, 1.0]  # through t, once, by the learner's own cell
    assert ip.user_ns["items"] == [1, 2, 3]


def test_traceback_points_at_the_learners_line(run, ip):
    body = "import torch\nx = torch.ones(2)\ny = x.no_such_attribute"
    result = run(f"%%compare_np\n{body}")
    assert isinstance(result.error, AttributeError)
    last = traceback.extract_tb(result.error.__traceback__)[-1]
    assert last.filename in ip.compile._filename_map  # a cell IPython registered, not ours
    assert last.lineno == 3
    assert last.line == "y = x.no_such_attribute"


def test_html_escapes_values_and_code(magic, ip):
    ip.user_ns["s"] = "<script>alert(1)</script>"
    result, report = magic("t = s + '<b>'\nt")
    html = "".join(result.htmls())
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="d2l-compare"' in html and "d2l-badge d2l-badge-match" in html


def test_text_and_html_show_both_sources_values_and_verdicts(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("x = torch.arange(4.0)\nx.clone()")
    text = result.texts()[0]
    assert "torch code" in text and "NumPy code" in text and "verdict" in text
    assert "x.clone()" in text and "x.copy()" in text and "(4,)" in text and "float32" in text
    html = result.htmls()[0]
    assert "<code>x.copy()</code>" in html and 'class="d2l-notes"' in html
    assert "<code>copy()</code>" in html  # a note's `code span`


def test_lang_zh_speaks_chinese(magic, ip):
    ip.run_cell("import torch")
    result, _ = magic("torch.ones(2)", "--lang zh")
    assert "结论" in result.texts()[0]


# -- options, bad input, the Out value ----------------------------------------------------------

def test_help_lists_the_options(run):
    for query in ("%compare_np?", "%%compare_np?"):
        shown = run(query).stdout
        for option in ("--from", "--rtol", "--atol", "-o NAME", "--lang"):
            assert option in shown, (query, shown)


def test_line_use_asks_for_a_cell(run):
    result = run("%compare_np x = 1")
    assert isinstance(result.error, UsageError) and "cell" in str(result.error)


def test_unknown_option_is_a_one_line_usage_error(run):
    result = run("%%compare_np --bogus\nx = 1")
    assert isinstance(result.error, UsageError)
    assert "--bogus" in str(result.error) and "\n" not in str(result.error)


def test_empty_cell_is_a_usage_error(run):
    result = run("%%compare_np\n   \n")
    assert isinstance(result.error, UsageError)


def test_syntax_error_is_pythons_own_at_the_learners_line(run):
    result = run("%%compare_np\nx = 1\ny = (2 +\n")
    assert isinstance(result.error, SyntaxError)
    assert result.error.lineno in (2, 3)


def test_final_expression_is_out_and_semicolon_silences_it(magic, ip):
    ip.run_cell("import torch")
    result, _ = magic("x = torch.ones(3)\nx * 2")
    assert torch.equal(result.value, torch.full((3,), 2.0))
    result, _ = magic("x * 2;")
    assert result.value is None


def test_tolerance_options_loosen_the_comparison(magic, ip):
    ip.run_cell("import torch\nX = torch.tensor([1.0, 2.0, 3.0])")
    _, strict = magic("X.exp() / 7.0")
    _, loose = magic("X.exp() / 7.0", "--rtol 0.1 --atol 0.1")
    assert strict.ok and loose.ok


def test_report_is_bound_even_when_the_cell_raises(run, ip):
    result = run("%%compare_np -o rep\nimport torch\ntorch.ones(2) @ torch.ones(3)")
    assert isinstance(result.error, RuntimeError)
    assert ip.user_ns["rep"].rows[-1].status == "error"


# -- --from numpy and autograd ---------------------------------------------------------------------

def test_from_numpy_compares_against_torch(magic, ip):
    ip.run_cell("import numpy as np\na = np.arange(6.0).reshape(2, 3)")
    result, report = magic("b = a.sum(axis=0)\nc = a.T @ a\nb", "--from numpy")
    assert result.error is None
    assert report.source_lib == "numpy" and report.target_lib == "torch"
    assert report.ok and statuses(report) == ["match", "match", "match"]
    assert "dim=0" in report.translation.code
    assert isinstance(result.value, np.ndarray)
    assert "NumPy code" in result.texts()[0]


def test_pasted_numpy_doc_forms_translate_and_agree(magic, ip):
    """Forms whose translation used to raise in torch: ``axis=None``, a Python float, an integer
    mean of a computed value."""
    ip.run_cell("import numpy as np\na = np.arange(6).reshape(2, 3)")
    body = "f = np.concatenate((a, a.T), axis=None)\nr = np.round(2.675, 2)\nm = np.mean(a.T @ a)\nf, r, m"
    result, report = magic(body, "--from numpy")
    assert result.error is None
    assert statuses(report) == ["match", "match", "match", "match"]
    assert report.ok
    assert {"translate.concatenate_flat", "translate.int_to_float"} <= {note.id for note in report.notes}


def test_pasted_torch_doc_forms_translate_and_agree(magic, ip):
    """Forms that had no NumPy translation: var_mean, cross without dim, masked_fill(_), chunk."""
    ip.run_cell("import torch\nM = torch.arange(9.0).reshape(3, 3)\nI = torch.arange(6).reshape(2, 3)")
    body = ("v, m = torch.var_mean(M, dim=1)\nc = torch.cross(M, M.flip(1))\nf = I.masked_fill(I > 2, 1.5)\n"
            "I.masked_fill_(I < 1, -1)\npieces = torch.arange(5).chunk(4)\nv, m, c, f, I, pieces")
    result, report = magic(body)
    assert result.error is None
    assert statuses(report) == ["match"] * 7  # v and m are a row each
    assert report.ok
    assert len(result.value[-1]) == 3
    assert {"translate.var_mean", "translate.cross_first_axis", "translate.masked_fill", "translate.chunk"} <= \
        {note.id for note in report.notes}


def test_numpy_doc_forms_with_a_torch_counterpart_agree_or_say_why(magic, ip):
    """np.inner, np.split, np.eye(k=), np.append; where the libraries part ways the verdict says so."""
    ip.run_cell("import numpy as np\na = np.arange(6.0)\nf32 = np.ones(2, dtype=np.float32)")
    body = ("i = np.inner(a, a)\nhalves = np.split(a, 2)\ncuts = np.split(a, [1, 4])\ne = np.eye(3, k=1)\n"
            "longer = np.append(a, 7)\ni, halves, cuts, e, longer")
    result, report = magic(body, "--from numpy")
    assert result.error is None
    assert statuses(report) == ["match"] * 6
    assert report.ok
    assert {"translate.inner", "translate.split", "translate.eye_k", "translate.append"} <= \
        {note.id for note in report.notes}
    _, report = magic("np.append(f32, 5)", "--from numpy")  # float32 with an int: float64 in NumPy only
    assert statuses(report) == ["dtype"]
    result, report = magic("parts = np.split(a, 4)", "--from numpy")  # unequal: NumPy refuses
    assert isinstance(result.error, ValueError) and not report.ok


def test_from_numpy_replays_numpy_draws_into_torch():
    namespace = {"np": np}
    report, _ = engine("np.random.seed(0)\nr = np.random.randn(2, 3)", namespace, source_lib="numpy")
    assert report.ok
    assert report.rows[-1].status in ("match", "dtype")


def test_autograd_statements_are_torch_only_and_the_rest_goes_on(magic, ip):
    ip.run_cell("import torch")
    body = ("x = torch.arange(4.0)\nx.requires_grad_(True)\ny = 2 * torch.dot(x, x)\n"
            "y.backward()\nx.grad\nz = x.detach() * 3")
    result, report = magic(body)
    assert result.error is None
    by_line = {row.lineno: row.status for row in report.rows}
    assert by_line[4] == "torch-only" and by_line[5] == "torch-only"
    assert by_line[3] in ("match", "dtype") and by_line[6] in ("match", "dtype")
    assert report.ok
    torch_only = [row for row in report.rows if row.status == "torch-only"]
    assert all(row.note is not None for row in torch_only)
    assert torch.equal(ip.user_ns["x"].grad, torch.tensor([0.0, 4.0, 8.0, 12.0]))


# -- chapter-2 cells from the notes ----------------------------------------------------------------

CHAPTER_2_CELLS = {
    "dot_mv_mm": "x = torch.arange(4, dtype=torch.float32)\ny = torch.ones(4, dtype=torch.float32)\n"
                 "torch.dot(x, y)\nA = torch.arange(20, dtype=torch.float32).reshape(5, 4)\n"
                 "torch.mv(A, x)\nB = torch.ones(4, 3)\ntorch.mm(A, B)\nA @ B",
    "norms": "u = torch.tensor([3.0, -4.0])\ntorch.norm(u)\ntorch.abs(u).sum()\n"
             "torch.norm(torch.ones((4, 9)))",
    "cat": "X = torch.arange(12, dtype=torch.float32).reshape((3, 4))\n"
           "Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])\n"
           "torch.cat((X, Y), dim=0), torch.cat((X, Y), dim=1)",
    "keepdims_broadcast": "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\n"
                          "sum_A = A.sum(axis=1, keepdims=True)\nA / sum_A\nA.cumsum(axis=0)",
    "clone": "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\nB = A.clone()\nA + B\nA * B",
    "reductions": "x = torch.arange(4, dtype=torch.float32)\nx.sum(), x.mean(), len(x), x.shape\n"
                  "A = x.reshape(2, 2)\nA.mean(axis=0), A.sum(axis=[0, 1]), A.numel()",
    "in_place": "X = torch.arange(12, dtype=torch.float32).reshape((3, 4))\nZ = torch.zeros_like(X)\n"
                "Z[:] = X + 1\nX[0:2, :] = 12\nX[1, 2] = 9\nX",
}


@pytest.mark.parametrize("name", sorted(CHAPTER_2_CELLS))
def test_chapter_2_cells_compare_ok(name):
    report, namespace = engine(CHAPTER_2_CELLS[name])
    assert report.ok, [(row.lineno, row.status, row.note) for row in report.rows]
    assert report.exception is None
    assert all(row.status in ("match", "dtype") for row in report.rows)


# -- the comparison itself ---------------------------------------------------------------------------

def test_casts_keep_the_dtype_on_both_sides():
    report, _ = engine("x = torch.tensor([1, 2])\nx.float()")
    assert statuses(report) == ["match", "match"]
    assert report.rows[1].target_value.dtype == "float32"


def test_int_against_float_with_equal_values_is_a_dtype_row():
    libs = {"source_lib": "torch", "target_lib": "NumPy"}
    status, note = _verdict("c", torch.tensor([1.0, 2.0]), np.array([1, 2]), libs, None, None)
    assert status == "dtype" and note.id == "compare.int_vs_float"
    status, note = _verdict("c", torch.ones(2, 3), np.ones((3, 2)), libs, None, None)
    assert status == "mismatch" and "(2, 3)" in note.text and "(3, 2)" in note.text
    status, note = _verdict("c", torch.tensor([1.0, 2.0]), np.array([1.0, 2.5]), libs, None, None)
    assert status == "mismatch" and "0.5" in note.text
    assert _verdict("c", torch.tensor(5.0), np.float64(5.0), libs, None, None)[0] == "dtype"
    assert _verdict("c", torch.float32, np.dtype("float32"), libs, None, None)[0] == "match"
    assert _verdict("c", torch.Size([2, 3]), (2, 3), libs, None, None)[0] == "match"
    assert _verdict("c", "a", "b", libs, None, None)[0] == "mismatch"


def test_ids_are_not_compared_but_identity_checks_are():
    report, _ = engine("y = torch.ones(2)\nbefore = id(y)\ny = y + 1\nid(y) == before")
    assert statuses(report) == ["match", "match", "match", "match"]
    assert "compare.identity" in {note.id for note in report.notes}
    assert report.value is False


def test_tensor_and_ndarray_types_are_counterparts():
    report, _ = engine("A = torch.ones(2)\nB = A.numpy()\ntype(A), type(B)")
    assert report.ok and statuses(report)[-1] == "match"


def test_nan_inf_and_float32_rounding():
    libs = {"source_lib": "torch", "target_lib": "NumPy"}
    nan_inf = torch.tensor([float("nan"), float("inf"), 1.0])
    assert _verdict("v", nan_inf, nan_inf.numpy().copy(), libs, None, None)[0] == "match"
    assert _verdict("v", torch.tensor([float("inf")]), np.array([-np.inf], np.float32), libs, None, None)[0] == "mismatch"
    assert _verdict("v", torch.tensor([float("nan")]), np.array([1.0], np.float32), libs, None, None)[0] == "mismatch"
    big = torch.full((3,), 80000.0)
    rounded = big.numpy() + np.float32(0.25)  # 3e-6 of the value: beyond rtol 1.3e-6, yet rounding
    status, note = _verdict("E", big, rounded, libs, None, None)
    assert status == "match" and note.id == "compare.rounding"
    assert _verdict("E", big, rounded, libs, 1e-9, 0.0)[0] == "mismatch"  # an explicit tolerance is exact


def test_large_float32_matmul_and_cumsum_compare_ok():
    report, _ = engine("A = torch.arange(160000, dtype=torch.float32).reshape(400, 400) / 400\n"
                       "E = A.cumsum(axis=0)\nM = torch.mm(A, A.T)")
    assert report.ok, [(row.status, row.note) for row in report.rows]
    assert report.rows[2].source_value.shape == (400, 400)


def test_dicts_own_objects_and_translation_warnings():
    report, _ = engine("class Box:\n    pass\nb = Box()\nd = {'k': torch.ones(2)}\nx = torch.arange(4.0) / 0")
    assert report.ok and statuses(report)[1:] == ["match", "match", "match"]
    assert any(note.id == "compare.target_warned" and "divide by zero" in note.text for note in report.notes)


def test_numpy_only_statements_and_the_rest_goes_on(magic, ip):
    ip.run_cell("import numpy as np\na = np.arange(6.0)")
    result, report = magic("h = np.histogram(a, bins=2)\nb = a.copy()\nb.sum()", "--from numpy")
    assert result.error is None
    assert statuses(report)[0] == "numpy-only" and report.rows[0].note is not None
    assert statuses(report)[1:] == ["match", "match"]
    assert "torch only" not in result.texts()[0] and "NumPy only" in result.texts()[0]


def test_every_random_function_replays_even_after_an_untranslated_draw():
    cell = ("a = torch.randint(0, 10, (3,))\nb = torch.normal(0, 1, (2, 2))\np = torch.randperm(5)\n"
            "n = torch.randn(size=())\nu = torch.rand(3)\nm = torch.distributions.Normal(0.0, 1.0).sample((2,))\n"
            "counts = torch.distributions.Multinomial(10, torch.ones(6) / 6).sample()")
    report, _ = engine(cell)
    assert report.ok, [(row.lineno, row.status, row.note) for row in report.rows]
    assert "compare.random_not_replayed" not in {note.id for note in report.notes}


def test_replay_falls_back_to_a_private_generator_and_recording_always_restores():
    from collections import deque

    from d2l_magics import replay

    module, replayer = replay.stand_in("numpy", deque([np.zeros((2, 2))]))
    state = np.random.get_state()[1].copy()
    assert module.random.randn(3).shape == (3,)  # nothing recorded fits: its own draw
    assert module.random.rand(2, 2).tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert replayer.missed == ["np.random.randn"] and replayer.replayed == 1
    assert (np.random.get_state()[1] == state).all()  # the global NumPy generator was not used
    original = torch.randn
    with pytest.raises(ZeroDivisionError), replay.recording("torch", deque()):
        assert torch.randn is not original
        _ = 1 / 0
    assert torch.randn is original


# -- generated chapter-2 cells (hypothesis) ----------------------------------------------------------


def test_each_preview_is_what_numpy_prints_for_the_whole_value():
    """Previews are formatted from the shown corners only, and once for values that print alike
    (A, its clone, both sides of a row): the text is still NumPy's print of the whole array, and
    values that differ only in the sign of zero still read differently."""
    from d2l_magics.comparison.mirror import mirror_of

    report, namespace = engine("A = torch.arange(1e6).reshape(1000, 1000) / 7\nB = A.clone()\nT = A.T\n"
                               "H = torch.cat((A, B))\nZ = torch.zeros(50)\nN = -Z\ns = A.sum()")
    mirrored = mirror_of(namespace, "numpy").ns

    def printed(value):
        return np.array2string(np.asarray(value), threshold=36, edgeitems=3, precision=4, suppress_small=True,
                               separator=" ", max_line_width=80)

    for row in report.rows:
        assert row.source_value.preview == printed(namespace[row.name].numpy()), row.name
        assert row.target_value.preview == printed(mirrored[row.name]), row.name
    previews = {row.name: row.source_value.preview for row in report.rows}
    assert "-0." in previews["N"] and "-0." not in previews["Z"]
    assert previews["T"] != previews["A"] == previews["B"] == previews["H"]


@st.composite
def chapter2_cell(draw):
    """A tensor of a random shape and a chapter-2 operation on it, as a learner would write them."""
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    size = int(np.prod(shape))
    dim = draw(st.integers(0, len(shape) - 1))
    keep = draw(st.booleans())
    make = draw(st.sampled_from([
        f"X = torch.arange({size}, dtype=torch.float32).reshape{shape}",
        f"X = torch.arange({size}).reshape{shape}",
        f"X = torch.randn{shape}",
        f"X = torch.ones({', '.join(map(str, shape))})",
    ]))
    operation = draw(st.sampled_from([
        f"X.sum(dim={dim}, keepdim={keep})", f"X.sum(axis={dim}, keepdims={keep})",
        f"X.float().mean(dim={dim})", "X.sum()", f"torch.max(X, dim={dim})", "X.max()",
        f"X.float().std(dim={dim})" if shape[dim] > 1 else "X.float().std()",
        f"X.cumsum(dim={dim})", f"X.argmax(dim={dim})", "X.reshape(-1)", "X[0]", "X * 2 + 1",
        "torch.exp(X.float())", f"X.unsqueeze({dim}).shape", "X.clone()", f"torch.cat((X, X), dim={dim})",
        "X.float().norm()", f"X.sum(axis={list(range(len(shape)))})", "len(X)", "float(X.sum())",
        "Y = X.clone()\nY += 1\nY", "X.numel()", "X.T" if len(shape) <= 2 else "X.shape",
    ]))
    return f"{make}\n{operation}"


@pytest.mark.filterwarnings("ignore::UserWarning")  # torch warns about std of one element, as in a plain run
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chapter2_cell())
def test_generated_cells_agree_or_say_why(cell):
    report, _ = engine(cell)
    assert report.exception is None, cell
    report._repr_mimebundle_()
    for row in report.rows:
        assert row.status in ("match", "dtype", "torch-only") or row.note is not None, (cell, row)
        if row.status == "dtype":
            assert row.note is not None
    assert report.ok, (cell, [(row.status, row.note) for row in report.rows])


def test_large_values_are_summarised_and_later_changes_do_not_alter_the_report():
    report, namespace = engine("big = torch.zeros(200, 100)\nsmall = torch.zeros(3)\ntorch.max(big, dim=1)")
    namespace["big"] += 5  # a later cell changes the tensors before the report is shown
    namespace["small"] += 5
    assert report.rows[0].source_value.shape == (200, 100) and "5" not in report.rows[0].source_value.preview
    assert report.rows[1].source_value.preview == "[0. 0. 0.]"
    assert report.rows[2].source_value.kind == "tuple" and report.rows[2].source_value.preview.startswith("[0] [0. ")


@st.composite
def numpy_cell(draw):
    """The NumPy side of the book: an array of a random shape and an operation on it."""
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    size = int(np.prod(shape))
    axis = draw(st.integers(0, len(shape) - 1))
    keep = draw(st.booleans())
    make = draw(st.sampled_from([f"a = np.arange({size}, dtype=np.float32).reshape{shape}",
                                 f"a = np.arange({size}.0).reshape{shape}", f"a = np.ones({shape})",
                                 f"a = np.random.randn({', '.join(map(str, shape))})"]))
    operation = draw(st.sampled_from([
        f"a.sum(axis={axis}, keepdims={keep})", f"a.mean(axis={axis})", "a.sum()", f"a.max(axis={axis})",
        f"a.argmax(axis={axis})", f"a.cumsum(axis={axis})", "a.reshape(-1)", "a[0]", "a * 2 + 1",
        "np.exp(a)", "a.copy()", f"np.concatenate((a, a), axis={axis})", "a.shape", "a.size",
        "np.abs(a).sum()", "b = a.copy()\nb += 1\nb",
    ]))
    return f"{make}\n{operation}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(numpy_cell())
def test_generated_numpy_cells_agree_or_say_why(cell):
    report, _ = engine(cell, {"np": np}, source_lib="numpy")
    assert report.exception is None, cell
    report._repr_mimebundle_()
    assert report.ok, (cell, report.translation.code, [(row.status, row.note) for row in report.rows])


# -- review findings: the learner's own code, aliases, infinities, wrappers, the report's language ----

def test_the_learners_own_function_runs_once_and_its_twin_compares(magic, ip):
    ip.run_cell("import torch\nW = torch.zeros(3)\ndef step():\n    W.add_(1)\n    return W.clone()")
    result, report = magic("y = step()\nz = y * 2")
    assert result.error is None
    assert torch.equal(ip.user_ns["W"], torch.ones(3))  # one call, not two
    assert statuses(report) == ["match", "match"] and report.ok
    result, report = magic("y = step()\nW")
    assert torch.equal(ip.user_ns["W"], torch.full((3,), 2.0))
    assert statuses(report) == ["match", "match"]


def test_a_function_that_prints_runs_once_and_is_torch_only_with_its_reason(magic, ip):
    ip.run_cell("import torch\nW = torch.zeros(3)\ndef step():\n    W.add_(1)\n    print('step')\n"
                "    return W.clone()")
    result, report = magic("y = step()\nz = y * 2")
    assert result.error is None and result.stdout == "step\n"
    assert torch.equal(ip.user_ns["W"], torch.ones(3))
    assert statuses(report) == ["torch-only", "match"]
    assert report.rows[0].note.id == "compare.runs_once" and "step" in report.rows[0].note.text
    assert "torch only" in result.texts()[0]


def test_a_learner_function_that_draws_runs_once_and_the_random_stream_is_a_plain_runs(magic, ip):
    ip.run_cell("import torch\nhistory = []\ndef noise(n):\n    history.append(n)\n    return torch.randn(n)")
    ip.run_cell("torch.manual_seed(0)")
    result, report = magic("x = noise(3)\nu = torch.rand(2) + x[:2]")
    ip.run_cell("later = torch.rand(2)")
    assert result.error is None and ip.user_ns["history"] == [3]
    assert statuses(report) == ["torch-only", "match"]
    torch.manual_seed(0)
    x, u, later = torch.randn(3), None, None
    u = torch.rand(2) + x[:2]
    later = torch.rand(2)
    assert torch.equal(ip.user_ns["x"], x) and torch.equal(ip.user_ns["u"], u)
    assert torch.equal(ip.user_ns["later"], later)


def test_saved_bound_methods_and_the_learners_classes_are_not_used_twice(magic, ip):
    ip.run_cell("import torch\nW = torch.zeros(2)\nadd = W.add_\nlosses = []\nlog = losses.append\n"
                "class Tracker:\n    def __init__(self):\n        losses.append('made')\n"
                "class Model:\n    calls = 0\n    def forward(self, x):\n        Model.calls += 1\n"
                "        return x * 2\nmodel = Model()")
    result, report = magic("add(1)\nlog(0.5)\nt = Tracker()\nout = model.forward(torch.ones(2))\nv = out + 1")
    assert result.error is None
    assert torch.equal(ip.user_ns["W"], torch.ones(2))
    assert ip.user_ns["losses"] == [0.5, "made"] and ip.user_ns["Model"].calls == 1
    assert statuses(report) == ["torch-only"] * 4 + ["match"]
    assert report.ok


def test_names_holding_one_object_stay_one_object_on_the_other_side(magic, ip):
    ip.run_cell("import torch\nX = torch.arange(6.0).reshape(2, 3)\nY = X\npair = (X, 1)")
    result, report = magic("X[0, 0] = 100\nY\npair[0]")
    assert result.error is None
    assert statuses(report) == ["match", "match", "match"]


def test_an_infinity_does_not_make_every_difference_rounding():
    libs = {"source_lib": "torch", "target_lib": "NumPy"}
    inf = float("inf")
    source = torch.tensor([inf, 1.0, 2.0])
    status, note = _verdict("v", source, np.array([inf, 1.5, 2.0], np.float32), libs, None, None)
    assert status == "mismatch" and note.id == "compare.values_differ"
    big = torch.tensor([inf, 80000.0])  # rounding beside an infinity is still rounding
    status, note = _verdict("v", big, np.array([inf, 80000.25], np.float32), libs, None, None)
    assert status == "match" and note.id == "compare.rounding"


def test_random_functions_kept_from_the_cell_draw_as_in_a_plain_run_afterwards(run, ip):
    result = run("%%compare_np\nimport torch\nfrom torch import randn\nr = torch.rand\nx = randn(2)")
    assert result.error is None
    torch.manual_seed(5)
    expected = torch.randn(3), torch.rand(2)
    ip.run_cell("torch.manual_seed(5)\na = randn(3)\nb = r(2)")
    assert torch.equal(ip.user_ns["a"], expected[0]) and torch.equal(ip.user_ns["b"], expected[1])


def test_recording_stops_and_lets_go_of_the_draws_when_the_cell_ends():
    from d2l_magics import replay

    draws = deque()
    with replay.recording("torch", draws):
        kept = torch.randn
        kept(2)
    assert len(draws) == 1
    kept(3)
    assert len(draws) == 1
    gone = weakref.ref(draws)
    del draws
    assert gone() is None  # a wrapper the cell kept holds no recorded numbers


def test_an_error_inside_a_recorded_random_call_shows_no_engine_frame(run):
    result = run("%%compare_np\nimport torch\nx = torch.randn(-1)")
    assert isinstance(result.error, RuntimeError)
    assert "x = torch.randn(-1)" in result.stdout
    assert "replay.py" not in result.stdout


def test_a_report_shown_later_keeps_the_language_it_was_made_in(run, ip):
    run("%%compare_np -o r --lang zh\nimport torch\nx = torch.arange(4) / 3")
    shown = run("r").value._repr_mimebundle_()  # the session speaks English
    assert "结论" in shown["text/plain"] and "verdict" not in shown["text/plain"]
    assert "结论" in shown["text/html"] and "verdict" not in shown["text/html"]
