"""The one way a report is shown: text and HTML from its renderer, in the language it was made in.

Every engine's report is a dataclass that also derives from :class:`Report` and names its renderer
module under ``d2l_magics.render``. That module's ``to_text`` takes the report and a width in
columns (the terminal's when None), its ``to_html`` the report. The renderer is imported when the
report is first shown, so an engine never imports ``render``, and a report returned now and shown
later (``r = %grad x --lang zh``, then ``r``) keeps its language.
"""
from __future__ import annotations

import importlib
from typing import ClassVar

from .messages import get_language, use_language


class Report:
    """Base of every report: records the language at creation and gives ``_repr_mimebundle_``."""

    renderer: ClassVar[str]
    """The module under ``d2l_magics.render`` whose ``to_text``/``to_html`` draw this report."""
    keeps_language: ClassVar[bool] = True
    """False for what is shown in whatever language is current (an exercise's own card)."""

    def __new__(cls, *args, **kwargs):
        report = super().__new__(cls)
        if cls.keeps_language:
            object.__setattr__(report, "_language", get_language())  # frozen dataclasses too
        return report

    @property
    def language(self) -> str:
        """The language the report was made in."""
        return self.__dict__.get("_language") or get_language()

    def _render(self):
        return importlib.import_module(f"{__package__}.render.{self.renderer}")

    def to_text(self, width: int | None = None) -> str:
        """The text form in ``width`` columns (the terminal's when not given)."""
        with use_language(self.language):
            return self._render().to_text(self, width)

    def to_html(self) -> str:
        with use_language(self.language):
            return self._render().to_html(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.to_text(), "text/html": self.to_html()}

    def __str__(self) -> str:
        return self.to_text()
