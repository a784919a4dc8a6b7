"""How much slower is a cell under ``%shape_trace`` than the same cell run plainly?

Runs the chapter-2 loop (2,000 iterations of two reductions, a division and ``torch.mv``) plainly
and traced, alternately in one process, and prints the best and median ratio; then checks that a
million operations at one site hold one event. TorchSnooper and tensor-sensor (the optional
``bench`` extra) are measured on the same loop when they are installed.
"""
from __future__ import annotations

import statistics
import time

import numpy as np
import torch

import d2l_magics as dm
from d2l_magics.cell import run_cell

LOOP = """\
for i in range(2000):
    a = X.sum(axis=(1, 2))
    b = X.sum(axis=0, keepdims=True)
    c = X / k
    d = torch.mv(A, x)
"""
REPEATS = 15


def namespace():
    return {"torch": torch, "np": np, "X": torch.arange(30, dtype=torch.float32).reshape(2, 3, 5),
            "k": 2.0, "A": torch.ones(4, 3), "x": torch.ones(3)}


def timed(run) -> float:
    """CPU time of this process: on a shared machine, other processes' load counts less than in wall time."""
    start = time.process_time()
    run()
    return time.process_time() - start


def measure(runners: dict) -> dict:
    """Alternate the runners so that drift in machine load hits them all alike."""
    times = {name: [] for name in runners}
    for _ in range(REPEATS):
        for name, run in runners.items():
            times[name].append(timed(run))
    return times


def optional_runners():
    runners = {}
    try:
        import torchsnooper

        def snooped():
            ns = namespace()
            with torchsnooper.snoop(output=open("/dev/null", "w")):
                run_cell(LOOP, ns)
        runners["TorchSnooper"] = snooped
    except ImportError:
        print("TorchSnooper not installed: skipped (pip install d2l_magics[bench])")
    try:
        import tsensor

        def explained():
            ns = namespace()
            with tsensor.explain(savefig=None):
                run_cell(LOOP, ns)
        runners["tensor-sensor explain"] = explained
    except ImportError:
        print("tensor-sensor not installed: skipped (pip install d2l_magics[bench])")
    return runners


def main():
    runners = {"plain": lambda: run_cell(LOOP, namespace()),
               "traced": lambda: dm.trace(LOOP, namespace()),
               **optional_runners()}
    times = measure(runners)
    plain_best, plain_median = min(times["plain"]), statistics.median(times["plain"])
    print(f"chapter-2 loop, {REPEATS} runs each, torch {torch.__version__}")
    print(f"{'run':<24}{'best ms':>10}{'median ms':>12}{'ratio best':>12}{'ratio median':>14}")
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"{name:<24}{best * 1e3:>10.2f}{median * 1e3:>12.2f}{best / plain_best:>12.2f}"
              f"{median / plain_median:>14.2f}")
    report = dm.trace("for i in range(1_000_000):\n    y = x + x", {"x": np.ones(3)})
    print(f"1,000,000 operations at one site: {len(report.events)} event(s), count {report.events[0].count}")


if __name__ == "__main__":
    main()
