"""Exercises a teacher writes without a checker: each way of defining one (a cell, Python, a file,
a module, an installed package's entry point), the automatic diagnosis of every typical mistake in
both languages, the hints, and progress that outlasts the kernel."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest
import torch
from IPython.core.error import UsageError

import d2l_magics as dm
from d2l_magics.messages import use_language
from d2l_magics.workbook import AuthoringError, Progress, ProgressStore, all_exercises, get_exercise, load_entry_points
from d2l_magics.workbook.core import DIAGNOSIS_OF, check
from d2l_magics.workbook.diagnosis import DIAGNOSES

CJK = re.compile(r"[\u4e00-\u9fff]")
BUILTIN = [e for e in all_exercises() if e.texts is None]


@pytest.fixture(autouse=True)
def progress_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return tmp_path / "jupyter-data"


# -- one exercise per kind of mistake, defined from Python ----------------------------------------

TEACHER = {
    "t-row-sums": dict(setup="A = torch.arange(1.0, 10.0).reshape(3, 3)",
                       solution="S = A.sum(dim=1, keepdim=True)\nP = A / S", answers=("S", "P")),
    "t-outer": dict(setup="a = torch.tensor([1.0, 2.0, 3.0])\nb = torch.tensor([1.0, 10.0])",
                    solution="O = a.reshape(3, 1) * b.reshape(1, 2)", answers="O"),
    "t-float": dict(setup="data = [1, 2, 3]", solution="T = torch.tensor(data, dtype=torch.float32)", answers="T"),
    "t-std": dict(setup="x = torch.tensor([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])",
                  solution="s = x.std(correction=0)", answers="s"),
    "t-var": dict(setup="x = torch.tensor([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])", solution="v = x.var()",
                  answers="v"),
    "t-copy": dict(setup="X = torch.arange(6.0)", solution="Y = X.clone()\nY[0] = 100", answers="Y"),
    "t-grad": dict(setup="x = torch.arange(3.0, requires_grad=True)", solution="(x ** 2).sum().backward()",
                   answers="x.grad"),
}

# (diagnosis, exercise, the learner's cell, what the message must name)
MISTAKES = [
    ("keepdims", "t-row-sums", "S = A.sum(dim=1)\nP = A / S.reshape(3, 1)", ["`S`", "(3,)", "(3, 1)"]),
    ("wrong-axis", "t-row-sums", "S = A.sum(dim=0, keepdim=True)\nP = A / S", ["`S`", "dim=0", "dim=1", "(1, 3)"]),
    ("broadcast", "t-row-sums", "S = A.sum(dim=1, keepdim=True)\nP = A / A.sum(dim=1)", ["`P`", "(3, 3)", "dim=1"]),
    ("transposed", "t-outer", "O = b.reshape(2, 1) * a.reshape(1, 3)", ["`O`", "(2, 3)", "(3, 2)"]),
    ("dtype", "t-float", "T = torch.tensor(data, dtype=torch.float64)", ["`T`", "float64", "float32"]),
    ("divisor", "t-std", "s = x.std()", ["`s`", "n−1 = 7", "n = 8"]),
    ("divisor", "t-var", "v = x.var(correction=0)", ["`v`", "n = 8", "n−1 = 7"]),
    ("alias", "t-copy", "Y = X\nY[0] = 100", ["`Y`", "`X`"]),
    ("accumulated-grad", "t-grad", "(x ** 2).sum().backward()\n(x ** 2).sum().backward()", ["`x.grad`", "2"]),
    ("wrong-library", "t-float", "T = np.array(data, dtype=np.float32)", ["`T`", "numpy", "torch"]),
    ("shape", "t-outer", "O = a * 2", ["`O`", "(3,)", "(3, 2)"]),
    ("value", "t-outer", "O = a.reshape(3, 1) * b.reshape(1, 2) + 1", ["`O[0, 0]`", "2.", "1."]),
]


@pytest.fixture(scope="module", autouse=True)
def teacher_exercises():
    """The exercises above; every exercise this module defines is gone again after it."""
    from d2l_magics.workbook import registry

    before = dict(registry._REGISTRY)
    yield {name: dm.define_exercise(name, title=name, **spec) for name, spec in TEACHER.items()}
    registry._REGISTRY.clear()
    registry._REGISTRY.update(before)


def test_every_diagnosis_has_a_typical_mistake_below():
    assert sorted({m[0] for m in MISTAKES}) == sorted(DIAGNOSES)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("diagnosis, name, source, named", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_typical_mistake_is_diagnosed_with_the_learners_names_and_shapes(diagnosis, name, source, named, lang):
    with use_language(lang):
        feedback = dm.check_exercise(name, source, {})
    assert not feedback.ok and feedback.diagnosis == diagnosis, feedback.message
    for piece in named:
        assert piece in feedback.message, (piece, feedback.message)
    positions = [feedback.message.index(piece) for piece in named]
    assert positions == sorted(positions), feedback.message  # the learner's side first, then the answer's
    assert bool(CJK.search(feedback.message)) == (lang == "zh")
    assert "{" not in feedback.message


@pytest.mark.parametrize("name", list(TEACHER))
def test_the_reference_solution_passes_and_an_equivalent_one_too(name):
    assert dm.check_exercise(name, TEACHER[name]["solution"], {}).ok
    equivalent = {"t-row-sums": "S = A.sum(axis=1, keepdims=True)\nP = (A.numpy() / S.numpy())",
                  "t-outer": "O = torch.outer(a, b)", "t-float": "T = torch.tensor(data).float()",
                  "t-std": "s = torch.sqrt(((x - x.mean()) ** 2).mean())",
                  "t-copy": "Y = X.clone()\nY[0] = 100.0", "t-grad": "y = (x * x).sum()\ny.backward()",
                  "t-var": "v = ((x - x.mean()) ** 2).sum() / 7"}[name]
    feedback = dm.check_exercise(name, equivalent, {})
    assert feedback.ok == (name != "t-row-sums"), feedback.message  # a NumPy P where torch is wanted
    if name == "t-row-sums":
        assert feedback.diagnosis == "wrong-library"


def test_a_gradient_answer_that_was_never_computed_asks_for_backward():
    feedback = dm.check_exercise("t-grad", "y = (x ** 2).sum()", {})
    assert feedback.message_id == "exercise.grad_missing" and "`x.grad` is None" in feedback.message


def test_an_accumulated_gradient_answer_is_the_old_one_plus_the_new_one():
    dm.define_exercise("t-zero", setup="x = torch.arange(3.0, requires_grad=True)\n(x * 5).sum().backward()",
                       solution="x.grad.zero_()\n(x ** 2).sum().backward()", answers="x.grad")
    feedback = dm.check_exercise("t-zero", "(x ** 2).sum().backward()", {})
    assert feedback.diagnosis == "accumulated-grad" and feedback.message_id == "exercise.diagnosis.accumulated"
    assert dm.check_exercise("t-zero", "x.grad = None\n(x ** 2).sum().backward()", {}).ok


def test_values_within_the_float32_tolerance_of_torch_testing_count_as_right():
    assert dm.check_exercise("t-std", "s = x.std(correction=0) * (1 + 1e-7)", {}).ok
    assert dm.check_exercise("t-std", "s = x.std(correction=0) * (1 + 1e-4)", {}).diagnosis == "value"


def test_a_learners_own_given_values_are_what_the_reference_is_computed_from():
    ns = {"A": torch.ones(3, 3)}
    assert dm.check_exercise("t-row-sums", "S = A.sum(dim=1, keepdim=True)\nP = A / S", ns).ok
    assert float(ns["P"][0, 0]) == pytest.approx(1 / 3)


# -- built-in exercises: their checkers first, the diagnosis where they say less ----------------

def automatic(exercise):
    """The exercise without its checker: only the automatic diagnosis judges it."""
    import dataclasses
    return dataclasses.replace(exercise, checker=None, texts={"title": {"en": exercise.name}, "prompt": None,
                                                             "hints": [], "why": None})


def test_diagnosis_coverage_of_the_builtin_exercises_stored_mistakes():
    """The fraction of the built-in typical mistakes (those a diagnosis can name) that the automatic
    diagnosis names as the hand-written checker does."""
    named = [(e, source, DIAGNOSIS_OF[msg_id]) for e in BUILTIN for source, msg_id in e.mistakes
             if msg_id in DIAGNOSIS_OF]
    right = [want for e, source, want in named if check(automatic(e), source, {}).diagnosis == want]
    coverage = len(right) / len(named)
    print(f"diagnosis coverage: {len(right)}/{len(named)} = {coverage:.0%}")
    assert len(named) >= 25 and coverage >= 0.9


# Random draws: the reference's draws are not the learner's, so only their checkers can judge them.
DRAWN = ("multinomial-frequencies", "frequencies-converge", "randn-signature")
DETERMINISTIC = [e for e in BUILTIN if e.name not in DRAWN]


@pytest.mark.parametrize("exercise", DETERMINISTIC, ids=[e.name for e in DETERMINISTIC])
def test_every_builtin_solution_passes_the_automatic_diagnosis_too(exercise):
    assert check(automatic(exercise), exercise.solution, {}).ok


def test_a_builtin_checkers_general_verdict_gives_way_to_a_diagnosis():
    feedback = dm.check_exercise("matmul-not-elementwise", "C = (A @ B).T", {})
    assert (feedback.message_id, feedback.diagnosis) == ("exercise.diagnosis.transposed", "transposed")
    doubled = dm.check_exercise("norms", "l1 = u.abs().sum() * 2\nl2 = torch.norm(u)\nfro = torch.norm(M)", {})
    assert doubled.diagnosis == "value"  # a factor of 2 is a std divisor only where the reference takes a std
    specific = dm.check_exercise("keepdims-normalize", "row_sums = A.sum(dim=1)\nP = A / row_sums", {})
    assert specific.message_id == "exercise.forgot_keepdims" and specific.diagnosis == "keepdims"
    assert dm.check_exercise("clone-not-alias", "Y = X\nY[0, 0] = 100", {}).diagnosis == "alias"


# -- each way of defining an exercise ----------------------------------------------------------

NEW_CELL = ('%%exercise --new row-sums --answers P --title "Rows that sum to 1"\n'
            "A = torch.arange(1.0, 10.0).reshape(3, 3)\n# hint: each row is divided by its own sum\n"
            "# solution\nP = A / A.sum(dim=1, keepdim=True)")


def test_an_exercise_defined_in_a_cell_is_checked_like_a_builtin_one(ip, run):
    shown = run(NEW_CELL)
    assert shown.error is None and "row-sums: Rows that sum to 1\n" in shown.texts()[0]  # unquoted
    assert "P" not in ip.user_ns and "A" not in ip.user_ns  # defining runs nothing in the learner's namespace
    wrong = run("%%exercise row-sums\nP = A / A.sum(dim=1)")
    assert "✗" in wrong.texts()[0] and "broadcast" in wrong.texts()[0]
    assert "each row is divided by its own sum" in wrong.texts()[0]  # the teacher's first hint
    assert "✓" in run("%%exercise row-sums\nP = A / A.sum(dim=1, keepdim=True)").texts()[0]
    assert "row-sums" in run("%exercise --list").texts()[0]


@pytest.mark.parametrize("cell, fix", [
    ("%%exercise --new e1 --answers P\nA = 1\nP = A", "# solution"),
    ("%%exercise --new e1\nA = 1\n# solution\nP = A", "--answers"),
    ("%%exercise --new e1 --answers P\nA = 1\n# solution\nP = B", "NameError"),
    ("%%exercise --new e1 --answers Q\nA = 1\n# solution\nP = A", "Q"),
    ("%%exercise --new norms --answers P\nA = 1\n# solution\nP = A", "built-in"),
    ("%exercise --new e1 --answers P", "cell magic"),
])
def test_a_bad_definition_is_a_one_line_usage_error(run, cell, fix):
    result = run(cell)
    assert isinstance(result.error, UsageError) and fix in str(result.error)
    assert "\n" not in str(result.error)


def test_an_exercise_defined_from_python_in_chinese():
    dm.define_exercise("py-mean", setup="X = torch.arange(6.0).reshape(2, 3)", solution="m = X.mean(dim=0)",
                       answers=["m"], title="列均值", prompt="求每一列的均值，放在 `m` 中。", hints=["均值沿哪个轴？"],
                       lang="zh")
    exercise = get_exercise("py-mean")
    assert exercise.title == "列均值" and exercise.hints == ["均值沿哪个轴？"]
    with use_language("zh"):
        feedback = dm.check_exercise("py-mean", "m = X.mean(dim=1)", {})
    assert feedback.diagnosis == "wrong-axis" and feedback.hint == "均值沿哪个轴？" and CJK.search(feedback.message)


CLASS_FILE = '''
import d2l_magics as dm

dm.define_exercise("file-center", setup="X = torch.arange(12.0).reshape(4, 3)",
                   solution="C = X - X.mean(dim=0)", answers="C", title="Center the columns")
dm.define_exercise("file-scale", setup="v = torch.tensor([3.0, 4.0])",
                   solution="u = v / torch.linalg.vector_norm(v)", answers="u", title="A unit vector")
'''


def test_every_exercise_a_file_defines_is_loaded(ip, run, tmp_path):
    path = tmp_path / "class_exercises.py"
    path.write_text(CLASS_FILE, encoding="utf-8")
    shown = run(f"%exercise --load {path}").texts()[0]
    assert "2" in shown and "file-center" in shown and "file-scale" in shown
    assert "✓" in run("%%exercise file-scale\nu = v / v.norm()").texts()[0]
    run("%%exercise file-center -o fb\nC = X - X.mean(dim=1, keepdim=True)")
    assert ip.user_ns["fb"].diagnosis == "wrong-axis"
    assert isinstance(run(f"%exercise --load {tmp_path / 'missing.py'}").error, UsageError)
    (tmp_path / "empty.py").write_text("x = 1\n", encoding="utf-8")
    assert "defines no exercise" in str(run(f"%exercise --load {tmp_path / 'empty.py'}").error)


def test_a_module_on_the_path_is_loaded_by_its_name(run, tmp_path, monkeypatch):
    (tmp_path / "week_two.py").write_text(CLASS_FILE.replace("file-", "mod-"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "mod-center" in run("%exercise --load week_two").texts()[0]
    assert "mod-center" in run("%exercise --load week_two").texts()[0]  # loaded again: defined again
    assert get_exercise("mod-scale").title == "A unit vector"


def test_an_installed_package_adds_exercises_through_its_entry_point(tmp_path, monkeypatch):
    (tmp_path / "teacher_pack.py").write_text(textwrap.dedent('''
        import d2l_magics as dm

        def exercises():
            return [dm.define_exercise("pack-double", setup="x = torch.arange(3.0)", solution="y = 2 * x",
                                       answers="y", title="Double it")]
    '''), encoding="utf-8")
    info = tmp_path / "teacher_pack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: teacher-pack\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[d2l_magics.exercises]\npack = teacher_pack:exercises\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert load_entry_points(again=True) == ("pack-double",)
    assert dm.check_exercise("pack-double", "y = x + x", {}).ok
    assert dm.check_exercise("pack-double", "y = x * x", {}).diagnosis == "value"


def test_a_definition_error_names_what_to_fix():
    with pytest.raises(AuthoringError, match="does not set"):
        dm.define_exercise("bad-one", setup="A = 1", solution="B = A", answers="P")
    with pytest.raises(AuthoringError, match="letters"):
        dm.define_exercise("has space", setup="A = 1", solution="P = A", answers="P")


# -- hints: from the idea to the code; a first hint never gives the answer away -----------------

def _statements(solution: str) -> list[str]:
    """The solution's lines that do something (not a bare name shown at the end)."""
    return [line.strip() for line in solution.splitlines()
            if line.strip() and not re.fullmatch(r"[\w, ]+", line.strip())]


@pytest.mark.parametrize("exercise", BUILTIN, ids=[e.name for e in BUILTIN])
def test_a_first_hint_never_gives_the_answer_away(exercise):
    first = exercise.hints[0].replace(" ", "")
    for statement in _statements(exercise.solution):
        right_side = statement.split("=", 1)[-1].strip() if re.match(r"[\w, ]+=[^=]", statement) else statement
        assert statement.replace(" ", "") not in first and right_side.replace(" ", "") not in first, statement
    assert "`" in exercise.hints[-1] or len(exercise.hints) == 1  # the last hint is code


def test_automatic_hints_go_from_what_the_answer_looks_like_to_what_the_solution_uses():
    first, second = get_exercise("t-row-sums").hints
    assert "(3, 1)" in first and "(3, 3)" in first and "float32" in first and "sum" not in first
    assert "`sum`" in second and "`keepdim=`" in second


def test_a_blank_placeholder_asks_to_replace_the_dots_and_shows_no_trace(run):
    result = run("%%exercise keepdims-normalize\nrow_sums = ...\nP = ...")
    assert "Replace the `...`" in result.texts()[0]
    assert "d2l-exercise-trace" not in result.htmls()[0] and "The shapes in your cell" not in result.texts()[0]


# -- progress that lasts -----------------------------------------------------------------------

def test_progress_is_kept_in_the_jupyter_data_directory(progress_dir, run):
    run("%%exercise matmul-not-elementwise\nC = A * B")
    run("%%exercise matmul-not-elementwise\nC = A @ B")
    record = json.loads((progress_dir / "d2l_magics" / "progress.json").read_text(encoding="utf-8"))
    assert [(a["exercise"], a["ok"], a["hints"]) for a in record["attempts"]] == [
        ("matmul-not-elementwise", False, 0), ("matmul-not-elementwise", True, 1)]
    assert all(re.match(r"\d{4}-\d\d-\d\dT", a["time"]) for a in record["attempts"])
    assert not [p for p in (progress_dir / "d2l_magics").iterdir() if p.name.endswith(".tmp")]


def test_reset_forgets_one_exercise_or_all(run):
    run("%%exercise matmul-not-elementwise\nC = A @ B")
    run("%%exercise norms\nl1 = 0")
    assert run("%exercise --progress").texts()[0].startswith("1 passed, 1 attempted")
    assert run("%exercise --reset norms").texts()[0].startswith("1 passed, 0 attempted")
    assert run("%exercise --reset").texts()[0].startswith("0 passed, 0 attempted")


def test_a_damaged_progress_file_is_kept_aside_not_overwritten(progress_dir):
    (progress_dir / "d2l_magics").mkdir(parents=True)
    (progress_dir / "d2l_magics" / "progress.json").write_text("{not json", encoding="utf-8")
    progress = Progress()
    progress.reset("x")
    assert [p.name for p in (progress_dir / "d2l_magics").glob("progress.json.damaged-*")]
    assert progress.attempts == []


WRITER = '''
import sys
from d2l_magics.workbook import Progress, ProgressStore
from d2l_magics.workbook.core import Feedback
progress = Progress(ProgressStore(sys.argv[1]))
for k in range(40):
    progress.record(Feedback(f"{sys.argv[2]}-{k}", "t", k % 2 == 0, "m", "id"))
'''


def test_two_kernels_writing_at_once_both_keep_their_records(tmp_path):
    path = tmp_path / "progress.json"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), who]) for who in ("one", "two")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    attempts = Progress(ProgressStore(path)).attempts
    assert len(attempts) == 80
    assert {a["exercise"] for a in attempts} == {f"{who}-{k}" for who in ("one", "two") for k in range(40)}


@pytest.mark.notebook
def test_progress_survives_a_kernel_restart(progress_dir):
    import os

    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", env={**os.environ, "JUPYTER_DATA_DIR": str(progress_dir)})
    try:
        def run(code):
            texts = []
            def hook(msg):
                data = msg["content"].get("data", {})
                texts.append(data.get("text/plain", "") + msg["content"].get("text", ""))
            reply = kc.execute_interactive(code, output_hook=hook, timeout=120)
            assert reply["content"]["status"] == "ok", reply["content"]
            return "\n".join(texts)

        run("%load_ext d2l_magics")
        assert "✓" in run("%%exercise matmul-not-elementwise\nC = A @ B")
        run("%exercise --hint norms")
        km.restart_kernel(now=True)
        kc.wait_for_ready(timeout=120)
        run("%load_ext d2l_magics")
        shown = run("%exercise --progress").strip()
        assert shown.startswith("1 passed, 0 attempted") and re.search(r"matmul-not-elementwise .*✓", shown)
        assert "Hint 2 of" in run("%exercise --hint norms")  # the hint seen before the restart counts
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
