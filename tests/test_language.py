"""Every sentence in English and Chinese: the catalogue is complete, the setting reaches every magic,
and no engine or renderer writes a learner-facing sentence of its own."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import d2l_magics as dm
from d2l_magics import messages
from d2l_magics.messages import CATALOGUE
from d2l_magics.render.common import display_width, text_table

PACKAGE = Path(dm.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("msg_id", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_fields(msg_id):
    texts = CATALOGUE[msg_id]
    assert texts.get("en", "").strip() and texts.get("zh", "").strip(), msg_id
    assert fields(texts["en"]) == fields(texts["zh"]), msg_id


def test_chinese_messages_are_chinese():
    untranslated = [k for k, v in CATALOGUE.items() if v["zh"] == v["en"] and re.search(r"[a-z]{3} [a-z]{3}", v["en"])]
    assert not untranslated


def test_terminal_table_with_chinese_stays_aligned():
    table = text_table(["代码", "verdict"], [["x.sum(dim=0)", "一致"], ["张量求和", "mismatch"]])
    lines = table.splitlines()
    bars = {tuple(i for i, _ in enumerate_columns(line) if _ == "|") for line in lines if "|" in line}
    assert len(bars) == 1, table  # every row's column separator sits at the same display column
    assert display_width("张量") == 4


def enumerate_columns(line: str):
    """(display column, character) pairs, wide characters taking two columns."""
    column = 0
    for ch in line:
        yield column, ch
        column += display_width(ch)


# -- the setting reaches the magics --------------------------------------------------------------

CELL = "X = torch.arange(6.0).reshape(2, 3)\nS = X.sum(dim=1, keepdim=True)\ns = X.std()"


def note_texts(report):
    return [note.text for note in report.notes]


def test_same_compare_report_in_both_languages_apart_from_the_sentences():
    import numpy as np
    import torch

    reports = {}
    for lang in messages.LANGUAGES:
        with messages.use_language(lang):
            reports[lang] = dm.compare(CELL, {"torch": torch, "np": np})
    en, zh = reports["en"], reports["zh"]
    assert [r.status for r in en.rows] == [r.status for r in zh.rows]
    assert [n.id for n in en.notes] == [n.id for n in zh.notes]
    assert all(CJK.search(text) for text in note_texts(zh))
    assert not any(CJK.search(text) for text in note_texts(en))


def test_same_trace_in_both_languages_apart_from_the_sentences():
    import torch

    traces = {}
    for lang in messages.LANGUAGES:
        with messages.use_language(lang):
            traces[lang] = dm.trace("X = torch.ones(2, 3, 5)\nS = X.sum(axis=0, keepdims=True)", {"torch": torch})
    key = [(e.kind, e.in_shapes, e.out_shape, e.count) for e in traces["en"].events]
    assert key == [(e.kind, e.in_shapes, e.out_shape, e.count) for e in traces["zh"].events]
    assert all(CJK.search(e.note) for e in traces["zh"].events if e.note)


def test_same_exercise_feedback_in_both_languages():
    verdicts = {}
    for lang in messages.LANGUAGES:
        with messages.use_language(lang):
            verdicts[lang] = dm.check_exercise("keepdims-normalize", "row_sums = A.sum(dim=1)\nP = A / row_sums", {})
    assert (verdicts["en"].ok, verdicts["en"].message_id) == (verdicts["zh"].ok, verdicts["zh"].message_id)
    assert CJK.search(verdicts["zh"].message) and not CJK.search(verdicts["en"].message)


def test_config_setting_speaks_chinese_until_changed_back(ip, run):
    run("import torch")
    run("%config D2LMagics.language = 'zh'")
    zh = run("%%compare_np\nS = torch.ones(2, 3).sum(dim=0)")
    assert CJK.search("".join(zh.texts()))
    run("%config D2LMagics.language = 'en'")
    en = run("%%compare_np\nS = torch.ones(2, 3).sum(dim=0)")
    assert not CJK.search("".join(en.texts()))


@pytest.mark.parametrize("cell", [
    "%%compare_np --lang zh\nS = torch.ones(2, 3).sum(dim=0)",
    "%%shape_trace --lang zh\nS = torch.ones(2, 3).sum(dim=0)",
    "%%grad --lang zh\nx = torch.ones(3, requires_grad=True)\n(x * x).sum().backward()",
    "%%exercise --lang zh sum-two-axes\nS = X.sum(axis=(1, 2))",
])
def test_lang_option_speaks_chinese_for_one_call(ip, run, cell):
    run("import torch")
    shown = run(cell)
    assert shown.error is None
    assert CJK.search("".join(shown.texts()))
    assert messages.get_language() == "en"


def test_unknown_language_is_a_one_line_usage_error(ip, run):
    shown = run("%%compare_np --lang fr\nS = torch.ones(2)")
    assert type(shown.error).__name__ == "UsageError"
    assert "fr" in str(shown.error) and "\n" not in str(shown.error)


def test_environment_variable_is_read_when_the_extension_loads(ip, monkeypatch):
    monkeypatch.setenv(messages.ENV_VARIABLE, "zh")
    ip.run_line_magic("reload_ext", "d2l_magics")
    try:
        assert messages.get_language() == "zh"
    finally:
        monkeypatch.delenv(messages.ENV_VARIABLE)
        ip.run_line_magic("reload_ext", "d2l_magics")
    assert messages.get_language() == "en"


# -- no learner-facing sentence outside the catalogue --------------------------------------------

PROSE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")
MARKUP = re.compile(r"[<>#;{}]|=\"")
MATCHERS = {"search", "match", "findall", "fullmatch", "compile", "sub", "split"}


def allowed_strings(tree: ast.Module) -> set[int]:
    """ids of string constants that are not said to a learner: docstrings, option help (the
    reference text, English like IPython's own), programmer errors, code, and fragments of
    library error messages being recognised."""
    allowed: set[int] = set()

    def allow(node):
        allowed.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    allow(statement)  # docstrings and attribute docstrings
        if isinstance(node, ast.keyword) and node.arg == "help":
            allow(node)
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if getattr(raised, "id", getattr(raised, "attr", "")) != "UsageError":
                allow(node)
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            allow(node)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in MATCHERS:
            allow(node)
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Constant) \
                and node.elts[1].value in CATALOGUE:
            allow(node.elts[0])  # (a library's message fragment, the catalogue id that explains it)
    return allowed


def is_code(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def prose_outside_catalogue(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = allowed_strings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed:
            text = node.value
            if PROSE.search(text) and not MARKUP.search(text) and not is_code(text):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {text[:70]!r}")
    return found


def test_no_engine_or_renderer_writes_a_sentence_outside_the_catalogue():
    sources = [p for p in sorted(PACKAGE.rglob("*.py")) if "messages" not in p.relative_to(PACKAGE).parts]
    found = [line for path in sources for line in prose_outside_catalogue(path)]
    assert not found, "learner-facing text outside the message catalogue:\n" + "\n".join(found)


def test_the_scan_catches_a_sentence_written_in_code(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('def f(x):\n    return f"{x} has the wrong shape for this"\n')
    assert prose_outside_catalogue(sample, root=tmp_path)


def test_a_translation_seen_before_still_speaks_the_current_language():
    source = "S = X.sum(dim=0, keepdim=True)"
    with messages.use_language("en"):
        english = dm.translate(source)
    with messages.use_language("zh"):
        chinese = dm.translate(source)
    assert [n.id for n in english.notes] == [n.id for n in chinese.notes]
    assert all(CJK.search(n.text) for n in chinese.notes) and not any(CJK.search(n.text) for n in english.notes)


def test_a_configured_language_survives_loading_the_extension(ip, monkeypatch):
    monkeypatch.delenv(messages.ENV_VARIABLE, raising=False)
    ip.run_line_magic("config", "D2LMagics.language = 'zh'")
    ip.run_line_magic("reload_ext", "d2l_magics")
    try:
        assert messages.get_language() == "zh"
    finally:
        ip.run_line_magic("config", "D2LMagics.language = 'en'")
