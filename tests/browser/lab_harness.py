"""JupyterLab + Chromium for the browser tests: start, drive, and stop everything by process id.

The recipe and its pitfalls are in ``shared/reference/browser-testing.md``; the comments below say
which pitfall each step avoids.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
# JupyterLab's settings for a quiet, fully rendered test page: no news toast covering the page,
# no update check, and every cell kept in the DOM (windowing would drop off-screen outputs).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def require_chromium(path: Path = CHROMIUM, environ=os.environ) -> Path:
    """Chromium's path; without it, a skip outside CI, and in CI (CI=true) a failure."""
    if path.exists():
        return path
    reason = f"Chromium is not installed at {path} (`apt-get install chromium`; .ci/run does it)"
    if environ.get("CI") == "true":
        pytest.fail(f"{reason}: in CI the browser tests must run, not skip")
    pytest.skip(reason)


def venv_python() -> str:
    """The project's .venv interpreter (the one ``make test`` uses); else the running one."""
    candidate = REPO / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProcessLedger:
    """Every process the browser tests started, so teardown can stop exactly those and prove it.

    ``psutil.Process`` objects remember their creation time, so a recycled pid is never mistaken
    for ours.
    """

    def __init__(self) -> None:
        self._procs: dict[int, psutil.Process] = {}

    def track(self, pid: int) -> None:
        try:
            self._procs.setdefault(pid, psutil.Process(pid))
        except psutil.NoSuchProcess:
            pass

    def track_descendants(self, pid: int) -> None:
        """Record ``pid``'s current descendants (kernels run in their own session: only the
        parent link finds them, and only while the parent is alive)."""
        try:
            for child in psutil.Process(pid).children(recursive=True):
                self.track(child.pid)
        except psutil.NoSuchProcess:
            pass

    def track_mentioning(self, marker: str) -> None:
        """Record processes whose command line names ``marker`` (a folder only we use): Chromium's
        crash handlers detach from their parent, so only their arguments tie them to us."""
        for proc in psutil.process_iter(["cmdline"]):
            if any(marker in arg for arg in proc.info["cmdline"] or ()):
                self.track(proc.pid)

    def alive(self) -> list[psutil.Process]:
        return [p for p in self._procs.values() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]

    def running_commands(self) -> list[str]:
        commands = []
        for proc in self.alive():
            try:
                commands.append(" ".join(proc.cmdline()))
            except psutil.Error:
                pass
        return commands

    def stop_all(self, grace: float = 5.0) -> None:
        """SIGTERM what is still running, then SIGKILL what ignored it."""
        running = self.alive()
        for proc in running:
            _signal(proc, signal.SIGTERM)
        _, stubborn = psutil.wait_procs(running, timeout=grace)
        for proc in stubborn:
            _signal(proc, signal.SIGKILL)
        psutil.wait_procs(stubborn, timeout=grace)

    def describe(self, procs) -> str:
        return ", ".join(f"{p.pid} ({_name(p)})" for p in procs)


def _signal(proc: psutil.Process, sig: int) -> None:
    try:
        proc.send_signal(sig)
    except psutil.NoSuchProcess:
        pass


def _name(proc: psutil.Process) -> str:
    try:
        return proc.name()
    except psutil.Error:
        return "?"


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 with a token and its own temporary folders."""

    workdir: Path
    ledger: ProcessLedger
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen | None = None

    @property
    def root(self) -> Path:
        return self.workdir / "root"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def log_path(self) -> Path:
        return self.workdir / "server.log"

    def start(self, timeout: float = 60.0, attempts: int = 3) -> None:
        """Start the server and wait until ``/api/status`` answers with the token.

        The free port is picked before the server binds it, so another process may take it in
        between: then the server gets a new port, at most ``attempts`` times in all.
        """
        dirs = {name: self.workdir / name for name in ("root", "settings", "workspaces", "runtime",
                                                         "config", "ipython")}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        for relative, values in LAB_SETTINGS.items():
            target = dirs["settings"] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        env = dict(os.environ,
                   JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
                   JUPYTER_CONFIG_DIR=str(dirs["config"]),
                   IPYTHONDIR=str(dirs["ipython"]),
                   D2L_MAGICS_LANG="en",  # the sentences the tests read, whatever the user's setting
                   # the kernel imports d2l_magics from this checkout, installed or not
                   PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
        for attempt in range(1, attempts + 1):
            if self._launch(dirs, env, timeout):
                return
            if attempt < attempts and "already in use" in self.log_tail():
                self.port = free_port()
                continue
            raise RuntimeError(f"JupyterLab did not start (exit code {self.process.poll()}):\n{self.log_tail()}")

    def _launch(self, dirs: dict[str, Path], env: dict[str, str], timeout: float) -> bool:
        """Run the server; True once it answers, False if it exited or stayed silent."""
        command = [
            venv_python(), "-m", "jupyter", "lab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={dirs['root']}",
            f"--LabApp.user_settings_dir={dirs['settings']}",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        with open(self.log_path, "wb") as log:
            # its own session and process group: teardown can signal the group by its id
            self.process = subprocess.Popen(command, cwd=dirs["root"], env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.ledger.track(self.process.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                self.api("GET", "api/status")
                return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        return False

    def api(self, method: str, path: str, timeout: float = 5.0):
        request = urllib.request.Request(self.base_url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self) -> None:
        """Shut down politely (this stops kernels too), then signal the group and every kernel."""
        if self.process is None:
            return
        self.ledger.track_descendants(self.process.pid)
        try:
            for kernel in self.api("GET", "api/kernels"):
                self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=10)
            self.api("POST", "api/shutdown")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass  # already gone or wedged: the signals below still stop it
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


# A rendered ipywidgets view: the element a widget's view builds carries `jupyter-widgets` and a
# `widget-*` class. The mime renderer's own placeholder ("Loading widget...", "Error displaying
# widget: model not found") carries `jupyter-widgets` only, so it never counts as a widget.
WIDGET_VIEW = ".jupyter-widgets[class*='widget-']"


class LabPage:
    """A Chromium page showing JupyterLab, that lets nothing leave 127.0.0.1.

    Every request not to the server's base URL (or ``data:``/``blob:``) is aborted and kept in
    ``blocked``; the console is kept in ``console`` for the failure artifacts.
    """

    def __init__(self, browser, server: LabServer, cells: dict[str, int]) -> None:
        self.server = server
        self.cells = cells  # cell name -> index in the notebook
        self.blocked: list[str] = []
        self.console: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.console.append(f"[{msg.type}] {msg.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"[pageerror] {error}"))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith((self.server.base_url, "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    # -- the notebook ------------------------------------------------------------------------

    def open_notebook(self, name: str, timeout: float = 60_000) -> None:
        self.page.goto(f"{self.server.base_url}lab/tree/{name}?token={self.server.token}&reset")
        self.wait_idle(timeout)

    def wait_idle(self, timeout: float = 60_000) -> None:
        # "| Idle" in the status bar: the execution indicator alone raced the kernel's start-up
        self.page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(timeout=timeout)

    def run_all(self, timeout: float = 120_000) -> None:
        """Run every cell through the Run menu, then wait until no cell is queued or running."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        self.page.locator("[data-command='runmenu:run-all']").click()
        # JupyterLab marks queued cells "[*]" at once, so "first cell numbered and none starred"
        # cannot be true before the run has begun.
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                    .map(p => p.textContent.trim());
                return prompts.length > 0 && /^\\[\\d+\\]:$/.test(prompts[0])
                    && !prompts.some(p => p.includes('*'));
            }""",
            timeout=timeout,
        )
        self.wait_idle(timeout)

    def set_theme(self, name: str, timeout: float = 30_000) -> None:
        """Switch JupyterLab's theme from the Settings menu (the `apputils:change-theme` command)
        and wait until its stylesheet is applied."""
        colour = "() => getComputedStyle(document.body).getPropertyValue('--jp-layout-color0').trim()"
        if self.page.evaluate("() => document.body.dataset.jpThemeName") == name:
            return
        before = self.page.evaluate(colour)
        self.page.keyboard.press("Escape")
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Settings").first.click()
        self.page.locator(".lm-Menu-itemLabel", has_text="Theme").first.hover()
        self.page.locator("[data-command='apputils:change-theme']", has_text=name).first.click()
        self.page.wait_for_function(
            f"([name, before]) => document.body.dataset.jpThemeName === name && ({colour})() !== before",
            arg=[name, before], timeout=timeout)

    def cell(self, index: int):
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def outputs(self, index: int):
        return self.cell(index).locator(".jp-OutputArea-output")

    def cell_problem(self, index: int) -> str | None:
        """Why cell ``index`` shows no proper result: its traceback, or that it never ran."""
        cell = self.cell(index)
        prompt = cell.locator(".jp-InputPrompt").inner_text().strip()
        if not prompt.strip("[]:").isdigit():
            return f"cell {index} did not run (prompt {prompt!r}): an earlier cell failed"
        errors = cell.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        if errors.count():
            return f"cell {index} failed:\n" + "\n".join(errors.all_inner_texts())
        return None

    def result(self, name: str):
        """The outputs of the cell called ``name``; an AssertionError if it failed or never ran."""
        index = self.cells[name]
        problem = self.cell_problem(index)
        assert problem is None, f"cell {name!r}: {problem}"
        return self.outputs(index)

    def widget_visible(self, output, selector: str = "", timeout: float = 15_000) -> bool:
        """Does ``output`` show a rendered widget view (matching ``selector``) with a real size?

        Waits up to ``timeout`` ms, since a widget's model arrives after its output does.
        """
        view = output.locator(f"{WIDGET_VIEW}{selector}").first
        try:
            view.wait_for(state="visible", timeout=timeout)
        except Exception:  # playwright's TimeoutError: it never appeared
            return False
        box = view.bounding_box()
        return bool(box and box["width"] > 0 and box["height"] > 0)

    def html_changes(self, locator, before: str, timeout: float = 10_000) -> bool:
        """Does ``locator``'s inner HTML change from ``before`` within ``timeout`` ms? (A widget
        redraws after a round trip to the kernel.)"""
        try:
            self.page.wait_for_function("([el, old]) => el.innerHTML !== old",
                                        arg=[locator.element_handle(), before], timeout=timeout)
        except Exception:  # playwright's TimeoutError: it stayed the same
            return False
        return True

    # -- failure artifacts -------------------------------------------------------------------

    def save_artifacts(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self.page.screenshot(path=str(folder / "page.png"), full_page=True)
        except Exception as error:  # the page may be the thing that broke
            self.console.append(f"[harness] screenshot failed: {error}")
        try:
            (folder / "page.html").write_text(self.page.content())  # cells scrolled out of the picture
        except Exception as error:
            self.console.append(f"[harness] page.html failed: {error}")
        (folder / "console.log").write_text("\n".join(self.console) + "\n")
        (folder / "blocked-requests.txt").write_text("\n".join(self.blocked) + "\n")
        (folder / "server.log").write_text(self.server.log_tail(200_000))

    def close(self) -> None:
        self.context.close()
