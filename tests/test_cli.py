"""The command line, through typer's CliRunner: exact output and exit codes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gazetteer import Gazetteer
from geo.cli import app
from geo.placing import place_incidents
from geo.seeds import load_incidents


def test_help_shows_purpose_and_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Map conflict incidents in Syria" in result.output and "Example: geo map" in result.output
    for command in ("resolve", "map", "export", "zones"):
        assert command in result.output
    for command in (["resolve"], ["map"], ["export"], ["zones", "derive"]):
        sub = runner.invoke(app, [*command, "--help"])
        assert sub.exit_code == 0, command
        assert "Example: geo " in sub.output, command


def test_resolve_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(app, ["resolve", "--json", "--context", "حلب", "الحيدرية", "Deir Ezzor", "Atlantis"])
    assert result.exit_code == 1  # one name is unresolved
    data = json.loads(result.stdout)
    assert [d["query"] for d in data] == ["الحيدرية", "Deir Ezzor", "Atlantis"]
    haydariya, deir, missing = data
    for key in (
        "query",
        "place_id",
        "name_en",
        "name_ar",
        "kind",
        "latitude",
        "longitude",
        "admin1",
        "score",
        "alternatives",
    ):
        assert key in haydariya and key in missing
    assert haydariya["place_id"] == "al-haydariya-aleppo" and haydariya["admin1"] == "Aleppo"
    assert haydariya["kind"] == "neighbourhood" and 0 < haydariya["score"] <= 1
    assert deir["place_id"] == "geonames:170794" and deir["name_ar"] == "دير الزور"
    assert missing["place_id"] is None and missing["alternatives"] == []


def test_resolve_without_context_reports_the_ambiguity(runner: CliRunner) -> None:
    result = runner.invoke(app, ["resolve", "--json", "الحيدرية"])
    assert result.exit_code == 0
    (entry,) = json.loads(result.stdout)
    assert entry["ambiguous"] is True
    assert {a["place_id"] for a in entry["alternatives"]} >= {"al-haydariya-homs"} | (
        {"al-haydariya-aleppo"} - {entry["place_id"]}
    )


def test_resolve_text_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["resolve", "بدير الزور"])
    assert result.exit_code == 0
    assert result.stdout == (
        "بدير الزور\tgeonames:170794\tDeir ez-Zor / دير الزور\tcity\t35.33588,40.14084\tDeir ez-Zor\tscore 1.00\n"
    )


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("map") / "seed.html"
    result = CliRunner().invoke(app, ["map", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, out.read_text(encoding="utf-8"), result.output


def _page_data(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="geo-map-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_map_contains_every_mapped_seed_incident_and_both_snapshots(seed_map: tuple[Path, str, str]) -> None:
    out, html, output = seed_map
    assert f"wrote {out}" in output
    assert "23 incidents read: 19 mapped, 4 unplaced, 0 rejected." in output
    data = _page_data(html)
    placed = place_incidents(load_incidents().incidents, Gazetteer.default()).placed
    page_ids = set(data["incidents"]["event_id"])  # incidents are embedded column by column
    assert page_ids == {i.event_id for i in placed}
    assert data["snapshots"] == ["2020-03-06/2024-11-26", "2025-06-01/"]
    assert data["currentSnapshot"] == "2025-06-01/"
    factions = {(f["properties"]["snapshot"], f["properties"]["faction"]) for f in data["zones"]["features"]}
    assert ("2020-03-06/2024-11-26", "hts") in factions and ("2025-06-01/", "transitional-government") in factions
    assert data["title"] == "Conflict incidents in Syria" and data["asOf"] == "2025-11-27"
    assert all(data["incidents"]["str"][i] for i in data["incidents"]["place_ar"])


def test_map_writes_the_unplaced_report(seed_map: tuple[Path, str, str]) -> None:
    out, _, output = seed_map
    report = out.with_name("seed.unplaced.csv")
    assert f"unplaced and rejected rows, with reasons: {report}" in output
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",reason") and len(lines) == 5
    assert all("no place in the gazetteer matches location" in line for line in lines[1:])


def test_map_as_of_picks_snapshot_and_incidents(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "before.html"
    result = runner.invoke(app, ["map", "--as-of", "2024-11-26", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = _page_data(out.read_text(encoding="utf-8"))
    assert data["currentSnapshot"] == "2020-03-06/2024-11-26"
    dates = {str(date.fromordinal(date(1970, 1, 1).toordinal() + d)) for d in data["incidents"]["date"]}
    assert dates == {"2019-03-01", "2023-09-01"}  # al-Baghouz and al-Malikiyah only
    assert "17 after the as-of date" in result.output


def test_map_with_no_snapshot_says_so(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "gap.html"
    assert runner.invoke(app, ["map", "--as-of", "2025-01-15", "-o", str(out)]).exit_code == 0
    data = _page_data(out.read_text(encoding="utf-8"))
    assert data["currentSnapshot"] == "" and "No zone snapshot covers 2025-01-15" in data["zonesNote"]


def test_export_geojson(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(app, ["export", "--format", "geojson", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == 19
    bahra = next(f for f in data["features"] if f["id"] == "SEED-001")
    assert bahra["geometry"] == {"type": "Point", "coordinates": [40.79, 34.727]}
    assert bahra["properties"]["place_id"] == "al-bahra" and bahra["properties"]["fatalities"] == 1


def test_export_to_stdout_and_zones(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
    zones = runner.invoke(app, ["export", "--zones"])
    assert zones.exit_code == 0
    features = json.loads(zones.stdout)["features"]
    assert {f["properties"]["valid_from"] for f in features} == {"2020-03-06", "2025-06-01"}


def test_bad_input_keeps_good_rows_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "mine.csv"
    source.write_text(
        "event_id,event_date,event_type,sub_event_type,location\n"
        "A,2025-05-19,Battles,Armed clash,هجين\n"
        "B,2025-05-19,Battles,Nonsense,هجين\n"
        "C,2025-05-20,Battles,Armed clash,Atlantis\n",
        encoding="utf-8",
    )
    out = tmp_path / "mine.html"
    result = runner.invoke(app, ["map", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "3 incidents read: 1 mapped, 1 unplaced, 1 rejected." in result.output
    problem = "event_type 'Battles' / sub_event_type 'Nonsense' is not an ACLED pair"
    assert f"rejected: {source}, row 3: incident 'B': {problem}\n" in result.output
    assert out.exists()


def test_unreadable_input_exits_2_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["map", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.output == f"error: {tmp_path / 'absent.csv'}: no such file\n"
    bad_date = runner.invoke(app, ["map", "--as-of", "soon", "-o", str(tmp_path / "x.html")])
    assert bad_date.exit_code == 2 and "--as-of 'soon' is not a date" in bad_date.output


def test_zones_derive(runner: CliRunner, tmp_path: Path) -> None:
    from seeds import seed_path

    out = tmp_path / "zones.geojson"
    result = runner.invoke(
        app, ["zones", "derive", str(seed_path("control_points.csv")), "-o", str(out), "--max-distance-km", "80"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["features"]


def test_map_warns_about_swapped_or_outside_points_but_keeps_them(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "swapped.csv"
    source.write_text(
        "event_id,event_date,event_type,sub_event_type,latitude,longitude\n"
        "S1,2025-05-19,Battles,Armed clash,40.8,34.7\n"
        "S2,2025-05-19,Battles,Armed clash,48.85,2.35\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["map", str(source), "-o", str(tmp_path / "swapped.html")])
    assert result.exit_code == 0, result.output
    assert "2 incidents read: 2 mapped, 0 unplaced, 0 rejected." in result.output
    output = result.output
    assert f"warning: {source}, row 2, column 'latitude': latitude 40.8 and longitude 34.7 look swapped" in output
    assert f"warning: {source}, row 3, column 'longitude': point (lon 2.35, lat 48.85) is outside Syria" in output
