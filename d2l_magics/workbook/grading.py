"""Grading a class: each submitted notebook is run afresh in a real kernel (nbclient), its stored
outputs ignored, and what its ``%%exercise`` cells judged is read back from that kernel's own
progress file, one row per student and exercise.

Running a notebook runs the student's code with the grader's rights: grade in a container or
under a throwaway account.
"""
from __future__ import annotations

import csv
import json
import os
import shlex
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import say
from ..report import Report
from .progress import FILE_NAME

COLUMNS = ("student", "exercise", "ok", "diagnosis", "message_id", "hints", "solution_seen", "attempts", "status",
           "detail", "seconds")
# What happened to a notebook as a whole: "ok" (ran to the end), "raised" (a cell raised; the rest
# still ran), "timeout" (a cell ran past the limit; the rest did not run), "died" (the kernel died),
# "invalid" (not a notebook), "error" (the grader could not run it).
STATUSES = ("ok", "raised", "timeout", "died", "invalid", "error")


@dataclass(frozen=True)
class Row:
    student: str
    exercise: str
    ok: bool
    diagnosis: str = ""
    message_id: str = ""
    hints: int = 0
    solution_seen: bool = False
    attempts: int = 0
    status: str = "ok"
    detail: str = ""
    seconds: float = 0.0

    def as_csv(self) -> dict:
        values = {name: getattr(self, name) for name in COLUMNS}
        return {**values, "ok": int(self.ok), "solution_seen": int(self.solution_seen),
                "seconds": f"{self.seconds:.2f}"}


@dataclass(frozen=True)
class NotebookResult:
    student: str
    path: str
    status: str
    detail: str
    seconds: float
    rows: tuple[Row, ...]

    @property
    def passed(self) -> int:
        return sum(row.ok for row in self.rows)


@dataclass(frozen=True)
class GradeReport(Report):
    """A class's notebooks graded: one result per notebook, one row per student and exercise."""

    renderer = "exercise"

    results: tuple[NotebookResult, ...] = field(default_factory=tuple)

    @property
    def rows(self) -> list[Row]:
        return [row for result in self.results for row in result.rows]

    def write_csv(self, path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(row.as_csv() for row in self.rows)

    def summary_rows(self) -> tuple[list[str], list[list[str]]]:
        """The summary's headings and one row per notebook: student, passed, status, seconds."""
        headers = [say(f"grade.label.{key}") for key in ("student", "passed", "status", "seconds")]
        rows = [[r.student, f"{r.passed}/{sum(1 for row in r.rows if row.exercise)}", r.status
                 + (f" ({r.detail})" if r.detail else ""), f"{r.seconds:.1f}"] for r in self.results]
        return headers, rows


def checked_exercises(nb) -> list[str]:
    """The exercises a notebook's ``%%exercise NAME`` cells check, in order (definitions left out)."""
    names: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.lstrip().startswith("%%exercise"):
            continue
        try:
            tokens = shlex.split(cell.source.lstrip().splitlines()[0])[1:]
        except ValueError:
            continue
        if "--new" in tokens:
            continue
        skip_next = False
        for token in tokens:
            if skip_next:
                skip_next = False
            elif token in ("-o", "--lang"):
                skip_next = True
            elif not token.startswith("-"):
                names.append(token)
                break
    return list(dict.fromkeys(names))


def _first_error(nb, added: int) -> str:
    """The first error a cell showed, numbered as in the student's notebook (``added`` cells before it)."""
    for index, cell in enumerate(nb.cells[added:]):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "error":
                return say("grade.detail.raised", error=output.get("ename", ""), cell=index + 1)
    return ""


def _attempts(data_dir: Path) -> dict:
    path = data_dir / "d2l_magics" / FILE_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"attempts": [], "hints": {}, "solutions": []}


def _rows(student: str, expected: list[str], record: dict, status: str, detail: str, seconds: float):
    attempts = record.get("attempts", [])
    names = list(dict.fromkeys(expected + [a["exercise"] for a in attempts]))
    if not names:
        return (Row(student, "", False, status=status, detail=detail, seconds=seconds),)
    rows = []
    for name in names:
        mine = [a for a in attempts if a["exercise"] == name]
        ok = any(a["ok"] for a in mine)
        last: dict = next((a for a in reversed(mine) if a["ok"] == ok), {})
        rows.append(Row(student, name, ok, "" if ok else last.get("diagnosis") or "",
                        last.get("message_id", ""),
                        int(record.get("hints", {}).get(name, 0)), name in record.get("solutions", []), len(mine),
                        status, detail, seconds))
    return tuple(rows)


def _setup_cell(load: tuple[str, ...]):
    import nbformat
    lines = ["%load_ext d2l_magics"] + [f"%exercise --load {shlex.quote(str(Path(p).resolve()))}" for p in load]
    return nbformat.v4.new_code_cell("\n".join(lines))


def grade_notebook(path, *, timeout: float = 60, startup_timeout: float = 120, load: tuple[str, ...] = (),
                   student: str | None = None) -> NotebookResult:
    """Run one notebook in a fresh ``python3`` kernel and read what its exercises judged.
    ``timeout`` limits each cell; ``load`` names exercise files to load before the first cell."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path)
    student = student or path.stem
    started = time.perf_counter()
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # not JSON, not a notebook, unreadable: recorded, the batch goes on
        detail = say("grade.detail.invalid", error=type(error).__name__)
        return NotebookResult(student, str(path), "invalid", detail, 0.0,
                              (Row(student, "", False, status="invalid", detail=detail),))
    expected = checked_exercises(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # stored outputs are never trusted
    if load:
        nb.cells.insert(0, _setup_cell(load))
    status, detail = "ok", ""
    with tempfile.TemporaryDirectory(prefix="d2l-grade-") as data_dir:
        client = NotebookClient(nb, timeout=timeout, startup_timeout=startup_timeout, kernel_name="python3",
                                allow_errors=True, resources={"metadata": {"path": str(path.parent.resolve())}})
        try:
            client.execute(env={**os.environ, "JUPYTER_DATA_DIR": data_dir})
            detail = _first_error(nb, added=1 if load else 0)
            status = "raised" if detail else "ok"
        except CellTimeoutError:
            status, detail = "timeout", say("grade.detail.timeout", seconds=timeout)
        except DeadKernelError:
            status, detail = "died", say("grade.detail.died")
        except Exception as error:  # the kernel could not start, or nbclient failed: recorded, go on
            status, detail = "error", f"{type(error).__name__}: {error}".splitlines()[0][:200]
        record = _attempts(Path(data_dir))
    seconds = time.perf_counter() - started
    return NotebookResult(student, str(path), status, detail, seconds,
                          _rows(student, expected, record, status, detail, seconds))


def _students(paths: list[Path]) -> list[str]:
    """Each notebook's stem, or its parent folder and stem where two stems are the same."""
    stems = [p.stem for p in paths]
    return [f"{p.parent.name}/{p.stem}" if stems.count(p.stem) > 1 else p.stem for p in paths]


def grade(paths, *, timeout: float = 60, load: tuple[str, ...] = (), progress=None) -> GradeReport:
    """Grade every notebook in ``paths``, one after another; ``progress(result)`` after each."""
    paths = [Path(p) for p in paths]
    results = []
    for path, student in zip(paths, _students(paths)):
        result = grade_notebook(path, timeout=timeout, load=load, student=student)
        results.append(result)
        if progress:
            progress(result)
    return GradeReport(tuple(results))
