"""`make demo`: execute every example notebook in a fresh kernel and write the executed notebook
and its HTML to build/ (ignored by git), for a teacher to hand out or look over."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent


def main(out_dir: str = "build") -> int:
    out = ROOT / out_dir
    out.mkdir(exist_ok=True)
    exporter = HTMLExporter()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        nbformat.write(nb, out / path.name)
        html, _ = exporter.from_notebook_node(nb)
        (out / path.with_suffix(".html").name).write_text(html, encoding="utf-8")
        print(f"{path.name}: executed -> {out_dir}/{path.name}, {out_dir}/{path.stem}.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
