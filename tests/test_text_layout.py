"""The compare table as terminal IPython prints it: within the terminal's width, whole numbers and
tokens, the torch and NumPy sides stacked when the table does not fit."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from d2l_magics.messages import say
from d2l_magics.render.common import display_width, fit_line
from d2l_magics.workbook import all_exercises

CELL = """\
%%compare_np
S = X.sum(dim=(1, 2))
K = X.sum(axis=0, keepdim=True)
m = torch.max(X, dim=1)
W = torch.arange(110.).reshape(10, 11) * 1000.5
a_name_so_long_that_it_cannot_fit_in_a_narrow_terminal_at_all_ever = X.mean()"""
SETUP = "import torch\nX = torch.arange(24.).reshape(2, 3, 4)"


def shown(run, monkeypatch, columns: int, lang: str = "en") -> str:
    monkeypatch.setenv("COLUMNS", str(columns))  # what a terminal of that width tells the shell
    run(SETUP)
    result = run(CELL.replace("%%compare_np", f"%%compare_np -o report --lang {lang}"))
    assert result.error is None
    [text] = result.texts()
    return text


def tokens(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_no_line_is_wider_than_the_terminal(run, monkeypatch, columns):
    text = shown(run, monkeypatch, columns)
    assert max(display_width(line) for line in text.splitlines()) <= columns


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_a_narrow_table_stacks_torch_over_numpy_and_keeps_every_number_whole(run, monkeypatch, ip, columns):
    text = shown(run, monkeypatch, columns)
    lines = text.splitlines()
    # the torch side, then the NumPy side, under one statement's heading
    start = lines.index("line 2")
    labels = [line.split()[:2] for line in lines[start:start + 12] if line.startswith("  ") and line[2] != " "]
    assert labels[:5] == [["torch", "code"], ["NumPy", "code"], ["torch", "value"], ["NumPy", "value"],
                          ["verdict", "match"]]
    assert "K = X.sum(axis=0, keepdims=True)" in text  # fits: written on one line
    # every number of every value's preview is there whole (a line breaks between numbers)
    for row in ip.user_ns["report"].rows:
        assert tokens(row.source_value.preview) <= tokens(text)
        assert tokens(row.target_value.preview) <= tokens(text)


def test_a_wide_terminal_gets_one_row_per_value(run, monkeypatch):
    text = shown(run, monkeypatch, 400)
    header = text.splitlines()[2]
    assert [cell.strip() for cell in header.split("|")] == [
        "line", "torch code", "NumPy code", "torch value", "NumPy value", "verdict"]
    assert "line 2" not in text.splitlines()


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_chinese_takes_two_columns_a_character_and_still_fits(run, monkeypatch, columns):
    text = shown(run, monkeypatch, columns, lang="zh")
    assert "结论" in text
    assert max(display_width(line) for line in text.splitlines()) <= columns
    assert any(display_width(line) > len(line) for line in text.splitlines())  # wide characters seen


def test_without_a_terminal_the_width_is_80():
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    probe = "from d2l_magics.render.common import terminal_width; print(terminal_width())"
    shown = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, check=True)
    assert shown.stdout.strip() == "80"



# -- every other report: prose wrapped at word boundaries, tables wrapped or stacked ------------

TRACE_CELL = """\
%%shape_trace -o report
K = X.sum(axis=0, keepdims=True)
Y = X / K
M = X[0] @ torch.ones(4, 5)
R = X.reshape(4, 6).T"""
LAYERS_CELL = """\
%%shape_trace -o report
model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 4 * 4, 5))
y = model(torch.ones(7, 1, 6, 6))"""
FAILING_LAYER_CELL = """\
%%shape_trace -o report
model = nn.Sequential(nn.Linear(30, 20), nn.ReLU(), nn.Linear(30, 5))
y = model(torch.ones(64, 30))"""
GRAD_CELLS = ["%%grad -o report\ny = x * x\ny.backward()",
              "%%grad -o report\ny = (x * x).sum()\ny.backward()\ny.backward()"]
EXERCISE_CELLS = ["%%exercise keepdims-normalize -o report\nrow_sums = A.sum(dim=1)\nP = A / row_sums",
                  "%%exercise broadcast-center -o report\nC = X - X.mean(dim=1)"]
UNFITTED = 10**6  # columns: a report drawn this wide is its text before any fitting


def _is_wide(ch: str) -> bool:
    return display_width(ch) == 2


def words(text: str) -> list[str]:
    """The words of ``text``: runs without spaces, each Chinese character a word of its own (Chinese
    may break between any two), a code token or number in Chinese text one word."""
    pieces = []
    for token in text.split():
        pieces += re.findall(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", token)
    return [piece for piece in pieces if piece != "|"]  # a table's or a code line's gutter


def assert_fits(fitted: str, unfitted: str, columns: int):
    """No line wider than the terminal; every word of the unfitted text still there, whole and in
    order. At 60 columns every report here is too wide unfitted, so the fitting is what is tested."""
    assert max(display_width(line) for line in fitted.splitlines()) <= columns, fitted
    assert columns > 60 or max(display_width(line) for line in unfitted.splitlines()) > columns
    assert words(fitted) == words(unfitted)


def shown_at(run, monkeypatch, columns: int, lines: list[str]) -> list[str]:
    """What each of ``lines`` shows in a terminal ``columns`` wide; then the exercises' progress
    as it was, so the same lines show the same again."""
    monkeypatch.setenv("COLUMNS", str(columns))
    texts = [run(line).texts()[0] for line in lines]
    run("%exercise --reset")
    return texts


def _languages(lang: str) -> str:
    return f" --lang {lang}" if lang == "zh" else ""


@pytest.fixture
def tensors(run):
    run("import torch\nfrom torch import nn\nX = torch.arange(24.).reshape(2, 3, 4)\n"
        "x = torch.arange(4.0, requires_grad=True)")


def _first_line(cell: str, options: str) -> str:
    head, _, body = cell.partition("\n")
    return f"{head}{options}\n{body}"


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("cell", [TRACE_CELL, FAILING_LAYER_CELL, *GRAD_CELLS, *EXERCISE_CELLS],
                         ids=["trace", "failing layer", "non-scalar backward", "second backward",
                              "exercise keepdims", "exercise broadcast"])
def test_explanations_and_advice_wrap_at_words(run, ip, monkeypatch, tensors, columns, lang, cell):
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(_first_line(cell, _languages(lang)))
    [fitted] = [text for text in result.texts() if text]
    assert_fits(fitted, ip.user_ns["report"].to_text(UNFITTED), columns)
    if lang == "zh":
        assert any(display_width(line) > len(line) for line in fitted.splitlines())


@pytest.mark.parametrize("columns", [60, 80])
def test_the_session_language_wraps_too(run, ip, monkeypatch, tensors, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    run("%config D2LMagics.language = 'zh'")
    [fitted] = run(GRAD_CELLS[0]).texts()
    assert "出了什么问题" in fitted
    assert_fits(fitted, ip.user_ns["report"].to_text(UNFITTED), columns)


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_exercise_texts_and_hints_wrap_at_words(run, monkeypatch, columns, lang):
    lines = [line + _languages(lang) for line in ["%exercise keepdims-normalize", "%exercise --hint dot-outer",
                                                  "%exercise --hint dot-outer", "%exercise --solution dot-outer"]]
    run("%exercise --reset")   # from the first hint, whatever hints earlier tests asked for
    for unfitted, fitted in zip(shown_at(run, monkeypatch, UNFITTED, lines), shown_at(run, monkeypatch, columns, lines)):
        assert_fits(fitted, unfitted, columns)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_switching_explain_mode_says_so_within_the_terminal(run, monkeypatch, lang):
    run(f"%config D2LMagics.language = {lang!r}")
    said = []
    for columns in (UNFITTED, 60):
        monkeypatch.setenv("COLUMNS", str(columns))
        said.append(run("%shape_explain on").stdout)
        run("%shape_explain off")
    assert ("解释" in said[0]) == (lang == "zh")
    assert_fits(said[1], said[0], 60)


def test_code_lines_go_on_under_their_gutter(run, monkeypatch, tensors):
    monkeypatch.setenv("COLUMNS", "60")
    [text] = [t for t in run(LAYERS_CELL).texts() if t]
    assert text.splitlines()[1:3] == ["1 | model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(),",
                                      "  |     nn.Flatten(), nn.Linear(2 * 4 * 4, 5))"]


def test_a_shape_never_breaks(run, monkeypatch, tensors):
    monkeypatch.setenv("COLUMNS", "60")
    [text] = run(TRACE_CELL).texts()
    for shape in ["(2, 3, 4)", "(1, 3, 4)", "(3, 4)", "(4, 5)", "(4, 6)", "(6, 4)"]:
        assert shape in text
    assert not re.search(r"\(\d+,$", text, re.MULTILINE)  # no line ends inside a shape


def _table_rows(text: str) -> list[list[str]]:
    """A text table's rows read back, each cell's wrapped lines joined: a row starts where its
    second column (a name, which never wraps) is written."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line and set(line) <= set("-+"))
    rows: list[list[str]] = []
    for line in lines[start + 1:]:
        cells = [cell.strip() for cell in line.split("|")]
        if cells[1]:
            rows.append(cells)
        else:
            rows[-1] = [f"{whole} {piece}".strip() for whole, piece in zip(rows[-1], cells)]
    return rows


def _stacked_rows(text: str, labels: list[str]) -> list[list[str]]:
    """A stacked table's blocks read back: a block's first line, then each labelled field."""
    rows = []
    for block in text.split("\n\n"):
        first, *fields = block.splitlines()
        rows.append([first.strip()])
        for line in fields:
            label = next((label for label in labels if line.strip().startswith(label + "  ")), None)
            if label is None:  # a field's continuation line
                rows[-1][-1] += " " + line.strip()
            else:
                rows[-1].append(line.strip()[len(label):].strip())
    return rows


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [60, 80])
def test_the_progress_table_wraps_its_titles(run, monkeypatch, columns, lang):
    run("%%exercise norms\nl1 = 0")
    [unfitted] = shown_at(run, monkeypatch, UNFITTED, ["%exercise --progress" + _languages(lang)])
    run("%%exercise norms\nl1 = 0")
    [fitted] = shown_at(run, monkeypatch, columns, ["%exercise --progress" + _languages(lang)])
    assert max(display_width(line) for line in fitted.splitlines()) <= columns
    # one row per exercise still, each cell's words whole and in order
    rows, wide_rows = _table_rows(fitted), _table_rows(unfitted)
    assert len(rows) == len(wide_rows) == len(all_exercises())
    assert any(row[-1] in ("attempted", "尝试过") for row in rows)
    assert [[words(cell) for cell in row] for row in rows] == [[words(cell) for cell in row] for row in wide_rows]
    if max(display_width(line) for line in unfitted.splitlines()) > columns:
        assert len(fitted.splitlines()) > len(unfitted.splitlines())  # some title did wrap
    else:
        assert fitted == unfitted
    assert columns > 60 or fitted != unfitted


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_layer_table_stacks_in_a_narrow_terminal(run, ip, monkeypatch, tensors, lang):
    monkeypatch.setenv("COLUMNS", "60")
    [fitted] = [t for t in run(_first_line(LAYERS_CELL, _languages(lang))).texts() if t]
    unfitted = ip.user_ns["report"].to_text(UNFITTED)
    heading = say("trace.layers_heading", lang=lang)
    table, stacked = (text.split(f"\n{heading}\n", 1)[1] for text in (unfitted, fitted))
    labels = say("trace.layers_columns", lang=lang).split("|")
    assert max(display_width(line) for line in fitted.splitlines()) <= 60 < max(map(display_width, table.splitlines()))
    # a block per layer, indented as deep as the layer, every cell under its column's label
    assert _stacked_rows(stacked, labels[1:]) == _table_rows(table)
    assert [line for line in stacked.splitlines() if line.strip() == "0"] == ["  0"]


def test_the_layer_table_stays_a_table_where_it_fits(run, ip, monkeypatch, tensors):
    monkeypatch.setenv("COLUMNS", "80")
    [text] = [t for t in run(LAYERS_CELL).texts() if t]
    assert "layer      | class      | input        | output       | parameters" in text


# -- where fit_line breaks ------------------------------------------------------------------------

def test_a_line_never_breaks_inside_a_shape():
    assert fit_line("the result has shape (2, 3, 4) now", 24, indent=2) == ["the result has shape", "  (2, 3, 4) now"]


def test_a_space_inside_a_code_span_is_the_last_resort():
    assert fit_line("write `x.sum(axis=0, keepdims=True)` here", 35) == [
        "write", "`x.sum(axis=0, keepdims=True)` here"]
    assert fit_line("`x.sum(axis=0, keepdims=True)`", 20) == ["`x.sum(axis=0,", "keepdims=True)`"]


def test_chinese_breaks_between_characters_but_not_inside_a_token_or_before_punctuation():
    line = "沿 axis 0 求和，keepdims=True：这些轴保留为长度 1"
    for width in range(display_width("keepdims=True："), display_width(line)):  # its widest unbreakable piece
        pieces = fit_line(line, width)
        assert all(display_width(piece) <= width for piece in pieces)
        assert "".join(pieces).replace(" ", "") == line.replace(" ", "")
        assert not any(piece.startswith(("，", "：")) for piece in pieces)
        assert any("keepdims=True" in piece for piece in pieces)


def test_a_token_wider_than_the_room_is_cut_so_no_line_overflows():
    assert fit_line("see " + "x" * 30, 12, indent=2) == ["see", "  xxxxxxxxxx", "  xxxxxxxxxx", "  xxxxxxxxxx"]
