"""A user installs d2l_magics into their own environment: the wheel builds (hatchling), holds
every module, installs without this checkout, and the magics load from it."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_a_wheel_builds_installs_elsewhere_and_loads(tmp_path):
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(tmp_path / "dist"),
                    str(REPO)], check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("d2l_magics-*.whl")
    modules = {path.relative_to(REPO).as_posix() for path in (REPO / "d2l_magics").rglob("*.py")}
    assert modules - set(zipfile.ZipFile(wheel).namelist()) == set()

    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True)
    # the dependencies come from this interpreter's environment, after the new one's own packages
    [site] = (env / "lib").glob("python*/site-packages")
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    probe = """\
import d2l_magics
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
shell = InteractiveShell.instance()
shell.run_line_magic("load_ext", "d2l_magics")
with capture_output() as shown:
    shell.run_cell("import torch\\nX = torch.ones(2, 3)")
    shell.run_cell("%%compare_np\\nS = X.sum(dim=0)")
print(d2l_magics.__file__)
print(shown.outputs[0].data["text/plain"].splitlines()[0])
"""
    clean = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    clean.update(D2L_MAGICS_LANG="en", OMP_NUM_THREADS="1")
    result = subprocess.run([str(python), "-c", probe], cwd=tmp_path, env=clean, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    where, summary = result.stdout.splitlines()
    assert Path(where).is_relative_to(env)  # the installed copy, not this checkout
    assert summary == "torch and NumPy agree: no value differs (rows: 1)."
