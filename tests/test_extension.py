"""Loading, reloading and unloading the extension; the shared cell machinery."""
from __future__ import annotations

import traceback

import pytest

from d2l_magics import messages
from d2l_magics.cell import parse_cell, run_cell

OUR_MAGICS = {"compare_np", "shape_trace", "grad", "exercise"}


def registered(ip, kind):
    return {name for name, func in ip.magics_manager.magics[kind].items()
            if type(getattr(func, "__self__", None)).__name__ == "D2LMagics"}


def test_reload_leaves_exactly_one_registration(ip):
    ip.run_line_magic("reload_ext", "d2l_magics")
    ip.run_line_magic("reload_ext", "d2l_magics")
    owners = {type(c).__name__ for c in ip.configurables}
    assert [type(c).__name__ for c in ip.configurables].count("D2LMagics") == 1, owners
    names = registered(ip, "line") | registered(ip, "cell")
    assert OUR_MAGICS <= names
    ours = [t for t in ip.input_transformers_post if type(getattr(t, "__self__", None)).__name__ == "D2LMagics"]
    assert len(ours) == 1


def test_unload_removes_the_magics(ip):
    ip.run_line_magic("unload_ext", "d2l_magics")
    try:
        assert not (registered(ip, "line") | registered(ip, "cell"))
        assert all(type(c).__name__ != "D2LMagics" for c in ip.configurables)
        assert all(type(getattr(t, "__self__", None)).__name__ != "D2LMagics" for t in ip.input_transformers_post)
    finally:
        ip.run_line_magic("load_ext", "d2l_magics")
    assert OUR_MAGICS <= registered(ip, "cell") | registered(ip, "line")


def test_run_cell_returns_the_last_expression_like_ipython():
    ns = {}
    assert run_cell("a = 2\na * 3", ns) == 6
    assert ns["a"] == 2
    assert run_cell("a * 3;", ns) is None
    assert run_cell("b = a", ns) is None and ns["b"] == 2


def test_a_semicolon_silences_the_last_value_as_in_ipython():
    ns = {"z": 5}
    assert run_cell("z;  # quiet", ns) is None
    assert run_cell("z  # done;", ns) == 5
    assert run_cell("z; # a\n# trailing comment\n", ns) is None


def test_statements_keep_their_exact_source():
    cell = parse_cell("x = [1,\n     2]\nfor i in x:\n    y = i\nx")
    assert [s.source for s in cell.statements] == ["x = [1,\n     2]", "for i in x:\n    y = i", "x"]
    assert [s.lineno for s in cell.statements] == [1, 3, 5]


def test_statement_text_survives_wide_characters_and_shared_lines():
    cell = parse_cell("s = '张量\u2028'; t = s\nu = (1,\r\n     2)")
    assert [s.source for s in cell.statements] == ["s = '张量\u2028'", "t = s", "u = (1,\r\n     2)"]


def test_syntax_error_points_at_the_learners_line():
    with pytest.raises(SyntaxError) as info:
        parse_cell("a = 1\nb = (2\n")
    assert info.value.lineno == 2


def test_traceback_shows_the_learners_own_line():
    ns = {}
    with pytest.raises(ZeroDivisionError) as info:
        run_cell("a = 1\nb = a / 0\n", ns)
    text = "".join(traceback.format_exception(info.value))
    assert "b = a / 0" in text and "line 2" in text


def test_language_from_environment(monkeypatch):
    monkeypatch.setenv(messages.ENV_VARIABLE, "zh_CN")
    assert messages.language_from_environment() == "zh"
    monkeypatch.setenv(messages.ENV_VARIABLE, "klingon")
    assert messages.language_from_environment() == "en"


def test_api_functions_stay_functions_after_the_engines_are_imported():
    import types

    import d2l_magics as dm
    import d2l_magics.comparison  # noqa: F401
    import d2l_magics.tracing  # noqa: F401
    import d2l_magics.translation.translator  # noqa: F401
    import d2l_magics.workbook  # noqa: F401

    for api in (dm.translate, dm.compare, dm.trace, dm.exercises, dm.check_exercise):
        assert isinstance(api, types.FunctionType), api
    assert dm.translate("y = x.sum(dim=0)").code == "y = x.sum(axis=0)"


def test_a_cell_runs_statement_by_statement_as_in_ipython():
    ns = {}
    with pytest.raises(SyntaxError) as info:
        run_cell("a = 1\nreturn a\nb = 2", ns)
    assert info.value.lineno == 2 and ns["a"] == 1 and "b" not in ns
    run_cell("g = 1\nglobal g\ng += 1", ns)
    assert ns["g"] == 2


def test_a_late_future_import_holds_for_the_statements_after_it():
    ns = {}
    run_cell("x = 1\nfrom __future__ import annotations\ndef f(t: Undefined): return t\nr = f(2)", ns)
    assert ns["r"] == 2 and ns["f"].__annotations__ == {"t": "Undefined"}


def test_an_exception_whose_str_raises_is_described_without_raising():
    from d2l_magics.cell import exception_text

    class Odd(Exception):
        def __str__(self):
            raise RuntimeError("no str")

    assert exception_text(Odd()) == "<exception str() failed>"
    assert exception_text(ValueError("bad")) == "bad"


def test_a_patch_the_learner_makes_while_ours_is_in_place_stays():
    import types

    from d2l_magics.cell import patched
    module = types.SimpleNamespace(f=len)
    with patched(module, "f", abs):
        assert module.f is abs
    assert module.f is len
    with patched(module, "f", abs):
        module.f = max  # the learner's own patch
    assert module.f is max
