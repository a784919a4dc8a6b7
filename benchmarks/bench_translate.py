"""How long ``translate`` takes on a 200-line chapter-2 style torch cell translated for the first
time, against the floor of ``ast.parse`` + ``compile`` of the same cell, measured in the same
process. Each run renames the cell's variables, so no cache can serve it.

Run: ``.venv/bin/python benchmarks/bench_translate.py``. Goal (issue 13): at most 3x.
"""
from __future__ import annotations

import ast
import re
import statistics
import time

from d2l_magics.translation.translator import translate

CHAPTER_2_LINES = """\
x = torch.arange(12, dtype=torch.float32)
X = x.reshape(3, 4)
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
Z = torch.zeros_like(Y)
Z[:] = X + Y
ones = torch.ones(2, 3, 4)
R = torch.randn(3, 4)
C = torch.cat((X, Y), dim=0), torch.cat((X, Y), dim=1)
S = X.sum(axis=0, keepdims=True)
M = X.mean(dim=1)
sd = X.std()
vals, idx = torch.max(X, dim=1)
A = X.numpy()
B = torch.from_numpy(A)
a = torch.tensor([3.5])
f = float(a)
n = X.numel()
u = torch.tensor([3.0, -4.0])
l2 = torch.norm(u)
l1 = torch.abs(u).sum()
v = torch.linalg.vector_norm(X, ord=1)
P = torch.mv(X, torch.ones(4))
Q = torch.mm(X, X.T)
d = torch.dot(u, u)
cs = X.cumsum(dim=0)
T = X.unsqueeze(0).transpose(1, 2).permute(0, 2, 1).flatten()
counts = torch.distributions.Multinomial(10, torch.ones(6) / 6).sample((500,))
est = counts.cumsum(dim=0) / counts.cumsum(dim=0).sum(dim=1, keepdims=True)
W = X.clone().detach()
W.zero_()
""".splitlines()


def make_cell(lines: int = 200, suffix: str = "") -> str:
    body = [CHAPTER_2_LINES[i % len(CHAPTER_2_LINES)] for i in range(lines - 1)]
    cell = "\n".join(["import torch", *body]) + "\n"
    # fresh names: every variable the cell binds gets the suffix
    names = {m.group(1) for m in re.finditer(r"^(\w+)(?:, \w+)* =", cell, re.MULTILINE)} | {"idx", "vals"}
    return re.sub(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b",
                  lambda m: m.group(1) + suffix, cell)


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main(runs: int = 30) -> None:
    translate(make_cell(suffix="_warm"))  # build the rule lookup once
    translate_times, compile_times = [], []
    for run in range(runs):
        cell = make_cell(suffix=f"_{run}")
        compile_times.append(timed(lambda cell=cell: compile(ast.parse(cell), "<cell>", "exec")))
        translate_times.append(timed(lambda cell=cell: translate(cell)))
    cached = timed(lambda: translate(cell))
    ratios = sorted(t / c for t, c in zip(translate_times, compile_times))
    print(f"cell: {len(cell.splitlines())} lines, fresh names each run ({runs} runs)")
    print(f"translate, first time:   median {statistics.median(translate_times) * 1000:.2f} ms")
    print(f"ast.parse + compile:     median {statistics.median(compile_times) * 1000:.2f} ms")
    print(f"the same cell again (cached): {cached * 1000:.3f} ms")
    print(f"ratio of the fastest runs: {min(translate_times) / min(compile_times):.2f}x; "
          f"median of per-run ratios {statistics.median(ratios):.2f}x; goal <= 3x")


if __name__ == "__main__":
    main()
