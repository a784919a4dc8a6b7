"""How much slower is a cell under ``%shape_trace`` than the same cell run plainly?

Runs the chapter-2 loop (2,000 iterations of two reductions, a division and ``torch.mv``) plainly
and traced, alternately in one process, and prints the best and median ratio; then checks that a
million operations at one site hold one event. TorchSnooper and tensor-sensor (the optional
``bench`` extra) are measured on the same loop when they are installed.
"""
from __future__ import annotations

import logging
import os
import statistics
import textwrap
import time

import numpy as np
import torch

import d2l_magics as dm
from d2l_magics.cell import register_source, run_cell

LOOP = """\
for i in range(2000):
    a = X.sum(axis=(1, 2))
    b = X.sum(axis=0, keepdims=True)
    c = X / k
    d = torch.mv(A, x)
"""
REPEATS = 15
OTHER_REPEATS = 2


def namespace():
    return {"torch": torch, "np": np, "X": torch.arange(30, dtype=torch.float32).reshape(2, 3, 5),
            "k": 2.0, "A": torch.ones(4, 3), "x": torch.ones(3)}


def timed(run) -> float:
    """CPU time of this process: on a shared machine, other processes' load counts less than in wall time."""
    start = time.process_time()
    run()
    return time.process_time() - start


def measure(runners: dict, repeats: int) -> dict:
    """Alternate the runners so that drift in machine load hits them all alike."""
    times = {name: [] for name in runners}
    for _ in range(repeats):
        for name, run in runners.items():
            times[name].append(timed(run))
    return times


def loop_function(ns, wrapper_line=None):
    """The loop as a function over ``ns`` (the other tools trace a function or a with-block)."""
    body = textwrap.indent(LOOP, "    ")
    if wrapper_line:
        body = f"    {wrapper_line}\n" + textwrap.indent(body, "    ")
    source = f"def loop():\n{body}"
    ns.setdefault("__name__", "bench_loop")   # the tools read the module name and the source lines
    exec(compile(source, register_source(source, "bench-loop"), "exec"), ns)
    return ns["loop"]


def optional_runners():
    """TorchSnooper and tensor-sensor, each beside the plain loop written the same way (a function)."""
    runners = {}
    try:
        import torchsnooper
    except ImportError:
        print("TorchSnooper not installed: skipped (pip install d2l_magics[bench])")
    else:
        devnull = open(os.devnull, "w")
        runners["TorchSnooper"] = lambda: torchsnooper.snoop(output=devnull)(loop_function(namespace()))()
    try:
        import tsensor
    except ImportError:
        print("tensor-sensor not installed: skipped (pip install d2l_magics[bench])")
    else:
        logging.getLogger("matplotlib").setLevel(logging.ERROR)
        runners["tensor-sensor explain"] = lambda: loop_function(
            {**namespace(), "tsensor": tsensor}, "with tsensor.explain(savefig=None):")()
    if runners:
        runners = {"plain (function)": lambda: loop_function(namespace())(), **runners}
    return runners


def table(times: dict, baseline: str) -> None:
    base_best, base_median = min(times[baseline]), statistics.median(times[baseline])
    print(f"{'run':<24}{'best ms':>10}{'median ms':>12}{'ratio best':>12}{'ratio median':>14}")
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"{name:<24}{best * 1e3:>10.2f}{median * 1e3:>12.2f}{best / base_best:>12.2f}"
              f"{median / base_median:>14.2f}")


def main():
    print(f"chapter-2 loop (2,000 iterations, 4 operations each), torch {torch.__version__}, CPU time")
    times = measure({"plain": lambda: run_cell(LOOP, namespace()),
                     "traced": lambda: dm.trace(LOOP, namespace())}, REPEATS)
    table(times, "plain")
    others = optional_runners()
    if others:   # 50 to 1000 times slower: a few runs are plenty
        print()
        table(measure(others, OTHER_REPEATS), "plain (function)")
    report = dm.trace("for i in range(1_000_000):\n    y = x + x", {"x": np.ones(3)})
    event, = report.events
    print(f"\n1,000,000 operations at one site: {len(report.events)} event, count {event.count}, "
          f"{len(event.signatures)} signature kept")


if __name__ == "__main__":
    main()
