"""The ``grad_fn`` graph from an output to its leaves, walked breadth-first and cut at a limit."""
from __future__ import annotations

from dataclasses import dataclass

import torch

GRAPH_NODE_LIMIT = 60  # chapter 2's graphs have a handful of nodes; a loop's can have thousands


@dataclass(frozen=True)
class GraphNode:
    id: int
    label: str  # the grad_fn's class name: "MulBackward0", "AccumulateGrad"
    children: tuple[int, ...]
    leaf: str | None = None  # the learner's name for the leaf an AccumulateGrad node writes to


def _walk(root, limit: int = GRAPH_NODE_LIMIT):
    """Breadth-first over ``next_functions``: (functions, children index lists, cut short?)."""
    children: list[list[int]]
    functions, children, index = [root], [[]], {id(root): 0}
    cut, position = False, 0
    while position < len(functions):
        fn = functions[position]
        for child, _ in getattr(fn, "next_functions", ()):
            if child is None:
                continue
            if id(child) not in index:
                if len(functions) >= limit:
                    cut = True
                    continue
                index[id(child)] = len(functions)
                functions.append(child)
                children.append([])
            if index[id(child)] not in children[position]:
                children[position].append(index[id(child)])
        position += 1
    return functions, children, cut


def graph_nodes(root, names_by_id: dict[int, str]) -> tuple[list[GraphNode], bool]:
    """The graph from ``root`` (a grad_fn) to the leaves, leaves named by the learner's names."""
    if root is None:
        return [], False
    functions, children, cut = _walk(root)
    nodes = []
    for i, fn in enumerate(functions):
        variable = getattr(fn, "variable", None)
        leaf = names_by_id.get(id(variable)) if variable is not None else None
        nodes.append(GraphNode(i, type(fn).__name__, tuple(children[i]), leaf))
    return nodes, cut


def leaves_reached(root) -> list[torch.Tensor]:
    if root is None:
        return []
    functions, _, _ = _walk(root, limit=10_000)
    return [fn.variable for fn in functions if isinstance(getattr(fn, "variable", None), torch.Tensor)]


