"""An executed notebook exported to HTML the way `make demo` does it, opened offline in Chromium:
every magic's output is there without a network, the grad panel as its static pictures and words."""
from __future__ import annotations

import importlib.util

import nbformat
import pytest
from lab_harness import REPO
from nbclient import NotebookClient
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CELLS = [
    "%load_ext d2l_magics\nimport torch",
    # a heatmap leaf and a bar leaf
    "%%grad\nA = torch.arange(6.).reshape(2, 3).requires_grad_()\nb = torch.ones(3, requires_grad=True)\n"
    "loss = (A * A * b).sum()\nloss.backward()",
    # a mistake the panel explains before the learner's own error
    "%%grad\nw = torch.ones(3, requires_grad=True)\ny = (w * 2).sum()\ny.backward()\ny.backward()",
    "%%compare_np\nS = torch.arange(12.).reshape(3, 4).sum(dim=0)",
    "%%shape_trace\nM = torch.ones(2, 3).sum(dim=1, keepdim=True)",
]


def load_demo():
    spec = importlib.util.spec_from_file_location("demo", REPO / "scripts" / "demo.py")
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    return demo


@pytest.fixture(scope="module")
def executed(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("D2L_MAGICS_LANG", "en")  # the kernel's language: the words checked below
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    NotebookClient(nb, timeout=180, kernel_name="python3", store_widget_state=True,
                   allow_errors=True).execute()
    return nb


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def offline_page(executed, browser, tmp_path_factory):
    """The exported HTML in a page that may load file: and data: URLs only."""
    html, _ = load_demo().static_html_exporter().from_notebook_node(executed)
    path = tmp_path_factory.mktemp("export") / "exported.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    blocked = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(path.as_uri())
    page.blocked = blocked
    yield page
    context.close()


def test_the_notebook_keeps_the_widget_state_of_the_grad_panel(executed):
    state = executed.metadata["widgets"][WIDGET_STATE]["state"]
    views = [output.data[WIDGET_VIEW]["model_id"] for cell in executed.cells for output in cell.outputs
             if WIDGET_VIEW in output.get("data", {})]
    assert len(views) == 2
    assert all(model_id in state for model_id in views)


def test_the_grad_pictures_are_drawn_offline(offline_page):
    reports = offline_page.locator(".d2l-grad-report")
    expect(reports).to_have_count(2)
    first = reports.first
    expect(first.locator(".d2l-grad-leaf")).to_have_count(2)
    for leaf in ("A", "b"):
        section = first.locator(".d2l-grad-leaf", has=offline_page.locator(f"h4:text-is('{leaf}')"))
        pictures = section.locator("svg")
        expect(pictures.first).to_be_visible()
        box = pictures.first.bounding_box()
        assert box["width"] > 20 and box["height"] > 20
        assert pictures.first.locator("rect").count() > 1
    graph = first.locator(".d2l-grad-graph svg")
    expect(graph).to_be_visible()
    expect(graph).to_contain_text("AccumulateGrad")


def test_the_explanation_is_shown_offline(offline_page):
    explanation = offline_page.locator(".d2l-grad-explanation", has_text="What went wrong")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("retain_graph=True")


def test_the_other_magics_show_offline(offline_page):
    expect(offline_page.locator(".d2l-compare .d2l-badge-match")).to_be_visible()
    expect(offline_page.locator(".d2l-trace-event", has_text="sum(dim=1, keepdim=True)")).to_be_visible()


def test_no_widget_placeholder_is_left(offline_page):
    """What a default export shows offline where the panel was: an empty widget view."""
    assert offline_page.locator(f"script[type='{WIDGET_VIEW}']").count() == 0
