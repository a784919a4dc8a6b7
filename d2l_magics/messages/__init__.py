"""One catalogue of every sentence the magics say to a learner, keyed by id, in each language.

Engines and renderers never write learner-facing prose themselves: they call :func:`say` with an
id and fields. The catalogue is assembled from one data module per area so that each area's
sentences sit together; an id may be defined only once.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib
import os
from dataclasses import dataclass

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
ENV_VARIABLE = "D2L_MAGICS_LANG"


def _assemble(*areas) -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {}
    for area in areas:
        for msg_id, texts in area.MESSAGES.items():
            if msg_id in catalogue:
                raise ValueError(f"message id {msg_id!r} is defined twice")
            catalogue[msg_id] = texts
    return catalogue


AREAS = ("common", "translate", "compare", "trace", "grad", "exercises", "exercise_texts")


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every area's sentences, read on the first one said: ``%load_ext`` pays nothing for them."""
    return _assemble(*(importlib.import_module(f".{area}", __name__) for area in AREAS))


def __getattr__(name: str):
    if name == "CATALOGUE":  # ``from d2l_magics.messages import CATALOGUE`` still works, lazily
        return catalogue()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("d2l_magics_language", default=None)


def normalize_language(lang: str | None) -> str:
    """'zh_CN', 'ZH', 'zh-Hans' → 'zh'; unknown languages raise ValueError."""
    if not lang:
        return DEFAULT_LANGUAGE
    short = lang.strip().lower().replace("-", "_").split("_")[0]
    if short not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return short


def language_from_environment() -> str:
    """The language named by ``D2L_MAGICS_LANG``, or English when it is unset or unknown."""
    try:
        return normalize_language(os.environ.get(ENV_VARIABLE))
    except ValueError:
        return DEFAULT_LANGUAGE


_session = {"language": language_from_environment()}


def get_language() -> str:
    return _current.get() or _session["language"]


def set_language(lang: str | None) -> None:
    """Set the session's language (what ``%config D2LMagics.language`` changes)."""
    _session["language"] = normalize_language(lang)


@contextlib.contextmanager
def use_language(lang: str | None):
    """Speak ``lang`` inside the block only (a magic's ``--lang`` option)."""
    token = _current.set(normalize_language(lang) if lang else None)
    try:
        yield
    finally:
        _current.reset(token)


def say(msg_id: str, /, lang: str | None = None, **fields) -> str:
    """The sentence ``msg_id`` in the current language, with ``fields`` filled in."""
    texts = catalogue()[msg_id]
    template = texts.get(lang or get_language()) or texts[DEFAULT_LANGUAGE]
    return template.format(**fields) if fields else template


@dataclass(frozen=True)
class Note:
    """A sentence said to the learner: its catalogue id (stable, for tests) and its text."""

    id: str
    text: str

    @classmethod
    def of(cls, msg_id: str, /, **fields) -> Note:
        return cls(msg_id, say(msg_id, **fields))

    def __str__(self) -> str:
        return self.text
