"""Exercises as text and HTML: the prompt card, the ✓/✗ feedback, hints, solutions, the list.

Messages write code in backticks; in HTML those become ``<code>`` after escaping, so a learner's
text can never become markup. The text forms fit the terminal: prose wraps with a hanging indent
(``_fitted``), tables wrap their cells or stack (``fit_table``); a solution's code stays whole, as
it is code to copy and a line broken in two would not run.
"""
from __future__ import annotations

from ..messages import say
from ..workbook import ExerciseTable, Loaded
from ..workbook.core import Exercise, Feedback, Hint, Solution
from ..workbook.grading import GradeReport
from .common import by_report_type, escape, fit_table, fit_text, labelled, prose_html, terminal_width

MARK = {True: "✓", False: "✗"}


to_text = by_report_type("text")
to_html = by_report_type("HTML")


# A coloured left edge says ✓ (green), ✗ (red) or information (blue) at a glance.
_EDGE = {"d2l-exercise-ok": "#2e7d32", "d2l-exercise-fail": "#c62828"}


def _box(css: str, heading: str, body: str) -> str:
    style = f"border-left:4px solid {_EDGE.get(css, '#1565c0')};padding:2px 10px;margin:4px 0"
    return (f'<div class="d2l-exercise {css}" style="{style}">'
            f'<div class="d2l-exercise-head"><b>{heading}</b></div>{body}</div>')


def _heading(name: str, title: str) -> str:
    return labelled(f"{say('exercise.label.exercise')} {name}", title)


def _fitted(lines: list[str], width: int | None) -> str:
    """``lines`` in ``width`` columns (the terminal's when None), continuations two spaces in."""
    return fit_text("\n".join(lines), width or terminal_width(), indent=2)


# -- the exercise itself -------------------------------------------------------------------

@to_text.register(Exercise)
def exercise_text(exercise, width: int | None = None) -> str:
    return _fitted([_heading(exercise.name, exercise.title), exercise.prompt,
                    say("exercise.label.answer_in", names=", ".join(exercise.answers)),
                    say("exercise.label.how_to", name=exercise.name)], width)


@to_html.register(Exercise)
def exercise_html(exercise) -> str:
    body = "".join(f"<p>{prose_html(text)}</p>" for text in (
        exercise.prompt, say("exercise.label.answer_in", names=", ".join(f"`{a}`" for a in exercise.answers)),
        say("exercise.label.how_to", name=exercise.name)))
    return _box("d2l-exercise-prompt", escape(_heading(exercise.name, exercise.title)), body)


# -- feedback ------------------------------------------------------------------------------

def _verdict(feedback) -> str:
    return say("exercise.label.right" if feedback.ok else "exercise.label.wrong")


@to_text.register(Feedback)
def feedback_text(feedback, width: int | None = None) -> str:
    lines = [f"{MARK[feedback.ok]} " + labelled(_verdict(feedback), f"{feedback.exercise} ({feedback.title})"),
             feedback.message]
    if feedback.hint:
        lines.append(labelled(say("exercise.label.hint"), feedback.hint))
    if feedback.trace is not None:
        lines += ["", labelled(say("exercise.label.trace"), ""), feedback.trace.to_text(width)]
    return _fitted(lines, width)


@to_html.register(Feedback)
def feedback_html(feedback) -> str:
    css = "d2l-exercise-ok" if feedback.ok else "d2l-exercise-fail"
    heading = (f'<span class="d2l-exercise-mark">{MARK[feedback.ok]}</span> '
               + labelled(escape(_verdict(feedback)), f"{escape(feedback.exercise)} ({escape(feedback.title)})"))
    body = f'<p class="d2l-exercise-message">{prose_html(feedback.message)}</p>'
    if feedback.hint:
        hint = labelled(f'<b>{escape(say("exercise.label.hint"))}</b>', prose_html(feedback.hint))
        body += f'<p class="d2l-exercise-hint">{hint}</p>'
    if feedback.trace is not None:
        body += (f'<details class="d2l-exercise-trace" open><summary>{escape(say("exercise.label.trace"))}</summary>'
                 f'{feedback.trace.to_html()}</details>')
    return _box(css, heading, body)


# -- hints and solutions -------------------------------------------------------------------

@to_text.register(Hint)
def hint_text(hint, width: int | None = None) -> str:
    lines = [labelled(f"{say('exercise.label.hint_n', index=hint.index, total=hint.total)} ({hint.exercise})",
                       hint.text)]
    if hint.index == hint.total:
        lines.append(say("exercise.label.last_hint", name=hint.exercise))
    return _fitted(lines, width)


@to_html.register(Hint)
def hint_html(hint) -> str:
    body = f"<p>{prose_html(hint.text)}</p>"
    if hint.index == hint.total:
        body += f"<p><i>{prose_html(say('exercise.label.last_hint', name=hint.exercise))}</i></p>"
    heading = f"{escape(say('exercise.label.hint_n', index=hint.index, total=hint.total))} ({escape(hint.exercise)})"
    return _box("d2l-exercise-hint", heading, body)


@to_text.register(Solution)
def solution_text(solution, width: int | None = None) -> str:
    exercise = solution.exercise
    heading = labelled(f"{say('exercise.label.solution')} ({exercise.name})", "")
    why = labelled(say("exercise.label.why"), exercise.explanation)
    return "\n\n".join([_fitted([heading], width), exercise.solution, _fitted([why], width)])


@to_html.register(Solution)
def solution_html(solution) -> str:
    exercise = solution.exercise
    why = labelled(f"<b>{escape(say('exercise.label.why'))}</b>", prose_html(exercise.explanation))
    body = f"<pre><code>{escape(exercise.solution)}</code></pre><p>{why}</p>"
    return _box("d2l-exercise-solution", f"{escape(say('exercise.label.solution'))} ({escape(exercise.name)})", body)


# -- the list of exercises, and the progress ---------------------------------------------

def _headers(table) -> list[str]:
    last = "status" if table.progress else "passed"
    return [say(f"exercise.label.{key}") for key in ("section", "name", "title", last)]


def _mark(table, status: str) -> str:
    if table.progress:
        return say(f"exercise.status.{status}")
    return MARK[True] if status == "passed" else ""


def _summary(table) -> str:
    if table.progress:
        return say("exercise.label.progress_counts", total=len(table.rows),
                   **{status: table.count(status) for status in ("passed", "attempted", "untouched")})
    return say("exercise.label.progress", passed=table.passed, total=len(table.rows))


def _section(number: int) -> str:
    return str(number) if number else ""  # a teacher's exercise belongs to no section of the notes


@to_text.register(ExerciseTable)
def table_text(table, width: int | None = None) -> str:
    width = width or terminal_width()
    rows = [[_section(section), name, title, _mark(table, status)] for section, name, title, status in table.rows]
    return _fitted([_summary(table)], width) + "\n\n" + fit_table(_headers(table), rows, width)


@to_html.register(ExerciseTable)
def table_html(table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in _headers(table))
    body = "".join(
        f'<tr class="d2l-exercise-{status}"><td>{_section(section)}</td><td><code>{escape(name)}</code></td>'
        f"<td>{escape(title)}</td><td>{escape(_mark(table, status))}</td></tr>"
        for section, name, title, status in table.rows)
    return _box("d2l-exercise-list", escape(_summary(table)),
                f'<style>{TABLE_CSS}</style><table class="d2l-exercise-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")


# Three classes and a type outrank JupyterLab's right-aligned rendered-HTML cells.
TABLE_CSS = (".d2l-exercise.d2l-exercise-list table.d2l-exercise-table td,"
             ".d2l-exercise.d2l-exercise-list table.d2l-exercise-table th{text-align:left;padding:1px 8px}")


def _loaded_sentence(loaded) -> str:
    return say("exercise.authored.loaded", count=len(loaded.names), source=loaded.source, names=", ".join(loaded.names))


@to_text.register(Loaded)
def loaded_text(loaded, width: int | None = None) -> str:
    return _fitted([_loaded_sentence(loaded)], width)


@to_html.register(Loaded)
def loaded_html(loaded) -> str:
    return _box("d2l-exercise-loaded", escape(_loaded_sentence(loaded)), "")


@to_text.register(GradeReport)
def grades_text(report, width: int | None = None) -> str:
    headers, rows = report.summary_rows()
    return fit_table(headers, rows, width or terminal_width())


@to_html.register(GradeReport)
def grades_html(report) -> str:
    headers, rows = report.summary_rows()
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="d2l-grades"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
