"""``%%compare_np`` with its report, against the torch cell and its NumPy translation run plainly.

Goals (issue 13): the 18-statement book cell at the book's size (5 x 4) costs at most 5x the two
plain cells, text and HTML report included; at 1000 x 1000, at most 1.1x. Both are measured in
IPython, as a learner runs them: ``%%compare_np`` (the report formatted as a kernel formats it)
against the torch cell and the translated NumPy cell run as two plain cells. Then how compare's
time and the mirror's memory grow with the tensor's size (1e2 to 1e7 elements), and the mirror's
memory for a 1000 x 1000 session of views and ``.numpy()``. Times are CPU time of this process,
torch and NumPy single-threaded; each figure is the median of several runs.
"""
from __future__ import annotations

import os

# One thread for NumPy's BLAS too (set before NumPy loads): idle BLAS threads spin and their CPU
# time would be charged to whichever side calls the next Python code.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import torch  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

from d2l_magics.comparison.mirror import mirror_of  # noqa: E402
from d2l_magics.translation.translator import translate  # noqa: E402

BOOK_CELL = """\
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
m = A.mean(axis=0)
s = A.sum()
T = A.T
u = torch.abs(A - B).sum()
F = torch.exp(-A)
G = A.max(dim=1)
H = torch.cat((A, B), dim=0)
k = float(n)
"""
RUNS = 9


def cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def median_ratio(shell, cell: str, number: int) -> tuple[float, float, float]:
    """(plain seconds, magic seconds, ratio): medians over RUNS runs of ``number`` calls each."""
    target = translate(cell, to="numpy").code

    def quietly(*cells):
        with capture_output():
            for _ in range(number):
                for text in cells:
                    shell.run_cell(text)

    quietly("%%compare_np\n" + cell)  # warm: imports, first translation
    plains, magics, ratios = [], [], []
    for _ in range(RUNS):
        plain = cpu(lambda: quietly(cell, target)) / number
        magic = cpu(lambda: quietly("%%compare_np\n" + cell)) / number
        plains.append(plain)
        magics.append(magic)
        ratios.append(magic / plain)
    return statistics.median(plains), statistics.median(magics), statistics.median(ratios)


def growth(shell) -> None:
    """compare's time and the mirror's memory against the number of elements."""
    cell = ("A = torch.arange({n}, dtype=torch.float32) / {n}\nV = A[::2]\nB = A * 2 + 1\nA.add_(1)\n"
            "s = B.sum()\nprint(s)")
    print(f"{'elements':>9} {'plain ms':>9} {'magic ms':>9} {'ratio':>6} {'mirror MB':>10} {'NumPy peak MB':>14}")
    for power in range(2, 8):
        n = 10 ** power
        text = cell.format(n=n)
        number = max(1, 10 ** (5 - power)) if power < 5 else 1
        plain, magic, ratio = median_ratio(shell, text, number)
        tracemalloc.start()
        with capture_output():
            shell.run_cell("%%compare_np\n" + text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        mirror = mirror_of(shell.user_ns, "numpy").nbytes()
        print(f"{n:>9.0e} {plain * 1e3:9.3f} {magic * 1e3:9.3f} {ratio:6.2f} {mirror / 1e6:10.2f} {peak / 1e6:14.2f}")
        shell.run_cell("%reset -f")
        shell.run_cell("import torch\nimport numpy as np")


def session_memory(shell) -> None:
    """A 1000 x 1000 session with views and ``.numpy()``: what the mirror holds."""
    with capture_output():
        shell.run_cell("%%compare_np\nA = torch.ones(1000, 1000)\nN = A.numpy()\nV = A[0]\nT = A.T\nA.add_(1)")
        shell.run_cell("%%compare_np\nN[0, 0] = 5\nW = A[:, 1:]\nprint(V[0], T[0, 0])")
    held = mirror_of(shell.user_ns, "numpy").nbytes()
    print(f"1000x1000 session (A, A.numpy(), two views, in-place changes): mirror holds {held / 1e6:.1f} MB "
          f"for {4.0:.1f} MB of tensors (goal: one array, {4.0:.1f} MB)")
    shell.run_cell("%reset -f")
    shell.run_cell("import torch\nimport numpy as np")


def main() -> None:
    torch.set_num_threads(1)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "d2l_magics")
    shell.run_cell("import torch\nimport numpy as np")
    print("%%compare_np with its text+HTML report against the torch and NumPy cells run plainly (IPython)")
    for (rows, cols), number, goal in (((5, 4), 20, 5.0), ((1000, 1000), 1, 1.1)):
        plain, magic, ratio = median_ratio(shell, BOOK_CELL.format(rows=rows, cols=cols), number)
        verdict = "ok" if ratio <= goal else "ABOVE GOAL"
        print(f"book cell, 18 statements, {rows}x{cols}: plain {plain * 1e3:.2f} ms, magic {magic * 1e3:.2f} ms, "
              f"ratio {ratio:.2f}x (goal <= {goal}x) {verdict}")
    shell.run_cell("%reset -f")
    shell.run_cell("import torch\nimport numpy as np")
    session_memory(shell)
    print("growth with size (cell: arange, a view, arithmetic, an in-place change, a sum, a print)")
    growth(shell)


if __name__ == "__main__":
    main()
