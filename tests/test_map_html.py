"""The HTML page: self-contained, deterministic, compact at scale, and inert whatever the data says."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import re
from typing import Any

import pytest

from gazetteer import Gazetteer
from geo.mapping import build_map, incident_features
from geo.placing import place_incidents
from geo.seeds import load_incidents, load_zones
from maps import MapInputError, render_html
from maps.basemap import rivers
from maps.html import COMPRESS_THRESHOLD, embed_snippet, incident_columns
from maps.style import (
    EVENT_TYPE_COLOURS,
    EVENT_TYPE_SHAPES,
    FACTION_COLOURS,
    MIN_CVD_DISTANCE,
    palette_separation,
    simulate_cvd,
)
from tests.conftest import make_incident

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "<!--",
    "\u2028</SCRIPT >",
]
EPOCH = dt.date(1970, 1, 1).toordinal()


def _seed_html() -> str:
    placed = place_incidents(load_incidents().incidents, Gazetteer.default()).placed
    return build_map(placed, load_zones(), gazetteer=Gazetteer.default()).html


def page_data(html: str) -> dict[str, Any]:
    """The map's embedded JSON document, with packed incident columns unpacked."""
    body = re.search(r'<script type="application/json" id="geo-map-data">(.*?)</script>', html, re.S)
    assert body is not None
    data: dict[str, Any] = json.loads(body.group(1))
    if data["incidentsGz"]:
        data["incidents"] = json.loads(gzip.decompress(base64.b64decode(data["incidentsGz"])))
    return data


def test_same_input_same_bytes() -> None:
    assert _seed_html() == _seed_html()


def test_no_external_script_stylesheet_or_font() -> None:
    html = _seed_html()
    assert not re.search(r"<script[^>]+src=", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html, re.I)
    assert not re.search(r"url\([\"']?https?:", html, re.I)
    assert not re.search(r"@import", html)
    assert "leaflet" in html.lower()  # inlined, not linked


def test_offline_basemap_has_outline_governorates_rivers_and_labels() -> None:
    data = page_data(_seed_html())
    basemap = data["basemap"]
    assert basemap["outline"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert len(basemap["governorates"]["features"]) == 14
    names = {f["properties"]["name_en"] for f in basemap["rivers"]["features"]}
    assert {"Euphrates", "Tigris", "Orontes", "Khabur"} <= names
    assert all(f["properties"]["name_ar"] for f in basemap["rivers"]["features"])
    assert any(label["en"] == "Aleppo" and label["ar"] == "حلب" for label in basemap["labels"])
    assert not data["hasTiles"]


def test_rivers_run_through_the_towns_they_should() -> None:
    """The Euphrates passes Raqqa and Deir ez-Zor, the Orontes Hama, the Khabur al-Hasakah (within 5 km)."""
    from shapely.geometry import Point, shape

    lines = {f["properties"]["river_id"]: shape(f["geometry"]) for f in rivers()["features"]}
    km = 1 / 111
    for river, (lon, lat) in [
        ("euphrates", (39.0086, 35.9528)),  # Raqqa
        ("euphrates", (40.1408, 35.3359)),  # Deir ez-Zor
        ("orontes", (36.7570, 35.1318)),  # Hama
        ("khabur", (40.7477, 36.5024)),  # al-Hasakah
    ]:
        assert lines[river].distance(Point(lon, lat)) < 5 * km, (river, lon, lat)


def test_hostile_strings_stay_inside_the_json_data() -> None:
    incidents = [
        make_incident(
            event_id=f"X{n}", notes=text, location=text, actor1=text, source=text, source_url=f"javascript:{text}"
        )
        for n, text in enumerate(HOSTILE)
    ]
    html = build_map(incidents, [], gazetteer=Gazetteer.default(), title="</script><b>t</b>").html
    body = re.search(r'<script type="application/json" id="geo-map-data">(.*?)</script>', html, re.S)
    assert body is not None
    data = page_data(html)
    assert data["title"] == "</script><b>t</b>"
    assert set(data["incidents"]["notes"]) == set(HOSTILE)
    assert set(HOSTILE) <= set(data["incidents"]["str"])  # locations, actors and sources, stored once each
    raw = body.group(1)
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    assert "<img" not in html and "alert(2)</script>" not in html and "<b>t</b>" not in html


def test_popups_are_built_without_html_parsing() -> None:
    from maps.assets import incident_map_js

    code = incident_map_js()
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "document.write" not in code
    assert "outerHTML" not in code and "DOMParser" not in code and "eval(" not in code
    assert "textContent" in code
    # Leaflet's own layer control writes names with innerHTML: the map uses its own, built with textContent.
    assert "L.control.layers" not in code


def test_render_accepts_geo_interface_objects_and_geodataframes() -> None:
    import geopandas as gpd

    incident = make_incident()
    frame = gpd.GeoDataFrame.from_features([incident.__geo_interface__], crs="EPSG:4326")
    html_objects = render_html([incident], title="t", as_of="2025-06-01")
    html_frame = render_html(frame, title="t", as_of="2025-06-01")
    for html in (html_objects, html_frame):
        columns = page_data(html)["incidents"]
        assert columns["event_id"] == ["T-1"]
        assert columns["date"] == [dt.date(2025, 5, 19).toordinal() - EPOCH]
        assert [columns["str"][i] for i in columns["actor1"]] == ["Islamic State"]


def test_incidents_after_as_of_are_left_off() -> None:
    incidents = [make_incident(event_id="early"), make_incident(event_id="late", event_date=dt.date(2025, 7, 1))]
    result = build_map(incidents, [], gazetteer=Gazetteer.default(), as_of=dt.date(2025, 6, 1))
    assert [i.event_id for i in result.shown] == ["early"] and [i.event_id for i in result.later] == ["late"]


def test_columns_keep_every_field_the_popup_shows() -> None:
    incident = make_incident(
        event_id="R-1",
        event_date=dt.date(2024, 12, 6),
        date_end=dt.date(2024, 12, 7),
        time_precision=2,
        fatalities=None,
        injuries=4,
        geo_precision=2,
        source_url="https://example.org/a",
        notes="n",
    )
    columns = page_data(build_map([incident], [], gazetteer=Gazetteer.default()).html)["incidents"]
    text = columns["str"]
    assert columns["n"] == 1 and columns["tp"] == [2] and columns["gp"] == [2]
    assert columns["end"][0] - columns["date"][0] == 1  # a range, shown as one in the popup
    assert columns["fat"] == [-1] and columns["inj"] == [4]  # -1: not reported (not zero)
    assert text[columns["sub_event_type_ar"][0]] == "اشتباك مسلح"
    assert text[columns["source_url"][0]] == "https://example.org/a"
    assert columns["lon"] == [40.79] and columns["lat"] == [34.727]


def test_types_carry_colour_and_shape_for_the_legend() -> None:
    data = page_data(build_map([make_incident()], [], gazetteer=Gazetteer.default()).html)
    assert data["types"] == [
        {"name": "Battles", "label_ar": "معارك", "colour": EVENT_TYPE_COLOURS["Battles"], "shape": "circle"}
    ]
    assert data["incidents"]["type"] == [0]


def test_zones_every_snapshot_embedded_with_factions_in_legend_order() -> None:
    data = page_data(_seed_html())
    assert data["snapshots"] == ["2020-03-06/2024-11-26", "2025-06-01/"]
    ids = [f["id"] for f in data["factions"]]
    assert ids == [f for f in FACTION_COLOURS if f in ids]
    kinds = {f["properties"]["kind"] for f in data["zones"]["features"]}
    assert kinds == {"control", "influence", "activity"}
    assert data["zoneKinds"]["influence"]["fill"] == "hatch" and data["zoneKinds"]["activity"]["fill"] == "none"


def test_large_maps_pack_the_columns_deterministically() -> None:
    features = incident_features([make_incident(event_id=f"E{n}") for n in range(50)], Gazetteer.default())
    small = render_html(features, title="t")
    packed = render_html(features, title="t", compress=True)
    assert page_data(small)["incidentsGz"] is None
    assert page_data(packed)["incidents"] == page_data(small)["incidents"]
    assert packed == render_html(features, title="t", compress=True)
    assert COMPRESS_THRESHOLD >= 10_000


def test_columns_store_repeated_strings_once() -> None:
    point = {"type": "Point", "coordinates": [36.2, 33.5]}
    features = [
        {"type": "Feature", "geometry": point, "properties": {"event_id": str(n), "event_date": "2025-01-01",
                                                             "event_type": "Battles", "source": "SANA"}}
        for n in range(1000)
    ]  # fmt: skip
    columns = incident_columns(features, {"Battles": 0})
    assert columns["str"].count("SANA") == 1 and set(columns["source"]) == {columns["str"].index("SANA")}


def test_bad_input_names_the_incident() -> None:
    feature = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {"event_id": "P"}}
    with pytest.raises(MapInputError, match="'P' has no point geometry"):
        render_html([feature], title="t")
    point = {"type": "Point", "coordinates": [36.2, 33.5]}
    bad_date = {"type": "Feature", "geometry": point, "properties": {"event_id": "D", "event_date": "soon"}}
    with pytest.raises(MapInputError, match="incident 'D': 'soon' is not an ISO date"):
        render_html([bad_date], title="t")


def test_online_tiles_have_attribution_and_keyed_providers_are_refused() -> None:
    html = render_html([], title="t", tiles="OpenStreetMap.Mapnik")
    assert "openstreetmap.org/copyright" in html and page_data(html)["hasTiles"]
    with pytest.raises(MapInputError, match="needs an API key"):
        render_html([], title="t", tiles="CartoDB.Positron")
    with pytest.raises(MapInputError, match="unknown tile provider"):
        render_html([], title="t", tiles="No.Such")


def test_embed_snippet_is_responsive_and_escaped() -> None:
    snippet = embed_snippet('a"b.html', title="<x>")
    assert 'src="a&quot;b.html"' in snippet and 'title="&lt;x&gt;"' in snippet
    assert "width:100%" in snippet and "aspect-ratio" in snippet and "allowfullscreen" in snippet
    with pytest.raises(MapInputError):
        embed_snippet("a.html", title="t", aspect=0)


def test_faction_palette_is_colour_blind_safe() -> None:
    distance, kind, a, b = palette_separation(FACTION_COLOURS)
    assert distance >= MIN_CVD_DISTANCE, f"{a} and {b} are only {distance:.1f} apart under {kind}"
    # The event types are told apart by shape as well as colour.
    assert len(set(EVENT_TYPE_SHAPES.values())) == len(EVENT_TYPE_SHAPES) == len(EVENT_TYPE_COLOURS)


def test_cvd_simulation_confuses_red_and_green() -> None:
    import math

    normal = math.dist(simulate_cvd("#CC0000", "normal"), simulate_cvd("#009900", "normal"))
    deutan = math.dist(simulate_cvd("#CC0000", "deuteranopia"), simulate_cvd("#009900", "deuteranopia"))
    assert deutan < normal / 2
    with pytest.raises(ValueError, match="kind of vision"):
        simulate_cvd("#000000", "x")
