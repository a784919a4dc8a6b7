"""%%compare_np runs the learner's side effects once: only translated array code runs on the NumPy
side. Also: NaN, exceptions whose str() fails, and tensors that are not plain strided ones."""
from __future__ import annotations

import random

import numpy as np
import pytest
from compare_helpers import statuses


def test_a_file_is_written_once(magic, ip, tmp_path):
    path = tmp_path / "log.txt"
    ip.run_cell(f"import torch\npath = {str(path)!r}")
    result, report = magic("with open(path, 'a') as f:\n    f.write('x\\n')\ny = torch.ones(2)")
    assert result.error is None
    assert path.read_text() == "x\n"
    assert statuses(report) == ["torch-only", "match"] and report.ok
    assert report.rows[0].note.id == "compare.runs_once"


def test_pythons_random_gives_the_learner_a_plain_runs_numbers(magic, ip):
    ip.run_cell("import torch\nimport random\nrandom.seed(0)")
    result, report = magic("a = random.random()\nb = random.random()\nc = torch.tensor([a, b]) * 2")
    random.seed(0)
    expected = random.random(), random.random()
    assert (ip.user_ns["a"], ip.user_ns["b"]) == expected
    assert statuses(report)[:2] == ["torch-only", "torch-only"] and report.ok


def test_np_random_through_an_alias_advances_once(magic, ip):
    ip.run_cell("import torch\nimport numpy as np\nrng = np.random\nnp.random.seed(1)")
    result, report = magic("x = rng.rand(3)\ny = np.random.rand(2)\nz = torch.from_numpy(x) * 2")
    after = np.random.get_state()[1].copy(), np.random.get_state()[2]
    np.random.seed(1)
    x, y = np.random.rand(3), np.random.rand(2)
    assert np.array_equal(ip.user_ns["x"], x) and np.array_equal(ip.user_ns["y"], y)
    assert (after[0] == np.random.get_state()[1]).all() and after[1] == np.random.get_state()[2]
    assert statuses(report)[:2] == ["torch-only", "torch-only"] and report.ok


def test_np_random_through_an_alias_advances_once_from_numpy(magic, ip):
    ip.run_cell("import numpy as np\nr = np.random\nnp.random.seed(2)")
    result, report = magic("x = r.rand(2)\ny = x + 1", "--from numpy")
    after = np.random.get_state()[1].copy(), np.random.get_state()[2]
    np.random.seed(2)
    assert np.array_equal(ip.user_ns["x"], np.random.rand(2))
    assert (after[0] == np.random.get_state()[1]).all() and after[1] == np.random.get_state()[2]
    assert report.ok  # the alias is known to the translation: torch replays the learner's draw


def test_print_prints_once(magic, ip):
    ip.run_cell("import torch")
    result, _ = magic("x = torch.ones(2)\nprint('once', x)\nfor i in range(2):\n    print(i)")
    assert result.stdout == "once tensor([1., 1.])\n0\n1\n"


def test_list_append_and_sys_path_append_happen_once(magic, ip):
    ip.run_cell("import torch\nimport sys\nitems = [1, 2]\nbefore = len(sys.path)")
    result, report = magic("items.append(3)\nsys.path.append('/nowhere')\nn = len(items)\nt = torch.ones(n)")
    assert ip.user_ns["items"] == [1, 2, 3]
    import sys
    assert sys.path.count("/nowhere") == 1
    sys.path.remove("/nowhere")
    assert statuses(report) == ["torch-only", "torch-only", "match", "match"]


def test_a_comprehension_over_rows_is_array_code_but_appending_in_one_runs_once(magic, ip):
    ip.run_cell("import torch\nlosses = []")
    _, report = magic("X = torch.arange(6.).reshape(2, 3)\nc = [r.sum() for r in X]\n_ = [losses.append(r) for r in X]")
    assert statuses(report) == ["match", "match", "torch-only"]
    assert len(ip.user_ns["losses"]) == 2


def test_makedirs_runs_once_without_a_bogus_row(magic, ip, tmp_path):
    ip.run_cell(f"import torch\nimport os\nwhere = {str(tmp_path / 'new')!r}")
    result, report = magic("os.makedirs(where)\nx = torch.zeros(1)")
    assert result.error is None and report.ok


def test_global_counters_and_partial_run_once(magic, ip):
    ip.run_cell("import torch\nimport functools\nn = 0\ndef tick(k=1):\n    global n\n    n += k\n"
                "    return torch.ones(2) * n\nlater = functools.partial(tick, 10)")
    result, report = magic("y = tick()\nz = later()\nw = y + z")
    assert ip.user_ns["n"] == 11
    assert statuses(report) == ["torch-only", "torch-only", "match"] and report.ok


def test_input_like_calls_run_once(magic, ip):
    answers = iter(["4", "5"])
    ip.user_ns["input"] = lambda prompt="": next(answers)
    ip.run_cell("import torch")
    result, report = magic("k = int(input('k? '))\nx = torch.ones(k)")
    assert ip.user_ns["k"] == 4 and next(answers) == "5"
    assert statuses(report) == ["torch-only", "match"]


# -- values ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_nan_compares_as_nan_without_a_rounding_note(magic, ip, dtype):
    ip.run_cell("import torch")
    result, report = magic(f"x = torch.tensor([float('nan'), 1.0, 2.0], dtype=torch.{dtype})\ny = x * 3\ny.sum()")
    assert statuses(report) == ["match", "match", "match"]
    assert "compare.rounding" not in {note.id for note in report.notes}


def test_nan_against_a_number_is_a_mismatch_naming_the_element(magic, ip):
    ip.run_cell("import torch")
    result, report = magic("x = torch.tensor([1.0, 4.0])\ny = x.sqrt() - x.sqrt().floor()\nz = torch.log(x - 2)")
    assert report.ok  # log of -1 is NaN on both sides


def test_an_exception_whose_str_fails_is_the_learners_own(ip):
    ip.run_cell("class Odd(Exception):\n    def __str__(self):\n        raise ValueError('no text')")
    plain = ip.run_cell("raise Odd()").error_in_exec  # (with history stored, IPython's own str() fails)
    result = ip.run_cell("%%compare_np -o r\nimport torch\nx = torch.ones(2)\nraise Odd()")
    assert type(result.error_in_exec) is type(plain) and type(plain).__name__ == "Odd"
    assert ip.user_ns["r"].rows[-1].status == "error"


@pytest.mark.parametrize("make", [
    "torch.eye(3).to_sparse()", "torch.eye(3).to_sparse_csr()",
    "torch.nested.nested_tensor([torch.ones(2), torch.ones(3)])",
    "torch.quantize_per_tensor(torch.ones(3), 0.1, 0, torch.quint8)",
    "torch.ones(3, device='meta')", "torch.ones(3).as_subclass(Special)",
])
def test_tensors_that_are_not_plain_are_summarised(magic, ip, make):
    ip.run_cell("import torch\nclass Special(torch.Tensor):\n    pass")
    result, report = magic(f"x = {make}\nx\ny = torch.ones(2)")
    assert result.error is None
    assert "Traceback" not in result.stdout + result.stderr
    assert all(row.source_value is not None for row in report.rows[1:])
    assert report.rows[-1].status == "match"
    assert result.texts()[0] and result.htmls()[0]
