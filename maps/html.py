"""Single-file HTML maps: Leaflet, inlined, with zones, incidents, legend and popups.

The page embeds Leaflet from the ``django-js-lib-leaflet`` wheel and an
offline vector basemap, so it works with no network. With ``tiles`` a tile
layer from xyzservices is added under the data, with its attribution.

All data reaches the page as one JSON document inside
``<script type="application/json">`` (with ``<``, ``>`` and ``&`` escaped)
and is put into the DOM with ``textContent`` by ``assets/incident_map.js``:
no input string is ever parsed as HTML.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import folium
import xyzservices
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from maps.assets import incident_map_css, incident_map_js, leaflet_css, leaflet_js
from maps.basemap import basemap_layers, governorate_areas
from maps.errors import MapInputError
from maps.features import SupportsGeoInterface, iter_features
from maps.ids import deterministic_ids
from maps.style import (
    EVENT_TYPE_COLOURS,
    FACTION_COLOURS,
    PRECISION_RING_KM,
    UNKNOWN_COLOUR,
    ZONE_KIND_STYLES,
    marker_radius,
)

__all__ = ["CANVAS_THRESHOLD", "render_html", "write_html"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Above this many incidents, markers are drawn on one canvas instead of as SVG elements.
CANVAS_THRESHOLD = 2000
_DATA_ELEMENT_ID = "geo-map-data"
_ATTRIBUTION = (
    "Boundaries: OCHA COD-AB (CC BY 3.0 IGO) · Places: GeoNames (CC BY 4.0), OCHA, Wikidata · "
    "Zones: approximate, derived from control points"
)
_SIZE_LEGEND = (1, 10, 50)
_INCIDENT_FIELDS = (
    "event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "place_id", "admin1", "geo_precision", "fatalities", "injuries", "source", "source_url",
    "source_date", "notes", "event_type_ar", "sub_event_type_ar", "place_en", "place_ar",
)  # fmt: skip


class _Raw(Element):
    """A piece of HTML inserted as is (not parsed as a Jinja template)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self._html = html

    def render(self, **kwargs: Any) -> str:
        return self._html


class _DrawLayers(MacroElement):
    """Calls the layer code once the Leaflet map exists."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GeoIncidentMap.render({{ this._parent.get_name() }}, "
        "JSON.parse(document.getElementById('" + _DATA_ELEMENT_ID + "').textContent));"
        "{% endmacro %}"
    )


class _Map(folium.Map):
    """A folium map that loads nothing from a CDN (Leaflet is inlined by `render_html`)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium's own declaration
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


def _script_json(payload: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _incident_payload(feature: Mapping[str, Any], number: int) -> dict[str, Any]:
    props = feature.get("properties") or {}
    geometry = feature.get("geometry")
    if not geometry or geometry.get("type") != "Point":
        raise MapInputError(f"incident {props.get('event_id', number)!r} has no point geometry")
    lon, lat = geometry["coordinates"][:2]
    out = {name: props.get(name) for name in _INCIDENT_FIELDS}
    precision = int(props.get("geo_precision") or 1)
    out["geo_precision"] = precision
    out["time_precision"] = int(props.get("time_precision") or 1)
    out["colour"] = EVENT_TYPE_COLOURS.get(str(props.get("event_type")), UNKNOWN_COLOUR)
    out["radius"] = marker_radius(props.get("fatalities"))
    out["ring_km"] = PRECISION_RING_KM.get(precision)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": out,
    }


def _snapshot_key(props: Mapping[str, Any]) -> str:
    """A zone's snapshot as ``"valid_from/valid_to"`` (``valid_to`` empty when open-ended)."""
    return f"{props.get('valid_from') or ''}/{props.get('valid_to') or ''}"


def _zone_payload(feature: Mapping[str, Any]) -> dict[str, Any]:
    props = dict(feature.get("properties") or {})
    props["colour"] = FACTION_COLOURS.get(str(props.get("faction")), UNKNOWN_COLOUR)
    props["snapshot"] = _snapshot_key(props)
    return {"type": "Feature", "geometry": feature["geometry"], "properties": props}


def _snapshot_on(snapshots: Iterable[str], day: str) -> str:
    """The snapshot in force on *day* (ISO date), or ``""`` when none is."""
    for key in sorted(snapshots, reverse=True):
        start, end = key.split("/")
        if start <= day and (not end or day <= end):
            return key
    return ""


def _legend(
    incidents: list[dict[str, Any]], zones: list[dict[str, Any]], labels_ar: Mapping[str, str]
) -> dict[str, Any]:
    present = {f["properties"]["event_type"] for f in incidents}
    event_types = [
        {"name": name, "label_ar": labels_ar.get(name, ""), "colour": colour}
        for name, colour in EVENT_TYPE_COLOURS.items()
        if name in present
    ]
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for zone in zones:
        p = zone["properties"]
        seen.setdefault(
            (p["snapshot"], p["faction"], p["kind"]),
            {"snapshot": p["snapshot"], "id": p["faction"], "kind": p["kind"], "label_en": p["label_en"],
             "label_ar": p["label_ar"], "colour": p["colour"]},
        )  # fmt: skip
    order = list(FACTION_COLOURS)
    factions = sorted(
        seen.values(),
        key=lambda f: (f["snapshot"], order.index(f["id"]) if f["id"] in order else len(order), f["kind"]),
    )
    sizes = [{"label": str(n), "radius": marker_radius(n)} for n in _SIZE_LEGEND]
    return {"eventTypes": event_types, "factions": factions, "sizes": sizes}


def render_html(
    incidents: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]],
    zones: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]] = (),
    *,
    title: str,
    title_ar: str = "",
    subtitle: str = "",
    as_of: str = "",
    tiles: str | None = None,
    context: Sequence[tuple[str, str]] = (),
    event_type_labels_ar: Mapping[str, str] | None = None,
) -> str:
    """Render incidents and zones as one self-contained HTML page.

    Parameters
    ----------
    incidents
        Point features whose properties follow the incident contract (plus
        optional ``event_type_ar``, ``sub_event_type_ar``, ``place_en``,
        ``place_ar`` for bilingual popups).
    zones
        Polygon features with ``faction``, ``label_en``, ``label_ar``, ``kind``,
        ``valid_from``, ``valid_to``. Every snapshot (distinct date range) is
        embedded; the reader can switch between them.
    title, title_ar, subtitle
        Shown at the top of the map (as text, never as HTML).
    as_of
        ISO date the map is "as of": the zone snapshot in force that day is
        shown first; if none is, the map says so and shows no zones.
    tiles
        An xyzservices provider name (``"CartoDB.Positron"``) for online
        tiles; None draws only the embedded vector basemap (works offline).
    context
        ``(title, text)`` pairs listed in a panel: figures that are not points.

    Examples
    --------
    >>> html = render_html([], title="Empty map")
    >>> "<script src=" in html
    False
    """
    incident_features = [_incident_payload(f, n) for n, f in enumerate(iter_features(incidents), start=1)]
    zone_features = [_zone_payload(f) for f in iter_features(zones)]
    snapshots = sorted({f["properties"]["snapshot"] for f in zone_features})
    current = _snapshot_on(snapshots, as_of) if as_of else (snapshots[-1] if snapshots else "")
    note = (
        f"No zone snapshot covers {as_of}: zones are hidden (choose one on the right)."
        if snapshots and not current
        else ""
    )
    areas = governorate_areas()
    payload = {
        "title": title,
        "titleAr": title_ar,
        "subtitle": subtitle,
        "asOf": as_of,
        "snapshots": snapshots,
        "currentSnapshot": current,
        "zonesNote": note,
        "attribution": _ATTRIBUTION,
        "hasTiles": tiles is not None,
        "canvasThreshold": CANVAS_THRESHOLD,
        "basemap": basemap_layers(),
        "zones": {"type": "FeatureCollection", "features": zone_features},
        "zoneKinds": ZONE_KIND_STYLES,
        "incidents": {"type": "FeatureCollection", "features": incident_features},
        "areas": {f["properties"]["place_id"]: areas[f["properties"]["place_id"]]
                  for f in incident_features if f["properties"]["place_id"] in areas},
        "legend": _legend(incident_features, zone_features, event_type_labels_ar or {}),
        "context": [{"title": t, "text": x} for t, x in context],
    }  # fmt: skip
    with deterministic_ids():
        fmap = _Map(location=[35.0, 38.5], zoom_start=7, tiles=None, prefer_canvas=False, control_scale=False)
        if tiles:
            try:
                provider = xyzservices.providers.query_name(tiles)
            except ValueError as err:
                raise MapInputError(f"unknown tile provider {tiles!r}") from err
            folium.TileLayer(provider, name=tiles).add_to(fmap)
        figure = cast(Figure, fmap.get_root())
        figure.header.add_child(_Raw(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
        figure.header.add_child(_Raw(f"<script>{leaflet_js()}</script>"), name="leaflet_js")
        figure.header.add_child(_Raw(f"<style>{incident_map_css()}</style>"), name="geo_css")
        figure.header.add_child(_Raw(f"<script>{incident_map_js()}</script>"), name="geo_js")
        figure.header.add_child(
            _Raw(f'<script type="application/json" id="{_DATA_ELEMENT_ID}">{_script_json(payload)}</script>'),
            name="geo_data",
        )
        _DrawLayers().add_to(fmap)
        html = figure.render()
    return html.replace("<html>", '<html lang="en">', 1)


def write_html(path: Path, html: str) -> Path:
    """Write a rendered page atomically and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path
