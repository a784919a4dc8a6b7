"""Self-checking exercises: every solution passes, empty cells and typical mistakes fail with their
own message, and %%exercise / %exercise behave in a real IPython shell."""
from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest
import torch
from IPython.core.error import UsageError
from wrapped import in_text

import d2l_magics as dm
from d2l_magics.messages import CATALOGUE, use_language
from d2l_magics.workbook import all_exercises, check_exercise, get_exercise
from d2l_magics.workbook.checks import Reduction

EXERCISES = all_exercises()


@pytest.fixture(autouse=True)
def progress_dir(tmp_path, monkeypatch):
    """Each test starts with no progress, kept in its own Jupyter data directory."""
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return tmp_path / "jupyter-data"
MISTAKES = [(e.name, source, msg_id) for e in EXERCISES for source, msg_id in e.mistakes]


def ids(values):
    return [v.name if hasattr(v, "name") else str(v) for v in values]


# -- the catalogue of exercises ---------------------------------------------------------------

def test_every_section_has_at_least_two_exercises():
    sections = [e.section for e in EXERCISES]
    assert set(sections) == set(range(1, 12))
    assert all(sections.count(s) >= 2 for s in range(1, 12))
    assert len(EXERCISES) >= 22
    assert sections == sorted(sections)


def test_public_api_lists_the_exercises():
    names = [e.name for e in dm.exercises()]
    assert names == [e.name for e in EXERCISES] and len(set(names)) == len(names)


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_exercise_texts_exist_in_both_languages(exercise):
    own = [k for k in CATALOGUE if k.startswith(f"exercise.{exercise.name}.")]
    assert {f"exercise.{exercise.name}.{part}" for part in ("title", "prompt", "hint1", "hint2", "why")} <= set(own)
    for key in own:
        assert set(CATALOGUE[key]) == {"en", "zh"}, key
    for answer in exercise.answers:
        assert f"`{answer}`" in exercise.prompt
    assert exercise.mistakes, "every exercise lists at least one typical mistake"


# -- solutions, empty cells, typical mistakes --------------------------------------------------

@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_the_solution_passes_in_a_fresh_namespace(exercise):
    feedback = check_exercise(exercise.name, exercise.solution, {})
    assert feedback.ok, feedback.message
    assert feedback.message == exercise.explanation and feedback.hint is None and feedback.trace is None


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_an_empty_cell_fails_with_its_own_message(exercise):
    feedback = check_exercise(exercise.name, "  \n# nothing yet\n", {})
    assert not feedback.ok and feedback.message_id == "exercise.empty"
    assert exercise.name in feedback.message
    assert feedback.hint == exercise.hints[0]


@pytest.mark.parametrize("name, source, msg_id", MISTAKES, ids=[f"{n}:{m}" for n, _, m in MISTAKES])
def test_a_typical_mistake_gets_its_specific_message(name, source, msg_id):
    feedback = check_exercise(name, source, {})
    assert not feedback.ok
    assert feedback.message_id == msg_id, feedback.message
    assert "{" not in feedback.message  # every field filled in


def test_a_missing_answer_variable_is_named():
    feedback = check_exercise("keepdims-normalize", "row_sums = A.sum(dim=1, keepdim=True)", {})
    assert feedback.message_id == "exercise.missing" and "`P`" in feedback.message


def test_the_notebooks_placeholder_asks_for_an_answer():
    feedback = check_exercise("keepdims-normalize", "row_sums = ...\nP = ...", {})
    assert feedback.message_id == "exercise.placeholder" and "`row_sums = ...`" in feedback.message


def test_an_answer_left_over_from_before_is_not_taken_as_this_cells():
    ns = {}
    assert check_exercise("matmul-not-elementwise", "C = A @ B", ns).ok
    feedback = check_exercise("matmul-not-elementwise", "D = A @ B", ns)
    assert feedback.message_id == "exercise.not_set"


def test_a_numpy_answer_counts_where_either_library_makes_sense():
    ns = {}
    source = "An = A.numpy()\nrow_sums = An.sum(axis=1, keepdims=True)\nP = An / row_sums"
    assert check_exercise("keepdims-normalize", source, ns).ok


def test_checkers_judge_meaning_not_text():
    outer = "d = (x * y).sum()\nO = x.reshape(3, 1) * y.reshape(1, 3)"
    assert check_exercise("dot-outer", outer, {}).ok
    assert check_exercise("nonscalar-backward", "y = x * x\ny.sum().backward()", {}).ok
    assert check_exercise("grad-loop-power", "y = x ** 5\ny.backward()", {}).ok


def test_wrong_axis_names_both_axes():
    feedback = check_exercise("sum-two-axes", "S = X.sum(axis=(0, 1))", {})
    assert feedback.message_id == "exercise.wrong_axis"
    assert "axis=(0, 1)" in feedback.message and "axis=(1, 2)" in feedback.message


def test_forgotten_keepdims_names_both_shapes_and_carries_the_trace():
    feedback = check_exercise("keepdims-normalize", "row_sums = A.sum(dim=1)\nP = A / row_sums", {})
    assert "(3,)" in feedback.message and "(3, 1)" in feedback.message
    assert feedback.trace is not None and feedback.trace.events


AXES = [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axes", AXES)
def test_a_reduction_is_recognised_by_what_it_computed(axes, keepdims):
    X = torch.randn(2, 3, 5, generator=torch.Generator().manual_seed(0))
    wanted = Reduction(X, "sum", (1,), keepdims=True)
    note = wanted.diagnose("R", X.sum(dim=axes, keepdim=keepdims))
    if axes == (1,) and keepdims:
        assert note is None  # the right answer is not a mistake
    elif axes == (1,):
        assert note.id == "exercise.forgot_keepdims" and "(2, 3)" not in note.text and "(2, 1, 5)" in note.text
    else:
        assert note.id == "exercise.wrong_axis" and "axis=1" in note.text
    assert wanted.diagnose("R", X.mean(dim=1, keepdim=True)).id == "exercise.wrong_reduction"


def test_float64_where_float32_was_asked():
    feedback = check_exercise("tensor-from-list", "T = torch.tensor(data, dtype=torch.float64)", {})
    assert feedback.message_id == "exercise.float64_not_float32"


def test_a_learner_exception_is_a_fail_naming_the_error_and_the_line():
    feedback = check_exercise("matmul-not-elementwise", "D = A\nC = torch.dot(A, B)", {})
    assert not feedback.ok and feedback.message_id == "exercise.error.dot_1d"
    assert "RuntimeError" in feedback.message and "line 2" in feedback.message
    assert "torch.dot(A, B)" in feedback.message


def test_an_autograd_mistake_gets_the_explanation_grad_gives():
    """One explanation shared with %%grad: it names the misspelt keyword and the right one."""
    feedback = check_exercise("retain-graph", "z = (x ** 2).sum()\nz.backward(return_garph=True)", {})
    assert feedback.message_id == "grad.explain.misspelt_keyword"
    assert "line 2" in feedback.message and "did you mean retain_graph?" in feedback.message


def test_a_syntax_error_is_a_fail_at_the_learners_line():
    feedback = check_exercise("matmul-not-elementwise", "C = (A @ B\n", {})
    assert not feedback.ok and feedback.message_id == "exercise.raised" and "SyntaxError" in feedback.message


def test_values_the_learner_already_has_are_kept():
    ns = {"A": torch.arange(9.0).reshape(3, 3) + 1}
    mine = ns["A"]
    assert check_exercise("keepdims-normalize", "row_sums = A.sum(dim=1, keepdim=True)\nP = A / row_sums", ns).ok
    assert ns["A"] is mine


def test_a_given_value_of_another_shape_is_replaced_by_the_exercises():
    ns = {"A": torch.ones(5)}
    assert check_exercise("keepdims-normalize", "row_sums = A.sum(dim=1, keepdim=True)\nP = A / row_sums", ns).ok
    assert tuple(ns["A"].shape) == (3, 3)


# -- the expected answer comes from the values the learner's answer used ------------------------
# provide_given keeps a learner's own compatible value of a given name (and not of another), and a
# cell may re-make a given from the prompt's own line: the checker must follow either.

def test_std_divisor_judges_s_t_against_t_and_s_np_against_a():
    """The learner's own ``a`` is kept, ``t`` is the setup's: each std comes from its own given."""
    solution = "s_np = a.std(ddof=1)\ns_t = t.std(correction=0)"
    assert check_exercise("std-divisor", solution, {"a": np.array([2.0, 4.0, 6.0, 9.0])}).ok
    ns = {"a": np.array([2.0, 4.0, 6.0, 9.0]), "t": torch.tensor([1.0, 5.0, 2.0, 8.0], dtype=torch.float64)}
    assert check_exercise("std-divisor", solution, ns).ok
    wrong = check_exercise("std-divisor", "s_np = a.std(ddof=1)\ns_t = t.std()", dict(ns))
    assert wrong.message_id == "exercise.std_n1_not_n"


def test_std_divisor_wants_each_answer_from_its_own_library():
    feedback = check_exercise("std-divisor", "s_np = a.std(ddof=1)\ns_t = a.std()", {})
    assert feedback.message_id == "exercise.want_tensor" and "`s_t`" in feedback.message
    feedback = check_exercise("std-divisor", "s_np = t.std()\ns_t = t.std(correction=0)", {})
    assert feedback.message_id == "exercise.want_numpy" and "`s_np`" in feedback.message
    assert check_exercise("std-divisor", "s_np = np.std(a, ddof=1)\ns_t = torch.std(t, correction=0)", {}).ok


def test_grad_control_flow_reads_k_from_the_learners_own_f():
    """A notebook's earlier ``f`` (the calculus chapter's 3x² - 4x) is kept: k is its gradient, not d / a."""
    ns = {"f": lambda x: 3 * x ** 2 - 4 * x}
    assert check_exercise("grad-control-flow", "d = f(a)\nd.backward()\nk = a.grad", ns).ok
    book_f = "def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n        b = b * 2\n    return b\n"
    assert check_exercise("grad-control-flow", book_f + "d = f(a)\nd.backward()\nk = a.grad", ns).ok


def test_a_given_remade_in_the_cell_is_the_one_judged():
    kept = {"x": torch.ones(4, requires_grad=True)}
    remade = "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()"
    assert check_exercise("grad-of-dot", remade, kept).ok
    assert check_exercise("tensor-to-numpy", "X = torch.arange(6.0)\narr = X.numpy()", {}).ok
    assert check_exercise("broadcast-center", "X = torch.arange(12.0).reshape(4, 3) * 2\nC = X - X.mean(dim=0)",
                          {}).ok


def test_memory_shared_with_a_remade_given_is_seen():
    """Re-making the given in the cell must not hide an alias: the old object is untouched."""
    alias = check_exercise("clone-not-alias", "X = torch.arange(6).reshape(2, 3)\nY = X\nY[0, 0] = 100", {})
    assert alias.message_id == "exercise.view_not_copy"
    view = check_exercise("numpy-to-torch-copy",
                          "a = np.array([1.5, 2.5, 3.5], dtype=np.float32)\nT = torch.from_numpy(a)", {})
    assert view.message_id == "exercise.view_not_copy"


def test_norm_variants_want_torch_linalg_not_numpy():
    source = ("Mn = M.numpy()\nfro = np.linalg.norm(Mn)\nnuc = np.linalg.norm(Mn, 'nuc')\n"
              "l1 = np.abs(Mn).sum()")
    feedback = check_exercise("norm-variants", source, {})
    assert feedback.message_id == "exercise.want_tensor" and "`fro`" in feedback.message


def test_a_second_wrong_attempt_still_recognises_accumulated_grads():
    ns = {}
    wrong = "y = (x ** 3).sum()\ny.backward()"
    assert check_exercise("zero-grad", wrong, ns).message_id == "exercise.grad_accumulated"
    assert check_exercise("zero-grad", wrong, ns).message_id == "exercise.grad_accumulated"
    assert check_exercise("zero-grad", "x.grad.zero_()\n" + wrong, ns).ok


def test_the_next_hint_follows_the_hints_seen():
    exercise = get_exercise("broadcast-center")
    feedback = check_exercise(exercise.name, "C = X - X.mean()", {}, hints_seen=1)
    assert feedback.hint == exercise.hints[1]
    assert check_exercise(exercise.name, "C = X - X.mean()", {}, hints_seen=2).hint is None


def test_the_namespace_holds_the_given_values_and_what_the_cell_made():
    ns = {}
    assert check_exercise("dot-outer", "d = torch.dot(x, y)\nO = torch.outer(x, y)", ns).ok
    assert set(ns) - {"__builtins__"} == {"torch", "np", "x", "y", "d", "O"}


def test_unknown_names_suggest_close_ones():
    with pytest.raises(KeyError) as info:
        get_exercise("keepdim-normalise")
    assert "keepdims-normalize" in str(info.value)


def test_feedback_in_chinese():
    with use_language("zh"):
        feedback = check_exercise("zero-grad", "y = (x ** 3).sum()\ny.backward()", {})
        text = feedback._repr_mimebundle_()["text/plain"]
    assert "累加" in feedback.message and "✗" in text and "提示" in text


# -- through the real shell --------------------------------------------------------------------

def test_magic_right_answer_shows_a_tick_and_the_value(run):
    result = run("%%exercise matmul-not-elementwise\nC = A @ B\nC")
    assert result.error is None
    html = result.htmls()[0]
    assert "d2l-exercise-ok" in html and "✓" in html
    assert torch.equal(result.value, torch.tensor([[19.0, 22.0], [43.0, 50.0]]))


def test_magic_wrong_answer_shows_a_cross_the_message_and_a_hint(run):
    result = run("%%exercise matmul-not-elementwise\nC = A * B")
    assert result.error is None
    html = result.htmls()[0]
    assert "d2l-exercise-fail" in html and "✗" in html
    assert "elementwise" in html and get_exercise("matmul-not-elementwise").hints[0].split("`")[0] in html


def test_magic_wrong_shapes_come_with_the_trace_of_the_cell(run):
    result = run("%%exercise keepdims-normalize\nrow_sums = A.sum(dim=1)\nP = A / row_sums")
    html = result.htmls()[0]
    assert "d2l-exercise-trace" in html and "d2l-trace" in html


def test_magic_runs_in_the_learners_namespace(ip, run):
    run("%%exercise broadcast-center\nC = X - X.mean(dim=0)")
    assert set(ip.user_ns) >= {"X", "C", "torch"}
    assert not any(name.startswith("_exercise") for name in ip.user_ns)


def test_magic_learner_exception_is_not_raised(run):
    result = run("%%exercise broadcast-center\nC = X - X.mean(dim=1)")
    assert result.error is None
    assert "RuntimeError" in result.htmls()[0] and "keepdim=True" in result.htmls()[0]


def test_magic_list_hint_solution_progress(run):
    listing = run("%exercise --list").texts()[0]
    assert all(e.name in listing for e in EXERCISES)
    exercise = get_exercise("dot-outer")
    first = run("%exercise --hint dot-outer").texts()[0]
    second = run("%exercise --hint dot-outer").texts()[0]
    assert in_text(exercise.hints[0], first) and "1" in first
    assert in_text(exercise.hints[1], second) and not in_text(exercise.hints[0], second)
    solution = run("%exercise --solution dot-outer").texts()[0]
    assert exercise.solution in solution
    before = run("%exercise --progress").texts()[0]
    assert before.startswith(f"0 passed, 0 attempted, {len(EXERCISES)} untouched")
    run("%%exercise dot-outer\n" + exercise.solution)
    run("%%exercise norms\nl1 = 0")
    after = run("%exercise --progress").texts()[0]
    assert after.startswith(f"1 passed, 1 attempted, {len(EXERCISES) - 2} untouched")
    assert re.search(r"dot-outer .*✓ passed", after) and re.search(r"norms .*attempted", after)


def test_magic_shows_the_prompt_for_a_name_alone(run):
    text = run("%exercise norms").texts()[0]
    assert in_text(get_exercise("norms").prompt, text)


def test_magic_empty_cell_is_a_cross_with_its_message(run):
    result = run("%%exercise norms\n\n")
    assert result.error is None and "d2l-exercise-fail" in result.htmls()[0]


def test_magic_unknown_name_is_a_usage_error_with_close_names(run):
    result = run("%%exercise keepdim-normalise\nP = 1")
    assert isinstance(result.error, UsageError) and "keepdims-normalize" in str(result.error)
    assert isinstance(run("%exercise --hint nope-nope").error, UsageError)
    assert isinstance(run("%exercise --list --progress").error, UsageError)


def test_magic_html_escapes_learner_text(run):
    result = run("%%exercise matmul-not-elementwise\nraise ValueError('<script>alert(1)</script>')")
    html = result.htmls()[0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>" in result.texts()[0]


def test_magic_in_chinese(run):
    result = run("%%exercise zero-grad --lang zh\ny = (x ** 3).sum()\ny.backward()")
    assert "还不对" in result.texts()[0] and "累加" in result.texts()[0]
    prompt = run("%exercise zero-grad --lang zh").texts()[0]
    assert "练习" in prompt and "清除旧的梯度" in prompt


def test_magic_output_option_binds_the_feedback(ip, run):
    run("%%exercise norms -o fb\nl1 = u.abs().sum()\nl2 = torch.norm(u)\nfro = torch.norm(M)")
    assert ip.user_ns["fb"].ok and np.isclose(float(ip.user_ns["l2"]), 5.0)


def test_magic_hints_stop_at_the_last_one(run):
    hints = get_exercise("norms").hints
    texts = [run("%exercise --hint norms").texts()[0] for _ in range(len(hints) + 1)]
    assert in_text(hints[-1], texts[-1]) and "--solution norms" in texts[-1]


def test_magic_a_wrong_attempt_counts_as_seeing_the_hint_it_offered(run):
    hints = get_exercise("mv-shapes").hints
    assert in_text(hints[0], run("%%exercise mv-shapes\nb = A * x").texts()[0])
    assert in_text(hints[1], run("%exercise --hint mv-shapes").texts()[0])


def test_magic_works_in_a_fresh_process_before_anything_imported_the_package():
    # The magic must reach the exercises even when nothing has imported them yet, and importing
    # them must not hide the function ``dm.exercises``.
    script = ("from IPython.core.interactiveshell import InteractiveShell\n"
              "ip = InteractiveShell.instance()\n"
              "ip.run_line_magic('load_ext', 'd2l_magics')\n"
              "result = ip.run_cell('%%exercise matmul-not-elementwise\\nC = A @ B')\n"
              "assert result.success, result.error_in_exec\n"
              "import d2l_magics as dm\n"
              "assert len(dm.exercises()) >= 22\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "✓" in done.stdout
