"""Grading a class: `python -m d2l_magics grade` runs each notebook afresh in a real kernel and
writes one CSV row per student and exercise; a notebook that raises, hangs or is not a notebook
is recorded as such and the batch goes on."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP = "%load_ext d2l_magics"


def notebook(path: Path, *cells: str, outputs: list | None = None) -> Path:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    if outputs:  # what a student could store to fake a pass: grading must ignore it
        nb.cells[-1].outputs = outputs
    nbformat.write(nb, path)
    return path


def grade(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "d2l_magics", "grade", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.notebook
def test_a_batch_of_five_notebooks_is_graded_into_one_row_per_student_and_exercise(tmp_path):
    fake = [nbformat.v4.new_output("stream", name="stdout", text="✓ Right")]
    (tmp_path / "class_exercises.py").write_text(
        'import d2l_magics as dm\ndm.define_exercise("double", setup="x = torch.arange(3.0)", solution="y = 2 * x", '
        'answers="y")\n', encoding="utf-8")
    notebook(tmp_path / "ada.ipynb", SETUP, "%exercise --hint matmul-not-elementwise",
             "%%exercise matmul-not-elementwise\nC = A * B", "%%exercise matmul-not-elementwise\nC = A @ B",
             "%exercise --solution keepdims-normalize",
             "%%exercise keepdims-normalize\nrow_sums = A.sum(dim=1, keepdim=True)\nP = A / row_sums",
             "%%exercise double\ny = x.T")
    notebook(tmp_path / "bob.ipynb", SETUP, "%%exercise keepdims-normalize\nrow_sums = A.sum(dim=1)\nP = A / row_sums",
             outputs=fake)
    notebook(tmp_path / "cy.ipynb", SETUP, "1 / 0", "%%exercise matmul-not-elementwise\nC = A @ B")
    notebook(tmp_path / "dee.ipynb", SETUP, "%%exercise matmul-not-elementwise\nC = A @ B",
             "import time\ntime.sleep(600)", "%%exercise keepdims-normalize\nP = 1")
    (tmp_path / "eve.ipynb").write_text('{"cells": [', encoding="utf-8")
    out = tmp_path / "results.csv"
    done = grade(*sorted(tmp_path.glob("*.ipynb")), "--out", out, "--timeout", "15", "--load", "class_exercises.py",
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {(r["student"], r["exercise"]): r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {("ada", "matmul-not-elementwise"), ("ada", "keepdims-normalize"), ("ada", "double"),
                         ("bob", "keepdims-normalize"), ("cy", "matmul-not-elementwise"),
                         ("dee", "matmul-not-elementwise"), ("dee", "keepdims-normalize"), ("eve", "")}
    ada = rows["ada", "matmul-not-elementwise"]
    assert (ada["ok"], ada["status"], ada["attempts"], ada["hints"]) == ("1", "ok", "2", "2")
    assert (rows["ada", "keepdims-normalize"]["ok"], rows["ada", "keepdims-normalize"]["solution_seen"]) == ("1", "1")
    assert ada["solution_seen"] == "0"
    assert (rows["ada", "double"]["ok"], rows["ada", "double"]["diagnosis"]) == ("0", "value")  # a teacher's exercise
    bob = rows["bob", "keepdims-normalize"]
    assert (bob["ok"], bob["diagnosis"], bob["hints"]) == ("0", "keepdims", "1")
    cy = rows["cy", "matmul-not-elementwise"]
    assert (cy["ok"], cy["status"]) == ("1", "raised") and "ZeroDivisionError" in cy["detail"] and "2" in cy["detail"]
    dee = rows["dee", "matmul-not-elementwise"]
    assert (dee["ok"], dee["status"]) == ("1", "timeout")
    assert (rows["dee", "keepdims-normalize"]["ok"], rows["dee", "keepdims-normalize"]["attempts"]) == ("0", "0")
    assert rows["eve", ""]["status"] == "invalid"
    summary = done.stdout
    for student, passed in (("ada", "2/3"), ("bob", "0/1"), ("cy", "1/1"), ("dee", "1/2"), ("eve", "0/0")):
        assert any(line.split()[0] == student and passed in line for line in summary.splitlines()), summary
    seconds = [float(r["seconds"]) for r in rows.values() if r["student"] in ("ada", "bob", "cy")]
    print("grading seconds per notebook:", seconds)


def test_help_warns_that_grading_runs_the_students_code():
    done = subprocess.run([sys.executable, "-m", "d2l_magics", "grade", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    assert "runs the students' code" in done.stdout and "container" in done.stdout and "--timeout" in done.stdout
