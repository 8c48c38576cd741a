"""Readers and writers: round trips, RFC 7946, messages that name file, row and value."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import InputError
from geo.io import read_incidents
from geo.io.atomic import atomic_write
from geo.io.csv_format import CsvReader, CsvWriter
from geo.io.geojson import GeoJsonReader, GeoJsonWriter
from geo.io.records import parse_date
from geo.seeds import load_incidents, load_zones
from tests.conftest import make_incident


def test_csv_round_trip(tmp_path: Path) -> None:
    incidents = [i for i in load_incidents().incidents]
    path = tmp_path / "incidents.csv"
    CsvWriter().write(incidents, path)
    again = CsvReader().read(path)
    assert again.rejected == []
    assert again.incidents == incidents


def test_geojson_round_trip_and_rfc7946(tmp_path: Path) -> None:
    incidents = [
        make_incident(event_id="A", latitude=34.7271234567, longitude=40.7901234567),
        make_incident(event_id="B"),
    ]
    path = tmp_path / "incidents.geojson"
    GeoJsonWriter().write(incidents, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    first = data["features"][0]
    assert first["id"] == "A"
    assert first["geometry"]["coordinates"] == [40.790123, 34.727123]  # lon, lat; 6 decimals
    again = GeoJsonReader().read(path)
    assert [i.event_id for i in again.incidents] == ["A", "B"]
    assert again.incidents[1] == incidents[1]


def test_zone_geojson_has_counter_clockwise_exteriors(tmp_path: Path) -> None:
    path = tmp_path / "zones.geojson"
    GeoJsonWriter().write_zones(load_zones(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in data and len(data["features"]) == len(load_zones())

    def signed_area(ring: list[list[float]]) -> float:
        return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2

    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            assert signed_area(polygon[0]) > 0  # exterior counter-clockwise (right-hand rule)
            assert all(signed_area(hole) < 0 for hole in polygon[1:])
        assert set(feature["properties"]) == {
            "faction",
            "label_en",
            "label_ar",
            "valid_from",
            "valid_to",
            "kind",
            "method",
            "source",
        }


def test_bad_rows_are_rejected_with_file_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "event_id,event_date,event_type,sub_event_type,latitude,longitude,fatalities\n"
        "OK1,2025-05-19,Battles,Armed clash,34.7,40.8,1\n"
        "BAD1,19/13/2025,Battles,Armed clash,34.7,40.8,1\n"
        "BAD2,2025-05-19,Battles,Armed clash,34.7,40.8,many\n"
        "OK2,19/05/2025,Battles,Armed clash,,,\n",
        encoding="utf-8",
    )
    result = CsvReader().read(path)
    assert [i.event_id for i in result.incidents] == ["OK1", "OK2"]
    messages = [str(r) for r in result.rejected]
    assert f"{path}, row 3, column 'event_date': cannot read '19/13/2025'" in messages[0]
    assert f"{path}, row 4, column 'fatalities': cannot read 'many'" in messages[1]


def test_missing_required_columns_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "nocols.csv"
    path.write_text("id,date\n1,2025-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"missing required column\(s\) 'event_id', 'event_date'"):
        read_incidents([path])
    with pytest.raises(InputError, match="no such file"):
        read_incidents([tmp_path / "absent.csv"])
    with pytest.raises(InputError, match=r"unknown file type '\.xlsx'"):
        (tmp_path / "a.xlsx").write_text("x")
        read_incidents([tmp_path / "a.xlsx"])


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(path) as handle:
        handle.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.csv"]


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_parse_date_raises_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_date(text)
