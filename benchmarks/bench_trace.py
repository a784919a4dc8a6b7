"""How much slower is a cell under ``%shape_trace`` than the same cell run plainly?

Runs the chapter-2 loop of issue 13 (2,000 iterations of reductions, a division, indexing, ``float()``
of 0-d tensors, ``.mean()``, a creation and ``torch.mv``) plainly and traced, alternately in one
process, and prints the best and median ratio with its goal; then a 600-statement cell (goal 3x) and
its rewrite alone at three lengths (linear: a flat ratio), the fixed cost of tracing a
one-statement cell (new, and run again: the instrumented code is kept per cell text), a million
operations at one site (one event, and the trace's memory), explain mode on against off for a cell
that does not fail, and the layer table of a 10-layer MLP against its forward pass. TorchSnooper
and tensor-sensor (the optional ``bench`` extra) are measured on the same loop when installed.
"""
from __future__ import annotations

import os

# One thread for torch and BLAS (set before they load), as in bench_compare: times are CPU time,
# and an idle OpenMP worker spins between operations, so its CPU time would be charged to the
# Python code that runs there. The layer table is also timed on the wall clock with every core.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import logging  # noqa: E402
import statistics  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

import d2l_magics as dm  # noqa: E402
from d2l_magics.cell import register_source, run_cell  # noqa: E402

LOOP = """\
acc = 0.0
for i in range(2000):
    s = X.sum(axis=(1, 2)); k = X.sum(axis=0, keepdims=True); P = X / k
    m = torch.mv(X[0], torch.ones(5)); acc += float(s[0]) + float(P.mean()) + float(m.sum())
"""


def long_cell(statements: int) -> str:
    """A cell of chapter-2 statements, each its own three operation sites."""
    return "\n".join(f"y{i} = X * {i} + X.sum(axis=0)" for i in range(statements))


LONG_CELL = long_cell(600)
REPEATS = 15
OTHER_REPEATS = 2


def namespace():
    return {"torch": torch, "np": np, "X": torch.arange(30, dtype=torch.float32).reshape(2, 3, 5)}


def measure(runners: dict, repeats: int, clock=time.process_time) -> dict:
    """Alternate the runners so that drift in machine load hits them all alike. CPU time of this
    process by default: on a shared machine, other processes' load counts less than in wall time."""
    times: dict = {name: [] for name in runners}
    for _ in range(repeats):
        for name, run in runners.items():
            start = clock()
            run()
            times[name].append(clock() - start)
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


def table(times: dict, baseline: str, goal: float | None = None) -> None:
    base_best, base_median = min(times[baseline]), statistics.median(times[baseline])
    if goal is not None:
        print(f"goal: ratio median <= {goal}")
    print(f"{'run':<24}{'best ms':>10}{'median ms':>12}{'ratio best':>12}{'ratio median':>14}")
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"{name:<24}{best * 1e3:>10.2f}{median * 1e3:>12.2f}{best / base_best:>12.2f}"
              f"{median / base_median:>14.2f}")


def fresh(source: str):
    """``source`` under a new first line each call: a cell never traced before (no kept blueprint)."""
    runs = iter(range(1_000_000))
    return lambda: f"# run {next(runs)}\n{source}"


def one_statement_cost() -> None:
    """The fixed cost of a trace: a one-statement cell, first seen and run again, in microseconds."""
    ns, runs = namespace(), 200
    new = fresh("y = X + 1")

    def repeated(run):
        def go():
            for _ in range(runs):
                run()
        return go

    times = measure({"plain": repeated(lambda: run_cell("y = X + 1", dict(ns))),
                     "traced, new cell": repeated(lambda: dm.trace(new(), dict(ns))),
                     "traced, run again": repeated(lambda: dm.trace("y = X + 1", dict(ns)))}, 7)
    print("\none-statement cell `y = X + 1`, median microseconds per run")
    for name, values in times.items():
        print(f"{name:<24}{statistics.median(values) / runs * 1e6:>8.0f}")


def instrumenting_cost() -> None:
    """Rewriting and compiling a cell (no run, no report) against parsing and compiling it plainly,
    at 300, 600 and 1,200 statements: the ratio stays flat when the rewrite is linear in the cell."""
    from d2l_magics.cell import collector_paused, compile_cell, parse_cell
    from d2l_magics.tracing import _blueprint

    def instrument(source):
        with collector_paused():
            _blueprint(source, "<bench>", frozenset(), frozenset())

    print("\ninstrumenting (rewrite + compile) against parse + compile, by cell length")
    for statements in (300, 600, 1200):
        source = long_cell(statements)
        times = measure({"parse + compile": lambda source=source: compile_cell(parse_cell(source)),
                         "instrument": lambda source=source: instrument(source)}, 5)
        print(f"{statements:>5} statements: ratio median "
              f"{statistics.median(times['instrument']) / statistics.median(times['parse + compile']):.2f}, "
              f"instrument median {statistics.median(times['instrument']) * 1e3:.1f} ms")


def explain_mode_cost() -> None:
    """A cell that does not fail, in a real shell, with ``%shape_explain`` on and off."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "d2l_magics")
    shell.user_ns.update(namespace())
    cell = "for i in range(300):\n    s = X.sum(axis=0) + X[0]"

    def run(mode):
        def go():
            with capture_output():
                shell.run_line_magic("shape_explain", mode)
            for _ in range(5):
                shell.run_cell(cell)
        return go

    print("\nexplain mode: a cell with no error, %shape_explain on against off")
    table(measure({"off": run("off"), "on": run("on")}, REPEATS), "off", goal=1.02)
    with capture_output():
        shell.run_line_magic("shape_explain", "off")


def model_table_cost(width: int, batch: int) -> None:
    """``%shape_trace model(x)`` (the layer table) against the forward pass it watches, then the
    layer watch alone, apart from the trace's fixed cost per cell."""
    layers = []
    for _ in range(9):
        layers += [torch.nn.Linear(width, width), torch.nn.ReLU()]
    ns = {"model": torch.nn.Sequential(*layers, torch.nn.Linear(width, 10)), "x": torch.randn(batch, width)}
    cells = 20   # a sample runs the cell this many times: one forward pass is about a millisecond

    def repeated(run):
        def go():
            for _ in range(cells):
                run("y = model(x)", dict(ns))
        return go

    print(f"\nlayer table of a 10-layer MLP (batch {batch}, width {width}) against one forward pass, "
          f"{cells} cells a sample")
    runners = {"forward": repeated(run_cell), "with layer table": repeated(dm.trace)}
    with torch.no_grad():
        table(measure(runners, REPEATS * 2), "forward", goal=1.3)
        threads = os.cpu_count() or 1
        torch.set_num_threads(threads)
        try:
            print(f"the same in wall time, {threads} threads")
            table(measure(runners, REPEATS * 2, clock=time.perf_counter), "forward")
        finally:
            torch.set_num_threads(1)
        layer_watch_cost(ns["model"], ns["x"])


def layer_watch_cost(model, x, forwards: int = 20) -> None:
    """The same forward pass plainly, under two empty global module hooks (torch's slow path for
    every module call, the floor of any hook), and under the layer watch of a traced cell; each
    sample times ``forwards`` passes, each with a fresh watch, as one cell gets."""
    from d2l_magics.tracing.layers import LayerWatch
    hooks = torch.nn.modules.module

    def plain():
        for _ in range(forwards):
            model(x)

    def empty_hooks():
        before = hooks.register_module_forward_pre_hook(lambda module, args: None)
        after = hooks.register_module_forward_hook(lambda module, args, output: None)
        try:
            plain()
        finally:
            before.remove()
            after.remove()

    def watched():
        for _ in range(forwards):
            with LayerWatch().watching():
                model(x)

    print(f"the layer watch alone, {forwards} forward passes a sample")
    table(measure({"forward": plain, "empty hooks": empty_hooks, "layer watch": watched}, REPEATS * 2),
          "forward")


def one_site_memory() -> None:
    """A million runs of one operation: one event, and the trace's memory does not grow."""
    import tracemalloc
    for runs in (1_000, 1_000_000):
        tracemalloc.start()
        report = dm.trace(f"for i in range({runs}):\n    y = x + x", {"x": np.ones(3)})
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        event, = report.events
        print(f"{runs:>9,} runs of one op: {len(report.events)} event, count {event.count:,}, "
              f"{len(event.signatures)} signature kept, peak traced memory {peak / 1024:.0f} KiB")


def main():
    torch.set_num_threads(1)
    print(f"chapter-2 loop of issue 13 (2,000 iterations), torch {torch.__version__}, CPU time, one thread")
    times = measure({"plain": lambda: run_cell(LOOP, namespace()),
                     "traced": lambda: dm.trace(LOOP, namespace())}, REPEATS)
    table(times, "plain", goal=1.3)
    print("\n600-statement cell, new each run (nothing kept from an earlier trace)")
    new = fresh(LONG_CELL)
    table(measure({"plain": lambda: run_cell(new(), namespace()),
                   "traced": lambda: dm.trace(new(), namespace())}, 7), "plain", goal=3)
    print("\nthe same 600-statement cell run again (its instrumented code kept)")
    table(measure({"plain": lambda: run_cell(LONG_CELL, namespace()),
                   "traced": lambda: dm.trace(LONG_CELL, namespace())}, 7), "plain")
    one_statement_cost()
    instrumenting_cost()
    others = optional_runners()
    if others:   # 50 to 1000 times slower: a few runs are plenty
        print()
        table(measure(others, OTHER_REPEATS), "plain (function)")
    print()
    one_site_memory()
    explain_mode_cost()
    for width, batch in ((256, 64), (512, 128)):
        model_table_cost(width, batch)


if __name__ == "__main__":
    main()
