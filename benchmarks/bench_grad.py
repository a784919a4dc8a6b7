"""``%grad`` panel for a 1000 x 1000 gradient (targets: built in < 100 ms, widget state < 200 KB).

The baseline is what a learner does without the magic: ``x.grad.sum()`` and printing ``x.grad``
(torch's summarised repr). The panel is built from a report of one ``%%grad`` cell; the cell
itself (the backward pass) is timed too, with and without the magic's recording around it.
"""
from __future__ import annotations

import json
import timeit

import torch

from d2l_magics.grad import inspect_cell
from d2l_magics.render.widgets import build_panel

CELL = "(W * W).sum().backward()"
REPEAT, NUMBER = 5, 5


def best(function, number: int = NUMBER) -> float:
    """Seconds per call: the best of REPEAT timings of ``number`` calls."""
    return min(timeit.repeat(function, repeat=REPEAT, number=number)) / number


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def main() -> None:
    torch.manual_seed(0)
    namespace = {"torch": torch, "W": torch.randn(1000, 1000, requires_grad=True)}
    plain_cell = compile(CELL, "<plain>", "exec")

    def plain_backward():
        namespace["W"].grad = None
        exec(plain_cell, namespace)

    def magic_backward():
        namespace["W"].grad = None
        return inspect_cell(CELL, namespace).report

    plain_s = best(plain_backward)
    magic_s = best(magic_backward)
    report = magic_backward()
    grad = namespace["W"].grad
    look_s = best(lambda: (grad.sum().item(), repr(grad)), number=20)
    panel_s = best(lambda: build_panel(report))
    text_s = best(lambda: report._repr_mimebundle_())
    panel = build_panel(report)
    state_kb = len(json.dumps({w.model_id: w.get_state() for w in descendants(panel)}, default=str)) / 1024

    print(f"backward of a 1000x1000 cell, plain:          {plain_s * 1e3:8.2f} ms")
    print(f"same cell under %%grad (recording, copies):   {magic_s * 1e3:8.2f} ms  ({magic_s / plain_s:.2f}x)")
    print(f"plain look at the grad (x.grad.sum(), repr):  {look_s * 1e3:8.2f} ms")
    print(f"widget panel build:                           {panel_s * 1e3:8.2f} ms  "
          f"({panel_s / look_s:.1f}x the plain look; target < 100 ms)")
    print(f"text + HTML report (terminal / static HTML):  {text_s * 1e3:8.2f} ms")
    print(f"widget state, panel and all descendants:      {state_kb:8.1f} KB (target < 200 KB)")


if __name__ == "__main__":
    main()
