"""Every example notebook runs end to end in a fresh kernel, and each magic it uses shows its output."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# What each magic leaves in a cell's outputs, found by the CSS hook its renderer adds.
MAGIC_MARKERS = {
    "compare_np": "d2l-compare",
    "shape_trace": "d2l-trace",
    "exercise": "d2l-exercise",
}


def execute(path: Path, after_setup: str | None = None):
    """Run the notebook in a fresh kernel; ``after_setup`` is a cell put after the first code cell."""
    nb = nbformat.read(path, as_version=4)
    if after_setup:
        first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        nb.cells.insert(first + 1, nbformat.v4.new_code_cell(after_setup))
    NotebookClient(nb, timeout=180, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def magic_of(cell) -> str | None:
    match = re.match(r"\s*%%?(\w+)", cell.source)
    return match.group(1) if match else None


def cell_markup(cell) -> str:
    return "\n".join(str(out.get("data", {}).get("text/html", "")) + str(out.get("data", {}).get("text/plain", ""))
                     for out in cell.outputs)


def widget_classes(nb, model_id: str) -> set[str]:
    """CSS classes of a widget and all its descendants, from the stored widget state."""
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    classes, todo, seen = set(), [model_id], set()
    while todo:
        mid = todo.pop()
        if mid in seen or mid not in state:
            continue
        seen.add(mid)
        model = state[mid]["state"]
        classes.update(model.get("_dom_classes", []))
        todo.extend(ref.removeprefix("IPY_MODEL_") for ref in json.dumps(model).split('"')
                    if ref.startswith("IPY_MODEL_"))
    return classes


def test_there_is_one_notebook_per_section_of_the_notes_and_more_beyond_them():
    sections = [p.name[:2] for p in NOTEBOOKS if int(p.name[:2]) <= 11]   # later ones look beyond the notes
    assert sections == [f"{n:02d}" for n in range(1, 12)]
    assert [p.name for p in NOTEBOOKS if int(p.name[:2]) > 11] == ["12_writing_exercises.ipynb",
                                                                    "13_shapes_in_models.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs_and_names_python3(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb.cells if c.cell_type == "code")


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_each_magic_shows_its_output(path):
    nb = execute(path)
    used = set()
    explaining = "%shape_explain on" in next(c for c in nb.cells if c.cell_type == "code").source
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        magic = magic_of(cell)
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if "raises-exception" not in cell.metadata.get("tags", []):
            assert not errors, f"{path.name}: {cell.source!r} raised {errors}"
        elif explaining and magic is None:   # explain mode: the plain cell's shape error is explained, then raised
            assert errors and "d2l-trace-explain" in cell_markup(cell), f"{path.name}: {cell.source!r} not explained"
            used.add("shape_explain")
        if explaining and "model(" in cell.source:
            assert "d2l-trace-layers" in cell_markup(cell), f"{path.name}: no layer table in {cell.source!r}"
        if magic == "grad":
            views = [o["data"][WIDGET_VIEW]["model_id"] for o in cell.outputs
                     if WIDGET_VIEW in o.get("data", {})]
            assert views, f"{path.name}: %%grad cell shows no widget: {cell.source!r}"
            assert "d2l-grad-panel" in widget_classes(nb, views[0])
            used.add(magic)
        elif magic in MAGIC_MARKERS:
            assert MAGIC_MARKERS[magic] in cell_markup(cell), f"{path.name}: no {magic} output in {cell.source!r}"
            used.add(magic)
    assert "exercise" in used, f"{path.name} has no exercises"
    assert len([c for c in nb.cells if magic_of(c) == "exercise" and c.source.startswith("%%")]) >= 2


@pytest.mark.notebook
def test_a_notebook_run_in_chinese_shows_chinese_notes():
    from d2l_magics.messages import say

    path = next(p for p in NOTEBOOKS if p.name.startswith("03"))
    nb = execute(path, after_setup="%config D2LMagics.language = 'zh'")
    shown = "\n".join(cell_markup(c) for c in nb.cells if c.cell_type == "code")
    for msg_id in ("translate.dim_axis", "translate.clone"):
        assert say(msg_id, lang="zh") in shown and say(msg_id, lang="en") not in shown


@pytest.mark.notebook
def test_the_teachers_notebook_defines_loads_checks_and_keeps_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))  # the kernel's progress starts empty
    path = next(p for p in NOTEBOOKS if p.name.startswith("12"))
    nb = execute(path)
    shown = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            printed = "".join(out.get("text", "") for out in cell.outputs)
            shown.setdefault(cell.source.splitlines()[0], cell_markup(cell) + printed)  # the first of each kind
    assert "Rows that sum to 1" in shown[next(k for k in shown if k.startswith("%%exercise --new row-sums"))]
    assert "broadcast along the wrong axis" in shown["%%exercise row-sums"]
    assert "`s` divides by n−1 = 7 where the answer divides by n = 8" in shown["%%exercise population-std"]
    assert "center-columns, unit-rows" in shown["%exercise --load class_exercises.py"]
    assert "dim=1" in shown["%%exercise center-columns"] and "dim=0" in shown["%%exercise center-columns"]
    assert "广播" in shown["%%exercise unit-rows --lang zh"]
    assert "1 passed, 3 attempted" in shown["%exercise --progress"]
    assert "container" in shown["import subprocess, sys"]
