"""The compare table as terminal IPython prints it: within the terminal's width, whole numbers and
tokens, the torch and NumPy sides stacked when the table does not fit."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from d2l_magics.render.common import display_width

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

