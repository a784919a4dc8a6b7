"""The magics as a learner sees them: JupyterLab in Chromium, after Run All on one notebook."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_plain_widget_renders_in_the_output_area(lab):
    output = lab.result("smoke")
    assert lab.widget_visible(output, ".d2l-smoke")


def test_the_widget_check_fails_when_the_model_never_reaches_the_page(lab):
    output = lab.result("bogus_widget")
    assert output.count() == 1, "the bogus widget view was not displayed at all"
    # the widget renderer took it (not a text fallback) and has given up on its model
    expect(output).to_contain_text("model not found")
    assert not lab.widget_visible(output, timeout=2_000)
    # the very same check passes on a real widget, so it is the missing model that it sees
    assert lab.widget_visible(lab.result("smoke"))


def test_the_harness_knows_every_process_it_started(lab, ledger):
    """The final check (no process of ours survives) only means something if all are known."""
    commands = ledger.running_commands()
    started = {
        "JupyterLab server": "jupyter-lab",
        "kernel": "ipykernel_launcher",
        "Chromium": "/usr/lib/chromium/chromium",
        "playwright driver": "playwright",
    }
    for what, needle in started.items():
        assert any(needle in command for command in commands), f"the {what} is not tracked"


# -- %%grad: the widget panel ------------------------------------------------------------------

def grad_panel(lab):
    output = lab.result("grad")
    assert lab.widget_visible(output, ".d2l-grad-panel"), "the grad panel is not visible"
    return output.locator(".d2l-grad-panel")


def select_tab(panel, name):
    panel.get_by_role("tab", name=name, exact=True).click()


def shown_grad(panel):
    """The grad picture of the tab on show (the other tabs' pictures are hidden)."""
    return panel.locator(".d2l-grad-grad:visible")


def test_the_grad_panel_has_one_tab_per_leaf(lab):
    tabs = grad_panel(lab).get_by_role("tab")
    assert [text.strip() for text in tabs.all_inner_texts()] == ["A", "b"]


@pytest.mark.parametrize("leaf", ["A", "b"])  # a heatmap (a slice of a 3-D tensor) and bars
def test_the_grad_picture_is_drawn(lab, leaf):
    panel = grad_panel(lab)
    select_tab(panel, leaf)
    svg = shown_grad(panel).locator("svg").first
    svg.wait_for(state="visible")
    box = svg.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    assert svg.locator("rect, path").count() > 0, "the picture has no shapes in it"


def test_switching_tabs_changes_the_grad_shown(lab):
    panel = grad_panel(lab)
    select_tab(panel, "A")
    before = shown_grad(panel).inner_html()
    select_tab(panel, "b")
    assert shown_grad(panel).inner_html() != before
    select_tab(panel, "A")
    assert shown_grad(panel).inner_html() == before


def test_the_slice_selector_changes_the_picture(lab):
    panel = grad_panel(lab)
    select_tab(panel, "A")
    grad = shown_grad(panel)
    before = grad.inner_html()
    slider = panel.locator(".d2l-grad-slice:visible")
    slider.locator(".noUi-handle").focus()
    lab.page.keyboard.press("ArrowRight")  # slice 0 -> 1
    assert slider.locator(".widget-readout").inner_text().strip() == "1"
    assert lab.html_changes(grad, before), "moving the slice slider did not redraw the grad"


def _shown_numbers(grad) -> list[list[str]]:
    table = grad.locator(".d2l-grad-numbers")
    return [row.split() for row in table.inner_text().strip().splitlines()]


def _numbers_shown(grad, rows: list[list[str]]) -> list[list[str]]:
    """The numbers once they are ``rows``, or as they are when waiting runs out: the slider's
    readout moves at once, the numbers only after a round trip to the kernel."""
    pattern = r"^\s*" + r"\s+".join(number for row in rows for number in row) + r"\s*$"
    try:
        expect(grad.locator(".d2l-grad-numbers")).to_have_text(re.compile(pattern), use_inner_text=True)
    except AssertionError:
        pass   # the comparison below says what is shown instead
    return _shown_numbers(grad)


def _first_slice(lab, panel):
    """Slice 0 on show, whatever an earlier test left the shared page's slider at."""
    handle = panel.locator(".d2l-grad-slice:visible .noUi-handle")
    handle.focus()
    lab.page.keyboard.press("Home")
    expect(panel.locator(".d2l-grad-slice:visible .widget-readout")).to_have_text("0")


def test_a_small_tensor_shows_its_grad_as_numbers_that_follow_the_slice(lab):
    panel = grad_panel(lab)
    select_tab(panel, "A")
    _first_slice(lab, panel)
    grad = shown_grad(panel)
    # d(sum(A * A * b))/dA = 2 * A * b, slice 0 of A = arange(12).reshape(3, 4), b = [1, 2, 3, 4]
    expected = [["0", "4", "12", "24"], ["8", "20", "36", "56"], ["16", "36", "60", "88"]]
    assert _numbers_shown(grad, expected) == expected
    before = grad.inner_html()
    slider = panel.locator(".d2l-grad-slice:visible")
    slider.locator(".noUi-handle").focus()
    lab.page.keyboard.press("ArrowRight")  # slice 0 -> 1: A[1] = 12 ... 23
    assert lab.html_changes(grad, before)
    assert _shown_numbers(grad)[0] == ["24", "52", "84", "120"]


def test_every_slice_is_drawn_on_one_colour_scale(lab):
    panel = grad_panel(lab)
    select_tab(panel, "A")
    _first_slice(lab, panel)
    grad = shown_grad(panel)
    slider = panel.locator(".d2l-grad-slice:visible")
    handle = slider.locator(".noUi-handle")
    scales = []
    for _ in range(2):
        scales.append(grad.locator("svg").first.locator("text").first.text_content())  # the colour bar's top
        assert "±184" in grad.inner_text()  # the largest |grad| over both slices is 2 * 23 * 4
        before = grad.inner_html()
        handle.focus()
        lab.page.keyboard.press("End" if _ == 0 else "Home")
        assert lab.html_changes(grad, before)
    assert scales == ["184", "184"]


# -- %%compare_np: the side-by-side table ------------------------------------------------------

def test_the_compare_table_is_visible_with_a_match_badge(lab):
    table = lab.result("compare").locator("div.d2l-compare")
    expect(table).to_be_visible()
    row = table.locator("tr", has_text="S = X.sum(dim=1)")
    badge = row.locator(".d2l-badge-match")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("match")
    expect(row).to_contain_text("S = X.sum(axis=1)")


def test_the_compare_notes_name_axis_for_a_dim_cell(lab):
    notes = lab.result("compare").locator("div.d2l-compare .d2l-notes li")
    note = notes.filter(has_text="axis")
    expect(note).to_have_count(1)
    expect(note).to_be_visible()
    expect(note).to_contain_text("dim")


def test_the_compare_table_keeps_code_and_values_whole_and_left_aligned(lab):
    table = lab.result("compare_verdicts").locator("div.d2l-compare")
    expect(table).to_be_visible()
    # each line of code or of a value is one line on screen: nothing wraps inside it
    wrapped = table.evaluate("""root => [...root.querySelectorAll('td pre')].filter(pre => {
        const range = document.createRange();
        range.selectNodeContents(pre);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        return tops.size > pre.textContent.split('\\n').length;
    }).map(pre => pre.textContent)""")
    assert wrapped == []
    aligned = table.evaluate(
        "root => [...new Set([...root.querySelectorAll('td, th')].map(c => getComputedStyle(c).textAlign))]")
    assert aligned == ["left"]


def test_the_layer_and_progress_tables_read_from_the_left(lab):
    # JupyterLab right-aligns rendered table cells; names, classes and titles must not follow
    for name, selector in (("layers", "table.d2l-trace-layers"), ("progress", "table.d2l-exercise-table")):
        table = lab.result(name).locator(selector)
        expect(table).to_be_visible()
        aligned = table.evaluate(
            "t => [...new Set([...t.querySelectorAll('td, th')].map(c => getComputedStyle(c).textAlign))]")
        assert aligned == ["left"], (name, aligned)


def test_shapes_stand_in_one_column_beside_chinese_labels(lab):
    # a label is a cell of its own: however the fonts size Chinese, every shape starts at one x,
    # and the aligned shapes keep their axes in columns
    table = lab.result("trace_zh").locator("table.d2l-trace-shapes")
    expect(table).to_be_visible()
    expect(table).to_contain_text("结果")
    lefts = table.evaluate("t => [...t.querySelectorAll('tr')].map(r => r.cells[1].getBoundingClientRect().left)")
    assert len(lefts) == 3 and len(set(lefts)) == 1, lefts
    aligned = table.evaluate("t => [...new Set([...t.querySelectorAll('td')].map(c => getComputedStyle(c).textAlign))]")
    assert aligned == ["left"]
    shapes = table.evaluate("t => [...t.querySelectorAll('pre')].map(p => p.textContent)")
    assert shapes == ["(2, 3, 5)", "(1, 3, 5)", "(2, 3, 5)"]


def test_a_wide_compare_table_scrolls_sideways_with_the_verdict_in_view(lab):
    table = lab.result("compare_verdicts").locator("div.d2l-compare")
    scroller = table.locator(".d2l-compare-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth + 100"), "the table is not wider than its output"
    badge = table.locator("tr", has_text="a_long_name_for_a_wide_row").locator(".d2l-badge")
    badge.evaluate("el => el.scrollIntoView({block: 'center'})")  # on screen: elementFromPoint sees it
    for position in ("0", "el.scrollWidth"):  # at the start and at the end of the row
        scroller.evaluate(f"el => {{ el.scrollLeft = {position}; }}")
        inside = badge.evaluate("""badge => {
            const box = badge.getBoundingClientRect();
            const frame = badge.closest('.d2l-compare-scroll').getBoundingClientRect();
            const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return box.left >= frame.left && box.right <= frame.right && badge.contains(top);
        }""")
        assert inside, f"the verdict is hidden with the table scrolled to {position}"
    scroller.evaluate("el => { el.scrollLeft = 0; }")


# -- %%shape_trace: the annotated code ---------------------------------------------------------

def test_the_trace_shows_a_keepdim_reduction_going_from_2_3_5_to_1_3_5(lab):
    trace = lab.result("trace").locator(".d2l-trace")
    expect(trace).to_be_visible()
    event = trace.locator(".d2l-trace-event", has_text="Y.sum(dim=0, keepdim=True)")
    expect(event).to_be_visible()
    # the operand's shape first, then the result's: the axis kept as length 1
    expect(event.locator(".d2l-trace-shapes")).to_have_text(re.compile(r"\(2, 3, 5\)[^(]*\(1, 3, 5\)"))


# -- %%exercise: the feedback ------------------------------------------------------------------

def test_a_right_answer_gets_a_tick(lab):
    feedback = lab.result("exercise_right").locator(".d2l-exercise-ok")
    expect(feedback).to_be_visible()
    expect(feedback.locator(".d2l-exercise-mark")).to_have_text("✓")
    expect(lab.result("exercise_right").locator(".d2l-exercise-fail")).to_have_count(0)


def test_a_wrong_answer_gets_a_cross_and_says_what_is_wrong(lab):
    feedback = lab.result("exercise_wrong").locator(".d2l-exercise-fail")
    expect(feedback).to_be_visible()
    expect(feedback.locator(".d2l-exercise-mark")).to_have_text("✗")
    message = feedback.locator(".d2l-exercise-message")
    expect(message).to_be_visible()
    # this answer's own mistake: integers from the list where float32 was asked for
    expect(message).to_contain_text("int64")
    expect(message).to_contain_text("float32")


def test_the_page_logged_no_error_besides_the_negative_control(lab):
    """Runs after the clicks above: a widget view that throws while rendering or updating logs
    an error here even when something still shows."""
    errors = [entry for entry in lab.console if entry.startswith(("[error]", "[pageerror]"))]
    expected = [entry for entry in errors if "widget model not found" in entry]
    assert expected, "the bogus widget's error is missing: is the console being captured?"
    assert [entry for entry in errors if entry not in expected] == []


def test_the_page_needed_nothing_from_outside(lab):
    """Runs last: every request the page made for our outputs, and for the clicks above, was local."""
    assert lab.blocked == []
