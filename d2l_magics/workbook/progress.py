"""Progress that outlasts the kernel: every attempt and the hints seen, kept in one small JSON file
in the user's Jupyter data directory (``jupyter --data-dir``; ``JUPYTER_DATA_DIR`` moves it).

Each write takes a lock file, reads what is there, adds to it and replaces the file atomically
(a temporary file, then ``os.replace``), so two kernels writing at once both keep their records
and a kernel killed mid-write leaves the old file whole.
"""
from __future__ import annotations

import json
import os
import time
import warnings
from pathlib import Path

from ..messages import say
from .core import Feedback, Hint

try:
    import fcntl
except ImportError:  # Windows: writes are still atomic, only not serialised between kernels
    fcntl = None  # type: ignore[assignment]  # the module or None: mypy types the name as the module

FILE_NAME = "progress.json"
VERSION = 1


def default_path() -> Path:
    from jupyter_core.paths import jupyter_data_dir
    return Path(jupyter_data_dir()) / "d2l_magics" / FILE_NAME


def _empty() -> dict:
    return {"version": VERSION, "attempts": [], "hints": {}, "solutions": []}


class ProgressStore:
    """The file: ``attempts`` (exercise, ok, time, hints seen, diagnosis, message id), per
    exercise the number of hints seen, and the exercises whose solution was shown."""

    def __init__(self, path: Path | str | None = None):
        self._path = Path(path) if path else None

    @property
    def path(self) -> Path:
        return self._path or default_path()  # read each time: the data directory may be moved

    def read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return _empty()
        except (ValueError, UnicodeDecodeError):  # damaged: kept aside, never overwritten
            self.path.replace(self.path.with_name(f"{FILE_NAME}.damaged-{int(time.time())}"))
            return _empty()
        return {**_empty(), **data} if isinstance(data, dict) else _empty()

    def update(self, change) -> bool:
        """Apply ``change(data)`` under the lock and write the result; False if it could not be saved."""
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path.with_name(FILE_NAME + ".lock"), "a") as lock:
                if fcntl:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                data = self.read()
                change(data)
                temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
                with open(temporary, "w", encoding="utf-8") as out:
                    json.dump(data, out, ensure_ascii=False, indent=1)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, path)
            return True
        except OSError as error:
            warnings.warn(say("exercise.progress.not_saved", path=str(path), error=error), stacklevel=3)
            return False


class Progress:
    """What a learner has done, read from and written to a :class:`ProgressStore`."""

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or ProgressStore()

    @property
    def attempts(self) -> list[dict]:
        return self.store.read()["attempts"]

    @property
    def passed(self) -> set[str]:
        return {a["exercise"] for a in self.attempts if a["ok"]}

    @property
    def hints_shown(self) -> dict[str, int]:
        return dict(self.store.read()["hints"])

    def statuses(self) -> dict[str, str]:
        """"passed" or "attempted" for each exercise tried; the rest are untouched."""
        found: dict[str, str] = {}
        for attempt in self.attempts:
            if attempt["ok"] or found.get(attempt["exercise"]) != "passed":
                found[attempt["exercise"]] = "passed" if attempt["ok"] else "attempted"
        return found

    def _see_hint(self, name: str, index: int) -> None:
        def change(data):
            data["hints"][name] = max(data["hints"].get(name, 0), index)
        self.store.update(change)

    def next_hint(self, exercise) -> Hint:
        """The next hint not yet shown (the last one again once all have been)."""
        hints = exercise.hints
        index = min(self.hints_shown.get(exercise.name, 0) + 1, len(hints))
        self._see_hint(exercise.name, index)
        return Hint(exercise.name, index, len(hints), hints[index - 1])

    def saw_solution(self, name: str) -> None:
        def change(data):
            if name not in data["solutions"]:
                data["solutions"].append(name)
        self.store.update(change)

    def record(self, feedback: Feedback) -> None:
        """Keep the attempt; a hint offered with a ✗ counts as seen."""
        seen = self.hints_shown.get(feedback.exercise, 0)
        attempt = {"exercise": feedback.exercise, "ok": feedback.ok,
                   "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "hints": seen,
                   "diagnosis": feedback.diagnosis, "message_id": feedback.message_id}

        def change(data):
            data["attempts"].append(attempt)
            if not feedback.ok and feedback.hint is not None:
                data["hints"][feedback.exercise] = max(data["hints"].get(feedback.exercise, 0), seen + 1)
        self.store.update(change)

    def reset(self, name: str | None = None) -> None:
        """Forget everything, or only exercise ``name``."""
        def change(data):
            if name is None:
                data.update(_empty())
            else:
                data["attempts"] = [a for a in data["attempts"] if a["exercise"] != name]
                data["hints"].pop(name, None)
                data["solutions"] = [n for n in data["solutions"] if n != name]
        self.store.update(change)
