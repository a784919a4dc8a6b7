"""What ``%load_ext d2l_magics`` adds beyond importing torch, numpy and ipywidgets (target < 50 ms).

Each measurement is a fresh Python process, so nothing is already imported or cached.
"""
from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 5
CHILD = """
import time
start = time.perf_counter()
import torch, numpy, ipywidgets
imported = time.perf_counter()
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
before = time.perf_counter()
shell.run_line_magic("load_ext", "d2l_magics")
after = time.perf_counter()
print((imported - start) * 1e3, (after - before) * 1e3)
"""


def measure() -> tuple[float, float]:
    output = subprocess.run([sys.executable, "-c", CHILD], check=True, capture_output=True, text=True).stdout
    imports, load = output.split()
    return float(imports), float(load)


def main() -> None:
    results = [measure() for _ in range(RUNS)]
    imports = statistics.median(r[0] for r in results)
    load = statistics.median(r[1] for r in results)
    print(f"import torch, numpy, ipywidgets: {imports:8.1f} ms (median of {RUNS} fresh processes)")
    print(f"%load_ext d2l_magics adds:       {load:8.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
