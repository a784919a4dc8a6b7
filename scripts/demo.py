"""`make demo`: execute every example notebook in a fresh kernel and write the executed notebook
and its HTML to build/ (ignored by git), for a teacher to hand out or look over.

The HTML reads offline: where an output carries static HTML beside a widget view (the ``%grad``
panel does), the HTML is shown, since the widget view needs a script from a CDN. The ``.ipynb``
keeps the widget state, so JupyterLab still shows the live panel.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent

# nbconvert's HTML order with text/html moved before the widget view; the README's nbconvert
# command passes the same list (tests/test_readme.py checks that they agree).
STATIC_FIRST = ["text/html", "application/vnd.jupyter.widget-view+json", "application/javascript",
                "text/markdown", "image/svg+xml", "text/vnd.mermaid", "text/latex", "image/png",
                "image/jpeg", "text/plain"]


def static_html_exporter() -> HTMLExporter:
    return HTMLExporter(config=Config({"NbConvertBase": {"display_data_priority": STATIC_FIRST}}))


def main(out_dir: str = "build") -> int:
    out = ROOT / out_dir
    out.mkdir(exist_ok=True)
    exporter = static_html_exporter()
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
