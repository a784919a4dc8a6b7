"""The browser harness's own rules, checked without a browser."""
from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from lab_harness import ProcessLedger, require_chromium


def test_missing_chromium_skips_outside_ci(tmp_path):
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        require_chromium(tmp_path / "chromium", environ={})


def test_missing_chromium_fails_in_ci(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="must run, not skip"):
        require_chromium(tmp_path / "chromium", environ={"CI": "true"})


def test_present_chromium_is_used(tmp_path):
    browser = tmp_path / "chromium"
    browser.touch()
    assert require_chromium(browser, environ={"CI": "true"}) == browser


def test_the_ledger_stops_a_process_that_ignores_sigterm():
    stubborn = subprocess.Popen([sys.executable, "-c",
                                 "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                                 "print('ready', flush=True); time.sleep(60)"],
                                stdout=subprocess.PIPE, text=True)
    try:
        assert stubborn.stdout.readline().strip() == "ready"  # SIGTERM is ignored from here on
        ledger = ProcessLedger()
        ledger.track(stubborn.pid)
        ledger.stop_all(grace=0.5)
        assert ledger.alive() == []  # SIGTERM alone would have left it running
    finally:
        if stubborn.poll() is None:
            stubborn.kill()
        stubborn.stdout.close()


def test_a_server_whose_port_is_taken_moves_to_another(tmp_path):
    from lab_harness import LabServer

    ledger = ProcessLedger()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = LabServer(tmp_path, ledger, port=taken.getsockname()[1])
        try:
            server.start()
            assert server.port != taken.getsockname()[1]
            assert server.api("GET", "api/status")["started"]
        finally:
            server.stop()
            ledger.stop_all()
    assert ledger.alive() == []
