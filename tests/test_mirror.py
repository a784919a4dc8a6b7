"""The session mirror of %%compare_np: memory shared as in torch across cells, in-place changes,
printed values, names from earlier cells, and values that cannot be compared, in a real shell."""
from __future__ import annotations

import gc
import re

import numpy as np
import torch
from compare_helpers import statuses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import d2l_magics as dm
from d2l_magics.comparison.mirror import mirror_of
from d2l_magics.values import to_numpy

# -- memory shared across cells -----------------------------------------------------------------------

def test_numpy_of_a_tensor_shares_memory_with_it_in_the_next_cell(magic, ip):
    _, first = magic("import torch\na = torch.ones(2)\nb = a.numpy()")
    result, report = magic("a.add_(1)\nprint(b)")
    assert result.stdout == "[2. 2.]\n"
    assert statuses(report) == ["match", "match"] and report.ok
    printed = report.rows[1]
    assert printed.printed
    assert printed.target_value.preview.endswith("[2. 2.]")  # the NumPy side printed 2s too


def test_views_and_aliases_made_in_a_plain_cell_share_memory_on_the_numpy_side(magic, ip):
    ip.run_cell("import torch\nX = torch.arange(12.0).reshape(3, 4)\nY = X\nrow = X[1]\nn = X.numpy()")
    result, report = magic("row.zero_()\nY[0, 0] = 100\nprint(n)\nZ = X.sum()")
    assert result.error is None
    assert report.ok, [(row.status, row.note) for row in report.rows]
    assert float(ip.user_ns["Z"]) == float(ip.user_ns["X"].sum())


def test_changes_made_in_a_plain_cell_reach_the_mirror(magic, ip):
    magic("import torch\nX = torch.zeros(3)\nY = X * 2")
    ip.run_cell("X.add_(5)")  # not compared: the mirror only sees the version counter move
    result, report = magic("Y = X * 2")
    assert torch.equal(ip.user_ns["Y"], torch.full((3,), 10.0))
    assert statuses(report) == ["match"]


def test_numpy_memory_changed_in_a_plain_cell_reaches_the_mirror(magic, ip):
    ip.run_cell("import torch\nimport numpy as np\na = np.zeros(3)")
    magic("t = torch.from_numpy(a)\nt += 1\nprint(a)")
    ip.run_cell("a[0] = 7")  # no version counter moves: the checksum sees it
    result, report = magic("print(t)\nu = t * 2")
    assert statuses(report) == ["match", "match"]
    ip.run_cell("b = a[1:]")
    result, report = magic("b += 1\nprint(a)", "--from numpy")
    assert result.stdout == "[7. 2. 2.]\n" and statuses(report) == ["match", "match"]


def test_a_slice_changed_in_place_is_compared_as_the_whole_tensor(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("W = torch.ones(3, 4)\nW[:, 1].zero_()\nW.sum()")
    assert report.ok, [(row.status, row.note) for row in report.rows]
    assert [row.name for row in report.rows] == ["W", "W", None]


def test_one_mirror_array_for_a_big_tensor_its_views_and_its_numpy(magic, ip):
    ip.run_cell("import torch\nA = torch.ones(1000, 1000)\nB = A.numpy()\nV = A[0]\nT = A.T")
    result, report = magic("A[0, 0] = 3\nprint(B[0, 0], V[0], T[0, 0])")
    assert report.ok
    assert mirror_of(ip.user_ns, "numpy").nbytes() == 1000 * 1000 * 4


def test_reset_drops_the_mirror(magic, ip):
    magic("import torch\nA = torch.ones(100, 100)\nB = A[0]")
    mirror = mirror_of(ip.user_ns, "numpy")
    assert mirror.nbytes() == 100 * 100 * 4
    ip.run_cell("%reset -f")
    gc.collect()
    magic("import torch\nx = torch.zeros(2)")
    assert "A" not in mirror.ns and "B" not in mirror.ns
    assert mirror.nbytes() == 2 * 4


# -- in-place statements that are not translated ----------------------------------------------------

def test_an_untranslated_in_place_statement_is_torch_only_and_nothing_is_stale(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("X = torch.arange(6.0)\nX.index_add_(0, torch.tensor([1, 3]), torch.ones(2))\nY = X * 2\nprint(X)")
    assert statuses(report) == ["match", "torch-only", "match", "match"]
    assert report.rows[1].note is not None
    assert report.ok


def test_a_numpy_side_that_differs_in_memory_is_never_agree(magic, ip):
    # torch's contiguous() of a transpose is a copy; NumPy's translation keeps the view
    ip.run_cell("import torch")
    result, report = magic("X = torch.arange(6.0).reshape(2, 3)\nf = X.T.contiguous()\nf[0, 0] = 100\nprint(X)")
    assert not report.ok
    row = report.rows[-1]
    assert row.printed and row.status == "mismatch"
    assert "[0, 0]" in row.note.text and "100" in row.note.text  # the first differing element, the size


def test_a_small_difference_beside_a_large_value_is_no_rounding_where_nothing_is_added_up(magic, ip):
    # the NumPy side's X changed through a view torch does not have; Z = X * 1 adds nothing up,
    # so its 7 against 1 beside 1e6 is a difference, not float32 rounding of the largest value
    ip.run_cell("import torch")
    _, report = magic("X = torch.tensor([[1e6, 1.], [2., 3.]])\nf = X.T.contiguous()\nf[1, 0] = 7.\nZ = X * 1")
    assert not report.ok
    assert (report.rows[-1].name, report.rows[-1].status) == ("Z", "mismatch")
    assert report.rows[-1].note.id == "compare.values_differ"
    _, later = magic("Y = X + 0")   # in the next cell too
    assert statuses(later) == ["mismatch"]
    # a sum of the differing X is no rounding either, nor a print of one
    _, summed = magic("s = X.sum()\nm = X.mean(1)\nprint(X.sum(1))")
    assert [(row.status, row.note.id) for row in summed.rows] == [("mismatch", "compare.inputs_differ")] * 3
    assert "X, which this statement reads" in summed.rows[0].note.text
    # an input found equal for one statement is looked at again once memory changed in place
    _, again = magic("X = torch.arange(40000.).reshape(200, 200) / 7\nM = X @ X.T\nf = X.T.contiguous()\n"
                     "f[1, 0] = 7.\nN = X @ X.T")
    assert [(row.name, row.status, row.note and row.note.id) for row in again.rows][1::3] == [
        ("M", "match", "compare.rounding"), ("N", "mismatch", "compare.inputs_differ")]


def test_rounding_is_forgiven_where_numbers_are_added_up_and_in_what_is_made_from_them(magic, ip):
    ip.run_cell("import torch")
    _, report = magic("A = torch.arange(40000.).reshape(200, 200) / 7\nM = A @ A.T\nN = M * 2")
    assert [(row.name, row.status, row.note and row.note.id) for row in report.rows] == [
        ("A", "match", None), ("M", "match", "compare.rounding"), ("N", "match", "compare.rounding")]
    _, later = magic("N2 = N + 1")   # a name made from added-up numbers, in a later cell
    assert [(row.status, row.note.id) for row in later.rows] == [("match", "compare.rounding")]
    # a view of memory that added-up numbers went into
    _, viewed = magic("torch.manual_seed(0)\nX = torch.randn(2000, 500)\nw = torch.randn(500)\n"
                      "Y = torch.zeros(2000)\nv = Y[:]\nY += X @ w\nv2 = v * 2")
    assert viewed.ok and viewed.rows[-1].note.id == "compare.rounding"


def test_a_torch_only_change_of_shape_in_place_is_taken_over_within_the_cell(magic, ip):
    # t_() and unsqueeze_() change shape and strides without a version: the next statement must
    # still see the same tensor on both sides
    ip.run_cell("import torch")
    _, report = magic("x = torch.arange(6.).reshape(2, 3)\nx.t_()\ny = x * 1\n"
                      "z = torch.arange(4.).reshape(2, 2)\nz.t_()\nw = z + 0\n"
                      "v = torch.arange(3.)\nv.unsqueeze_(0)\ns = v.sum(0)")
    assert statuses(report) == ["match", "torch-only", "match"] * 3 and report.ok


# -- printed values ---------------------------------------------------------------------------------

def test_print_rows_compare_the_printed_values_and_print_once(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("x = torch.tensor([1.0, 2.0])\nprint('x is', x * 2, f'and {x.sum():.1f}')")
    assert result.stdout == "x is tensor([2., 4.]) and 3.0\n"
    assert statuses(report) == ["match", "match"]
    row = report.rows[1]
    assert row.printed and "[4.]" not in row.source_value.preview
    assert "2. 4." in row.target_value.preview and "3." in row.target_value.preview


# -- names from earlier cells -----------------------------------------------------------------------

def test_imports_from_an_earlier_cell_are_known_to_the_translation(magic, ip):
    ip.run_cell("import torch\nfrom torch.distributions import multinomial\ntorch.manual_seed(0)")
    result, report = magic("p = torch.ones(6) / 6\ncounts = multinomial.Multinomial(10, p).sample()")
    assert result.error is None
    assert "np.random.multinomial" in report.translation.code
    assert report.ok and statuses(report) == ["match", "match"]


def test_a_function_from_an_earlier_cell_gets_a_numpy_twin(magic, ip):
    ip.run_cell("import torch\ndef centre(X):\n    return X - X.mean(dim=0, keepdim=True)")
    result, report = magic("A = torch.arange(6.0).reshape(3, 2)\nB = centre(A)")
    assert statuses(report) == ["match", "match"]
    assert report.ok


def test_a_function_defined_earlier_in_the_cell_that_cannot_be_translated_is_torch_only(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("def g(x):\n    x.index_add_(0, torch.tensor([0]), torch.ones(1))\n    return x\ny = g(torch.arange(3.0))\nz = y + 1")
    assert result.error is None
    assert statuses(report) == ["torch-only", "torch-only", "match"]
    assert report.rows[1].note.id == "compare.runs_learner_code" and "g" in report.rows[1].note.text
    assert report.ok


# -- values that cannot be compared -------------------------------------------------------------------

def test_empty_contents_are_a_note_not_a_mismatch(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("e = torch.empty(3, 2)\ne.shape")
    assert statuses(report) == ["match", "match"]
    assert "compare.empty" in {note.id for note in report.notes}


def test_negative_strides_copy_on_the_torch_side(magic, ip):
    ip.run_cell("import numpy as np\na = np.arange(6.0)\nb = a[::-1]")
    result, report = magic("c = b * 2", "--from numpy")
    assert report.ok and statuses(report) == ["match"]


def test_string_and_datetime_arrays_are_numpy_only_with_a_reason(magic, ip):
    ip.run_cell("import numpy as np")
    result, report = magic("d = np.array(['2020-01-01'], dtype='datetime64[D]')\ns = np.array(['a', 'b'])\n"
                           "n = len(s)\nx = np.arange(3.0) + n", "--from numpy")
    assert result.error is None
    assert statuses(report) == ["numpy-only", "numpy-only", "numpy-only", "match"]
    assert all(row.note is not None for row in report.rows[:3])
    assert report.ok


# -- generated sessions (hypothesis): never "agree" while a printed value differs ----------------------


MAKERS = ["V = X[1]", "V = X[:, 1]", "V = X.T", "A = X", "N = X.numpy()", "F = X.flatten()",
          "C = X.clone()", "Y = X * 2"]
CHANGES = ["X[0, 1] = 5", "X.add_(1)", "X.mul_(2)", "X[:, 0] = 7", "X += 1", "X.zero_()",
           "V[0] = -1", "V.mul_(3)", "V.add_(1)", "A[2, 2] = 9", "A.sub_(1)", "N[2, 2] = 9", "N += 1",
           "F[0] = 100", "C[0, 0] = 3", "X[1].zero_()"]
PRINTS = ["print(X)", "print(V)", "print(A.sum())", "print(N)", "print(F)", "print(C)", "print(Y)",
          "print(X[0], V)"]
OTHERS = re.compile(r"\b[VANFCY]\b")


@st.composite
def session(draw):
    """Cells over one tensor, its views, aliases, its numpy() and copies, changes and prints."""
    cells, made = [], {"X"}
    for _ in range(draw(st.integers(2, 4))):
        cell = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from([MAKERS, CHANGES, PRINTS]))
            statement = draw(st.sampled_from(
                [s for s in kind if set(OTHERS.findall(s.partition(" = ")[2] if kind is MAKERS else s)) <= made]))
            if kind is MAKERS:
                made.add(statement.split(" = ")[0])
            cell.append(statement)
        cells.append("\n".join(cell))
    cells.append("print(X)")
    return cells


def _plain_prints(cells, namespace, translate):
    """Run each cell plainly (translated for the NumPy side); the values printed, per print."""
    printed = []
    namespace["print"] = lambda *values: printed.append(tuple(to_numpy(v).astype(float) for v in values))
    for cell in cells:
        exec(translate(cell), namespace)
    return printed


def _same(a, b) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and np.allclose(x, y, equal_nan=True)
                                    for p, q in zip(a, b) for x, y in zip(p, q))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session())
def test_a_generated_session_is_agree_only_when_every_printed_value_agrees(cells):
    start = "X = torch.arange(12.0).reshape(3, 4)"
    torch_prints = _plain_prints([start, *cells], {"torch": torch}, lambda cell: cell)
    numpy_prints = _plain_prints([start, *cells], {"np": np}, lambda cell: "\n".join(
        s.code for s in dm.translate(cell).statements if s.code is not None))
    namespace = {"torch": torch}
    reports = [dm.compare(cell, namespace) for cell in [start, *cells]]
    for report in reports:
        assert report.exception is None
        report._repr_mimebundle_()
    if not _same(torch_prints, numpy_prints):
        assert not all(report.ok for report in reports), cells
    else:
        assert all(report.ok for report in reports), (cells, [(r.status, r.note) for p in reports for r in p.rows])


def test_the_books_chapter_2_compares_ok_block_by_block_in_one_session(run, ip):
    from chapter2_blocks import BLOCKS

    for block in BLOCKS:
        result = run("%%compare_np -o report_\n" + block)
        report = ip.user_ns.pop("report_")
        assert result.error is None, block
        assert report.ok, (block, [(row.status, row.note) for row in report.rows])
