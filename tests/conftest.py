"""A real IPython InteractiveShell with the extension loaded, and a way to run cells in it."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field

import pytest
from hypothesis import settings
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

# Exercise progress is kept in the Jupyter data directory: tests, and the kernels they start, write
# to a throwaway one, never the user's.
os.environ["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="d2l-magics-jupyter-data-")
# Text reports fit the terminal's width: the tests read them at 80 columns, what a kernel or a pipe
# gets, whatever terminal runs pytest (tests of the layout set their own width).
os.environ["COLUMNS"] = "80"
# CI explores the same generated examples on every run, so a submission's result never depends on
# the draw; developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@dataclass
class CellRun:
    """What a learner sees after running a cell: Out value, displayed outputs, the error."""

    result: object
    outputs: list = field(default_factory=list)  # IPython RichOutput objects, in display order
    stdout: str = ""
    stderr: str = ""

    @property
    def error(self):
        return self.result.error_before_exec or self.result.error_in_exec

    @property
    def value(self):
        return self.result.result

    def texts(self) -> list[str]:
        return [o.data.get("text/plain", "") for o in self.outputs]

    def htmls(self) -> list[str]:
        return [o.data["text/html"] for o in self.outputs if "text/html" in o.data]


@pytest.fixture(scope="session")
def _shell():
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "d2l_magics")
    return shell


@pytest.fixture
def ip(_shell):
    """The shell with a clean user namespace and English, for one test."""
    _shell.reset(new_session=False)
    _shell.run_cell("%config D2LMagics.language = 'en'")
    yield _shell
    _shell.reset(new_session=False)


@pytest.fixture
def run(ip):
    """``run(cell)`` runs ``cell`` in the real shell and returns a ``CellRun``."""

    def _run(cell: str) -> CellRun:
        with capture_output() as captured:
            result = ip.run_cell(cell, store_history=True)
        return CellRun(result, list(captured.outputs), captured.stdout, captured.stderr)

    return _run


@pytest.fixture
def magic(run, ip):
    """``magic(body, options)`` -> (CellRun, CompareReport): ``%%compare_np`` through the real shell."""

    def _magic(body, options=""):
        result = run(f"%%compare_np -o report_ {options}\n{body}")
        return result, ip.user_ns.pop("report_", None)

    return _magic
