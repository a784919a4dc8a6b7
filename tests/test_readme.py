"""The README shows what the code does: its tour is rerun in a real shell and compared with the
blocks it prints, and every file it names is in the repository."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from IPython.utils.capture import capture_output

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
TOUR = README[README.index("## A tour"):README.index("## Example notebooks")]
TOUR_COLUMNS = 160  # the terminal width the tour was printed at (the README says so)
PROMPT = re.compile(r"^In \[(\d+)\]: (.*)$")


def tour_cells() -> list[tuple[str, str, str]]:
    """(prompt number, cell, what the README shows under it), in order, from the python blocks."""
    cells = []
    for block in re.findall(r"```python\n(.*?)```", TOUR, flags=re.S):
        if not block.startswith("In ["):
            continue
        for chunk in re.split(r"^(?=In \[\d+\]: )", block, flags=re.M):
            if not chunk:
                continue
            first, *rest = chunk.splitlines()
            number, source = PROMPT.match(first).groups()
            lines = [source]
            while rest and rest[0].startswith("   ...: "):
                lines.append(rest.pop(0)[len("   ...: "):])
            cells.append((number, "\n".join(lines), "\n".join(rest)))
    return cells


ROUNDING = re.compile(r"\b\d\.\d+e-(?:0[7-9]|[1-9]\d)\b")  # below 1e-6: its digits depend on the CPU


def normalised(text: str) -> list[str]:
    """Lines with runs of spaces made one, and no blank lines: table padding is not content; nor
    are the digits of a rounding error (the numerical check's largest difference)."""
    return [ROUNDING.sub("(rounding)", " ".join(line.split())) for line in text.splitlines() if line.strip()]


def shown(ip, cell: str) -> str:
    """What terminal IPython prints for ``cell``: its output, then (for an error) the last line of
    the traceback, ``Type: message``, which the README shows in place of the whole traceback."""
    with capture_output() as captured:
        result = ip.run_cell(cell, store_history=True)
    error = result.error_before_exec or result.error_in_exec
    parts = [captured.stdout if error is None else "",  # stdout holds the traceback then
             *(output.data.get("text/plain", "") for output in captured.outputs)]
    if result.result is not None:
        parts.append(repr(result.result))
    if error is not None:
        parts.append(f"{type(error).__name__}: {error}")
    return "\n".join(parts).strip("\n")


def test_the_tour_has_the_cells_it_shows():
    numbers = [int(number) for number, _, _ in tour_cells()]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 6


def test_every_output_in_the_tour_is_what_the_code_prints(ip, monkeypatch, tmp_path):
    """Run in order in one shell, as a learner would type them the first time (no exercise
    progress yet: the hint shown depends on the hints seen); "..." ends a shortened block."""
    monkeypatch.setenv("COLUMNS", str(TOUR_COLUMNS))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    ip.run_line_magic("unload_ext", "d2l_magics")  # In [1] loads it again
    for number, cell, expected in tour_cells():
        actual = normalised(shown(ip, cell))
        wanted = normalised(expected)
        if wanted and wanted[-1] == "...":
            wanted, actual = wanted[:-1], actual[:len(wanted) - 1]
        assert actual == wanted, f"In [{number}] prints, in full:\n{shown(ip, cell)}"


def repository_paths() -> set[str]:
    """Every file and folder of the checkout as ``/path`` (folders end in ``/``), hidden and
    generated folders left out."""
    paths = set()
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [name for name in subfolders if not name.startswith((".", "__"))
                         and name not in ("build", "dist")]
        base = "/" + Path(folder).relative_to(REPO).as_posix()
        base = "" if base == "/." else base
        paths |= {f"{base}/{name}/" for name in subfolders} | {f"{base}/{name}" for name in files}
    return paths


def test_every_file_the_readme_names_is_in_the_repository():
    """A name may be a path from the root or the end of one (`bench_grad.py`, `render/`); a folder
    that a command makes (`build/`) is one that .gitignore names."""
    named = set(re.findall(r"`([\w./-]+\.(?:md|py|txt|toml|ipynb|cfg|json))`", README))
    named |= set(re.findall(r"`((?:[\w.-]+/)+)`", README))  # folders, written with a slash
    assert len(named) > 10, "few file names found: has the README's way of naming files changed?"
    paths = repository_paths()
    made = set((REPO / ".gitignore").read_text().split())
    missing = [name for name in named
               if name not in made and not any(path.endswith(f"/{name}") for path in paths)]
    assert sorted(missing) == []


def test_the_readme_export_command_shows_the_static_panel_like_make_demo():
    """The nbconvert line in the README passes make demo's display order."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("demo", REPO / "scripts" / "demo.py")
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    [order] = re.findall(r"--NbConvertBase\.display_data_priority='(\[.*?\])'", README)
    assert json.loads(order) == demo.STATIC_FIRST


@pytest.fixture(autouse=True)
def _extension_loaded_again(ip):
    yield
    if "d2l_magics" not in ip.extension_manager.loaded:
        ip.run_line_magic("load_ext", "d2l_magics")
