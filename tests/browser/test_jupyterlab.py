"""The magics as a learner sees them: JupyterLab in Chromium, after Run All on one notebook."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_a_plain_widget_renders_in_the_output_area(lab):
    output = lab.result("smoke")
    assert lab.widget_visible(output, ".d2l-smoke")


def test_the_widget_check_fails_when_the_model_never_reaches_the_page(lab):
    output = lab.result("bogus_widget")
    assert output.count() == 1, "the bogus widget view was not displayed at all"
    # the widget renderer took it (not a text fallback) and is waiting for, or gave up on, its model
    assert re.search("Loading widget|model not found", output.inner_text())
    assert not lab.widget_visible(output)
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


def test_the_page_needed_nothing_from_outside(lab):
    """Runs last: every request the page made for our outputs, and for the clicks above, was local."""
    assert lab.blocked == []
