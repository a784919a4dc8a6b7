"""Session fixtures for the browser tests: one JupyterLab server, one Chromium, one notebook run.

Everything started here is recorded by process id in a ``ProcessLedger``; the last teardown stops
what is left and fails if anything survives. A failing test leaves a screenshot, the page's
console log and the server log in a temporary folder named in its report.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import psutil
import pytest
from lab_harness import CHROMIUM_ARGS, LabPage, LabServer, ProcessLedger, require_chromium
from lab_notebook import NAME, write_notebook
from playwright.sync_api import expect

# A widget appears after a round trip to the kernel: give a busy machine time for it.
expect.set_options(timeout=15_000)

PAGE = pytest.StashKey[LabPage]()
SAVED_SETUP_ERROR = pytest.StashKey[str]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    page = item.config.stash.get(PAGE, None)
    if not (report.failed and report.when in ("setup", "call") and page is not None
            and item.get_closest_marker("browser")):
        return
    if report.when == "setup" and SAVED_SETUP_ERROR in item.config.stash:
        folder = item.config.stash[SAVED_SETUP_ERROR]  # a session fixture's error repeats per test
    else:
        folder = tempfile.mkdtemp(prefix=f"d2l-browser-{item.name}-")
        page.save_artifacts(Path(folder))
        if report.when == "setup":
            item.config.stash[SAVED_SETUP_ERROR] = folder
    report.sections.append(("browser failure artifacts",
                            f"screenshot, page HTML, console log and server log saved in {folder}"))


@pytest.fixture(scope="session")
def chromium() -> Path:
    return require_chromium()


@pytest.fixture(scope="session")
def ledger():
    """The processes the browser tests started; at the very end, proof that none is left."""
    ledger = ProcessLedger()
    yield ledger
    ledger.stop_all()
    survivors = ledger.alive()
    assert not survivors, f"processes started by the browser tests survived: {ledger.describe(survivors)}"


@pytest.fixture(scope="session")
def lab_server(chromium, ledger, tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"), ledger)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium, ledger, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    me = psutil.Process()
    before = {child.pid for child in me.children(recursive=True)}
    # Chromium's own config and cache folder: keeps the user's profile out, and names the
    # crash handlers (they detach from Chromium) in their arguments, so they can be found
    home = str(tmp_path_factory.mktemp("chromium-home"))
    env = dict(os.environ, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)

    def track_new_children():  # playwright's driver, Chromium and its helper processes
        for child in me.children(recursive=True):
            if child.pid not in before:
                ledger.track(child.pid)
        ledger.track_mentioning(home)

    playwright = sync_playwright().start()
    try:
        track_new_children()
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, env=env)
        track_new_children()
        yield browser
        track_new_children()
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def lab(browser, lab_server, ledger, pytestconfig):
    """The test notebook opened in JupyterLab and run once with Run All."""
    cells = write_notebook(lab_server.root)
    page = LabPage(browser, lab_server, cells)
    pytestconfig.stash[PAGE] = page
    page.open_notebook(NAME)
    page.run_all()
    ledger.track_descendants(lab_server.process.pid)  # the kernel, in its own session
    yield page
    del pytestconfig.stash[PAGE]
    page.close()
