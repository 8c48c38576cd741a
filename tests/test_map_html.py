"""The HTML page: self-contained, deterministic, and inert whatever the data says."""

from __future__ import annotations

import datetime as dt
import json
import re

from gazetteer import Gazetteer
from geo.mapping import build_map
from geo.placing import place_incidents
from geo.seeds import load_incidents, load_zones
from maps import render_html
from tests.conftest import make_incident

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "<!--",
    "\u2028</SCRIPT >",
]


def _seed_html() -> str:
    placed = place_incidents(load_incidents().incidents, Gazetteer.default()).placed
    return build_map(placed, load_zones(), gazetteer=Gazetteer.default()).html


def test_same_input_same_bytes() -> None:
    assert _seed_html() == _seed_html()


def test_no_external_script_stylesheet_or_font() -> None:
    html = _seed_html()
    assert not re.search(r"<script[^>]+src=", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html, re.I)
    assert not re.search(r"url\([\"']?https?:", html, re.I)
    assert not re.search(r"@import", html)
    assert "leaflet" in html.lower()  # inlined, not linked


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
    data = json.loads(body.group(1))
    assert data["title"] == "</script><b>t</b>"
    assert {f["properties"]["notes"] for f in data["incidents"]["features"]} == set(HOSTILE)
    raw = body.group(1)
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    assert "<img" not in html and "alert(2)</script>" not in html and "<b>t</b>" not in html


def test_popups_are_built_without_html_parsing() -> None:
    from maps.assets import incident_map_js

    code = incident_map_js()
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "document.write" not in code
    assert "textContent" in code


def test_render_accepts_geo_interface_objects_and_geodataframes() -> None:
    import geopandas as gpd

    incident = make_incident()
    frame = gpd.GeoDataFrame.from_features([incident.__geo_interface__], crs="EPSG:4326")
    html_objects = render_html([incident], title="t", as_of="2025-06-01")
    html_frame = render_html(frame, title="t", as_of="2025-06-01")
    for html in (html_objects, html_frame):
        data = json.loads(re.search(r'id="geo-map-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
        assert data["incidents"]["features"][0]["properties"]["event_id"] == "T-1"


def test_incidents_after_as_of_are_left_off() -> None:
    incidents = [make_incident(event_id="early"), make_incident(event_id="late", event_date=dt.date(2025, 7, 1))]
    result = build_map(incidents, [], gazetteer=Gazetteer.default(), as_of=dt.date(2025, 6, 1))
    assert [i.event_id for i in result.shown] == ["early"] and [i.event_id for i in result.later] == ["late"]
