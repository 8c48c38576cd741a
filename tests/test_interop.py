"""Interop: every export format read back as the same records, and checked by real clients (GDAL, JSON Schema)."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gazetteer import Gazetteer
from geo.cli import app
from geo.errors import InputError
from geo.io import FORMATS, reader_for
from geo.io.acled import ACLED_COLUMNS, AcledReader, AcledWriter
from geo.io.atomic import atomic_path
from geo.io.geojson import rfc7946_geometry
from geo.io.gpkg import GpkgWriter
from geo.io.kml import kml_colour
from geo.io.records import parse_date, parse_number
from geo.io.text import decode
from geo.io.ucdp import UcdpReader
from geo.io.zones import read_zones
from geo.models import Incident
from geo.placing import place_incidents
from geo.seeds import load_incidents, load_zones
from geo.taxonomy import EVENT_TYPES
from maps.style import EVENT_TYPE_COLOURS, FACTION_COLOURS
from tests.conftest import make_incident

SCHEMA = Path(__file__).parent / "schemas" / "geojson-featurecollection.schema.json"
SUFFIX = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "csv": ".csv", "acled": ".csv", "jsonl": ".jsonl"}
_OGRINFO = shutil.which("ogrinfo")


# -- strategies -------------------------------------------------------------

_PAIRS = [(e.name, s.name) for e in EVENT_TYPES.values() for s in e.sub_types]
_TEXT = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\u2028\u2029")
        | st.sampled_from(list('\n;%,"<&=')),
        max_size=25,
    ),
    st.sampled_from(["دير الزور", "geo:place_id=x; geo:language=en", "a%3Bb", "1.5", "2025-05-19", "nan"]),
).map(str.strip)
_DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
_COORD = st.floats(min_value=0, max_value=1, allow_nan=False).map(lambda f: round(f, 6))


@st.composite
def incidents(draw: st.DrawFn, *, placed: bool | None = None) -> Incident:
    event_type, sub_event_type = draw(st.sampled_from(_PAIRS))
    day = draw(_DAYS)
    has_place = draw(st.booleans()) if placed is None else placed
    return Incident(
        event_id=draw(st.from_regex(r"[A-Z]{2,4}-[0-9]{1,6}", fullmatch=True)),
        event_date=day,
        date_end=draw(st.none() | st.integers(0, 40).map(lambda n: day + dt.timedelta(days=n))),
        time_precision=draw(st.integers(1, 3)),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=draw(_TEXT),
        actor2=draw(_TEXT),
        location=draw(_TEXT),
        place_id=draw(_TEXT),
        admin1=draw(_TEXT),
        admin2=draw(_TEXT),
        admin3=draw(_TEXT),
        latitude=round(32.5 + 4.5 * draw(_COORD), 6) if has_place else None,
        longitude=round(35.8 + 6.4 * draw(_COORD), 6) if has_place else None,
        geo_precision=draw(st.integers(1, 3)),
        fatalities=draw(st.none() | st.integers(0, 100_000)),
        injuries=draw(st.none() | st.integers(0, 100_000)),
        source=draw(_TEXT),
        source_url=draw(_TEXT),
        source_date=draw(st.none() | _DAYS),
        notes=draw(_TEXT),
        language=draw(st.sampled_from(["", "ar", "en"])),
    )


def _unique(items: list[Incident]) -> list[Incident]:
    seen: dict[str, Incident] = {}
    for item in items:
        seen.setdefault(item.event_id, item)
    return list(seen.values())


def _round_trip(format_name: str, items: Sequence[Incident], folder: Path) -> list[Incident]:
    path = folder / f"out-{format_name}{SUFFIX[format_name]}"
    FORMATS[format_name].write(items, path)
    result = reader_for(path).read(path)
    assert result.rejected == [], [str(r) for r in result.rejected]
    if items:  # an empty file gets a "no data rows" warning, rightly
        assert [str(w) for w in result.warnings] == []
    return result.incidents


def _by_id(items: Sequence[Incident]) -> list[Incident]:
    return sorted(items, key=lambda i: i.event_id)


# -- round trips --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_placed() -> list[Incident]:
    return place_incidents(load_incidents().incidents, Gazetteer.default()).placed


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_seed_round_trip(format_name: str, seed_placed: list[Incident], tmp_path: Path) -> None:
    again = _round_trip(format_name, seed_placed, tmp_path)
    assert again == seed_placed  # same records, same order


@pytest.mark.parametrize("format_name", ["csv", "jsonl", "geojson", "acled"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(incidents(), max_size=6).map(_unique))
def test_round_trip_property_text_formats(format_name: str, items: list[Incident], tmp_path: Path) -> None:
    assert _round_trip(format_name, items, tmp_path) == items


@pytest.mark.parametrize("format_name", ["gpkg", "kml"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(incidents(placed=True), min_size=1, max_size=5).map(_unique))
def test_round_trip_property_gdal_formats(format_name: str, items: list[Incident], tmp_path: Path) -> None:
    assert _round_trip(format_name, items, tmp_path) == items


def test_gpkg_keeps_unplaced_incidents_in_their_layer(tmp_path: Path) -> None:
    items = [make_incident(event_id="P1"), make_incident(event_id="U1", latitude=None, longitude=None)]
    path = tmp_path / "mixed.gpkg"
    GpkgWriter().write(items, path)
    assert _by_id(reader_for(path).read(path).incidents) == _by_id(items)


@pytest.mark.parametrize("format_name", ["geojson", "gpkg", "kml"])
def test_zones_round_trip(format_name: str, tmp_path: Path) -> None:
    zones = load_zones()
    path = tmp_path / f"zones{SUFFIX[format_name]}"
    writer = FORMATS[format_name]
    writer.write_zones(zones, path)  # type: ignore[attr-defined]
    again = read_zones(path, Gazetteer.default())
    assert [z.properties() for z in again] == [z.properties() for z in zones]
    for before, after in zip(zones, again, strict=True):
        expected = shapely.geometry.shape(rfc7946_geometry(before.geometry))  # 6 decimals, valid
        assert after.geometry.is_valid
        assert expected.symmetric_difference(after.geometry).area < 1e-12


# -- real clients: GDAL's ogrinfo and the GeoJSON JSON Schema -----------------


def _ogrinfo(path: Path) -> dict[str, int]:
    if _OGRINFO is None:
        if os.environ.get("CI"):
            pytest.fail("ogrinfo (Debian gdal-bin) is not installed")
        pytest.skip("ogrinfo (Debian gdal-bin) is not installed")
    done = subprocess.run(
        [_OGRINFO, "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # no warning, no error
    assert not re.search(r"(?i)warning|error", done.stdout)
    names = re.findall(r"^Layer name: (.*)$", done.stdout, re.M)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", done.stdout, re.M)]
    return dict(zip(names, counts, strict=True))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    runner = CliRunner()
    paths = {}
    for format_name in FORMATS:
        path = folder / f"seed-{format_name}{SUFFIX[format_name]}"
        result = runner.invoke(app, ["export", "--format", format_name, "-o", str(path)])
        assert result.exit_code == 0, result.output
        assert "23 incidents read: 19 mapped, 4 unplaced, 0 rejected." in result.output
        paths[format_name] = path
    for format_name in ("geojson", "gpkg", "kml"):
        path = folder / f"zones-{format_name}{SUFFIX[format_name]}"
        result = runner.invoke(app, ["export", "--zones", "--format", format_name, "-o", str(path)])
        assert result.exit_code == 0, result.output
        paths[f"zones-{format_name}"] = path
    return paths


@pytest.mark.parametrize(
    ("name", "layers"),
    [
        ("geojson", {"seed-geojson": 19}),
        ("gpkg", {"incidents": 19, "zones": 16, "unplaced": 4}),
        ("kml", {"zones": 16, "incidents": 19}),
        ("csv", {"seed-csv": 19}),
        ("acled", {"seed-acled": 19}),
        ("zones-geojson", {"zones-geojson": 16}),
        ("zones-gpkg", {"incidents": 0, "zones": 16, "unplaced": 0}),
        ("zones-kml", {"zones": 16}),
    ],
)
def test_ogrinfo_opens_every_export(exports: dict[str, Path], name: str, layers: dict[str, int]) -> None:
    assert _ogrinfo(exports[name]) == layers


def test_geojson_validates_against_the_geojson_schema(exports: dict[str, Path]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for name in ("geojson", "zones-geojson"):
        data = json.loads(exports[name].read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], name
        assert "crs" not in data
    broken = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point"}}]}
    assert list(validator.iter_errors(broken))  # the schema does reject bad GeoJSON


def test_gpkg_layers_and_types(exports: dict[str, Path]) -> None:
    import pyogrio

    path = str(exports["gpkg"])
    assert [list(x) for x in pyogrio.list_layers(path)] == [
        ["incidents", "Point"],
        ["zones", "MultiPolygon"],
        ["unplaced", None],
    ]
    info = pyogrio.read_info(path, layer="incidents")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["event_date"] == "datetime64[D]" and types["fatalities"] == "int32"
    assert info["crs"] == "EPSG:4326"
    unplaced = pyogrio.read_info(path, layer="unplaced")
    assert list(unplaced["fields"])[-1] == "reason"


def test_gpkg_is_deterministic(exports: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.gpkg"
    assert CliRunner().invoke(app, ["export", "--format", "gpkg", "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == exports["gpkg"].read_bytes()


def test_kml_styles_are_the_html_maps_colours(exports: dict[str, Path]) -> None:
    text = exports["kml"].read_text(encoding="utf-8")
    for colour in EVENT_TYPE_COLOURS.values():
        assert f"<color>{kml_colour(colour)}</color>" in text
    for faction_id, colour in FACTION_COLOURS.items():
        assert f'<Style id="zone-{faction_id}-control"><LineStyle><color>{kml_colour(colour)}</color>' in text
    assert text.count("<styleUrl>#event-battles</styleUrl>") == sum(
        1 for i in load_incidents().incidents if i.event_type == "Battles" and i.event_id not in _UNPLACED_SEEDS
    )


_UNPLACED_SEEDS = {"SEED-020", "SEED-021", "SEED-022", "SEED-023"}


def test_acled_export_has_acleds_columns_in_acleds_order(exports: dict[str, Path]) -> None:
    with open(exports["acled"], encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["event_id_cnty"] == "SEED-001" and first["country"] == "Syria" and first["iso"] == "760"
    assert first["disorder_type"] == "Political violence" and first["year"] == "2025"
    assert "geo:place_id=al-bahra" in first["tags"]


def test_stdout_export_of_a_binary_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--format", "gpkg"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"SQLite format 3\x00")


def test_zones_cannot_be_exported_as_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--zones", "--format", "csv"])
    assert result.exit_code == 2
    assert result.output == "error: zones can be exported as geojson, gpkg, kml, not 'csv'\n"


def test_an_interrupted_gdal_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.gpkg"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        GpkgWriter().write([make_incident()], tmp)
        raise RuntimeError("interrupted")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]


# -- readers from the wild ----------------------------------------------------

ACLED_AS_DOWNLOADED = (
    ",".join(ACLED_COLUMNS) + "\n"
    "SYR123,19 May 2025,2025,1,Political violence,Battles,Armed clash,Islamic State,,2,"
    "SDF: Syrian Democratic Forces,,2,22,,760,Middle East,Syria,Deir ez Zor,Abu Kamal,Hajin,Al Bahra,"
    '34.7270,40.7900,1,Enab Baladi,National,"IS attacked an SDF position, one killed.",1,,1748000000\n'
    "SYR124,2025-05-20,2025,2,Strategic developments,Strategic developments,Arrests,General Security,,1,,,0,10,,"
    "760,Middle East,Syria,Aleppo,Jebel Saman,Jebel Saman,Aleppo - Haydariya,,,2,SANA,National,,0,,1748000001\n"
)


def test_acled_as_downloaded(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_AS_DOWNLOADED, encoding="utf-8")
    assert isinstance(reader_for(path), AcledReader)
    result = reader_for(path).read(path)
    assert result.rejected == [] and result.warnings == []
    first, second = result.incidents
    assert first.event_id == "SYR123" and first.event_date == dt.date(2025, 5, 19)
    assert (first.longitude, first.latitude, first.geo_precision, first.fatalities) == (40.79, 34.727, 1, 1)
    assert first.notes == "IS attacked an SDF position, one killed." and first.admin3 == "Hajin"
    assert second.time_precision == 2 and second.fatalities == 0 and not second.is_placed
    assert AcledWriter.row(first)["event_date"] == "2025-05-19"


UCDP = (
    "id,year,type_of_violence,conflict_name,side_a,side_b,source_office,source_date,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,country,date_prec,date_start,date_end,best,high,low\n"
    "401,2019,1,Syria:Government,Government of Syria,IS,Reuters;AFP,2019-03-02;2019-03-03,2,Baghuz town,"
    "near Baghuz,Dayr az Zawr governorate,Abu Kamal district,34.4539,40.9434,Syria,1,2019-03-01 00:00:00.000,"
    "2019-03-04 00:00:00.000,12,15,10\n"
    "402,2019,3,IS - civilians,IS,Civilians,AFP,,6,Syria,,,,35.0,38.5,Syria,4,2019-03-01,2019-03-20,3,3,3\n"
)


def test_ucdp_ged_mapping(tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(UCDP, encoding="utf-8")
    assert isinstance(reader_for(path), UcdpReader)
    result = reader_for(path).read(path)
    assert result.rejected == [] and result.warnings == []
    near, country = result.incidents
    assert near.event_id == "UCDP-401" and (near.event_type, near.sub_event_type) == ("Battles", "Armed clash")
    assert (near.event_date, near.date_end, near.time_precision) == (dt.date(2019, 3, 1), dt.date(2019, 3, 4), 2)
    assert (near.geo_precision, near.fatalities, near.admin1, near.admin2) == (2, 12, "Dayr az Zawr", "Abu Kamal")
    assert (near.longitude, near.latitude, near.location) == (40.9434, 34.4539, "Baghuz town")
    assert near.source == "UCDP GED; Reuters;AFP" and near.source_date == dt.date(2019, 3, 2)
    assert "deaths: best 12, low 10, high 15" in near.notes
    assert country.event_type == "Violence against civilians" and country.time_precision == 3
    assert not country.is_placed and country.geo_precision == 3  # a country centroid is not a place
    assert "where_prec 6: only the country is known" in country.notes


@pytest.mark.parametrize(
    ("encoding", "warning"),
    [
        ("utf-8", ""),
        ("utf-8-sig", ""),
        ("utf-16", "read as UTF-16 (byte-order mark)"),
        ("utf-16-le", "read as UTF-16-LE (no byte-order mark)"),
        ("cp1256", "read as Windows-1256"),
    ],
)
def test_encodings_from_the_wild(tmp_path: Path, encoding: str, warning: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    text = "event_id,event_date,event_type,sub_event_type,location\nA,19 أيار 2025,Battles,Armed clash,دير الزور\n"
    path.write_bytes(text.encode(encoding))
    result = reader_for(path).read(path)
    assert result.incidents[0].location == "دير الزور"
    assert result.incidents[0].event_date == dt.date(2025, 5, 19)
    assert [w.message for w in result.warnings if warning and warning in w.message] == (
        [w.message for w in result.warnings] if warning else []
    )
    assert len(result.warnings) == (1 if warning else 0)


@pytest.mark.parametrize(
    "text",
    [
        "2025-05-19",
        "19/05/2025",
        "19.05.2025",
        "19 May 2025",
        "19-May-2025",
        "May 19, 2025",
        "19 أيار 2025",
        "19 مايو 2025",
        "١٩ أيار ٢٠٢٥",
        "۱۹ مايو ۲۰۲۵",
        "١٩/٠٥/٢٠٢٥",
        "19 ايار عام 2025",
        "2025-05-19T10:30:00Z",
    ],
)
def test_dates_in_every_form(text: str) -> None:
    assert parse_date(text) == dt.date(2025, 5, 19)


@pytest.mark.parametrize(
    ("levantine", "egyptian", "month"),
    [
        ("كانون الثاني", "يناير", 1),
        ("شباط", "فبراير", 2),
        ("آذار", "مارس", 3),
        ("نيسان", "أبريل", 4),
        ("أيار", "مايو", 5),
        ("حزيران", "يونيو", 6),
        ("تموز", "يوليو", 7),
        ("آب", "أغسطس", 8),
        ("أيلول", "سبتمبر", 9),
        ("تشرين الأول", "أكتوبر", 10),
        ("تشرين الثاني", "نوفمبر", 11),
        ("كانون الأول", "ديسمبر", 12),
    ],
)
def test_both_arabic_month_systems(levantine: str, egyptian: str, month: int) -> None:
    assert parse_date(f"3 {levantine} 2024") == parse_date(f"3 {egyptian} 2024") == dt.date(2024, month, 3)


def test_numbers_in_every_digit_system() -> None:
    assert parse_number("٣٥٫٣٣٥٨٨") == parse_number("۳۵٫۳۳۵۸۸") == parse_number("35.33588")
    assert parse_number("١٬٢٣٤") == 1234
    for bad in ("nan", "inf", "1,2", "", "3..4", "--1"):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_shapefile_with_truncated_column_names(tmp_path: Path, seed_placed: list[Incident]) -> None:
    import geopandas as gpd

    frame = gpd.GeoDataFrame(
        [i.to_record() for i in seed_placed[:3]],
        geometry=[shapely.Point(i.longitude, i.latitude) for i in seed_placed[:3]],  # type: ignore[arg-type]
        crs="EPSG:4326",
    )
    path = tmp_path / "incidents.shp"
    with pytest.warns(UserWarning):  # GDAL truncates the long column names, and says so
        frame.to_file(path, engine="pyogrio")
    result = reader_for(path).read(path)
    assert result.rejected == []
    assert [i.event_id for i in result.incidents] == [i.event_id for i in seed_placed[:3]]
    assert result.incidents[0].sub_event_type == seed_placed[0].sub_event_type


# -- property tests: nothing but the documented errors escapes ------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_and_number_raise_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_date(text)
    with contextlib.suppress(ValueError):
        parse_number(text)


_CSV_HEADS = st.sampled_from(
    [
        b"event_id,event_date,event_type,sub_event_type,latitude,longitude,fatalities\n",
        (",".join(ACLED_COLUMNS) + "\n").encode(),
        b"id,date_start,date_end,type_of_violence,where_prec,latitude,longitude,best,low,high\n",
        b"",
    ]
)


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".json", ".jsonl", ".gpkg", ".kml"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=_CSV_HEADS, body=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_readers_raise_only_input_error(suffix: str, head: bytes, body: bytes, tmp_path: Path) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(head + body if suffix == ".csv" else body)
    with contextlib.suppress(InputError):
        result = reader_for(path).read(path)
        assert result.rows == len(result.incidents) + len(result.rejected)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_decode_raises_only_input_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        decode(data, "x.csv")
    with contextlib.suppress(InputError):
        decode(codecs.BOM_UTF16_LE + data, "x.csv")
