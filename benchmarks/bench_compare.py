"""``%%compare_np`` overhead on a chapter-2 cell (target: at most 20% beyond running both sides).

The baseline runs the torch cell and its NumPy translation on their own, each compiled from its
text into a fresh namespace, as a learner running two plain cells would. ``dm.compare`` does the
same work plus translating, copying, recording, comparing and snapshotting. Rendering the report
(text + HTML) happens only when it is displayed and is timed separately.
"""
from __future__ import annotations

import timeit

import numpy as np
import torch

from d2l_magics.compare import compare
from d2l_magics.translate.translator import translate

# Section 2.3 (linear algebra) of the book, with sizes a learner tries next.
CELL = """\
A = torch.arange(20 * 400, dtype=torch.float32).reshape(80, 100)
B = A.clone()
C = A * B + A
sum_A = A.sum(axis=1, keepdims=True)
D = A / sum_A
E = A.cumsum(axis=0)
x = torch.arange(100, dtype=torch.float32)
y = torch.mv(A, x)
M = torch.mm(A, B.T)
n = torch.norm(M)
"""
REPEAT, NUMBER = 7, 50


def best(function) -> float:
    """Seconds per call: the best of REPEAT timings of NUMBER calls."""
    return min(timeit.repeat(function, repeat=REPEAT, number=NUMBER)) / NUMBER


def main() -> None:
    target = translate(CELL, to="numpy").code

    def plain():
        exec(compile(CELL, "<torch>", "exec"), {"torch": torch})
        exec(compile(target, "<numpy>", "exec"), {"np": np})

    plain_s = best(plain)
    compare_s = best(lambda: compare(CELL, {"torch": torch}))
    translate_s = best(lambda: translate(CELL, to="numpy"))
    report = compare(CELL, {"torch": torch})
    assert report.ok, [(row.lineno, row.status, row.note) for row in report.rows]
    render_s = best(lambda: compare(CELL, {"torch": torch})._repr_mimebundle_()) - compare_s

    print(f"torch cell + NumPy translation, plain: {plain_s * 1e3:8.3f} ms")
    print(f"dm.compare (engine):                   {compare_s * 1e3:8.3f} ms")
    print(f"  of which translating the cell:       {translate_s * 1e3:8.3f} ms")
    print(f"rendering text + HTML (on display):    {render_s * 1e3:8.3f} ms")
    print(f"compare / plain:                       {compare_s / plain_s:8.2f}x "
          f"(overhead {100 * (compare_s / plain_s - 1):.0f}%, target <= 20%)")
    print(f"compare / plain, translation excluded: {(compare_s - translate_s) / plain_s:8.2f}x")


if __name__ == "__main__":
    main()
