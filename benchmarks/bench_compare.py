"""``%%compare_np`` overhead on a chapter-2 cell (target: at most 20% beyond running both sides).

The baseline runs the torch cell and its NumPy translation on their own, each compiled from its
text into a fresh namespace, as a learner running two plain cells would. ``compare`` does the same
work plus translating, copying, recording, comparing and snapshotting, a fixed cost per statement.
The cell is section 2.3 (linear algebra) of the book at the book's size and at larger sizes, to
show where that fixed cost stops mattering. Rendering (text + HTML) happens only on display and
is timed separately. Times are CPU time of this process with torch and NumPy single-threaded:
steadier than wall time on a shared machine.
"""
from __future__ import annotations

import os

# One thread for NumPy's BLAS too (set before NumPy loads): idle BLAS threads spin and their CPU
# time would be charged to whichever side calls the next Python code.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import time  # noqa: E402
import timeit  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

from d2l_magics.comparison import _NAMES_BY_TEXT, _compile_translation, compare  # noqa: E402
from d2l_magics.translation.translator import _translate, translate  # noqa: E402

CELL = """\
A = torch.arange({rows} * {cols}, dtype=torch.float32).reshape({rows}, {cols}) / {cols}
B = A.clone()
C = A * B + A
sum_A = A.sum(axis=1, keepdims=True)
D = A / sum_A
E = A.cumsum(axis=0)
x = torch.arange({cols}, dtype=torch.float32)
y = torch.mv(A, x)
M = torch.mm(A, B.T)
n = torch.norm(M)
"""
SIZES = [(5, 4), (100, 100), (400, 400), (1000, 1000)]
REPEAT = 7


def best(function, number: int) -> float:
    """CPU seconds per call: the best of REPEAT timings of ``number`` calls."""
    return min(timeit.repeat(function, repeat=REPEAT, number=number, timer=time.process_time)) / number


def measure(rows: int, cols: int) -> None:
    cell = CELL.format(rows=rows, cols=cols)
    target = translate(cell, to="numpy").code
    report = compare(cell, {"torch": torch})
    assert report.ok, [(row.lineno, row.status, row.note) for row in report.rows]

    def plain():
        exec(compile(cell, "<torch>", "exec"), {"torch": torch})
        exec(compile(target, "<numpy>", "exec"), {"np": np})

    number = max(1, int(0.05 / max(best(plain, 1), 1e-6)))
    plain_s = best(plain, number)
    def first_run():  # the cell as never seen: translated from scratch
        _translate.cache_clear()
        _compile_translation.cache_clear()
        _NAMES_BY_TEXT.clear()
        return compare(cell, {"torch": torch})

    compare_s = best(first_run, number)
    rerun_s = best(lambda: compare(cell, {"torch": torch}), number)
    translate_s = best(lambda: _translate.__wrapped__(cell, "numpy", "en"), number)
    render_s = best(report._repr_mimebundle_, number)
    statements = len(report.rows)
    print(f"{rows:>4}x{cols:<4} {plain_s * 1e3:9.3f} {compare_s * 1e3:9.3f} {translate_s * 1e3:9.3f} "
          f"{(compare_s - plain_s) / statements * 1e6:10.0f} {render_s * 1e3:9.3f} "
          f"{100 * (compare_s / plain_s - 1):8.0f}% {100 * (rerun_s / plain_s - 1):8.0f}%")


def measure_in_ipython(rows: int, cols: int) -> None:
    """The same through IPython: ``%%compare_np`` (report rendered) against the two plain cells."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    if "compare_np" not in shell.magics_manager.magics["cell"]:
        shell.run_line_magic("load_ext", "d2l_magics")
    shell.run_cell("import torch\nimport numpy as np")
    cell = CELL.format(rows=rows, cols=cols)
    target = translate(cell, to="numpy").code

    def quietly(*cells):
        with capture_output():
            for text in cells:
                shell.run_cell(text)

    number = max(1, int(0.05 / max(best(lambda: quietly(cell, target), 1), 1e-6)))
    plain_s = best(lambda: quietly(cell, target), number)
    magic_s = best(lambda: quietly("%%compare_np\n" + cell), number)
    print(f"{rows:>4}x{cols:<4} {plain_s * 1e3:9.3f} {magic_s * 1e3:9.3f} {100 * (magic_s / plain_s - 1):8.0f}%")


def main() -> None:
    torch.set_num_threads(1)
    print("chapter-2 cell (section 2.3), 10 statements; times in ms of CPU, overhead per statement in µs")
    print("engine: compare() against exec() of the torch cell and of its NumPy translation")
    print(f"{'size':9} {'plain':>9} {'compare':>9} {'translate':>9} {'µs/stmt':>10} {'render':>9} {'overhead':>9} {'re-run':>9}")
    for rows, cols in SIZES:
        measure(rows, cols)
    print("IPython: %%compare_np (report displayed) against running the two cells")
    print(f"{'size':9} {'2 cells':>9} {'magic':>9} {'overhead':>9}")
    for rows, cols in SIZES:
        measure_in_ipython(rows, cols)
    print("target: overhead <= 20%")


if __name__ == "__main__":
    main()
