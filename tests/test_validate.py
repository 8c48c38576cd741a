"""`geo validate` and bad input: the malformed corpus, a 50 MB field, no traceback, counts that add up."""

from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli import app
from geo.errors import InputError

MALFORMED = Path(__file__).parent / "malformed"
sys.path.insert(0, str(MALFORMED))
from generate import CORPUS  # noqa: E402

with open(MALFORMED / "expected.csv", encoding="utf-8", newline="") as _table:
    EXPECTED = list(csv.DictReader(_table))
TODAY = "2026-01-01"
_SUMMARY = re.compile(r"^(\d+) incidents read: (\d+) mapped, (\d+) unplaced, (\d+) rejected\.$", re.M)


def test_the_corpus_is_large_and_complete() -> None:
    assert len(CORPUS) >= 40
    assert [row["file"] for row in EXPECTED] == list(CORPUS)
    for name, data in CORPUS.items():
        assert (MALFORMED / name).read_bytes() == data, f"{name}: run tests/malformed/generate.py"
    assert {row["exit_code"] for row in EXPECTED} == {"0", "1", "2"}


@pytest.mark.parametrize("row", EXPECTED, ids=[row["file"] for row in EXPECTED])
def test_validate_says_exactly_this(runner: CliRunner, row: dict[str, str]) -> None:
    path = MALFORMED / row["file"]
    result = runner.invoke(app, ["validate", "--today", TODAY, str(path)])
    assert result.exit_code == int(row["exit_code"]), result.output
    assert result.output == row["output"].replace("{path}", str(path))
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", list(CORPUS))
def test_map_keeps_good_rows_and_counts_add_up(runner: CliRunner, tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["map", str(MALFORMED / name), "-o", str(tmp_path / "out.html")])
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        assert result.output.startswith("error: ") and result.output.count("\n") == 1
        return
    total, mapped, unplaced, rejected = map(int, _SUMMARY.search(result.output).groups())  # type: ignore[union-attr]
    assert total == mapped + unplaced + rejected
    assert result.exit_code == (1 if rejected else 0)
    if unplaced or rejected:
        report = (tmp_path / "out.unplaced.csv").read_text(encoding="utf-8")
        assert len(list(csv.DictReader(report.splitlines()))) == unplaced + rejected


def test_the_counts_add_up_for_a_mixed_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text(
        "event_id,event_date,event_type,sub_event_type,location,latitude,longitude\n"
        "A,19/05/2025,Battles,Armed clash,هجين,,\n"  # resolved through the gazetteer
        "B,19 أيار 2025,Battles,Armed clash,,35.33588,40.14084\n"  # own coordinates, admin1 filled
        "C,2025-05-19,Battles,Armed clash,Atlantis,,\n"  # unplaced
        "D,2025-05-40,Battles,Armed clash,هجين,,\n",  # rejected
        encoding="utf-8",
    )
    out = tmp_path / "mixed.geojson"
    result = runner.invoke(app, ["export", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "4 incidents read: 2 mapped, 1 unplaced, 1 rejected." in result.output
    report = list(csv.DictReader((tmp_path / "mixed.unplaced.csv").open(encoding="utf-8")))
    assert [r["event_id"] for r in report] == ["C", "D"]
    assert report[1]["event_date"] == "2025-05-40"  # the rejected row keeps its values
    assert "cannot read '2025-05-40'" in report[1]["reason"]
    import json

    features = {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    assert features["B"]["properties"]["admin1"] == "Deir ez-Zor"
    assert features["A"]["properties"]["place_id"]


def _huge_csv(path: Path, size: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("event_id,event_date,event_type,sub_event_type,latitude,longitude,notes\n")
        handle.write("OK1,2025-05-19,Battles,Armed clash,35.33588,40.14084,fine\n")
        handle.write('BIG,2025-05-19,Battles,Armed clash,35.33588,40.14084,"')
        handle.write("x" * size)
        handle.write('"\nOK2,2025-05-20,Battles,Armed clash,35.33588,40.14084,fine\n')


def test_a_50_mb_field_neither_hangs_nor_crashes(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    size = 50 * 1024 * 1024
    _huge_csv(path, size)
    start = time.monotonic()
    result = runner.invoke(app, ["validate", "--today", TODAY, str(path)])
    assert time.monotonic() - start < 60
    assert result.exit_code == 1
    assert result.output == (
        f"error: {path}, row 3, column 'notes': value is {size:,} characters long (at most 100,000 are read)\n"
        f"{path}: 3 rows (incidents), 1 error, 0 warnings\n"
        "checked 1 file, 3 rows: 1 error, 0 warnings.\n"
    )
    mapped = runner.invoke(app, ["map", str(path), "-o", str(tmp_path / "huge.html")])
    assert mapped.exit_code == 1 and "3 incidents read: 2 mapped, 0 unplaced, 1 rejected." in mapped.output
    assert len(mapped.output) < 2000  # the message shows the size, never the value
    assert (tmp_path / "huge.html").stat().st_size < 5_000_000


def test_debug_shows_the_traceback_and_otherwise_none(runner: CliRunner) -> None:
    path = MALFORMED / "binary_png.csv"
    plain = runner.invoke(app, ["map", str(path), "-o", "/dev/null"])
    assert plain.exit_code == 2 and isinstance(plain.exception, SystemExit)
    assert plain.output == f"error: {path}: not a text file (NUL byte at byte 8)\n"
    debug = runner.invoke(app, ["--debug", "map", str(path), "-o", "/dev/null"])
    assert isinstance(debug.exception, InputError)


def test_unexpected_errors_are_one_line_too(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.cli

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(geo.cli, "validate_inputs", broken)
    result = runner.invoke(app, ["validate", str(MALFORMED / "empty.csv")])
    assert result.exit_code == 2
    assert result.output == "error: unexpected KeyError: 'boom' (run with --debug for the traceback)\n"


def test_validate_several_files_and_duplicates_across_them(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.jsonl"
    first.write_text(
        "event_id,event_date,event_type,sub_event_type\nX1,2025-05-19,Battles,Armed clash\n", encoding="utf-8"
    )
    second.write_text(
        '{"event_id": "X1", "event_date": "2025-05-19", "event_type": "Battles", "sub_event_type": "Armed clash"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--today", TODAY, str(first), str(second), str(tmp_path / "c.csv")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: {second}, line 1, column 'event_id': duplicate event_id 'X1' (first in {first}, row 2)",
        f"error: {tmp_path / 'c.csv'}: no such file",
        f"{first}: 1 row (incidents), 0 errors, 0 warnings",
        f"{second}: 1 row (incidents), 1 error, 0 warnings",
        f"{tmp_path / 'c.csv'}: unreadable",
        "checked 3 files, 2 rows: 2 errors, 0 warnings, 1 unreadable.",
    ]


def test_validate_zone_files_and_control_points(runner: CliRunner, tmp_path: Path) -> None:
    from seeds import seed_path

    zones = tmp_path / "zones.geojson"
    assert runner.invoke(app, ["export", "--zones", "-o", str(zones)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(zones), str(seed_path("control_points.csv"))])
    assert result.exit_code == 0, result.output
    assert f"{zones}: 16 rows (zones), 0 errors, 0 warnings" in result.output
    assert "(control points), 0 errors, 0 warnings" in result.output


def test_the_readme_example_is_real(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ cd tests/malformed\n\$ geo (validate [^\n]*)\n(.*?)```", readme, re.S)
    assert block, "the geo validate example is gone from the README"
    monkeypatch.chdir(MALFORMED)
    result = runner.invoke(app, block.group(1).split())
    assert result.exit_code == 1
    assert result.output == block.group(2)
