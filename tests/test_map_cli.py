"""`geo map` options (offline/online, PNG/SVG, embed), zones from GIS files with a field mapping, `zones derive`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Polygon
from typer.testing import CliRunner

from gazetteer import Gazetteer
from geo.cli import app
from geo.errors import InputError
from geo.io.zones import parse_zone_fields, read_zones
from tests.test_map_html import page_data

# A self-intersecting "bow tie" (invalid) and a square, with the columns a GIS user might have.
BOW_TIE = Polygon([(38, 35), (39, 36), (39, 35), (38, 36), (38, 35)])
SQUARE = Polygon([(40, 35), (41, 35), (41, 36), (40, 36)])
FIELDS = "faction=FACTION,valid_from=DATE_FROM,kind=TYPE"


@pytest.fixture(scope="module")
def zone_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "FACTION": ["SDF", "Hay'at Tahrir al-Sham (HTS)"],
            "DATE_FROM": ["2025-06-01", "2025-06-01"],
            "TYPE": ["control", "influence"],
        },
        geometry=[BOW_TIE, SQUARE],
        crs="EPSG:4326",
    )


@pytest.mark.parametrize("suffix", ["gpkg", "shp", "kml", "geojson"])
def test_zones_from_gis_files_with_a_field_mapping(zone_frame: gpd.GeoDataFrame, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"zones.{suffix}"
    zone_frame.to_file(path, driver={"kml": "KML", "geojson": "GeoJSON"}.get(suffix), engine="pyogrio")
    zones = read_zones(path, Gazetteer.default(), fields=parse_zone_fields(FIELDS))
    assert [(z.faction, z.kind, z.valid_from.isoformat()) for z in zones] == [
        ("sdf", "control", "2025-06-01"),
        ("hts", "influence", "2025-06-01"),
    ]
    assert all(z.geometry.is_valid for z in zones)  # the bow tie was repaired
    assert zones[0].geometry.area == pytest.approx(0.5)
    assert zones[0].label_ar == "قوات سوريا الديمقراطية (قسد)"  # labels from the known faction


def test_missing_columns_are_named_with_a_hint(zone_frame: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = tmp_path / "zones.gpkg"
    zone_frame.to_file(path, engine="pyogrio")
    with pytest.raises(InputError, match=r"missing property 'valid_from'.*faction, date_from, type.*--zone-fields"):
        read_zones(path, Gazetteer.default())


def test_field_mapping_literals_and_errors() -> None:
    assert parse_zone_fields("faction=F, kind=activity") == {"faction": "F", "kind": "activity"}
    with pytest.raises(InputError, match="'colour' is not one of"):
        parse_zone_fields("colour=C")
    with pytest.raises(InputError, match="is not NAME=COLUMN"):
        parse_zone_fields("faction")


def test_geo_map_with_zone_file_and_fields(runner: CliRunner, zone_frame: gpd.GeoDataFrame, tmp_path: Path) -> None:
    zones = tmp_path / "zones.shp"
    zone_frame.to_file(zones, engine="pyogrio")
    out = tmp_path / "map.html"
    result = runner.invoke(
        app, ["map", "--zones", str(zones), "--zone-fields", f"{FIELDS},valid_to=2025-12-31", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["snapshots"] == ["2025-06-01/2025-12-31"]
    assert {f["properties"]["faction"] for f in data["zones"]["features"]} == {"sdf", "hts"}
    no_zones = runner.invoke(app, ["map", "--zone-fields", FIELDS, "-o", str(out)])
    assert no_zones.exit_code == 2 and "--zone-fields needs --zones FILE" in no_zones.output


def test_offline_is_the_default_and_online_adds_tiles(runner: CliRunner, tmp_path: Path) -> None:
    offline, online = tmp_path / "offline.html", tmp_path / "online.html"
    assert runner.invoke(app, ["map", "-o", str(offline)]).exit_code == 0
    assert runner.invoke(app, ["map", "--online", "-o", str(online)]).exit_code == 0
    offline_html, online_html = offline.read_text(encoding="utf-8"), online.read_text(encoding="utf-8")
    assert "openstreetmap.org/{z}" not in offline_html and not page_data(offline_html)["hasTiles"]
    assert "openstreetmap.org/{z}/{x}/{y}.png" in online_html and "openstreetmap.org/copyright" in online_html
    for html in (offline_html, online_html):
        assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?:", html, re.I)
    clash = runner.invoke(app, ["map", "--offline", "--tiles", "OpenStreetMap.Mapnik", "-o", str(online)])
    assert clash.exit_code == 2 and "--tiles needs the network" in clash.output


def test_png_and_svg_without_html(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a default syria-incidents.html would go
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    result = runner.invoke(
        app, ["map", "--as-of", "2024-11-26", "--png", str(png), "--svg", str(svg), "--dpi", "60"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and svg.read_bytes().startswith(b"<?xml")
    assert not (tmp_path / "syria-incidents.html").exists()
    assert (tmp_path / "map.unplaced.csv").is_file()  # the unplaced rows are still reported, beside the image
    assert "23 incidents read: 2 mapped, 17 after the as-of date, 4 unplaced, 0 rejected." in result.output
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (660, 450)  # 11 × 7.5 inches at 60 dpi


def test_embed_prints_a_snippet_on_stdout(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "report-map.html"
    result = runner.invoke(app, ["map", "--embed", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout.startswith('<div style="position:relative;width:100%')
    assert '<iframe src="report-map.html"' in result.stdout and "wrote" not in result.stdout


def test_zones_derive_limit_and_as_of(runner: CliRunner, tmp_path: Path) -> None:
    from geo.seeds import seed_path

    free, limited = tmp_path / "free.geojson", tmp_path / "limited.geojson"
    control = str(seed_path("control_points.csv"))
    assert runner.invoke(app, ["zones", "derive", control, "-o", str(free)]).exit_code == 0
    result = runner.invoke(
        app, ["zones", "derive", control, "--max-distance-km", "40", "--as-of", "2025-07-01", "-o", str(limited)]
    )
    assert result.exit_code == 0, result.output
    free_zones = read_zones(free, Gazetteer.default())
    limited_zones = read_zones(limited, Gazetteer.default())
    assert {z.valid_from.isoformat() for z in limited_zones} == {"2025-06-01"}
    area = sum(z.geometry.area for z in limited_zones if z.kind == "control")
    free_area = sum(z.geometry.area for z in free_zones if z.kind == "control" and z.valid_from.year == 2025)
    assert area < 0.9 * free_area  # the empty desert is left unclaimed
    assert json.loads(limited.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    bad = runner.invoke(app, ["zones", "derive", control, "--as-of", "2024-12-05", "-o", str(limited)])
    assert bad.exit_code == 2 and "no snapshot of control points is valid on 2024-12-05" in bad.output
