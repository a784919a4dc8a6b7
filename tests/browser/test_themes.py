"""Every magic's output reads in JupyterLab's light and dark themes: each visible piece of text
has a contrast of at least 4.5:1 (WCAG AA) against the background it is drawn on."""
from __future__ import annotations

import pytest
from contrast import AA, measure

pytestmark = pytest.mark.browser

THEMES = ["JupyterLab Light", "JupyterLab Dark"]
MAGICS = {  # the test notebook's cells that show each magic's output
    "compare_np": ["compare", "compare_verdicts"],
    "shape_trace": ["trace"],
    "exercise": ["exercise_right", "exercise_wrong"],
    "grad": ["grad", "grad_notes"],
    "translate": ["translation"],
}


def measure_outputs(lab, cells):
    """Contrast of the cells' outputs; for a grad panel, of every tab in turn."""
    found = []
    for name in cells:
        outputs = lab.result(name)
        roots = [outputs.nth(k).element_handle() for k in range(outputs.count())]
        found += measure(lab.page, roots)
        tabs = outputs.locator(".d2l-grad-panel").get_by_role("tab")
        for k in range(1, tabs.count()):
            tabs.nth(k).click()
            found += measure(lab.page, roots)
        if tabs.count():
            tabs.first.click()
    return found


@pytest.fixture(scope="module")
def contrast(lab):
    """(theme, magic) -> every text element measured; the dark theme stays on for the failure
    screenshots, and light comes back at the end."""
    figures = {}
    for theme in THEMES:
        lab.set_theme(theme)
        for magic, cells in MAGICS.items():
            figures[theme, magic] = measure_outputs(lab, cells)
    yield figures
    lab.set_theme(THEMES[0])


CASES = [(theme, magic) for theme in THEMES for magic in MAGICS]


@pytest.mark.parametrize(("theme", "magic"), CASES)
def test_every_text_reads_against_its_background(contrast, theme, magic):
    measured = contrast[theme, magic]
    assert len(measured) >= 3, f"only {len(measured)} text elements found in {magic}'s outputs"
    lowest = min(item.ratio for item in measured)
    failing = sorted((item for item in measured if item.ratio < AA), key=lambda item: item.ratio)
    print(f"{theme} {magic}: {len(measured)} texts, lowest contrast {lowest:.2f}:1")
    assert not failing, (f"{len(failing)} of {len(measured)} texts in {magic}'s outputs are below "
                         f"{AA}:1 in {theme}:\n" + "\n".join(item.describe() for item in failing))
