"""Explain mode's hook into IPython: a shape error in any cell is explained above its traceback.

IPython glue, like ``magics.py``: ``set_custom_exc`` wraps the shell's exception display, keeping
the handler it had, and gives that handler back when the mode is turned off or the extension is
unloaded. The explanation itself comes from ``tracing.aftermath``, from the traceback alone.
"""
from __future__ import annotations

from types import CodeType
from typing import Any

from IPython.display import display


class ExplainHook:
    """The wrapper around one shell's exception display while explain mode is on."""

    def __init__(self, shell: Any, explained_by: CodeType):
        self.shell = shell
        self.explained_by = explained_by  # a frame of this code (%shape_trace) has explained it already
        self.previous = (shell.custom_exceptions, shell.CustomTB)
        self.ours: tuple = ()

    def install(self) -> None:
        previous_types, previous_handler = self.previous

        def explain_then_show(ipython, etype, value, tb, tb_offset=None):
            self.show_explanation(value)
            if previous_types and isinstance(value, previous_types):
                return previous_handler(etype, value, tb, tb_offset=tb_offset)
            ipython.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
            return None

        self.shell.set_custom_exc((Exception,), explain_then_show)
        self.ours = self.shell.custom_exceptions

    def remove(self) -> None:
        """Give IPython back the handler it had (unless another one replaced ours since)."""
        if self.shell.custom_exceptions is self.ours:
            self.shell.custom_exceptions, self.shell.CustomTB = self.previous

    def show_explanation(self, error: BaseException) -> None:
        """Never raises: when explaining fails, the learner sees their traceback and nothing else."""
        try:
            tb = error.__traceback__
            while tb is not None:
                if tb.tb_frame.f_code is self.explained_by:
                    return
                tb = tb.tb_next
            from .tracing.aftermath import explain_exception
            cells = getattr(self.shell.compile, "_filename_map", {})
            explanation = explain_exception(error, lambda filename: filename in cells)
            if explanation is not None:
                display(explanation)
        except Exception:
            pass
