"""``python -m d2l_magics grade SUBMISSIONS... --out results.csv``: grade a class's notebooks.

Each notebook runs afresh in a real kernel, so grading runs the students' code: do it in a
container or under a throwaway account.
"""
from __future__ import annotations

import argparse
import sys

from .messages import say


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m d2l_magics", description=say("grade.cli.description"))
    commands = main.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("grade", help="grade notebooks: one CSV row per student and exercise",
                                description=say("grade.cli.grade"), epilog=say("grade.cli.warning"))
    grade.add_argument("submissions", nargs="+", metavar="NOTEBOOK", help="the students' .ipynb files")
    grade.add_argument("--out", default="results.csv", metavar="CSV",
                       help="where to write the rows (default: results.csv)")
    grade.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                       help="the longest one cell may run (default: 60); a notebook past it is recorded as 'timeout'")
    grade.add_argument("--load", action="append", default=[], metavar="FILE",
                       help="an exercise file (%%exercise --load) to load before each notebook's first cell; "
                            "repeatable")
    return main


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    from .workbook.grading import grade

    def report(result):
        print(say("grade.cli.graded", student=result.student, status=result.status, seconds=f"{result.seconds:.1f}"),
              file=sys.stderr, flush=True)

    results = grade(args.submissions, timeout=args.timeout, load=tuple(args.load), progress=report)
    results.write_csv(args.out)
    print(results.to_text())
    print(say("grade.cli.written", rows=len(results.rows), path=args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
