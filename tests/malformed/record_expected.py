"""Write ``expected.csv`` from what ``geo validate`` says now (review every line before committing it).

Usage: ``python tests/malformed/record_expected.py``. The table has one row
per corpus file: its exit status and the exact output, with ``{path}`` for
the file's path. ``tests/test_validate.py`` checks that nothing changes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from typer.testing import CliRunner

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import CORPUS  # noqa: E402

from geo.cli import app  # noqa: E402

TODAY = "2026-01-01"


def main() -> None:
    runner = CliRunner()
    with open(HERE / "expected.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "exit_code", "output"])
        for name in CORPUS:
            path = HERE / name
            result = runner.invoke(app, ["validate", "--today", TODAY, str(path)])
            writer.writerow([name, result.exit_code, result.output.replace(str(path), "{path}")])
    print(f"wrote {HERE / 'expected.csv'}")


if __name__ == "__main__":
    main()
