"""``%grad W`` for a 1000 x 1000 gradient, shown as a kernel shows it (goal: < 50 ms, < 200 KB).

"As a kernel shows it": the report for ``W`` is made, then its whole display bundle (text, static
HTML and the widget panel, built because a kernel is there), and the size is that bundle plus the
state of every widget in the panel, which is what the kernel sends to the front end. The plain
baseline is what a learner does without the magic: ``W.grad.sum()`` and printing ``W.grad``.
The ``%%grad`` cell itself (the backward pass) is timed too, with and without the magic, and with
``--check`` (the recorded computation evaluated again in float64).
"""
from __future__ import annotations

import json
import statistics
import time
from types import SimpleNamespace

import torch

import d2l_magics.render.widgets as widget_render
from d2l_magics.grad import inspect_cell, inspect_names

CELL = "(W * W).sum().backward()"
RUNS = 9
GOAL_MS, GOAL_KB = 50, 200


def median_seconds(function, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def shown_as_in_a_kernel(namespace: dict) -> dict:
    """``%grad W``'s report and the bundle IPython's display sends for it in a kernel."""
    return inspect_names(namespace, ["W"])._repr_mimebundle_()


def sent_kb(namespace: dict) -> float:
    """The bundle, and the state of the widgets in a panel like the one it refers to."""
    report = inspect_names(namespace, ["W"])
    bundle = report._repr_mimebundle_()
    states = {w.model_id: w.get_state() for w in descendants(widget_render.build_panel(report))}
    return len(json.dumps({"bundle": bundle, "widgets": states}, default=str)) / 1024


def main() -> None:
    torch.manual_seed(0)
    namespace = {"torch": torch, "W": torch.randn(1000, 1000, requires_grad=True)}
    plain_cell = compile(CELL, "<plain>", "exec")

    def plain_backward():
        namespace["W"].grad = None
        exec(plain_cell, namespace)

    def magic_backward(check: bool = False):
        namespace["W"].grad = None
        return inspect_cell(CELL, namespace, check=check).report

    plain_s = median_seconds(plain_backward)
    magic_s = median_seconds(magic_backward)
    check_s = median_seconds(lambda: magic_backward(check=True), runs=3)
    checked = magic_backward(check=True).checks["W"].n_checked
    grad = namespace["W"].grad
    look_s = median_seconds(lambda: (grad.sum().item(), repr(grad)))
    widget_render.get_ipython = lambda: SimpleNamespace(kernel=object())  # a kernel's front end shows widgets
    shown_as_in_a_kernel(namespace)  # the first panel also imports what ipywidgets needs
    shown_s = median_seconds(lambda: shown_as_in_a_kernel(namespace))
    kb = sent_kb(namespace)

    print(f"backward of a 1000x1000 cell, plain:            {plain_s * 1e3:8.2f} ms")
    print(f"same cell under %%grad (recording, copies):     {magic_s * 1e3:8.2f} ms  ({magic_s / plain_s:.2f}x plain)")
    print(f"same cell under %%grad --check:                 {check_s * 1e3:8.2f} ms  "
          f"({checked} of 1000000 elements checked)")
    print(f"plain look at the grad (W.grad.sum(), repr):    {look_s * 1e3:8.2f} ms")
    print(f"%grad W shown as in a kernel (report, text, HTML, widgets): {shown_s * 1e3:.2f} ms "
          f"({shown_s / look_s:.1f}x the plain look; goal < {GOAL_MS} ms: "
          f"{'met' if shown_s * 1e3 < GOAL_MS else 'NOT met'})")
    print(f"sent to the front end (bundle + widget states): {kb:8.1f} KB "
          f"(goal < {GOAL_KB} KB: {'met' if kb < GOAL_KB else 'NOT met'})")


if __name__ == "__main__":
    main()
